@testable import ExportalCore
import ExportalDomain
import Foundation
import Testing

/// Change sets on the real public lists in ../shared/data: the amendments OFAC made over six years to
/// the SDN entries that the 2019 list and the 2025 sample share, and versions of the UN list and the
/// Denied Persons List made from the real files by removing, amending and reordering records.
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
