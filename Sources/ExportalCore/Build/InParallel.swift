import Foundation

/// Runs two independent pieces of work at the same time and returns both results.
func inParallel<First, Second>(_ first: @escaping () -> First, _ second: @escaping () -> Second) -> (First, Second) {
    let results = ParallelResults<First, Second>()
    let work = Unchecked((first, second, results))
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        let (first, second, results) = work.value
        // Each iteration writes only its own field.
        if index == 0 { results.first = first() } else { results.second = second() }
    }
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
