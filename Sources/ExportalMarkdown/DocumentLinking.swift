import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DocumentTree {
    /// Hands every text run and link to `linker`, in document order, and puts each run it changes
    /// back as one node. Code, code blocks and raw HTML are never offered.
    /// Only one document is linked at a time: `MarkdownRenderer.render` holds its lock around this.
    mutating func link(using linker: inout some MarkdownLinker, source: SourceLines) {
        let pass = LinkPass.take(source: source)
        defer { LinkPass.keep(pass) }
        // The kept runs' plain text stays in the pass's buffers, which the next document empties:
        // it is read while this render still holds the lock, so no other document can.
        linked = pass
        walk(document, context: .prose, linker: &linker, pass: pass)
    }

    /// Buffers reused by every run of a document, and by the next document: plain memory, so
    /// gathering a run and offering it to the linker retains and releases nothing, and linking a
    /// short text (an entry's note) allocates nothing either. A class kept between documents, so
    /// taking it back is one reference, not a copy of every buffer.
    final class LinkPass {
        var source: SourceLines
        @exclusivity(unchecked) var nodes = PlainBuffer<OpaquePointer>(capacity: 64)
        @exclusivity(unchecked) var utf8 = PlainBuffer<UInt8>(capacity: 4096)
        @exclusivity(unchecked) var segments = PlainBuffer<TextRun.Segment>(capacity: 64)
        @exclusivity(unchecked) var output = LinkedRun()
        /// Where in `output.plain` the plain text of each node that stands for a linked run ends:
        /// that node's own content is HTML or a placeholder, and its user data is its index here plus
        /// one. The runs' texts are kept one after another, so each starts where the one before ends.
        @exclusivity(unchecked) var runEnds = PlainBuffer<Int>(capacity: 64)
        /// The nodes of the runs replaced, taken out of the tree and freed with the document
        /// (`freeReplacedNodes()`), as the nodes of a render without linking are.
        @exclusivity(unchecked) var replaced = PlainBuffer<OpaquePointer>(capacity: 256)

        /// The plain text of the node whose user data is `number`.
        func plainText(ofRun number: Int) -> UnsafeBufferPointer<UInt8> {
            let end = runEnds.elements[number - 1], start = number > 1 ? runEnds.elements[number - 2] : 0
            return UnsafeBufferPointer(rebasing: output.plain.bytes[start..<end])
        }

        /// The buffers of the last document linked. Only read and written under the render lock.
        nonisolated(unsafe) private static var spare: LinkPass?

        private init(source: SourceLines) {
            self.source = source
        }

        deinit {
            nodes.deallocate()
            utf8.deallocate()
            segments.deallocate()
            runEnds.deallocate()
            replaced.deallocate()
        }

        /// The spare buffers, emptied, or new ones.
        static func take(source: SourceLines) -> LinkPass {
            guard let pass = spare else { return LinkPass(source: source) }
            pass.source = source
            pass.nodes.removeAll()
            pass.utf8.removeAll()
            pass.segments.removeAll()
            pass.output.resetDocument()
            pass.runEnds.removeAll()
            pass.replaced.removeAll()
            return pass
        }

        /// Keeps the buffers for the next document, unless a very long text grew them.
        static func keep(_ pass: LinkPass) {
            spare = pass.utf8.capacity <= 1 << 20 && pass.output.plain.count <= 1 << 20 ? pass : nil
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
                rawDepth = max(0, rawDepth + Self.rawTagDepthChange(cmark_node_get_literal(node).map { String(cString: $0) } ?? ""))
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
        let position = source.locate(url, line: Int(cmark_node_get_end_line(node)),
                                     from: cmark_node_get_start_line(node) == cmark_node_get_end_line(node)
                                         ? Int(cmark_node_get_start_column(node)) : 1)
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

    /// Offers the run in `pass.nodes` to the linker; when it changes the run, one node with the
    /// linker's HTML takes the place of the run's nodes.
    private mutating func linkRun(context: TextContext, linker: inout some MarkdownLinker, pass: LinkPass) {
        pass.utf8.removeAll()
        pass.segments.removeAll()
        let text: UnsafeBufferPointer<UInt8>
        if pass.nodes.count == 1, let node = pass.nodes.elements.first, let literal = cmark_node_get_literal(node) {
            // A run of one text node (most paragraphs without a `[[reference]]`) is read where cmark
            // keeps it, which lives until the run is replaced: nothing is copied.
            pass.segments.append(TextRun.Segment(offset: 0, line: Int(cmark_node_get_start_line(node)),
                                                 column: Int(cmark_node_get_start_column(node))))
            text = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
        } else {
            gather(pass)
            text = pass.utf8.elements
        }
        let run = TextRun(utf8: text, context: context, segments: pass.segments.elements, source: pass.source)
        pass.output.reset(for: run.utf8)
        if linker.link(run, into: &pass.output) { replaceRun(pass.nodes.elements, pass: pass) }
    }

    /// Copies the literals of the run's nodes into `pass.utf8`, a soft break as a line feed.
    private func gather(_ pass: LinkPass) {
        for node in pass.nodes.elements {
            if cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK {
                pass.utf8.append(10)
                continue
            }
            pass.segments.append(TextRun.Segment(offset: pass.utf8.count, line: Int(cmark_node_get_start_line(node)),
                                                 column: Int(cmark_node_get_start_column(node))))
            // The literal's bytes straight from cmark: no String is made and re-encoded.
            if let literal = cmark_node_get_literal(node) {
                pass.utf8.append(UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self),
                                                     count: strlen(literal)))
            }
        }
    }

    /// Puts one node with `output.html` before the run's first node and frees the run's nodes.
    /// Some containers (GFM table cells) refuse custom inlines: there the HTML goes through as a
    /// placeholder in text, swapped back after rendering.
    private mutating func replaceRun(_ nodes: UnsafeBufferPointer<OpaquePointer>, pass: LinkPass) {
        guard let anchor = nodes.first else { return }
        // A new node's on_exit is empty, and renders as nothing.
        let element = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
        var replacement = element
        // Either call can refuse (a node kind the parent does not accept, or no memory); the
        // placeholder route then keeps the run's text rather than losing it. The node goes in
        // first, so a table cell's refusal costs no copy of the HTML.
        if cmark_node_insert_before(anchor, element) == 0 || pass.output.withHTMLCString({ cmark_node_set_on_enter(element, $0) }) == 0 {
            cmark_node_unlink(element)
            cmark_node_free(element)
            replacement = rawPlaceholder(String(decoding: pass.output.html.bytes, as: UTF8.self))
            cmark_node_insert_before(anchor, replacement)
        }
        if let replacement {
            // The node carries the number of its run's plain text (from 1: nil is "none") as cmark user data.
            pass.runEnds.append(pass.output.keepPlain())
            cmark_node_set_user_data(replacement, UnsafeMutableRawPointer(bitPattern: pass.runEnds.count))
        }
        for node in nodes { cmark_node_unlink(node) }
        pass.replaced.append(nodes)
    }

    /// Frees the nodes that linked runs replaced. The renderer calls it when it frees the document.
    func freeReplacedNodes() {
        guard let linked else { return }
        for node in linked.replaced.elements { cmark_node_free(node) }
        linked.replaced.removeAll()
    }

    /// A text node of private-use characters around an index into `rawSnippets`, which cmark
    /// passes through untouched (see `renderHTML()`).
    private mutating func rawPlaceholder(_ html: String) -> OpaquePointer? {
        rawSnippets.append(html)
        let node = cmark_node_new(CMARK_NODE_TEXT)
        cmark_node_set_literal(node, placeholderMarker.literal(rawSnippets.count - 1))
        if let node { placeholderNodes.append(node) }
        return node
    }

    /// The document as HTML, with the raw HTML of placeholders put back. An author can type the
    /// placeholders' characters too (or a linker write them): when the HTML holds more of them
    /// than there are placeholders, the placeholders take the first pair of characters that it
    /// does not hold, and the document is rendered again, so that typed text is never replaced.
    mutating func renderHTML() -> String {
        guard var raw = cmark_render_html(document, options, extensions) else { preconditionFailure("render failed") }
        defer { free(raw) }
        guard !rawSnippets.isEmpty else { return RawPlaceholders.restore(raw, snippets: [], marker: placeholderMarker) }
        if RawPlaceholders.count(placeholderMarker.open, in: raw) != placeholderNodes.count {
            let held = raw
            // More than two thousand pairs in use is no document; its placeholders stay as they are.
            if let unused = (0..<PlaceholderMarker.count).lazy.map({ PlaceholderMarker(pair: $0) })
                .first(where: { RawPlaceholders.count($0.open, in: held) == 0 && RawPlaceholders.count($0.close, in: held) == 0 }) {
                for (index, node) in placeholderNodes.enumerated() { cmark_node_set_literal(node, unused.literal(index)) }
                if let again = cmark_render_html(document, options, extensions) {
                    placeholderMarker = unused
                    free(raw)
                    raw = again
                }
            }
        }
        return RawPlaceholders.restore(raw, snippets: rawSnippets, marker: placeholderMarker)
    }
}

/// The pair of private-use characters around a placeholder's number: U+E000 + 2 × `pair` and the one after.
struct PlaceholderMarker {
    static let count = 2048
    let pair: Int
    let open: [UInt8]
    let close: [UInt8]

    init(pair: Int = 0) {
        self.pair = pair
        open = Self.utf8(0xE000 + 2 * pair)
        close = Self.utf8(0xE001 + 2 * pair)
    }

    /// A private-use character of U+E000...U+EFFF in UTF-8.
    private static func utf8(_ scalar: Int) -> [UInt8] {
        [0xEE, 0x80 | UInt8((scalar >> 6) & 0x3F), 0x80 | UInt8(scalar & 0x3F)]
    }

    func literal(_ index: Int) -> String {
        String(decoding: open + Array(String(index).utf8) + close, as: UTF8.self)
    }
}

enum RawPlaceholders {
    /// cmark's rendered HTML as a String, with the raw HTML put back where `rawPlaceholder` left
    /// its markers: read from cmark's buffer and copied once, not made a String and rewritten.
    static func restore(_ html: UnsafePointer<CChar>, snippets: [String], marker: PlaceholderMarker) -> String {
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(html).assumingMemoryBound(to: UInt8.self), count: strlen(html))
        guard !snippets.isEmpty else { return String(decoding: bytes, as: UTF8.self) }
        return rewrite(bytes, marker) { snippets.indices.contains($0) ? snippets[$0] : nil }
    }

    /// How many times `pattern` is in the C string `text`.
    static func count(_ pattern: [UInt8], in text: UnsafePointer<CChar>) -> Int {
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: strlen(text))
        var found = 0, cursor = 0
        while let index = ByteSearch.firstIndex(of: pattern, in: bytes, from: cursor) {
            found += 1
            cursor = index + pattern.count
        }
        return found
    }

    /// Replaces each `open digits close` marker by `replacement(index)`, up to the first that
    /// has none. The markers are found first, so the result is written once, straight into the
    /// string's storage: a document with a linked table cell is as long as its HTML.
    private static func rewrite(_ bytes: UnsafeBufferPointer<UInt8>, _ marker: PlaceholderMarker, _ replacement: (Int) -> String?) -> String {
        var pieces: [(marker: Range<Int>, text: String)] = []
        var cursor = 0
        while let found = ByteSearch.firstIndex(of: marker.open, in: bytes, from: cursor),
              let close = ByteSearch.firstIndex(of: marker.close, in: bytes, from: found + 3),
              let index = decimal(UnsafeBufferPointer(rebasing: bytes[(found + 3)..<close])),
              let insert = replacement(index) {
            pieces.append((found..<(close + 3), insert))
            cursor = close + 3
        }
        let length = bytes.count + pieces.reduce(0) { $0 + $1.text.utf8.count - $1.marker.count }
        return String(unsafeUninitializedCapacity: length) { out in
            var written = 0, read = 0
            func copy(_ from: UnsafeBufferPointer<UInt8>) {
                guard let source = from.baseAddress, let target = out.baseAddress else { return }
                (target + written).update(from: source, count: from.count)
                written += from.count
            }
            for piece in pieces {
                copy(UnsafeBufferPointer(rebasing: bytes[read..<piece.marker.lowerBound]))
                var text = piece.text
                text.withUTF8 { copy($0) }
                read = piece.marker.upperBound
            }
            copy(UnsafeBufferPointer(rebasing: bytes[read...]))
            return written
        }
    }

    /// The value of a run of ASCII digits; nil for anything else, or none.
    private static func decimal(_ digits: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count < 10 else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= 48 && digit <= 57 else { return nil }
            value = value * 10 + Int(digit - 48)
        }
        return value
    }
}

/// The Markdown source split into lines of bytes, for turning naive cmark columns into exact ones.
/// It reads the source string's own UTF-8 storage: nothing is copied. A class, so the runs of a
/// document share it without a copy or a retain each (`TextRun`).
final class SourceLines {
    private let text: String
    /// Where each line starts in the UTF-8, found with memchr.
    private let lineStarts: [Int]

    init(_ source: String) {
        var text = source
        text.makeContiguousUTF8()
        var starts = [0]
        text.utf8.withContiguousStorageIfAvailable { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count, let newline = memchr(base + start, 10, buffer.count - start) {
                start = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(start)
            }
        }
        self.text = text
        lineStarts = starts
    }

    private var lineCount: Int { lineStarts.count }
    var byteCount: Int { text.utf8.count }

    /// The column of `needle` in `line`, searching from the naive column `from` onwards, then
    /// from the start of the line; `from` itself when the needle is not there.
    func locate(_ needle: String, line: Int, from column: Int) -> MarkdownPosition {
        var needle = needle
        return needle.withUTF8 { locate($0, line: line, from: column) }
    }

    func locate(_ pattern: UnsafeBufferPointer<UInt8>, line: Int, from column: Int) -> MarkdownPosition {
        guard line >= 1, line <= lineCount, !pattern.isEmpty else { return MarkdownPosition(line: line, column: column) }
        let start = lineStarts[line - 1]
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            let text = UnsafeBufferPointer(rebasing: bytes[start..<(line < lineStarts.count ? lineStarts[line] - 1 : bytes.count)])
            return Self.firstIndex(of: pattern, in: text, from: max(0, column - 1)) ?? Self.firstIndex(of: pattern, in: text, from: 0)
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
