import Mustache

/// The escaping Mustache applies to `{{value}}` (`<`, `>`, `&`, `"`, `'`), done on UTF-8 bytes.
/// swift-mustache escapes Character by Character through a dictionary; thousands of party pages
/// spent a large share of their rendering there. The output is the same, byte for byte.
///
///     HTMLEscaping.escape("O'Brien & Sons")  // "O&#39;Brien &amp; Sons"
enum HTMLEscaping {
    static func escape(_ text: String) -> String {
        // Most values need nothing: hand back the same string without copying.
        guard text.utf8.contains(where: needsEscape) else { return text }
        var text = text
        return text.withUTF8 { bytes -> String in
            let first = bytes.firstIndex(where: needsEscape) ?? bytes.endIndex
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// Makes `{{% CONTENT_TYPE: HTML}}` in a template select this escaper. Templates without the
    /// pragma keep swift-mustache's own, which gives the same bytes. Call before parsing templates.
    static func register() {
        MustacheContentTypes.register(FastHTML(), named: "HTML")
    }

    struct FastHTML: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
    }
}
