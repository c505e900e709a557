/// Growable bytes that an append copies into with one memcpy. `Array.append(contentsOf:)` costs
/// about 140 instructions a call whatever the length, and a linked run is written from many
/// short pieces (tags, a root, a label): profiled, those calls were most of writing a link.
///
///     let buffer = ByteBuffer()
///     buffer.append(Array("<a>".utf8)); buffer.append(UInt8(ascii: "x"))   // buffer.bytes == "<a>x"
///
/// A class, so that it is not copied on write: `LinkedRun` owns its two and never shares them.
final class ByteBuffer {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written since the last `removeAll()`, valid until the next append.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func removeAll() { count = 0 }

    @inline(__always)
    func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let from = source.baseAddress, !source.isEmpty else { return }
        if count + source.count > capacity { grow(to: count + source.count) }
        (base + count).update(from: from, count: source.count)
        count += source.count
    }

    @inline(__always)
    func append(_ source: [UInt8]) {
        source.withUnsafeBufferPointer { append($0) }
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    /// Removes the last byte (one written by `append(_:)`).
    func removeLast() { count -= 1 }

    @inline(never)
    private func grow(to needed: Int) {
        let grown = max(needed, capacity * 2)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.update(from: base, count: count)
        base.deallocate()
        base = larger
        capacity = grown
    }
}
