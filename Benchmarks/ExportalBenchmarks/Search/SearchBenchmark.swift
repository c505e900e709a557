import ExportalCore
import ExportalDomain
import Foundation

/// Writes a large generated portal for `make bench-search`, which then serves it and measures
/// queries in headless Chromium (scripts/bench-search.py). The corpus is the linking benchmark's
/// (articles, entries with sub-items, terms), with two things search needs on top: a long tail of
/// rarer words, so the vocabulary grows like real prose does, and a restricted-party list. It is
/// written as a content folder and built by the public build pipeline, as `exportal build` would,
/// and its figures are read from the files the build wrote.
public enum SearchBenchmark {
    public struct Figures: Sendable {
        /// HTML files written.
        public let pages: Int
        /// Files under search/, and those of them under search/s/ (the term shards).
        public let indexFiles: Int
        public let shards: Int
        public let indexBytes: Int
        /// The manifest, search/index.*.json, which every query loads first.
        public let manifestBytes: Int
        /// A word that occurs in exactly a few articles, for the "rare word" query.
        public let rareWord: String
        public let rareWordDocuments: Int
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Builds the generated portal into `output` with the real templates and assets.
    public static func writePortal(articles: Int, entries: Int, parties: Int, templates: String, publicAssets: String,
                                   output: String) throws -> Figures {
        var corpus = Corpus(pages: articles, entries: entries)
        var generated = corpus.generate()
        var random = SplitMix(seed: 6)
        let vocabulary = Self.vocabulary(count: 40_000, random: &random)
        var uses: [String: Int] = [:]
        generated.articles = generated.articles.map { body in
            let tail = (0..<120).map { _ in vocabulary[Self.zipf(vocabulary.count, random: &random)] }
            for word in Set(tail) { uses[word, default: 0] += 1 }
            return body + "\n## Further notes\n\n" + tail.joined(separator: " ") + ".\n"
        }
        if parties > 0 { generated.extraFiles["parties/generated/list.yml"] = partyList(parties, vocabulary: vocabulary, random: &random) }

        let scratch = try ScratchFolder(prefix: "exportal-bench-search")
        defer { scratch.remove() }
        let content = scratch.url.appendingPathComponent("content")
        try generated.tree.write(to: content)
        let options = BuildOptions(content: content.path, templates: templates, publicAssets: publicAssets, output: output,
                                   baseURL: "https://example.org/compliance/",
                                   checklists: scratch.url.appendingPathComponent("checklists").path)
        let result = BuildPipeline(options: options).build()
        guard result.succeeded else {
            throw Failure(description: result.diagnostics.prefix(5).map(\.description).joined(separator: "\n"))
        }
        // The rare word: one used by two to four articles, the first such in vocabulary order.
        let rare = vocabulary.first { (2...4).contains(uses[$0] ?? 0) } ?? vocabulary[vocabulary.count - 1]
        let written = try OutputFiles(URL(fileURLWithPath: output))
        let index = written.files.filter { $0.path.hasPrefix("search/") }
        return Figures(pages: written.files.filter { $0.path.hasSuffix(".html") }.count,
                       indexFiles: index.count, shards: index.filter { $0.path.hasPrefix("search/s/") }.count,
                       indexBytes: index.map(\.bytes).reduce(0, +),
                       manifestBytes: index.first { $0.path.hasPrefix("search/index.") }?.bytes ?? 0,
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

    /// A native party list (parties/generated/list.yml) of `count` made-up companies and people.
    static func partyList(_ count: Int, vocabulary: [String], random: inout SplitMix) -> String {
        let forms = ["LLC", "Ltd", "GmbH", "OOO", "SA", "Trading Co", "Industries", "Group"]
        func name() -> String {
            let words = (0..<(1 + Int(random.next() % 2))).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))].capitalized }
            return words.joined(separator: " ") + " " + forms[Int(random.next() % UInt64(forms.count))]
        }
        var yaml = """
        id: generated
        title: Generated party list
        authority: Bench
        version: "1"
        date: 2026-01-01
        format: native
        entries:

        """
        for index in 0..<count {
            let primary = name()
            let aliases = (0..<Int(random.next() % 3)).map { _ in ContentTree.quoted(name()) }
            yaml += "  - id: GEN-\(index + 1)\n    name: \(ContentTree.quoted(primary))\n    type: \(index % 5 == 0 ? "individual" : "entity")\n"
            if !aliases.isEmpty { yaml += "    aliases: [\(aliases.joined(separator: ", "))]\n" }
            yaml += "    countries: [\(["RU", "IR", "KP", "SY", "CN", "AE"][index % 6])]\n    programmes: [GEN]\n"
        }
        return yaml
    }
}
