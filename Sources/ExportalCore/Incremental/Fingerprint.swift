import Foundation

/// A 128-bit fingerprint of bytes, stable across runs and machines, for deciding whether an input
/// or a page is the same as last time. Two 64-bit lanes of multiply-rotate mixing over 8-byte
/// words, each finished with an avalanche step; fast enough to fingerprint every page of a large
/// portal on every rebuild. It is not a cryptographic hash: a clean build (without
/// `--incremental`) never consults one.
package struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    package let high: UInt64
    package let low: UInt64

    package init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    package init(of bytes: UnsafeRawBufferPointer) {
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F &+ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            a = Self.rotate((a ^ word) &* 0xFF51_AFD7_ED55_8CCD, 29)
            b = Self.rotate((b &+ word) &* 0xC4CE_B9FE_1A85_EC53, 31) ^ a
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<bytes.count { tail |= UInt64(bytes[index]) << UInt64(8 * (index - offset)) }
        a = Self.rotate((a ^ tail) &* 0xFF51_AFD7_ED55_8CCD, 29)
        b = Self.rotate((b &+ tail) &* 0xC4CE_B9FE_1A85_EC53, 31) ^ a
        high = Self.avalanche(a &+ b)
        low = Self.avalanche(b ^ Self.rotate(a, 17))
    }

    package init(of data: Data) {
        self = data.withUnsafeBytes { Fingerprint(of: $0) }
    }

    package init(of bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { Fingerprint(of: $0) }
    }

    /// 32 hexadecimal digits.
    package var description: String {
        [high, low].map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }

    /// Reads `description` back; nil for anything else.
    package init?(hex: Substring) {
        guard hex.count == 32, let high = UInt64(hex.prefix(16), radix: 16), let low = UInt64(hex.suffix(16), radix: 16) else {
            return nil
        }
        self.init(high: high, low: low)
    }

    private static func rotate(_ value: UInt64, _ by: UInt64) -> UInt64 { (value << by) | (value >> (64 - by)) }

    /// MurmurHash3's 64-bit finaliser: every input bit affects every output bit.
    private static func avalanche(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x = x &* 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }
}
