import ExportalDomain
import Testing

private let v1 = ListVersion(version: "2025-05", date: "2025-05-02")
private let v2 = ListVersion(version: "2025-08", date: "2025-08-01")
private let v3 = ListVersion(version: "2025-11", date: "2025-11-14")

private func party(_ id: String, _ name: String, aliases: [String] = [], weak: [String] = [], type: PartyRecord.EntityType = .entity,
                   addresses: [PartyRecord.Address] = [], countries: [String] = [], births: [String] = [],
                   identifiers: [PartyRecord.Identifier] = [], programmes: [String] = [], listedOn: String? = nil,
                   remarks: String? = nil) -> PartyRecord {
    PartyRecord(id: id, primaryName: name, type: type,
                aliases: aliases.map { .init(name: $0, strength: .strong) } + weak.map { .init(name: $0, strength: .weak) },
                addresses: addresses, countries: countries, birthDates: births, identifiers: identifiers, programmes: programmes,
                listedOn: listedOn, remarks: remarks)
}

private func changes(_ old: [PartyRecord], _ new: [PartyRecord], _ matching: EntryMatching = .listID) -> ChangeSet<PartyRecord> {
    ChangeSet(from: v1, to: v2, old: old, new: new, matching: matching)
}

@Suite struct PartyChangeSetTests {
    static let base = party("NB-1", "Severtech Integratsiya LLC", aliases: ["OOO Severtekh"], weak: ["Severtech"],
                            addresses: [.init(text: "Promyshlennaya ulitsa 14, Sankt-Peterburg", country: "RU")], countries: ["RU"],
                            births: [], identifiers: [.init(kind: "INN", value: "7801234567", country: "RU")],
                            programmes: ["NB-DIVERSION"], listedOn: "2024-06-03", remarks: "Reported by two members.")

    @Test func addedRemovedAndAmendedInNaturalOrder() {
        let old = [party("1000", "A"), party("36", "B"), party("306", "C"), party("7", "D")]
        let new = [party("306", "C renamed"), party("36", "B"), party("1000", "A", remarks: "new remark"), party("12", "E"), party("9", "F")]
        let set = changes(old, new)
        #expect(set.added.map(\.key) == ["9", "12"])
        #expect(set.removed.map(\.key) == ["7"])
        #expect(set.amended.map(\.key) == ["306", "1000"])
        #expect(set.removed.first?.old?.primaryName == "D" && set.removed.first?.new == nil)
        #expect(set.added.first?.new?.primaryName == "F" && set.added.first?.old == nil)
        #expect(set.amended.map { $0.fields.map(\.field) } == [[.name], [.remarks]])
        #expect(set.change(forKey: "36") == nil)
        #expect(set.change(forKey: "7")?.kind == .removed)
        #expect(set.matching == .listID && set.from == v1 && set.to == v2)
    }

    /// Each field, changed on its own, is reported as that field alone with old and new values.
    @Test(arguments: PartyChangeSetTests.variants)
    func eachFieldIsReported(_ field: PartyField, _ amended: PartyRecord) throws {
        let set = changes([Self.base], [amended])
        let change = try #require(set.amended.first)
        #expect(change.fields.map(\.field) == [field])
        let values = try #require(change.change(of: field))
        #expect(values.old == Self.base.changeValues(field))
        #expect(values.new == amended.changeValues(field))
        #expect(values.old != values.new)
        #expect(change.matchingFields == (field.mattersForMatching ? [field] : []))
    }

    static let variants: [(PartyField, PartyRecord)] = {
        let b = base
        func with(name: String? = nil, aliases: [String]? = nil, weak: [String]? = nil, type: PartyRecord.EntityType? = nil, addresses: [PartyRecord.Address]? = nil,
                  countries: [String]? = nil, births: [String]? = nil, identifiers: [PartyRecord.Identifier]? = nil,
                  programmes: [String]? = nil, listedOn: String?? = nil, remarks: String?? = nil) -> PartyRecord {
            party(b.id, name ?? b.primaryName, aliases: aliases ?? ["OOO Severtekh"], weak: weak ?? ["Severtech"], type: type ?? b.type,
                  addresses: addresses ?? b.addresses, countries: countries ?? b.countries, births: births ?? b.birthDates,
                  identifiers: identifiers ?? b.identifiers, programmes: programmes ?? b.programmes,
                  listedOn: listedOn ?? b.listedOn, remarks: remarks ?? b.remarks)
        }
        return [
            (.name, with(name: "Severtech Integration LLC")),
            (.aliases, with(aliases: ["OOO Severtekh", "Severtech Integration"])),
            (.weakAliases, with(weak: [])),
            (.type, with(type: .individual)),
            (.addresses, with(addresses: [.init(text: "Nevsky prospekt 1, Sankt-Peterburg", country: "RU")])),
            (.countries, with(countries: ["RU", "BY"])),
            (.birthDates, with(births: ["1971"])),
            (.identifiers, with(identifiers: [.init(kind: "INN", value: "7801234568", country: "RU")])),
            (.programmes, with(programmes: ["NB-DIVERSION", "NB-END-USE"])),
            (.listedOn, with(listedOn: .some("2024-07-01"))),
            (.remarks, with(remarks: .some(nil))),
        ]
    }()

    @Test func addedAndRemovedValuesAreSideBySide() throws {
        let amended = party("NB-1", Self.base.primaryName, aliases: ["Severtech Integration", "OOO Severtekh"], weak: ["Severtech"],
                            addresses: Self.base.addresses, countries: ["RU"], identifiers: Self.base.identifiers,
                            programmes: ["NB-DIVERSION"], listedOn: "2024-06-03", remarks: "Reported by two members.")
        let aliases = try #require(changes([Self.base], [amended]).amended.first?.change(of: .aliases))
        #expect(aliases.old == ["OOO Severtekh"])
        #expect(aliases.new == ["Severtech Integration", "OOO Severtekh"])
        #expect(aliases.added == ["Severtech Integration"] && aliases.removed.isEmpty)
        let address = try #require(changes([Self.base], [Self.variants[4].1]).amended.first?.change(of: .addresses))
        #expect(address.old == ["Promyshlennaya ulitsa 14, Sankt-Peterburg (RU)"])
        #expect(address.new == ["Nevsky prospekt 1, Sankt-Peterburg (RU)"])
        let identifier = try #require(changes([Self.base], [Self.variants[7].1]).amended.first?.change(of: .identifiers))
        #expect(identifier.removed == ["INN 7801234567 (RU)"] && identifier.added == ["INN 7801234568 (RU)"])
    }

    @Test func reorderedRecordsAndValuesAndWhitespaceAreNoChange() {
        let a = party("1", "Gulf Meridian Trading FZE", aliases: ["Meridian Gulf", "GMT FZE"], countries: ["AE", "OM"],
                      remarks: "Forwarded controlled\ncomponents.")
        let b = party("2", "Polar Star Logistics")
        let a2 = party("1", " Gulf  Meridian Trading FZE ", aliases: ["GMT FZE", "Meridian  Gulf"], countries: ["OM", "AE"],
                       remarks: "Forwarded controlled components. ")
        #expect(changes([a, b], [b, a2]).isEmpty)
        // Case is not whitespace: it is an amendment of the name.
        #expect(changes([a], [party("1", "GULF MERIDIAN TRADING FZE", aliases: ["Meridian Gulf", "GMT FZE"], countries: ["AE", "OM"],
                                    remarks: "Forwarded controlled components.")]).amended.first?.fields.map(\.field) == [.name])
    }

    @Test func nameMovedFromAliasToPrimaryIsTwoFields() throws {
        let old = party("5", "Rustam Karimov", aliases: ["Karimov, Rustam Bakhtiyorovich"])
        let new = party("5", "Karimov, Rustam Bakhtiyorovich", aliases: ["Rustam Karimov"])
        let change = try #require(changes([old], [new]).amended.first)
        #expect(change.fields.map(\.field) == [.name, .aliases])
        #expect(change.matchingFields == [.name, .aliases])
    }

    /// The BIS Denied Persons List gives no ids: entries are matched on normalised name and addresses.
    @Test func listsWithoutIDsMatchOnNameAndAddress() throws {
        let berlin = PartyRecord.Address(text: "Hauptstraße 5, Berlin", country: "DE")
        let old = [
            party("DPL-a1", "Müller Trading GmbH", addresses: [berlin], remarks: "Action FR NOTICE ADDED"),
            party("DPL-b2", "JOHN SMITH", addresses: [.init(text: "1 Main St, Miami, FL", country: "US")]),
            party("DPL-c3", "ACME EXPORTS", addresses: [.init(text: "Via Roma 2, Milano", country: "IT")]),
        ]
        let new = [
            // Case, punctuation, diacritics and the legal form's spelling differ: the same entry; the remark is amended.
            party("DPL-x9", "MULLER TRADING G.m.b.H.", addresses: [.init(text: "HAUPTSTRASSE 5  BERLIN", country: "DE")],
                  remarks: "Action FR NOTICE ADDED; Expiration_Date 2030-01-01"),
            party("DPL-b2", "JOHN SMITH", addresses: [.init(text: "1 Main St, Miami, FL", country: "US")]),
            // The address changed: without an id that is a removal and an addition.
            party("DPL-c3", "ACME EXPORTS", addresses: [.init(text: "Via Torino 9, Milano", country: "IT")]),
        ]
        let set = changes(old, new, .nameAndAddress)
        #expect(set.matching == .nameAndAddress)
        #expect(set.added.map(\.key) == ["ACME EXPORTS | VIA TORINO 9 MILANO IT"])
        #expect(set.removed.map(\.key) == ["ACME EXPORTS | VIA ROMA 2 MILANO IT"])
        let amended = try #require(set.amended.first)
        #expect(set.amended.count == 1)
        #expect(amended.fields.map(\.field) == [.name, .addresses, .remarks])
        #expect(amended.old?.id == "DPL-a1" && amended.new?.id == "DPL-x9")
        // By id the same lists would have paired nothing but JOHN SMITH and ACME.
        #expect(changes(old, new).added.map(\.key) == ["DPL-x9"])
    }

    @Test func sameNameAndAddressTwiceAreToldApartByOrder() {
        let address = PartyRecord.Address(text: "1 Main St", country: "US")
        let records = [party("a", "JOHN SMITH", addresses: [address], listedOn: "2010-01-01"),
                       party("b", "John Smith", addresses: [address], listedOn: "2015-01-01")]
        #expect(PartyRecord.identities(of: records, matching: .nameAndAddress) == ["JOHN SMITH | 1 MAIN ST US", "JOHN SMITH | 1 MAIN ST US #2"])
        #expect(PartyRecord.identities(of: records, matching: .listID) == ["a", "b"])
    }

    /// Values that are plain ASCII with single spaces are compared as they are (a quick path the
    /// SDN list nearly always takes); every other spelling of whitespace still collapses to it.
    @Test func whitespaceOfEveryKindIsNoChange() {
        let plain = party("1", "Banco Nacional de Cuba", aliases: ["Müller Handels GmbH"], remarks: "a.k.a. 'BNC'.")
        for name in ["Banco  Nacional de Cuba", " Banco Nacional de Cuba", "Banco Nacional de Cuba ", "Banco\tNacional\nde\r\nCuba",
                     "Banco\u{00A0}Nacional de\u{3000}Cuba", "Banco\u{0B}Nacional\u{0C}de Cuba"] {
            let respaced = party("1", name, aliases: ["Müller  Handels\u{2003}GmbH"], remarks: " a.k.a.\n'BNC'. ")
            #expect(changes([plain], [respaced]).isEmpty, "\(name.unicodeScalars.map(\.value))")
        }
        #expect(changes([plain], [party("1", "BancoNacional de Cuba", aliases: ["Müller Handels GmbH"], remarks: "a.k.a. 'BNC'.")])
                    .amended.first?.fields.map(\.field) == [.name])
        #expect(changes([plain], [party("1", "Banco Nacional de Cuba", aliases: ["Muller Handels GmbH"], remarks: "a.k.a. 'BNC'.")])
                    .amended.first?.fields.map(\.field) == [.aliases])
    }
}

private func entry(_ code: String, _ title: String, text: [String] = [], items: [String] = [], reasons: [ReasonForControl] = [.NS],
                   regimes: [ControlRegime] = [.wassenaar]) -> ControlEntrySnapshot {
    ControlEntrySnapshot(code: ControlCode(code)!, title: title, text: text, subItems: items.compactMap(ControlCode.init),
                         reasons: reasons, regimes: regimes)
}

@Suite struct ControlChangeSetTests {
    static let old = [
        entry("2B001", "Machine tools", items: ["2B001.b"]),
        entry("2B001.b", "Milling machines", items: ["2B001.b.2", "2B001.b.10"]),
        entry("2B001.b.2", "Positioning accuracy 6 µm or less"),
        entry("2B001.b.10", "Five or more contouring axes"),
        entry("5A002", "Information security", text: ["Items that protect data.", "Note: Mass-market items are released."],
              reasons: [.NS, .AT]),
        entry("6A003", "Cameras", reasons: [.NS, .RS]),
    ]

    @Test func subItemsAreEntriesOfTheirOwn() throws {
        let new = [
            entry("2B001", "Machine tools", items: ["2B001.b"]),
            entry("2B001.b", "Milling machines", items: ["2B001.b.2", "2B001.b.3", "2B001.b.10"]),
            entry("2B001.b.2", "Positioning accuracy 4 µm or less"),
            entry("2B001.b.3", "Linear motors"),
            entry("2B001.b.10", "Five or more contouring axes"),
            entry("5A002", "Information security", text: ["Items that protect data.", "Note: Mass-market items are released as in 5A992."],
                  reasons: [.NS, .AT, .EI], regimes: []),
        ]
        let set = ChangeSet(from: v1, to: v2, old: Self.old, new: new, matching: .controlCode)
        #expect(set.added.map(\.key) == ["2B001.b.3"])
        #expect(set.removed.map(\.key) == ["6A003"])
        #expect(set.amended.map(\.key) == ["2B001.b", "2B001.b.2", "5A002"])
        let items = try #require(set.amended[0].change(of: .subItems))
        #expect(items.added == ["2B001.b.3"] && items.removed.isEmpty)
        #expect(set.amended[1].fields.map(\.field) == [.title])
        let security = set.amended[2]
        #expect(security.fields.map(\.field) == [.text, .reasons, .regimes])
        #expect(security.change(of: .text)?.removed == ["Note: Mass-market items are released."])
        #expect(security.change(of: .reasons)?.added == ["EI"])
        #expect(security.change(of: .regimes)?.old == ["wassenaar"] && security.change(of: .regimes)?.new == [])
        #expect(security.entry.changeTitle == "5A002 Information security")
    }

    @Test func codesAreOrderedAsAReaderExpects() {
        let new = Self.old + [entry("1A010", "a"), entry("1A002", "b"), entry("2B001.b.9", "c"), entry("2B001.aa", "d"), entry("2B001.c", "e")]
        let set = ChangeSet(from: v1, to: v2, old: Self.old, new: new, matching: .controlCode)
        #expect(set.added.map(\.key) == ["1A002", "1A010", "2B001.b.9", "2B001.c", "2B001.aa"])
    }
}

@Suite struct ListHistoryTests {
    @Test func entryHistoryAcrossVersions() {
        let a = party("NB-1", "Alpha"), b = party("NB-2", "Beta"), c = party("NB-3", "Gamma")
        let history = ListHistory(versions: [(v1, [a, b]), (v2, [party("NB-1", "Alpha", countries: ["RU"]), c]), (v3, [a, b, c])],
                                  matching: .listID)
        #expect(history.versions == [v1, v2, v3])
        #expect(history.changeSets.map { "\($0.from.version)→\($0.to.version)" } == ["2025-05→2025-08", "2025-08→2025-11"])
        #expect(history.history(ofKey: "NB-1").events == [.init(kind: .present, version: v1), .init(kind: .amended, version: v2, fields: [.countries]),
                                                         .init(kind: .amended, version: v3, fields: [.countries])])
        // Removed, then listed again.
        #expect(history.history(ofKey: "NB-2").events.map(\.kind) == [.present, .removed, .added])
        #expect(history.history(ofKey: "NB-3").events == [.init(kind: .added, version: v2)])
        #expect(history.history(ofKey: "NB-9").events.isEmpty)
        #expect(history.changeSet(to: "2025-08")?.removed.map(\.key) == ["NB-2"])
        #expect(history.changeSet(to: "2025-05") == nil)
        #expect(history.key(ofCurrentID: "NB-3") == "NB-3")
    }

    @Test func removedEntryIsMarked() {
        let history = ListHistory(versions: [(v1, [party("1", "A"), party("2", "B")]), (v2, [party("1", "A")])], matching: .listID)
        #expect(history.history(ofKey: "2").isRemoved)
        #expect(!history.history(ofKey: "1").isRemoved)
    }

    @Test func aSingleVersionHasNoChanges() {
        let history = ListHistory.single(v3, [party("1", "A")], matching: .listID)
        #expect(history.changeSets.isEmpty)
        #expect(history.history(ofKey: "1").events == [.init(kind: .present, version: v3)])
    }

    @Test func naturalOrder() {
        #expect(["1000", "36", "306", "36a", "0036", "b", "a10", "a9"].sorted(by: NaturalOrder.precedes)
                    == ["36", "36a", "0036", "306", "1000", "a9", "a10", "b"])
    }
}
