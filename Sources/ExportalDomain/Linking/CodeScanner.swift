/// Finds tokens in prose that are shaped like control codes: a category digit, a product
/// group letter A to E, three digits, then any `.segment`s (1-2 lowercase letters or 1-2 digits).
/// Tokens start and end on word boundaries, and a trailing full stop ends a sentence, not a code.
///
///     CodeScanner.tokens(in: "See 5A002.a.1, or (1C350).")
///     // [CodeToken(text: "5A002.a.1", utf8Offset: 4), CodeToken(text: "1C350", utf8Offset: 20)]
///
/// One pass over the UTF-8 bytes; no regular expressions.
public enum CodeScanner {
    public struct CodeToken: Sendable, Equatable {
        public let text: String
        /// Byte offset of the token in the scanned string's UTF-8.
        public let utf8Offset: Int
        public var utf8Length: Int { text.utf8.count }
    }

    public static func tokens(in text: String) -> [CodeToken] {
        var found: [CodeToken] = []
        var bytes = Array(text.utf8)
        bytes.append(0)  // sentinel: every look-ahead below stays in bounds
        let count = bytes.count - 1
        var i = 0
        while i + 5 <= count {
            defer { i += 1 }
            guard isDigit(bytes[i]), i == 0 || !wordEnds(bytes, before: i) && bytes[i - 1] != UInt8(ascii: "."),
                  (UInt8(ascii: "A")...UInt8(ascii: "E")).contains(bytes[i + 1]),
                  isDigit(bytes[i + 2]), isDigit(bytes[i + 3]), isDigit(bytes[i + 4]),
                  !wordStarts(bytes, at: i + 5) else { continue }
            var end = i + 5
            while bytes[end] == UInt8(ascii: "."), let segmentEnd = segment(in: bytes, from: end + 1) {
                end = segmentEnd
            }
            found.append(CodeToken(text: String(decoding: bytes[i..<end], as: UTF8.self), utf8Offset: i))
            i = end - 1
        }
        return found
    }

    /// The end of a valid segment starting at `start` that is followed by a word boundary, or nil.
    private static func segment(in bytes: [UInt8], from start: Int) -> Int? {
        var end = start
        if isLower(bytes[end]) {
            while isLower(bytes[end]) && end - start < 3 { end += 1 }
        } else {
            while isDigit(bytes[end]) && end - start < 3 { end += 1 }
        }
        guard (1...2).contains(end - start), !wordStarts(bytes, at: end) else { return nil }
        return end
    }

    private static func isDigit(_ b: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) }
    private static func isLower(_ b: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) }

    /// True when the character starting at `index` joins a word: a letter or digit of any script, or `_`.
    /// Punctuation such as a curly apostrophe or a dash is a boundary.
    private static func wordStarts(_ bytes: [UInt8], at index: Int) -> Bool {
        let b = bytes[index]
        if b < 0x80 { return isDigit(b) || isLower(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b) || b == UInt8(ascii: "_") }
        var end = index + 1
        while end < bytes.count - 1, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return isWordScalar(bytes[index..<end])
    }

    /// True when the character that ends just before `index` joins a word.
    private static func wordEnds(_ bytes: [UInt8], before index: Int) -> Bool {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return bytes[start] < 0x80 ? wordStarts(bytes, at: start) : isWordScalar(bytes[start..<index])
    }

    private static func isWordScalar(_ utf8: ArraySlice<UInt8>) -> Bool {
        guard let scalar = String(decoding: utf8, as: UTF8.self).unicodeScalars.first else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
