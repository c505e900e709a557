import ExportalDomain

/// A ruleset together with the control-list facts it decides on: turns codes into `ItemFacts`
/// and products into determinations.
struct LicensingContext: Sendable {
    let ruleset: Ruleset
    /// Facts for every code of the ruleset's lists.
    private let facts: [String: ItemFacts]
    /// The list each code comes from, for links to entry pages.
    let listOf: [String: String]

    init(ruleset: Ruleset, lists: [ControlList]) {
        self.ruleset = ruleset
        var facts: [String: ItemFacts] = [:]
        var listOf: [String: String] = [:]
        for list in lists where ruleset.lists.contains(list.id) {
            for item in list.entries.flatMap(\.flattened) where facts[item.code.description] == nil {
                facts[item.code.description] = ItemFacts(
                    code: item.code.description, title: item.title, reasons: item.reasons, regimes: item.regimes,
                    annexIV: item.annexIV, chartColumns: item.chartColumns, otherRequirements: item.requirements)
                listOf[item.code.description] = list.id
            }
        }
        self.facts = facts
        self.listOf = listOf
    }

    var knownCodes: [String] { facts.keys.sorted() }

    func facts(for code: String) -> ItemFacts? { facts[code] }

    func determine(classification: Classification, codes: [String], destination: String,
                   transfer: TransferKind, answers: [String: Bool]) -> Determination {
        LicenceEngine(ruleset: ruleset).determine(.init(
            classification: classification, items: codes.compactMap { facts[$0] }, destination: destination,
            transfer: transfer, answers: answers))
    }
}

extension Determination {
    /// A plain dictionary for JSON output (`exportal determine --format json`, checklist.json).
    var jsonObject: [String: Any] {
        var object: [String: Any] = ["outcome": outcome.kind, "title": outcome.title, "rule": ruleID,
                                     "citation": citation, "why": why]
        if let code { object["code"] = code }
        switch outcome {
        case .generalAuthorisation(let id, let conditions):
            object["authorisation"] = id
            object["conditions"] = conditions
        case .indeterminate(let missing):
            object["missing"] = missing
        default:
            break
        }
        return object
    }
}
