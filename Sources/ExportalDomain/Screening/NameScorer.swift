/// A name token with everything the scorer compares precomputed once (a class: names share
/// tokens and copying one costs a single reference count).
public final class PreparedToken: Sendable {
    public let text: String
    public let bytes: [UInt8]
    public let kind: NameToken.Kind
    public let fromAbjad: Bool
    let bigrams: [UInt16]
    let phonetic: [UInt8]
    /// Sound codes, on which the edits of a spelling difference are counted.
    let sounds: [UInt8]
    /// Consonant skeletons: W kept as V, then (abjad only) W dropped, the same without the
    /// article that begins a word, and with an article inside it said into its sun letter.
    let skeletons: [[UInt8]]
    /// How much the token counts: long words more than short ones, particles and initials
    /// little, articles not at all.
    let weight: Double
    /// Only digits: a one-digit number is not an initial.
    let isNumber: Bool
    /// One letter: an initial.
    var isInitial: Bool { bytes.count == 1 && !isNumber }

    /// `spelling: false` leaves out the bigrams, for joined neighbours (compared by sound only).
    init(_ text: String, kind: NameToken.Kind, fromAbjad: Bool, spelling: Bool = true) {
        self.text = text
        bytes = Array(text.utf8)
        self.kind = kind
        self.fromAbjad = fromAbjad
        bigrams = spelling ? NameSimilarity.bigrams(bytes) : []
        phonetic = NameSimilarity.phoneticKey(bytes)
        sounds = NameSimilarity.soundCodes(bytes)
        var skeletons = [NameSimilarity.consonantSkeleton(bytes, dropSemivowels: false)]
        if fromAbjad {
            let dropped = NameSimilarity.consonantSkeleton(bytes, dropSemivowels: true)
            if dropped != skeletons[0] { skeletons.append(dropped) }
            // Arabic writes the article joined to the word (المهدي, ALMHDY), where Latin spellings
            // often leave it out (MEHDI) or write it apart: the word without it compares too, when
            // three consonants are left (two, as NS of الناز, would meet too many short names).
            if bytes.count >= 5 && bytes.starts(with: [UInt8(ascii: "A"), UInt8(ascii: "L")]) {
                for dropSemivowels in [false, true] {
                    let key = NameSimilarity.consonantSkeleton(Array(bytes.dropFirst(2)), dropSemivowels: dropSemivowels)
                    if key.count >= 3 && !skeletons.contains(key) { skeletons.append(key) }
                }
            }
            // Inside a word (two written together), the article before a sun letter is said with
            // it, and often so written: JLAL ALDYN together as JALALUDDIN, NWR ALDYN as NOUREDDINE.
            if let assimilated = Self.articleAssimilated(bytes) {
                let key = NameSimilarity.consonantSkeleton(assimilated, dropSemivowels: false)
                if !skeletons.contains(key) { skeletons.append(key) }
            }
        }
        self.skeletons = skeletons
        isNumber = !bytes.isEmpty && bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        weight = kind == .article ? 0 : kind == .particle || bytes.count == 1 ? 0.3 : 0.6 + 0.1 * Double(min(bytes.count, 8))
    }

    /// The token with its first article after the start (AL before a sun letter: D, N, R, S, T,
    /// Z) said as Arabic says it, the L doubling the letter: JLALALDYN as JLALUDDYN. nil when it has none.
    static func articleAssimilated(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 4 else { return nil }
        for k in 1..<(bytes.count - 2) where bytes[k] == UInt8(ascii: "A") && bytes[k + 1] == UInt8(ascii: "L") && sunLetters.contains(bytes[k + 2]) {
            return Array(bytes[..<k]) + [UInt8(ascii: "U"), bytes[k + 2]] + bytes[(k + 2)...]
        }
        return nil
    }

    private static let sunLetters: Set<UInt8> = Set("DNRSTZ".utf8)
}

/// A name ready for scoring: its tokens, and each pair of neighbouring tokens written together
/// (so "JIN PING" can align with "JINPING" and "AL QAIDA" with "ALQAIDA").
public struct PreparedName: Sendable {
    public struct Unit: Sendable {
        public let first: Int
        public let count: Int
        public let token: PreparedToken
    }

    public let normalized: NormalizedName
    public let tokens: [PreparedToken]
    public let units: [Unit]
    public let legalForms: [String]
    /// Per token: how much less it counts for being common on the lists (`TokenFrequencies`), and
    /// its weight so lowered, which the scorer uses.
    public let frequencyFactors: [Double]
    public let weights: [Double]

    public init(_ name: String) { self.init(NameNormalizer.normalize(name)) }

    public init(_ normalized: NormalizedName) {
        self.normalized = normalized
        let tokens = normalized.nameTokens.map { PreparedToken($0.text, kind: $0.kind, fromAbjad: $0.fromAbjad) }
        self.tokens = tokens
        frequencyFactors = tokens.map { _ in 1 }
        weights = tokens.map(\.weight)
        var units = tokens.indices.map { Unit(first: $0, count: 1, token: tokens[$0]) }
        if tokens.count > 1 {
            for i in 0..<(tokens.count - 1) {
                let joined = PreparedToken(tokens[i].text + tokens[i + 1].text, kind: .name,
                                           fromAbjad: tokens[i].fromAbjad || tokens[i + 1].fromAbjad, spelling: false)
                units.append(Unit(first: i, count: 2, token: joined))
            }
        }
        self.units = units
        legalForms = normalized.legalForms
    }

    private init(_ name: PreparedName, frequencyFactors: [Double]) {
        normalized = name.normalized
        tokens = name.tokens
        units = name.units
        legalForms = name.legalForms
        self.frequencyFactors = frequencyFactors
        weights = zip(name.tokens, frequencyFactors).map { $0.weight * $1 }
    }

    /// The name with its common words counting less.
    public func weighted(by frequencies: TokenFrequencies) -> PreparedName {
        PreparedName(self, frequencyFactors: tokens.map(frequencies.factor))
    }
}

/// Scores how well a query name matches a listed name, explaining the score.
///
/// Tokens are aligned in any order (greedy on the similarity matrix, best pair first); a pair of
/// neighbouring tokens may align with one token when, written together, they sound the same
/// (equal phonetic key or skeleton: JIN PING ~ JINPING, ABDUL RAHMAN ~ ABDULRAHMAN). Token similarity is the
/// best of: equal text (1), Jaro-Winkler on the spelling, a shared phonetic key (at least
/// `phoneticSimilarity`), an equal consonant skeleton when one side was written in an abjad
/// (`skeletonSimilarity`), and an initial against a word with that first letter
/// (`initialSimilarity`). Pairs below `minimumTokenSimilarity` do not align. An article (AL, EL,
/// UL, AD...) aligns with any other article and with nothing else, and weighs nothing: whether
/// a side writes it, and how, changes no score.
///
/// The name score is the weighted mean similarity of the aligned query tokens (each weighing
/// more the longer it is, and less the more common it is on the lists: `PreparedName.weights`), times a coverage
/// factor on each side, in which an unaligned token counts a share of its weight. The shares
/// differ by side: a listed token the query lacks is how people write listed names (without the
/// middle name or patronymic: "Husan Gaziev" for HUSAN ISAEVICH GAZIEV) and costs
/// `missingWeight`, or only `missingMiddleWeight` when the query is otherwise fully aligned; a
/// query token the listed name lacks more often means another person ("Abdul Manan Arif" for
/// ABDUL MANAN) and costs `extraWeight`, or `extraMiddleWeight` when the listed name is
/// otherwise fully aligned. The smaller shares need at least two tokens aligned.
///
///     let score = NameScorer.score(query: PreparedName("Mohammed Ali"), candidate: PreparedName("ALI, Muhammad"))
///     // score.value ≈ 0.96, features ["tokens aligned 2/2", "phonetic match on 'MOHAMMED'~'MUHAMMAD'"]
public enum NameScorer {
    public static let minimumTokenSimilarity = 0.80
    public static let minimumJoinedSimilarity = 0.88
    public static let phoneticSimilarity = 0.90
    public static let skeletonSimilarity = 0.88
    public static let initialSimilarity = 0.80
    /// Shares of an unaligned token's weight that count against the score (see above).
    public static let missingWeight = 0.60, missingMiddleWeight = 0.20
    public static let extraWeight = 0.80, extraMiddleWeight = 0.40
    /// Taken off a spelling similarity per edit beyond the budget (see `spelling`).
    public static let editPenalty = 0.15
    /// Multipliers applied after the name score.
    public static let legalFormMismatch = 0.92
    public static let weakAlias = 0.90
    public static let entityTypeMismatch = 0.70
    public static let countryMatch = 1.05, countryMismatch = 0.90
    public static let birthYearMatch = 1.05, birthYearMismatch = 0.85

    public struct Score: Sendable, Equatable {
        public let value: Double
        public let features: [String]
    }

    enum Reason { case exact, spelling, phonetic, skeleton, initial, article }

    /// Similarity of two tokens, 0 when they do not align. A spelling comparison is made only
    /// when they share `NameSimilarity.requiredSharedBigrams` bigrams (the index relies on it).
    static func similarity(_ a: PreparedToken, _ b: PreparedToken, joined: Bool = false) -> (value: Double, reason: Reason) {
        // AL and ALI share most of their spelling, but an article is no name.
        if (a.kind == .article) != (b.kind == .article) { return (0, .spelling) }
        if a.bytes == b.bytes { return (1, .exact) }
        if a.kind == .article { return (1, .article) }
        if a.bytes.count == 1 || b.bytes.count == 1 {
            // A digit is no initial: "2" does not stand for "20".
            if a.isNumber || b.isNumber { return (0, .spelling) }
            return a.bytes[0] == b.bytes[0] ? (initialSimilarity, .initial) : (0, .spelling)
        }
        var best = 0.0, reason = Reason.spelling
        if !joined && NameSimilarity.sharedCount(a.bigrams, b.bigrams) >= NameSimilarity.requiredSharedBigrams(a.bytes.count, b.bytes.count) {
            best = spelling(a.bytes, b.bytes, sounds: (a.sounds, b.sounds))
        }
        // A key of one or two consonants (JOHN and JANE are both "JN") is weak evidence on its own.
        if a.phonetic == b.phonetic && best < phoneticSimilarity
            && (a.phonetic.count >= 3 || NameSimilarity.jaroWinkler(a.bytes, b.bytes) >= 0.75) {
            best = phoneticSimilarity
            reason = .phonetic
        }
        if (a.fromAbjad || b.fromAbjad) && best < skeletonSimilarity && !a.skeletons[0].isEmpty
            && a.skeletons.contains(where: { b.skeletons.contains($0) }) {
            best = skeletonSimilarity
            reason = .skeleton
        }
        return best >= minimumTokenSimilarity ? (best, reason) : (0, .spelling)
    }

    /// Jaro-Winkler, less `editPenalty` for every edit beyond the word's budget (`editBudget`).
    /// Edits are counted on the letters and on the sound codes, and the fewer count. In sound codes
    /// vowels are alike and transliteration digraphs are one sound (TS~S, KH~K, SH~SCH), so
    /// transliteration variants cost nothing (INTEGRATSIYA~INTEGRATION, ALEXANDROS~ALEXANDER); in
    /// letters a typing error is one edit even where it breaks a digraph (KALASHNIKOV~KALAHSNIKOF:
    /// two edits of letters, three of sounds). Different names with a shared start need more
    /// (ZUCKERMANN~ZUCKERBERG, which Jaro-Winkler alone rates above 0.8). Within the budget of
    /// letter edits a pair aligns at least at `minimumTokenSimilarity`: Jaro-Winkler rates one
    /// typing error in a word of three letters below it (ALI~XLI 0.78).
    public static func spelling(_ a: [UInt8], _ b: [UInt8]) -> Double {
        spelling(a, b, sounds: (NameSimilarity.soundCodes(a), NameSimilarity.soundCodes(b)))
    }

    /// Edits that typing errors and transliteration may explain in a word of `letters` letters
    /// (the longer of two): one, two from seven letters, three from fourteen.
    public static func editBudget(_ letters: Int) -> Int { 1 + letters / 7 }

    /// `spelling` with the tokens' sound codes computed beforehand.
    static func spelling(_ a: [UInt8], _ b: [UInt8], sounds: (a: [UInt8], b: [UInt8])) -> Double {
        let jaroWinkler = NameSimilarity.jaroWinkler(a, b)
        // One edit in three letters rates 0.78 to 0.80; below that no budget helps.
        if jaroWinkler < minimumTokenSimilarity - 0.05 { return jaroWinkler }
        let budget = editBudget(max(a.count, b.count))
        let heard = NameSimilarity.editDistance(sounds.a, sounds.b, limit: budget + 2)
        if heard <= budget && jaroWinkler >= minimumTokenSimilarity { return jaroWinkler }
        let typed = NameSimilarity.editDistance(a, b, limit: budget + 2)
        let edits = min(typed, heard)
        if edits > budget { return jaroWinkler - editPenalty * Double(edits - budget) }
        // The floor is for typing errors: one sound for another (MERKEL~MERCAZ) is not one.
        return typed <= budget ? max(jaroWinkler, minimumTokenSimilarity) : jaroWinkler
    }

    /// The name score without qualifiers. `explain` adds the features (slower).
    public static func score(query: PreparedName, candidate: PreparedName, explain: Bool = true) -> Score {
        let q = query.tokens, c = candidate.tokens
        guard !q.isEmpty, !c.isEmpty else { return Score(value: 0, features: explain ? ["nothing to compare"] : []) }
        // Every aligned pair candidate, best first.
        var pairs: [(s: Double, reason: Reason, qu: Int, cu: Int)] = []
        for (qi, qu) in query.units.enumerated() {
            for (ci, cu) in candidate.units.enumerated() where qu.count + cu.count <= 3 {
                let (s, reason) = similarity(qu.token, cu.token, joined: qu.count + cu.count == 3)
                if s == 0 || (qu.count + cu.count == 3 && s < minimumJoinedSimilarity) { continue }
                pairs.append((s, reason, qi, ci))
            }
        }
        pairs.sort { x, y in
            if x.s != y.s { return x.s > y.s }
            // As alike, the pair that explains more tokens: AL MOULATHAMOUN as one with ALMLTHMWN,
            // rather than MOULATHAMOUN alone and AL left over.
            let cx = query.units[x.qu].count + candidate.units[x.cu].count, cy = query.units[y.qu].count + candidate.units[y.cu].count
            if cx != cy { return cx > cy }
            let wx = query.units[x.qu].token.weight + candidate.units[x.cu].token.weight
            let wy = query.units[y.qu].token.weight + candidate.units[y.cu].token.weight
            if wx != wy { return wx > wy }
            return (x.qu, x.cu) < (y.qu, y.cu)
        }
        var qScore = [Double](repeating: -1, count: q.count)
        var cUsed = [Bool](repeating: false, count: c.count)
        var aligned: [(s: Double, reason: Reason, qu: Int, cu: Int)] = []
        for pair in pairs {
            let qu = query.units[pair.qu], cu = candidate.units[pair.cu]
            if (qu.first..<(qu.first + qu.count)).contains(where: { qScore[$0] >= 0 }) { continue }
            if (cu.first..<(cu.first + cu.count)).contains(where: { cUsed[$0] }) { continue }
            for i in qu.first..<(qu.first + qu.count) { qScore[i] = pair.s }
            for i in cu.first..<(cu.first + cu.count) { cUsed[i] = true }
            aligned.append(pair)
        }
        var matchedQ = 0.0, unmatchedQ = 0.0, weighted = 0.0, matchedC = 0.0, unmatchedC = 0.0
        for (i, weight) in query.weights.enumerated() {
            if qScore[i] >= 0 { matchedQ += weight; weighted += qScore[i] * weight } else { unmatchedQ += weight }
        }
        for (i, weight) in candidate.weights.enumerated() { if cUsed[i] { matchedC += weight } else { unmatchedC += weight } }
        guard matchedQ > 0 else { return Score(value: 0, features: explain ? ["no token aligned"] : []) }
        // Articles are not counted: they weigh nothing.
        let alignedCount = q.indices.filter { qScore[$0] >= 0 && q[$0].kind != .article }.count
        let queryComplete = !q.indices.contains { qScore[$0] < 0 && q[$0].kind != .particle && q[$0].kind != .article }
        let candidateComplete = !c.indices.contains { !cUsed[$0] && c[$0].kind != .particle && c[$0].kind != .article }
        let enough = alignedCount >= 2
        let uQ = enough && candidateComplete ? extraMiddleWeight : extraWeight
        let uC = enough && queryComplete ? missingMiddleWeight : missingWeight
        var value = weighted / (matchedQ + uQ * unmatchedQ) * matchedC / (matchedC + uC * unmatchedC)

        var features: [String] = []
        if explain {
            features.append("tokens aligned \(alignedCount)/\(q.filter { $0.kind != .article }.count)")
            for pair in aligned.sorted(by: { ($0.qu, $0.cu) < ($1.qu, $1.cu) }) {
                let a = query.units[pair.qu], b = candidate.units[pair.cu]
                let shown = "'\(label(a, in: query))'~'\(label(b, in: candidate))'"
                switch pair.reason {
                case .exact: if a.count + b.count == 3 { features.append("joined \(shown)") }
                case .spelling: features.append("spelling \(shown) \(format(pair.s))")
                case .phonetic: features.append("phonetic match on \(shown)")
                case .skeleton: features.append("consonant skeleton \(shown)")
                case .initial: features.append("initial \(shown)")
                case .article: features.append("article \(shown)")
                }
                if pair.reason != .exact && a.count + b.count == 3 { features.append("joined \(shown)") }
            }
            for (i, token) in q.enumerated() where qScore[i] < 0 {
                features.append(token.kind == .article ? "article '\(token.text)' in query ignored"
                                : uQ == extraMiddleWeight ? "extra name '\(token.text)' in query" : "unmatched '\(token.text)' in query")
            }
            for (i, token) in c.enumerated() where !cUsed[i] {
                features.append(token.kind == .article ? "article '\(token.text)' ignored"
                                : uC == missingMiddleWeight ? "dropped middle name '\(token.text)'" : "unmatched '\(token.text)'")
            }
            var common: [String] = []
            for (token, factor) in zip(q + c, query.frequencyFactors + candidate.frequencyFactors) where factor < 1 {
                let shown = "'\(token.text)' ×\(format(factor))"
                if !common.contains(shown) { common.append(shown) }
            }
            if !common.isEmpty { features.append("common on the lists: " + common.joined(separator: ", ")) }
        }
        // Legal forms: a different one lowers a little, one present on one side only is ignored.
        let ql = Set(query.legalForms), cl = Set(candidate.legalForms)
        if !ql.isEmpty && !cl.isEmpty {
            if ql.isDisjoint(with: cl) {
                value *= legalFormMismatch
                if explain { features.append("legal forms differ (\(ql.sorted().joined(separator: " ")) vs \(cl.sorted().joined(separator: " "))) ×\(format(legalFormMismatch))") }
            } else if explain {
                features.append("legal form matches (\(ql.intersection(cl).sorted().joined(separator: " ")))")
            }
        } else if explain && !(ql.isEmpty && cl.isEmpty) {
            features.append("legal form ignored (\(ql.union(cl).sorted().joined(separator: " ")))")
        }
        return Score(value: min(1, value), features: features)
    }

    /// The most a name can score given, for each query token, the best similarity it reaches
    /// with any unit of the name (0 when none): used by the index to skip names safely.
    static func upperBound(querySimilarities best: [Double], weights: [Double]) -> Double {
        // Tokens without weight (articles) change nothing, aligned or not, nor count as aligned.
        var total = 0.0, positives = 0
        for i in weights.indices {
            total += weights[i]
            if best[i] > 0 && weights[i] > 0 { positives += 1 }
        }
        if positives == 0 { return 0 }
        if positives == 1 {
            // One aligned query token: the others count in full.
            let i = best.indices.first { best[$0] > 0 && weights[$0] > 0 }!
            return min(1, best[i] * weights[i] / (weights[i] + extraWeight * (total - weights[i])))
        }
        // Two or more: the others may count as extra names of a fully aligned listed name. The best ratio over subsets of tokens is
        // reached by a prefix of them in falling similarity (Dinkelbach), so trying each prefix
        // bounds every alignment. Selection by repeated maximum: widths are small.
        var taken: UInt64 = 0
        var numerator = 0.0, matched = 0.0, bound = 0.0
        for _ in 0..<positives {
            var pick = -1
            for i in best.indices where best[i] > 0 && weights[i] > 0 && taken & (1 << UInt64(i)) == 0 && (pick < 0 || best[i] > best[pick]) { pick = i }
            taken |= 1 << UInt64(pick)
            numerator += best[pick] * weights[pick]
            matched += weights[pick]
            bound = max(bound, numerator / (matched + min(extraMiddleWeight, extraWeight) * (total - matched)))
        }
        return min(1, bound)
    }

    private static func label(_ unit: PreparedName.Unit, in name: PreparedName) -> String {
        unit.count == 1 ? unit.token.text : name.tokens[unit.first..<(unit.first + unit.count)].map(\.text).joined(separator: " ")
    }

    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
