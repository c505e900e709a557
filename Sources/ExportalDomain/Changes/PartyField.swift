/// The fields of a restricted party whose changes a change set reports, in the order a change page
/// shows them.
public enum PartyField: String, ChangeField {
    case name, aliases, weakAliases = "weak-aliases", type, addresses, countries, identifiers,
         birthDates = "birth-dates", programmes, listedOn = "listed-on", remarks

    public var title: String {
        switch self {
        case .name: "Name"
        case .aliases: "Aliases"
        case .weakAliases: "Weak aliases"
        case .type: "Type"
        case .addresses: "Addresses"
        case .countries: "Countries"
        case .identifiers: "Identifiers"
        case .birthDates: "Birth dates"
        case .programmes: "Programmes"
        case .listedOn: "Listed on"
        case .remarks: "Remarks"
        }
    }

    /// Whether screening reads the field: a reviewer's decision on a potential match no longer holds
    /// once one of these changes (names, aliases, countries, identifiers, birth dates).
    public var mattersForMatching: Bool {
        switch self {
        case .name, .aliases, .weakAliases, .countries, .identifiers, .birthDates: true
        case .type, .addresses, .programmes, .listedOn, .remarks: false
        }
    }
}

extension EntryChange where Entry.Field == PartyField {
    /// The amended fields that screening reads; empty for additions and removals.
    public var matchingFields: [PartyField] { fields.map(\.field).filter(\.mattersForMatching) }
}
