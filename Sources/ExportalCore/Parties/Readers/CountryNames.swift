import ExportalDomain
import Foundation

/// Country names as the official lists write them, mapped to ISO 3166-1 alpha-2 codes. The
/// table covers the names found in the UN, OFAC SDN and BIS DPL files the readers are tested on
/// (plus common variants); a name that is not here is never guessed: readers keep it as written
/// (`PartyRecord.Address.countryName`).
///
/// Deliberately absent: names that are not one country (`Region: Crimea`, `West Bank`,
/// `Palestinian` as a nationality, `former Soviet Union`, `Netherlands Antilles`), placeholders
/// (`undetermined`, `None Identified`, `na`) and Kosovo, which has no officially assigned code.
enum CountryNames {
    /// The ISO code for a country name (case-insensitive), or nil when the name is unknown.
    static func code(forName name: String) -> String? {
        table[name.trimmedSpaces.lowercased()]
    }

    /// An officially assigned ISO code as given (upper-cased), else the code for a name.
    static func code(forCodeOrName text: String) -> String? {
        let trimmed = text.trimmedSpaces
        if trimmed.utf8.count == 2 {
            let upper = trimmed.uppercased()
            if CountryCode.isAssigned(upper) { return upper }
        }
        return code(forName: trimmed)
    }

    private static let table: [String: String] = {
        var table: [String: String] = [:]
        for (code, names) in names {
            for name in names { table[name.lowercased()] = code }
        }
        return table
    }()

    private static let names: [(String, [String])] = [
        ("AE", ["United Arab Emirates", "UAE"]),
        ("AF", ["Afghanistan"]),
        ("AL", ["Albania"]),
        ("AM", ["Armenia"]),
        ("AO", ["Angola"]),
        ("AR", ["Argentina"]),
        ("AT", ["Austria"]),
        ("AU", ["Australia"]),
        ("AW", ["Aruba"]),
        ("AZ", ["Azerbaijan"]),
        ("BA", ["Bosnia and Herzegovina", "Bosnia-Herzegovina"]),
        ("BB", ["Barbados"]),
        ("BD", ["Bangladesh"]),
        ("BE", ["Belgium"]),
        ("BF", ["Burkina Faso"]),
        ("BG", ["Bulgaria"]),
        ("BH", ["Bahrain"]),
        ("BI", ["Burundi"]),
        ("BJ", ["Benin"]),
        ("BO", ["Bolivia", "Bolivia (Plurinational State of)"]),
        ("BR", ["Brazil"]),
        ("BS", ["Bahamas", "Bahamas, The", "The Bahamas"]),
        ("BY", ["Belarus"]),
        ("BZ", ["Belize"]),
        ("CA", ["Canada"]),
        ("CD", ["Democratic Republic of the Congo", "Congo, Democratic Republic of the", "Congo (Kinshasa)"]),
        ("CF", ["Central African Republic"]),
        ("CG", ["Congo", "Republic of the Congo", "Congo, Republic of the", "Congo (Brazzaville)"]),
        ("CH", ["Switzerland"]),
        ("CI", ["Cote d Ivoire", "Cote d'Ivoire", "Côte d'Ivoire", "Côte d’Ivoire", "Ivory Coast"]),
        ("CK", ["Cook Islands"]),
        ("CL", ["Chile"]),
        ("CN", ["China", "People's Republic of China", "PRC"]),
        ("CO", ["Colombia"]),
        ("CR", ["Costa Rica"]),
        ("CU", ["Cuba"]),
        ("CV", ["Cabo Verde", "Cape Verde"]),
        ("CY", ["Cyprus"]),
        ("CZ", ["Czech Republic", "Czechia"]),
        ("DE", ["Germany"]),
        ("DK", ["Denmark"]),
        ("DM", ["Dominica"]),
        ("DO", ["Dominican Republic"]),
        ("DZ", ["Algeria"]),
        ("EC", ["Ecuador"]),
        ("EG", ["Egypt"]),
        ("ER", ["Eritrea"]),
        ("ES", ["Spain"]),
        ("ET", ["Ethiopia"]),
        ("FI", ["Finland"]),
        ("FR", ["France"]),
        ("GA", ["Gabon"]),
        ("GB", ["United Kingdom", "United Kingdom of Great Britain and Northern Ireland", "U.K.", "Great Britain"]),
        ("GE", ["Georgia"]),
        ("GH", ["Ghana"]),
        ("GI", ["Gibraltar"]),
        ("GM", ["Gambia", "The Gambia", "Gambia, The"]),
        ("GN", ["Guinea"]),
        ("GQ", ["Equatorial Guinea"]),
        ("GR", ["Greece"]),
        ("GT", ["Guatemala"]),
        ("GW", ["Guinea-Bissau"]),
        ("GY", ["Guyana"]),
        ("HK", ["Hong Kong", "China, Hong Kong Special Administrative Region", "Hong Kong SAR"]),
        ("HN", ["Honduras"]),
        ("HR", ["Croatia"]),
        ("HT", ["Haiti"]),
        ("ID", ["Indonesia"]),
        ("IE", ["Ireland"]),
        ("IL", ["Israel"]),
        ("IM", ["Isle of Man", "Man, Isle of"]),
        ("IN", ["India"]),
        ("IQ", ["Iraq"]),
        ("IR", ["Iran", "Iran (Islamic Republic of)", "Islamic Republic of Iran"]),
        ("IT", ["Italy"]),
        ("JE", ["Jersey"]),
        ("JM", ["Jamaica"]),
        ("JO", ["Jordan"]),
        ("JP", ["Japan"]),
        ("KE", ["Kenya"]),
        ("KG", ["Kyrgyzstan"]),
        ("KH", ["Cambodia"]),
        ("KM", ["Comoros"]),
        ("KN", ["Saint Kitts and Nevis"]),
        ("KP", ["Democratic People's Republic of Korea", "Korea, North", "North Korea"]),
        ("KR", ["Republic of Korea", "Korea, South", "South Korea"]),
        ("KW", ["Kuwait"]),
        ("KY", ["Cayman Islands"]),
        ("KZ", ["Kazakhstan"]),
        ("LA", ["Laos", "Lao People's Democratic Republic"]),
        ("LB", ["Lebanon"]),
        ("LI", ["Liechtenstein"]),
        ("LK", ["Sri Lanka"]),
        ("LR", ["Liberia"]),
        ("LU", ["Luxembourg"]),
        ("LV", ["Latvia"]),
        ("LY", ["Libya"]),
        ("MA", ["Morocco"]),
        ("MD", ["Moldova", "Republic of Moldova"]),
        ("ME", ["Montenegro"]),
        ("MH", ["Marshall Islands"]),
        ("MK", ["North Macedonia", "Macedonia, The Former Yugoslav Republic of"]),
        ("ML", ["Mali"]),
        ("MM", ["Myanmar", "Burma"]),
        ("MN", ["Mongolia"]),
        ("MR", ["Mauritania"]),
        ("MT", ["Malta"]),
        ("MX", ["Mexico"]),
        ("MY", ["Malaysia"]),
        ("MZ", ["Mozambique"]),
        ("NA", ["Namibia"]),
        ("NE", ["Niger"]),
        ("NG", ["Nigeria"]),
        ("NI", ["Nicaragua"]),
        ("NL", ["Netherlands", "The Netherlands"]),
        ("NO", ["Norway"]),
        ("NZ", ["New Zealand"]),
        ("OM", ["Oman"]),
        ("PA", ["Panama"]),
        ("PE", ["Peru"]),
        ("PH", ["Philippines"]),
        ("PK", ["Pakistan"]),
        ("PL", ["Poland"]),
        ("PS", ["State of Palestine", "Palestine, State of"]),
        ("PT", ["Portugal"]),
        ("PW", ["Palau"]),
        ("PY", ["Paraguay"]),
        ("QA", ["Qatar"]),
        ("RO", ["Romania"]),
        ("RS", ["Serbia"]),
        ("RU", ["Russia", "Russian Federation"]),
        ("RW", ["Rwanda"]),
        ("SA", ["Saudi Arabia"]),
        ("SC", ["Seychelles"]),
        ("SD", ["Sudan"]),
        ("SE", ["Sweden"]),
        ("SG", ["Singapore"]),
        ("SI", ["Slovenia"]),
        ("SK", ["Slovakia"]),
        ("SL", ["Sierra Leone"]),
        ("SN", ["Senegal"]),
        ("SO", ["Somalia"]),
        ("SR", ["Suriname"]),
        ("SS", ["South Sudan"]),
        ("SV", ["El Salvador"]),
        ("SY", ["Syria", "Syrian Arab Republic"]),
        ("TD", ["Chad"]),
        ("TG", ["Togo"]),
        ("TH", ["Thailand"]),
        ("TJ", ["Tajikistan"]),
        ("TM", ["Turkmenistan"]),
        ("TN", ["Tunisia"]),
        ("TR", ["Turkey", "Türkiye", "Turkiye"]),
        ("TT", ["Trinidad and Tobago"]),
        ("TW", ["Taiwan"]),
        ("TZ", ["Tanzania", "United Republic of Tanzania"]),
        ("UA", ["Ukraine"]),
        ("UG", ["Uganda"]),
        ("US", ["United States", "United States of America", "USA", "U.S.A."]),
        ("UY", ["Uruguay"]),
        ("UZ", ["Uzbekistan"]),
        ("VC", ["Saint Vincent and the Grenadines"]),
        ("VE", ["Venezuela", "Venezuela (Bolivarian Republic of)"]),
        ("VG", ["British Virgin Islands", "Virgin Islands, British"]),
        ("VN", ["Viet Nam", "Vietnam"]),
        ("VU", ["Vanuatu"]),
        ("WS", ["Samoa"]),
        ("YE", ["Yemen"]),
        ("ZA", ["South Africa"]),
        ("ZM", ["Zambia"]),
        ("ZW", ["Zimbabwe"]),
    ]
}

/// Collects values once each, in the order first seen.
struct OrderedSet<Element: Hashable>: Sendable where Element: Sendable {
    private(set) var elements: [Element] = []
    private var seen: Set<Element> = []

    init() {}

    mutating func append(_ element: Element?) {
        guard let element, seen.insert(element).inserted else { return }
        elements.append(element)
    }

    mutating func append(contentsOf elements: some Sequence<Element>) {
        for element in elements { append(element) }
    }
}
