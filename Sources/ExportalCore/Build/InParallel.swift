import Foundation

/// Runs two independent pieces of work at the same time and returns both results.
func inParallel<First, Second>(_ first: () -> First, _ second: @escaping () -> Second) -> (First, Second) {
    let second = Eventually(second)
    return (first(), second.value)
}

/// A value made on a thread of its own from the moment this is made; `value` waits for it.
///
/// A thread of its own, not an iteration of `concurrentPerform`: Dispatch divides the width of an
/// apply nested in another among the outer one's iterations, so with two cores every
/// `inParallel(count:)` inside the work would run on one thread.
final class Eventually<Value>: @unchecked Sendable {
    private var made: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ make: @escaping () -> Value) {
        let work = Unchecked(make)
        let thread = Thread { [self] in
            made = work.value()
            done.signal()
        }
        // As large as the main thread's: Markdown and Mustache recurse into nested content.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The value, once made. For one thread to read, any number of times.
    var value: Value {
        done.wait()
        // Let the next read through at once.
        done.signal()
        return made!
    }
}

/// `(0..<count).map(make)`, one item per task on every core, each result into its own slot, so
/// the order does not depend on which finishes first. For a few large items (files to read).
func inParallel<Value>(_ count: Int, _ make: @escaping (Int) -> Value) -> [Value] {
    let slots = UnsafeMutableBufferPointer<Value?>.allocate(capacity: count)
    slots.initialize(repeating: nil)
    defer { slots.deinitialize(); slots.deallocate() }
    let work = Unchecked((make, slots))
    DispatchQueue.concurrentPerform(iterations: count) { index in
        let (make, slots) = work.value
        slots[index] = make(index)
    }
    return slots.map { $0! }
}

/// `inParallel(count, make)`, made on every core but the calling thread's, which meanwhile hands
/// each result to `take` in index order, as soon as it and every one before it are made, and
/// keeps what `take` gives back: for work that must stay on one thread (writing files, whose
/// system calls the publish's fault-injection test counts on the thread that publishes) and can
/// overlap the making. A result is let go once taken, so what is written need not stay in memory.
func inParallel<Value, Kept>(_ count: Int, _ make: @escaping (Int) -> Value, handingOff take: (Value) -> Kept) -> [Kept] {
    let made = HandOff<Value>(count: count)
    let work = Unchecked((make, made))
    var kept: [Kept] = []
    kept.reserveCapacity(count)
    _ = inParallel({
        for index in 0..<count { kept.append(take(made.wait(for: index))) }
    }, {
        inParallel(count) { index in work.value.1.put(work.value.0(index), at: index) }
    })
    return kept
}

/// Results put in any order and taken in index order, each taker waiting for its slot.
private final class HandOff<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var slots: [Value?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func put(_ value: Value, at index: Int) {
        condition.withLock {
            slots[index] = value
            condition.broadcast()
        }
    }

    /// The value at `index`, once it is put; the slot is then emptied.
    func wait(for index: Int) -> Value {
        condition.withLock {
            while slots[index] == nil { condition.wait() }
            defer { slots[index] = nil }
            return slots[index]!
        }
    }
}

/// Hands a value to concurrent work that only reads it (or writes disjoint slots), which the
/// compiler cannot prove for `[String: Any]` page contexts.
struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
