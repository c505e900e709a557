/// The answer for one item, destination and transfer, with the rule that gave it.
public struct Determination: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case noLicenceRequired
        case generalAuthorisation(id: String, conditions: [String])
        case licenceRequired
        case prohibited
        case indeterminate(missing: [String])

        public var kind: String {
            switch self {
            case .noLicenceRequired: "no-licence-required"
            case .generalAuthorisation: "general-authorisation"
            case .licenceRequired: "licence-required"
            case .prohibited: "prohibited"
            case .indeterminate: "indeterminate"
            }
        }

        public var title: String {
            switch self {
            case .noLicenceRequired: "No licence required"
            case .generalAuthorisation(let id, _): "General authorisation \(id) available"
            case .licenceRequired: "Licence required"
            case .prohibited: "Prohibited"
            case .indeterminate: "Indeterminate"
            }
        }

        /// Most restrictive first: when a product has several codes, the worst outcome decides.
        public var severity: Int {
            switch self {
            case .prohibited: 4
            case .licenceRequired: 3
            case .indeterminate: 2
            case .generalAuthorisation: 1
            case .noLicenceRequired: 0
            }
        }
    }

    public let outcome: Outcome
    public let ruleID: String
    public let citation: String
    /// One sentence: why this outcome.
    public let why: String
    /// The code the determination is about, when there is one.
    public let code: String?
    /// Ids of the catch-all questions whose missing answers keep the outcome open.
    public let unanswered: [String]

    public init(outcome: Outcome, ruleID: String, citation: String, why: String, code: String? = nil, unanswered: [String] = []) {
        self.outcome = outcome
        self.ruleID = ruleID
        self.citation = citation
        self.why = why
        self.code = code
        self.unanswered = unanswered
    }
}

/// Decides licence requirements from a ruleset. Pure: no files, no clock.
///
/// Missing or unknown data never yields "no licence required": an unclassified product, an
/// unknown country code, a destination no rule covers or an unanswered catch-all question
/// gives `indeterminate`, naming what is missing.
public struct LicenceEngine: Sendable {
    public let ruleset: Ruleset

    public init(ruleset: Ruleset) {
        self.ruleset = ruleset
    }

    public struct Question: Sendable {
        public let classification: Classification
        /// Facts for each code of a listed product (empty otherwise).
        public let items: [ItemFacts]
        public let destination: String
        public let transfer: TransferKind
        /// Catch-all answers by question id; absent means not answered.
        public let answers: [String: Bool]

        public init(classification: Classification, items: [ItemFacts] = [], destination: String,
                    transfer: TransferKind = .physicalExport, answers: [String: Bool] = [:]) {
            self.classification = classification
            self.items = items
            self.destination = destination
            self.transfer = transfer
            self.answers = answers
        }
    }

    /// The determination for a product: each listed code is decided on its own and the most
    /// restrictive result stands (ties: the first code).
    public func determine(_ question: Question) -> Determination {
        guard CountryCode.isAssigned(question.destination) else {
            return Determination(outcome: .indeterminate(missing: ["a valid ISO 3166 destination code"]), ruleID: "engine.unknown-destination",
                                 citation: "ISO 3166-1", why: "'\(question.destination)' is not an ISO 3166 country code, so no rule can be applied.")
        }
        switch question.classification {
        case .unclassified:
            return Determination(outcome: .indeterminate(missing: ["the product's classification against the control list"]),
                                 ruleID: "engine.unclassified", citation: ruleset.title,
                                 why: "The product has not been classified, so whether it is listed is unknown.")
        case .notListed:
            return evaluate(item: nil, question)
        case .listed:
            guard !question.items.isEmpty else {
                return Determination(outcome: .indeterminate(missing: ["the product's control codes"]), ruleID: "engine.no-codes",
                                     citation: ruleset.title, why: "The product is marked as listed but names no control code.")
            }
            let results = question.items.map { evaluate(item: $0, question) }
            return results.dropFirst().reduce(results[0]) { $1.outcome.severity > $0.outcome.severity ? $1 : $0 }
        }
    }

    private func evaluate(item: ItemFacts?, _ question: Question) -> Determination {
        for rule in ruleset.rules where matches(rule.when, item: item, question) {
            if !rule.ask.isEmpty {
                let answers = rule.ask.map { question.answers[$0] }
                if !answers.contains(true) {
                    if answers.allSatisfy({ $0 == false }) { continue }
                    let unanswered = rule.ask.filter { question.answers[$0] == nil }
                    return Determination(outcome: .indeterminate(missing: unanswered.map { ruleset.questions[$0]?.text ?? $0 }),
                                         ruleID: rule.id, citation: rule.citation,
                                         why: "Catch-all questions are unanswered; until they are answered no, the outcome is open.",
                                         code: item?.code, unanswered: unanswered)
                }
            }
            switch rule.outcome {
            case .countryChart:
                if let result = chart(rule, item: item, question) { return result }
            case .noLicenceRequired:
                return Determination(outcome: .noLicenceRequired, ruleID: rule.id, citation: rule.citation, why: rule.why, code: item?.code)
            case .generalAuthorisation(let id, let conditions):
                return Determination(outcome: .generalAuthorisation(id: id, conditions: conditions), ruleID: rule.id,
                                     citation: rule.citation, why: rule.why, code: item?.code)
            case .licenceRequired:
                return Determination(outcome: .licenceRequired, ruleID: rule.id, citation: rule.citation, why: rule.why, code: item?.code)
            case .prohibited:
                return Determination(outcome: .prohibited, ruleID: rule.id, citation: rule.citation, why: rule.why, code: item?.code)
            case .indeterminate(let missing):
                return Determination(outcome: .indeterminate(missing: missing), ruleID: rule.id, citation: rule.citation,
                                     why: rule.why, code: item?.code)
            }
        }
        return Determination(outcome: .indeterminate(missing: ["a rule covering this item, destination and transfer"]),
                             ruleID: "engine.no-rule", citation: ruleset.title,
                             why: "No rule of \(ruleset.title) covers \(item?.code ?? "an unlisted item") to \(question.destination) by \(question.transfer.title).",
                             code: item?.code)
    }

    /// The Country Chart: every reason's column is checked separately; one X is enough for a
    /// licence. A destination without a row, or an item without chart data, is indeterminate.
    private func chart(_ rule: Ruleset.Rule, item: ItemFacts?, _ question: Question) -> Determination? {
        guard let item else { return nil }
        let code = item.code
        guard let chart = ruleset.chart, let marks = chart.marks[question.destination] else {
            return Determination(outcome: .indeterminate(missing: ["a Country Chart row for \(question.destination)"]), ruleID: rule.id,
                                 citation: ruleset.chart?.citation ?? rule.citation,
                                 why: "\(question.destination) has no row in the Country Chart, so the chart cannot decide.", code: code)
        }
        let marked = item.chartColumns.filter { marks.contains($0) }
        if !marked.isEmpty {
            let list = marked.joined(separator: ", ")
            return Determination(outcome: .licenceRequired, ruleID: rule.id, citation: chart.citation,
                                 why: "\(code) is controlled for \(list) and the Country Chart has an X for \(question.destination) in "
                                    + (marked.count == 1 ? "that column" : "each of these columns; each reason must be overcome separately") + ".",
                                 code: code)
        }
        if !item.otherRequirements.isEmpty {
            return Determination(outcome: .indeterminate(missing: item.otherRequirements), ruleID: rule.id, citation: chart.citation,
                                 why: "\(code) has licence requirements the Country Chart does not decide.", code: code)
        }
        guard !item.chartColumns.isEmpty else {
            return Determination(outcome: .indeterminate(missing: ["the licence requirements of \(code)"]), ruleID: rule.id,
                                 citation: chart.citation, why: "\(code) names no Country Chart column, so the chart cannot decide.", code: code)
        }
        return Determination(outcome: .noLicenceRequired, ruleID: rule.id, citation: chart.citation,
                             why: "\(code) is controlled for \(item.chartColumns.joined(separator: ", ")) and the Country Chart has no X for \(question.destination) in any of them.",
                             code: code)
    }

    private func matches(_ condition: Ruleset.Condition, item: ItemFacts?, _ question: Question) -> Bool {
        if let classification = condition.classification {
            guard classification == (item == nil ? .notListed : .listed) else { return false }
        }
        if !condition.destinations.isEmpty,
           !condition.destinations.contains(where: { ruleset.destination(question.destination, matches: $0) }) { return false }
        if condition.notDestinations.contains(where: { ruleset.destination(question.destination, matches: $0) }) { return false }
        if !condition.transfers.isEmpty, !condition.transfers.contains(question.transfer) { return false }
        let needsItem = !condition.reasons.isEmpty || !condition.regimes.isEmpty || !condition.codes.isEmpty || condition.annexIV != nil
        guard needsItem else { return true }
        guard let item else { return false }
        if !condition.reasons.isEmpty, !condition.reasons.contains(where: item.reasons.contains) { return false }
        if !condition.regimes.isEmpty, !condition.regimes.contains(where: item.regimes.contains) { return false }
        if !condition.codes.isEmpty, !condition.codes.contains(where: { item.code == $0 || item.code.hasPrefix($0 + ".") }) { return false }
        if let annexIV = condition.annexIV, item.annexIV != annexIV { return false }
        return true
    }
}
