import Foundation

/// Restricted-party lists prepared for screening: every primary name and alias normalised once
/// (with its other readings, `NameNormalizer.readings(of:)`, each indexed as a name of the party),
/// with inverted indexes from character bigrams, phonetic keys and consonant skeletons to the
/// distinct tokens, and from tokens to names. A query scores only the names that could reach the
/// threshold, and returns exactly what `bruteForce` (scoring every name) returns.
///
///     let index = ScreeningIndex([("OFAC-SDN", record)])
///     let hits = index.screen(query: "Muhammad Ali", country: "IR")
///     hits.first?.features  // ["tokens aligned 2/2", "phonetic match on 'MUHAMMAD'~'MOHAMMED'", "country matches (IR)"]
///
/// How a query avoids scoring every name: a token's similarity is non-zero only when the tokens
/// share a third of their bigrams (the spelling is compared), a phonetic key, a skeleton, or an
/// initial, so looking those up finds every token of the lists that a query token can align with.
/// From the best similarity each query token reaches in a name, `NameScorer.upperBound` caps the
/// name's score; names whose cap, times their qualifiers, stays below the threshold are skipped.
///
/// Words common on the indexed lists count less (`TokenFrequencies`), in listed names and in
/// queries alike: the index counts them when it is built.
public struct ScreeningIndex: Sendable {
    /// Threshold chosen with `make bench-screening` (ScreeningBenchmark in Benchmarks/). At 0.80:
    /// nomenklatura's 826 labelled pairs give precision 0.892, recall 0.816, F1 0.853 (the best
    /// F1, 0.859, is at 0.757); yente's treated UN names are found with recall 0.994 while 0.45 %
    /// of 2,000 synthetic negatives score this high (the 1 % false-positive point is 0.673, recall
    /// 0.996; it was 0.15 % before Hangul was spelt the usual way, which brings synthetic Korean
    /// names closer to the list's, and 0.5 % before a family name of one vowel stopped counting
    /// as an initial). So 0.80 costs no recall on yente and raises the fewest false alerts, for
    /// 0.006 F1 on nomenklatura. Recalibrated after articles, missing and extra words, edit budgets
    /// by length and common words changed the scores (issue 25), on the variant benchmark's hard
    /// negatives: at 0.80, recall 0.9905 and 0.04 % false alerts on them; below it recall gains at
    /// most 0.2 points while those alerts grow two to eight times, above it recall falls for no
    /// fewer. nomenklatura now gives precision 0.882, recall 0.831, F1 0.856.
    /// Every default in the code reads this constant; docs/screening.md, the README and the
    /// command reference quote it.
    public static let defaultThreshold = 0.80

    final class IndexedName: Sendable {
        let record: Int
        let name: String
        let strength: PartyRecord.Alias.Strength
        /// The name as listed, or another reading of it (`NameNormalizer.readings(of:)`), whose text is `prepared`'s.
        let prepared: PreparedName
        let isReading: Bool

        init(record: Int, name: String, strength: PartyRecord.Alias.Strength, prepared: PreparedName, isReading: Bool) {
            self.record = record
            self.name = name
            self.strength = strength
            self.prepared = prepared
            self.isReading = isReading
        }
    }

    public let lists: [String]
    public let records: [PartyRecord]
    /// How common each word is on these lists.
    public let frequencies: TokenFrequencies
    let recordList: [Int]
    let names: [IndexedName]
    /// Distinct tokens and joined neighbour pairs of all names.
    let vocabulary: [PreparedToken]
    /// Per vocabulary entry: names having it as a token, and names having it as a joined pair,
    /// each as name × 64 + position of the (first) token, the position capped at 63.
    let tokenPostings: [[Int32]]
    let pairPostings: [[Int32]]
    /// Bigram → vocabulary entries that are tokens of some name (65,536 slots, most empty),
    /// ordered by entry length.
    let bigramPostings: [[Int32]]
    /// Per bigram: where its postings of each length start (index L: the first of length ≥ L,
    /// the last element the end), so a length range is a slice, read without looking lengths up.
    let bigramLengthStarts: [[Int32]]
    let vocabularyLengths: [Int32]
    let phoneticPostings: [[UInt8]: [Int32]]
    let skeletonPostings: [[UInt8]: [Int32]]
    /// Single-letter vocabulary entries (initials) by letter.
    let initialPostings: [UInt8: [Int32]]

    /// Flat per-name data for the hot loop: token weights (name i's run from nameWeightStart[i]
    /// to nameWeightStart[i + 1]) and whether the name is a weak alias.
    let nameWeightStart: [Int32]
    let nameWeights: [Double]
    let nameIsWeak: [Bool]
    let nameRecord: [Int32]

    public var nameCount: Int { names.count }
    public var vocabularySize: Int { vocabulary.count }

    /// `frequencies`: how common words are, when they should come from other lists than these (an
    /// earlier version of a list screened as the current lists weigh words); by default, from these.
    public init(_ entries: [(listID: String, record: PartyRecord)], frequencies given: TokenFrequencies? = nil) {
        var listIDs: [String] = []
        var listNumber: [String: Int] = [:]
        var recordList: [Int] = []
        var names: [IndexedName] = []
        var vocabularyIndex: [String: Int32] = [:]
        var vocabulary: [PreparedToken] = []
        var tokenPostings: [[Int32]] = []
        var pairPostings: [[Int32]] = []
        func entry(_ token: PreparedToken) -> Int32 {
            let key = Self.vocabularyKey(token)
            if let id = vocabularyIndex[key] { return id }
            let id = Int32(vocabulary.count)
            vocabularyIndex[key] = id
            // Joined pairs are prepared without their spelling: every entry gets it here.
            let kind: NameToken.Kind = token.kind == .article ? .article : .name
            vocabulary.append(token.kind == kind && !token.bigrams.isEmpty ? token
                              : PreparedToken(token.text, kind: kind, fromAbjad: token.fromAbjad))
            tokenPostings.append([])
            pairPostings.append([])
            return id
        }
        // Each listed name, then its other readings: each is indexed as a name of the party.
        let spellings = entries.map { $0.record.names.map { NameNormalizer.spellings(of: $0.name) } }
        let unweighted = Self.prepareInParallel(Array(spellings.joined().joined()))
        // Each party's names and readings, in the order prepared, to count the words once per party.
        var parties: [[PreparedName]] = []
        var next = 0
        for spelt in spellings {
            let count = spelt.reduce(0) { $0 + $1.count }
            parties.append(Array(unweighted[next..<(next + count)]))
            next += count
        }
        let frequencies = given ?? TokenFrequencies(parties: parties)
        let prepared = unweighted.map { $0.weighted(by: frequencies) }
        for (recordNumber, item) in entries.enumerated() {
            if listNumber[item.listID] == nil {
                listNumber[item.listID] = listIDs.count
                listIDs.append(item.listID)
            }
            recordList.append(listNumber[item.listID]!)
            for (name, spelt) in zip(item.record.names, spellings[recordNumber]) {
                for reading in spelt.indices {
                    let prepared = prepared[names.count]
                    let nameID = Int32(names.count)
                    names.append(IndexedName(record: recordNumber, name: name.name, strength: name.strength, prepared: prepared,
                                             isReading: reading > 0))
                    for unit in prepared.units {
                        let id = Int(entry(unit.token))
                        let posting = nameID * 64 + Int32(min(unit.first, 63))
                        if unit.count == 1 { tokenPostings[id].append(posting) } else { pairPostings[id].append(posting) }
                    }
                }
            }
        }
        var bigrams = [[Int32]](repeating: [], count: 65536)
        var phonetic: [[UInt8]: [Int32]] = [:]
        var skeleton: [[UInt8]: [Int32]] = [:]
        var initials: [UInt8: [Int32]] = [:]
        for (id, token) in vocabulary.enumerated() {
            let id = Int32(id)
            if token.bytes.count == 1 {
                initials[token.bytes[0], default: []].append(id)
                continue
            }
            if !tokenPostings[Int(id)].isEmpty { for gram in token.bigrams { bigrams[Int(gram)].append(id) } }
            phonetic[token.phonetic, default: []].append(id)
            for key in token.skeletons where !key.isEmpty { skeleton[key, default: []].append(id) }
        }
        let lengths = vocabulary.map { Int32($0.bytes.count) }
        for gram in 0..<65536 where bigrams[gram].count > 1 {
            bigrams[gram].sort { (lengths[Int($0)], $0) < (lengths[Int($1)], $1) }
        }
        vocabularyLengths = lengths
        let longestEntry = Int(lengths.max() ?? 0)
        bigramLengthStarts = bigrams.map { postings -> [Int32] in
            guard !postings.isEmpty else { return [] }
            var starts = [Int32](repeating: Int32(postings.count), count: longestEntry + 2)
            for k in stride(from: postings.count - 1, through: 0, by: -1) {
                for length in 0...Int(lengths[Int(postings[k])]) { starts[length] = Int32(k) }
            }
            return starts
        }
        lists = listIDs
        records = entries.map(\.record)
        self.frequencies = frequencies
        self.recordList = recordList
        self.names = names
        self.vocabulary = vocabulary
        self.tokenPostings = tokenPostings
        self.pairPostings = pairPostings
        bigramPostings = bigrams
        var starts: [Int32] = [0], flat: [Double] = []
        for name in names {
            flat += name.prepared.weights
            starts.append(Int32(flat.count))
        }
        nameWeightStart = starts
        nameWeights = flat
        nameIsWeak = names.map { $0.strength == .weak }
        nameRecord = names.map { Int32($0.record) }
        phoneticPostings = phonetic
        skeletonPostings = skeleton
        initialPostings = initials
    }

    /// A token's entry in the vocabulary: the same letters from an abjad compare differently
    /// (skeletons), and an article only with articles, so each is an entry of its own.
    static func vocabularyKey(_ token: PreparedToken) -> String {
        (token.kind == .article ? "\u{2}" : "") + (token.fromAbjad ? "\u{1}" : "") + token.text
    }

    /// Normalising names (ICU transliteration included) is most of building an index, and each
    /// name is independent: prepared on every core, each into its own slot. Each chunk is one ICU
    /// call, and every call parses anew the transliteration rules of the scripts it meets, which
    /// for the official lists cost more than transliterating them: so a few large chunks (eight:
    /// enough to keep the cores evenly busy) rather than many small ones.
    static func prepareInParallel(_ names: [String]) -> [PreparedName] {
        guard names.count >= 512 else { return NameNormalizer.normalize(names).map { PreparedName($0) } }
        let slots = UnsafeMutableBufferPointer<PreparedName?>.allocate(capacity: names.count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize(); slots.deallocate() }
        let chunk = max(512, (names.count + 7) / 8)
        let shared = SlotsBox(slots)
        DispatchQueue.concurrentPerform(iterations: (names.count + chunk - 1) / chunk) { part in
            let range = (part * chunk)..<min(names.count, (part + 1) * chunk)
            for (i, normalized) in zip(range, NameNormalizer.normalize(Array(names[range]))) { shared.slots[i] = PreparedName(normalized) }
        }
        return slots.map { $0! }
    }

    /// Disjoint slots written from concurrent work, which the compiler cannot prove.
    private struct SlotsBox: @unchecked Sendable {
        let slots: UnsafeMutableBufferPointer<PreparedName?>
        init(_ slots: UnsafeMutableBufferPointer<PreparedName?>) { self.slots = slots }
    }

    /// Query-word alignments shared by the searchers of one index on several threads (see
    /// `Searcher.init(_:sharing:)`). A word's alignments depend on the word and the index only.
    public final class SharedAlignments: @unchecked Sendable {
        private let lock = NSLock()
        private var single: [String: [(id: Int32, similarity: Double)]] = [:]
        private var joined: [String: [(id: Int32, similarity: Double)]] = [:]

        public init() {}

        func get(_ key: String, joined isJoined: Bool) -> [(id: Int32, similarity: Double)]? {
            lock.lock()
            defer { lock.unlock() }
            return isJoined ? joined[key] : single[key]
        }

        func put(_ key: String, joined isJoined: Bool, _ value: [(id: Int32, similarity: Double)]) {
            lock.lock()
            defer { lock.unlock() }
            if single.count + joined.count > 400_000 {
                single.removeAll(keepingCapacity: true)
                joined.removeAll(keepingCapacity: true)
            }
            if isJoined { joined[key] = value } else { single[key] = value }
        }
    }

    // MARK: - Screening

    public func screen(query: String, country: String? = nil, birthYear: Int? = nil, type: PartyRecord.EntityType? = nil,
                       threshold: Double = defaultThreshold, limit: Int = 20) -> [ScreeningMatch] {
        let searcher = Searcher(self)
        return searcher.screen(ScreeningQuery(name: query, country: country, birthYear: birthYear, type: type), threshold: threshold, limit: limit)
    }

    /// Scores every name of every party: the reference the index must agree with.
    public func bruteForce(_ query: ScreeningQuery, threshold: Double = defaultThreshold, limit: Int = .max) -> [ScreeningMatch] {
        let readings = QueryBound.readings(of: query.name).map { $0.weighted(by: frequencies) }
        return finish(readings, query, readings.map { bruteForce($0, query, threshold: threshold) }, limit: limit)
    }

    /// The best name of each party that scores at least `threshold`, scoring them all.
    func bruteForce(_ prepared: PreparedName, _ query: ScreeningQuery, threshold: Double) -> [Int: (score: Double, name: Int)] {
        var best: [Int: (score: Double, name: Int)] = [:]
        for nameID in names.indices {
            let name = names[nameID]
            let score = quickScore(prepared, query, nameID)
            if score >= threshold, (best[name.record]?.score ?? -1) < score { best[name.record] = (score, nameID) }
        }
        return best
    }

    /// Score of one name for the query without features.
    func quickScore(_ prepared: PreparedName, _ query: ScreeningQuery, _ nameID: Int) -> Double {
        let name = names[nameID]
        let base = NameScorer.score(query: prepared, candidate: name.prepared, explain: false).value
        if base == 0 { return 0 }
        let strength = name.strength == .weak ? NameScorer.weakAlias : 1
        // Most queries are a bare name: then the party's record is not even looked at.
        guard query.country != nil || query.birthYear != nil || (query.type != nil && query.type != .unknown) else {
            return min(1, base * strength)
        }
        let qualifiers = ScreeningQualifiers.factor(query, records[name.record], explain: false).value
        return min(1, base * strength * qualifiers)
    }

    /// Turns the best name per party, for each reading of the query (`bests[k]` for `readings[k]`),
    /// into sorted matches with their explanations. A party found by several readings keeps its
    /// best score, from the first reading that gives it, then through its first name that does.
    func finish(_ readings: [PreparedName], _ query: ScreeningQuery, _ bests: [[Int: (score: Double, name: Int)]], limit: Int) -> [ScreeningMatch] {
        var best: [Int: (score: Double, name: Int, reading: Int)] = [:]
        for (reading, found) in bests.enumerated() {
            for (record, hit) in found {
                if let kept = best[record], kept.score >= hit.score { continue }
                best[record] = (hit.score, hit.name, reading)
            }
        }
        let ranked = best.sorted { a, b in a.value.score != b.value.score ? a.value.score > b.value.score : a.key < b.key }
        return ranked.prefix(limit).map { record, hit in
            let name = names[hit.name]
            let prepared = readings[hit.reading]
            var features = ReadingNotes.features(query: hit.reading > 0 ? prepared : nil, candidate: name.isReading ? name.prepared : nil)
            features += NameScorer.score(query: prepared, candidate: name.prepared).features
            if name.strength == .weak { features.append("weak alias ×\(NameScorer.format(NameScorer.weakAlias))") }
            features += ScreeningQualifiers.factor(query, records[record]).features
            return ScreeningMatch(listID: lists[recordList[record]], recordID: records[record].id, name: name.name,
                                  score: hit.score, features: features)
        }
    }

    /// Reusable scratch space for screening many queries on one thread.
    public final class Searcher {
        let index: ScreeningIndex
        private var slotOf: [Int32]
        private var touchedNames: [Int32] = []
        private var slots: [Double] = []
        private var masks: [UInt64] = []
        private var counts: [UInt16]
        /// What each query token (or joined pair) aligns with, as tokens repeat across queries.
        private var cache: [String: [(id: Int32, similarity: Double)]] = [:]
        private var joinedCache: [String: [(id: Int32, similarity: Double)]] = [:]

        private let shared: SharedAlignments?

        /// `sharing`: what query words align with, shared by searchers working on one index on
        /// several threads, so each word is looked up once rather than once per thread.
        public init(_ index: ScreeningIndex, sharing shared: SharedAlignments? = nil) {
            self.index = index
            self.shared = shared
            slotOf = [Int32](repeating: -1, count: index.names.count)
            counts = [UInt16](repeating: 0, count: index.vocabulary.count)
        }

        /// Vocabulary entries a query unit aligns with, and how well; `joined` when one side is
        /// two neighbouring words written together (compared by sound only, no spelling).
        private func aligned(_ unit: PreparedToken, joined: Bool) -> [(id: Int32, similarity: Double)] {
            let key = ScreeningIndex.vocabularyKey(unit)
            if let hit = joined ? joinedCache[key] : cache[key] { return hit }
            if let hit = shared?.get(key, joined: joined) {
                remember(key, joined: joined, hit)
                return hit
            }
            var found: [Int32] = []
            // Sharing half the longer token's bigrams bounds the entry's length: at least
            // needed - 1, at most 2 × (distinct bigrams of the unit). Count shared bigrams over
            // the postings of the unit's bigrams, within that length range.
            let needed = NameSimilarity.requiredSharedBigrams(unit.bytes.count, 0)
            if !joined && needed <= unit.bigrams.count {
                let shortest = Int32(max(2, needed - 1)), longest = Int32(2 * unit.bigrams.count)
                let postingsByGram = index.bigramPostings, lengths = index.vocabularyLengths
                var touched: [Int32] = []
                let startsByGram = index.bigramLengthStarts
                counts.withUnsafeMutableBufferPointer { counts in
                    for gram in unit.bigrams {
                        let starts = startsByGram[Int(gram)]
                        if starts.isEmpty { continue }
                        let from = Int(starts[min(Int(shortest), starts.count - 1)])
                        let to = Int(starts[min(Int(longest) + 1, starts.count - 1)])
                        if from >= to { continue }
                        postingsByGram[Int(gram)].withUnsafeBufferPointer { postings in
                            for k in from..<to {
                                let id = Int(postings[k])
                                if counts[id] == 0 { touched.append(Int32(id)) }
                                counts[id] &+= 1
                            }
                        }
                    }
                    for id in touched {
                        let required = NameSimilarity.requiredSharedBigrams(unit.bytes.count, Int(lengths[Int(id)]))
                        if Int(counts[Int(id)]) >= required { found.append(id) }
                        counts[Int(id)] = 0
                    }
                }
            }
            found += index.phoneticPostings[unit.phonetic] ?? []
            for key in unit.skeletons where !key.isEmpty { found += index.skeletonPostings[key] ?? [] }
            found += index.initialPostings[unit.bytes[0]] ?? []
            found.sort()
            var result: [(id: Int32, similarity: Double)] = []
            var previous: Int32 = -1
            for id in found where id != previous {
                previous = id
                let similarity = NameScorer.similarity(unit, index.vocabulary[Int(id)], joined: joined).value
                if similarity > (joined ? NameScorer.minimumJoinedSimilarity - 1e-12 : 0) { result.append((id, similarity)) }
            }
            shared?.put(key, joined: joined, result)
            remember(key, joined: joined, result)
            return result
        }

        private func remember(_ key: String, joined: Bool, _ result: [(id: Int32, similarity: Double)]) {
            if cache.count + joinedCache.count > 200_000 {
                cache.removeAll(keepingCapacity: true)
                joinedCache.removeAll(keepingCapacity: true)
            }
            if joined { joinedCache[key] = result } else { cache[key] = result }
        }

        public func screen(_ query: ScreeningQuery, threshold: Double = ScreeningIndex.defaultThreshold, limit: Int = 20) -> [ScreeningMatch] {
            return screen(QueryBound.readings(of: query.name).map { $0.weighted(by: index.frequencies) }, query, threshold: threshold, limit: limit)
        }

        /// Many queries, as `screen` gives them one by one. Their names are normalised together,
        /// in chunks, because ICU's set-up for transliterating other scripts costs more per call
        /// than the transliteration itself.
        public func screen(_ queries: [ScreeningQuery], threshold: Double = ScreeningIndex.defaultThreshold,
                           limit: Int = 20) -> [[ScreeningMatch]] {
            var results: [[ScreeningMatch]] = []
            results.reserveCapacity(queries.count)
            for start in stride(from: 0, to: queries.count, by: 1024) {
                let chunk = queries[start..<min(queries.count, start + 1024)]
                // The names, then the other readings of those that have them, all normalised at once.
                let names = chunk.map { QueryBound.screened($0.name).text }
                let readings = names.map(NameNormalizer.readings)
                let normalized = NameNormalizer.normalize(names + readings.joined()).map(QueryBound.bounded)
                var next = chunk.count
                for (k, query) in chunk.enumerated() {
                    let more = normalized[next..<(next + readings[k].count)]
                    next = more.endIndex
                    results.append(screen(([normalized[k]] + more).map { PreparedName($0).weighted(by: index.frequencies) }, query,
                                          threshold: threshold, limit: limit))
                }
            }
            return results
        }

        /// `readings`: the query's name, then its other readings, each screened as a name.
        func screen(_ readings: [PreparedName], _ query: ScreeningQuery, threshold: Double, limit: Int) -> [ScreeningMatch] {
            index.finish(readings, query, readings.map { best($0, query, threshold: threshold) }, limit: limit)
        }

        /// As `ScreeningIndex.bruteForce(_:_:threshold:)`, scoring only the names that may reach `threshold`.
        func best(_ prepared: PreparedName, _ query: ScreeningQuery, threshold: Double) -> [Int: (score: Double, name: Int)] {
            let tokens = prepared.tokens
            guard !tokens.isEmpty else { return [:] }
            let width = tokens.count
            if width > 64 { return index.bruteForce(prepared, query, threshold: threshold) }
            let weights = prepared.weights
            // A query initial may align with any word of that letter, perfectly with the same initial.
            let floors = tokens.map { $0.isInitial ? 1.0 : 0.0 }
            let slack = 1e-9
            let most = ScreeningQualifiers.maximum(query)
            if NameScorer.upperBound(querySimilarities: floors, weights: weights) * most + slack >= threshold {
                return index.bruteForce(prepared, query, threshold: threshold)
            }
            // Work on local copies: no exclusivity checks in the hot loops.
            var slots = self.slots, masks = self.masks, slotOf = self.slotOf, touchedNames = self.touchedNames
            self.slots = []; self.masks = []; self.slotOf = []; self.touchedNames = []
            defer {
                slots.removeAll(keepingCapacity: true)
                masks.removeAll(keepingCapacity: true)
                touchedNames.removeAll(keepingCapacity: true)
                self.slots = slots; self.masks = masks; self.slotOf = slotOf; self.touchedNames = touchedNames
            }
            func raise(_ posting: Int32, _ unit: PreparedName.Unit, _ similarity: Double, joined: Bool, create: Bool) {
                let name = Int(posting >> 6)
                var slot = Int(slotOf[name])
                if slot < 0 {
                    if !create { return }
                    slot = slots.count
                    slots.append(contentsOf: floors)
                    masks.append(0)
                    slotOf[name] = Int32(slot)
                    touchedNames.append(Int32(name))
                }
                for i in unit.first..<(unit.first + unit.count) where slots[slot + i] < similarity { slots[slot + i] = similarity }
                masks[slot / width] |= (joined ? 3 : 1) << UInt64(posting & 63)
            }
            // Light tokens that cannot lift a name to the threshold on their own (with every
            // other light token) only refine names found through the others.
            var light = floors
            for i in tokens.indices.sorted(by: { (weights[$0], $0) < (weights[$1], $1) }) where light[i] == 0 {
                light[i] = 1
                if NameScorer.upperBound(querySimilarities: light, weights: weights) * most + slack >= threshold {
                    light[i] = 0
                    break
                }
            }
            for pass in 0..<2 {
                for unit in prepared.units where !unit.token.isInitial {
                    let lightOnly = (unit.first..<(unit.first + unit.count)).allSatisfy { light[$0] == 1 }
                    if lightOnly != (pass == 1) { continue }
                    if unit.count == 1 {
                        for (id, similarity) in aligned(unit.token, joined: false) {
                            for posting in index.tokenPostings[Int(id)] { raise(posting, unit, similarity, joined: false, create: !lightOnly) }
                        }
                        for (id, similarity) in aligned(unit.token, joined: true) {
                            for posting in index.pairPostings[Int(id)] { raise(posting, unit, similarity, joined: true, create: !lightOnly) }
                        }
                    } else {
                        for (id, similarity) in aligned(unit.token, joined: true) {
                            for posting in index.tokenPostings[Int(id)] { raise(posting, unit, similarity, joined: false, create: !lightOnly) }
                        }
                    }
                }
            }
            var best: [Int: (score: Double, name: Int)] = [:]
            var bests = [Double](repeating: 0, count: width)
            let qualified = most != 1 || (query.type != nil && query.type != .unknown)
            // Candidate tokens aligned by a query initial are not marked: then no side bound.
            let candidateBound = !floors.contains(1)
            let weightStart = index.nameWeightStart, flatWeights = index.nameWeights, weak = index.nameIsWeak
            let nameRecord = index.nameRecord
            for name in touchedNames {
                let name = Int(name)
                let slot = Int(slotOf[name])
                for i in 0..<width { bests[i] = slots[slot + i] }
                let marked = masks[slot / width]
                slotOf[name] = -1
                var cap = NameScorer.upperBound(querySimilarities: bests, weights: weights) * (weak[name] ? NameScorer.weakAlias : 1)
                let first = Int(weightStart[name]), end = Int(weightStart[name + 1])
                if candidateBound && end - first < 64 {
                    // The name's tokens that nothing in the query aligns with count at least as dropped middle names.
                    var matched = 0.0, total = 0.0
                    for i in first..<end {
                        total += flatWeights[i]
                        if marked & (1 << UInt64(i - first)) != 0 { matched += flatWeights[i] }
                    }
                    cap *= matched / (matched + min(NameScorer.missingMiddleWeight, NameScorer.missingWeight) * (total - matched))
                }
                if cap * most + slack < threshold { continue }
                let record = Int(nameRecord[name])
                if qualified && cap * ScreeningQualifiers.factor(query, index.records[record], explain: false).value + slack < threshold { continue }
                let score = index.quickScore(prepared, query, name)
                if score >= threshold, (best[record]?.score ?? -1) < score || (best[record]!.score == score && best[record]!.name > name) {
                    best[record] = (score, name)
                }
            }
            return best
        }
    }
}
