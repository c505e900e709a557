import CExportalCmark
import CExportalScan
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a linker makes of one text run: a list of pieces, each the run's own text, a link's
/// label, or HTML as it is (`exportal_piece`). The run's first text node renders the pieces into
/// cmark's HTML (`exportal_render_text_as_run`), escaping text as cmark escapes it, and the plain
/// text is read from them: linking only says where the links go, and the run's text is not copied.
///
///     output.appendText(0..<4)                                    // run bytes "See ", escaped as cmark escapes text
///     output.appendRaw("<a href=\"x.html\">"); output.appendLabel(4..<9); output.appendRaw("</a>")
///
/// Bytes that stay where they are until the document is rendered (static strings, the tags a
/// linker makes once per target or page: `appendRaw(lasting:)`) are pointed at, not copied; other
/// bytes of the linker's go into a buffer it owns (`ByteBuffer`), which a copy would share: one
/// `LinkedRun` is made per document and passed `inout`, never copied.
public struct LinkedRun {
    /// The run's own bytes, which `appendText(_:)` and `appendLabel(_:)` ranges index: the
    /// renderer's buffer for the run being linked.
    private(set) var source = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// The linker's bytes for the runs of the document kept (`keep()`), one after another, and then
    /// the current run's, which start at `keptOwn`. Pieces index them from the start of the buffer.
    let own: ByteBuffer
    /// The pieces of the runs kept, one after another, then the current run's, from `keptPieces`.
    @usableFromInline let pieces: PieceBuffer
    private(set) var keptOwn = 0
    @usableFromInline private(set) var keptPieces = 0

    /// `capacity`: bytes of the linker's own to make room for at first.
    init(capacity: Int = 1024) {
        own = ByteBuffer(capacity: capacity)
        pieces = PieceBuffer()
    }

    /// Drops what a run not kept wrote, for the next run.
    mutating func reset(for bytes: UnsafeBufferPointer<UInt8>) {
        source = bytes
        own.truncate(to: keptOwn)
        pieces.storage.truncate(to: keptPieces)
    }

    /// Empties both buffers, keeping their capacity, for the next document.
    mutating func resetDocument() {
        own.removeAll()
        pieces.storage.removeAll()
        keptOwn = 0
        keptPieces = 0
    }

    /// Keeps the current run's pieces and bytes; the next run's start where they end.
    mutating func keep() {
        keptOwn = own.count
        keptPieces = pieces.storage.count
    }

    /// `source[range]` as text: escaped, its line breaks kept as cmark renders a soft break.
    /// Inlinable, as the other appends a link is written with: a linker calls them for every link,
    /// and a call into this module cost more than the append.
    @inlinable
    public mutating func appendText(_ range: Range<Int>) {
        piece(Kind.text, from: From.text, UInt64(range.lowerBound), range.count)
    }

    /// Text of the linker's own, as `appendText(_:)` writes the run's.
    public mutating func appendText(_ text: String) {
        Self.withUTF8(text) { appendOwn($0, kind: Kind.text) }
    }

    /// Text of the linker's own, as UTF-8, as `appendText(_:)` writes text.
    public mutating func appendText(_ text: UnsafeBufferPointer<UInt8>) {
        appendOwn(text, kind: Kind.text)
    }

    /// `source[range]` as a link's label: like text, but a line break becomes a space.
    @inlinable
    public mutating func appendLabel(_ range: Range<Int>) {
        piece(Kind.label, from: From.text, UInt64(range.lowerBound), range.count)
    }

    public mutating func appendLabel(_ text: String) {
        Self.withUTF8(text) { appendOwn($0, kind: Kind.label) }
    }

    /// Text of the linker's own, as UTF-8, as `appendLabel(_:)` writes text.
    public mutating func appendLabel(_ text: UnsafeBufferPointer<UInt8>) {
        appendOwn(text, kind: Kind.label)
    }

    /// Text inside a double-quoted attribute: escaped as `HTMLText.escapeAttribute` escapes it.
    public mutating func appendAttribute(_ text: String) {
        appendRaw(Self.attribute(text))
    }

    /// HTML as it is (tags around a label); not part of the plain text. A static string, which is
    /// read in place: no retain, no check of how the string is stored.
    @inlinable
    public mutating func appendRaw(_ html: StaticString) {
        appendLasting(UnsafeBufferPointer(start: html.utf8Start, count: html.utf8CodeUnitCount), kind: Kind.html)
    }

    /// A non-negative number in decimal, such as an id's suffix, written as bytes of the run's own:
    /// no String is made for it. One below 1,000 (a page's tooltips are numbered from 1) takes no
    /// division but by ten; a table of them, kept in a lazily made global, cost a `swift_once` call
    /// for every number, more than writing its digits.
    public mutating func appendDecimal(_ value: Int) {
        let start = own.count
        let value = max(0, value)
        if value < 1000 {
            if value >= 100 { own.append(UInt8(ascii: "0") + UInt8(value / 100)) }
            if value >= 10 { own.append(UInt8(ascii: "0") + UInt8(value / 10 % 10)) }
            own.append(UInt8(ascii: "0") + UInt8(value % 10))
        } else {
            Self.forEachDigit(of: value) { own.append($0) }
        }
        piece(Kind.html, from: From.own, UInt64(start), own.count - start)
    }

    /// The decimal digits of `number` (not negative) as ASCII bytes, first to last: numbers written
    /// into generated HTML and JSON without making a String.
    @inlinable
    public static func forEachDigit(of number: Int, _ body: (UInt8) -> Void) {
        var power = 1
        while power <= number / 10 { power *= 10 }
        var rest = number
        while power > 0 {
            body(UInt8(ascii: "0") + UInt8(rest / power))
            rest %= power
            power /= 10
        }
    }

    /// HTML bytes as they are, which stay where they are until the document has been rendered
    /// (tags a linker makes once, for a target or a page): not copied.
    @inlinable
    public mutating func appendRaw(lasting html: UnsafeBufferPointer<UInt8>) {
        appendLasting(html, kind: Kind.html)
    }

    /// A label of such lasting bytes, as `appendLabel(_:)` writes text.
    public mutating func appendLabel(lasting text: UnsafeBufferPointer<UInt8>) {
        appendLasting(text, kind: Kind.label)
    }

    /// HTML bytes as they are, such as a link tag written once per target by `attribute(_:)`.
    public mutating func appendRaw(_ html: [UInt8]) {
        html.withUnsafeBufferPointer { appendOwn($0, kind: Kind.html) }
    }

    public mutating func appendRaw(_ html: UnsafeBufferPointer<UInt8>) {
        appendOwn(html, kind: Kind.html)
    }

    /// `text` escaped for a double-quoted attribute, as `appendAttribute(_:)` writes it: for HTML
    /// that is made once and appended many times.
    public static func attribute(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        append(attribute: text, to: &out)
        return out
    }

    /// Appends `text` escaped as `attribute(_:)` escapes it, in place (`HTMLText.appendEscaped`).
    public static func append(attribute text: String, to out: inout [UInt8]) {
        HTMLText.appendEscaped(text, apostrophe: false, to: &out)
    }

    /// The plain text of a run the linker changed: its text and labels, line breaks as spaces, no
    /// markup (for excerpts, search and task labels).
    static func plainText(of run: exportal_linked_run) -> String {
        let pieces = UnsafeBufferPointer(start: run.pieces, count: run.count)
        let length = pieces.reduce(0) { $0 + ($1.kind == Kind.html ? 0 : Int($1.length)) }
        return String(unsafeUninitializedCapacity: length) { out in
            guard let target = out.baseAddress else { return 0 }
            var written = 0
            for piece in pieces where piece.kind != Kind.html {
                let bytes: UnsafePointer<UInt8>?
                switch piece.source {
                case From.address: bytes = UnsafePointer(bitPattern: UInt(piece.at))
                case From.own: bytes = run.own.map { $0 + Int(piece.at) }
                default: bytes = run.text.map { $0 + Int(piece.at) }
                }
                guard let bytes else { continue }
                (target + written).update(from: bytes, count: Int(piece.length))
                written += Int(piece.length)
            }
            // Line breaks read as spaces; prose has few, found with memchr.
            var from = 0
            while from < written, let newline = memchr(target + from, 10, written - from) {
                let index = target.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                target[index] = 32
                from = index + 1
            }
            return written
        }
    }

    /// The kinds of `exportal_piece`, and where its bytes are, as its fields hold them.
    @usableFromInline enum Kind {
        @usableFromInline static let text = UInt8(EXPORTAL_PIECE_TEXT), label = UInt8(EXPORTAL_PIECE_LABEL), html = UInt8(EXPORTAL_PIECE_HTML)
    }

    @usableFromInline enum From {
        @usableFromInline static let text = UInt8(EXPORTAL_FROM_TEXT), own = UInt8(EXPORTAL_FROM_OWN), address = UInt8(EXPORTAL_FROM_ADDRESS)
    }

    /// Copies the linker's bytes into `own`, as a piece of `kind`.
    private mutating func appendOwn(_ bytes: UnsafeBufferPointer<UInt8>, kind: UInt8) {
        let start = own.count
        own.append(bytes)
        piece(kind, from: From.own, UInt64(start), bytes.count)
    }

    /// A piece of bytes that stay where they are until the document has been rendered (a static
    /// string, a target's or a page's tags): the piece points at them, and nothing is copied.
    /// Never joined to the piece before: such bytes are seldom where the last piece's end (a tag
    /// after text, a target's tag after a page's), and a piece is cheaper to add than to test.
    @inlinable
    mutating func appendLasting(_ bytes: UnsafeBufferPointer<UInt8>, kind: UInt8) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        pieces.storage.append(exportal_piece(at: UInt64(UInt(bitPattern: base)), length: UInt32(bytes.count), kind: kind,
                                             source: From.address))
    }

    /// Adds a piece, or lengthens the run's last one when this one carries on from it: text between
    /// links comes in several ranges, and a link's own bytes in several appends.
    @inlinable @inline(__always)
    mutating func piece(_ kind: UInt8, from source: UInt8, _ at: UInt64, _ length: Int) {
        guard length > 0 else { return }
        if pieces.storage.count > keptPieces, let last = pieces.storage.last,
           last.kind == kind, last.source == source, last.at + UInt64(last.length) == at {
            pieces.storage.lengthenLast(by: UInt32(length))
            return
        }
        pieces.storage.append(exportal_piece(at: at, length: UInt32(length), kind: kind, source: source))
    }

    /// The string's UTF-8 in place, without the copy (a retain and release) that `String.withUTF8`
    /// needs on a `var`: links are written from many short strings.
    @inline(__always)
    private static func withUTF8(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if text.utf8.withContiguousStorageIfAvailable(body) == nil {
            var text = text
            text.withUTF8(body)
        }
    }
}

/// The pieces of a document's linked runs, in plain memory that the class frees.
@usableFromInline
final class PieceBuffer {
    @usableFromInline @exclusivity(unchecked) var storage = PlainBuffer<exportal_piece>(capacity: 256)

    deinit { storage.deallocate() }
}

extension PlainBuffer where Element == exportal_piece {
    @inlinable
    var last: exportal_piece? { used > 0 ? base[used - 1] : nil }

    @inlinable
    mutating func lengthenLast(by length: UInt32) {
        base[used - 1].length += length
    }
}
