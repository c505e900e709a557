/// A growable run of plain values (bytes, node pointers, offsets) with no reference counting:
/// appending is a bounds test and a store. Buffers refilled for every text run were costing
/// more in `Array`'s uniqueness checks, retains and releases than in the work they held.
/// Its owner frees it with `deallocate()`; `ByteBuffer` is the owning class for bytes.
///
///     var offsets = PlainBuffer<Int>(capacity: 16)
///     defer { offsets.deallocate() }
///     offsets.append(4); offsets.append(9)   // offsets.elements == [4, 9]
public struct PlainBuffer<Element: BitwiseCopyable> {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var used = 0
    @usableFromInline var capacity: Int

    public init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    public func deallocate() { base.deallocate() }

    public var count: Int { used }

    /// The values appended since the last `removeAll()`, valid until the next append.
    @inlinable
    public var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: used) }

    public mutating func removeAll() { used = 0 }

    /// Keeps the first `count` values.
    public mutating func truncate(to count: Int) { used = min(used, count) }

    /// Removes the last value.
    public mutating func removeLast() { used -= 1 }

    @inlinable
    public mutating func append(_ element: Element) {
        if used == capacity { grow(to: used + 1) }
        base[used] = element
        used += 1
    }

    @inlinable
    public mutating func append(_ source: UnsafeBufferPointer<Element>) {
        guard let from = source.baseAddress, !source.isEmpty else { return }
        if used + source.count > capacity { grow(to: used + source.count) }
        (base + used).update(from: from, count: source.count)
        used += source.count
    }

    @usableFromInline @inline(never)
    mutating func grow(to needed: Int) {
        let grown = max(needed, capacity * 2)
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: grown)
        larger.update(from: base, count: used)
        base.deallocate()
        base = larger
        capacity = grown
    }
}

/// Growable bytes that an append copies into with one memcpy. `Array.append(contentsOf:)` costs
/// about 140 instructions a call whatever the length, and a linked run is written from many
/// short pieces (tags, a root, a label): profiled, those calls were most of writing a link.
///
///     let buffer = ByteBuffer()
///     buffer.append(Array("<a>".utf8)); buffer.append(UInt8(ascii: "x"))   // buffer.bytes == "<a>x"
///
/// A class, so that it is not copied on write: `LinkedRun` owns its two and never shares them.
final class ByteBuffer {
    @exclusivity(unchecked) private var storage: PlainBuffer<UInt8>

    init(capacity: Int = 1024) {
        storage = PlainBuffer(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// The bytes written since the last `removeAll()`, valid until the next append.
    var bytes: UnsafeBufferPointer<UInt8> { storage.elements }
    var count: Int { storage.count }

    func removeAll() { storage.removeAll() }

    func truncate(to count: Int) { storage.truncate(to: count) }

    @inline(__always)
    func append(_ source: UnsafeBufferPointer<UInt8>) { storage.append(source) }

    @inline(__always)
    func append(_ source: [UInt8]) {
        source.withUnsafeBufferPointer { storage.append($0) }
    }

    @inline(__always)
    func append(_ byte: UInt8) { storage.append(byte) }
}
