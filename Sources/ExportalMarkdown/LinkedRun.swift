/// What a linker makes of one text run: its HTML, and its plain text (the run's text and link
/// labels, line breaks as spaces, no markup) for excerpts, search and task labels. The run's
/// text is escaped as cmark-gfm escapes text, so an unchanged stretch renders as it would have.
///
///     output.appendText(0..<4)                                    // run bytes "See ", escaped as cmark escapes text
///     output.appendRaw("<a href=\"x.html\">"); output.appendLabel(4..<9); output.appendRaw("</a>")
///
/// One `LinkedRun` serves every run of a document: the runs the renderer keeps stay in its
/// buffers, one after another, and a run the linker leaves unchanged is dropped.
public struct LinkedRun {
    /// The run's own bytes, which `appendText(_:)` and `appendLabel(_:)` ranges index: valid during
    /// the linker's call only.
    private(set) var source = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// The kept runs' HTML and plain text, one after another, then the current run's.
    private(set) var html: [UInt8] = []
    private(set) var plain: [UInt8] = []
    /// Where each kept run's HTML and plain text end.
    private var ends: [(html: Int, plain: Int)] = []

    init() {}

    /// Drops what a run not kept wrote, and makes `bytes` the run's text.
    mutating func reset(for bytes: UnsafeBufferPointer<UInt8>) {
        source = bytes
        let kept = ends.last ?? (0, 0)
        html.removeSubrange(kept.html...)
        plain.removeSubrange(kept.plain...)
    }

    /// Keeps the current run; returns its number, for `html(ofRun:)` and `plainText(ofRun:)`.
    mutating func keep() -> Int {
        source = UnsafeBufferPointer(start: nil, count: 0)
        ends.append((html.count, plain.count))
        return ends.count - 1
    }

    var keptRuns: Int { ends.count }

    func html(ofRun run: Int) -> ArraySlice<UInt8> {
        html[(run > 0 ? ends[run - 1].html : 0)..<ends[run].html]
    }

    func plainText(ofRun run: Int) -> ArraySlice<UInt8> {
        plain[(run > 0 ? ends[run - 1].plain : 0)..<ends[run].plain]
    }

    /// `source[range]` as text: escaped, its line breaks kept as cmark renders a soft break.
    public mutating func appendText(_ range: Range<Int>) {
        appendEscaped(UnsafeBufferPointer(rebasing: source[range]), newline: 10)
    }

    /// Text of the linker's own, as `appendText(_:)` writes the run's.
    public mutating func appendText(_ text: String) {
        var text = text
        text.withUTF8 { appendEscaped($0, newline: 10) }
    }

    public mutating func appendText(_ text: UnsafeBufferPointer<UInt8>) {
        appendEscaped(text, newline: 10)
    }

    public mutating func appendText(_ text: ArraySlice<UInt8>) {
        text.withUnsafeBufferPointer { appendEscaped($0, newline: 10) }
    }

    /// `source[range]` as a link's label: like text, but a line break becomes a space.
    public mutating func appendLabel(_ range: Range<Int>) {
        appendEscaped(UnsafeBufferPointer(rebasing: source[range]), newline: 32)
    }

    public mutating func appendLabel(_ text: String) {
        var text = text
        text.withUTF8 { appendEscaped($0, newline: 32) }
    }

    public mutating func appendLabel(_ text: UnsafeBufferPointer<UInt8>) {
        appendEscaped(text, newline: 32)
    }

    public mutating func appendLabel(_ text: ArraySlice<UInt8>) {
        text.withUnsafeBufferPointer { appendEscaped($0, newline: 32) }
    }

    /// Text inside a double-quoted attribute: escaped as `HTMLText.escapeAttribute` escapes it.
    public mutating func appendAttribute(_ text: String) {
        Self.append(attribute: text, to: &html)
    }

    /// HTML as it is (tags around a label); not part of the plain text.
    public mutating func appendRaw(_ html: StaticString) {
        self.html.append(contentsOf: UnsafeBufferPointer(start: html.utf8Start, count: html.utf8CodeUnitCount))
    }

    public mutating func appendRaw(_ html: [UInt8]) {
        self.html.append(contentsOf: html)
    }

    public mutating func appendRaw(_ html: ArraySlice<UInt8>) {
        self.html.append(contentsOf: html)
    }

    public mutating func appendRaw(_ html: UnsafeBufferPointer<UInt8>) {
        self.html.append(contentsOf: html)
    }

    /// A non-negative number in decimal, such as an id's suffix, as HTML.
    public mutating func appendDecimal(_ value: Int) {
        Self.forEachDigit(of: max(0, value)) { html.append($0) }
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

    /// `bytes` into the HTML escaped as cmark-gfm's HTML renderer escapes text (`"`, `&`, `<`, `>`),
    /// with a line feed as `newline`; and into the plain text with a line feed as a space.
    private mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, newline: UInt8) {
        plain.append(contentsOf: bytes)
        var start = 0
        for index in bytes.indices {
            let entity: StaticString
            switch bytes[index] {
            case 10:
                plain[plain.count - bytes.count + index] = 32
                if newline == 10 { continue }
                entity = " "
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "\""): entity = "&quot;"
            default: continue
            }
            html.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            html.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            start = index + 1
        }
        html.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }
}
