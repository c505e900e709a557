import ExportalDomain
import Foundation

/// A deterministic synthetic portal for the linking and search benchmarks: prose made of ordinary
/// words with codes, terms, explicit references, tables, lists and code spans mixed in. The rates
/// (per 1,000 words: 5 bare codes, 4 explicit code references, about 1 article reference, 12 term
/// mentions) give about 4.3 references per KiB of Markdown, slightly denser than the bundled sample
/// (about 3.9).
///
/// Its glossary is shaped like a real one: phrases of two words, whose first words are few and
/// shared (each begins six phrases, as "export" begins "export licence", "export authorisation"
/// and more), and some of them are words the prose is full of ("end", "export", "control"), so
/// about one word in ten begins some phrase and is looked up, and most of those lookups fail on
/// the second word. Terms named `termN` would be rejected by their first two letters.
public struct Corpus {
    public let pages: Int
    public let entries: Int
    public let terms: Int
    private var random = SplitMix(seed: 821)

    public init(pages: Int, entries: Int, terms: Int = 150) {
        self.pages = pages
        self.entries = entries
        self.terms = terms
    }

    /// What one corpus is made of, before it is written as a content folder.
    public struct Generated: Sendable {
        /// Article bodies by index; `article-<index>.md` in guidance/.
        public var articles: [String]
        /// Term phrases by index, each with its plural as a synonym.
        public let phrases: [String]
        public let definitions: [String]
        /// Every code of the list, entries and sub-items, in list order.
        public let codes: [String]
        public let entryNotes: [String]
        let entriesYAML: String
        /// Extra files (e.g. a party list) written beside the rest.
        public var extraFiles: [String: String] = [:]

        /// Every Markdown text of the corpus, in the order pages link them: articles, definitions, entry notes.
        public var markdownTexts: [String] { articles + definitions + entryNotes }

        public var tree: ContentTree {
            var tree = ContentTree()
            tree.files["site.yml"] = """
            title: Benchmark
            organisation: Bench
            base_url: https://example.org/
            jurisdiction: eu
            language: en
            allow_raw_html: false

            """
            tree.files["glossary.yml"] = "terms:\n" + phrases.indices.map { index in
                """
                  - term: \(phrases[index])
                    id: term-\(index)
                    definition: \(ContentTree.quoted(definitions[index]))
                    synonyms: [\(phrases[index])s]

                """
            }.joined()
            tree.files["controls/bench/list.yml"] = """
            id: bench
            title: Bench list
            authority: Bench
            version: "1"
            effective: 2026-01-01
            source: https://example.org/bench

            """
            tree.files["controls/bench/entries.yml"] = entriesYAML
            for (index, body) in articles.enumerated() {
                tree.files["guidance/article-\(index).md"] = "---\ntitle: Article \(index)\n---\n\n" + body
            }
            tree.files.merge(extraFiles) { _, extra in extra }
            return tree
        }
    }

    public static let words = """
    the exporter must check each item against the list before shipment and keep a record of the decision \
    because a licence may be needed when the end user or the destination raises concern about diversion \
    technical parameters such as frequency power accuracy and speed decide whether an entry applies while \
    notes and definitions narrow or widen the scope so engineers and compliance staff should work together \
    on export control
    """.split(separator: " ").map(String.init)

    /// First words of glossary phrases: the first seven are also words of the prose.
    public static let firstWords = ["end", "licence", "technical", "list", "entry", "export", "control", "dual", "catch", "military",
                                    "product", "national", "global", "individual", "intangible", "freight", "brokering", "deemed",
                                    "competent", "transit", "general", "missile", "nuclear", "chemical", "union"]
    static let secondWords = ["user", "statement", "check", "authority", "group", "assistance"]

    /// Term `index`'s phrase, e.g. "end user"; its synonym is the plural.
    static func phrase(_ index: Int) -> String {
        let phrases = firstWords.count * secondWords.count
        let second = secondWords[index % phrases / firstWords.count] + (index >= phrases ? "\(index / phrases)" : "")
        return "\(firstWords[index % firstWords.count]) \(second)"
    }

    public mutating func generate() -> Generated {
        var codes: [String] = []
        var notes: [String] = []
        var yaml = "entries:\n"
        for index in 0..<entries {
            let code = "\(index % 10)\(["A", "B", "C", "D", "E"][(index / 10) % 5])\(String(format: "%03d", index / 50 + 1))"
            let note = "See also the \(code).a threshold and related entries."
            yaml += "  - code: \(ContentTree.quoted(code))\n    title: Item \(code)\n    reasons: [NS]\n    regimes: [wassenaar]\n"
            yaml += "    notes:\n      - \(ContentTree.quoted(note))\n    items:\n"
            codes.append(code)
            for letter in ["a", "b"] {
                let sub = "\(code).\(letter)"
                yaml += "      - code: \(ContentTree.quoted(sub))\n        title: Item \(sub)\n        items:\n"
                yaml += "          - code: \(ContentTree.quoted(sub + ".1"))\n            title: Item \(sub).1\n"
                codes += [sub, sub + ".1"]
            }
            notes.append(note)
        }
        let articles = (0..<pages).map { article($0, codes: codes) }
        return Generated(articles: articles, phrases: (0..<terms).map(Self.phrase),
                         definitions: (0..<terms).map { "A definition of term \($0). It is short." },
                         codes: codes, entryNotes: notes, entriesYAML: yaml)
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
