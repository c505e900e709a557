import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The `exportal` executable as a user runs it: exit codes, diagnostics on stderr, the summary line.
@Suite struct CommandLineTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let binary = FixtureSite.repository.appendingPathComponent(".build/debug/exportal")

    /// Runs exportal in `folder`. `onTerminal`: its standard error is a pseudo-terminal, whose text
    /// `stdout` then holds; exportal's own standard output is discarded.
    func exportal(_ arguments: [String], in folder: URL, environment: [String: String] = [:],
                  onTerminal: Bool = false) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        if onTerminal {
            // A pseudo-terminal of our own, read until the last writer is gone (EIO). util-linux
            // `script` with its input at end of file sometimes exited before passing on what the
            // child wrote, and the test saw nothing.
            let terminal = try PseudoTerminal()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle(fileDescriptor: terminal.secondary, closeOnDealloc: false)
            try process.run()
            terminal.closeSecondary()
            let text = terminal.readAll()
            process.waitUntilExit()
            return Run(status: process.terminationStatus, stdout: String(decoding: text, as: UTF8.self), stderr: "")
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    func requireBinary() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path),
                     "build the executable first (swift build); `make test` does")
    }

    @Test func buildSucceedsWithSummaryLine() throws {
        try requireBinary()
        let site = try FixtureSite(SmallSite.files)
        let run = try exportal(["build"], in: site.root)
        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(run.stdout.range(of: #"^Built 16 pages \(79 files\) into Output in \d+\.\d\d s\nWrote 1 private exporter checklist \(HTML, JSON\) into Checklists\n$"#, options: .regularExpression) != nil,
                "\(run.stdout)")
    }

    @Test func contentErrorsExitOneAndKeepOutput() throws {
        try requireBinary()
        let site = try FixtureSite(SmallSite.files)
        #expect(try exportal(["build"], in: site.root).status == 0)
        let before = site.snapshot()
        try site.write("-- Content/glossary.yml --\nterms:\n  - term: X\n    definiton: typo\n")
        let run = try exportal(["build"], in: site.root)
        #expect(run.status == 1)
        #expect(run.stderr == """
            Content/glossary.yml:3:5: error: unknown field 'definiton' in a glossary term (did you mean 'definition'?)
            1 error, 0 warnings
            Build failed; Output and Checklists were left unchanged.

            """)
        #expect(site.snapshot() == before)
        #expect(try exportal(["check"], in: site.root).status == 1)
    }

    /// With standard error closed, a failed build still exits 1 (it crashed with SIGILL when
    /// Foundation's FileHandle trapped on the failed write) and a usage error still exits 2.
    @Test func aClosedStandardErrorIsNoCrash() throws {
        try requireBinary()
        let site = try FixtureSite(SmallSite.files)
        try site.write("-- Content/glossary.yml --\nterms:\n  - term: X\n    definiton: typo\n")
        func status(_ arguments: String) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "exec \"$0\" \(arguments) 2>&-", Self.binary.path]
            process.currentDirectoryURL = site.root
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        #expect(try status("build") == 1)
        #expect(try status("build --paper nope --no-such-flag") == 2)
    }

    @Test func usageErrorsExitTwo() throws {
        try requireBinary()
        let site = try FixtureSite(SmallSite.files)
        #expect(try exportal(["publish"], in: site.root).status == 2)
        #expect(try exportal(["build", "--no-such-flag"], in: site.root).status == 2)
        let help = try exportal(["--help"], in: site.root)
        #expect(help.status == 0)
        #expect(help.stdout.contains("build"))
    }

    @Test func checkWritesNothing() throws {
        try requireBinary()
        let site = try FixtureSite(SmallSite.files)
        let run = try exportal(["check"], in: site.root)
        #expect(run.status == 0)
        #expect(!site.exists("Output"))
        #expect(run.stdout.hasPrefix("Checked Content: no errors"))
    }

    @Test func determineExitsZeroForAnyDeterminationAndOneForInputErrors() throws {
        try requireBinary()
        let site = try FixtureSite(SmallSite.files)
        let run = try exportal(["determine", "--item", "5A002", "--destination", "CN"], in: site.root)
        #expect(run.status == 0 && run.stderr == "")
        #expect(run.stdout == """
            Licence required: 5A002 to CN (physical export)
              rule:     t.listed
              citation: Art. 3
              why:      Listed items need a licence.

            """)
        let open = try exportal(["determine", "--item", "unclassified", "--destination", "CN", "--format", "json"], in: site.root)
        #expect(open.status == 0 && open.stdout.contains(#""outcome" : "indeterminate""#))
        let unknown = try exportal(["determine", "--item", "5A009", "--destination", "CN"], in: site.root)
        #expect(unknown.status == 1 && unknown.stdout == "")
        #expect(unknown.stderr.hasPrefix("--item:1:1: error: unknown control code '5A009' in the lists of ruleset 'eu' — did you mean 5A002?"))
        #expect(try exportal(["determine", "--item", "5A002"], in: site.root).status == 2)
        #expect(try exportal(["determine", "--item", "5A002", "--destination", "CN", "--format", "xml"], in: site.root).status == 2)
    }
}

/// A pseudo-terminal pair: a child writes to `secondary`, the test reads `primary`.
final class PseudoTerminal {
    let primary: Int32
    private(set) var secondary: Int32

    init() throws {
        var primary: Int32 = -1, secondary: Int32 = -1
        guard openpty(&primary, &secondary, nil, nil, nil) == 0 else { throw CocoaError(.fileReadUnknown) }
        self.primary = primary
        self.secondary = secondary
    }

    /// The parent's copy, once the child has its own: reads then end when the child's ends.
    func closeSecondary() {
        if secondary >= 0 { close(secondary) }
        secondary = -1
    }

    /// Everything written until no one holds the secondary side open (Linux then answers EIO).
    func readAll() -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(primary, &buffer, buffer.count)
            if count > 0 {
                data.append(contentsOf: buffer[..<count])
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return data
            }
        }
    }

    deinit {
        closeSecondary()
        close(primary)
    }
}
