/// Which URLs content may put in a page's `href` or `src`: an http(s) URL with a host, or, where
/// the field allows it, a path relative to the page. Everything else is refused, whatever the
/// field: `javascript:`, `data:`, `vbscript:`, `file:`, `mailto:` and every other scheme, and
/// protocol-relative `//host`, which takes its scheme from the page (`file:` when a portal is
/// opened from disk) and is never needed, as an author can write `https://` in full.
///
/// The URL is read as a browser reads it, so spellings that hide a scheme are refused too:
/// a browser drops spaces at either end and tabs and line breaks anywhere (`java\tscript:`),
/// ignores case (`JaVaScRiPt:`), and, in an attribute, decodes character references
/// (`javascript&colon;`), so a relative path may hold no `&` before its first `/`, `?` or `#`.
///
///     URLPolicy.refusal(of: "https://www.bafa.de/", relative: false)  // nil
///     URLPolicy.refusal(of: "../lists/eu.html", relative: true)       // nil
///     URLPolicy.refusal(of: " JaVa\tScript:alert(1)", relative: true) // .controlCharacter
///     URLPolicy.refusal(of: "javascript:alert(1)", relative: true)    // .scheme("javascript")
public enum URLPolicy {
    /// Why a URL is refused.
    public enum Refusal: Equatable, Sendable, CustomStringConvertible {
        case scheme(String)
        case protocolRelative
        case noHost
        case controlCharacter
        case characterReference
        case colonBeforePath
        case relative

        /// Completes "'URL' must be an http(s) URL" as a hint: why this one is not.
        public var description: String {
            switch self {
            case .scheme(let scheme): "it is a '\(scheme):' URL"
            case .protocolRelative: "it starts with '//' and would take its scheme from the page: write https:// in full"
            case .noHost: "it names no host after '//'"
            case .controlCharacter: "it holds a control character, such as a tab or a line break, that a browser would drop"
            case .characterReference: "it holds '&' before its first '/', where a character reference could spell a scheme"
            case .colonBeforePath: "it holds ':' before its first '/', which a browser reads as a scheme"
            case .relative: "it is not an absolute URL"
            }
        }
    }

    /// The message for a refused `url` in `what`, the same for every field:
    /// "'source' must be an http(s) URL, found 'javascript:alert(1)'", with `Refusal` as its hint.
    public static func message(_ what: String, found url: String, relative: Bool) -> String {
        "\(what) must be \(relative ? "an http(s) URL or a relative path" : "an http(s) URL"), found '\(shown(url))'"
    }

    /// Why `url` may not be published as a link, or nil when it may. `relative` says whether the
    /// field takes a path relative to the page, or only an absolute http(s) URL.
    public static func refusal(of url: String, relative: Bool) -> Refusal? {
        // A browser would silently drop these; content that holds one is hiding something or broken.
        if url.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return .controlCharacter }
        var text = ArraySlice(url.utf8)
        while text.first == space { text.removeFirst() }
        while text.last == space { text.removeLast() }
        if text.count >= 2, isSlash(text[text.startIndex]), isSlash(text[text.startIndex + 1]) { return .protocolRelative }
        // The scheme is what comes before a ':' that precedes every '/', '?' and '#' (RFC 3986).
        let firstSegment = text.prefix { !endsSegment($0) }
        guard let colon = firstSegment.firstIndex(of: UInt8(ascii: ":")) else {
            if firstSegment.contains(UInt8(ascii: "&")) { return .characterReference }
            return relative ? nil : .relative
        }
        let scheme = String(decoding: text[..<colon], as: UTF8.self)
        guard isSchemeName(scheme) else { return .colonBeforePath }
        let lowercased = scheme.lowercased()
        guard lowercased == "http" || lowercased == "https" else { return .scheme(lowercased) }
        let rest = text[(colon + 1)...]
        guard rest.starts(with: "//".utf8), !rest.dropFirst(2).prefix(while: { !endsSegment($0) }).isEmpty else { return .noHost }
        return nil
    }

    /// `url` for a message on one line: control characters shown as escapes (`\t`, `\u{0}`).
    public static func shown(_ url: String) -> String {
        String(url.unicodeScalars.flatMap { scalar -> [Character] in
            switch scalar.value {
            case 0x09: return ["\\", "t"]
            case 0x0A: return ["\\", "n"]
            case 0x0D: return ["\\", "r"]
            case 0..<0x20, 0x7F: return Array("\\u{\(String(scalar.value, radix: 16))}")
            default: return [Character(scalar)]
            }
        })
    }

    private static let space = UInt8(ascii: " ")
    private static let backslash = UInt8(ascii: "\\")

    private static func endsSegment(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") || byte == backslash
    }

    /// A browser treats `\` as `/` in http(s) URLs, so `/\host` is protocol-relative as well.
    private static func isSlash(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "/") || byte == backslash }

    /// ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), RFC 3986's scheme.
    private static func isSchemeName(_ text: String) -> Bool {
        guard let first = text.utf8.first, first.isASCIILetter else { return false }
        return text.utf8.allSatisfy { $0.isASCIILetter || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E }
    }
}

private extension UInt8 {
    var isASCIILetter: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }
}
