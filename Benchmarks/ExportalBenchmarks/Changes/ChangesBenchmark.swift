import ExportalCore
import ExportalDomain
import Foundation

/// `make bench-changes`: the change set between two versions of the whole 2019 OFAC SDN list, the
/// second written by `SDNVersionGenerator`, against a plain dictionary diff of the same files in
/// Python (`scripts/bench-changes-reference.py`) measured in the same run.
public enum ChangesBenchmark {
    public struct Options: Sendable {
        /// Folder with the 2019 SDN CSV files (sdn.csv, alt.csv, add.csv).
        public var sdn: String
        public var runs = 7
        public var seed: UInt64 = 2026
        public var counts = SDNVersionGenerator.Counts(added: 150, removed: 100, amended: 250)
        /// The Python interpreter and the reference script; no baseline row without them.
        public var python: String? = "python3"
        public var reference = "scripts/bench-changes-reference.py"

        public init(sdn: String) { self.sdn = sdn }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// One tool's figures, medians over the runs, in milliseconds.
    public struct Row: Sendable {
        public let tool: String
        public let read: Double
        public let diff: Double
        public let counts: SDNVersionGenerator.Counts
    }

    public struct Figures: Sendable {
        public let oldEntries: Int
        public let newEntries: Int
        public let rows: [Row]
        public let report: String
    }

    public static func run(_ options: Options) throws -> Figures {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("exportal-bench-changes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("v1"), new = folder.appendingPathComponent("v2")
        let generator = try SDNVersionGenerator(folder: options.sdn)
        try generator.write(to: old)
        try generator.nextVersion(options.counts, seed: options.seed).write(to: new)

        let clock = ContinuousClock()
        func read(_ folder: URL) throws -> [PartyRecord] {
            let files = ["sdn", "alt", "add"].reduce(into: [String: URL]()) { $0[$1] = folder.appendingPathComponent("\($1).csv") }
            let result = PartyReaders.read(.ofacSDNCSV, files: files, display: files.mapValues(\.path))
            if let error = result.diagnostics.first(where: { $0.severity == .error }) { throw Failure(description: error.description) }
            return result.records
        }
        var reads: [Double] = [], diffs: [Double] = []
        var oldRecords: [PartyRecord] = [], newRecords: [PartyRecord] = []
        var found = SDNVersionGenerator.Counts(added: 0, removed: 0, amended: 0)
        let v1 = ListVersion(version: "2019", date: "2019-01-01"), v2 = ListVersion(version: "next", date: "2019-02-01")
        for _ in 0..<max(1, options.runs) {
            reads.append(milliseconds(try clock.measure { oldRecords = try read(old); newRecords = try read(new) }))
            var changes: ChangeSet<PartyRecord>?
            diffs.append(milliseconds(clock.measure {
                changes = ChangeSet(from: v1, to: v2, old: oldRecords, new: newRecords, matching: .listID)
            }))
            if let changes { found = .init(added: changes.added.count, removed: changes.removed.count, amended: changes.amended.count) }
        }
        var rows = [Row(tool: "Exportal ChangeSet", read: median(reads), diff: median(diffs), counts: found)]
        if let python = options.python {
            rows.append(try reference(python: python, script: options.reference, old: old, new: new, runs: options.runs))
        }

        var out = ["Change set between two versions of the 2019 OFAC SDN list: \(oldRecords.count) entries, then \(newRecords.count)",
                   "(seed \(options.seed): \(options.counts.added) added, \(options.counts.removed) removed, \(options.counts.amended) amended; median of \(max(1, options.runs)) runs)",
                   "",
                   "| | read both versions | change set | added | removed | amended |",
                   "|:--|--:|--:|--:|--:|--:|"]
        for row in rows {
            out.append("| \(row.tool) | \(format(row.read)) ms | \(format(row.diff)) ms | \(row.counts.added) | \(row.counts.removed) | \(row.counts.amended) |")
        }
        out.append("")
        out.append("Change sets as generated: \(rows.allSatisfy { $0.counts == options.counts } ? "yes" : "NO") (every row's counts equal the generator's)")
        return Figures(oldEntries: oldRecords.count, newEntries: newRecords.count, rows: rows, report: out.joined(separator: "\n"))
    }

    /// The Python baseline prints one JSON object: its median read and diff times and its counts.
    static func reference(python: String, script: String, old: URL, new: URL, runs: Int) throws -> Row {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script, old.path, new.path, "--runs", String(max(1, runs))]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let read = object["read_ms"] as? Double, let diff = object["diff_ms"] as? Double,
              let added = object["added"] as? Int, let removed = object["removed"] as? Int, let amended = object["amended"] as? Int else {
            throw Failure(description: "\(script) failed (exit \(process.terminationStatus)): \(String(decoding: data, as: UTF8.self))")
        }
        return Row(tool: "Python dict diff (baseline)", read: read, diff: diff, counts: .init(added: added, removed: removed, amended: amended))
    }

    static func milliseconds(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }

    static func median(_ values: [Double]) -> Double { values.sorted()[(values.count - 1) / 2] }

    static func format(_ ms: Double) -> String { String(format: ms < 10 ? "%.2f" : "%.1f", ms) }
}
