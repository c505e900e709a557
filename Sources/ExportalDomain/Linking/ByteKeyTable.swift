/// Byte strings to small integers, looked up straight from a text's UTF-8: linking a code or a
/// `[[reference]]` in prose makes no String and computes no SipHash. Open addressing;
/// each slot holds its key's hash, index, first sixteen bytes and the place of the whole key in
/// one array of key bytes. So a lookup of a code or a short reference reads one slot and nothing
/// else: tables of thousands of codes do not stay in cache, and profiles of linking were
/// dominated by such misses.
///
///     var table = ByteKeyTable()
///     table.insert("5A002")                                           // 0
///     Array("see 5A002".utf8).withUnsafeBufferPointer {
///         table.index(of: UnsafeBufferPointer(rebasing: $0[4...]))   // 0
///     }
public struct ByteKeyTable: Sendable {
    struct Slot {
        /// The low half of the key's hash (the high half chooses no slot, so it would tell nothing more).
        var hash: UInt32
        /// The key's index, or -1 for an empty slot.
        var index: Int32
        var start: Int32
        var length: Int32
        /// The key's first sixteen bytes, then zeros (`Head`).
        var head: Head
    }

    /// Up to sixteen bytes of a key as two little-endian words, zero past its end (on a little-endian
    /// machine; a big-endian one builds the same words byte by byte).
    struct Head: Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        /// Read with a few loads that stay within the key, overlapping where it is not a multiple of
        /// their size (the bytes read twice are the same bytes, in the same places): a code is looked
        /// up for every one in prose, and building the head byte by byte was most of a lookup.
        @inline(__always)
        init(_ key: UnsafeBufferPointer<UInt8>) {
            guard let base = key.baseAddress.map(UnsafeRawPointer.init) else { return }
            let count = key.count
            #if _endian(big)
            for k in 0..<min(count, 16) {
                if k < 8 { low |= UInt64(key[k]) << (8 * k) } else { high |= UInt64(key[k]) << (8 * (k - 8)) }
            }
            #else
            switch count {
            case 16...:
                low = base.loadUnaligned(as: UInt64.self)
                high = (base + 8).loadUnaligned(as: UInt64.self)
            case 9...:
                low = base.loadUnaligned(as: UInt64.self)
                high = (base + count - 8).loadUnaligned(as: UInt64.self) >> (8 * (16 - count))
            case 8:
                low = base.loadUnaligned(as: UInt64.self)
            case 4...:
                low = UInt64(base.loadUnaligned(as: UInt32.self))
                    | UInt64((base + count - 4).loadUnaligned(as: UInt32.self)) << (8 * (count - 4))
            default:
                for k in 0..<count { low |= UInt64(key[k]) << (8 * k) }
            }
            #endif
        }

        init() {}
    }

    /// A power of two, at least twice the keys.
    private var slots = Array(repeating: Slot(hash: 0, index: -1, start: 0, length: 0, head: Head()), count: 16)
    private var keyBytes: [UInt8] = []
    public private(set) var count = 0

    public init() {}

    /// The index of `key`, added with the next index if it is new.
    @discardableResult
    public mutating func insert(_ key: String) -> Int {
        var key = key
        return key.withUTF8 { insert($0) }
    }

    @discardableResult
    public mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        if let found = index(of: key) { return found }
        if (count + 1) * 2 > slots.count { rehash(slots: slots.count * 2) }
        let head = Head(key)
        let slot = Slot(hash: UInt32(truncatingIfNeeded: Self.hash(key, head: head)), index: Int32(count),
                        start: Int32(keyBytes.count), length: Int32(key.count), head: head)
        keyBytes.append(contentsOf: key)
        place(slot)
        count += 1
        return count - 1
    }

    /// The index of `key`, or nil when it was never inserted.
    public func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        slot(of: key).map { Int(slots[$0].index) }
    }

    /// The slot that holds `key`, or nil when it was never inserted: for a caller that keeps a value
    /// by slot (`slotCount` of them, placed by `key(atSlot:)`), which is then where the lookup was.
    public func slot(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        let head = Head(key)
        let hash = Self.hash(key, head: head)
        let low = UInt32(truncatingIfNeeded: hash)
        return slots.withUnsafeBufferPointer { slots in
            keyBytes.withUnsafeBufferPointer { bytes in
                let mask = slots.count - 1
                var position = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let slot = slots[position]
                    if slot.index < 0 { return nil }
                    if slot.hash == low && Int(slot.length) == key.count && slot.head == head
                        && (key.count <= 16 || Self.equal(key, UnsafeBufferPointer(rebasing: bytes[Int(slot.start)..<Int(slot.start + slot.length)]))) {
                        return position
                    }
                    position = (position + 1) & mask
                }
            }
        }
    }

    /// The slot where a lookup of `key` starts, which holds it unless another key took it first.
    public func firstSlot(of key: UnsafeBufferPointer<UInt8>) -> Int {
        Int(truncatingIfNeeded: Self.hash(key, head: Head(key))) & (slots.count - 1)
    }

    public var slotCount: Int { slots.count }

    /// The index of the key in slot `position`, or nil for an empty slot.
    public func key(atSlot position: Int) -> Int? {
        slots[position].index < 0 ? nil : Int(slots[position].index)
    }

    public func index(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { index(of: $0) }
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var position = Int(slot.hash) & mask
        while slots[position].index >= 0 { position = (position + 1) & mask }
        slots[position] = slot
    }

    private mutating func rehash(slots count: Int) {
        let old = slots
        slots = Array(repeating: Slot(hash: 0, index: -1, start: 0, length: 0, head: Head()), count: count)
        for slot in old where slot.index >= 0 { place(slot) }
    }

    /// Keys are short (codes, references): a loop beats calling memcmp.
    @inline(__always)
    private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 0..<a.count where a[k] != b[k] { return false }
        return true
    }

    /// A short key's two words mixed (multiply and fold), without a step per byte; FNV-1a for a longer one.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, head: Head) -> UInt64 {
        guard bytes.count > 16 else {
            var x = (head.low &* 0x9E37_79B9_7F4A_7C15) ^ (head.high &+ UInt64(bytes.count))
            x = (x ^ (x >> 29)) &* 0xBF58_476D_1CE4_E5B9
            return x ^ (x >> 32)
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
