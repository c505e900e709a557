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
        let content = ContentLoader(folder: ContentFolder(url: URL(fileURLWithPath: path), displayPath: path), report: report).load()
        let timings = MarkdownTimings()
        guard !report.hasErrors, let graph = ContentGraph.resolve(content, report: report, timings: timings) else { return nil }
        let glossary = content.glossary.sorted { ($0.term.lowercased(), $0.id) < ($1.term.lowercased(), $1.id) }
        let sources = Set(PagePlan(content: content, glossary: glossary).pages.flatMap(\.sources).map(\.source))
        return Density(markdownBytes: sources.map(\.text.utf8.count).reduce(0, +), references: graph.references.all.count,
                       parse: timings.parse, link: timings.link)
    }

    /// Generates `pages` guidance articles and `entries` control-list entries (each with sub-items),
    /// renders their texts without a linker (the baseline), then resolves them with linking, `runs`
    /// times over, one kind of render after another, so that a slow spell of the machine falls on all three.
    public static func run(pages: Int, entries: Int, terms: Int = 150, runs: Int = 1) -> Figures {
        var corpus = Corpus(pages: pages, entries: entries, terms: terms)
        let content = corpus.content()
        let clock = ContinuousClock()
        var texts: [MarkdownSource] = content.guidance.map { $0.body }
        texts += content.glossary.map { $0.definition }
        for list in content.controlLists {
            for entry in list.entries { texts += PagePlan.entryTexts(entry) }
        }
        // The first render in a process pays for loading cmark's code and tables; neither run should.
        var none = NoLinker()
        _ = MarkdownRenderer.render(texts[0].text, options: MarkdownOptions(), linker: &none)

        var baselines: [(timings: MarkdownTimings, total: Duration)] = []
        var readings: [MarkdownTimings] = []
        var linked: [(timings: MarkdownTimings, total: Duration)] = []
        var references = 0
        for _ in 0..<max(1, runs) {
            let baseline = MarkdownTimings()
            let baselineTotal = clock.measure {
                for text in texts {
                    _ = MarkdownRenderer.render(text.text, options: MarkdownOptions(), linker: &none, timings: baseline)
                }
            }
            baselines.append((baseline, baselineTotal))

            let reading = MarkdownTimings()
            var unchanged = UnchangingLinker()
            for text in texts {
                _ = MarkdownRenderer.render(text.text, options: MarkdownOptions(), linker: &unchanged, timings: reading)
            }
            readings.append(reading)

            let timings = MarkdownTimings()
            let report = DiagnosticSink()
            var graph: ContentGraph?
            let linkedTotal = clock.measure { graph = ContentGraph.resolve(content, report: report, timings: timings) }
            precondition(graph != nil && !report.hasErrors, "the generated corpus must resolve: \(report.report.sorted.prefix(3))")
            linked.append((timings, linkedTotal))
            references = graph?.references.all.count ?? 0
        }
        let baseline = median(baselines) { $0.total / .milliseconds(1) }
        let reading = median(readings) { $0.link / $0.parse }
        let link = median(linked) { $0.timings.link / $0.timings.parse }
        // Built inside `resolve` too; timed here on its own, since the linking pass figure leaves it out.
        let targetIndex = clock.measure { _ = LinkTargets(content) }
        let entryCount = content.controlLists.map(\.entries.count).reduce(0, +)
        let codeCount = content.controlLists.flatMap(\.entries).map(\.flattened.count).reduce(0, +)
        let bytes = texts.map(\.text.utf8.count).reduce(0, +)
        return Figures(pages: content.guidance.count, entries: entryCount, codes: codeCount,
                       terms: content.glossary.count, markdownBytes: bytes, references: references,
                       parse: link.timings.parse, link: link.timings.link, output: link.timings.output,
                       baselineParse: baseline.timings.parse, baselineOutput: baseline.timings.output,
                       baselineTotal: baseline.total, linkedTotal: link.total,
                       targetIndex: targetIndex, reading: reading.link, readingParse: reading.parse,
                       shares: linked.map { $0.timings.link / $0.timings.parse })
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

/// A deterministic synthetic portal: prose made of ordinary words with codes, terms, explicit
/// references, tables, lists and code spans mixed in. The rates (per 1,000 words: 5 bare codes,
/// 4 explicit code references, about 1 article reference, 12 term mentions) give about 4.3
/// references per KiB of Markdown, slightly denser than the bundled sample (about 3.9).
///
/// Its glossary is shaped like a real one: phrases of two words, whose first words are few and
/// shared (each begins six phrases, as "export" begins "export licence", "export authorisation"
/// and more), and some of them are words the prose is full of ("end", "export", "control"), so
/// about one word in ten begins some phrase and is looked up, and most of those lookups fail on
/// the second word. Terms named `termN` would be rejected by their first two letters.
struct Corpus {
    let pages: Int
    let entries: Int
    let terms: Int
    private var random = SplitMix(seed: 821)

    init(pages: Int, entries: Int, terms: Int) {
        self.pages = pages
        self.entries = entries
        self.terms = terms
    }

    static let words = """
    the exporter must check each item against the list before shipment and keep a record of the decision \
    because a licence may be needed when the end user or the destination raises concern about diversion \
    technical parameters such as frequency power accuracy and speed decide whether an entry applies while \
    notes and definitions narrow or widen the scope so engineers and compliance staff should work together \
    on export control
    """.split(separator: " ").map(String.init)

    /// First words of glossary phrases: the first seven are also words of the prose.
    static let firstWords = ["end", "licence", "technical", "list", "entry", "export", "control", "dual", "catch", "military",
                             "product", "national", "global", "individual", "intangible", "freight", "brokering", "deemed",
                             "competent", "transit", "general", "missile", "nuclear", "chemical", "union"]
    static let secondWords = ["user", "statement", "check", "authority", "group", "assistance"]

    /// Term `index`'s phrase, e.g. "end user"; its synonym is the plural.
    static func phrase(_ index: Int) -> String {
        let phrases = firstWords.count * secondWords.count
        let second = secondWords[index % phrases / firstWords.count] + (index >= phrases ? "\(index / phrases)" : "")
        return "\(firstWords[index % firstWords.count]) \(second)"
    }

    mutating func content() -> ContentSet {
        var set = ContentSet()
        set.displayPath = "Bench"
        set.site = SiteConfig(title: "Benchmark", organisation: "Bench", baseURL: "https://example.org/", jurisdiction: "eu",
                              description: nil, language: "en", allowRawHTML: false)
        let list = controlList()
        set.controlLists = [list]
        let codes = list.entries.flatMap(\.flattened).map(\.code.description)
        set.glossary = (0..<terms).map { index in
            GlossaryTerm(id: "term-\(index)", term: Self.phrase(index), definition: source("A definition of term \(index). It is short.", "glossary.yml"),
                         synonyms: [Self.phrase(index) + "s"])
        }
        set.guidance = (0..<pages).map { index in
            GuidanceArticle(slug: "article-\(index)", title: "Article \(index)", summary: nil, tags: [], audience: [], updated: nil,
                            draft: false, body: source(article(index, codes: codes), "guidance/article-\(index).md"), related: [])
        }
        return set
    }

    private func source(_ text: String, _ file: String) -> MarkdownSource {
        MarkdownSource(text: text, file: "Bench/\(file)", firstLine: 1)
    }

    private mutating func controlList() -> ControlList {
        var items: [ControlItem] = []
        let location = SourceLocation(file: "Bench/controls/bench/entries.yml", line: 1, column: 1)
        func item(_ code: String, _ children: [ControlItem], note: String?) -> ControlItem {
            ControlItem(code: ControlCode(code)!, title: "Item \(code)", reasons: [.NS], regimes: [.wassenaar], annexIV: false,
                        description: nil, notes: note.map { [source($0, "controls/bench/entries.yml")] } ?? [], technicalNotes: [],
                        items: children, location: location)
        }
        for index in 0..<entries {
            let code = "\(index % 10)\(["A", "B", "C", "D", "E"][(index / 10) % 5])\(String(format: "%03d", index / 50 + 1))"
            let subs = ["a", "b"].map { letter in item("\(code).\(letter)", [item("\(code).\(letter).1", [], note: nil)], note: nil) }
            items.append(item(code, subs, note: "See also the \(code).a threshold and related entries."))
        }
        return ControlList(id: "bench", title: "Bench list", authority: "Bench", version: "1", effective: "2026-01-01", source: "",
                           description: nil, entries: items, location: location)
    }

    /// About 6 KB of Markdown: 12 paragraphs, a table and a list.
    private mutating func article(_ index: Int, codes: [String]) -> String {
        var out = "## Section one\n\n"
        for paragraph in 0..<12 {
            if paragraph == 6 { out += "| Code | Note |\n|------|------|\n| \(pick(codes)) | see [[\(pick(codes))]] |\n\n## Section two\n\n" }
            if paragraph == 9 { out += "- check \(pick(codes)) first\n- then `\(pick(codes))` in code\n\n" }
            var sentence: [String] = []
            for word in 0..<70 {
                switch random.next() % 1000 {
                case 0..<5: sentence.append(pick(codes))
                case 5..<17:
                    let term = Int(random.next() % UInt64(terms))
                    sentence.append(Self.phrase(term) + (random.next() % 4 == 0 ? "s" : ""))
                case 17..<21: sentence.append("[[\(pick(codes))]]")
                case 21..<28 where word % 7 == 0: sentence.append("[[guidance:article-\(Int(random.next() % UInt64(pages)))]]")
                default: sentence.append(Self.words[Int(random.next() % UInt64(Self.words.count))])
                }
                if word % 14 == 13 { sentence[sentence.count - 1] += "." }
            }
            out += sentence.joined(separator: " ") + "\n\n"
        }
        return out
    }

    private mutating func pick(_ codes: [String]) -> String { codes[Int(random.next() % UInt64(codes.count))] }
}
