import Foundation

extension PartyRecord: ChangeTracked {
    public var changeID: String { id }
    public var changeTitle: String { primaryName }

    public func changeValues(_ field: PartyField) -> [String] {
        switch field {
        case .name: ChangeText.normalized([primaryName])
        case .aliases: ChangeText.normalized(aliases.filter { $0.strength == .strong }.map(\.name))
        case .weakAliases: ChangeText.normalized(aliases.filter { $0.strength == .weak }.map(\.name))
        case .type: [type.rawValue]
        case .addresses: ChangeText.normalized(addresses.map(\.changeText))
        case .countries: ChangeText.normalized(countries)
        case .identifiers: ChangeText.normalized(identifiers.map(\.changeText))
        case .birthDates: ChangeText.normalized(birthDates)
        case .programmes: ChangeText.normalized(programmes)
        case .listedOn: ChangeText.normalized(listedOn.map { [$0] } ?? [])
        case .remarks: ChangeText.normalized(remarks.map { [$0] } ?? [])
        }
    }

    /// The list's own ids, or for a list without ids, the normalised name and addresses: upper case,
    /// no diacritics or punctuation, legal forms in one spelling (`NameNormalizer`), addresses in any
    /// order. Entries that share a name and addresses are told apart by their order in the file.
    public static func identities(of records: [PartyRecord], matching: EntryMatching) -> [String] {
        guard matching == .nameAndAddress else { return records.map(\.id) }
        let names = NameNormalizer.normalize(records.map(\.primaryName))
        var seen: [String: Int] = [:]
        return zip(records, names).map { record, name in
            let addresses = record.addresses.map(\.matchingKey).sorted().joined(separator: "; ")
            let key = name.tokens.map(\.text).joined(separator: " ") + " | " + addresses
            seen[key, default: 0] += 1
            return seen[key] == 1 ? key : "\(key) #\(seen[key]!)"
        }
    }
}

extension PartyRecord.Address {
    /// "Promyshlennaya ulitsa 14, Sankt-Peterburg (RU)".
    var changeText: String {
        let country = country ?? countryName
        guard let country else { return text }
        return text.isEmpty ? country : "\(text) (\(country))"
    }

    /// Upper-case ASCII letters and digits separated by single spaces, then the country.
    var matchingKey: String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).uppercased()
        let words = folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).joined(separator: " ")
        return [words, country ?? countryName?.uppercased() ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
    }
}

extension PartyRecord.Identifier {
    /// "IMO 9000001", "Passport A1234567 (IR)".
    var changeText: String { "\(kind) \(value)" + (country.map { " (\($0))" } ?? "") }
}
