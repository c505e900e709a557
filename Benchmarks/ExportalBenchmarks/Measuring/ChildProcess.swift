#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Foundation

/// One run of a command, measured as the kernel saw it: wall time around the child's whole life,
/// and the child's own CPU time and peak resident memory from `wait4`'s resource usage (which
/// `Foundation.Process` does not give).
///
/// Linux starts a child's peak RSS at the resident size of the process that spawned it (exec
/// keeps the old address space's high-water mark), so a child of a benchmark that holds thousands
/// of generated articles would show at least the benchmark's size. `measured(_:helper:log:)`
/// therefore spawns a small helper (`exportal-bench measure`), which runs the command and reports
/// its usage: the command's peak then starts from the helper's few megabytes.
public struct ChildProcess {
    public struct Usage: Sendable, Codable {
        public let status: Int32
        public let wall: Double
        /// User plus system time of the child, in seconds.
        public let cpu: Double
        /// Peak resident set size of the child, in bytes.
        public let peakRSS: Int
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs the command through `helper` (the `exportal-bench` executable, whose `measure`
    /// subcommand calls `reportUsage`), and returns the command's own usage.
    public static func measured(_ arguments: [String], helper: String, log: URL) throws -> Usage {
        let report = log.appendingPathExtension("usage.json")
        let helped = try run([helper, "measure", "--log", log.path, "--usage", report.path, "--"] + arguments,
                             log: log.appendingPathExtension("helper"))
        guard helped.status == 0, let data = try? Data(contentsOf: report) else {
            throw Failure(description: "the measuring helper \(helper) failed (exit \(helped.status))")
        }
        return try JSONDecoder().decode(Usage.self, from: data)
    }

    /// The helper's side of `measured`: runs the command and writes its usage as JSON to `usage`.
    public static func reportUsage(_ arguments: [String], log: URL, usage: URL) throws {
        try JSONEncoder().encode(run(arguments, log: log)).write(to: usage)
    }

    /// Runs `arguments[0]` (found on PATH unless it has a slash) with the rest as its arguments,
    /// its standard output and error into `log`, and waits for it.
    public static func run(_ arguments: [String], log: URL) throws -> Usage {
        let started = ContinuousClock.now
        let pid = try spawn(arguments, log: log)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 {
            guard errno == EINTR else { throw Failure(description: "wait4: \(String(cString: strerror(errno)))") }
        }
        let wall = ContinuousClock.now - started
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return Usage(status: exitCode(status),
                     wall: Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18,
                     cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
                     peakRSS: Int(usage.ru_maxrss) * 1024)  // kilobytes on Linux
    }

    /// Starts `arguments[0]` (found on PATH unless it has a slash) with standard input from
    /// /dev/null and standard output and error into `log`, with the default action for the
    /// signals that stop a run and no signal blocked (whatever this process and thread do with
    /// them: both would pass to the child), and returns its id.
    static func spawn(_ arguments: [String], log: URL) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw Failure(description: "cannot run \(arguments[0]): \(String(cString: strerror(spawned)))") }
        return pid
    }

    /// Exit code when the child exited; 128 + the signal when a signal ended it, as shells say.
    static func exitCode(_ status: Int32) -> Int32 {
        status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
