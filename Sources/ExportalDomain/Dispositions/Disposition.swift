/// A reviewer's recorded decision on one potential match: which party of an exporter's profile,
/// which listed entry, what was decided, by whom, when, why, and against which version of the list.
/// PRIVATE: it belongs to an exporter profile and is printed on that exporter's checklist only.
///
///     Disposition(party: "Polar Star Logistic Services", list: "northbridge-watchlist", entry: "NB-008",
///                 decision: .falsePositive, reviewer: "J. Brandt", date: "2025-06-10",
///                 reason: "Different company, registered 2019 in Almaty.", version: "2025-05")
public struct Disposition: Sendable, Hashable {
    public enum Decision: String, Sendable, CaseIterable {
        case falsePositive = "false-positive"
        case confirmedMatch = "confirmed-match"
        case escalated

        /// How a checklist prints it: "False positive".
        public var title: String {
            switch self {
            case .falsePositive: "False positive"
            case .confirmedMatch: "Confirmed match"
            case .escalated: "Escalated"
            }
        }
    }

    /// The party's name as the profile gives it.
    public let party: String
    /// The restricted-party list's id.
    public let list: String
    /// The entry's id in `version` of that list.
    public let entry: String
    public let decision: Decision
    public let reviewer: String
    /// `YYYY-MM-DD`.
    public let date: String
    public let reason: String
    /// The list version the decision was made against.
    public let version: String

    public init(party: String, list: String, entry: String, decision: Decision, reviewer: String, date: String, reason: String,
                version: String) {
        self.party = party
        self.list = list
        self.entry = entry
        self.decision = decision
        self.reviewer = reviewer
        self.date = date
        self.reason = reason
        self.version = version
    }
}
