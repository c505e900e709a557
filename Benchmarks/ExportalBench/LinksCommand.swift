import ArgumentParser
import ExportalBenchmarks
import Foundation

/// `make bench-links`: linking cost on a generated corpus, next to Markdown parsing of the same texts.
struct LinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links", abstract: "Benchmark cross-linking on a generated corpus.")

    @Option(help: "Generated guidance pages.") var pages = 5000
    @Option(help: "Generated control-list entries (each with 4 sub-items).") var entries = 2000
    @Option(help: "A real content folder whose reference density is printed beside the corpus's.") var sample = "Content"
    @Option(help: "Times to render the corpus each way; the figures are those of the median run.") var runs = 1

    func run() throws {
        let f = try LinkingBenchmark.run(pages: pages, entries: entries, runs: runs)
        func ms(_ d: Duration) -> String { String(format: "%8.1f ms", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15) }
        func share(_ d: Duration, of base: Duration) -> String { String(format: "%5.1f %%", 100 * (d / base)) }
        let density = Double(f.references) / (Double(f.markdownBytes) / 1024)
        print("Corpus: \(f.pages) pages, \(f.entries) entries (\(f.codes) codes), \(f.terms) glossary terms, \(f.markdownBytes / 1024) KiB of Markdown, \(f.references) references linked (\(String(format: "%.1f", density)) per KiB)")
        print("Timed from outside: cmark parse alone, renders with no linker, and resolve in CPU time of all its threads.")
        print("No linker:            cmark parse \(ms(f.parse))                            HTML output and tree \(ms(f.output))")
        print("Linking:              resolve \(ms(f.linkedTotal)) CPU, of which the linking pass (beyond unlinked renders and the target index) \(ms(f.link))")
        print("Linking cost:         \(share(f.link, of: f.parse)) of cmark parse; target index, built once: \(ms(f.targetIndex))")
        if f.shares.count > 1 {
            let sorted = f.shares.sorted()
            print("Over \(f.shares.count) runs:         linking \(String(format: "%.1f", 100 * sorted[0])) % of parse at least, \(String(format: "%.1f", 100 * sorted[(sorted.count - 1) / 2])) % median, \(String(format: "%.1f", 100 * sorted[sorted.count - 1])) % at most; the figures above are the median run's")
        }
        print("Reading the runs:     \(ms(f.reading)) with a linker that changes nothing (\(share(f.reading, of: f.readingParse)) of cmark parse in those renders): the part of the linking pass that any linker pays")
        print("Parse, link and HTML: \(ms(f.linkedRender)) with linking, \(ms(f.baselineRender)) without (\(share(f.linkedRender - f.baselineRender, of: f.baselineRender)) more)")
        // The sample is small, so its first pass also pays for loading code and memory: it is
        // measured as often as the corpus, and the median run is shown.
        let densities = FileManager.default.fileExists(atPath: sample)
            ? (0..<max(1, runs)).compactMap { _ in LinkingBenchmark.density(ofContentAt: sample) }.sorted { $0.linkShare < $1.linkShare }
            : []
        if !densities.isEmpty {
            let d = densities[(densities.count - 1) / 2]
            print("Sample content (\(sample)): \(d.markdownBytes / 1024) KiB of Markdown, \(d.references) references (\(String(format: "%.1f", d.perKiB)) per KiB), linking \(share(d.link, of: d.parse)) of cmark parse")
        }
    }
}
