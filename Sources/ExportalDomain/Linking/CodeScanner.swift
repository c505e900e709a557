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
        let bytes = Array(text.utf8)
        return tokens(in: bytes, 0..<bytes.count)
    }

    /// Tokens in `bytes[range]`; offsets are indices into `bytes`. Characters outside the range
    /// count as boundaries.
    public static func tokens(in bytes: [UInt8], _ range: Range<Int>) -> [CodeToken] {
        bytes.withUnsafeBufferPointer { buffer in
            var found: [CodeToken] = []
            scan(buffer, range) { found.append(CodeToken(text: String(decoding: buffer[$0], as: UTF8.self), utf8Offset: $0.lowerBound)) }
            return found
        }
    }

    /// Calls `body` with the byte range of each token in `bytes[range]`, in order: a linker looks the
    /// bytes up directly, with no String and no array made per run of text.
    public static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ body: (Range<Int>) -> Void) {
        var from = range.lowerBound
        while let token = nextToken(in: bytes, range, from: from) {
            body(token)
            from = token.upperBound
        }
    }

    /// The byte range of the first token in `bytes[range]` that starts at or after `from`, or nil:
    /// for a loop that reads its caller's state between tokens, which a closure would capture.
    @inline(__always)
    public static func nextToken(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, from: Int) -> Range<Int>? {
        let view = Bytes(bytes: bytes, range: range)
        var i = from
        while true {
            // To the next digit followed by A to E: codes are rare in prose.
            while i + 1 < range.upperBound, !(isDigit(bytes[i]) && (UInt8(ascii: "A")...UInt8(ascii: "E")).contains(bytes[i + 1])) { i += 1 }
            guard i + 5 <= range.upperBound else { return nil }
            guard isDigit(view[i]), i == range.lowerBound || !wordEnds(view, before: i) && view[i - 1] != UInt8(ascii: "."),
                  (UInt8(ascii: "A")...UInt8(ascii: "E")).contains(view[i + 1]),
                  isDigit(view[i + 2]), isDigit(view[i + 3]), isDigit(view[i + 4]),
                  !wordStarts(view, at: i + 5) else {
                i += 1
                continue
            }
            var end = i + 5
            while view[end] == UInt8(ascii: "."), let segmentEnd = segment(in: view, from: end + 1) {
                end = segmentEnd
            }
            return i..<end
        }
    }

    /// Bytes of a range, reading 0 outside it so look-aheads need no bounds checks.
    struct Bytes {
        let bytes: UnsafeBufferPointer<UInt8>
        let range: Range<Int>
        subscript(_ index: Int) -> UInt8 { index < range.upperBound && index >= range.lowerBound ? bytes[index] : 0 }
    }

    /// The end of a valid segment starting at `start` that is followed by a word boundary, or nil.
    private static func segment(in bytes: Bytes, from start: Int) -> Int? {
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
    private static func wordStarts(_ bytes: Bytes, at index: Int) -> Bool {
        let b = bytes[index]
        if b < 0x80 { return isDigit(b) || isLower(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b) || b == UInt8(ascii: "_") }
        var end = index + 1
        while end < bytes.range.upperBound, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return isWordScalar(bytes.bytes[index..<end])
    }

    /// True when the character that ends just before `index` joins a word.
    private static func wordEnds(_ bytes: Bytes, before index: Int) -> Bool {
        var start = index - 1
        while start > bytes.range.lowerBound, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return bytes[start] < 0x80 ? wordStarts(bytes, at: start) : isWordScalar(bytes.bytes[start..<index])
    }

    private static func isWordScalar(_ utf8: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let scalar = String(decoding: utf8, as: UTF8.self).unicodeScalars.first else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
