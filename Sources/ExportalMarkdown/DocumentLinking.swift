import CCmarkGFM
import CExportalCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DocumentTree {
    /// Hands every text run and link to `linker`, in document order, and makes each run it changes
    /// render as the linker's HTML. Code, code blocks and raw HTML are never offered.
    /// Only one document is linked at a time: `MarkdownRenderer.render` holds its lock around this.
    mutating func link(using linker: inout some MarkdownLinker, source: String) {
        let pass = LinkPass.take(source: source)
        defer { LinkPass.keep(pass) }
        // The kept runs' HTML and plain text stay in the pass's buffers, which the next document
        // empties: they are read while this render still holds the lock, so no other document can.
        linked = pass
        walk(document, context: .prose, linker: &linker, pass: pass)
        pass.showRuns()
    }

    /// Buffers reused by every run of a document, and by the next document: plain memory, so
    /// gathering a run and offering it to the linker retains and releases nothing, and linking a
    /// short text (an entry's note) allocates nothing either. A class kept between documents, so
    /// taking it back is one reference, not a copy of every buffer.
    final class LinkPass {
        /// The document's source, whose lines are found when a position is first asked for: one
        /// object for every document, so none is made and freed for each.
        let source = SourceLines()
        @exclusivity(unchecked) var nodes = PlainBuffer<OpaquePointer>(capacity: 64)
        /// The texts of the kept runs that were gathered from several nodes, then the current
        /// run's when it is gathered, from `keptText`.
        @exclusivity(unchecked) var utf8 = PlainBuffer<UInt8>(capacity: 4096)
        @exclusivity(unchecked) var keptText = 0
        @exclusivity(unchecked) var segments = PlainBuffer<TextRun.Segment>(capacity: 64)
        @exclusivity(unchecked) var output = LinkedRun()
        /// The runs the linker changed, in document order: the text node that stands for each,
        /// where its text is, and where its pieces end in `output` (each starts where the one before ends).
        @exclusivity(unchecked) var runs = PlainBuffer<KeptRun>(capacity: 64)
        /// What each kept run's node renders (`showRuns()`): made once the buffers they point into
        /// no longer move, and not moved after, since the nodes point to them.
        @exclusivity(unchecked) var shown = PlainBuffer<exportal_linked_run>(capacity: 64)
        /// The run's other nodes, taken out of the tree and freed with the document
        /// (`freeReplacedNodes()`), as the nodes of a render without linking are.
        @exclusivity(unchecked) var replaced = PlainBuffer<OpaquePointer>(capacity: 256)

        struct KeptRun {
            let node: OpaquePointer
            /// The node's own literal, or nil for a run gathered into `utf8` at `textOffset`.
            let text: UnsafePointer<UInt8>?
            let textOffset: Int
            let piecesEnd: Int
        }

        /// Hands each kept run's node its pieces, once the document's runs are all linked and the
        /// buffers holding them no longer move.
        func showRuns() {
            shown.removeAll()
            var start = 0
            let pieces = output.pieces.storage.elements
            for run in runs.elements {
                shown.append(exportal_linked_run(text: run.text ?? UnsafePointer(utf8.base + run.textOffset),
                                                 own: UnsafePointer(output.own.bytes.baseAddress),
                                                 pieces: pieces.baseAddress.map { $0 + start }, count: run.piecesEnd - start))
                start = run.piecesEnd
            }
            for (index, run) in runs.elements.enumerated() {
                // Only text nodes are kept (`keepRun`), which never refuse.
                _ = exportal_render_text_as_run(run.node, shown.base + index)
            }
        }

        /// The buffers of the last document linked. Only read and written under the render lock.
        nonisolated(unsafe) private static var spare: LinkPass?

        private init(source: String) {
            self.source.reset(to: source)
        }

        deinit {
            nodes.deallocate()
            utf8.deallocate()
            segments.deallocate()
            runs.deallocate()
            shown.deallocate()
            replaced.deallocate()
        }

        /// The spare buffers, emptied, or new ones.
        static func take(source: String) -> LinkPass {
            guard let pass = spare else { return LinkPass(source: source) }
            pass.source.reset(to: source)
            pass.nodes.removeAll()
            pass.utf8.removeAll()
            pass.keptText = 0
            pass.segments.removeAll()
            pass.output.resetDocument()
            pass.runs.removeAll()
            pass.shown.removeAll()
            pass.replaced.removeAll()
            return pass
        }

        /// Keeps the buffers for the next document, unless a very long text grew them.
        static func keep(_ pass: LinkPass) {
            spare = pass.utf8.capacity <= 1 << 20 && pass.output.own.count <= 1 << 20 ? pass : nil
        }
    }

    private mutating func walk(_ parent: OpaquePointer, context: TextContext, linker: inout some MarkdownLinker, pass: LinkPass) {
        // Text between raw inline tags such as <a>...</a> or <code>...</code> is left alone.
        var rawDepth = 0
        var hasText = false
        // Takes its state as arguments: capturing these variables boxed them on the heap for every
        // block of the document.
        func flush(_ rawDepth: Int, _ hasText: inout Bool, _ linker: inout some MarkdownLinker, _ pass: LinkPass) {
            if rawDepth == 0 && hasText { linkRun(context: context, linker: &linker, pass: pass) }
            pass.nodes.removeAll()
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
                flush(rawDepth, &hasText, &linker, pass)
                rawDepth = max(0, rawDepth + Self.rawTagDepthChange(String(decoding: Self.literal(of: node), as: UTF8.self)))
            case CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
                flush(rawDepth, &hasText, &linker, pass)
            case CMARK_NODE_LINK:
                flush(rawDepth, &hasText, &linker, pass)
                rewriteDestination(of: node, linker: &linker, source: pass.source)
                walk(node, context: .linkLabel, linker: &linker, pass: pass)
            case CMARK_NODE_IMAGE:
                flush(rawDepth, &hasText, &linker, pass)
                walk(node, context: .linkLabel, linker: &linker, pass: pass)
            case CMARK_NODE_HEADING:
                flush(rawDepth, &hasText, &linker, pass)
                walk(node, context: .heading, linker: &linker, pass: pass)
            default:
                flush(rawDepth, &hasText, &linker, pass)
                walk(node, context: context, linker: &linker, pass: pass)
            }
        }
        flush(rawDepth, &hasText, &linker, pass)
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

    /// The literal of a text, code or inline HTML node where cmark keeps it: asking cmark for it
    /// copies it into a new string the first time.
    static func literal(of node: OpaquePointer) -> UnsafeBufferPointer<UInt8> {
        var length = 0
        let bytes = exportal_node_literal(node, &length)
        return UnsafeBufferPointer(start: bytes, count: bytes == nil ? 0 : length)
    }

    /// Offers the run in `pass.nodes` to the linker, and keeps what it writes when it changes the run.
    private mutating func linkRun(context: TextContext, linker: inout some MarkdownLinker, pass: LinkPass) {
        pass.utf8.truncate(to: pass.keptText)
        pass.segments.removeAll()
        let text: UnsafeBufferPointer<UInt8>
        var literal: UnsafePointer<UInt8>?
        if pass.nodes.count == 1, let node = pass.nodes.elements.first {
            // A run of one text node (most paragraphs without a `[[reference]]`) is read where cmark
            // keeps it, which lives as long as the document: nothing is copied.
            pass.segments.append(TextRun.Segment(offset: 0, line: Int(cmark_node_get_start_line(node)),
                                                 column: Int(cmark_node_get_start_column(node))))
            text = Self.literal(of: node)
            literal = text.baseAddress
        } else {
            gather(pass)
            text = UnsafeBufferPointer(rebasing: pass.utf8.elements[pass.keptText...])
        }
        let run = TextRun(utf8: text, context: context, segments: pass.segments.elements, source: pass.source)
        pass.output.reset(for: run.utf8)
        guard linker.link(run, into: &pass.output) else { return }
        keepRun(pass.nodes.elements, text: literal, pass: pass)
    }

    /// Copies the literals of the run's nodes after the kept texts in `pass.utf8`, a soft break as a line feed.
    private func gather(_ pass: LinkPass) {
        for node in pass.nodes.elements {
            if cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK {
                pass.utf8.append(10)
                continue
            }
            pass.segments.append(TextRun.Segment(offset: pass.utf8.count - pass.keptText, line: Int(cmark_node_get_start_line(node)),
                                                 column: Int(cmark_node_get_start_column(node))))
            pass.utf8.append(Self.literal(of: node))
        }
    }

    /// Keeps the linker's pieces for the run: its first text node will render them
    /// (`LinkPass.showRuns()`), and its other nodes leave the tree. No node is made, so a table
    /// cell, which accepts only certain inlines, takes a linked run like any other. `text` is the
    /// node's own literal, or nil when the run was gathered.
    private func keepRun(_ nodes: UnsafeBufferPointer<OpaquePointer>, text: UnsafePointer<UInt8>?, pass: LinkPass) {
        // A run holds at least one text node (`walk` offers no other).
        guard let carrier = nodes.first(where: { cmark_node_get_type($0) == CMARK_NODE_TEXT }) else { return }
        pass.output.keep()
        pass.runs.append(LinkPass.KeptRun(node: carrier, text: text, textOffset: pass.keptText, piecesEnd: pass.output.keptPieces))
        if text == nil { pass.keptText = pass.utf8.count }
        for node in nodes where node != carrier {
            cmark_node_unlink(node)
            pass.replaced.append(node)
        }
    }

    /// Frees the nodes that linked runs replaced. The renderer calls it when it frees the document.
    func freeReplacedNodes() {
        guard let linked else { return }
        for node in linked.replaced.elements { cmark_node_free(node) }
        linked.replaced.removeAll()
    }

    /// The document as HTML.
    func renderHTML() -> String {
        guard let raw = cmark_render_html(document, options, extensions) else { preconditionFailure("render failed") }
        defer { free(raw) }
        return String(cString: raw)
    }
}

/// The Markdown source split into lines of bytes, for turning naive cmark columns into exact ones.
/// It reads the source string's own UTF-8 storage: nothing is copied. A class, so the runs of a
/// document share it without a copy or a retain each (`TextRun`); the linking pass keeps one for
/// every document, and finds a document's lines only when a position is asked for.
final class SourceLines {
    /// Written only by `reset(to:)`, between documents; read for every reference (not checked for
    /// exclusive access at run time, as the line starts are not).
    @exclusivity(unchecked) private var text = ""
    /// Where each line starts in the UTF-8, found with memchr; `linesFound` says whether they are
    /// those of `text`.
    @exclusivity(unchecked) private var lineStarts = PlainBuffer<Int>(capacity: 256)
    @exclusivity(unchecked) private var linesFound = false

    deinit { lineStarts.deallocate() }

    /// Makes this the source `source`.
    func reset(to source: String) {
        text = source
        text.makeContiguousUTF8()
        linesFound = false
    }

    private func findLines() {
        lineStarts.removeAll()
        lineStarts.append(0)
        text.utf8.withContiguousStorageIfAvailable { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count, let newline = memchr(base + start, 10, buffer.count - start) {
                start = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
                lineStarts.append(start)
            }
        }
        linesFound = true
    }

    private var lineCount: Int { lineStarts.count }
    private var starts: UnsafeBufferPointer<Int> { lineStarts.elements }

    /// The column of `needle` in `line`, searching from the naive column `from` onwards, then
    /// from the start of the line; `from` itself when the needle is not there.
    func locate(_ needle: String, line: Int, from column: Int) -> MarkdownPosition {
        var needle = needle
        return needle.withUTF8 { locate($0, line: line, from: column) }
    }

    func locate(_ pattern: UnsafeBufferPointer<UInt8>, line: Int, from column: Int) -> MarkdownPosition {
        if !linesFound { findLines() }
        guard line >= 1, line <= lineCount, !pattern.isEmpty else { return MarkdownPosition(line: line, column: column) }
        let starts = self.starts
        let start = starts[line - 1]
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            let text = UnsafeBufferPointer(rebasing: bytes[start..<(line < starts.count ? starts[line] - 1 : bytes.count)])
            // Most needles are where cmark says, with nothing escaped before them on the line.
            let naive = column - 1
            if naive >= 0, naive + pattern.count <= text.count,
               memcmp(text.baseAddress! + naive, pattern.baseAddress!, pattern.count) == 0 {
                return naive
            }
            return Self.firstIndex(of: pattern, in: text, from: max(0, naive)) ?? Self.firstIndex(of: pattern, in: text, from: 0)
        } ?? nil
        guard let found else { return MarkdownPosition(line: line, column: column) }
        return MarkdownPosition(line: line, column: found + 1)
    }

    private static func firstIndex(of pattern: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index + pattern.count <= text.count {
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
