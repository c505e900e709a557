/// Small HTML text helpers shared by the Markdown wrapper and the page renderer.
public enum HTMLText {
    /// Escapes text for use inside a double-quoted attribute or element content.
    ///
    ///     HTMLText.escapeAttribute(#"R&D "lab""#)  // R&amp;D &quot;lab&quot;
    public static func escapeAttribute(_ text: String) -> String {
        guard ByteSearch.contains(38, in: text) || ByteSearch.contains(60, in: text) || ByteSearch.contains(62, in: text)
                || ByteSearch.contains(34, in: text) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
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
