import CCmarkGFM

extension DocumentTree {
    /// Hands every text run and link to `linker`, in document order, and splices its
    /// replacements into the tree. Code, code blocks and raw HTML are never offered.
    mutating func link(using linker: inout some MarkdownLinker, source: SourceLines) {
        var events: [LinkEvent] = []
        collect(document, context: .prose, into: &events)
        for event in events {
            switch event {
            case .link(let node):
                guard let url = cmark_node_get_url(node).map({ String(cString: $0) }), !url.isEmpty else { continue }
                let position = source.locate(url, line: Int(cmark_node_get_end_line(node)),
                                             from: cmark_node_get_start_line(node) == cmark_node_get_end_line(node)
                                                 ? Int(cmark_node_get_start_column(node)) : 1)
                if let replacement = linker.destination(forLink: url, at: position) {
                    cmark_node_set_url(node, replacement)
                }
            case .run(let nodes, let context):
                let run = textRun(nodes, context: context, source: source)
                if let spans = linker.link(run) { replace(nodes, with: spans) }
            }
        }
    }

    private enum LinkEvent {
        case run([OpaquePointer], TextContext)
        case link(OpaquePointer)
    }

    private func collect(_ parent: OpaquePointer, context: TextContext, into events: inout [LinkEvent]) {
        var run: [OpaquePointer] = []
        // Text between raw inline tags such as <a>...</a> or <code>...</code> is left alone.
        var rawDepth = 0
        func flush() {
            if rawDepth == 0, run.contains(where: { cmark_node_get_type($0) == CMARK_NODE_TEXT }) { events.append(.run(run, context)) }
            run = []
        }
        var child = cmark_node_first_child(parent)
        while let node = child {
            child = cmark_node_next(node)
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK:
                run.append(node)
                continue
            case CMARK_NODE_HTML_INLINE:
                flush()
                rawDepth = max(0, rawDepth + Self.rawTagDepthChange(cmark_node_get_literal(node).map { String(cString: $0) } ?? ""))
            case CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
                break
            case CMARK_NODE_LINK:
                flush()
                events.append(.link(node))
                collect(node, context: .linkLabel, into: &events)
            case CMARK_NODE_IMAGE:
                flush()
                collect(node, context: .linkLabel, into: &events)
            case CMARK_NODE_HEADING:
                flush()
                collect(node, context: .heading, into: &events)
            default:
                flush()
                collect(node, context: context, into: &events)
            }
            flush()
        }
        flush()
    }

    /// +1 for an opening `<a>`, `<code>`, `<kbd>`, `<samp>` or `<pre>` tag, -1 for its closing tag, else 0.
    static func rawTagDepthChange(_ tag: String) -> Int {
        let lower = tag.lowercased()
        let closing = lower.hasPrefix("</")
        let name = lower.dropFirst(closing ? 2 : 1).prefix { $0.isLetter }
        guard ["a", "code", "kbd", "samp", "pre"].contains(String(name)), !lower.hasSuffix("/>") else { return 0 }
        return closing ? -1 : 1
    }

    private func textRun(_ nodes: [OpaquePointer], context: TextContext, source: SourceLines) -> TextRun {
        var text = ""
        var segments: [(offset: Int, line: Int, column: Int)] = []
        for node in nodes {
            if cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK {
                text += "\n"
                continue
            }
            segments.append((text.utf8.count, Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node))))
            text += cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        }
        return TextRun(text: text, context: context) { offset, needle in
            let segment = segments.last(where: { $0.offset <= offset }) ?? segments[0]
            return source.locate(needle, line: segment.line, from: segment.column + offset - segment.offset)
        }
    }

    private mutating func replace(_ nodes: [OpaquePointer], with spans: [InlineSpan]) {
        guard let anchor = nodes.first else { return }
        for span in spans {
            switch span {
            case .text(let text):
                insertText(text, before: anchor)
            case .element(let open, let label, let close):
                let element = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
                cmark_node_set_on_enter(element, open)
                cmark_node_set_on_exit(element, close)
                if !label.isEmpty { cmark_node_append_child(element, textNode(label.replacingNewlines())) }
                if cmark_node_insert_before(anchor, element) == 0 {
                    // Some containers (GFM table cells) refuse custom inlines: carry the HTML through
                    // as placeholders in text, swapped back after rendering.
                    cmark_node_free(element)
                    insertText(rawPlaceholder(open), before: anchor)
                    insertText(label.replacingNewlines(), before: anchor)
                    insertText(rawPlaceholder(close), before: anchor)
                }
            }
        }
        for node in nodes {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    private func insertText(_ text: String, before anchor: OpaquePointer) {
        guard ByteSearch.contains(10, in: text) else {
            if !text.isEmpty { cmark_node_insert_before(anchor, textNode(text)) }
            return
        }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { cmark_node_insert_before(anchor, cmark_node_new(CMARK_NODE_SOFTBREAK)) }
            if !line.isEmpty { cmark_node_insert_before(anchor, textNode(String(line))) }
        }
    }

    /// Private-use characters around an index into `rawSnippets`; cmark passes them through untouched.
    private mutating func rawPlaceholder(_ html: String) -> String {
        rawSnippets.append(html)
        return "\u{E000}\(rawSnippets.count - 1)\u{E001}"
    }

    private func textNode(_ literal: String) -> OpaquePointer? {
        let node = cmark_node_new(CMARK_NODE_TEXT)
        cmark_node_set_literal(node, literal)
        return node
    }
}

private extension String {
    func replacingNewlines() -> String {
        ByteSearch.contains(10, in: self) ? String(decoding: utf8.map { $0 == 10 ? 32 : $0 }, as: UTF8.self) : self
    }
}

enum RawPlaceholders {
    static let open: UInt8 = 0xEE  // first byte of U+E000 and U+E001 in UTF-8

    /// Puts the raw HTML back where `rawPlaceholder` left its markers.
    static func restore(_ html: String, snippets: [String]) -> String {
        guard !snippets.isEmpty else { return html }
        return rewrite(html) { snippets.indices.contains($0) ? snippets[$0] : nil }
    }

    /// Removes the markers, for plain text.
    static func strip(_ text: String) -> String {
        guard ByteSearch.contains(open, in: text) else { return text }
        return rewrite(text) { _ in "" }
    }

    /// Replaces each `U+E000 digits U+E001` marker by `replacement(index)`.
    private static func rewrite(_ text: String, _ replacement: (Int) -> String?) -> String {
        let bytes = Array(text.utf8)
        let start: [UInt8] = [0xEE, 0x80, 0x80], end: [UInt8] = [0xEE, 0x80, 0x81]
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var cursor = 0
        while let found = ByteSearch.firstIndex(of: start, in: bytes, from: cursor),
              let close = ByteSearch.firstIndex(of: end, in: bytes, from: found + 3),
              let index = Int(String(decoding: bytes[(found + 3)..<close], as: UTF8.self)),
              let insert = replacement(index) {
            out += bytes[cursor..<found]
            out += Array(insert.utf8)
            cursor = close + 3
        }
        out += bytes[cursor...]
        return String(decoding: out, as: UTF8.self)
    }
}

/// The Markdown source split into lines of bytes, for turning naive cmark columns into exact ones.
struct SourceLines {
    private let lines: [ArraySlice<UInt8>]

    init(_ source: String) {
        let bytes = Array(source.utf8)
        lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    }

    /// The column of `needle` in `line`, searching from the naive column `from` onwards, then
    /// from the start of the line; `from` itself when the needle is not there.
    func locate(_ needle: String, line: Int, from column: Int) -> MarkdownPosition {
        guard line >= 1, line <= lines.count, !needle.isEmpty else { return MarkdownPosition(line: line, column: column) }
        let text = lines[line - 1]
        var needle = needle
        return needle.withUTF8 { pattern in
            for start in [text.startIndex + max(0, column - 1), text.startIndex] where start <= text.endIndex {
                if let found = firstIndex(of: pattern, in: text, from: start) {
                    return MarkdownPosition(line: line, column: found - text.startIndex + 1)
                }
            }
            return MarkdownPosition(line: line, column: column)
        }
    }

    private func firstIndex(of pattern: UnsafeBufferPointer<UInt8>, in text: ArraySlice<UInt8>, from start: Int) -> Int? {
        var index = start
        while index + pattern.count <= text.endIndex {
            if text[index] == pattern[0] {
                var k = 1
                while k < pattern.count && text[index + k] == pattern[k] { k += 1 }
                if k == pattern.count { return index }
            }
            index += 1
        }
        return nil
    }
}
