import ExportalCore
import Foundation
import Testing

/// A guidance article that uses every reference form and the awkward places codes turn up in.
enum LinkingSite {
    static let article = """
    -- Content/guidance/linking.md --
    ---
    title: Linking
    related: [5A002.a, guidance:end-use-checks, training:basics/next-steps, term:catch-all]
    ---

    At the end of a sentence: see 5A002. In parentheses (1C350), and the longer 5A002.a.1 wins.
    Not in `5A002` code, nor in [a link about 1C350](https://example.org/1C350).

    ## Why 5A002 matters

    | Code | Note |
    |------|------|
    | 5A002.a | [[5A002\\|encryption items]] |

    - [ ] Check 1C350 before shipping.

    A catch-all control applies here; the second catch-all control is plain text.
    Dual-use itemisation is one word, so no term there, but a dual-use item is.

    Explicit: [[guidance:end-use-checks]], [[training:basics]], [[training:basics/next-steps|the next lesson]],
    [[term:dual-use-item]] and [[demo-list:5A002.a]].

    Relative: [red flags](end-use-checks.md#red-flags) and [classifying](../training/basics/next-steps.md#classify).

    Footnoted.[^1]

    ```
    5A002 in a fenced block
    ```

    [^1]: The footnote names 1C350.
    """

    static var files: String { SmallSite.files + "\n" + article }
}

@Suite struct CrossLinkTests {
    func build() throws -> (FixtureSite, String) {
        let site = try FixtureSite(LinkingSite.files)
        let result = site.build()
        #expect(result.succeeded && result.diagnostics.isEmpty, "\(result.lines)")
        return (site, try site.read("Output/guidance/linking.html"))
    }

    @Test func codesInProseBecomeLinksToEntriesAndSubItems() throws {
        let (_, html) = try build()
        let entry = #"<a class="ref ref-entry" href="../controls/demo-list/"#
        #expect(html.contains(#"see \#(entry)5A002.html" title="5A002: Information security items">5A002</a>. In"#))
        #expect(html.contains(#"(\#(entry)1C350.html" title="1C350: Chemical precursors">1C350</a>)"#))
        #expect(html.contains(#"longer \#(entry)5A002.html#5A002.a.1" title="5A002.a.1: Primary function is security">5A002.a.1</a> wins"#))
        #expect(html.contains(#"<td>\#(entry)5A002.html#5A002.a" title="5A002.a: Confidentiality items">5A002.a</a></td>"#))
        #expect(html.contains(#"Check \#(entry)1C350.html" title="1C350: Chemical precursors">1C350</a> before shipping."#))
        #expect(html.contains(#"The footnote names \#(entry)1C350.html" title="1C350: Chemical precursors">1C350</a>."#))
    }

    @Test func nothingIsLinkedInCodeLinksOrHeadings() throws {
        let (_, html) = try build()
        #expect(html.contains("Not in <code>5A002</code> code, nor in <a href=\"https://example.org/1C350\">a link about 1C350</a>."))
        #expect(html.contains(#"<h2 id="why-5a002-matters">Why 5A002 matters</h2>"#))
        #expect(html.contains("<pre><code>5A002 in a fenced block\n</code></pre>"))
    }

    @Test func explicitReferencesUseTitlesOrLabels() throws {
        let (_, html) = try build()
        #expect(html.contains(#"<td><a class="ref ref-entry" href="../controls/demo-list/5A002.html" title="5A002: Information security items">encryption items</a></td>"#))
        #expect(html.contains(#"<a class="ref ref-guidance" href="../guidance/end-use-checks.html">End-use checks</a>"#))
        #expect(html.contains(#"<a class="ref ref-module" href="../training/basics/index.html">Basics</a>"#))
        #expect(html.contains(#"<a class="ref ref-lesson" href="../training/basics/next-steps.html">the next lesson</a>"#))
        #expect(html.contains(#"href="../controls/demo-list/5A002.html#5A002.a" title="5A002.a: Confidentiality items">5A002.a</a>."#))
    }

    @Test func termsLinkOnceWholeWordsWithTheirShortDefinition() throws {
        let (_, html) = try build()
        #expect(html.contains(#"A <span class="term-ref"><a class="ref ref-term" href="../glossary.html#catch-all" aria-describedby="termtip-1">catch-all control</a><span class="term-tip" role="tooltip" id="termtip-1">A licence requirement for an unlisted item.</span></span> applies here; the second catch-all control is plain text."#))
        #expect(html.contains("Dual-use itemisation is one word"))
        #expect(html.contains(#"but a <span class="term-ref"><a class="ref ref-term" href="../glossary.html#dual-use-item" aria-describedby="termtip-2">dual-use item</a>"#))
        // An explicit term reference still links, even though the term was linked before.
        #expect(html.contains(#"href="../glossary.html#dual-use-item" aria-describedby="termtip-3">Dual-use item</a>"#))
    }

    /// Each definition is rendered once, on the glossary page. A term's tooltip elsewhere is the
    /// first sentence of that rendering, with a reference by its label and a term as its text; the
    /// glossary page's own term links have no tooltip, the definition they lead to being on that page.
    @Test func tooltipsAreTheFirstSentenceOfTheGlossaryPagesDefinition() throws {
        let old = "definition: A licence requirement for an *unlisted* item."
        #expect(LinkingSite.files.contains(old))
        let site = try FixtureSite(LinkingSite.files.replacingOccurrences(
            of: old, with: "definition: A licence requirement for an *unlisted* dual-use item, such as [[5A002|encryption items]]. It applies when told."))
        let result = site.build()
        #expect(result.succeeded && result.diagnostics.isEmpty, "\(result.lines)")
        let html = try site.read("Output/guidance/linking.html")
        #expect(html.contains(#"aria-describedby="termtip-1">catch-all control</a><span class="term-tip" role="tooltip" id="termtip-1">A licence requirement for an unlisted dual-use item, such as encryption items.</span></span>"#))
        #expect(html.contains(#"aria-describedby="termtip-2">dual-use item</a><span class="term-tip" role="tooltip" id="termtip-2">An item with civil and military uses.</span></span>"#))
        let glossary = try site.read("Output/glossary.html")
        #expect(glossary.contains(##"<p>A licence requirement for an <em>unlisted</em> <a class="ref ref-term" href="#dual-use-item">dual-use item</a>, such as <a class="ref ref-entry" href="controls/demo-list/5A002.html" title="5A002: Information security items">encryption items</a>. It applies when told.</p>"##))
        #expect(!glossary.contains("term-tip"))
    }

    /// A code that names no entry is text to the terms around it: they are found across it, each
    /// linked once, and the code itself is only a warning.
    @Test func termsAroundACodeThatNamesNoEntryAreLinkedAsInText() throws {
        let site = try FixtureSite(SmallSite.files + """

        -- Content/guidance/unknown.md --
        ---
        title: Unknown code
        ---

        A catch-all control before 5A003, a dual-use item after it, then 1C350 and another catch-all control.
        """)
        let result = site.build()
        #expect(result.succeeded)
        #expect(result.lines == ["Content/guidance/unknown.md:5:28: warning: control code '5A003' names no loaded entry and is not linked — did you mean 5A002? (write it in `backticks` if it is not meant to name an entry)"])
        let html = try site.read("Output/guidance/unknown.html")
        let term = #"<span class="term-ref"><a class="ref ref-term" href="../glossary.html#"#
        #expect(html.contains(#"<p>A \#(term)catch-all" aria-describedby="termtip-1">catch-all control</a>"#))
        #expect(html.contains(#"</span></span> before 5A003, a \#(term)dual-use-item" aria-describedby="termtip-2">dual-use item</a>"#))
        #expect(html.contains(#"</span></span> after it, then <a class="ref ref-entry" href="../controls/demo-list/1C350.html" title="1C350: Chemical precursors">1C350</a> and another catch-all control.</p>"#))
    }

    @Test func relativeLinksBetweenContentFilesBecomePortalURLs() throws {
        let (_, html) = try build()
        #expect(html.contains(#"<a href="../guidance/end-use-checks.html#red-flags">red flags</a>"#))
        #expect(html.contains(#"<a href="../training/basics/next-steps.html#classify">classifying</a>"#))
    }

    @Test func relatedListAndBacklinksAppearOnBothEnds() throws {
        let (site, html) = try build()
        #expect(html.contains(#"<li><span class="related-kind">Control-list entry</span> <a href="../controls/demo-list/5A002.html#5A002.a">5A002.a</a></li>"#))
        #expect(html.contains(#"<li><span class="related-kind">Lesson</span> <a href="../training/basics/next-steps.html">Next steps</a></li>"#))

        let entry = try site.read("Output/controls/demo-list/5A002.html")
        #expect(entry.contains(#"<h3 class="small-heading">Guidance</h3>"#))
        #expect(entry.contains(##"<li><a href="../../guidance/linking.html">Linking</a> <span class="backlink-targets"><a href="#5A002">5A002</a><a href="#5A002.a">5A002.a</a><a href="#5A002.a.1">5A002.a.1</a></span></li>"##))
        #expect(entry.contains(#"<div class="cited-by"><span class="cited-by-label">Referenced in</span> <ul class="inline-list"><li><a href="../../guidance/linking.html">Linking</a></li></ul></div>"#))
        let other = try site.read("Output/controls/demo-list/1C350.html")
        #expect(other.contains("<a href=\"../../guidance/linking.html\">Linking</a> <span class=\"backlink-targets\"><a href=\"#1C350\">1C350</a></span>"))

        let glossary = try site.read("Output/glossary.html")
        #expect(glossary.contains(#"<ul class="inline-list"><li><a href="guidance/linking.html">Linking</a></li></ul>"#))
        // No list is longer than a list shows, so none has a listing page.
        #expect(!entry.contains("backlink-more") && !site.exists("Output/references"))
        let lesson = try site.read("Output/training/basics/next-steps.html")
        #expect(lesson.contains(#"<li><a href="../../guidance/linking.html">Linking</a></li>"#))
        let target = try site.read("Output/guidance/end-use-checks.html")
        #expect(target.contains(#"<li><a href="../guidance/linking.html">Linking</a></li>"#))
    }

    /// `--content /home/alice/...` names the folder as typed in diagnostics; no published file may hold it.
    @Test func publishedFilesHoldNoLocalPath() throws {
        let site = try FixtureSite(LinkingSite.files)
        var options = site.options()
        options.contentDisplay = site.root.appendingPathComponent("Content").path
        options.templatesDisplay = site.root.appendingPathComponent("Templates").path
        options.publicDisplay = site.root.appendingPathComponent("Public").path
        #expect(BuildPipeline(options: options).build().succeeded)
        let leaks = site.snapshot().filter { _, data in
            String(decoding: data, as: UTF8.self).contains(site.root.path)
        }.keys.sorted()
        #expect(leaks.isEmpty, "published files naming \(site.root.path): \(leaks)")
        #expect(try XrefFile(Data(site.read("Output/xref.json").utf8)).references.contains { $0.file == "guidance/linking.md" })
    }

    @Test func xrefJSONListsEveryReferenceWithItsSourceLine() throws {
        let (site, _) = try build()
        let xref = try XrefFile(Data(contentsOf: site.root.appendingPathComponent("Output/xref.json")))
        #expect(xref.version == 2)
        let fromLinking = xref.references.filter { $0.source == "guidance/linking.html" }
        let first = try #require(fromLinking.first { $0.via == "code" })
        #expect(first.target == "controls/demo-list/5A002.html" && first.sourceTitle == "Linking" && first.sourceKind == "guidance")
        // Relative to the content folder: the portal is published, the folder it was built from is not.
        #expect(first.file == "guidance/linking.md")
        #expect(first.line == 6 && first.column == 31)
        #expect(first.targetKind == "entry" && first.targetId == "5A002")
        let vias = Set(fromLinking.map(\.via))
        #expect(vias == ["code", "term", "explicit", "link", "related"])
        #expect(fromLinking.count == 20)  // 3+2+1 codes and refs in prose, table and task; 2 terms; 5 explicit; 2 links; 1 footnote; 4 related
        // Compact: one line of numbers per reference, each path and title written once.
        let text = try site.read("Output/xref.json")
        #expect(text.components(separatedBy: "\"guidance/linking.html\"").count == 2)
        #expect(text.contains("\n[0,") && !text.contains("  "))
    }
}

/// A code in two lists: prose outside the lists links to the first list's entry, and a list's own
/// notes to its own entry, in the same build.
@Suite struct CodesInSeveralListsTests {
    static let files = SmallSite.files + "\n" + """
    -- Content/controls/other-list/list.yml --
    id: other-list
    title: Other list
    authority: Test Authority
    version: "1"
    effective: 2026-01-01
    source: https://example.org/other
    -- Content/controls/other-list/entries.yml --
    entries:
      - code: 5A002
        title: Information security items, as the other list words it
        reasons: [NS]
        regimes: [wassenaar]
      - code: 9E999
        title: Other technology
        reasons: [NS]
        regimes: [wassenaar]
        notes:
          - Compare 5A002 and 1C350 here.
    -- Content/guidance/both.md --
    ---
    title: Both
    ---

    Bare 5A002 and [[5A002]], and the other list's [[other-list:5A002]].
    """

    @Test func eachListsNotesPreferItsOwnEntry() throws {
        let site = try FixtureSite(Self.files)
        let result = site.build()
        #expect(result.succeeded && result.diagnostics.isEmpty, "\(result.lines)")
        let article = try site.read("Output/guidance/both.html")
        #expect(article.contains(#"Bare <a class="ref ref-entry" href="../controls/demo-list/5A002.html" title="5A002: Information security items">5A002</a> and <a class="ref ref-entry" href="../controls/demo-list/5A002.html""#))
        #expect(article.contains(#"<a class="ref ref-entry" href="../controls/other-list/5A002.html" title="5A002: Information security items, as the other list words it">"#))
        let note = try site.read("Output/controls/other-list/9E999.html")
        #expect(note.contains(#"Compare <a class="ref ref-entry" href="../../controls/other-list/5A002.html" title="5A002: Information security items, as the other list words it">5A002</a> and <a class="ref ref-entry" href="../../controls/demo-list/1C350.html""#))
    }
}
