import ExportalDomain
import Foundation

/// Guidance articles for `make bench-build`, the same for Exportal and for Hugo: 2 to 6 KB of
/// Markdown each, with headings, paragraphs, bullet lists and tables, and control codes and
/// glossary terms of the sample content in the prose, which Exportal cross-links. Deterministic:
/// the same seed gives the same articles.
public struct ArticleGenerator {
    public struct Article: Sendable {
        public let index: Int
        public let title: String
        public let summary: String
        /// YYYY-MM-DD.
        public let date: String
        public let tag: String
        public let body: String

        /// The file name in both trees, e.g. `bench-article-00042.md`.
        public var fileName: String { String(format: "bench-article-%05d.md", index) }
    }

    /// Codes (entries and sub-items, e.g. 2B001, 5A002.a) and glossary terms to mention.
    let codes: [String]
    let terms: [String]
    private var random: SplitMix

    static let words = """
    export licence item controlled goods technology software end user destination authority shipment customer \
    review compliance classification register record check supplier machine component system equipment parameter \
    performance research university programme order contract broker transit screening partner invoice
    """.split(separator: " ").map(String.init)

    public init(codes: [String], terms: [String], seed: UInt64 = 7) {
        precondition(!codes.isEmpty && !terms.isEmpty, "articles mention codes and terms of the sample content")
        self.codes = codes
        self.terms = terms
        random = SplitMix(seed: seed)
    }

    /// Codes and glossary terms read from a content folder's control lists and glossary.yml. Codes
    /// of earlier versions (`history/` folders) are left out: one the current list no longer holds
    /// would be a warning on every article that names it.
    public init(sampleAt content: URL, seed: UInt64 = 7) throws {
        let codePattern = /^\s*-?\s*code:\s*"?([0-9][A-E][0-9]{3}(?:\.[a-z0-9]+)*)"?\s*$/
        let termPattern = /^\s*-\s*term:\s*(.+?)\s*$/
        var codes: [String] = []
        let controls = content.appendingPathComponent("controls")
        for case let file as URL in FileManager.default.enumerator(at: controls, includingPropertiesForKeys: nil) ?? .init()
        where file.pathExtension == "yml" && !file.pathComponents.contains("history") {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                if let match = line.wholeMatch(of: codePattern) { codes.append(String(match.1)) }
            }
        }
        let glossary = try String(contentsOf: content.appendingPathComponent("glossary.yml"), encoding: .utf8)
        let terms = glossary.split(separator: "\n").compactMap { $0.wholeMatch(of: termPattern).map { String($0.1) } }
        self.init(codes: codes.sorted(), terms: terms, seed: seed)
    }

    public mutating func article(_ index: Int) -> Article {
        let title = "Article \(index) on \(pick(Self.words))"
        let summary = sentence(words: 10)
        // Blocks are under 1 KB, so stopping once past a target below 5 KB keeps every body within 2 to 6 KB.
        let target = 2_000 + Int(random.next() % 3_000)
        var body = ""
        var section = 0
        while body.utf8.count < target {
            section += 1
            body += "## Section \(section): \(pick(Self.words))\n\n"
            body += (0..<(3 + Int(random.next() % 4))).map { _ in sentence(words: 14) }.joined(separator: " ") + "\n\n"
            switch random.next() % 3 {
            case 0: body += (0..<(2 + Int(random.next() % 4))).map { _ in "- " + sentence(words: 8) + "\n" }.joined() + "\n"
            case 1: body += "| Code | Note |\n|---|---|\n" + (0..<3).map { _ in "| \(pick(codes)) | \(sentence(words: 5)) |\n" }.joined() + "\n"
            default: break
            }
        }
        return Article(index: index, title: title, summary: summary, date: String(format: "2026-01-%02d", 1 + index % 28),
                       tag: "t\(index % 20)", body: body)
    }

    /// About `words` ordinary words, with a control code and a glossary term each half the time.
    private mutating func sentence(words count: Int) -> String {
        var words = (0..<count).map { _ in pick(Self.words) }
        if random.next() % 2 == 0 { words.insert(pick(codes), at: Int(random.next() % UInt64(words.count))) }
        if random.next() % 2 == 0 { words.insert(pick(terms).lowercased(), at: Int(random.next() % UInt64(words.count))) }
        let text = words.joined(separator: " ")
        return text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    private mutating func pick(_ items: [String]) -> String { items[Int(random.next() % UInt64(items.count))] }
}
