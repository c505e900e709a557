import ExportalCore
import ExportalDomain
import ExportalMarkdown
import Foundation

/// Measures cross-linking on a large generated corpus, against Markdown parsing of the same
/// texts in the same run. Run it with `make bench-links`.
public enum LinkingBenchmark {
    public struct Figures: Sendable {
        public let pages: Int
        public let entries: Int
        public let codes: Int
        public let terms: Int
        public let markdownBytes: Int
        public let references: Int
        /// With linking: time in cmark parsing, in the linking pass, and in writing HTML.
        public let parse: Duration
        public let link: Duration
        public let output: Duration
        /// The same texts rendered with no linker at all: the baseline.
        public let baselineParse: Duration
        public let baselineOutput: Duration
        public let baselineTotal: Duration
        public let linkedTotal: Duration
        /// Building the index of link targets (codes, terms, pages), once per build, before any page is linked.
        public let targetIndex: Duration
        /// The same texts offered run by run to a linker that changes nothing: what reading the text
        /// runs out of cmark's tree costs, before any code, term or reference is looked for.
        public let reading: Duration
        public let readingParse: Duration
        /// The linking pass as a share of cmark parsing in each linked run, in run order. The
        /// durations above are those of the run with the median share (and, for the baseline and
        /// the reading renders, of their median run).
        public let shares: [Double]

        /// The linking pass as a share of cmark parsing in the same renders.
        public var linkShare: Double { link / parse }
        /// Parsing, linking and writing HTML, in the linked renders and in the baseline's.
        public var linkedRender: Duration { parse + link + output }
        public var baselineRender: Duration { baselineParse + baselineOutput }
    }

    /// Reference density and linking cost of a real content folder, to set the generated corpus against.
    public struct Density: Sendable {
        public let markdownBytes: Int
        public let references: Int
        public let parse: Duration
        public let link: Duration

        public var perKiB: Double { Double(references) / (Double(markdownBytes) / 1024) }
        public var linkShare: Double { link / parse }
    }

    /// Loads and resolves the content folder at `path` (e.g. the bundled sample); nil when it does not resolve.
    public static func density(ofContentAt path: String) -> Density? {
        let report = DiagnosticSink()
        let content = load(URL(fileURLWithPath: path), display: path, report: report)
        let timings = MarkdownTimings()
        guard !report.hasErrors, let graph = ContentGraph.resolve(content, report: report, timings: timings) else { return nil }
        let sources = Set(PagePlan(content: content, glossary: content.glossary).pages.flatMap(\.sources).map(\.source))
        return Density(markdownBytes: sources.map(\.text.utf8.count).reduce(0, +), references: graph.references.all.count,
                       parse: timings.parse, link: timings.link)
    }

    /// Generates `pages` guidance articles and `entries` control-list entries (each with sub-items)
    /// as a content folder and loads it, renders their texts without a linker (the baseline), then
    /// resolves them with linking, `runs` times over, one kind of render after another, so that a
    /// slow spell of the machine falls on all three.
    public static func run(pages: Int, entries: Int, terms: Int = 150, runs: Int = 1) throws -> Figures {
        var corpus = Corpus(pages: pages, entries: entries, terms: terms)
        let generated = corpus.generate()
        let folder = try ScratchFolder(prefix: "exportal-bench-links")
        defer { folder.remove() }
        try generated.tree.write(to: folder.url)
        let loading = DiagnosticSink()
        let content = load(folder.url, display: "Bench", report: loading)
        precondition(!loading.hasErrors, "the generated corpus must load")
        let clock = ContinuousClock()
        let texts = generated.markdownTexts
        // The first render in a process pays for loading cmark's code and tables; neither run should.
        var none = NoLinker()
        _ = MarkdownRenderer.render(texts[0], options: MarkdownOptions(), linker: &none)

        var baselines: [(timings: MarkdownTimings, total: Duration)] = []
        var readings: [MarkdownTimings] = []
        var linked: [(timings: MarkdownTimings, total: Duration)] = []
        var references = 0
        for _ in 0..<max(1, runs) {
            let baseline = MarkdownTimings()
            let baselineTotal = clock.measure {
                for text in texts {
                    _ = MarkdownRenderer.render(text, options: MarkdownOptions(), linker: &none, timings: baseline)
                }
            }
            baselines.append((baseline, baselineTotal))

            let reading = MarkdownTimings()
            var unchanged = UnchangingLinker()
            for text in texts {
                _ = MarkdownRenderer.render(text, options: MarkdownOptions(), linker: &unchanged, timings: reading)
            }
            readings.append(reading)

            let timings = MarkdownTimings()
            let report = DiagnosticSink()
            var graph: ContentGraph?
            let linkedTotal = clock.measure { graph = ContentGraph.resolve(content, report: report, timings: timings) }
            precondition(graph != nil && !report.hasErrors, "the generated corpus must resolve")
            linked.append((timings, linkedTotal))
            references = graph?.references.all.count ?? 0
        }
        let baseline = median(baselines) { $0.total / .milliseconds(1) }
        let reading = median(readings) { $0.link / $0.parse }
        let link = median(linked) { $0.timings.link / $0.timings.parse }
        // Built inside `resolve` too; timed here on its own, since the linking pass figure leaves it out.
        let targetIndex = clock.measure { _ = LinkTargets(content) }
        let bytes = texts.map(\.utf8.count).reduce(0, +)
        return Figures(pages: pages, entries: entries, codes: generated.codes.count,
                       terms: terms, markdownBytes: bytes, references: references,
                       parse: link.timings.parse, link: link.timings.link, output: link.timings.output,
                       baselineParse: baseline.timings.parse, baselineOutput: baseline.timings.output,
                       baselineTotal: baseline.total, linkedTotal: link.total,
                       targetIndex: targetIndex, reading: reading.link, readingParse: reading.parse,
                       shares: linked.map { $0.timings.link / $0.timings.parse })
    }

    /// The content folder at `url`, loaded as a build loads it.
    static func load(_ url: URL, display: String, report: DiagnosticSink) -> ContentSet {
        ContentLoader(folder: ContentFolder(url: url, displayPath: display), report: report).load()
    }

    /// The run whose `key` is the median (the lower middle one of an even count).
    private static func median<Run>(_ runs: [Run], by key: (Run) -> Double) -> Run {
        runs.sorted { key($0) < key($1) }[(runs.count - 1) / 2]
    }
}

/// Is offered every run and link, and changes none: the floor under any linker.
private struct UnchangingLinker: MarkdownLinker {
    mutating func link(_ run: TextRun, into output: inout LinkedRun) -> Bool { false }
    mutating func destination(forLink url: String, at position: MarkdownPosition) -> String? { nil }
}

