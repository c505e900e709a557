import Foundation

/// Runs two independent pieces of work at the same time and returns both results.
///
/// The second runs on a thread of its own, not as an iteration of `concurrentPerform`: Dispatch
/// divides the width of an apply nested in another among the outer one's iterations, so with two
/// cores every `inParallel(count:)` inside either half ran on one thread.
func inParallel<First, Second>(_ first: () -> First, _ second: @escaping () -> Second) -> (First, Second) {
    let results = ParallelResults<First, Second>()
    let done = DispatchSemaphore(value: 0)
    let work = Unchecked((second, results, done))
    let thread = Thread {
        let (second, results, done) = work.value
        results.second = second()
        done.signal()
    }
    // As large as the main thread's: Markdown and Mustache recurse into nested content.
    thread.stackSize = 8 << 20
    thread.start()
    results.first = first()
    done.wait()
    return (results.first!, results.second!)
}

private final class ParallelResults<First, Second>: @unchecked Sendable {
    var first: First?
    var second: Second?
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

/// Hands a value to concurrent work that only reads it (or writes disjoint slots), which the
/// compiler cannot prove for `[String: Any]` page contexts.
struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
