@testable import ExportalCore
import Foundation
import Mustache
import Testing

/// Restricted-party screening as users meet it: a native list in the content, a checklist that
/// shows a near-miss with its explanation, party pages in the portal, and `exportal screen`.
enum ScreeningSite {
    static let list = """
    -- Content/parties/watch/list.yml --
    id: watch
    title: Test watch list
    authority: Test Authority
    version: "7"
    date: 2026-01-05
    entries:
      - id: W-1
        name: Severtech Integratsiya LLC
        type: entity
        aliases: [OOO Severtekh Integratsiya]
        countries: [RU]
        programmes: [TEST-DIVERSION]
      - id: W-2
        name: Karimov, Rustam Bakhtiyorovich
        type: individual
        weak_aliases: [R. Karimov]
        countries: [UZ]
        birth_dates: ["1971"]
    """

    static let profile = """
    -- Content/exporters/acme.yml --
    name: Acme GmbH
    country: DE
    products:
      - id: mill
        name: Mill
        classification: listed
        codes: [5A002.a.1]
    destinations: [RU, US]
    parties:
      - name: OOO Severtek Integration
        country: RU
        role: consignee
      - name: Blue Harbour Tools Inc.
        country: US
        role: end-user
        end_use_statement: true
    """

    static var files: String { SmallSite.files + "\n" + list + "\n" + profile }
}

@Suite struct ScreeningEndToEndTests {
    @Test func checklistShowsTheNearMissWithItsReasonsAndClearsTheCleanParty() throws {
        let site = try FixtureSite(ScreeningSite.files)
        let result = site.build()
        #expect(result.succeeded && result.diagnostics.isEmpty, "\(result.lines)")
        let data = try Data(contentsOf: site.root.appendingPathComponent("Checklists/acme/checklist.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let parties = try #require(json["parties"] as? [[String: Any]])
        let near = try #require(parties.first { $0["name"] as? String == "OOO Severtek Integration" })
        #expect(near["screening"] as? String == "review required")
        let match = try #require((near["matches"] as? [[String: Any]])?.first)
        #expect(match["entry"] as? String == "W-1" && match["list"] as? String == "Test watch list")
        #expect(match["url"] as? String == "https://example.org/compliance/parties/watch/w-1.html")
        let explanation = try #require(match["explanation"] as? String)
        #expect(explanation.contains("'SEVERTEK'~") && explanation.contains("legal form"), "\(explanation)")
        let clean = try #require(parties.first { $0["name"] as? String == "Blue Harbour Tools Inc." })
        #expect(clean["screening"] as? String == "no potential match")
        #expect((json["partyLists"] as? [[String: Any]])?.first?["version"] as? String == "7")
        let html = try site.read("Checklists/acme/index.html")
        #expect(html.contains("Review required: compare the listed entry"))
        #expect(html.contains(#"<a href="https://example.org/compliance/parties/watch/w-1.html">entry W-1</a>"#))
        // The link target exists in the portal, with the entry's names.
        let page = try site.read("Output/parties/watch/w-1.html")
        #expect(page.contains("<h1>Severtech Integratsiya LLC</h1>") && page.contains("OOO Severtekh Integratsiya"))
        let summary = try site.read("Output/parties/watch/index.html")
        #expect(summary.contains("entity: 1") && summary.contains("individual: 1") && summary.contains("TEST-DIVERSION: 1"))
    }

    /// The checklist's fingerprint covers the party lists screened against: a new list version is a
    /// new fingerprint, the same input the same one.
    @Test func fingerprintFollowsThePartyLists() throws {
        let site = try FixtureSite(ScreeningSite.files)
        func fingerprint() throws -> String? {
            #expect(site.build().succeeded)
            let data = try Data(contentsOf: site.root.appendingPathComponent("Checklists/acme/checklist.json"))
            return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["fingerprint"] as? String
        }
        let first = try fingerprint()
        #expect(first != nil)
        #expect(try fingerprint() == first)
        let list = try site.read("Content/parties/watch/list.yml")
        try site.write("Content/parties/watch/list.yml", list.replacingOccurrences(of: "version: \"7\"", with: "version: \"8\""))
        #expect(try fingerprint() != first)
    }

    @Test func screenCommandPrintsMatchesWithExplanations() throws {
        let site = try FixtureSite(ScreeningSite.files)
        let content = site.root.appendingPathComponent("Content").path
        let text = Screener.run(ScreenRequest(content: content, names: ["Rustam Karimov", "Nobody Atall"], country: "UZ"))
        let output = try #require(text.output)
        #expect(output.contains("Rustam Karimov (UZ): 1 potential match"))
        #expect(output.contains("[Test watch list, entry W-2]"))
        #expect(output.contains("Nobody Atall (UZ): no potential match"))
        let json = try #require(Screener.run(ScreenRequest(content: content, names: ["Severtech Integration"], format: "json")).output)
        #expect(json.contains(#""entry" : "W-1""#) && json.contains(#""page" : "parties/watch/w-1.html""#))
        let csv = try #require(Screener.run(ScreenRequest(content: content, names: ["Severtech Integration"], format: "csv")).output)
        #expect(csv.hasPrefix("query,country,score,matched_name,list,entry,explanation\n\"Severtech Integration\",,"))
        // A names file: quoted names with commas, a country column, and a wrong country reported at its place.
        try site.write("names.csv", "name,country\n\"Karimov, Rustam\",UZ\nBlue Harbour Tools Inc.,US\n")
        let batch = try #require(Screener.run(ScreenRequest(content: content, namesFile: site.root.appendingPathComponent("names.csv").path,
                                                            format: "csv")).output)
        #expect(batch.contains("\"Karimov, Rustam\",UZ,") && batch.contains(",\"W-2\","))
        #expect(batch.contains("\"Blue Harbour Tools Inc.\",US,,,,,"))
        try site.write("bad.csv", "name,country\nAcme,UK\n")
        let bad = Screener.run(ScreenRequest(content: content, namesFile: site.root.appendingPathComponent("bad.csv").path))
        #expect(bad.output == nil && bad.diagnostics.first?.description.hasSuffix("bad.csv:2:6: error: 'UK' is not an ISO 3166-1 alpha-2 country code") == true)
        let unknown = Screener.run(ScreenRequest(content: content, lists: ["wacth"], names: ["x"]))
        #expect(unknown.output == nil)
        #expect(unknown.diagnostics.map(\.description) == ["--list:1:1: error: unknown party list 'wacth' (did you mean 'watch'?)"])
    }

    @Test func brokenNativeListsAreDiagnosedExactly() throws {
        let lines = try FixtureSite.diagnostics(breaking: ScreeningSite.files, with: """
        -- Content/parties/watch/list.yml --
        id: watch
        title: Test watch list
        authority: Test Authority
        version: "7"
        date: 2026-13-05
        entries:
          - id: W-1
            name: Someone
            type: company
            countries: [UK]
        """)
        #expect(lines == [
            "Content/parties/watch/list.yml:5:7: error: 'date' must be a date in the form YYYY-MM-DD, found '2026-13-05'",
            "Content/parties/watch/list.yml:9:11: error: unknown party type 'company' (use one of: individual, entity, vessel, aircraft)",
            "Content/parties/watch/list.yml:10:17: error: 'UK' is not an ISO 3166-1 alpha-2 country code (the United Kingdom's ISO code is GB)",
        ])
    }
}

/// The real UN consolidated list and the real 2019 OFAC SDN set, declared in their official
/// formats, built into a portal.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: USEAR.source.deletingLastPathComponent().appendingPathComponent("un_sc").path),
                "skipped: ../shared/data is not here (it is on CI and on the team's machines)"))
struct RealPartyListsTests {
    @Test func portalWithTheRealUNAndSDNLists() throws {
        let data = USEAR.source.deletingLastPathComponent()
        let site = try FixtureSite(SmallSite.files + """

        -- Content/parties/un-consolidated/list.yml --
        id: un-consolidated
        title: UN Security Council Consolidated List
        authority: United Nations Security Council
        version: "2026-02-27"
        date: 2026-02-27
        source: https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list
        format: un-xml
        file: \(data.appendingPathComponent("un_sc/un_consolidated_2026-02-27.xml").path)
        -- Content/parties/ofac-sdn/list.yml --
        id: ofac-sdn
        title: OFAC Specially Designated Nationals (2019)
        authority: US Department of the Treasury, OFAC
        version: "2019-01"
        date: 2019-01-01
        format: ofac-sdn-csv
        files:
          sdn: \(data.appendingPathComponent("ofac_sdn_csv/full_2019/sdn.csv").path)
          alt: \(data.appendingPathComponent("ofac_sdn_csv/full_2019/alt.csv").path)
          add: \(data.appendingPathComponent("ofac_sdn_csv/full_2019/add.csv").path)
        """)
        let result = site.build()
        #expect(result.succeeded, "\(result.lines.prefix(5))")
        let pages = site.snapshot("Output").keys
        #expect(pages.filter { $0.hasPrefix("parties/un-consolidated/") && !$0.contains("letter-") && !$0.hasSuffix("index.html") }.count == 1003)
        #expect(pages.filter { $0.hasPrefix("parties/ofac-sdn/") && !$0.contains("letter-") && !$0.hasSuffix("index.html") }.count == 7379)  // sdn.csv has 7,379 rows; its last line has no newline
        let summary = try site.read("Output/parties/un-consolidated/index.html")
        #expect(summary.contains("individual: 730") && summary.contains("entity: 273"))
        // Nothing from ../shared is copied into the repository by building.
        #expect(!FileManager.default.fileExists(atPath: FixtureSite.repository.appendingPathComponent("Content/parties/un-consolidated").path))
    }
}

@Suite struct PartyPageShellTests {
    /// Party pages are filled into a shell rendered once per list. A `party` template that does
    /// not use the `party-body` partial is rendered whole, page by page; both must agree byte for byte.
    @Test func shellRenderingMatchesWholePageRendering() throws {
        let fast = try FixtureSite(ScreeningSite.files + """

        -- Content/parties/watch/list.yml --
        id: watch
        title: Test watch list <&> "quoted" 'single'
        authority: Test Authority
        version: "7"
        date: 2026-01-05
        entries:
          - id: W-1
            name: O'Brien & Sons <Holdings> "Ltd"
            type: entity
          - id: W-2
            name: Karimov, Rustam
            type: individual
            aliases: [R. Karimov]
        """)
        let whole = try FixtureSite(ScreeningSite.files)
        try FileManager.default.removeItem(at: whole.root.appendingPathComponent("Content"))
        try FileManager.default.copyItem(at: fast.root.appendingPathComponent("Content"), to: whole.root.appendingPathComponent("Content"))
        let body = try fast.read("Templates/party-body.mustache")
        try whole.write("Templates/party.mustache", "{{<layout}}\n{{$content}}\n" + body + "{{/content}}\n{{/layout}}\n")
        try whole.remove("Templates/party-body.mustache")  // so this site renders every page whole
        #expect(fast.build().succeeded && whole.build().succeeded)
        let a = fast.snapshot("Output").filter { $0.key.hasPrefix("parties/watch/w-") }
        let b = whole.snapshot("Output").filter { $0.key.hasPrefix("parties/watch/w-") }
        #expect(a.count == 2 && a == b)
        #expect(try fast.read("Output/parties/watch/w-1.html").contains("<h1>O&#39;Brien &amp; Sons &lt;Holdings&gt; &quot;Ltd&quot;</h1>"))
    }
}

@Suite struct HTMLEscapingTests {
    /// The byte-level escaper escapes exactly what Mustache's `{{value}}` escapes, in any script.
    @Test func escapesTheFiveCharactersMustacheEscapes() {
        #expect(HTMLEscaping.escape("O'Brien & Sons <Holdings> \"Ltd\"") == "O&#39;Brien &amp; Sons &lt;Holdings&gt; &quot;Ltd&quot;")
        #expect(HTMLEscaping.escape("Ünïcödé — 東京 & 'x'") == "Ünïcödé — 東京 &amp; &#39;x&#39;")
        #expect(HTMLEscaping.escape("&amp;") == "&amp;amp;")
        #expect(HTMLEscaping.escape("plain") == "plain")
        #expect(HTMLEscaping.escape("") == "")
    }

    /// A string prints as itself wherever a template uses it (it answers swift-mustache as a
    /// custom-renderable value, to skip the casts before `String(describing:)`): escaped, raw,
    /// as a section's value and, empty or not, as a value that opens a section.
    @Test func aStringRendersAsBeforeInEveryKindOfTag() throws {
        let template = try MustacheTemplate(string: "{{s}}|{{{s}}}|{{#s}}[{{.}}]{{/s}}|{{^s}}none{{/s}}")
        #expect(template.render(["s": "a<b & 'c'"]) == "a&lt;b &amp; &#39;c&#39;|a<b & 'c'|[a&lt;b &amp; &#39;c&#39;]|")
        #expect(template.render(["s": ""]) == "||[]|")
        #expect(template.render([String: String]()) == "|||none")
    }
}
