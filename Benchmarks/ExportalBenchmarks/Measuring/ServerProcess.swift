#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Foundation

/// A child that runs until it is stopped, such as a preview server under measurement, read from
/// outside through `/proc` (Linux): its CPU time, to know when it has gone quiet, and its peak
/// resident memory.
///
///     let server = try ServerProcess(["hugo", "server", …], log: log)
///     defer { server.stop() }
///
/// Every running one is also listed in `ServerProcess.running`, so that a signal that ends the
/// benchmark can stop them (`stopAll()`) instead of leaving them listening.
public final class ServerProcess {
    public let pid: pid_t
    public let log: URL
    public let started: ContinuousClock.Instant
    private var status: Int32?

    public init(_ arguments: [String], log: URL) throws {
        self.log = log
        started = ContinuousClock.now
        pid = try ChildProcess.spawn(arguments, log: log)
        Self.running.insert(pid)
    }

    deinit { stop() }

    /// The exit code (as `ChildProcess.Usage.status`) once it has ended, nil while it runs.
    public func exitStatus() -> Int32? {
        if status == nil {
            var raw: Int32 = 0
            if waitpid(pid, &raw, WNOHANG) == pid {
                status = ChildProcess.exitCode(raw)
                Self.running.remove(pid)
            }
        }
        return status
    }

    /// User plus system time so far, in clock ticks; nil once it has ended.
    public func cpuTicks() -> Int? {
        guard exitStatus() == nil, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return nil }
        return Self.cpuTicks(stat: stat)
    }

    /// Its peak resident set size (VmHWM) in bytes. Unlike `ru_maxrss` it starts at exec, so it
    /// is the server's own, whatever the size of the benchmark that started it.
    public func peakRSS() -> Int? {
        guard exitStatus() == nil, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        return Self.peakRSS(status: status)
    }

    /// The last lines it wrote, for an error message.
    public func logTail(_ lines: Int = 20) -> String {
        (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").suffix(lines).joined(separator: "\n") ?? ""
    }

    /// SIGTERM, then SIGKILL if it is still there after `grace`; waits for it either way. Safe
    /// to call again.
    public func stop(grace: Duration = .seconds(5)) {
        guard exitStatus() == nil else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while exitStatus() == nil && ContinuousClock.now < deadline { usleep(10_000) }
        if exitStatus() == nil {
            kill(pid, SIGKILL)
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
            status = ChildProcess.exitCode(raw)
            Self.running.remove(pid)
        }
    }

    /// Fields 14 and 15 of `/proc/PID/stat` (utime, stime), counted after the command name,
    /// which is in parentheses and may itself hold spaces and parentheses.
    static func cpuTicks(stat: String) -> Int? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (the state).
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }

    /// `VmHWM:   123456 kB` of `/proc/PID/status`, in bytes.
    static func peakRSS(status: String) -> Int? {
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let parts = line.dropFirst("VmHWM:".count).split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2, parts[1] == "kB", let kilobytes = Int(parts[0]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }

    // MARK: Every running one

    static let running = ProcessList()

    /// Stops every server still running: for a signal handler's queue, not for the thread that
    /// owns the `ServerProcess` values (they stay usable and find their child gone).
    public static func stopAll() {
        let pids = running.all()
        for pid in pids { kill(pid, SIGTERM) }
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline && pids.contains(where: { kill($0, 0) == 0 && !isZombie($0) }) { usleep(10_000) }
        for pid in pids where kill(pid, 0) == 0 { kill(pid, SIGKILL) }
    }

    private static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
    }
}

/// Process ids behind a lock.
final class ProcessList: @unchecked Sendable {
    private let lock = NSLock()
    private var pids: Set<pid_t> = []
    func insert(_ pid: pid_t) { lock.withLock { _ = pids.insert(pid) } }
    func remove(_ pid: pid_t) { lock.withLock { _ = pids.remove(pid) } }
    func all() -> [pid_t] { lock.withLock { Array(pids) } }
}
