import ArgumentParser
import ExportalCore
import Foundation

struct Exportal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exportal",
        abstract: "Build a static export-control compliance portal from Markdown, control lists and training modules.",
        subcommands: [Build.self, Check.self, Serve.self, Init.self, Determine.self, Screen.self, Changes.self]
    )

    /// ArgumentParser exits 64 on usage errors; Exportal promises 2 (0 ok, 1 content errors, 2 usage).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            writeToStandardError(fullMessage(for: error) + "\n")
            Foundation.exit(2)
        }
    }
}

struct SourceOptions: ParsableArguments {
    @Option(help: "Content folder.") var content = "Content"
    @Option(help: "Mustache templates folder.") var templates = "Templates"
}

extension Exportal {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate the content and write the portal.")

        @OptionGroup var sources: SourceOptions
        @Option(name: .customLong("public"), help: "Static assets folder.") var publicAssets = "Public"
        @Option(help: "Output folder; replaced only when the build succeeds.") var output = "Output"
        @Option(name: .customLong("base-url"), help: "Absolute URL the portal is served from (overrides site.yml).")
        var baseURL: String?
        @Option(name: .customLong("build-date"), help: "Date (YYYY-MM-DD) to print on pages; none by default, for reproducible output.")
        var buildDate: String?
        @Option(help: "Private folder for exporter checklists (kept outside the portal).") var checklists = "Checklists"
        @Option(help: "Checklist paper size: a4 or letter.") var paper = "a4"
        @Flag(help: "Also print each checklist to checklist.pdf with headless Chromium.") var pdf = false
        @Option(help: "Chromium executable for --pdf (default: found on PATH).") var chromium: String?
        @Flag(help: "Show no progress line, even on a terminal.") var quiet = false
        @Flag(help: "Re-render only the pages whose content, templates or settings changed since the last --incremental build; the output is byte for byte a clean build's.")
        var incremental = false
        @Option(help: "Where --incremental keeps what it needs between builds (outside every source and output folder).")
        var cache = ".exportal-cache"

        func run() throws {
            let started = Date()
            var options = BuildOptions(content: sources.content, templates: sources.templates, publicAssets: publicAssets,
                                       output: output, baseURL: baseURL, buildDate: buildDate, checklists: checklists)
            if incremental { options.setCache(cache) }
            options.paper = paper
            options.pdf = pdf
            options.chromium = chromium
            options.progress = quiet ? nil : terminalProgress()
            options.progress?.start()
            let result = BuildPipeline(options: options).build()
            options.progress?.finish()
            report(result)
            guard result.succeeded else {
                writeToStandardError("Build failed; \(output) and \(checklists) were left unchanged.\n")
                throw ExitCode(1)
            }
            let seconds = Date().timeIntervalSince(started)
            let rendered = incremental ? ", \(result.counts.rendered) of them rendered and \(result.counts.reused) unchanged" : ""
            print("Built \(result.pagesWritten) pages (\(result.filesWritten) files\(rendered)) into \(output) in \(String(format: "%.2f", seconds)) s")
            if result.checklistsWritten > 0 {
                print("Wrote \(result.checklistsWritten) private exporter checklist\(result.checklistsWritten == 1 ? "" : "s")\(pdf ? " (HTML, JSON, PDF)" : " (HTML, JSON)") into \(checklists)")
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate the content and templates; write nothing.")

        @OptionGroup var sources: SourceOptions
        @Option(name: .customLong("public"), help: "Static assets folder (checked against the templates' asset references).")
        var publicAssets = "Public"

        func run() throws {
            let started = Date()
            let options = BuildOptions(content: sources.content, templates: sources.templates, publicAssets: publicAssets)
            let result = BuildPipeline(options: options).check()
            report(result)
            guard result.succeeded else { throw ExitCode(1) }
            let seconds = Date().timeIntervalSince(started)
            print("Checked \(sources.content): no errors in \(String(format: "%.2f", seconds)) s")
        }
    }
}

/// A progress line on standard error when it is a terminal, after a second of building (sooner
/// when EXPORTAL_PROGRESS_DELAY gives the seconds: the tests' pseudo-terminal uses 0).
func terminalProgress() -> BuildProgress? {
    guard isatty(2) != 0 else { return nil }
    let delay = ProcessInfo.processInfo.environment["EXPORTAL_PROGRESS_DELAY"].flatMap(TimeInterval.init) ?? 1
    return BuildProgress(delay: delay) { writeToStandardError($0) }
}

extension Exportal {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new, commented starter portal into an empty or new folder, ready for `exportal build`.")

        @Argument(help: "The folder to create; it must not exist or be empty.") var folder: String
        @Option(help: "Templates to copy into the new portal.") var templates = "Templates"
        @Option(name: .customLong("public"), help: "Static assets to copy into the new portal.") var publicAssets = "Public"

        func run() throws {
            let errors = PortalStarter(folder: folder, templates: templates, publicAssets: publicAssets).run()
            report(errors)
            guard errors.isEmpty else { throw ExitCode(1) }
            print("Wrote a starter portal into \(folder). Build it with: cd \(folder) && exportal build")
        }
    }
}

/// Diagnostics go to standard error, one per line, followed by their count.
func report(_ result: BuildResult) { report(result.diagnostics) }

/// Diagnostics for the person at the terminal. A standard error that cannot be written (closed,
/// a full disk, a gone pipe) must not turn a failed build into a crash: the exit code still says
/// what happened. `FileHandle.write(_:)` traps on such an error; the throwing form does not.
func writeToStandardError(_ text: String) {
    try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
}

/// A command's diagnostics, then its output, or exit code 1 when its input was wrong.
func emit(_ result: DetermineResult) throws {
    report(result.diagnostics)
    guard let output = result.output else { throw ExitCode(1) }
    print(output, terminator: "")
}

func report(_ diagnostics: [ExportalDiagnostic]) {
    guard !diagnostics.isEmpty else { return }
    var lines = DiagnosticListing.lines(diagnostics)
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.filter { $0.severity == .warning }.count
    let notes = diagnostics.count - errors - warnings
    lines.append("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
                 + (notes == 0 ? "" : ", and \(notes) follow-on note\(notes == 1 ? "" : "s") that may go away with them"))
    writeToStandardError(lines.joined(separator: "\n") + "\n")
}

extension Exportal {
    struct Determine: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide whether an item needs a licence for a destination, and say which rule decides.")

        @Option(help: "Content folder with rules/ and controls/.") var content = "Content"
        @Option(help: "A control code, 'not-listed' or 'unclassified'.") var item: String
        @Option(help: "Destination: an ISO 3166-1 alpha-2 country code.") var destination: String
        @Option(help: "physical-export, electronic-transfer, intra-union, temporary-exhibition or brokering.")
        var transfer = "physical-export"
        @Option(help: "Ruleset id (rules/<id>.yml); default: the site's jurisdiction.") var jurisdiction: String?
        @Option(name: .customLong("answer"), help: "A catch-all answer, QUESTION=yes|no; repeat for each.") var answers: [String] = []
        @Option(help: "text or json.") var format = "text"

        func validate() throws {
            guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json") }
        }

        func run() throws {
            let result = Determiner.run(DetermineRequest(content: content, item: item, destination: destination, transfer: transfer,
                                                         jurisdiction: jurisdiction, answers: answers, json: format == "json"))
            try emit(result)
        }
    }
}

extension Exportal {
    struct Screen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Screen names against the restricted-party lists, with the reasons for each potential match.")

        @Option(help: "Content folder with parties/.") var content = "Content"
        @Option(name: .customLong("list"), help: "A party list id to screen against; repeat for several (default: all).") var lists: [String] = []
        @Option(name: .customLong("name"), help: "A name to screen; repeat for several.") var names: [String] = []
        @Option(name: .customLong("names"), help: "A CSV file of names (column 1; optional column 2: country).") var namesFile: String?
        @Option(help: "The party's country (ISO 3166-1 alpha-2), which raises or lowers scores.") var country: String?
        @Option(help: "Report matches scoring at least this (0 to 1).") var threshold = ScreeningIndexDefaults.threshold
        @Option(help: "text, json or csv.") var format = "text"
        @Option(help: "A version of the one --list: report only matches against entries added or amended since then.")
        var since: String?

        func validate() throws {
            guard ["text", "json", "csv"].contains(format) else { throw ValidationError("--format must be text, json or csv") }
        }

        func run() throws {
            let result = Screener.run(ScreenRequest(content: content, lists: lists, names: names, namesFile: namesFile,
                                                    country: country, threshold: threshold, format: format, since: since))
            try emit(result)
        }
    }
}

extension Exportal {
    struct Changes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print what changed in a list between two of its versions: entries added, removed and amended.")

        @Option(help: "Content folder with parties/ and controls/.") var content = "Content"
        @Option(help: "A party list or control list id (parties/ID or controls/ID when both kinds have it).") var list: String
        @Option(help: "The older version (default: the one before --to).") var from: String?
        @Option(help: "The newer version (default: the current one).") var to: String?
        @Option(help: "text, json or csv.") var format = "text"

        func validate() throws {
            guard ["text", "json", "csv"].contains(format) else { throw ValidationError("--format must be text, json or csv") }
        }

        func run() throws {
            let result = ChangeLister.run(ChangesRequest(content: content, list: list, from: from, to: to, format: format))
            try emit(result)
        }
    }
}
