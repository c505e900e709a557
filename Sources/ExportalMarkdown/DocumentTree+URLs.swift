import CCmarkGFM
import ExportalDomain

/// Something in a document that may not be published, at its place in the Markdown source.
public struct MarkdownProblem: Sendable, Equatable {
    /// 1-based line and column (in bytes, as cmark counts) in the Markdown source.
    public let line: Int
    public let column: Int
    public let message: String
    public let hint: String?
}

extension DocumentTree {
    /// Checks every link and image URL with `URLPolicy`, in every mode: with raw HTML allowed
    /// cmark's renderer no longer blanks `javascript:` URLs, and without it, it blanked them
    /// without a word to the author. A refused URL is reported and emptied, so it is never
    /// rendered. With raw HTML allowed, each raw HTML node is checked too (`RawHTMLCheck`).
    /// An e-mail address written as such (GFM links a bare one as `mailto:`) stays text.
    func checkURLs(source: String, rawHTML: Bool) -> [MarkdownProblem] {
        var problems: [MarkdownProblem] = []
        // Made only for a document with a problem: most have none.
        var lines: SourceLines?
        func located(_ needle: some Collection<UInt8>, line: Int, column: Int) -> MarkdownPosition {
            let found = lines ?? SourceLines(source)
            lines = found
            return Array(needle).withUnsafeBufferPointer { found.locate($0, line: line, from: column) }
        }
        for node in nodes(where: { Self.checkedTypes.contains(cmark_node_get_type($0)) }) {
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                guard let url = cmark_node_get_url(node).map({ String(cString: $0) }), !url.isEmpty,
                      let refusal = URLPolicy.refusal(of: url, relative: true) else { continue }
                if type == CMARK_NODE_LINK, url.hasPrefix("mailto:"), text(of: node) == url.dropFirst(7) {
                    Self.replaceWithChildren(node)
                    continue
                }
                let (line, column) = Self.destinationSearch(of: node)
                let position = located(url.utf8, line: line, column: column)
                problems.append(MarkdownProblem(line: position.line, column: position.column,
                                                message: URLPolicy.message(type == CMARK_NODE_LINK ? "a link" : "an image",
                                                                           found: url, relative: true),
                                                hint: refusal.description))
                cmark_node_set_url(node, "")
            } else if rawHTML {
                guard let literal = cmark_node_get_literal(node) else { continue }
                let html = Array(String(cString: literal).utf8)
                for finding in RawHTMLCheck.findings(in: html) {
                    let before = html[..<finding.offset]
                    let newlines = before.filter { $0 == 10 }.count
                    let line = Int(cmark_node_get_start_line(node)) + newlines
                    let column = newlines == 0 ? Int(cmark_node_get_start_column(node)) + finding.offset
                        : finding.offset - before.lastIndex(of: 10)!
                    let position = located(html[finding.offset..<(finding.offset + finding.length)], line: line, column: column)
                    problems.append(MarkdownProblem(line: position.line, column: position.column,
                                                    message: finding.message, hint: finding.hint))
                }
            }
        }
        return problems
    }

    private static let checkedTypes = [CMARK_NODE_LINK, CMARK_NODE_IMAGE, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE]

    /// Where to look for a link's destination in the source: on its last line (a destination
    /// follows the text), from its start when the link is on one line. A destination written
    /// otherwise than cmark gives it (an entity, an escape) is then reported at the link. A link
    /// that GFM's autolink extension made has no position: its paragraph's is used.
    static func destinationSearch(of node: OpaquePointer) -> (line: Int, column: Int) {
        var node = node
        while cmark_node_get_start_line(node) == 0, let parent = cmark_node_parent(node) { node = parent }
        let end = Int(cmark_node_get_end_line(node))
        return (end, Int(cmark_node_get_start_line(node)) == end ? Int(cmark_node_get_start_column(node)) : 1)
    }

    /// Puts a link's text where the link was.
    private static func replaceWithChildren(_ link: OpaquePointer) {
        while let child = cmark_node_first_child(link) {
            cmark_node_insert_before(link, child)
        }
        cmark_node_unlink(link)
        cmark_node_free(link)
    }
}
