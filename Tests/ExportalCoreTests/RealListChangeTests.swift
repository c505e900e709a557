@testable import ExportalCore
import ExportalDomain
import Foundation
import Testing

/// Change sets on the real public lists in ../shared/data: the amendments OFAC made over six years to
/// the SDN entries that the 2019 list and the 2025 sample share, and versions of the SDN list, the UN
/// list and the Denied Persons List made from the real files by removing, adding, amending,
/// renumbering and reordering records.
@Suite(.enabled(if: PartyData.available, "skipped: ../shared/data is not here (it is on CI and on the team's machines)"))
struct RealListChangeTests {
    static let v1 = ListVersion(version: "2019", date: "2019-01-01"), v2 = ListVersion(version: "2025", date: "2025-01-01")

    /// The samples are not whole lists, so only the six shared entries (by `ent_num`) are compared.
    @Test func sdnAmendmentsOverSixYears() throws {
        let old = PartyData.read(.ofacSDNCSV, RealPartyListTests.sdn2019).records
        let new = PartyData.read(.ofacSDNCSV, RealPartyListTests.sdn2025).records
        let shared = Set(new.map(\.id)).intersection(old.map(\.id))
        #expect(shared.sorted() == ["10278", "11195", "12685", "15102", "19709", "20540"])
        let set = ChangeSet(from: Self.v1, to: Self.v2, old: old.filter { shared.contains($0.id) }, new: new.filter { shared.contains($0.id) },
                            matching: .listID)
        #expect(set.added.isEmpty && set.removed.isEmpty)
        #expect(set.amended.map(\.key) == ["11195", "20540"])
        let iami = try #require(set.change(forKey: "11195"))
        #expect(iami.fields.map(\.field) == [.aliases, .weakAliases, .addresses, .identifiers, .programmes, .remarks])
        #expect(iami.matchingFields == [.aliases, .weakAliases, .identifiers])
        #expect(iami.change(of: .aliases)?.removed == ["HESA", "IAMI", "IAMCO"])
        #expect(iami.change(of: .weakAliases)?.added == ["HESA", "IAMI", "IAMCO", "SHAHIN CO."])
        #expect(iami.change(of: .addresses)?.removed == ["Shahih Shar Industrial Zone, Isfahan (IR)"])
        #expect(iami.change(of: .addresses)?.added == ["Shahih Shar Industrial Zone, Esfahan (IR)"])
        #expect(iami.change(of: .identifiers)?.new == ["National ID No. 10100722073 (IR)", "Registration Number 26740 (IR)"])
        #expect(iami.change(of: .programmes)?.added == ["IRAN-CON-ARMS-EO"])
        let aircraft = try #require(set.change(forKey: "20540"))
        #expect(aircraft.fields.map(\.field) == [.remarks])
        #expect(aircraft.matchingFields.isEmpty)
    }

    /// Two versions of the UN list written from the real file and read through list.yml's history:
    /// one record added, one removed, one renamed, one moved and one re-spaced (neither a change).
    @Test func unVersionsMadeFromTheRealFile() throws {
        let xml = try String(contentsOf: PartyData.root.appendingPathComponent("un_sc/un_consolidated_2026-02-27.xml"), encoding: .utf8)
        let individuals = UNFixture.blocks("INDIVIDUAL", in: xml), entities = UNFixture.blocks("ENTITY", in: xml)
        let eric = try #require(individuals.first { $0.contains("<REFERENCE_NUMBER>CDi.001<") })
        let frank = try #require(individuals.first { $0.contains("<REFERENCE_NUMBER>CDi.002<") })
        let third = individuals[2], firstEntity = entities[0]
        let entityRef = try #require(UNFixture.reference(in: firstEntity))

        let old = xml.replacingOccurrences(of: frank, with: "")
        var new = xml.replacingOccurrences(of: firstEntity, with: "")
            .replacingOccurrences(of: third, with: third.replacingOccurrences(of: "<COMMENTS1>", with: "<COMMENTS1>  \n "))
            .replacingOccurrences(of: eric, with: "")
        let renamed = eric.replacingOccurrences(of: "<FIRST_NAME>ERIC</FIRST_NAME>", with: "<FIRST_NAME>ERICK</FIRST_NAME>")
        new = new.replacingOccurrences(of: "</INDIVIDUALS>", with: renamed + "\n</INDIVIDUALS>")

        let site = try FixtureSite(SmallSite.files + "\n" + """
        -- Content/parties/un/list.yml --
        title: UN Security Council Consolidated List
        authority: United Nations Security Council
        version: "2026-02-27"
        date: 2026-02-27
        format: un-xml
        file: current.xml
        history:
          - version: "2026-01-30"
            date: 2026-01-30
            file: history/2026-01-30.xml
        """)
        try site.write("Content/parties/un/current.xml", new)
        try site.write("Content/parties/un/history/2026-01-30.xml", old)
        let (content, lines) = ListHistoryLoadingTests.load(site.root)
        #expect(lines.isEmpty, "\(lines)")
        let list = try #require(content.partyLists.first { $0.id == "un" })
        #expect(list.history.map(\.version.version) == ["2026-01-30"])
        let set = try #require(list.changes.changeSets.first)
        #expect(set.matching == .listID)
        #expect(set.added.map(\.key) == ["CDi.002"])
        #expect(set.removed.map(\.key) == [entityRef])
        #expect(set.amended.map(\.key) == ["CDi.001"])
        #expect(set.amended.first?.fields == [FieldChange(field: .name, old: ["ERIC BADEGE"], new: ["ERICK BADEGE"])])
        #expect(list.changes.history(ofKey: "CDi.001").events.map(\.kind) == [.present, .amended])
    }

    /// The Denied Persons List has no ids: entries are matched on name and address, and the change
    /// set says so. One order lifted (its row removed), one order's action amended.
    @Test func deniedPersonsVersionsAreMatchedByNameAndAddress() throws {
        let text = try String(contentsOf: PartyData.root.appendingPathComponent("bis_dpl/dpl_2019.txt"), encoding: .utf8)
        var rows = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lifted = rows.remove(at: 1)
        rows[1] = rows[1].replacingOccurrences(of: "\"FEDERAL REGISTER NOTICE UPDATED\"", with: "\"FR NOTICE ADDED\"")
        let source = { (text: String) in PartySource(display: "dpl.txt", bytes: Array(text.utf8)) }
        let old = DPLReader.read(source(text)).records, new = DPLReader.read(source(rows.joined(separator: "\n"))).records
        let set = ChangeSet(from: Self.v1, to: Self.v2, old: old, new: new, matching: PartyListFormat.bisDPL.entryMatching)
        #expect(set.matching == .nameAndAddress)
        #expect(set.added.isEmpty)
        #expect(set.removed.map { $0.entry.primaryName } == ["ADRIAN MANUEL HERNANDEZ"])
        #expect(lifted.contains("ADRIAN MANUEL HERNANDEZ"))
        #expect(set.amended.map { $0.entry.primaryName } == ["I. ASH"])
        #expect(set.amended.first?.fields.map(\.field) == [.remarks])
        // Reading the same file twice gives the same identities, so no change.
        #expect(ChangeSet(from: Self.v1, to: Self.v2, old: old, new: old, matching: .nameAndAddress).isEmpty)
    }

    static func sdnList(_ files: String, version: String, date: String, history: [(String, String, String)]) -> String {
        """
        title: OFAC Specially Designated Nationals List
        authority: US Treasury, Office of Foreign Assets Control
        version: "\(version)"
        date: \(date)
        format: ofac-sdn-csv
        files: \(files)
        history:

        """ + history.map { "  - version: \"\($0.0)\"\n    date: \($0.1)\n    files: \($0.2)\n" }.joined()
    }

    /// Three whole versions of the SDN list written from the real 2019 files. The middle one removes
    /// CECOEX (480), which the newest lists again; gives ANGLO-CARIBBEAN (173) a new id under the
    /// same name; swaps AEROCARIBBEAN's name (36) with its alias; adds an alias to the Banco Nacional
    /// (306); re-spaces BOUTIQUE LA MAISON's name (424); adds two entries of the 2025 sample; and
    /// writes every file in reverse order. Only the first five are changes.
    @Test func sdnVersionsMadeFromTheRealFiles() throws {
        let full = try SDNFixture("ofac_sdn_csv/full_2019"), sample = try SDNFixture("ofac_sdn_csv/sample_2025")
        var middle = full
        middle.remove("480")
        middle.renumber("173", to: "90173")
        middle.edit("36") { $0.replacingOccurrences(of: "\"AEROCARIBBEAN AIRLINES\"", with: "\"AERO-CARIBBEAN\"") }
        middle.edit("36", in: "alt") { $0.replacingOccurrences(of: "\"AERO-CARIBBEAN\"", with: "\"AEROCARIBBEAN AIRLINES\"") }
        middle.append("306,990001,\"aka\",\"BNC\",-0- ", in: "alt")
        middle.edit("424") { $0.replacingOccurrences(of: "\"BOUTIQUE LA MAISON\"", with: "\" BOUTIQUE  LA MAISON \"") }
        middle.add("40716", from: sample)
        middle.add("44525", from: sample)
        middle.reverse()
        var newest = middle
        newest.add("480", from: full)

        let site = try FixtureSite(SmallSite.files)
        let history = [("2019-01", "2019-01-01", try full.write(to: site, list: "sdn", folder: "history/2019-01")),
                       ("2019-02", "2019-02-01", try middle.write(to: site, list: "sdn", folder: "history/2019-02"))]
        try site.write("Content/parties/sdn/list.yml",
                       Self.sdnList(try newest.write(to: site, list: "sdn", folder: "current"), version: "2019-03", date: "2019-03-01", history: history))
        let (content, lines) = ListHistoryLoadingTests.load(site.root)
        #expect(lines.isEmpty, "\(lines)")
        let list = try #require(content.partyLists.first { $0.id == "sdn" })
        #expect(list.history.map(\.records.count) == [7379, 7380])
        #expect(list.records.count == 7381)
        #expect(list.changes.changeSets.map(ListHistoryLoadingTests.summary) == [
            ["2019-01 → 2019-02", #"added ["40716", "44525", "90173"]"#, #"removed ["173", "480"]"#,
             "amended 36: Name, Aliases", "amended 306: Aliases"],
            ["2019-02 → 2019-03", #"added ["480"]"#, "removed []"],
        ])
        let first = list.changes.changeSets[0]
        // A new id under the same name is a removal and an addition: the list's ids are its identity.
        #expect(first.change(forKey: "173")?.entry.primaryName == "ANGLO-CARIBBEAN CO., LTD.")
        #expect(first.change(forKey: "90173")?.entry.primaryName == "ANGLO-CARIBBEAN CO., LTD.")
        // A name moved from alias to primary changes both, and both matter for matching.
        let swapped = try #require(first.change(forKey: "36"))
        #expect(swapped.fields == [FieldChange(field: .name, old: ["AEROCARIBBEAN AIRLINES"], new: ["AERO-CARIBBEAN"]),
                                   FieldChange(field: .aliases, old: ["AERO-CARIBBEAN"], new: ["AEROCARIBBEAN AIRLINES"])])
        #expect(swapped.matchingFields == [.name, .aliases])
        #expect(first.change(forKey: "306")?.change(of: .aliases)?.added == ["BNC"])
        #expect(list.changes.history(ofKey: "480").events.map(\.kind) == [.present, .removed, .added])
        #expect(list.changes.history(ofKey: "424").events.map(\.kind) == [.present])
        #expect(list.changes.history(ofKey: "44525").events.map(\.kind) == [.added])
    }

    /// A version whose file is malformed fails at its own file and line, and the build writes nothing.
    @Test func aMalformedSDNVersionIsAnErrorAtItsLine() throws {
        let full = try SDNFixture("ofac_sdn_csv/full_2019")
        var broken = full
        broken.edit("424") { $0.replacingOccurrences(of: "\"BOUTIQUE LA MAISON\"", with: "\"BOUTIQUE \"LA\" MAISON\"") }
        let line = try #require(broken.line(of: "424"))
        let site = try FixtureSite(SmallSite.files)
        let history = [("2019-01", "2019-01-01", try broken.write(to: site, list: "sdn", folder: "history/2019-01"))]
        try site.write("Content/parties/sdn/list.yml",
                       Self.sdnList(try full.write(to: site, list: "sdn", folder: "current"), version: "2019-02", date: "2019-02-01", history: history))
        let result = site.build()
        #expect(!result.succeeded)
        #expect(result.lines.first?.hasPrefix("Content/parties/sdn/history/2019-01/sdn.csv:\(line):16: error: text after the closing quote of a field (is a quote missing?)") == true, "\(result.lines)")
        #expect(!site.exists("Output") && !site.exists("Checklists"))
    }

    /// The six entries the 2019 list and the 2025 sample share, as `exportal changes` prints them:
    /// OFAC's amendments over six years, for release notes.
    @Test func sdnSharedEntriesAsReleaseNotes() throws {
        let shared: Set = ["10278", "11195", "12685", "15102", "19709", "20540"]
        var old = try SDNFixture("ofac_sdn_csv/full_2019"), new = try SDNFixture("ofac_sdn_csv/sample_2025")
        old.keep(shared)
        new.keep(shared)
        let site = try FixtureSite(SmallSite.files)
        let history = [("2019", "2019-01-01", try old.write(to: site, list: "sdn", folder: "history/2019"))]
        try site.write("Content/parties/sdn/list.yml",
                       Self.sdnList(try new.write(to: site, list: "sdn", folder: "current"), version: "2025", date: "2025-01-01", history: history))
        let run = ChangeLister.run(ChangesRequest(content: site.root.appendingPathComponent("Content").path, list: "sdn"))
        #expect(run.diagnostics.isEmpty, "\(run.diagnostics)")
        #expect(run.output == """
            OFAC Specially Designated Nationals List (party list sdn): 2019 (2019-01-01) to 2025 (2025-01-01)
            Entries matched by the list's own entry ids.
            0 added, 0 removed, 2 amended

            Amended
              11195  IRAN AIRCRAFT MANUFACTURING INDUSTRIAL COMPANY
                Aliases
                  - HESA
                  - IAMI
                  - IAMCO
                Weak aliases
                  + HESA
                  + IAMI
                  + IAMCO
                  + SHAHIN CO.
                Addresses
                  - Shahih Shar Industrial Zone, Isfahan (IR)
                  + Shahih Shar Industrial Zone, Esfahan (IR)
                Identifiers
                  + National ID No. 10100722073 (IR)
                  + Registration Number 26740 (IR)
                Programmes
                  + IRAN-CON-ARMS-EO
                Remarks
                  - Additional Sanctions Information - Subject to Secondary Sanctions; a.k.a. 'HTC'; a.k.a. 'HAVA PEYMA SAZI-E IRAN'; a.k.a. 'HAVAPEYMA SAZI IRAN'; a.k.a. 'HAVAPEYMA SAZHRAN'; a.k.a. 'HEVAPEIMASAZI'.
                  + Additional Sanctions Information - Subject to Secondary Sanctions; National ID No. 10100722073 (Iran); Registration Number 26740 (Iran); a.k.a. 'HESA'; a.k.a. 'HTC'; a.k.a. 'IAMI'; a.k.a. 'IAMCO'; a.k.a. 'HAVA PEYMA SAZI-E IRAN'; a.k.a. 'HAVAPEYMA SAZI IRAN'; a.k.a. 'HAVAPEYMA SAZHRAN'; a.k.a. 'HEVAPEIMASAZI'; a.k.a. 'SHAHIN CO.'; Linked To: MINISTRY OF DEFENSE AND ARMED FORCES LOGISTICS; Linked To: ISLAMIC REVOLUTIONARY GUARD CORPS.
              20540  P-532
                Remarks
                  - Aircraft Manufacture Date 1974; Aircraft Model AN24-RV; Aircraft Operator Air Koryo; Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210.
                  + Aircraft Manufacture Date 1974; Aircraft Model AN24-RV; Aircraft Operator Air Koryo; Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214.

            """)
    }

    /// The UN list renumbers an entry (same names, new reference number) and is republished with its
    /// records in reverse order: a removal and an addition, nothing amended.
    @Test func unEntryUnderANewReferenceNumber() throws {
        let xml = try String(contentsOf: PartyData.root.appendingPathComponent("un_sc/un_consolidated_2026-02-27.xml"), encoding: .utf8)
        let individuals = UNFixture.blocks("INDIVIDUAL", in: xml)
        let eric = try #require(individuals.first { $0.contains("<REFERENCE_NUMBER>CDi.001<") })
        var new = xml.replacingOccurrences(of: eric, with: eric.replacingOccurrences(of: ">CDi.001<", with: ">CDi.901<"))
        // The individuals in reverse order, between what comes before the first and after the last.
        let renumbered = UNFixture.blocks("INDIVIDUAL", in: new)
        let start = try #require(new.range(of: "<INDIVIDUAL>")), end = try #require(new.range(of: "</INDIVIDUAL>", options: .backwards))
        new = String(new[..<start.lowerBound]) + renumbered.reversed().joined(separator: "\n") + String(new[end.upperBound...])
        #expect(UNFixture.blocks("INDIVIDUAL", in: new).first == renumbered.last)

        let source = { (text: String) in PartySource(display: "un.xml", bytes: Array(text.utf8)) }
        let old = UNListReader.read(source(xml)), current = UNListReader.read(source(new))
        #expect(old.diagnostics.isEmpty && current.diagnostics.isEmpty)
        let set = ChangeSet(from: Self.v1, to: Self.v2, old: old.records, new: current.records, matching: PartyListFormat.unXML.entryMatching)
        #expect(set.removed.map(\.key) == ["CDi.001"] && set.added.map(\.key) == ["CDi.901"] && set.amended.isEmpty)
        #expect(set.removed.first?.entry.primaryName == set.added.first?.entry.primaryName)
    }

}

/// Cuts the real UN file into its records, to write other versions of it.
enum UNFixture {
    /// Every `<tag>...</tag>` element, with its own text exactly as in the file.
    static func blocks(_ tag: String, in xml: String) -> [String] {
        var result: [String] = []
        var rest = xml[...]
        while let start = rest.range(of: "<\(tag)>"), let end = rest[start.upperBound...].range(of: "</\(tag)>") {
            result.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }

    static func reference(in block: String) -> String? {
        guard let start = block.range(of: "<REFERENCE_NUMBER>"), let end = block.range(of: "</REFERENCE_NUMBER>") else { return nil }
        return String(block[start.upperBound..<end.lowerBound])
    }
}
