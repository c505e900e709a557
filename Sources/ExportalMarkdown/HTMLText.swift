/// Small HTML text helpers shared by the Markdown wrapper and the page renderer.
public enum HTMLText {
    /// Escapes text for use inside a double-quoted attribute or element content.
    ///
    ///     HTMLText.escapeAttribute(#"R&D "lab""#)  // R&amp;D &quot;lab&quot;
    public static func escapeAttribute(_ text: String) -> String {
        escape(text, apostrophe: false)
    }

    /// `&`, `<`, `>` and `"` as entities, and `'` too when `apostrophe` is set (as Mustache's
    /// `{{value}}` does), working on UTF-8 bytes. Text that needs nothing comes back uncopied.
    public static func escape(_ text: String, apostrophe: Bool) -> String {
        // The five are below 0x40: one bit each in a mask, tested on the bytes in place. Every
        // value a template prints passes here, most of them needing nothing.
        let escaped: UInt64 = 1 << 0x26 | 1 << 0x3C | 1 << 0x3E | 1 << 0x22 | (apostrophe ? 1 << 0x27 : 0)
        var scanned = text
        let clean = scanned.withUTF8 { bytes in
            !bytes.contains { $0 < 0x40 && escaped >> $0 & 1 != 0 }
        }
        guard !clean else { return text }
        var out: [UInt8] = []
        appendEscaped(text, apostrophe: apostrophe, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` escaped as `escape(_:apostrophe:)` escapes it, reading its UTF-8 in place and
    /// copying the runs between the characters it replaces: for bytes made once and kept, such as
    /// the link targets of a build, thousands of titles and paths.
    public static func appendEscaped(_ text: String, apostrophe: Bool, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            out.reserveCapacity(out.count + bytes.count)
            var start = 0
            for index in bytes.indices {
                let entity: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'") where apostrophe: entity = "&#39;"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                start = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// Removes tags and decodes the five entities cmark emits; for plain-text excerpts.
    public static func stripTags(_ html: String) -> String {
        guard ByteSearch.contains(60, in: html) || ByteSearch.contains(38, in: html) else { return html }
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        var inTag = false
        while index < bytes.count {
            let b = bytes[index]
            if inTag {
                if b == UInt8(ascii: ">") { inTag = false }
            } else if b == UInt8(ascii: "<") {
                inTag = true
            } else if b == UInt8(ascii: "&"), let (decoded, length) = entity(bytes, at: index) {
                out.append(decoded)
                index += length
                continue
            } else {
                out.append(b)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let entities: [(name: [UInt8], value: UInt8)] =
        [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")].map { (Array($0.utf8), UInt8(ascii: $1)) }

    private static func entity(_ bytes: [UInt8], at index: Int) -> (UInt8, Int)? {
        for (name, value) in entities where index + name.count <= bytes.count && bytes[index..<(index + name.count)].elementsEqual(name) {
            return (value, name.count)
        }
        return nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s = s.dropFirst() }
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
