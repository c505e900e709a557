import ExportalMarkdown
import Testing

@Suite struct MarkdownRendererTests {
    @Test func headingsGetStableUniqueAnchors() {
        let page = MarkdownRenderer.render("## Red flags\n\ntext\n\n## Red flags\n\n### Über *Prüfung*\n")
        #expect(page.headings.map(\.anchor) == ["red-flags", "red-flags-2", "uber-prufung"])
        #expect(page.html.contains(#"<h2 id="red-flags">Red flags</h2>"#))
        #expect(page.html.contains(#"<h3 id="uber-prufung">Über <em>Prüfung</em></h3>"#))
        #expect(page.headings[2].line == 7 && page.headings[2].column == 1)
    }

    @Test func leadingTitleHeadingIsDropped() {
        let page = MarkdownRenderer.render("# Record keeping\n\nBody.\n", options: MarkdownOptions(leadingTitle: "Record  keeping"))
        #expect(!page.html.contains("<h1"))
        #expect(page.headings.isEmpty)
        let other = MarkdownRenderer.render("# Something else\n", options: MarkdownOptions(leadingTitle: "Record keeping"))
        #expect(other.headings.first?.level == 1)
    }

    /// Plain text feeds search and excerpts: the words of neighbouring list items and table cells
    /// must not run together ("2D001." and "E: ..." made the search word "2d001.e").
    @Test func plainTextKeepsBlocksInsideABlockApart() {
        let page = MarkdownRenderer.render("- software under 2D001.\n- E: technology\n\n| a | b |\n|---|---|\n| one | two |\n\n> quoted\n>\n> twice\n")
        #expect(page.plainText == "software under 2D001. E: technology\na b one two\nquoted twice")
    }

    @Test func tableAlignmentUsesStyleAttributes() {
        let page = MarkdownRenderer.render("| a | b |\n|:--|--:|\n| 1 | 2 |\n")
        #expect(page.html.contains(#"<th style="text-align: left">a</th>"#))
        #expect(page.html.contains(#"<td style="text-align: right">2</td>"#))
        #expect(!page.html.contains("align="))
    }

    @Test func gfmExtensionsAreOn() {
        let page = MarkdownRenderer.render("~~old~~ see https://example.org/x and a note[^1]\n\n[^1]: The note.\n")
        #expect(page.html.contains("<del>old</del>"))
        #expect(page.html.contains(#"<a href="https://example.org/x">https://example.org/x</a>"#))
        #expect(page.html.contains("<section class=\"footnotes\" data-footnotes>\n<h2 class=\"footnotes-title\">Footnotes</h2>"))
        #expect(page.html.contains("The note."))
    }

    @Test func taskListCheckboxesAreLabelledWithTheirText() {
        let page = MarkdownRenderer.render("- [x] Screen the consignee\n- [ ] File the \"end-use\" statement\n")
        #expect(page.html.contains(#"<input type="checkbox" aria-label="Screen the consignee" checked="" disabled="" />"#))
        #expect(page.html.contains(#"<input type="checkbox" aria-label="File the &quot;end-use&quot; statement" disabled="" />"#))
    }

    @Test func rawHTMLIsOmittedUnlessAllowed() {
        let source = "<script>alert(1)</script>\n\nText <b>bold</b>\n"
        let safe = MarkdownRenderer.render(source)
        #expect(!safe.html.contains("<script>"))
        #expect(!safe.html.contains("<b>"))
        let raw = MarkdownRenderer.render(source, options: MarkdownOptions(allowRawHTML: true))
        #expect(raw.html.contains("<b>bold</b>"))
        // tagfilter still neutralises <script> even when raw HTML is allowed.
        #expect(!raw.html.contains("<script>"))
    }

    @Test func headingTextIsEscapedInAnchorsAndBody() {
        let page = MarkdownRenderer.render("## R&D \"lab\" <b>\n")
        #expect(page.html.contains(#"<h2 id="r-d-lab">R&amp;D &quot;lab&quot; <!-- raw HTML omitted --></h2>"#))
    }

    @Test func plainTextJoinsBlocks() {
        let page = MarkdownRenderer.render("## Title\n\nOne *two*\nthree.\n")
        #expect(page.plainText == "Title\nOne two three.")
    }
}

@Suite struct MarkdownConcurrencyTests {
    /// cmark-gfm's extensions share global parser tables; renders on many threads at once must
    /// still all see strikethrough and autolinks (this failed before renders were serialised).
    @Test func concurrentRendersAgree() async {
        let results = await withTaskGroup(of: String.self) { group in
            for index in 0..<300 {
                // Long enough that one parser is still parsing while another is freed.
                let document = String(repeating: "A paragraph with ~~old~~ text, item \(index), see www.example.org now.\n\n", count: 60)
                group.addTask { MarkdownRenderer.render(document).html }
            }
            var all: [String] = []
            for await html in group { all.append(html) }
            return all
        }
        let wrong = results.filter {
            $0.components(separatedBy: "<del>old</del>").count != 61
                || $0.components(separatedBy: "<a href=\"http://www.example.org\">").count != 61
        }
        #expect(wrong.isEmpty, "\(wrong.count) of \(results.count) renders lost an extension: \(wrong.first ?? "")")
    }
}
