/// Weights for rating a transaction (product × destination × party) low, medium or high.
/// Each factor adds its weight; the rating lists every factor that counted, so it explains itself.
public struct RiskModel: Sendable {
    public var mediumFrom = 3
    public var highFrom = 6
    /// The highest weight among an item's reasons for control counts once.
    public var reasons: [ReasonForControl: Int] = [:]
    /// The highest weight among an item's regimes counts once.
    public var regimes: [ControlRegime: Int] = [:]
    /// Destination groups (or single countries), each matching group counting.
    public var destinations: [(reference: String, weight: Int)] = []
    /// Party roles, e.g. `intermediary`.
    public var roles: [String: Int] = [:]
    public var missingEndUseStatement = 0
    public var unclassified = 0

    public init() {}
}

public struct RiskRating: Sendable, Equatable {
    public enum Level: String, Sendable, Comparable {
        case low, medium, high
        public static func < (a: Level, b: Level) -> Bool { [Level.low, .medium, .high].firstIndex(of: a)! < [Level.low, .medium, .high].firstIndex(of: b)! }
    }

    public struct Factor: Sendable, Equatable {
        public let label: String
        public let weight: Int
    }

    public let level: Level
    public let score: Int
    public let factors: [Factor]
}

extension Ruleset {
    /// Rates one transaction with the ruleset's risk model.
    public func rate(classification: Classification, items: [ItemFacts], destination country: String,
                     partyRole: String?, endUseStatement: Bool) -> RiskRating {
        var factors: [RiskRating.Factor] = []
        if classification == .unclassified, risk.unclassified > 0 {
            factors.append(.init(label: "product not classified", weight: risk.unclassified))
        }
        let reasons = Set(items.flatMap(\.reasons))
        if let (reason, weight) = reasons.compactMap({ r in risk.reasons[r].map { (r, $0) } }).max(by: { ($0.1, $1.0.rawValue) < ($1.1, $0.0.rawValue) }),
           weight > 0 {
            factors.append(.init(label: "item controlled for \(reason.rawValue) (\(reason.title.lowercased()))", weight: weight))
        }
        let regimes = Set(items.flatMap(\.regimes))
        if let (regime, weight) = regimes.compactMap({ r in risk.regimes[r].map { (r, $0) } }).max(by: { ($0.1, $1.0.rawValue) < ($1.1, $0.0.rawValue) }),
           weight > 0 {
            factors.append(.init(label: "item listed by the \(regime.title)", weight: weight))
        }
        for (reference, weight) in risk.destinations where destination(country, matches: reference) && weight > 0 {
            let name = groups[reference]?.title ?? reference
            factors.append(.init(label: "destination \(country) is in \(name)", weight: weight))
        }
        if let partyRole, let weight = risk.roles[partyRole], weight > 0 {
            factors.append(.init(label: "party acts as \(partyRole.replacingHyphens())", weight: weight))
        }
        if !endUseStatement, risk.missingEndUseStatement > 0 {
            factors.append(.init(label: "no end-use statement", weight: risk.missingEndUseStatement))
        }
        let score = factors.reduce(0) { $0 + $1.weight }
        let level: RiskRating.Level = score >= risk.highFrom ? .high : score >= risk.mediumFrom ? .medium : .low
        return RiskRating(level: level, score: score, factors: factors)
    }
}

private extension String {
    func replacingHyphens() -> String { String(map { $0 == "-" ? " " : $0 }) }
}
