/// How an item leaves: the transfer kinds rules can distinguish.
public enum TransferKind: String, Sendable, CaseIterable, Codable {
    case physicalExport = "physical-export"
    case electronicTransfer = "electronic-transfer"
    case intraUnion = "intra-union"
    case temporaryExhibition = "temporary-exhibition"
    case brokering

    public var title: String {
        switch self {
        case .physicalExport: "physical export"
        case .electronicTransfer: "electronic transfer of software or technology"
        case .intraUnion: "transfer inside the customs union"
        case .temporaryExhibition: "temporary export for an exhibition"
        case .brokering: "brokering"
        }
    }
}

/// What is known about a product's classification.
public enum Classification: String, Sendable, CaseIterable, Codable {
    case listed
    case notListed = "not-listed"
    case unclassified
}

/// A licensing ruleset, read from `rules/<jurisdiction>.yml`. Pure data: the engine decides,
/// the ruleset only describes.
public struct Ruleset: Sendable {
    public struct Group: Sendable {
        public let id: String
        public let title: String
        public let countries: Set<String>

        public init(id: String, title: String, countries: Set<String>) {
            self.id = id
            self.title = title
            self.countries = countries
        }
    }

    /// A catch-all question. Unanswered counts as "not known", never as "no".
    public struct Question: Sendable {
        public let id: String
        public let text: String
        public let citation: String

        public init(id: String, text: String, citation: String) {
            self.id = id
            self.text = text
            self.citation = citation
        }
    }

    /// The US Commerce Country Chart model: the columns each destination has an X in.
    public struct CountryChart: Sendable {
        public let columns: [String]
        public let marks: [String: Set<String>]
        public let citation: String

        public init(columns: [String], marks: [String: Set<String>], citation: String) {
            self.columns = columns
            self.marks = marks
            self.citation = citation
        }
    }

    public struct Condition: Sendable {
        public var classification: Classification?
        /// Group ids or ISO codes; empty means any destination.
        public var destinations: [String] = []
        public var notDestinations: [String] = []
        public var transfers: [TransferKind] = []
        public var reasons: [ReasonForControl] = []
        public var regimes: [ControlRegime] = []
        /// Entry or sub-item codes; an item matches a code or any code below it.
        public var codes: [String] = []
        public var annexIV: Bool?

        public init() {}
    }

    public enum RuleOutcome: Sendable, Equatable {
        case noLicenceRequired
        case generalAuthorisation(id: String, conditions: [String])
        case licenceRequired
        case prohibited
        case indeterminate(missing: [String])
        /// Decide from the country chart: the item's columns against the destination's marks.
        case countryChart
    }

    public struct Rule: Sendable {
        public let id: String
        public let precedence: Int
        public let when: Condition
        /// Catch-all questions: the rule applies when any is answered yes; when none is yes but
        /// some are unanswered, the result is indeterminate; when all are no, the rule is skipped.
        public let ask: [String]
        public let outcome: RuleOutcome
        public let citation: String
        public let why: String

        public init(id: String, precedence: Int, when: Condition, ask: [String] = [], outcome: RuleOutcome, citation: String, why: String) {
            self.id = id
            self.precedence = precedence
            self.when = when
            self.ask = ask
            self.outcome = outcome
            self.citation = citation
            self.why = why
        }
    }

    public let id: String
    public let title: String
    public let version: String
    /// Control lists whose codes this ruleset decides on.
    public let lists: [String]
    public let groups: [String: Group]
    public let questions: [String: Question]
    public let chart: CountryChart?
    /// Sorted by precedence (lowest first).
    public let rules: [Rule]
    public let risk: RiskModel

    public init(id: String, title: String, version: String, lists: [String], groups: [String: Group],
                questions: [String: Question], chart: CountryChart?, rules: [Rule], risk: RiskModel) {
        self.id = id
        self.title = title
        self.version = version
        self.lists = lists
        self.groups = groups
        self.questions = questions
        self.chart = chart
        self.rules = rules.sorted { $0.precedence < $1.precedence }
        self.risk = risk
    }

    /// Whether `country` is `reference` or belongs to the group `reference`.
    public func destination(_ country: String, matches reference: String) -> Bool {
        if let group = groups[reference] { return group.countries.contains(country) }
        return reference == country
    }
}

/// What the engine needs to know about one control code (inherited values already applied).
public struct ItemFacts: Sendable {
    public let code: String
    public let title: String
    public let reasons: [ReasonForControl]
    public let regimes: [ControlRegime]
    public let annexIV: Bool
    /// Country Chart columns, e.g. `NS1`, `AT1`.
    public let chartColumns: [String]
    /// Licence requirements the chart cannot decide (for example "EI: see § 742.15").
    public let otherRequirements: [String]

    public init(code: String, title: String, reasons: [ReasonForControl], regimes: [ControlRegime], annexIV: Bool,
                chartColumns: [String] = [], otherRequirements: [String] = []) {
        self.code = code
        self.title = title
        self.reasons = reasons
        self.regimes = regimes
        self.annexIV = annexIV
        self.chartColumns = chartColumns
        self.otherRequirements = otherRequirements
    }
}
