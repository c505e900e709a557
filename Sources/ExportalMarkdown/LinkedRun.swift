import CExportalScan

/// The replacement for one text run, written straight as the HTML cmark would make of it, and as
/// plain text. The run's first text node then renders this HTML as it is, and the run's other
/// nodes leave the tree: linking a paragraph changes one node however many links it gets.
///
///     output.appendText(0..<4)                                    // run bytes "See ", escaped as cmark escapes text
///     output.appendRaw("<a href=\"x.html\">"); output.appendLabel(4..<9); output.appendRaw("</a>")
///
/// Its HTML and plain text are written into buffers it owns (`ByteBuffer`), which a copy would
/// share: one `LinkedRun` is made per document and passed `inout`, never copied.
public struct LinkedRun {
    /// The run's own bytes, which `appendText(_:)` and `appendLabel(_:)` ranges index: the
    /// renderer's buffer for the run being linked.
    private(set) var source = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// The HTML of the runs of the document kept (`keep()`), one after another, and then the
    /// current run's, which starts at `keptHTML`. The kept runs' nodes render it where it is, so
    /// it stays until the document has been rendered.
    let html: ByteBuffer
    /// What the runs of the document read as in plain text (excerpts, search, task labels): their
    /// text and labels, line breaks as spaces, no markup. Kept as the HTML is; the current run's
    /// starts at `keptPlain`.
    let plain: ByteBuffer
    private(set) var keptHTML = 0
    private(set) var keptPlain = 0

    /// `capacity`: bytes of HTML and of plain text to make room for at first.
    init(capacity: Int = 1024) {
        html = ByteBuffer(capacity: capacity)
        plain = ByteBuffer(capacity: capacity)
    }

    /// Drops what a run not kept wrote, for the next run.
    mutating func reset(for bytes: UnsafeBufferPointer<UInt8>) {
        source = bytes
        html.truncate(to: keptHTML)
        plain.truncate(to: keptPlain)
    }

    /// Empties both buffers, keeping their capacity, for the next document.
    mutating func resetDocument() {
        html.removeAll()
        plain.removeAll()
        keptHTML = 0
        keptPlain = 0
    }

    /// Keeps the current run's HTML and plain text; the next run's start where they end.
    mutating func keep() {
        keptHTML = html.count
        keptPlain = plain.count
    }

    /// `source[range]` as text: escaped, its line breaks kept as cmark renders a soft break.
    public mutating func appendText(_ range: Range<Int>) {
        append(UnsafeBufferPointer(rebasing: source[range]), newline: 10)
    }

    /// Text of the linker's own, as `appendText(_:)` writes the run's.
    public mutating func appendText(_ text: String) {
        Self.withUTF8(text) { append($0, newline: 10) }
    }

    /// `source[range]` as a link's label: like text, but a line break becomes a space.
    public mutating func appendLabel(_ range: Range<Int>) {
        append(UnsafeBufferPointer(rebasing: source[range]), newline: 32)
    }

    public mutating func appendLabel(_ text: String) {
        Self.withUTF8(text) { append($0, newline: 32) }
    }

    /// Text of the linker's own, as UTF-8, as `appendLabel(_:)` writes text.
    public mutating func appendLabel(_ text: UnsafeBufferPointer<UInt8>) {
        append(text, newline: 32)
    }

    /// Text of the linker's own, as UTF-8, as `appendText(_:)` writes text.
    public mutating func appendText(_ text: UnsafeBufferPointer<UInt8>) {
        append(text, newline: 10)
    }

    /// Text inside a double-quoted attribute: escaped as `HTMLText.escapeAttribute` escapes it.
    public mutating func appendAttribute(_ text: String) {
        Self.withUTF8(text) { append($0, newline: 10, plain: false) }
    }

    /// HTML as it is (tags around a label); not part of the plain text. A static string, which is
    /// read in place: no retain, no check of how the string is stored.
    public mutating func appendRaw(_ html: StaticString) {
        self.html.append(UnsafeBufferPointer(start: html.utf8Start, count: html.utf8CodeUnitCount))
    }

    /// A non-negative number in decimal, such as an id's suffix: no String is made for it.
    public mutating func appendDecimal(_ value: Int) {
        var power = 1
        while power <= value / 10 { power *= 10 }
        var rest = max(0, value)
        while power > 0 {
            html.append(UInt8(ascii: "0") + UInt8(rest / power))
            rest %= power
            power /= 10
        }
    }

    /// HTML bytes as they are, such as a link tag written once per target by `attribute(_:)`.
    public mutating func appendRaw(_ html: [UInt8]) {
        self.html.append(html)
    }

    public mutating func appendRaw(_ html: UnsafeBufferPointer<UInt8>) {
        self.html.append(html)
    }

    /// `text` escaped for a double-quoted attribute, as `appendAttribute(_:)` writes it: for HTML
    /// that is made once and appended many times.
    public static func attribute(_ text: String) -> [UInt8] {
        Array(HTMLText.escapeAttribute(text).utf8)
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

    /// Escapes `&`, `<`, `>` and `"` exactly as cmark-gfm's HTML renderer escapes text, so a run
    /// that becomes one node renders as its text nodes did; `newline` is what a line break becomes
    /// in the HTML (in plain text it is always a space). Prose has few such bytes: the scanner finds
    /// them sixteen at a time (`exportal_next_special`) and everything between them is copied in bulk.
    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, newline: UInt8, plain inPlain: Bool = true) {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        while true {
            let index = exportal_next_special(base, start, bytes.count)
            html.append(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            if inPlain { plain.append(UnsafeBufferPointer(rebasing: bytes[start..<index])) }
            guard index < bytes.count else { return }
            let byte = bytes[index]
            switch byte {
            case 10:
                html.append(newline)
                if inPlain { plain.append(32) }
            case 38: html.append(Self.amp)
            case 60: html.append(Self.lt)
            case 62: html.append(Self.gt)
            default: html.append(Self.quot)
            }
            if byte != 10 && inPlain { plain.append(byte) }
            start = index + 1
        }
    }

    private static let amp = Array("&amp;".utf8), lt = Array("&lt;".utf8), gt = Array("&gt;".utf8), quot = Array("&quot;".utf8)
}
