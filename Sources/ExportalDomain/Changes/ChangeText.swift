/// How values are prepared for comparison and display: whitespace runs collapsed to one space and
/// trimmed, empty values dropped, so a re-wrapped remark or a trailing space is not an amendment.
enum ChangeText {
    static func normalized(_ text: String) -> String {
        isNormalASCII(text) ? text : text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// True for ASCII text whose only whitespace is single spaces between words: nearly every value
    /// of the SDN list, which is then kept as it is. Asking each Character whether it is whitespace
    /// looks up Unicode properties, and was most of the time a change set of the list took.
    static func isNormalASCII(_ text: String) -> Bool {
        var previous: UInt8 = UInt8(ascii: " ")
        for byte in text.utf8 {
            guard byte < 0x80, byte > 0x20 || (byte == 0x20 && previous != 0x20) else { return false }
            previous = byte
        }
        return previous != 0x20
    }

    static func normalized(_ texts: [String]) -> [String] {
        texts.map(normalized).filter { !$0.isEmpty }
    }

    /// True when both hold the same values, in any order and counting repeats.
    static func sameValues(_ a: [String], _ b: [String]) -> Bool {
        a.count == b.count && (a == b || a.sorted() == b.sorted())
    }
}
