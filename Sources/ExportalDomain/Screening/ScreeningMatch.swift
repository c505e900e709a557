/// What is screened: a name, and optionally what else the requester knows about the party.
public struct ScreeningQuery: Sendable, Equatable {
    public let name: String
    /// ISO 3166-1 alpha-2, compared with the party's countries.
    public let country: String?
    public let birthYear: Int?
    /// Individual or not; `nil` or `.unknown` leaves the type out of the score.
    public let type: PartyRecord.EntityType?

    public init(name: String, country: String? = nil, birthYear: Int? = nil, type: PartyRecord.EntityType? = nil) {
        self.name = name
        self.country = country
        self.birthYear = birthYear
        self.type = type
    }
}

/// A listed party whose best name scored at or above the threshold.
public struct ScreeningMatch: Sendable, Equatable {
    public let listID: String
    public let recordID: String
    /// The primary name or alias that scored best, as listed.
    public let name: String
    public let score: Double
    /// Why, e.g. "tokens aligned 3/3", "phonetic match on 'MOHAMMED'~'MUHAMMAD'", "country matches (IR)".
    public let features: [String]
}

/// Multipliers that come from the party rather than the name: entity type, country, birth year.
///
///     let record = PartyRecord(id: "1", primaryName: "X", type: .individual, countries: ["IR"], birthDates: ["1965"])
///     ScreeningQualifiers.factor(ScreeningQuery(name: "X", country: "IR", birthYear: 1965), record).value  // 1.1025
public enum ScreeningQualifiers {
    public static func factor(_ query: ScreeningQuery, _ record: PartyRecord, explain: Bool = true) -> (value: Double, features: [String]) {
        var value = 1.0
        var features: [String] = []
        if let type = query.type, type != .unknown, record.type != .unknown, (type == .individual) != (record.type == .individual) {
            value *= NameScorer.entityTypeMismatch
            if explain { features.append("entity type differs (\(type.rawValue) vs \(record.type.rawValue)) ×\(NameScorer.format(NameScorer.entityTypeMismatch))") }
        }
        if let country = query.country?.uppercased(), !country.isEmpty, !record.countries.isEmpty {
            if record.countries.contains(where: { $0.uppercased() == country }) {
                value *= NameScorer.countryMatch
                if explain { features.append("country matches (\(country))") }
            } else {
                value *= NameScorer.countryMismatch
                if explain { features.append("country differs (\(country) vs \(record.countries.joined(separator: ", "))) ×\(NameScorer.format(NameScorer.countryMismatch))") }
            }
        }
        if let year = query.birthYear {
            let years = record.birthDates.compactMap { date -> Int? in
                let digits = date.prefix(while: { $0.isNumber })
                return digits.count == 4 ? Int(digits) : nil
            }
            if !years.isEmpty {
                if years.contains(year) {
                    value *= NameScorer.birthYearMatch
                    if explain { features.append("birth year matches (\(year))") }
                } else if years.contains(where: { abs($0 - year) <= 1 }) {
                    if explain { features.append("birth year close (\(year) vs \(years.map(String.init).joined(separator: ", ")))") }
                } else {
                    value *= NameScorer.birthYearMismatch
                    if explain { features.append("birth year differs (\(year) vs \(years.map(String.init).joined(separator: ", "))) ×\(NameScorer.format(NameScorer.birthYearMismatch))") }
                }
            }
        }
        return (value, features)
    }

    /// The largest factor any party could give this query.
    static func maximum(_ query: ScreeningQuery) -> Double {
        (query.country == nil ? 1 : NameScorer.countryMatch) * (query.birthYear == nil ? 1 : NameScorer.birthYearMatch)
    }
}

/// Scores two names directly, for one-off comparisons and benchmarks on labelled pairs: the best
/// score of any reading of one (`NameNormalizer.readings(of:)`) against any of the other, as
/// screening gives it.
///
///     NameMatcher.compare("Mohammed Ali", "ALI, Muhammad").value  // ≈ 0.96
///     NameMatcher.compare("金正恩", "Kim Jong Un").features.first   // "query read as Korean (김정은)"
///
/// `frequencies`: how common words are on the lists the candidate is from (an index's
/// `frequencies`), for the score screening against them gives; by default every word counts in full.
public enum NameMatcher {
    public static func compare(_ query: String, _ candidate: String, type: PartyRecord.EntityType? = nil,
                               candidateType: PartyRecord.EntityType? = nil, frequencies: TokenFrequencies = .none) -> NameScorer.Score {
        let queries = NameNormalizer.spellings(of: query).map { PreparedName($0).weighted(by: frequencies) }
        let candidates = NameNormalizer.spellings(of: candidate).map { PreparedName($0).weighted(by: frequencies) }
        var best = (score: NameScorer.Score(value: -1, features: []), query: 0, candidate: 0)
        for (q, prepared) in queries.enumerated() {
            for (c, listed) in candidates.enumerated() {
                let score = NameScorer.score(query: prepared, candidate: listed)
                if score.value > best.score.value { best = (score, q, c) }
            }
        }
        let notes = ReadingNotes.features(query: best.query > 0 ? queries[best.query] : nil,
                                          candidate: best.candidate > 0 ? candidates[best.candidate] : nil)
        let score = NameScorer.Score(value: best.score.value, features: notes + best.score.features)
        guard let type, let candidateType else { return score }
        let record = PartyRecord(id: "", primaryName: candidate, type: candidateType)
        let qualifiers = ScreeningQualifiers.factor(ScreeningQuery(name: query, type: type), record)
        return NameScorer.Score(value: min(1, score.value * qualifiers.value), features: score.features + qualifiers.features)
    }
}

/// The first features of a match found through another reading of a name
/// (`NameNormalizer.readings(of:)`), saying which: the query's, the listed name's, or both.
enum ReadingNotes {
    static func features(query: PreparedName?, candidate: PreparedName?) -> [String] {
        func note(_ prepared: PreparedName) -> String {
            "read as \(NameNormalizer.language(ofReading: prepared.normalized.original)) (\(prepared.normalized.original))"
        }
        return [query.map { "query " + note($0) }, candidate.map { "listed name " + note($0) }].compactMap { $0 }
    }
}
