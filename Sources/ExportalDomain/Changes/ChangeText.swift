/// How values are prepared for comparison and display: whitespace runs collapsed to one space and
/// trimmed, empty values dropped, so a re-wrapped remark or a trailing space is not an amendment.
enum ChangeText {
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func normalized(_ texts: [String]) -> [String] {
        texts.map(normalized).filter { !$0.isEmpty }
    }

    /// True when both hold the same values, in any order and counting repeats.
    static func sameValues(_ a: [String], _ b: [String]) -> Bool {
        a.count == b.count && (a == b || a.sorted() == b.sorted())
    }
}
