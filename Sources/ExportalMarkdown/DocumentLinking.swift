import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DocumentTree {
    /// Hands every text run and link to `linker`, in document order. A run the linker changes
    /// keeps its first text node, whose literal becomes the run's marker (`LinkedRunMarker`), and
    /// loses its other nodes; `renderHTML()` and `text(of:)` put the linker's HTML and plain text
    /// where the markers are. The node stays a text node, so a table cell, which accepts only
    /// certain inlines, takes a linked run like any other. Code, code blocks and raw HTML are never offered.
    mutating func link(using linker: inout some MarkdownLinker, source: String) {
        var pass = LinkPass(source: SourceLines(source))
        walk(document, context: .prose, linker: &linker, pass: &pass)
        linked = pass.output
    }

    /// What a document's runs are gathered into, reused run after run.
    struct LinkPass {
        let source: SourceLines
        /// The current run's nodes, and its text when gathered from several of them.
        var nodes: [OpaquePointer] = []
        var utf8: [UInt8] = []
        var segments: [TextRun.Segment] = []
        var output = LinkedRun()

        init(source: SourceLines) {
            self.source = source
        }
    }

    private func walk(_ parent: OpaquePointer, context: TextContext, linker: inout some MarkdownLinker, pass: inout LinkPass) {
        // Text between raw inline tags such as <a>...</a> or <code>...</code> is left alone.
        var rawDepth = 0
        var hasText = false
        func flush(_ pass: inout LinkPass) {
            if rawDepth == 0 && hasText { linkRun(context: context, linker: &linker, pass: &pass) }
            pass.nodes.removeAll(keepingCapacity: true)
            hasText = false
        }
        var child = cmark_node_first_child(parent)
        while let node = child {
            child = cmark_node_next(node)
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT:
                pass.nodes.append(node)
                hasText = true
                continue
            case CMARK_NODE_SOFTBREAK:
                pass.nodes.append(node)
                continue
            case CMARK_NODE_HTML_INLINE:
                flush(&pass)
                rawDepth = max(0, rawDepth + Self.rawTagDepthChange(String(cString: cmark_node_get_literal(node))))
            case CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
                flush(&pass)
            case CMARK_NODE_LINK:
                flush(&pass)
                rewriteDestination(of: node, linker: &linker, source: pass.source)
                walk(node, context: .linkLabel, linker: &linker, pass: &pass)
            case CMARK_NODE_IMAGE:
                flush(&pass)
                walk(node, context: .linkLabel, linker: &linker, pass: &pass)
            case CMARK_NODE_HEADING:
                flush(&pass)
                walk(node, context: .heading, linker: &linker, pass: &pass)
            default:
                flush(&pass)
                walk(node, context: context, linker: &linker, pass: &pass)
            }
        }
        flush(&pass)
    }

    private func rewriteDestination(of node: OpaquePointer, linker: inout some MarkdownLinker, source: SourceLines) {
        guard let url = cmark_node_get_url(node).map({ String(cString: $0) }), !url.isEmpty else { return }
        let (line, column) = Self.destinationSearch(of: node)
        let position = source.locate(url, line: line, from: column)
        if let replacement = linker.destination(forLink: url, at: position) {
            cmark_node_set_url(node, replacement)
        }
    }

    /// +1 for an opening `<a>`, `<code>`, `<kbd>`, `<samp>` or `<pre>` tag, -1 for its closing tag, else 0.
    static func rawTagDepthChange(_ tag: String) -> Int {
        let lower = tag.lowercased()
        let closing = lower.hasPrefix("</")
        let name = lower.dropFirst(closing ? 2 : 1).prefix { $0.isLetter }
        guard ["a", "code", "kbd", "samp", "pre"].contains(String(name)), !lower.hasSuffix("/>") else { return 0 }
        return closing ? -1 : 1
    }

    /// The literal of a text, code or inline HTML node (empty for other nodes), valid until the
    /// node's literal is set or the node is freed.
    static func literal(of node: OpaquePointer) -> UnsafeBufferPointer<UInt8> {
        guard let literal = cmark_node_get_literal(node) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
    }

    /// Offers the run in `pass.nodes` to the linker, and keeps what it writes when it changes the run.
    private func linkRun(context: TextContext, linker: inout some MarkdownLinker, pass: inout LinkPass) {
        pass.segments.removeAll(keepingCapacity: true)
        let changed: Bool
        if pass.nodes.count == 1 {
            // A run of one text node (most paragraphs without a `[[reference]]`) is read where cmark keeps it.
            let node = pass.nodes[0]
            pass.segments.append(TextRun.Segment(offset: 0, line: Int(cmark_node_get_start_line(node)),
                                                 column: Int(cmark_node_get_start_column(node))))
            changed = offer(Self.literal(of: node), context: context, linker: &linker, pass: &pass)
        } else {
            pass.utf8.removeAll(keepingCapacity: true)
            for node in pass.nodes {
                if cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK {
                    pass.utf8.append(10)
                    continue
                }
                pass.segments.append(TextRun.Segment(offset: pass.utf8.count, line: Int(cmark_node_get_start_line(node)),
                                                     column: Int(cmark_node_get_start_column(node))))
                pass.utf8.append(contentsOf: Self.literal(of: node))
            }
            let text = pass.utf8
            changed = text.withUnsafeBufferPointer { offer($0, context: context, linker: &linker, pass: &pass) }
        }
        guard changed, let carrier = pass.nodes.first(where: { cmark_node_get_type($0) == CMARK_NODE_TEXT }) else { return }
        LinkedRunMarker.set(on: carrier, run: pass.output.keep())
        for node in pass.nodes where node != carrier {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    private func offer(_ text: UnsafeBufferPointer<UInt8>, context: TextContext, linker: inout some MarkdownLinker,
                       pass: inout LinkPass) -> Bool {
        pass.output.reset(for: text)
        let run = TextRun(utf8: text, context: context, segments: pass.segments, source: pass.source)
        return linker.link(run, into: &pass.output)
    }

    /// The document as HTML, each linked run's marker replaced by its HTML.
    func renderHTML() -> String {
        guard let raw = cmark_render_html(document, options, extensions) else { preconditionFailure("render failed") }
        defer { free(raw) }
        return LinkedRunMarker.resolve(raw, linked) { linked, run in linked.html(ofRun: run) }
    }
}

/// Stands for a linked run in cmark's tree: the literal of the run's text node becomes
/// `0xFF`, the run's number in decimal, `0xFE`. Neither byte is ever part of valid UTF-8, and
/// cmark-gfm only ever writes the document's own bytes (a Swift string, so valid UTF-8), its
/// decoded entities and its own ASCII markup: in rendered HTML or a node's text, these bytes are
/// a marker and nothing else. Text escaping leaves them and the digits as they are.
enum LinkedRunMarker {
    static let open: UInt8 = 0xFF, close: UInt8 = 0xFE

    static func set(on node: OpaquePointer, run: Int) {
        var marker: [UInt8] = [open]
        LinkedRun.forEachDigit(of: run) { marker.append($0) }
        marker += [close, 0]
        marker.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_literal(node, $0.baseAddress) }
        }
    }

    /// The NUL-terminated `text` as a String, with each marker replaced by `replacement` of its run.
    static func resolve(_ text: UnsafePointer<CChar>, _ runs: LinkedRun?,
                        _ replacement: (LinkedRun, Int) -> ArraySlice<UInt8>) -> String {
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: strlen(text))
        guard let runs, runs.keptRuns > 0, var marker = ByteSearch.firstIndex(of: open, in: bytes, from: 0) else {
            return String(cString: text)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        var cursor = 0
        while true {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cursor..<marker]))
            var run = 0, index = marker + 1
            while index < bytes.count, bytes[index] != close {
                run = run * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
                index += 1
            }
            precondition(index < bytes.count && run < runs.keptRuns, "a linked run's marker was cut")
            out.append(contentsOf: replacement(runs, run))
            cursor = index + 1
            guard let next = ByteSearch.firstIndex(of: open, in: bytes, from: cursor) else { break }
            marker = next
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cursor...]))
        return String(decoding: out, as: UTF8.self)
    }
}

/// The Markdown source split into lines of bytes, for turning naive cmark columns into exact ones.
/// Its lines are found when a position is first asked for: most documents ask for none.
final class SourceLines {
    private let text: [UInt8]
    private var lineStarts: [Int]?

    init(_ source: String) {
        text = Array(source.utf8)
    }

    /// Where each line starts in `text`.
    private var starts: [Int] {
        if let lineStarts { return lineStarts }
        var starts = [0]
        text.withUnsafeBufferPointer { bytes in
            var from = 0
            while let newline = ByteSearch.firstIndex(of: 10, in: bytes, from: from) {
                from = newline + 1
                starts.append(from)
            }
        }
        lineStarts = starts
        return starts
    }

    /// The column of `needle` in `line`, searching from the naive column `from` onwards, then
    /// from the start of the line; `from` itself when the needle is not there.
    func locate(_ needle: String, line: Int, from column: Int) -> MarkdownPosition {
        var needle = needle
        return needle.withUTF8 { locate($0, line: line, from: column) }
    }

    func locate(_ pattern: UnsafeBufferPointer<UInt8>, line: Int, from column: Int) -> MarkdownPosition {
        let starts = self.starts
        guard line >= 1, line <= starts.count, !pattern.isEmpty else { return MarkdownPosition(line: line, column: column) }
        let found = text.withUnsafeBufferPointer { bytes -> Int? in
            let lineText = UnsafeBufferPointer(rebasing: bytes[starts[line - 1]..<(line < starts.count ? starts[line] - 1 : bytes.count)])
            // Most needles are where cmark says, with nothing escaped before them on the line.
            let naive = column - 1
            if naive >= 0, naive + pattern.count <= lineText.count, lineText[naive..<(naive + pattern.count)].elementsEqual(pattern) {
                return naive
            }
            return ByteSearch.firstIndex(ofBytes: pattern, in: lineText, from: max(0, naive))
                ?? ByteSearch.firstIndex(ofBytes: pattern, in: lineText, from: 0)
        }
        guard let found else { return MarkdownPosition(line: line, column: column) }
        return MarkdownPosition(line: line, column: found + 1)
    }
}
