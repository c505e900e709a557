/// What one version of a control list says about one code, entry or sub-item, as plain values:
/// what a change set compares. Reasons, regimes and the licensing fields are the effective ones,
/// inherited from the parent where the sub-item sets none, because that is what an exporter's
/// classification depends on.
public struct ControlEntrySnapshot: Sendable, Equatable {
    public let code: ControlCode
    public let title: String
    /// The description, then each note ("Note: ...") and technical note ("Technical note: ..."), as written.
    public let text: [String]
    /// The codes of the direct sub-items.
    public let subItems: [ControlCode]
    public let reasons: [ReasonForControl]
    public let regimes: [ControlRegime]
    public let annexIV: Bool
    public let chartColumns: [String]
    public let requirements: [String]

    public init(code: ControlCode, title: String, text: [String] = [], subItems: [ControlCode] = [], reasons: [ReasonForControl] = [],
                regimes: [ControlRegime] = [], annexIV: Bool = false, chartColumns: [String] = [], requirements: [String] = []) {
        self.code = code
        self.title = title
        self.text = text
        self.subItems = subItems
        self.reasons = reasons
        self.regimes = regimes
        self.annexIV = annexIV
        self.chartColumns = chartColumns
        self.requirements = requirements
    }
}

/// The fields of a control entry or sub-item whose changes a change set reports.
public enum ControlField: String, ChangeField {
    case title, text, subItems = "sub-items", reasons, regimes, annexIV = "annex-iv", chartColumns = "chart-columns", requirements

    public var title: String {
        switch self {
        case .title: "Title"
        case .text: "Text"
        case .subItems: "Sub-items"
        case .reasons: "Reasons for control"
        case .regimes: "Regimes"
        case .annexIV: "Annex IV"
        case .chartColumns: "Country Chart columns"
        case .requirements: "Requirements"
        }
    }
}

extension ControlEntrySnapshot: ChangeTracked {
    public var changeID: String { code.description }
    public var changeTitle: String { "\(code) \(title)" }

    public func changeValues(_ field: ControlField) -> [String] {
        switch field {
        case .title: ChangeText.normalized([title])
        case .text: ChangeText.normalized(text)
        case .subItems: subItems.map(\.description)
        case .reasons: reasons.map(\.rawValue)
        case .regimes: regimes.map(\.rawValue)
        case .annexIV: [annexIV ? "yes" : "no"]
        case .chartColumns: chartColumns
        case .requirements: ChangeText.normalized(requirements)
        }
    }

    public static func identities(of entries: [ControlEntrySnapshot], matching: EntryMatching) -> [String] {
        entries.map(\.code.description)
    }

    /// Codes in reading order: 1A002 before 1A010, `.b.2` before `.b.10`.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        guard let x = ControlCode(a), let y = ControlCode(b) else { return NaturalOrder.precedes(a, b) }
        return x < y
    }
}
