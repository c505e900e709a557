import ExportalDomain
import Foundation

/// Exportal's scores on the labelled pairs of the variant benchmark (`scripts/screening-variants.py`
/// writes them; `make bench-screening` runs both). Each pair's party (the listed name, or a listed
/// party with its primary name and aliases) becomes a party of one `ScreeningIndex` that also
/// holds every other name of the lists, so whatever the matcher learns from the whole index (how
/// common a word is) is learnt from the real lists; each query is then screened as `exportal
/// screen NAME` screens it, and the score its pair's party reaches is kept.
///
///     let pairs = try VariantPairScoring.pairs(fromTSV: text)
///     let scores = VariantPairScoring.score(pairs, background: names, floor: 0.4)
///     scores[0].score  // 0.93; below `floor` a party is not returned, and the score is 0
public enum VariantPairScoring {
    /// One labelled pair: a query, the listed name it was made from, and the party it is scored
    /// against, as screening scores it: the best of its primary name and aliases, a weak alias
    /// weighted down. Most kinds' party is the listed name alone.
    public struct Pair: Sendable, Equatable {
        public var kind: String
        public var positive: Bool
        public var entry: String
        public var type: PartyRecord.EntityType
        public var query: String
        public var listed: String
        public var primary: String
        public var aliases: [String]
        public var weakAliases: [String]

        /// `primary`: the party's primary name, `listed` when nil.
        public init(kind: String, positive: Bool, entry: String, type: PartyRecord.EntityType, query: String,
                    listed: String, primary: String? = nil, aliases: [String] = [], weakAliases: [String] = []) {
            self.kind = kind
            self.positive = positive
            self.entry = entry
            self.type = type
            self.query = query
            self.listed = listed
            self.primary = primary ?? listed
            self.aliases = aliases
            self.weakAliases = weakAliases
        }

        /// The party the pair's query is screened for.
        var record: PartyRecord {
            PartyRecord(id: "", primaryName: primary, type: type,
                        aliases: aliases.map { PartyRecord.Alias(name: $0) } + weakAliases.map { PartyRecord.Alias(name: $0, strength: .weak) })
        }
    }

    public struct Scored: Sendable, Equatable {
        public let score: Double
        /// The matcher's explanation, as `exportal screen` prints it.
        public let features: [String]
    }

    /// The columns the generator writes, in order, after a header row. `primary`, `aliases` and
    /// `weak` are the party: its primary name, its strong and its weak aliases (`|` between names).
    public static let columns = ["kind", "label", "entry", "schema", "query", "listed", "primary", "aliases", "weak"]

    /// Pairs from the generator's TSV: a header row naming `columns`, then one pair per line.
    public static func pairs(fromTSV text: String) throws -> [Pair] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        let column = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = columns.filter { column[$0] == nil }
        guard missing.isEmpty else { throw ScreeningBenchmark.Failure(description: "pairs file lacks columns: \(missing.joined(separator: ", "))") }
        lines.removeFirst()
        return try lines.enumerated().map { number, fields in
            guard fields.count >= header.count else {
                throw ScreeningBenchmark.Failure(description: "pairs file line \(number + 2): \(fields.count) fields, \(header.count) expected")
            }
            func field(_ name: String) -> String { fields[column[name]!] }
            func names(_ name: String) -> [String] { field(name).split(separator: "|").map(String.init) }
            return Pair(kind: field("kind"), positive: field("label") == "positive", entry: field("entry"),
                        type: field("schema") == "Person" ? .individual : .entity, query: field("query"),
                        listed: field("listed"), primary: field("primary"), aliases: names("aliases"), weakAliases: names("weak"))
        }
    }

    /// Scores every pair. `background`: the lists' other names (person or not, and the name),
    /// indexed beside the pairs' parties. Parties scoring below `floor` are not returned by the
    /// index: their score is 0. Queries are screened in one batch per thread on `workers` threads.
    public static func score(_ pairs: [Pair], background: [(type: PartyRecord.EntityType, name: String)],
                             floor: Double, workers: Int = 2) -> [Scored] {
        // One party per distinct party of the pairs; the background after them.
        var partyOf: [String: Int] = [:]
        var entries: [(listID: String, record: PartyRecord)] = []
        var target: [Int] = []
        for pair in pairs {
            let key = ([pair.type == .individual ? "P" : "E", pair.primary] + pair.aliases + ["\u{2}"] + pair.weakAliases).joined(separator: "\u{1}")
            if partyOf[key] == nil {
                partyOf[key] = entries.count
                let record = pair.record
                entries.append(("PAIRS", PartyRecord(id: "P\(entries.count)", primaryName: record.primaryName, type: record.type, aliases: record.aliases)))
            }
            target.append(partyOf[key]!)
        }
        for (i, name) in background.enumerated() {
            entries.append(("LISTS", PartyRecord(id: "B\(i)", primaryName: name.name, type: name.type)))
        }
        let index = ScreeningIndex(entries)
        let targets = target
        let results = ScoreSlots(count: pairs.count)
        let shared = ScreeningIndex.SharedAlignments()
        DispatchQueue.concurrentPerform(iterations: max(1, workers)) { worker in
            let mine = Array(stride(from: worker, to: pairs.count, by: max(1, workers)))
            let found = ScreeningIndex.Searcher(index, sharing: shared)
                .screen(mine.map { ScreeningQuery(name: pairs[$0].query) }, threshold: floor, limit: .max)
            results.store(zip(mine, found).map { i, matches in
                let id = "P\(targets[i])"
                let match = matches.first { $0.listID == "PAIRS" && $0.recordID == id }
                return (i, Scored(score: match?.score ?? 0, features: match?.features ?? []))
            })
        }
        return results.values
    }

    /// The scores as TSV: a header, then per pair its number (from 0), score and features.
    public static func tsv(_ scores: [Scored]) -> String {
        var out = "pair\tscore\tfeatures\n"
        for (i, scored) in scores.enumerated() {
            let features = scored.features.joined(separator: "; ").replacingOccurrences(of: "\t", with: " ")
            out += "\(i)\t\(String(format: "%.6f", scored.score))\t\(features)\n"
        }
        return out
    }

    /// Disjoint slots filled from the workers.
    private final class ScoreSlots: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Scored?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func store(_ items: [(Int, Scored)]) {
            lock.lock()
            for (i, scored) in items { slots[i] = scored }
            lock.unlock()
        }
        var values: [Scored] { slots.map { $0 ?? Scored(score: 0, features: []) } }
    }
}
