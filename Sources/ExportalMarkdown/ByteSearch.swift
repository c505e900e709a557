/// Byte-level substring search over UTF-8. Foundation's `range(of:)` compares Unicode
/// clusters and was the largest cost of rendering large portals; markers searched for here are
/// plain ASCII or private-use characters, for which byte equality is exact.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum ByteSearch {
    /// Whether `text` contains `byte`, with memchr over its contiguous UTF-8.
    public static func contains(_ byte: UInt8, in text: String) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }

    /// The first index at or after `start` where `pattern` occurs in `bytes`. memchr finds each
    /// candidate first byte: patterns here are rare in the text, so most bytes are skipped in bulk.
    public static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int = 0) -> Int? {
        bytes.withUnsafeBufferPointer { firstIndex(of: pattern, in: $0, from: start) }
    }

    public static func firstIndex(of pattern: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        pattern.withUnsafeBufferPointer { firstIndex(ofBytes: $0, in: buffer, from: start) }
    }

    /// As for an array, for a pattern written in the code: read in place, with nothing retained.
    public static func firstIndex(of pattern: StaticString, in buffer: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        firstIndex(ofBytes: UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount), in: buffer, from: start)
    }

    static func firstIndex(ofBytes pattern: UnsafeBufferPointer<UInt8>, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let first = pattern.first, pattern.count <= buffer.count, start >= 0,
              let base = buffer.baseAddress, let patternBase = pattern.baseAddress else { return nil }
        var index = start
        let last = buffer.count - pattern.count
        while index <= last {
            guard let hit = memchr(base + index, Int32(first), last - index + 1) else { return nil }
            let found = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + found, patternBase, pattern.count) == 0 { return found }
            index = found + 1
        }
        return nil
    }

    /// The first `[[` (where an explicit reference starts) at or after `start`: memchr finds each `[`.
    public static func doubleBracket(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = max(start, 0)
        while let bracket = firstIndex(of: UInt8(ascii: "["), in: buffer, from: index) {
            if bracket + 1 < buffer.count, buffer[bracket + 1] == UInt8(ascii: "[") { return bracket }
            index = bracket + 1
        }
        return nil
    }

    /// The first index at or after `start` of `byte`, with memchr.
    static func firstIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = buffer.baseAddress, start < buffer.count,
              let hit = memchr(base + start, Int32(byte), buffer.count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Replaces successive occurrences of `marker` using `replacement(n)` for the n-th one (0-based),
    /// until `replacement` returns nil.
    public static func replaceOccurrences(of marker: String, in text: String, with replacement: (Int) -> String?) -> String {
        var text = text
        var marker = marker
        // Searched in the string's own UTF-8; copied only when something is replaced.
        return marker.withUTF8 { pattern in text.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            var cursor = 0, count = 0
            while let found = firstIndex(ofBytes: pattern, in: bytes, from: cursor), let insert = replacement(count) {
                if count == 0 { out.reserveCapacity(bytes.count + insert.utf8.count) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cursor..<found]))
                out.append(contentsOf: insert.utf8)
                cursor = found + pattern.count
                count += 1
            }
            guard count > 0 else { return nil }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cursor...]))
            return String(decoding: out, as: UTF8.self)
        } } ?? text
    }
}
