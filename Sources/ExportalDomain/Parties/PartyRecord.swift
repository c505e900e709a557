/// One entry of a restricted-party list, as every reader produces it: what screening and a
/// human reviewer need, whatever the list's official format.
public struct PartyRecord: Sendable, Equatable {
    public enum EntityType: String, Sendable, CaseIterable {
        case individual, entity, vessel, aircraft, unknown
    }

    /// An alternative name. Official lists grade aliases: OFAC "strong/weak" (a.k.a. vs f.k.a./n.k.a.
    /// are all strong; "weak a.k.a." are weak), UN "Good/Low" quality.
    public struct Alias: Sendable, Equatable {
        public enum Strength: String, Sendable { case strong, weak }
        public let name: String
        public let strength: Strength

        public init(name: String, strength: Strength = .strong) {
            self.name = name
            self.strength = strength
        }
    }

    public struct Address: Sendable, Equatable {
        /// Street, city, region and postcode as given, joined with ", ".
        public let text: String
        /// ISO 3166-1 alpha-2 when the reader could tell, else nil.
        public let country: String?
        /// The country as written in the source, when it could not be mapped.
        public let countryName: String?

        public init(text: String, country: String?, countryName: String? = nil) {
            self.text = text
            self.country = country
            self.countryName = countryName
        }
    }

    public struct Identifier: Sendable, Equatable {
        /// Kind as written, e.g. "Passport", "National ID No.", "IMO".
        public let kind: String
        public let value: String
        public let country: String?

        public init(kind: String, value: String, country: String? = nil) {
            self.kind = kind
            self.value = value
            self.country = country
        }
    }

    /// Stable id within its list, e.g. the OFAC ent_num "36" or UN reference "QDi.001".
    public let id: String
    public let primaryName: String
    public let type: EntityType
    public let aliases: [Alias]
    public let addresses: [Address]
    /// ISO 3166-1 alpha-2 countries connected with the party (nationality, citizenship, addresses).
    public let countries: [String]
    /// Dates of birth as written in the source (YYYY, YYYY-MM or YYYY-MM-DD where possible).
    public let birthDates: [String]
    public let identifiers: [Identifier]
    /// Sanctions programmes or regimes, e.g. "SDGT", "IRAN", "DPRK".
    public let programmes: [String]
    /// Listing date YYYY-MM-DD when the source gives one.
    public let listedOn: String?
    public let remarks: String?
    public let sourceURL: String?

    public init(id: String, primaryName: String, type: EntityType, aliases: [Alias] = [], addresses: [Address] = [],
                countries: [String] = [], birthDates: [String] = [], identifiers: [Identifier] = [], programmes: [String] = [],
                listedOn: String? = nil, remarks: String? = nil, sourceURL: String? = nil) {
        self.id = id
        self.primaryName = primaryName
        self.type = type
        self.aliases = aliases
        self.addresses = addresses
        self.countries = countries
        self.birthDates = birthDates
        self.identifiers = identifiers
        self.programmes = programmes
        self.listedOn = listedOn
        self.remarks = remarks
        self.sourceURL = sourceURL
    }

    /// Every name to screen against: the primary name first, then the aliases.
    public var names: [(name: String, strength: Alias.Strength)] {
        [(primaryName, .strong)] + aliases.map { ($0.name, $0.strength) }
    }
}
