import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Operations on a parsed cmark document. Lives only for the duration of one `render` call;
/// the document and parser are owned (and freed) by the caller.
struct DocumentTree {
    let document: OpaquePointer
    let options: Int32
    let extensions: UnsafeMutablePointer<cmark_llist>?
    /// What the runs the linker changed render, by the numbers their markers carry (`link(using:source:)`).
    var linked: LinkedRun?

    init(document: OpaquePointer, options: Int32, extensions: UnsafeMutablePointer<cmark_llist>?) {
        self.document = document
        self.options = options
        self.extensions = extensions
    }

    /// Nodes in document order, collected first so the tree can be edited afterwards.
    func nodes(where predicate: (OpaquePointer) -> Bool) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return found }
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                  let node = cmark_iter_get_node(iterator) else { continue }
            if predicate(node) { found.append(node) }
        }
        return found
    }

    /// Concatenated literal text below a node (text, code, line breaks as spaces), with a space
    /// between blocks inside it (table cells, list items), so that their words stay apart.
    func text(of node: OpaquePointer) -> String {
        var parts: [String] = []
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                  let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if child != node, type.rawValue & 0xC000 == 0x8000, let last = parts.last?.utf8.last, last != 32 {
                parts.append(" ")
            }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                parts.append(plain(cmark_node_get_literal(child)))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                parts.append(" ")
            default:
                break
            }
        }
        return parts.joined()
    }

    mutating func dropLeadingTitle(_ title: String?) {
        guard let title, let first = cmark_node_first_child(document),
              cmark_node_get_type(first) == CMARK_NODE_HEADING,
              cmark_node_get_heading_level(first) == 1,
              normalisedTitle(text(of: first)) == normalisedTitle(title) else { return }
        cmark_node_unlink(first)
        cmark_node_free(first)
    }

    private func normalisedTitle(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ").lowercased()
    }

    /// Replaces every heading with a custom block that carries a stable `id`, and reports them.
    /// cmark has no attribute API; a custom block with the heading's own rendered HTML keeps
    /// escaping and safe-mode rules exactly as cmark applies them.
    mutating func anchorHeadings() -> [MarkdownHeading] {
        var slugger = AnchorSlugger()
        var headings: [MarkdownHeading] = []
        for node in nodes(where: { cmark_node_get_type($0) == CMARK_NODE_HEADING }) {
            let level = Int(cmark_node_get_heading_level(node))
            let text = self.text(of: node).trimmingSpaces()
            let anchor = slugger.anchor(for: text)
            headings.append(MarkdownHeading(
                level: level, text: text, anchor: anchor,
                line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node))))

            guard let rendered = cmark_render_html(node, options, extensions) else { continue }
            let html = LinkedRunMarker.resolve(rendered, linked) { linked, run in linked.html(ofRun: run) }
            free(rendered)
            let open = "<h\(level)>", close = "</h\(level)>"
            var inner = Substring(html.trimmingSpaces())
            if inner.hasPrefix(open) { inner = inner.dropFirst(open.count) }
            if inner.hasSuffix(close) { inner = inner.dropLast(close.count) }
            let replacement = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)
            let tag = "<h\(level) id=\"\(HTMLText.escapeAttribute(anchor))\">\(inner)</h\(level)>"
            cmark_node_set_on_enter(replacement, tag)
            cmark_node_set_on_exit(replacement, "")
            cmark_node_replace(node, replacement)
            cmark_node_free(node)
        }
        return headings
    }

    func taskItemLabels() -> [String] {
        nodes(where: { node in
            guard cmark_node_get_type(node) == CMARK_NODE_ITEM,
                  let name = cmark_node_get_type_string(node) else { return false }
            return String(cString: name) == "tasklist"
        }).map { text(of: $0).trimmingSpaces() }
    }

    func plainText() -> String {
        var blocks: [String] = []
        var child = cmark_node_first_child(document)
        while let node = child {
            if cmark_node_get_type(node) == CMARK_NODE_CUSTOM_BLOCK, let enter = cmark_node_get_on_enter(node) {
                blocks.append(HTMLText.stripTags(plain(enter)))
            } else {
                blocks.append(text(of: node))
            }
            child = cmark_node_next(node)
        }
        return blocks.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// A node's text, with each linked run's marker replaced by the run's plain text.
    private func plain(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "" }
        return LinkedRunMarker.resolve(text, linked) { linked, run in linked.plainText(ofRun: run) }
    }
}
