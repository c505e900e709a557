import Foundation
import Testing

/// Fault injection at every step of publishing, against the real `exportal` executable under
/// strace: a build of SmallSite over a previous portal and checklists of other content is stopped
/// (SIGKILL) or failed (EIO, ENOSPC, EACCES) at each call of every file-system step the publish
/// makes: the lock, folder creation, links, writes, flushes, renames, exchanges and deletions
/// (every call where a step is made a few times; the first, the middle and the last few where it
/// is made for every file). After each one:
///
/// - `Output/` and `Checklists/` both exist (the names never hold nothing);
/// - after a kill, the next command (here a build that stops at its options) leaves both folders
///   wholly from the previous build or wholly from the killed one, and no hidden leftovers;
/// - after an error, the failed build itself does, and says so by its exit code;
/// - then a build succeeds, publishes the new content and leaves nothing beside the folders.
///
/// Needs strace (`make test-deps` installs it) and the debug executable (`swift build`); fails,
/// not skips, without them. EXPORTAL_CAMPAIGN_BINARY runs the campaign against another build of
/// exportal, to count what an older writer damaged.
@Suite(.serialized) struct PublishFaultInjectionTests {
    /// A kill, or an error returned by the call instead of making it.
    enum Fault: CustomStringConvertible {
        case kill
        case error(String)

        var description: String {
            switch self {
            case .kill: "SIGKILL"
            case .error(let code): code
            }
        }

        var injection: String {
            switch self {
            case .kill: "signal=KILL"
            case .error(let code): "error=\(code)"
            }
        }
    }

    struct Point: CustomStringConvertible {
        let syscall: String
        let occurrence: Int
        let call: String
        let fault: Fault
        var description: String { "\(fault) at \(syscall) #\(occurrence): \(call)" }
    }

    struct Run {
        let status: Int32
        let killed: Bool
        let log: String
    }

    /// The publish's own steps. Each is made by the thread that publishes, except `write`, which
    /// libdispatch's worker threads also call once or twice (strace counts calls per thread, so
    /// injections into writes start at the third).
    static let syscalls = ["flock", "mkdir", "mkdirat", "link", "linkat", "write", "syncfs", "fsync", "fdatasync",
                           "rename", "renameat", "renameat2", "unlink", "unlinkat", "rmdir"]
    static let errors = ["EIO", "ENOSPC", "EACCES"]

    let binary = ProcessInfo.processInfo.environment["EXPORTAL_CAMPAIGN_BINARY"].map { URL(fileURLWithPath: $0) }
        ?? FixtureSite.repository.appendingPathComponent(".build/debug/exportal")

    @Test func everyStepOfPublishingLeavesOneWholeBuild() throws {
        let strace = try #require(Self.findStrace(), "strace is needed for the publish fault-injection campaign: run `make test-deps` (apt-get install strace)")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the executable first (swift build); `make test` does")
        // Two sites side by side, one per core: the outputs do not depend on where the site is.
        let sites = try (0..<2).map { _ in try FixtureSite(SmallSite.files) }
        let pristine = sites[0].root.appendingPathComponent("../\(sites[0].root.lastPathComponent)-previous").standardizedFileURL
        defer { for url in sites.map(\.root) + [pristine] { try? FileManager.default.removeItem(at: url) } }

        let site = sites[0]
        #expect(try run(["build"], in: site).status == 0)
        try FileManager.default.createDirectory(at: pristine, withIntermediateDirectories: true)
        for folder in ["Output", "Checklists"] {
            try FileManager.default.copyItem(at: site.root.appendingPathComponent(folder), to: pristine.appendingPathComponent(folder))
        }
        let old = Pair(site)
        for site in sites { try PublishSafetyTests.changed(site) }
        try reset(site, from: pristine)
        #expect(try run(["build"], in: site).status == 0)
        let new = Pair(site)
        try #require(old.output != new.output && old.checklists != new.checklists, "the two versions must differ in both folders")

        let points = try count(site, pristine: pristine, strace: strace)
        try #require(points.count >= 40, "too few injection points: \(points)")
        let damaged = Findings()
        DispatchQueue.concurrentPerform(iterations: sites.count) { worker in
            for point in stride(from: worker, to: points.count, by: sites.count).map({ points[$0] }) {
                do {
                    let problems = try inject(point, into: sites[worker], pristine: pristine, strace: strace, old: old, new: new)
                    if !problems.isEmpty { damaged.add("\(point): \(problems.joined(separator: "; "))") }
                } catch {
                    damaged.add("\(point): \(error)")
                }
            }
        }
        let kills = points.filter { if case .kill = $0.fault { true } else { false } }.count
        print("Publish fault injection: \(points.count) points (\(kills) kills, \(points.count - kills) errors), \(damaged.all.count) left damaged, mixed or stray outputs")
        #expect(damaged.all.isEmpty, "\(damaged.all.count) of \(points.count) injections:\n\(damaged.all.sorted().joined(separator: "\n"))")
    }

    /// One injection, the next command, and the next build; what went wrong, if anything.
    func inject(_ point: Point, into site: FixtureSite, pristine: URL, strace: String, old: Pair, new: Pair) throws -> [String] {
        try reset(site, from: pristine)
        let injected = try run(["build"], in: site, strace: strace,
                               options: ["-e", "trace=execve,\(point.syscall)", "-e", "inject=\(point.syscall):\(point.fault.injection):when=\(point.occurrence)"])
        var problems = verifyInjected(injected, point: point) + verifyNamesPresent(site)
        switch point.fault {
        case .kill:
            if !injected.killed { problems.append("the build was not killed") }
            // The next command, whatever it does, first finishes or clears what the kill left.
            _ = try run(["build", "--content", "Missing"], in: site)
        case .error:
            let state = Pair(site)
            if state == old && injected.status == 0 { problems.append("exit 0, but the outputs are the previous ones") }
            if state == new && injected.status != 0 { problems.append("exit \(injected.status), but the outputs are the new ones") }
        }
        problems += verifyWhole(site, old: old, new: new)
        // After an error, what could not be cleaned up is the next build's to remove.
        if case .kill = point.fault { problems += verifyNoLeftovers(site) }
        let next = try run(["build"], in: site)
        if next.status != 0 { problems.append("the next build failed (exit \(next.status))") }
        if Pair(site) != new { problems.append("the next build did not publish the new content") }
        return problems + verifyNoLeftovers(site).map { "after the next build: \($0)" }
    }

    final class Findings: @unchecked Sendable {
        private let lock = NSLock()
        private var found: [String] = []
        func add(_ finding: String) { lock.withLock { found.append(finding) } }
        var all: [String] { lock.withLock { found } }
    }

    // MARK: Steps

    /// Both folders as bytes.
    struct Pair: Equatable {
        let output: [String: Data]
        let checklists: [String: Data]

        init(_ site: FixtureSite) {
            output = site.snapshot("Output")
            checklists = site.snapshot("Checklists")
        }
    }

    /// The fixture as it was after the previous build: its Output/ and Checklists/, nothing else beside them.
    func reset(_ site: FixtureSite, from pristine: URL) throws {
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: site.root.path) where !["Content", "Templates", "Public"].contains(name) {
            try manager.removeItem(at: site.root.appendingPathComponent(name))
        }
        for folder in ["Output", "Checklists"] {
            try manager.copyItem(at: pristine.appendingPathComponent(folder), to: site.root.appendingPathComponent(folder))
        }
    }

    /// One plain traced build lists the publishing thread's calls of each step; the points are
    /// all of a step's calls when it makes a few, else the first two, the middle one and the last.
    func count(_ site: FixtureSite, pristine: URL, strace: String) throws -> [Point] {
        try reset(site, from: pristine)
        let traced = try run(["build"], in: site, strace: strace,
                             options: ["-e", "trace=execve," + Self.syscalls.map { "?" + $0 }.joined(separator: ",")])
        #expect(traced.status == 0)
        let lines = traced.log.split(separator: "\n").map(String.init)
        guard let main = Self.mainThread(lines) else { return [] }
        var calls: [String: [String]] = [:]
        for line in lines where line.hasPrefix(main + " ") {
            // strace pads the thread id to a column: "2816  flock(3, ...".
            let call = line.dropFirst(main.count).drop { $0 == " " }
            guard let name = call.split(separator: "(").first.map(String.init), Self.syscalls.contains(name) else { continue }
            calls[name, default: []].append(String(call.prefix(160)))
        }
        var points: [Point] = []
        var errorIndex = 0
        for name in Self.syscalls {
            guard let list = calls[name] else { continue }
            let first = name == "write" ? 3 : 1
            guard list.count >= first else { continue }
            let all = Array(first...list.count)
            let chosen = all.count <= 4 ? all : [first, first + 1, (first + list.count) / 2, list.count]
            for occurrence in chosen {
                points.append(Point(syscall: name, occurrence: occurrence, call: list[occurrence - 1], fault: .kill))
                points.append(Point(syscall: name, occurrence: occurrence, call: list[occurrence - 1],
                                    fault: .error(Self.errors[errorIndex % Self.errors.count])))
                errorIndex += 1
            }
        }
        return points
    }

    /// The thread that runs the build, and so publishes: the one that started the program.
    static func mainThread<Line: StringProtocol>(_ lines: [Line]) -> String? {
        guard let line = lines.first(where: { $0.contains(" execve(") }) else { return nil }
        return String(line.prefix { $0 != " " })
    }

    /// The injection hit the publishing thread once, at the call counted.
    func verifyInjected(_ run: Run, point: Point) -> [String] {
        let lines = run.log.split(separator: "\n")
        guard let main = Self.mainThread(lines) else { return ["no trace"] }
        let marker: String
        switch point.fault {
        case .kill: marker = " = ?"
        case .error: marker = "(INJECTED)"
        }
        // A call that another thread's output interrupts is split into "<unfinished ...>" and "<... NAME resumed>".
        let hits = lines.filter { $0.contains(marker) && ($0.contains(" \(point.syscall)(") || $0.contains("<... \(point.syscall) resumed>")) }
        guard hits.count == 1, let hit = hits.first, hit.hasPrefix(main + " ") else {
            return ["the injection did not hit the publishing thread once: \(hits)"]
        }
        return []
    }

    func verifyNamesPresent(_ site: FixtureSite) -> [String] {
        ["Output", "Checklists"].compactMap { folder in
            var isFolder: ObjCBool = false
            let there = FileManager.default.fileExists(atPath: site.root.appendingPathComponent(folder).path, isDirectory: &isFolder)
            return there && isFolder.boolValue ? nil : "\(folder)/ missing right after the fault"
        }
    }

    func verifyWhole(_ site: FixtureSite, old: Pair, new: Pair) -> [String] {
        let state = Pair(site)
        if state == old || state == new { return [] }
        func name(_ folder: [String: Data], _ old: [String: Data], _ new: [String: Data]) -> String {
            folder == old ? "previous" : folder == new ? "new" : "damaged"
        }
        return ["Output/ \(name(state.output, old.output, new.output)), Checklists/ \(name(state.checklists, old.checklists, new.checklists))"]
    }

    func verifyNoLeftovers(_ site: FixtureSite) -> [String] {
        let hidden = ((try? FileManager.default.contentsOfDirectory(atPath: site.root.path)) ?? []).filter { $0.hasPrefix(".") }.sorted()
        return hidden.isEmpty ? [] : ["left beside the outputs: \(hidden.joined(separator: ", "))"]
    }

    // MARK: Processes

    func run(_ arguments: [String], in site: FixtureSite, strace: String? = nil, options: [String] = []) throws -> Run {
        let process = Process()
        let log = site.root.deletingLastPathComponent().appendingPathComponent("\(site.root.lastPathComponent).strace")
        defer { try? FileManager.default.removeItem(at: log) }
        if let strace {
            process.executableURL = URL(fileURLWithPath: strace)
            process.arguments = ["-f", "-qq", "-o", log.path] + options + [binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = site.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        // A crash must fail its point, not hang it: Swift's backtracer attaches to the crashed
        // process, which strace already traces, and waited there for ten minutes.
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
        try process.run()
        process.waitUntilExit()
        let text = strace == nil ? "" : (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return Run(status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
                   log: text)
    }

    static func findStrace() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":") + ["/usr/bin", "/usr/sbin"]).map { "\($0)/strace" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
