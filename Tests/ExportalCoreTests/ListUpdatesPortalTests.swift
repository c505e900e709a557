@testable import ExportalCore
import ExportalDomain
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// List history in the portal: a "What changed" page per list version, the Updates page, the Atom
/// and JSON feeds, removed entries that keep their pages, history sections and search.
@Suite(.serialized) struct ListUpdatesPortalTests {
    /// The bundled sample portal, built once for the suite into a temporary folder.
    static let sample: URL? = {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("exportal-updates-\(UUID().uuidString)")
        let repository = FixtureSite.repository
        var options = BuildOptions(content: repository.appendingPathComponent("Content").path,
                                   templates: repository.appendingPathComponent("Templates").path,
                                   publicAssets: repository.appendingPathComponent("Public").path,
                                   output: output.path, buildDate: "2026-01-15", checklists: output.path + "-checklists")
        options.contentDisplay = "Content"
        return BuildPipeline(options: options).build().succeeded ? output : nil
    }()

    func sample() throws -> PortalFiles { try PortalFiles(try #require(Self.sample, "the sample portal did not build")) }

    func file(_ path: String) throws -> String {
        try String(contentsOf: try #require(Self.sample).appendingPathComponent(path), encoding: .utf8)
    }

    @Test func everyVersionThatChangedSomethingHasAChangePage() throws {
        let pages = try sample()
        let changePages = pages.html.keys.filter { $0.contains("/changes/") }.sorted()
        #expect(changePages == ["controls/eu-dual-use/changes/2025-2003.html",
                                "parties/northbridge-watchlist/changes/2025-08.html",
                                "parties/northbridge-watchlist/changes/2025-11.html"])
        let august = try #require(pages.html["parties/northbridge-watchlist/changes/2025-08.html"])
        #expect(august.contains("<h1>What changed in version 2025-08</h1>"))
        #expect(august.contains(##"<a href="#added"><strong>1</strong> added</a>"##))
        #expect(august.contains(##"<a href="#removed"><strong>1</strong> removed</a>"##))
        #expect(august.contains(##"<a href="#amended"><strong>2</strong> amended</a>"##))
        #expect(august.contains(#"<a href="../../../parties/northbridge-watchlist/nb-011.html"><span class="code">NB-011</span> Baltic Amber Freight OU</a>"#))
        // NB-001 gained an alias: the old and new values side by side, the new one marked.
        #expect(august.contains(#"<th scope="row">Aliases</th>"#))
        #expect(august.contains(#"<ins><span class="visually-hidden">added: </span>Severtech Integration</ins>"#))
        #expect(!august.contains("matched by name and address"))

        let controls = try #require(pages.html["controls/eu-dual-use/changes/2025-2003.html"])
        #expect(controls.contains(#"<a href="../../../controls/eu-dual-use/5A002.html#5A002.e"><span class="code">5A002.e</span>"#))
        #expect(controls.contains(#"<a href="../../../controls/eu-dual-use/6A004.html"><span class="code">6A004</span>"#))
        // A sub-item code in a field value is a link to its place.
        #expect(controls.contains(#"<ins><span class="visually-hidden">added: </span><a href="../../../controls/eu-dual-use/5A002.html#5A002.e">5A002.e</a></ins>"#))
        for path in changePages + ["updates.html"] {
            for link in PortalFiles.links(in: pages.html[path] ?? "") {
                #expect(pages.resolves(link, from: path), "\(path): broken link '\(link)'")
            }
        }
    }

    @Test func removedEntriesKeepTheirPagesMarkedRemoved() throws {
        let pages = try sample()
        let party = try #require(pages.html["parties/northbridge-watchlist/nb-011.html"])
        #expect(party.contains(#"Removed from the list on <time datetime="2025-08-01">2025-08-01</time> (version <a href="../../parties/northbridge-watchlist/changes/2025-08.html">2025-08</a>)"#))
        #expect(party.contains("<h1>Baltic Amber Freight OU</h1>"))
        let entry = try #require(pages.html["controls/eu-dual-use/6A004.html"])
        #expect(entry.contains(#"Removed from the list on <time datetime="2025-11-15">2025-11-15</time> (version <a href="../../controls/eu-dual-use/changes/2025-2003.html">2025/2003</a>)"#))
        // The removed entry's Markdown, from the 2024 version, rendered like any entry's.
        #expect(entry.contains("<p>Deformable and lightweight mirrors and optical components for space and laser use."))
        #expect(entry.contains("last in version 2024/2547"))
        // Current pages say nothing of the kind.
        #expect(!(pages.html["controls/eu-dual-use/5A002.html"] ?? "").contains("removal-notice"))
        #expect(!(pages.html["parties/northbridge-watchlist/nb-001.html"] ?? "").contains("removal-notice"))
        // Removed entries are in the sitemap like every page.
        let sitemap = try file("sitemap.xml")
        #expect(sitemap.contains("parties/northbridge-watchlist/nb-011.html") && sitemap.contains("controls/eu-dual-use/6A004.html"))
    }

    @Test func entryAndPartyPagesShowTheirHistory() throws {
        let pages = try sample()
        let karimov = try #require(pages.html["parties/northbridge-watchlist/nb-005.html"])
        #expect(karimov.contains(#"<h2 id="history-title">History on this list</h2>"#))
        #expect(karimov.contains("<td>Listed in the oldest version kept</td>"))
        #expect(karimov.contains("<td>Amended: Aliases, Birth dates</td>"))
        #expect(karimov.contains(#"<a href="../../parties/northbridge-watchlist/changes/2025-08.html">2025-08</a>"#))
        let anatolian = try #require(pages.html["parties/northbridge-watchlist/nb-006.html"])
        #expect(anatolian.contains("<td>Added</td>") && !anatolian.contains("oldest version kept"))
        let encryption = try #require(pages.html["controls/eu-dual-use/5A002.html"])
        #expect(encryption.contains("Amended: Sub-items, Reasons for control"))
        #expect(encryption.contains(#"<li><a href="../../controls/eu-dual-use/5A002.html#5A002.e">5A002.e</a> added</li>"#))
        #expect(encryption.contains(#"<a href="../../controls/eu-dual-use/5A002.html#5A002.a.1">5A002.a.1</a> amended: Reasons for control"#))
        // An entry no version changed shows only that it was listed.
        let lasers = try #require(pages.html["controls/eu-dual-use/6A005.html"])
        #expect(lasers.contains("Listed in the oldest version kept") && !lasers.contains("<td>Amended"))
    }

    @Test func theUpdatesPageListsEveryVersionNewestFirst() throws {
        let pages = try sample()
        let updates = try #require(pages.html["updates.html"])
        let table = try #require(updates.split(separator: "<tbody>").last)
        let dates = table.matches(of: /<td><time datetime="([0-9-]+)">/).map { String($0.output.1) }
        #expect(dates == ["2025-11-15", "2025-11-14", "2025-08-01", "2025-05-02", "2024-11-15"])
        #expect(updates.contains(#"<a href="controls/eu-dual-use/changes/2025-2003.html">What changed in 2025/2003</a>"#))
        #expect(updates.contains("2025-05 <span class=\"muted\">(oldest version kept)</span>"))
        #expect(updates.contains(#"<link rel="alternate" type="application/atom+xml" title="Northbridge Export Compliance Portal: list updates (Atom)" href="updates.atom">"#))
        #expect(updates.contains(#"<link rel="alternate" type="application/feed+json""#) && updates.contains(#"href="updates.json">"#))
        // Reached from the home page, each list's page and each change page (the main navigation
        // keeps its items: one more would wrap the header at 1280 px).
        #expect((pages.html["index.html"] ?? "").contains(#"<h2 id="home-updates"><a href="updates.html">Updates</a></h2>"#))
        #expect((pages.html["controls/eu-dual-use/index.html"] ?? "").contains(#"<a href="../../updates.html">all updates</a>"#))
        #expect((pages.html["controls/eu-dual-use/changes/2025-2003.html"] ?? "").contains(#"<a href="../../../updates.html">All updates</a>"#))
        #expect((pages.html["parties/northbridge-watchlist/index.html"] ?? "").contains(#"<a href="../../parties/northbridge-watchlist/changes/2025-11.html">in version 2025-11</a>"#))
    }

    @Test func theFeedsHaveOneItemPerChangePageWithAbsoluteURLs() throws {
        let json = try JSONSerialization.jsonObject(with: Data(try file("updates.json").utf8)) as? [String: Any]
        #expect(json?["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(json?["feed_url"] as? String == "https://example.org/compliance/updates.json")
        let items = try #require(json?["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == [
            "https://example.org/compliance/controls/eu-dual-use/changes/2025-2003.html",
            "https://example.org/compliance/parties/northbridge-watchlist/changes/2025-11.html",
            "https://example.org/compliance/parties/northbridge-watchlist/changes/2025-08.html",
        ])
        #expect(items.map { $0["date_published"] as? String } == ["2025-11-15T00:00:00Z", "2025-11-14T00:00:00Z", "2025-08-01T00:00:00Z"])
        #expect((items.last?["content_text"] as? String)?.hasPrefix("1 added, 1 removed, 2 amended. Added: NB-003 East Lake") == true)

        let atom = try file("updates.atom")
        let entries = atom.matches(of: /<entry>\s*<id>([^<]*)<\/id>/).map { String($0.output.1) }
        #expect(entries == items.compactMap { $0["id"] as? String })
        #expect(atom.contains("<updated>2025-11-15T00:00:00Z</updated>\n  <author>"))
        let parser = XMLParser(data: Data(atom.utf8))
        #expect(parser.parse(), "updates.atom is not well-formed XML")
    }

    @Test func searchFindsRemovedEntriesLabelledAsRemoved() throws {
        let root = try #require(Self.sample)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("search").path)
            .first { $0.hasPrefix("index.") && $0.hasSuffix(".json") })
        let manifest = try String(contentsOf: root.appendingPathComponent("search/\(name)"), encoding: .utf8)
        #expect(manifest.contains(#""removed-entry","removed-party""#))
        let documents = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("search/d").path)
            .map { try String(contentsOf: root.appendingPathComponent("search/d/\($0)"), encoding: .utf8) }.joined()
        #expect(documents.contains(#""Baltic Amber Freight OU","parties/northbridge-watchlist/nb-011.html","Removed from the list on 2025-08-01 (version 2025-08)."#))
        #expect(documents.contains(#""6A004 Optical mirrors and lightweight optical components","controls/eu-dual-use/6A004.html","Removed from the list on 2025-11-15 (version 2025/2003)."#))
    }

    @Test func theSameContentGivesTheSameFeedsAndPages() throws {
        let site = try FixtureSite(Self.watchList)
        #expect(site.build(buildDate: "2026-01-15").succeeded)
        let first = site.snapshot()
        try site.remove("Output")
        #expect(site.build(buildDate: "2026-01-15").succeeded)
        #expect(site.snapshot() == first)
        #expect(first["updates.atom"] != nil && first["updates.json"] != nil && first["parties/watch/changes/2.html"] != nil)
    }

    @Test func aPortalWithoutHistoryHasNoUpdatesPageOrFeeds() throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(site.build().succeeded)
        for path in ["Output/updates.html", "Output/updates.atom", "Output/updates.json"] { #expect(!site.exists(path), "\(path)") }
        let home = try site.read("Output/index.html")
        #expect(!home.contains("updates.html") && !home.contains("History on this list"))
    }

    /// A list without ids is matched by name and address; its change pages say so, and a removed
    /// party whose id a current one reuses gets a page of its own.
    @Test func aListMatchedByNameAndAddressSaysSo() throws {
        let header = "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t\"FR_Citation\""
        func row(_ name: String, _ street: String) -> String {
            "\"\(name)\"\t\"\(street)\"\t\"Springfield\"\t\"IL\"\t\"US\"\t\"62701\"\t\"01/02/2020\"\t\"01/02/2030\"\t\"Y\"\t\"2020-01-05\"\t\"FR NOTICE ADDED\"\t\"85 F.R. 1 1/3/2020\""
        }
        let site = try FixtureSite(SmallSite.files + "\n" + """
        -- Content/parties/dpl/list.yml --
        title: Denied persons (test)
        authority: Test Authority
        version: "2"
        date: 2026-02-01
        format: bis-dpl
        file: dpl.txt
        history:
          - version: "1"
            date: 2026-01-01
            file: history/1.txt
        """)
        try site.write("Content/parties/dpl/history/1.txt", [header, row("JOHN EXAMPLE", "1 OLD ROAD"), row("ACME EXPORTS", "5 MAIN ST")].joined(separator: "\n") + "\n")
        try site.write("Content/parties/dpl/dpl.txt", [header, row("JOHN EXAMPLE", "2 NEW ROAD"), row("ACME EXPORTS", "5 MAIN ST")].joined(separator: "\n") + "\n")
        let result = site.build()
        #expect(result.succeeded, "\(result.lines)")
        let page = try site.read("Output/parties/dpl/changes/2.html")
        #expect(page.contains("matched by name and address (the list gives no ids)"))
        #expect(page.contains("entries were matched by name and address"))
        // The moved address reads as one party removed and another added, each with its own page.
        let links = page.matches(of: /<li id="(added|removed)-1"><a href="([^"]+)">/).map { (String($0.output.1), String($0.output.2)) }
        #expect(links.map(\.0) == ["added", "removed"])
        #expect(Set(links.map(\.1)).count == 2)
        for (_, link) in links { #expect(site.exists("Output/parties/dpl/" + link.replacingOccurrences(of: "../../../parties/dpl/", with: ""))) }
    }

    static let watchList = SmallSite.files + "\n" + """
    -- Content/parties/watch/list.yml --
    title: Watch list
    authority: Test Authority
    version: "2"
    date: 2026-02-01
    format: native
    entries:
      - id: W-1
        name: Alpha Trading
        type: entity
        aliases: [Alpha Trade]
    history:
      - version: "1"
        date: 2026-01-01
        entries:
          - id: W-1
            name: Alpha Trading
            type: entity
          - id: W-2
            name: Beta <Logistics> & Sons
            type: entity
    """

    // MARK: values

    @Test func codesInAValueBecomeLinksWhereTheyHaveAPage() {
        let pages = ["5A002": "controls/l/5A002.html", "5A002.a": "controls/l/5A002.html#5A002.a"]
        let segments = TextSegment.segments("See 5A002.a and 5A003, then 5A002.", link: { pages[$0] })
        #expect(segments.map(\.text) == ["See ", "5A002.a", " and 5A003, then ", "5A002", "."])
        #expect(segments.map { $0.href as? String } == [nil, "controls/l/5A002.html#5A002.a", nil, "controls/l/5A002.html", nil])
        #expect(TextSegment.segments("no codes", link: nil).map(\.text) == ["no codes"])
        #expect(TextSegment.segments("", link: { pages[$0] }).map(\.text) == [""])
    }

    @Test func aFieldRowMarksWhatEachVersionAloneHas() {
        let row = FieldRow(FieldChange(field: PartyField.aliases, old: ["A", "B"], new: ["B", "C"]), link: nil)
        #expect(row.field == "Aliases")
        #expect(row.old.map(\.state) == ["removed", "same"])
        #expect(row.new.map(\.state) == ["same", "added"])
    }

    @Test func aFeedItemNamesAFewChangesAndCountsTheRest() {
        let update = ListUpdate(listTitle: "L", listPath: "p", version: ListVersion(version: "2", date: "2026-02-01"), path: "c.html",
                                added: 6, removed: 1, amended: 0, highlights: ["Added: A", "Added: B"], more: 5)
        #expect(UpdateFeeds.summary(update) == "6 added, 1 removed, 0 amended. Added: A; Added: B; and 5 more.")
        #expect(UpdateFeeds.timestamp("2026-02-01") == "2026-02-01T00:00:00Z")
        let feeds = UpdateFeeds(updates: [update], baseURL: "https://x.test/", title: "T & Co", organisation: "O", language: "en")
        #expect(feeds.atom().contains("<title>T &amp; Co: list updates</title>"))
        #expect(feeds.json().contains(#""id": "https://x.test/c.html""#))
    }

    @Test func aRemovedPartyNeverTakesACurrentPagesName() throws {
        let site = try FixtureSite(Self.watchList)
        let (content, _) = ListHistoryLoadingTests.load(site.root)
        let list = try #require(content.partyLists.first)
        let removed = list.removedRecords
        #expect(removed.map(\.record.id) == ["W-2"])
        #expect(removed.first?.removedIn == ListVersion(version: "2", date: "2026-02-01"))
        #expect(removed.first?.lastVersion == ListVersion(version: "1", date: "2026-01-01"))
        let slugs = PartyPages.slugs(list, removed: removed)
        #expect(slugs.current == ["w-1"] && slugs.removed == ["w-2"])
    }
}
