import ArgumentParser
import ExportalBenchmarks

/// `make bench-search`, first half: writes a large generated portal and prints its index's size.
/// scripts/bench-search.py then serves it and measures queries in headless Chromium.
struct SearchCorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search-corpus", abstract: "Write a generated portal for the search benchmark.")

    @Option(help: "Generated guidance articles.") var articles = 5000
    @Option(help: "Generated control-list entries (each with 4 sub-items, on one entry page).") var entries = 1000
    @Option(help: "Generated restricted parties (one page each).") var parties = 4000
    @Option(help: "Mustache templates folder.") var templates = "Templates"
    @Option(name: .customLong("public"), help: "Static assets folder.") var publicAssets = "Public"
    @Option(help: "Output folder (replaced).") var output: String

    func run() throws {
        let started = ContinuousClock.now
        let f = try SearchBenchmark.writePortal(articles: articles, entries: entries, parties: parties, templates: templates,
                                                publicAssets: publicAssets, output: output)
        print("Generated portal: \(f.pages) pages, built in \(ContinuousClock.now - started)")
        print("Search index: \(f.indexFiles) files, \(f.shards) shards, \(f.indexBytes / 1024) KiB uncompressed, manifest \(f.manifestBytes / 1024) KiB")
        print("rare-word: \(f.rareWord) (in \(f.rareWordDocuments) articles)")
    }
}
