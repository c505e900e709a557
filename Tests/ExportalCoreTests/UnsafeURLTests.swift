import ExportalCore
import Foundation
import Testing

/// Every URL a content author writes is published only if it is http(s) (or, where the field
/// allows it, relative): a `javascript:` URL in any spelling a browser would still run is a build
/// error at the value, and the previous output stays as it was.
@Suite struct UnsafeURLTests {
    /// The screening site's list.yml up to its entries: the path line, then id, title, authority, version, date.
    static let listHeader = String(ScreeningSite.list[..<ScreeningSite.list.range(of: "entries:")!.lowerBound])

    /// A party list with `source` on the list (line 6, column 9) and on its entry (line 11, column 13).
    static func partyList(source: String = "https://example.org/watch", entrySource: String = "https://example.org/watch/w-1") -> String {
        listHeader + """
        source: \(source)
        entries:
          - id: W-1
            name: Severtech Integratsiya LLC
            type: entity
            source: \(entrySource)
        """
    }

    func diagnostics(after change: String) throws -> [String] {
        try FixtureSite.diagnostics(breaking: ScreeningSite.files, with: change)
    }

    /// The spellings the campaign found, and those a browser reads the same way: each is refused
    /// at the value with the reason, never published as a link.
    @Test(arguments: [
        ("javascript:alert(document.domain)", "'javascript:alert(document.domain)'", "it is a 'javascript:' URL"),
        ("\" javascript:alert(1)\"", "' javascript:alert(1)'", "it is a 'javascript:' URL"),
        ("JaVaScRiPt:alert(1)", "'JaVaScRiPt:alert(1)'", "it is a 'javascript:' URL"),
        (#""java\tscript:alert(1)""#, #"'java\tscript:alert(1)'"#, "it holds a control character, such as a tab or a line break, that a browser would drop"),
        (#""java\nscript:alert(1)""#, #"'java\nscript:alert(1)'"#, "it holds a control character, such as a tab or a line break, that a browser would drop"),
        (#""\x01javascript:alert(1)""#, #"'\u{1}javascript:alert(1)'"#, "it holds a control character, such as a tab or a line break, that a browser would drop"),
        ("javascript&colon;alert(1)", "'javascript&colon;alert(1)'", "it holds '&' before its first '/', where a character reference could spell a scheme"),
        ("'jav&#x61;script:alert(1)'", "'jav&#x61;script:alert(1)'", "it holds '&' before its first '/', where a character reference could spell a scheme"),
        ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='", "it is a 'data:' URL"),
        ("VBScript:msgbox(1)", "'VBScript:msgbox(1)'", "it is a 'vbscript:' URL"),
        ("mailto:lists@example.org", "'mailto:lists@example.org'", "it is a 'mailto:' URL"),
        ("//evil.example/list", "'//evil.example/list'", "it starts with '//' and would take its scheme from the page: write https:// in full"),
        (#"/\evil.example/list"#, #"'/\evil.example/list'"#, "it starts with '//' and would take its scheme from the page: write https:// in full"),
        ("https:evil.example", "'https:evil.example'", "it names no host after '//'"),
        ("lists/watch.html", "'lists/watch.html'", "it is not an absolute URL"),
    ])
    func aPartyListSourceMustBeHTTP(yaml: String, shown: String, reason: String) throws {
        let lines = try diagnostics(after: Self.partyList(source: yaml))
        #expect(lines == ["Content/parties/watch/list.yml:6:9: error: 'source' must be an http(s) URL, found \(shown) (\(reason))"])
    }

    @Test func anEntrySourceMustBeHTTP() throws {
        let lines = try diagnostics(after: Self.partyList(entrySource: "javascript:alert(1)"))
        #expect(lines == ["Content/parties/watch/list.yml:11:13: error: 'source' must be an http(s) URL, found 'javascript:alert(1)' (it is a 'javascript:' URL)"])
    }

    /// http(s) in any case, with a path, query or fragment, is published as written.
    @Test func httpSourcesArePublished() throws {
        let site = try FixtureSite(ScreeningSite.files + "\n" + Self.partyList(source: "HTTPS://Example.org/watch?v=7#list"))
        let result = site.build()
        #expect(result.succeeded, "\(result.lines)")
        #expect(try site.read("Output/parties/watch/index.html").contains(#"<a href="HTTPS://Example.org/watch?v=7#list">"#))
        #expect(try site.read("Output/parties/watch/w-1.html").contains(#"<a href="https://example.org/watch/w-1">"#))
    }

    /// An official file's own URLs (a CSL row's `source_information_url`) are content too.
    @Test func anOfficialFilesSourceURLMustBeHTTP() throws {
        let header = "source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,"
            + "license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,"
            + "remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids"
        var row = Array(repeating: "", count: 28)
        row[0] = "Entity List (EL) - Bureau of Industry and Security"
        row[2] = "Entity"
        row[4] = "Example Optics Ltd."
        row[26] = " JAVASCRIPT:alert(1)"
        let lines = try diagnostics(after: Self.listHeader + """
        format: csl-csv
        file: csl.csv
        -- Content/parties/watch/csl.csv --
        \(header)
        \(row.joined(separator: ","))
        """)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("Content/parties/watch/list.yml:7:7: error: the source URL of entry ") == true, "\(lines)")
        #expect(lines.first?.hasSuffix(" in 'Content/parties/watch/csl.csv' must be an http(s) URL, found 'JAVASCRIPT:alert(1)' (it is a 'javascript:' URL)") == true, "\(lines)")
    }

    /// The list is dropped, so references to its entries follow (point 12 of issue 21 is about those).
    @Test func aControlListSourceMustBeHTTP() throws {
        let list = try FixtureSite(SmallSite.files).read("Content/controls/demo-list/list.yml")
        let lines = try FixtureSite.diagnostics(breaking: SmallSite.files, with: """
        -- Content/controls/demo-list/list.yml --
        \(list.replacingOccurrences(of: "source: https://example.org/list", with: "source: \"\\tjavascript:alert(1)\""))
        """)
        #expect(lines.first == "Content/controls/demo-list/list.yml:6:9: error: 'source' must be an http(s) URL, found '\\tjavascript:alert(1)' (it holds a control character, such as a tab or a line break, that a browser would drop)")
    }

    @Test func theSiteBaseURLMustBeHTTP() throws {
        let lines = try FixtureSite.diagnostics(breaking: SmallSite.files, with: """
        -- Content/site.yml --
        title: Test Portal
        organisation: Test Association
        base_url: "java\\tscript://example.org/"
        jurisdiction: eu
        """)
        #expect(lines == ["Content/site.yml:3:11: error: 'base_url' must be an http(s) URL, found 'java\\tscript://example.org/' (it holds a control character, such as a tab or a line break, that a browser would drop)"])
    }

    @Test(arguments: ["//example.org/compliance/", "https:/example.org/", "javascript://example.org/%0aalert(1)/"])
    func theBaseURLOptionMustBeHTTP(base: String) throws {
        let site = try FixtureSite(SmallSite.files)
        let result = site.build(baseURL: base)
        #expect(!result.succeeded)
        #expect(result.lines.first?.hasPrefix("--base-url:1:1: error: '\(base)' must be an absolute http(s) URL ending in '/' (it ") == true,
                "\(result.lines)")
    }
}

/// Links and images in Markdown pass the same check in every mode: with `allow_raw_html: true`
/// cmark's own URL filter is off, and without it cmark dropped a bad URL without a word.
@Suite struct UnsafeMarkdownURLTests {
    /// SmallSite's site.yml with `allow_raw_html: true`.
    static let siteWithRawHTML = String(SmallSite.files[..<SmallSite.files.range(of: "-- Content/guidance/")!.lowerBound]) + "allow_raw_html: true"

    /// An article whose line 5 is `line`, built after `site` (SmallSite's or one allowing raw HTML).
    func diagnostics(line: String, site: String = "") throws -> [String] {
        try FixtureSite.diagnostics(breaking: SmallSite.files, with: site + """

        -- Content/guidance/links.md --
        ---
        title: Links
        ---

        \(line)
        """)
    }

    /// `FILE:LINE:COLUMN`, the column of `needle` in `text`, counted in bytes from 1 as cmark counts.
    func at(_ needle: String, in text: String, file: String = "Content/guidance/links.md", line: Int = 5) -> String {
        "\(file):\(line):\(text[..<text.range(of: needle)!.lowerBound].utf8.count + 1)"
    }

    @Test(arguments: [false, true])
    func aScriptLinkOrImageIsAnErrorAtItsURL(rawHTML: Bool) throws {
        let line = "See [the notice](javascript:alert(1)) and ![logo](JAVA&#x09;SCRIPT:alert(2) \"Logo\") or <vbscript:msgbox(3)>."
        let lines = try diagnostics(line: line, site: rawHTML ? Self.siteWithRawHTML : "")
        #expect(lines == [
            "\(at("javascript:", in: line)): error: a link must be an http(s) URL or a relative path, found 'javascript:alert(1)' (it is a 'javascript:' URL)",
            "\(at("![logo]", in: line)): error: an image must be an http(s) URL or a relative path, found 'JAVA\\tSCRIPT:alert(2)' (it holds a control character, such as a tab or a line break, that a browser would drop)",
            "\(at("vbscript:", in: line)): error: a link must be an http(s) URL or a relative path, found 'vbscript:msgbox(3)' (it is a 'vbscript:' URL)",
        ])
    }

    /// Markdown in a YAML field is checked the same way, at its place in the YAML file.
    @Test func aScriptLinkInAYAMLFieldIsAnErrorInTheYAMLFile() throws {
        let definition = "    definition: An item with civil and military uses; see [the form](Javascript:alert(1))."
        let files = SmallSite.files
        let glossary = files[files.range(of: "-- Content/glossary.yml --")!.lowerBound..<files.range(of: "-- Content/rules/")!.lowerBound]
        let lines = try FixtureSite.diagnostics(breaking: files, with: Self.siteWithRawHTML + "\n" + glossary.replacingOccurrences(
            of: "    definition: An item with civil and military uses.", with: definition))
        #expect(lines == ["\(at("Javascript", in: definition, file: "Content/glossary.yml", line: 7)): error: "
            + "a link must be an http(s) URL or a relative path, found 'Javascript:alert(1)' (it is a 'javascript:' URL)"])
    }

    /// With raw HTML allowed, an author's own tags may not run a script either: an event handler,
    /// a URL attribute with another scheme, and the elements that could hide one are errors.
    @Test func rawHTMLMayNotRunAScript() throws {
        let line = #"Text <a href=" JavaScript:alert(1)">x</a> <img src=x onerror="alert(2)"> <svg><animate attributeName=href values=javascript:alert(3) /></svg>"#
        let lines = try diagnostics(line: line, site: Self.siteWithRawHTML)
        #expect(lines == [
            "\(at(" JavaScript", in: line)): error: raw HTML 'href' must be an http(s) URL or a relative path, found ' JavaScript:alert(1)' (it is a 'javascript:' URL)",
            "\(at("onerror", in: line)): error: raw HTML attribute 'onerror' is an event handler, which runs a script "
                + "(no script from content is published; scripts belong in the templates and Public/)",
            "\(at("animate", in: line)): error: raw HTML element <animate> is not allowed (an SVG animation can turn a link into a script)",
        ])
    }

    /// http(s), relative paths and fragments stay links, in Markdown and in raw HTML.
    @Test func ordinaryLinksAreKept() throws {
        let site = try FixtureSite(SmallSite.files + "\n" + Self.siteWithRawHTML + """

        -- Content/guidance/links.md --
        ---
        title: Links
        ---

        See [BAFA](https://www.bafa.de/), [checks](end-use-checks.md#red-flags), <a href="#top" title="on top">top</a> and ![x](https://example.org/x.png).
        """)
        let result = site.build()
        #expect(result.succeeded, "\(result.lines)")
        let page = try site.read("Output/guidance/links.html")
        #expect(page.contains(#"<a href="https://www.bafa.de/">BAFA</a>"#) && page.contains(##"<a href="#top" title="on top">top</a>"##))
        #expect(page.contains(#"<img src="https://example.org/x.png" alt="x" />"#))
    }
}
