import ExportalDomain
import Foundation

/// Writes a large generated portal for `make bench-search`, which then serves it and measures
/// queries in headless Chromium (scripts/bench-search.py). The corpus is the linking benchmark's
/// (articles, entries with sub-items, terms), with two things search needs on top: a long tail of
/// rarer words, so the vocabulary grows like real prose does, and a restricted-party list.
public enum SearchBenchmark {
    public struct Figures: Sendable {
        public let pages: Int
        public let documents: Int
        public let terms: Int
        public let shards: Int
        public let indexFiles: Int
        public let indexBytes: Int
        public let manifestBytes: Int
        /// A word that occurs in exactly a few documents, for the "rare word" query.
        public let rareWord: String
        public let rareWordDocuments: Int
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Builds the generated portal into `output` with the real templates and assets.
    public static func writePortal(articles: Int, entries: Int, parties: Int, templates: String, publicAssets: String,
                                   output: String) throws -> Figures {
        var corpus = Corpus(pages: articles, entries: entries, terms: 150)
        var content = corpus.content()
        var random = SplitMix(seed: 6)
        let vocabulary = Self.vocabulary(count: 40_000, random: &random)
        var uses: [String: Int] = [:]
        content.guidance = content.guidance.map { article in
            let tail = (0..<120).map { _ in vocabulary[Self.zipf(vocabulary.count, random: &random)] }
            for word in Set(tail) { uses[word, default: 0] += 1 }
            let text = article.body.text + "\n## Further notes\n\n" + tail.joined(separator: " ") + ".\n"
            return GuidanceArticle(slug: article.slug, title: article.title, summary: article.summary, tags: article.tags,
                                   audience: article.audience, updated: article.updated, draft: false,
                                   body: MarkdownSource(text: text, file: article.body.file, firstLine: 1), related: [])
        }
        content.partyLists = parties > 0 ? [partyList(parties, vocabulary: vocabulary, random: &random)] : []

        let report = DiagnosticSink()
        let assets = AssetManifest.load(from: ContentFolder(url: URL(fileURLWithPath: publicAssets), displayPath: publicAssets),
                                        report: report)
        let templateSet = TemplateSet.load(from: ContentFolder(url: URL(fileURLWithPath: templates), displayPath: templates),
                                           assets: assets, report: report)
        guard let graph = ContentGraph.resolve(content, report: report), let templateSet, !report.hasErrors else {
            throw Failure(description: report.report.sorted.prefix(5).map(\.description).joined(separator: "\n"))
        }
        let renderer = PortalRenderer(graph: graph, templates: templateSet, assets: assets,
                                      baseURL: "https://example.org/compliance/", buildDate: nil)
        let files = renderer.render()
        try OutputWriter(destination: URL(fileURLWithPath: output)).publish(files)
        let index = renderer.search
        // The rare word: one used by two to four articles, the first such in vocabulary order.
        let rare = vocabulary.first { (2...4).contains(uses[$0] ?? 0) } ?? vocabulary[vocabulary.count - 1]
        return Figures(pages: files.filter { $0.path.hasSuffix(".html") }.count, documents: index.documentCount,
                       terms: index.termCount, shards: index.shardCount, indexFiles: index.files.count,
                       indexBytes: index.files.reduce(0) { $0 + $1.data.count },
                       manifestBytes: index.files.first { $0.path == index.manifestPath }?.data.count ?? 0,
                       rareWord: rare, rareWordDocuments: uses[rare] ?? 0)
    }

    /// Pronounceable made-up words, none of them English, all distinct.
    static func vocabulary(count: Int, random: inout SplitMix) -> [String] {
        let onsets = ["b", "br", "c", "d", "dr", "f", "g", "gl", "h", "k", "l", "m", "n", "p", "pr", "qu", "r", "s", "st", "t",
                      "tr", "v", "w", "z"]
        let vowels = ["a", "e", "i", "o", "u", "ai", "ou"]
        var seen = Set<String>()
        var words: [String] = []
        while words.count < count {
            let syllables = 2 + Int(random.next() % 3)
            var word = ""
            for _ in 0..<syllables {
                word += onsets[Int(random.next() % UInt64(onsets.count))] + vowels[Int(random.next() % UInt64(vowels.count))]
            }
            word += ["", "n", "x", "k", "m"][Int(random.next() % 5)]
            if seen.insert(word).inserted { words.append(word) }
        }
        return words
    }

    /// A rank from a Zipf-like distribution (exponent 1): rank 0 is the most frequent.
    static func zipf(_ count: Int, random: inout SplitMix) -> Int {
        let uniform = Double(random.next() % 1_000_000) / 1_000_000
        return min(count - 1, Int(pow(Double(count), uniform)) - 1)
    }

    static func partyList(_ count: Int, vocabulary: [String], random: inout SplitMix) -> PartyList {
        let forms = ["LLC", "Ltd", "GmbH", "OOO", "SA", "Trading Co", "Industries", "Group"]
        func name() -> String {
            let words = (0..<(1 + Int(random.next() % 2))).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))].capitalized }
            return words.joined(separator: " ") + " " + forms[Int(random.next() % UInt64(forms.count))]
        }
        let records = (0..<count).map { index in
            PartyRecord(id: "GEN-\(index + 1)", primaryName: name(), type: index % 5 == 0 ? .individual : .entity,
                        aliases: (0..<Int(random.next() % 3)).map { _ in PartyRecord.Alias(name: name()) },
                        countries: [["RU", "IR", "KP", "SY", "CN", "AE"][index % 6]], programmes: ["GEN"])
        }
        return PartyList(id: "generated", title: "Generated party list", authority: "Bench", version: "1", date: "2026-01-01",
                         source: nil, format: "native", records: records,
                         location: SourceLocation(file: "Bench/parties/generated/list.yml", line: 1, column: 1))
    }
}
