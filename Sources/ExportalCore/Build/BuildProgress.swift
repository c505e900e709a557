import Foundation

/// What a running build has done so far, shown on one terminal line that is rewritten in place
/// (`\r`) and cleared when the build ends. The stages and the render workers only count, under a
/// lock; one thread of its own reads the counts and writes the line, first after `delay` and
/// then at most every `interval`, so a short build shows nothing and output files and
/// diagnostics never depend on it.
///
///     let progress = BuildProgress(write: { try? FileHandle.standardError.write(contentsOf: Data($0.utf8)) })
///     options.progress = progress
///     progress.start()
///     let result = BuildPipeline(options: options).build()
///     progress.finish()   // the line is gone before the diagnostics are printed
public final class BuildProgress: @unchecked Sendable {
    private let condition = NSCondition()
    private let write: @Sendable (String) -> Void
    private let delay: TimeInterval
    private let interval: TimeInterval
    private var status = Status()
    private var line = ProgressLine()
    private var stopped = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    /// What the line says: the stage, and pages rendered once the render stage knows how many.
    public struct Status: Equatable, Sendable {
        public var stage = 0
        public var stages = 0
        public var name = ""
        public var done = 0
        public var total: Int?

        public init(stage: Int = 0, stages: Int = 0, name: String = "", done: Int = 0, total: Int? = nil) {
            (self.stage, self.stages, self.name, self.done, self.total) = (stage, stages, name, done, total)
        }

        /// `Rendering (5/6): 1,200 of 10,000 pages`
        public var text: String {
            var text = "\(name) (\(stage)/\(stages))"
            if let total { text += ": \(Self.grouped(done)) of \(Self.grouped(total)) pages" }
            return text
        }

        static func grouped(_ number: Int) -> String {
            var digits = String(number), out = ""
            while digits.count > 3 { out = "," + digits.suffix(3) + out; digits.removeLast(3) }
            return digits + out
        }
    }

    public init(delay: TimeInterval = 1, interval: TimeInterval = 0.1, write: @escaping @Sendable (String) -> Void) {
        self.delay = delay
        self.interval = interval
        self.write = write
    }

    /// Starts the thread that shows the line.
    public func start() {
        let thread = Thread { [self] in show() }
        self.thread = thread
        thread.start()
    }

    /// Stops the thread and clears the line, if one was shown.
    public func finish() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
        if thread != nil { finished.wait() }
        thread = nil
    }

    package func enter(stage: Int, of stages: Int, name: String) {
        update { $0 = Status(stage: stage, stages: stages, name: name) }
        // The showing thread may be waiting for the first stage.
        condition.lock()
        condition.signal()
        condition.unlock()
    }

    package func pages(total: Int) { update { $0.total = total } }

    package func pageDone() { update { $0.done += 1 } }

    private func update(_ change: (inout Status) -> Void) {
        condition.lock()
        change(&status)
        condition.unlock()
    }

    /// The showing thread: the first line once `delay` has passed (at once when it is 0, even if
    /// the build already ended) and a stage began, then a new one each `interval` while it changes.
    /// Once the first line is due, it waits for the first stage rather than for another interval:
    /// a build shorter than one interval used to show nothing when this thread looked before the
    /// build had entered its first stage.
    private func show() {
        var deadline = Date(timeIntervalSinceNow: delay)
        condition.lock()
        while true {
            while !stopped && (Date() < deadline || status.stage == 0) {
                if Date() < deadline { _ = condition.wait(until: deadline) } else { condition.wait() }
            }
            let due = Date() >= deadline
            let text = due && status.stage > 0 ? line.show(status.text) : nil
            let end = stopped
            condition.unlock()
            if let text { write(text) }
            if end { break }
            deadline = Date(timeIntervalSinceNow: interval)
            condition.lock()
        }
        if let clear = line.clear() { write(clear) }
        finished.signal()
    }
}

/// One line of a terminal rewritten in place: each new text starts with `\r` and is padded with
/// spaces over what the last one left; clearing blanks it and returns to its start.
package struct ProgressLine {
    private var shown: String?

    package init() {}

    /// What to write to show `text`, or nil when it is already shown.
    package mutating func show(_ text: String) -> String? {
        guard text != shown else { return nil }
        let padding = max(0, (shown?.count ?? 0) - text.count)
        shown = text
        return "\r" + text + String(repeating: " ", count: padding)
    }

    /// What to write to leave the line empty, or nil when nothing was shown.
    package mutating func clear() -> String? {
        guard let last = shown else { return nil }
        shown = nil
        return "\r" + String(repeating: " ", count: last.count) + "\r"
    }
}
