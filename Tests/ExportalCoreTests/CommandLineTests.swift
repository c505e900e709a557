import Foundation
import Testing

/// The `exportal` executable as a user runs it: exit codes, diagnostics on stderr, the summary line.
@Suite struct CommandLineTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let binary = FixtureSite.repository.appendingPathComponent(".build/debug/exportal")

    /// Runs exportal in `folder`. `onTerminal`: its standard error is a pseudo-terminal (util-linux
    /// `script`), whose text `stdout` then holds; exportal's own standard output is discarded.
    func exportal(_ arguments: [String], in folder: URL, environment: [String: String] = [:],
                  onTerminal: Bool = false) throws -> Run {
        let process = Process()
        process.executableURL = onTerminal ? URL(fileURLWithPath: "/usr/bin/script") : Self.binary
        let command = ([Self.binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
        process.arguments = onTerminal ? ["-q", "-e", "-c", "exec " + command.joined(separator: " ") + " >/dev/null", "/dev/null"] : arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardInput = FileHandle.nullDevice
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
