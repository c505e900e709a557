@testable import ExportalCore
import ExportalDomain
import Foundation
import Testing

/// `history:` in a party or control list.yml: earlier versions loaded beside the current one and
/// the change sets between them. Invalid histories are in the bad-input corpus (BadInputs/history.txt).
@Suite struct ListHistoryLoadingTests {
    /// Loads a site's Content/ as the build does and returns what it read and every diagnostic.
    static func load(_ root: URL) -> (ContentSet, [String]) {
        let sink = DiagnosticSink()
        let content = ContentLoader(folder: ContentFolder(url: root.appendingPathComponent("Content"), displayPath: "Content"), report: sink).load()
        return (content, sink.report.diagnostics.map(\.description))
    }

    static func summary<Entry>(_ set: ChangeSet<Entry>) -> [String] {
        ["\(set.from.version) → \(set.to.version)", "added \(set.added.map(\.key))", "removed \(set.removed.map(\.key))"]
            + set.amended.map { "amended \($0.key): \($0.fields.map(\.field.title).joined(separator: ", "))" }
    }

    @Test func sampleContentKeepsAHistoryOfBothLists() throws {
        let (content, lines) = Self.load(FixtureSite.repository)
        #expect(lines.isEmpty, "\(lines)")
        let parties = try #require(content.partyLists.first { $0.id == "northbridge-watchlist" })
        #expect(parties.changes.versions.map(\.version) == ["2025-05", "2025-08", "2025-11"])
        #expect(parties.changes.changeSets.map(Self.summary) == [
            ["2025-05 → 2025-08", "added [\"NB-003\"]", "removed [\"NB-011\"]",
             "amended NB-001: Aliases, Remarks", "amended NB-005: Aliases, Birth dates"],
            ["2025-08 → 2025-11", "added [\"NB-006\"]", "removed []", "amended NB-008: Countries"],
        ])
        #expect(parties.changes.history(ofKey: "NB-011").isRemoved)
        #expect(parties.changes.history(ofKey: "NB-005").events.map(\.kind) == [.present, .amended])

        let controls = try #require(content.controlLists.first { $0.id == "eu-dual-use" })
        #expect(controls.history.map(\.version) == [ListVersion(version: "2024/2547", date: "2024-11-15")])
        let set = try #require(controls.changes.changeSets.first)
        #expect(set.matching == .controlCode)
        #expect(set.added.map(\.key) == ["5A002.e"])
        #expect(set.removed.map(\.key) == ["6A004"])
        #expect(set.change(forKey: "2B001.b.2")?.fields.map(\.field) == [.text])
        #expect(set.change(forKey: "5A002")?.fields.map(\.field) == [.subItems, .reasons])
        // The sub-items inherit 5A002's reasons, so theirs changed too.
        #expect(set.change(forKey: "5A002.a.1")?.change(of: .reasons) == FieldChange(field: .reasons, old: ["AT", "NS"], new: ["AT", "EI", "NS"]))
    }

    @Test func aListWithoutHistoryHasOneVersionAndNoChanges() throws {
        let site = try FixtureSite(BadInputSite.files)
        let (content, lines) = Self.load(site.root)
        #expect(lines.isEmpty, "\(lines)")
        let list = try #require(content.partyLists.first)
        #expect(list.history.isEmpty && list.changes.changeSets.isEmpty)
        #expect(list.changes.versions == [ListVersion(version: "1", date: "2026-01-01")])
        #expect(content.controlLists.first?.changes.changeSets.isEmpty == true)
    }

    /// An official list's earlier version is a file in the list's own format.
    @Test func officialListHistoryIsReadFromItsFiles() throws {
        let site = try FixtureSite(SmallSite.files + "\n" + """
        -- Content/parties/members/list.yml --
        title: Members' list
        authority: Test Authority
        version: "3"
        date: 2026-03-01
        format: csv
        file: list.csv
        history:
          - version: "1"
            date: 2026-01-01
            file: history/1.csv
          - version: "2"
            date: 2026-02-01
            file: history/2.csv
        -- Content/parties/members/history/1.csv --
        id,name,type,aliases,country,programmes,listed_on,remarks
        M-1,Alpha Trading,entity,,RU,,,
        M-2,Beta Logistics,entity,,KZ,,,
        -- Content/parties/members/history/2.csv --
        id,name,type,aliases,country,programmes,listed_on,remarks
        M-2,Beta Logistics,entity,Beta Log,KZ,,,
        M-1,Alpha Trading,entity,,RU,,,
        -- Content/parties/members/list.csv --
        id,name,type,aliases,country,programmes,listed_on,remarks
        M-1,Alpha Trading,entity,,RU,,,
        M-3,Gamma Parts,entity,,CN,,,
        """)
        let (content, lines) = Self.load(site.root)
        #expect(lines.isEmpty, "\(lines)")
        let list = try #require(content.partyLists.first { $0.id == "members" })
        #expect(list.history.map(\.records.count) == [2, 2])
        #expect(list.changes.changeSets.map(Self.summary) == [
            ["1 → 2", "added []", "removed []", "amended M-2: Aliases"],
            ["2 → 3", "added [\"M-3\"]", "removed [\"M-2\"]"],
        ])
        // The history is kept beside the list; screening still reads the current file only.
        #expect(list.records.map(\.id) == ["M-1", "M-3"])
        #expect(list.files.map(\.lastPathComponent) == ["list.yml", "list.csv"])
    }

    /// A control list's earlier version is a folder history/<name> of entry files; sub-items are
    /// entries of their own.
    @Test func controlListHistoryIsReadFromItsFolder() throws {
        let site = try FixtureSite(SmallSite.files)
        try site.append("Content/controls/demo-list/list.yml", """
        history:
          - version: "2025/1"
            effective: 2025-01-01
            folder: history/2025
        """)
        let current = try site.read("Content/controls/demo-list/entries.yml")
        try site.write("Content/controls/demo-list/history/2025/entries.yml",
                       current.replacingOccurrences(of: "reasons: [NS, AT]", with: "reasons: [NS]")
                           .replacingOccurrences(of: "Items that protect data with cryptography.", with: "Items that protect data."))
        let (content, lines) = Self.load(site.root)
        #expect(lines.isEmpty, "\(lines)")
        let list = try #require(content.controlLists.first)
        #expect(list.history.first?.entries.map(\.code.description) == list.entries.map(\.code.description))
        let set = try #require(list.changes.changeSets.first)
        #expect(set.added.isEmpty && set.removed.isEmpty)
        let entry = try #require(set.change(forKey: "5A002"))
        #expect(entry.fields.map(\.field) == [.text, .reasons])
        #expect(entry.change(of: .text)?.removed == ["Items that protect data."])
        // The build reads the current entries only: the history folder is not an entry file.
        #expect(site.build().lines == [])
    }

    /// A history that cannot be read whole gives no change sets: its errors fail the build.
    @Test func aBrokenHistoryGivesNoChangeSets() throws {
        let site = try FixtureSite(BadInputSite.files)
        try site.append("Content/parties/watch/list.yml", """
        history:
          - version: "0"
            date: 2025-01-01
            entries:
              - id: W-1
                name: Severtech
                type: company
        """)
        let (content, lines) = Self.load(site.root)
        #expect(lines.map { $0.components(separatedBy: ": error: ").last ?? $0 }.first?.hasPrefix("unknown party type 'company'") == true, "\(lines)")
        let list = try #require(content.partyLists.first)
        #expect(list.history.isEmpty && list.changes.changeSets.isEmpty)
        #expect(list.records.map(\.id) == ["W-1"])
    }
}

private extension FixtureSite {
    /// Adds lines at the end of a file, e.g. a `history:` to a list.yml.
    func append(_ path: String, _ text: String) throws { try write(path, try read(path) + text + "\n") }
}
