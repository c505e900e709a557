import ExportalMarkdown
import Foundation
import Testing

/// A linker that wraps every occurrence of `word` in <mark>, and records what it was offered.
struct MarkingLinker: MarkdownLinker {
    let word: String
    var offered: [(text: String, context: TextContext)] = []
    var positions: [MarkdownPosition] = []
    var links: [(url: String, position: MarkdownPosition)] = []

    mutating func link(_ run: TextRun, into output: inout LinkedRun) -> Bool {
        offered.append((run.text, run.context))
        guard run.context == .prose, let range = run.text.range(of: word) else { return false }
        let offset = run.text.utf8.distance(from: run.text.startIndex, to: range.lowerBound)
        positions.append(run.position(ofUTF8Offset: offset, needle: word))
        output.appendText(String(run.text[..<range.lowerBound]))
        output.appendRaw("<mark>")
        output.appendLabel(offset..<(offset + word.utf8.count))
        output.appendRaw("</mark>")
        output.appendText(String(run.text[range.upperBound...]))
        return true
    }

    mutating func destination(forLink url: String, at position: MarkdownPosition) -> String? {
        links.append((url, position))
        return url.contains(".md") ? url.replacingOccurrences(of: ".md", with: ".html") : nil
    }
}

@Suite struct MarkdownLinkerTests {
    func render(_ markdown: String, allowRawHTML: Bool = false) -> (RenderedMarkdown, MarkingLinker) {
        var linker = MarkingLinker(word: "5A002")
        let page = MarkdownRenderer.render(markdown, options: MarkdownOptions(allowRawHTML: allowRawHTML), linker: &linker)
        return (page, linker)
    }

    @Test func proseIsLinkedButCodeLinksHeadingsAndHTMLAreNot() {
        let (page, linker) = render("""
        ## About 5A002

        Prose 5A002 here, `5A002` in code, [5A002](https://example.org) in a link.

            5A002 in an indented code block

        <div>5A002 in an HTML block</div>
        """, allowRawHTML: true)
        #expect(page.html.contains("<h2 id=\"about-5a002\">About 5A002</h2>"))
        #expect(page.html.contains("<p>Prose <mark>5A002</mark> here, <code>5A002</code> in code, <a href=\"https://example.org\">5A002</a> in a link.</p>"))
        #expect(page.html.contains("<pre><code>5A002 in an indented code block"))
        #expect(page.html.contains("<div>5A002 in an HTML block</div>"))
        #expect(linker.offered.map(\.context) == [.heading, .prose, .prose, .linkLabel, .prose])
    }

    @Test func textInsideRawInlineLinksAndCodeIsNotOffered() {
        let (page, linker) = render("A <a href=\"x\">5A002</a> and <kbd>5A002</kbd>, then 5A002.\n", allowRawHTML: true)
        #expect(page.html == "<p>A <a href=\"x\">5A002</a> and <kbd>5A002</kbd>, then <mark>5A002</mark>.</p>\n")
        #expect(linker.offered.map(\.text) == ["A ", " and ", ", then 5A002."])
    }

    @Test func softBreaksJoinARunAndSurviveReplacement() {
        let (page, linker) = render("First line\nthen 5A002\nand more.\n")
        #expect(linker.offered.map(\.text) == ["First line\nthen 5A002\nand more."])
        #expect(page.html == "<p>First line\nthen <mark>5A002</mark>\nand more.</p>\n")
        #expect(linker.positions == [MarkdownPosition(line: 2, column: 6)])
    }

    @Test func positionsAreExactAfterEscapesAndEntitiesInTablesFootnotesAndTasks() {
        let (_, linker) = render("""
        Esc \\* &amp; then 5A002

        | a | b |
        |---|---|
        | x \\| y | 5A002 |

        - [ ] task 5A002

        Note.[^1]

        [^1]: In the 5A002 footnote.
        """)
        #expect(linker.positions == [
            MarkdownPosition(line: 1, column: 19), MarkdownPosition(line: 5, column: 12),
            MarkdownPosition(line: 7, column: 12), MarkdownPosition(line: 11, column: 14),
        ])
    }

    @Test func linkDestinationsCanBeRewrittenAndArePositioned() {
        let (page, linker) = render("See [the guide](other.md#part) and [site](https://example.org).\n")
        #expect(page.html.contains("<a href=\"other.html#part\">the guide</a>"))
        #expect(linker.links.map(\.url) == ["other.md#part", "https://example.org"])
        #expect(linker.links[0].position == MarkdownPosition(line: 1, column: 17))
    }

    @Test func linkedTextCountsInPlainText() {
        let (page, _) = render("Prose 5A002 here.\n")
        #expect(page.plainText == "Prose 5A002 here.")
    }
}

@Suite struct LinkedRunTests {
    @Test func attributeTextIsEscapedAsInALink() {
        #expect(LinkedRun.attribute("a&b<c>\"d'e\nf é") == Array("a&amp;b&lt;c&gt;&quot;d'e\nf é".utf8))
        #expect(LinkedRun.attribute("") == [])
    }

    /// Attributes made once per link target are escaped exactly as page attributes are, appended to
    /// what is there already.
    @Test func attributesAreEscapedAsPageAttributesAre() {
        for text in ["", "plain", "R&D \"lab\" <b>", "&&", "\"", "a>b<c", "ünïcödé & 日本 “quotes”", "x'y", "end&"] {
            #expect(LinkedRun.attribute(text) == Array(HTMLText.escapeAttribute(text).utf8), "\(text)")
            var out = Array("pre ".utf8)
            LinkedRun.append(attribute: text, to: &out)
            #expect(out == Array(("pre " + HTMLText.escapeAttribute(text)).utf8))
        }
    }

    @Test func linkedRunsWriteNumbersAndOwnTextAsCmarkWouldEscapeIt() {
        var linker = NumberingLinker()
        let page = MarkdownRenderer.render("One 5A002 here.", options: MarkdownOptions(), linker: &linker)
        #expect(page.html == "<p>One <b data-n=\"0\">5A002</b><b data-n=\"10\">&lt;&amp;&gt;</b><b data-n=\"123\">x</b>"
                + "<b data-n=\"9\"></b><b data-n=\"99\"></b><b data-n=\"100\"></b><b data-n=\"999\"></b><b data-n=\"1000\"></b>"
                + "<b data-n=\"40506\"></b> here.</p>\n")
        #expect(page.plainText == "One 5A002<&>x here.")
    }

    /// A run the linker wrote but did not change leaves nothing behind, and a linked table cell
    /// reads as its own text, in this document and the next.
    @Test func plainTextOfLinkedRunsInParagraphsAndTableCellsAcrossDocuments() {
        let markdown = """
        Before 5A002 and after.

        Nothing to link here.

        | Code | Note |
        |------|------|
        | 5A002 | see 5A002 too |
        | none | 5A002 |

        Last 5A002.
        """
        for _ in 0..<2 {
            var linker = WritingLinker(word: "5A002")
            let page = MarkdownRenderer.render(markdown, options: MarkdownOptions(), linker: &linker)
            #expect(page.plainText == """
            Before [5A002] and after.
            Nothing to link here.
            Code Note [5A002] see [5A002] too none [5A002]
            Last [5A002].
            """)
            #expect(page.html.contains("<p>Before <i>[5A002]</i> and after.</p>"))
            #expect(page.html.contains("<p>Nothing to link here.</p>"))
            #expect(page.html.contains("<td><i>[5A002]</i></td>\n<td>see <i>[5A002]</i> too</td>"))
            #expect(page.html.contains("<td>none</td>\n<td><i>[5A002]</i></td>"))
            #expect(page.html.contains("<p>Last <i>[5A002]</i>.</p>"))
            #expect(!page.html.contains("\u{E000}") && !page.plainText.contains("\u{E000}"))
        }
    }
}

extension MarkdownLinkerTests {
    /// A linked table cell's HTML once went through a placeholder of private-use characters; an
    /// author who types the same characters gets them back as written, in the HTML and in plain text.
    @Test func privateUseCharactersInTheTextAreNotTakenForPlaceholders() {
        let typed = "\u{E000}0\u{E001} and \u{E000}1\u{E001}"
        let markdown = "Typed: \(typed).\n\n| a |\n|---|\n| 5A002 |\n| 5A002 |\n"
        var linker = WritingLinker(word: "5A002")
        let page = MarkdownRenderer.render(markdown, options: MarkdownOptions(), linker: &linker)
        #expect(page.html.contains("<p>Typed: \(typed).</p>"))
        #expect(page.html.contains("<td><i>[5A002]</i></td>"))
        #expect(page.plainText.hasPrefix("Typed: \(typed)."))

        // The same characters in the HTML the linker writes, in a paragraph and in the cells.
        var marking = WritingLinker(word: "5A002", label: "\u{E000}1\u{E001}\u{E002}0\u{E003}")
        let marked = MarkdownRenderer.render("A 5A002.\n\n| a |\n|---|\n| 5A002 |\n| 5A002 |\n", options: MarkdownOptions(), linker: &marking)
        #expect(marked.html == """
        <p>A <i>\u{E000}1\u{E001}\u{E002}0\u{E003}</i>.</p>
        <table>
        <thead>
        <tr>
        <th>a</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td><i>\u{E000}1\u{E001}\u{E002}0\u{E003}</i></td>
        </tr>
        <tr>
        <td><i>\u{E000}1\u{E001}\u{E002}0\u{E003}</i></td>
        </tr>
        </tbody>
        </table>

        """)
    }
}

extension MarkdownLinkerTests {
    /// A changed run renders in its place whatever surrounds it: after emphasis and a line break,
    /// split by brackets into several text nodes, in table cells, task items, footnotes, quotes and
    /// nested lists. The oracle is the same document rendered without a linker, with each word
    /// replaced as the linker writes it, in the HTML and in plain text.
    @Test func aLinkedRunRendersWhereItsTextWas() {
        let documents = [
            "*Emphasis*\n5A002 after a line break, and **strong** 5A002.\n",
            "Brackets [a] 5A002 [b] split the text [[c]] 5A002 ] [ into many nodes 5A002.\n",
            "| Code | Note |\n|:-----|-----:|\n| 5A002 | [x] 5A002 & <y> |\n| `code` | none |\n",
            "- [ ] check 5A002\n- [x] then 5A002 \"quoted\" & done\n  - nested 5A002\n",
            "A note.[^1] And 5A002.\n\n[^1]: The footnote names 5A002.\n",
            "> Quoted 5A002\n> over two lines 5A002\n\n1. first 5A002\n2. second\n",
            "Line one 5A002  \nhard break then 5A002 ~~struck 5A002~~ www.example.org 5A002\n",
        ]
        for markdown in documents {
            var linker = WritingLinker(word: "5A002")
            let linked = MarkdownRenderer.render(markdown, options: MarkdownOptions(), linker: &linker)
            let plain = MarkdownRenderer.render(markdown)
            // A task's checkbox is labelled with its item's plain text.
            let labels = plain.html.components(separatedBy: "aria-label=\"")
            let expected = labels.enumerated().map { index, part in
                guard index > 0, let end = part.firstIndex(of: "\"") else {
                    return part.replacingOccurrences(of: "5A002", with: "<i>[5A002]</i>")
                }
                return part[..<end].replacingOccurrences(of: "5A002", with: "[5A002]")
                    + part[end...].replacingOccurrences(of: "5A002", with: "<i>[5A002]</i>")
            }.joined(separator: "aria-label=\"")
            #expect(linked.html == expected, "\(markdown)")
            #expect(linked.plainText == plain.plainText.replacingOccurrences(of: "5A002", with: "[5A002]"), "\(markdown)")
        }
    }
}

extension MarkdownLinkerTests {
    /// A linked run in a heading is in the heading's HTML, and its plain text in the heading's
    /// anchor, in the outline and in the document's plain text.
    @Test func aLinkedRunInAHeadingIsReadAsItsPlainText() {
        var linker = WritingLinker(word: "5A002")
        let page = MarkdownRenderer.render("## About 5A002 & more\n\nText 5A002.\n", options: MarkdownOptions(), linker: &linker)
        #expect(page.html == "<h2 id=\"about-5a002-more\">About <i>[5A002]</i> &amp; more</h2>\n<p>Text <i>[5A002]</i>.</p>\n")
        #expect(page.headings.map(\.text) == ["About [5A002] & more"])
        #expect(page.plainText == "About [5A002] & more\nText [5A002].")
    }
}

/// Writes every run, with each `word` as `<i>[word]</i>`, and keeps only those that had the word.
struct WritingLinker: MarkdownLinker {
    let word: String
    var label: String?

    init(word: String, label: String? = nil) {
        self.word = word
        self.label = label
    }

    mutating func link(_ run: TextRun, into output: inout LinkedRun) -> Bool {
        var found = false
        var rest = Substring(run.text)
        while let range = rest.range(of: word) {
            output.appendText(String(rest[..<range.lowerBound]))
            output.appendRaw("<i>")
            output.appendLabel(label ?? "[" + word + "]")
            output.appendRaw("</i>")
            rest = rest[range.upperBound...]
            found = true
        }
        output.appendText(String(rest))
        return found
    }

    mutating func destination(forLink url: String, at position: MarkdownPosition) -> String? { nil }
}

/// Writes three numbered elements after "5A002", from its own bytes and numbers.
struct NumberingLinker: MarkdownLinker {
    mutating func link(_ run: TextRun, into output: inout LinkedRun) -> Bool {
        guard let range = run.text.range(of: "5A002") else { return false }
        let start = run.text.utf8.distance(from: run.text.startIndex, to: range.lowerBound)
        output.appendText(0..<start)
        // Numbers below 1,000 come from a table, at the edges of its one, two and three digit parts; larger ones are written.
        for (number, label) in [(0, Array("5A002".utf8)), (10, Array("<&>".utf8)), (123, Array("x".utf8)), (9, []), (99, []),
                                (100, []), (999, []), (1000, []), (40_506, [])] {
            output.appendRaw("<b data-n=\"")
            output.appendDecimal(number)
            output.appendRaw("\">")
            label.withUnsafeBufferPointer { output.appendLabel($0) }
            output.appendRaw("</b>")
        }
        output.appendText((start + 5)..<run.utf8.count)
        return true
    }

    mutating func destination(forLink url: String, at position: MarkdownPosition) -> String? { nil }
}
