import ArgumentParser
import ExportalBenchmarks
import Foundation

/// `make bench-build`: Exportal against Hugo on the same generated articles.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Build the same generated articles with Exportal and with Hugo, and compare.")

    @Option(parsing: .upToNextOption, help: "Numbers of generated articles, one build pair each.") var pages = [1_000, 10_000, 50_000]
    @Option(help: "Builds per tool and page count, alternating; medians are shown.") var runs = 3
    @OptionGroup var tools: ComparedTools

    func validate() throws {
        guard !pages.isEmpty, pages.allSatisfy({ $0 > 0 }), runs > 0 else { throw ValidationError("--pages and --runs must be positive") }
    }

    func run() throws {
        var options = BuildBenchmark.Options(exportal: tools.exportal, sample: tools.content, templates: tools.templates,
                                             publicAssets: tools.publicAssets)
        options.pages = pages
        options.runs = runs
        options.hugo = tools.hugo
        // Straight to the file descriptor: each page count's rows show as soon as they are measured.
        func show(_ lines: [String]) { FileHandle.standardOutput.write(Data(lines.map { $0 + "\n" }.joined().utf8)) }
        show(["Exportal (\(tools.exportal)) against Hugo (\(tools.hugo)): \(pages.map(BuildTable.grouped).joined(separator: ", ")) generated "
              + "articles, \(runs) builds each, alternating; medians. CPU is user + system time of the build process; "
              + "peak RSS its ru_maxrss.", ""] + BuildTable.header)
        _ = try BuildBenchmark.run(options) { rows in show(BuildTable.lines(rows)) }
    }
}
