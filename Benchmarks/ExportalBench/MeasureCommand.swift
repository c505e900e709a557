import ArgumentParser
import ExportalBenchmarks
import Foundation

/// Runs one command and writes its resource usage, for `make bench-build`: a process of its own,
/// so that the command's peak RSS does not start from the benchmark's (see `ChildProcess`).
struct MeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure", abstract: "Run a command; write its wall and CPU time and peak RSS as JSON.", shouldDisplay: false)

    @Option(help: "File for the command's standard output and error.") var log: String
    @Option(help: "File for the usage, as JSON.") var usage: String
    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments, after --.") var command: [String]

    func validate() throws {
        guard !command.filter({ $0 != "--" }).isEmpty else { throw ValidationError("give the command to run after --") }
    }

    func run() throws {
        let arguments = command.first == "--" ? Array(command.dropFirst()) : command
        try ChildProcess.reportUsage(arguments, log: URL(fileURLWithPath: log), usage: URL(fileURLWithPath: usage))
    }
}
