import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
                if let spans = linker.link(run) { replace(nodes, with: spans, of: run) }
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
        var utf8: [UInt8] = []
        var segments: [TextRun.Segment] = []
        for node in nodes {
            if cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK {
                utf8.append(10)
                continue
            }
            segments.append(TextRun.Segment(offset: utf8.count, line: Int(cmark_node_get_start_line(node)),
                                            column: Int(cmark_node_get_start_column(node))))
            // The literal's bytes straight from cmark: no String is made and re-encoded.
            if let literal = cmark_node_get_literal(node) {
                utf8.append(contentsOf: UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self),
                                                            count: strlen(literal)))
            }
        }
        return TextRun(utf8: utf8, context: context, segments: segments, source: source)
    }

    private mutating func replace(_ nodes: [OpaquePointer], with spans: [InlineSpan], of run: TextRun) {
        guard let anchor = nodes.first else { return }
        run.utf8.withUnsafeBufferPointer { bytes in
            for span in spans {
                switch span {
                case .text(let text):
                    insertText(text, before: anchor)
                case .runText(let range):
                    insertText(UnsafeBufferPointer(rebasing: bytes[range]), before: anchor)
                case .element(let open, let label, let close):
                    let text = label.replacingNewlines()
                    insertElement(open: open, close: close, before: anchor, label: text, hasLabel: !text.isEmpty) { Self.textNode(text) }
                case .runElement(let open, let label, let close):
                    let labelBytes = UnsafeBufferPointer(rebasing: bytes[label])
                    insertElement(open: open, close: close, before: anchor,
                                  label: String(decoding: labelBytes.map { $0 == 10 ? 32 : $0 }, as: UTF8.self),
                                  hasLabel: !label.isEmpty) { Self.textNode(labelBytes, newlinesAsSpaces: true) }
                }
            }
        }
        for node in nodes {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    /// A custom inline with `open`/`close` HTML around the node made by `labelNode` when `hasLabel`;
    /// `label`, the label as text, is only needed (and made) when the container refuses the element.
    private mutating func insertElement(open: String, close: String, before anchor: OpaquePointer, label: @autoclosure () -> String,
                                        hasLabel: Bool, labelNode: () -> OpaquePointer?) {
        let element = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
        cmark_node_set_on_enter(element, open)
        cmark_node_set_on_exit(element, close)
        if hasLabel { cmark_node_append_child(element, labelNode()) }
        if cmark_node_insert_before(anchor, element) == 0 {
            // Some containers (GFM table cells) refuse custom inlines: carry the HTML through
            // as placeholders in text, swapped back after rendering.
            cmark_node_free(element)
            insertText(rawPlaceholder(open), before: anchor)
            insertText(label(), before: anchor)
            insertText(rawPlaceholder(close), before: anchor)
        }
    }

    private func insertText(_ text: String, before anchor: OpaquePointer) {
        guard ByteSearch.contains(10, in: text) else {
            if !text.isEmpty { cmark_node_insert_before(anchor, Self.textNode(text)) }
            return
        }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { cmark_node_insert_before(anchor, cmark_node_new(CMARK_NODE_SOFTBREAK)) }
            if !line.isEmpty { cmark_node_insert_before(anchor, Self.textNode(String(line))) }
        }
    }

    /// `insertText` for UTF-8 bytes: each line becomes a text node without an intermediate String.
    private func insertText(_ bytes: UnsafeBufferPointer<UInt8>, before anchor: OpaquePointer) {
        var start = 0
        while let base = bytes.baseAddress, start < bytes.count {
            let newline = memchr(base + start, 10, bytes.count - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            let end = newline ?? bytes.count
            if end > start { cmark_node_insert_before(anchor, Self.textNode(UnsafeBufferPointer(rebasing: bytes[start..<end]))) }
            guard let newline else { break }
            cmark_node_insert_before(anchor, cmark_node_new(CMARK_NODE_SOFTBREAK))
            start = newline + 1
        }
    }

    /// Private-use characters around an index into `rawSnippets`; cmark passes them through untouched.
    private mutating func rawPlaceholder(_ html: String) -> String {
        rawSnippets.append(html)
        return "\u{E000}\(rawSnippets.count - 1)\u{E001}"
    }

    private static func textNode(_ literal: String) -> OpaquePointer? {
        let node = cmark_node_new(CMARK_NODE_TEXT)
        cmark_node_set_literal(node, literal)
        return node
    }

    /// A text node of `bytes`, NUL-terminated in a stack buffer since cmark copies the literal anyway.
    private static func textNode(_ bytes: UnsafeBufferPointer<UInt8>, newlinesAsSpaces: Bool = false) -> OpaquePointer? {
        let node = cmark_node_new(CMARK_NODE_TEXT)
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = CChar(bitPattern: newlinesAsSpaces && byte == 10 ? 32 : byte) }
            buffer[bytes.count] = 0
            cmark_node_set_literal(node, buffer.baseAddress)
        }
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
    private let bytes: [UInt8]
    /// Where each line starts in `bytes`, found with memchr: offsets, unlike slices, need no retain per line.
    private let lineStarts: [Int]

    init(_ source: String) {
        let bytes = Array(source.utf8)
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count, let newline = memchr(base + start, 10, buffer.count - start) {
                start = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(start)
            }
        }
        self.bytes = bytes
        lineStarts = starts
    }

    private var lineCount: Int { lineStarts.count }

    private func line(_ number: Int) -> ArraySlice<UInt8> {
        bytes[lineStarts[number - 1]..<(number < lineStarts.count ? lineStarts[number] - 1 : bytes.count)]
    }

    /// The column of `needle` in `line`, searching from the naive column `from` onwards, then
    /// from the start of the line; `from` itself when the needle is not there.
    func locate(_ needle: String, line: Int, from column: Int) -> MarkdownPosition {
        var needle = needle
        return needle.withUTF8 { locate($0, line: line, from: column) }
    }

    func locate(_ pattern: UnsafeBufferPointer<UInt8>, line: Int, from column: Int) -> MarkdownPosition {
        guard line >= 1, line <= lineCount, !pattern.isEmpty else { return MarkdownPosition(line: line, column: column) }
        let text = self.line(line)
        guard let found = firstIndex(of: pattern, in: text, from: text.startIndex + max(0, column - 1))
                ?? firstIndex(of: pattern, in: text, from: text.startIndex) else { return MarkdownPosition(line: line, column: column) }
        return MarkdownPosition(line: line, column: found - text.startIndex + 1)
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
