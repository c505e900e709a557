/// Classifies eight bytes of ASCII at once ("SWAR": SIMD within a register), so scanners skip
/// ordinary prose a word at a time instead of a byte at a time. Each result has the high bit of
/// every byte in the class set, and no other bit; bytes of 0x80 and above are never in a class.
/// Exact because no byte's arithmetic carries into its neighbour.
///
///     ByteClasses.digits(ByteClasses.load(Array("ab1".utf8), 0..<3, at: 0))  // 0x80_0000: byte 2
enum ByteClasses {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let high: UInt64 = ones &* 0x80

    /// Bytes `lower...upper` (both below 0x80).
    @inline(__always)
    static func between(_ word: UInt64, _ lower: UInt8, _ upper: UInt8) -> UInt64 {
        let x = word & (ones &* 0x7F)
        // 127 + (upper + 1) - x has its high bit set when x <= upper; x + 127 - (lower - 1) when x >= lower.
        return (ones &* (128 + UInt64(upper)) &- x) & (x &+ ones &* (128 - UInt64(lower))) & ~word & high
    }

    @inline(__always)
    static func digits(_ word: UInt64) -> UInt64 { between(word, 48, 57) }

    /// ASCII letters and digits.
    @inline(__always)
    static func alphanumerics(_ word: UInt64) -> UInt64 {
        between(word, 48, 57) | between(word | (ones &* 0x20), 97, 122)
    }

    /// Bytes of 0x80 and above: parts of non-ASCII characters.
    @inline(__always)
    static func nonASCII(_ word: UInt64) -> UInt64 { word & high }

    /// The bytes `index..<index + 8` of `bytes` as a little-endian word; bytes at `end` or later read as 0.
    @inline(__always)
    static func load(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> UInt64 {
        if end - index >= 8, let base = bytes.baseAddress {
            return UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
        }
        var word: UInt64 = 0
        for k in 0..<max(0, min(8, end - index)) { word |= UInt64(bytes[index + k]) << (8 * k) }
        return word
    }

    /// Index of the first byte whose high bit is set in `mask`, counted from `index`.
    @inline(__always)
    static func first(_ mask: UInt64, from index: Int) -> Int { index + mask.trailingZeroBitCount / 8 }
}
