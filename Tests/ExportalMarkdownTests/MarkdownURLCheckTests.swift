import ExportalMarkdown
import Testing

/// Link and image URLs are checked in every mode, and raw HTML when it is allowed; what is
/// refused is reported at its place in the Markdown and never rendered as a live link.
@Suite struct MarkdownURLCheckTests {
    func problems(_ markdown: String, rawHTML: Bool = false) -> [String] {
        MarkdownRenderer.render(markdown, options: MarkdownOptions(allowRawHTML: rawHTML)).problems.map { "\($0.line):\($0.column) \($0.message)" }
    }

    @Test(arguments: [false, true])
    func aRefusedLinkIsReportedAndRenderedWithoutItsURL(rawHTML: Bool) {
        let page = MarkdownRenderer.render("> Quote [x](javascript:alert(1)) and [ok](https://example.org/).\n",
                                           options: MarkdownOptions(allowRawHTML: rawHTML))
        #expect(page.problems.map { "\($0.line):\($0.column) \($0.hint ?? "")" } == ["1:13 it is a 'javascript:' URL"])
        #expect(page.html.contains(#"<a href="">x</a>"#) && page.html.contains(#"<a href="https://example.org/">ok</a>"#))
        #expect(!page.html.contains("javascript"))
    }

    @Test func referenceDefinitionsAndEntitiesAreCheckedAsTheBrowserWouldReadThem() {
        #expect(problems("See [x][1] and [y](jav&#x61;script:alert(2)).\n\n[1]: <java\tscript:alert(1)>\n") == [
            "1:5 a link must be an http(s) URL or a relative path, found 'java\\tscript:alert(1)'",
            "1:16 a link must be an http(s) URL or a relative path, found 'javascript:alert(2)'",
        ])
    }

    @Test func relativeLinksFragmentsAndHTTPAreKept() {
        #expect(problems("[a](../x.md#y) [b](#top) [c](HTTP://example.org) ![d](img/d.png) <https://example.org> www.example.org\n").isEmpty)
    }

    /// An address written as such stays text, where GFM would make it a `mailto:` link; a link
    /// the author writes to `mailto:` is refused like any other scheme.
    @Test func anEMailAddressStaysText() {
        let page = MarkdownRenderer.render("Write to export@agency.example or <desk@agency.example>, not [us](mailto:us@agency.example).\n")
        #expect(page.html == "<p>Write to export@agency.example or desk@agency.example, not <a href=\"\">us</a>.</p>\n")
        #expect(page.problems.map { "\($0.line):\($0.column) \($0.message)" }
            == ["1:67 a link must be an http(s) URL or a relative path, found 'mailto:us@agency.example'"])
    }

    @Test func rawHTMLIsCheckedOnlyWhenItIsPublished() {
        let html = "<div>\n<IMG/SRC=x\n  OnError=alert(1)>\n<!-- <a href=\"javascript:x\"> -->\n<a href=javascript:alert(2)>y</a>\n</div>\n"
        #expect(problems(html).isEmpty)  // left out of the page
        #expect(problems(html, rawHTML: true) == [
            "3:3 raw HTML attribute 'onerror' is an event handler, which runs a script",
            "5:9 raw HTML 'href' must be an http(s) URL or a relative path, found 'javascript:alert(2)'",
        ])
    }

    @Test func inlineRawHTMLIsReportedAtItsAttribute() {
        #expect(problems("A *b* <span onmouseover=\"x()\">c</span> <iframe src=\"https://example.org/\"></iframe>\n", rawHTML: true) == [
            "1:13 raw HTML attribute 'onmouseover' is an event handler, which runs a script",
            "1:41 raw HTML element <iframe> is not allowed",
        ])
    }

    /// Markup a browser reads otherwise than it looks: a comment that ends at once, and a noscript
    /// whose attribute holds a live tag.
    @Test func markupHiddenFromAReaderIsStillFound() {
        #expect(problems("<!--><img src=x onerror=a()>-->\n\n<noscript><p title=\"</noscript><img src=x onerror=b()>\">\n", rawHTML: true) == [
            "1:17 raw HTML attribute 'onerror' is an event handler, which runs a script",
            "3:2 raw HTML element <noscript> is not allowed",
        ])
    }

    @Test func aStyleMayNotNameAScript() {
        #expect(problems(#"<div style="background:url( 'JAVA\\script:x()' )">x</div> <p style="color: red">y</p>"# + "\n", rawHTML: true)
            == ["1:13 raw HTML 'style' names a script URL"])
    }

    @Test func harmlessRawHTMLPasses() {
        #expect(problems("<details><summary>More</summary>\n\n<a href=\"https://example.org/\" title=\"one\">x</a> <img src=\"a.png\" alt=\"\">\n\n</details>\n",
                         rawHTML: true).isEmpty)
    }
}
