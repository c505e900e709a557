import ArgumentParser
import ExportalBenchmarks
import Foundation

/// `make bench-serve`: `exportal serve` against `hugo server` on the same generated articles, from
/// a saved file to the served page that shows it.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Time from a saved edit to the served page showing it, exportal serve against hugo server.")

    @Option(help: "Generated articles.") var pages = 10_000
    @Option(help: "Article edits per tool, alternating; median, least and most are shown.") var edits = 20
    @Option(help: "Edits of a glossary definition shown on every page (Exportal only), spread over the article edits; at most --edits.")
    var glossaryEdits = 5
    @OptionGroup var tools: ComparedTools
    @Option(help: "Port for exportal serve (loopback).") var exportalPort: UInt16 = 18_313
    @Option(help: "Port for hugo server (loopback).") var hugoPort: UInt16 = 18_314
    @Option(help: "Seconds to wait for one page, the first one or an edit's, before giving up.") var timeout = 300

    func validate() throws {
        guard pages > 0, edits > 0, glossaryEdits >= 0, timeout > 0 else {
            throw ValidationError("--pages, --edits and --timeout must be positive, --glossary-edits not negative")
        }
        guard exportalPort != hugoPort else { throw ValidationError("--exportal-port and --hugo-port must differ") }
    }

    func run() throws {
        var options = ServeBenchmark.Options(exportal: tools.exportal, sample: tools.content, templates: tools.templates,
                                             publicAssets: tools.publicAssets)
        options.pages = pages
        options.edits = edits
        options.glossaryEdits = glossaryEdits
        options.hugo = tools.hugo
        options.exportalPort = exportalPort
        options.hugoPort = hugoPort
        options.timeout = .seconds(timeout)
        // Straight to the file descriptor: each edit's line shows as soon as it is measured.
        func show(_ lines: [String]) { FileHandle.standardOutput.write(Data(lines.map { $0 + "\n" }.joined().utf8)) }
        show(["exportal serve (\(tools.exportal)) against hugo server --disableFastRender (\(tools.hugo)) on \(BuildTable.grouped(pages)) "
              + "generated articles: \(edits) article edits each, alternating, and \(min(glossaryEdits, edits)) glossary-definition "
              + "edits (Exportal); latency from the save to the first HTTP answer holding the edit, polled every 5 ms."])
        let rows = try ServeBenchmark.run(options) { show([$0]) }
        show([""] + ServeTable.header + ServeTable.lines(rows))
    }
}
