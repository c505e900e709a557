/// What an explicit reference names. The text inside `[[...]]` (before any `|label`) and each
/// item of a front-matter `related:` list use the same syntax:
///
///     ReferenceTarget.parse("5A002.a")                      // .code(list: nil, "5A002.a")
///     ReferenceTarget.parse("eu-dual-use:5A002")            // .code(list: "eu-dual-use", "5A002")
///     ReferenceTarget.parse("guidance:end-use-checks")      // .guidance("end-use-checks")
///     ReferenceTarget.parse("training:screening-basics")    // .module("screening-basics")
///     ReferenceTarget.parse("training:screening-basics/running-a-screen")
///                                                           // .lesson(module: "screening-basics", "running-a-screen")
///     ReferenceTarget.parse("term:catch-all-control")       // .term("catch-all-control")
public enum ReferenceTarget: Sendable, Hashable {
    case code(list: String?, String)
    case guidance(String)
    case module(String)
    case lesson(module: String, String)
    case term(String)

    /// Prefixes that name a kind of page; any other prefix is read as a control-list id.
    public static let prefixes = ["guidance", "training", "term"]

    public enum ParseError: Error, Equatable, Sendable {
        case empty
        case missingName(prefix: String)
        case malformedLesson(String)
    }

    public static func parse(_ text: String) -> Result<ReferenceTarget, ParseError> {
        let text = text.trimmingWhitespace()
        guard !text.isEmpty else { return .failure(.empty) }
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else { return .success(.code(list: nil, text)) }
        let prefix = String(text[..<colon]).trimmingWhitespace()
        let name = String(text[text.index(after: colon)...]).trimmingWhitespace()
        guard !name.isEmpty else { return .failure(.missingName(prefix: prefix)) }
        switch prefix {
        case "guidance": return .success(.guidance(name))
        case "term": return .success(.term(name))
        case "training":
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            switch parts.count {
            case 1: return .success(.module(name))
            case 2 where !parts[0].isEmpty && !parts[1].isEmpty: return .success(.lesson(module: String(parts[0]), String(parts[1])))
            default: return .failure(.malformedLesson(name))
            }
        default: return .success(.code(list: prefix, name))
        }
    }
}

extension ReferenceTarget.ParseError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .empty: "empty reference '[[]]'"
        case .missingName(let prefix): "reference '\(prefix):' names nothing after the colon"
        case .malformedLesson(let name): "'training:\(name)' is neither a module ('training:MODULE') nor a lesson ('training:MODULE/LESSON')"
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs. Cheaper than Foundation's trimming,
    /// which matters when thousands of references are read.
    public func trimmingWhitespace() -> String {
        // Most references have nothing to trim: no array is made for them.
        let ends = utf8.withContiguousStorageIfAvailable { $0.isEmpty ? nil : ($0[0], $0[$0.count - 1]) }
        if let (first, last) = ends ?? nil, first != 32, first != 9, last != 32, last != 9 { return String(self) }
        let bytes = Array(utf8)
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
        while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
