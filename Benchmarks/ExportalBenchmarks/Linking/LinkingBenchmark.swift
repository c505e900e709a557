import CCmarkGFM
import ExportalCore
import ExportalDomain
import ExportalMarkdown
import Foundation

/// Measures cross-linking on a large generated corpus, against Markdown parsing of the same
/// texts in the same run. Run it with `make bench-links`.
///
/// Everything is timed from outside the library, which has no timing hooks: cmark-gfm's parse on
/// its own (`parseOnly`), renders with no linker and with a linker that changes nothing, and a
/// whole `ContentGraph.resolve` in CPU time, since resolve links on every core. The linking pass
/// is what resolve costs beyond rendering the same texts with no linker.
public enum LinkingBenchmark {
    public struct Figures: Sendable {
        public let pages: Int
        public let entries: Int
        public let codes: Int
        public let terms: Int
        public let markdownBytes: Int
        public let references: Int
        /// With linking: time in cmark parsing (parsed alone), in the linking pass (resolve's CPU time
        /// less the unlinked renders' and the target index's), and in writing HTML (the unlinked
        /// renders less parsing).
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
        guard !report.hasErrors else { return nil }
        let sources = PagePlan(content: content, glossary: content.glossary).pages.flatMap(\.sources).map(\.source)
        let texts = Dictionary(sources.map { ($0.place, $0.text) }) { first, _ in first }.values.map { $0 }
        let clock = ContinuousClock()
        let parse = clock.measure { parseOnly(texts) }
        var none = NoLinker()
        let unlinked = clock.measure { for text in texts { _ = MarkdownRenderer.render(text, options: MarkdownOptions(), linker: &none) } }
        var graph: ContentGraph?
        let resolve = cpuTime { graph = ContentGraph.resolve(content, report: report) }
        guard let graph else { return nil }
        let targetIndex = clock.measure { _ = LinkTargets(content) }
        return Density(markdownBytes: texts.map(\.utf8.count).reduce(0, +), references: graph.references.all.count,
                       parse: parse, link: max(.zero, resolve - unlinked - targetIndex))
    }

    /// Generates `pages` guidance articles and `entries` control-list entries (each with sub-items)
    /// as a content folder and loads it, parses their texts, renders them without a linker (the
    /// baseline) and with one that changes nothing, then resolves them with linking, `runs` times
    /// over, one after another, so that a slow spell of the machine falls on all of them.
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

        let targetIndex = clock.measure { _ = LinkTargets(content) }
        var runsMeasured: [Run] = []
        var references = 0
        for _ in 0..<max(1, runs) {
            let parse = clock.measure { parseOnly(texts) }
            let baseline = clock.measure {
                for text in texts { _ = MarkdownRenderer.render(text, options: MarkdownOptions(), linker: &none) }
            }
            var unchanged = UnchangingLinker()
            let reading = clock.measure {
                for text in texts { _ = MarkdownRenderer.render(text, options: MarkdownOptions(), linker: &unchanged) }
            }
            let report = DiagnosticSink()
            var graph: ContentGraph?
            let resolve = cpuTime { graph = ContentGraph.resolve(content, report: report) }
            precondition(graph != nil && !report.hasErrors, "the generated corpus must resolve")
            references = graph?.references.all.count ?? 0
            runsMeasured.append(Run(parse: parse, baseline: baseline, reading: reading, resolve: resolve, targetIndex: targetIndex))
        }
        let median = median(runsMeasured) { $0.linkShare }
        let bytes = texts.map(\.utf8.count).reduce(0, +)
        return Figures(pages: pages, entries: entries, codes: generated.codes.count,
                       terms: terms, markdownBytes: bytes, references: references,
                       parse: median.parse, link: median.link, output: median.output,
                       baselineParse: median.parse, baselineOutput: median.output,
                       baselineTotal: median.baseline, linkedTotal: median.resolve,
                       targetIndex: targetIndex, reading: median.readingPass, readingParse: median.parse,
                       shares: runsMeasured.map(\.linkShare))
    }

    /// One run's timings of the same texts.
    private struct Run {
        let parse: Duration
        /// Rendered with no linker, and with one that changes nothing.
        let baseline: Duration
        let reading: Duration
        /// `ContentGraph.resolve`, in CPU time of every thread.
        let resolve: Duration
        let targetIndex: Duration

        var output: Duration { max(.zero, baseline - parse) }
        var link: Duration { max(.zero, resolve - baseline - targetIndex) }
        var readingPass: Duration { max(.zero, reading - baseline) }
        var linkShare: Double { link / parse }
    }

    /// cmark-gfm's parse of each text with the extensions a render attaches, and nothing else.
    static func parseOnly(_ texts: [String]) {
        cmark_gfm_core_extensions_ensure_registered()
        let names: [String] = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
        let extensions = names.compactMap { name in name.withCString { cmark_find_syntax_extension($0) } }
        for text in texts {
            guard let parser = cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES) else { continue }
            for ext in extensions { cmark_parser_attach_syntax_extension(parser, ext) }
            text.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
            if let document = cmark_parser_finish(parser) { cmark_node_free(document) }
            cmark_parser_free(parser)
        }
    }

    /// The CPU time of every thread of the process while `work` runs.
    static func cpuTime(_ work: () -> Void) -> Duration {
        func now() -> Duration {
            var time = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
            return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
        }
        let start = now()
        work()
        return now() - start
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

