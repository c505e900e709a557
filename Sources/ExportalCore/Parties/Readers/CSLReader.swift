import ExportalDomain
import Foundation

/// The US Consolidated Screening List CSV (trade.gov), in either layout: the current one starts
/// with an `_id` column, the older one (2019) has none. Columns are found by their header names,
/// so the order does not matter; several values in one cell are joined with "; ".
///
/// - id: `_id` when present; else the source's short name and `entity_number`
///   (`SDN-20264`); else, for the lists that number nothing (Entity List, DPL...), the short
///   name and a hash of name, addresses and start date (`EL-3f9a...`), see `StableIDs`.
/// - programmes: the source list first, as "Entity List (EL)" (the source without its agency),
///   then `programs`.
/// - type: `Individual`, `Entity`, `Vessel`, `Aircraft`; an empty type (most BIS and State
///   lists) is `.unknown`, not guessed.
/// - addresses: each "; "-separated address; a last part that is an ISO code is its country.
/// - ids: the current layout writes `KIND, NUMBER, CC`, the 2019 one `CC, NUMBER, KIND` (or
///   `NUMBER, KIND`). Entries that are notes rather than identifiers (`Secondary sanctions risk:`,
///   `Gender`, `Former Vessel Flag`) are left out.
/// - countries: nationalities, citizenships, then address countries.
/// - listedOn: `start_date` (a warning when it is not `YYYY-MM-DD`).
enum CSLReader {
    static let columns = ["source", "entity_number", "type", "programs", "name", "title", "addresses",
                          "federal_register_notice", "start_date", "end_date", "standard_order", "license_requirement",
                          "license_policy", "call_sign", "vessel_type", "gross_tonnage", "gross_registered_tonnage",
                          "vessel_flag", "vessel_owner", "remarks", "source_list_url", "alt_names", "citizenships",
                          "dates_of_birth", "nationalities", "places_of_birth", "source_information_url", "ids"]

    static func read(_ source: PartySource) -> PartyReadResult {
        var diagnostics: [Diagnostic] = []
        guard let table = DelimitedTable.read(source, separator: UInt8(ascii: ","), required: columns,
                                              kind: "a Consolidated Screening List header", diagnostics: &diagnostics) else {
            return PartyReadResult(diagnostics: diagnostics)
        }
        let index = table.index
        let hasID = index["_id"] != nil

        var records: [PartyRecord] = []
        var ids = StableIDs()
        for row in table.rows {
            guard table.isComplete(row, source, diagnostics: &diagnostics) else { continue }
            func cell(_ name: String) -> String { table.cell(row, name) }

            let name = cell("name")
            guard !name.isEmpty else {
                diagnostics.append(row.error(source, field: index["name"] ?? 0, "row has no name"))
                continue
            }
            let sourceList = cell("source")
            let short = shortName(sourceList)
            let addressTexts = cell("addresses").splitList("; ")
            let startDate = cell("start_date")
            let id: String
            if hasID, !cell("_id").isEmpty {
                id = ids.unique(cell("_id"))
            } else if !cell("entity_number").isEmpty {
                id = ids.unique("\(short)-\(cell("entity_number"))")
            } else {
                id = ids.make(prefix: short, from: [name] + addressTexts + [startDate])
            }

            var listedOn: String?
            if !startDate.isEmpty {
                if case .valid(let date) = PartyDates.checkISO(startDate) {
                    listedOn = date
                } else {
                    diagnostics.append(row.warning(source, field: index["start_date"] ?? 0,
                                                   "start_date is not a date in the form YYYY-MM-DD: '\(startDate)'"))
                }
            }

            let addresses = addressTexts.map(address)
            var countries = OrderedSet<String>()
            for code in cell("nationalities").splitList("; ") + cell("citizenships").splitList("; ") {
                countries.append(CountryNames.code(forCodeOrName: code))
            }
            countries.append(contentsOf: addresses.compactMap(\.country))

            var programmes = OrderedSet<String>()
            if !sourceList.isEmpty { programmes.append(listName(sourceList)) }
            programmes.append(contentsOf: cell("programs").splitList("; "))

            let remarks = cell("remarks")
            let url = [cell("source_information_url"), cell("source_list_url")].first { !$0.isEmpty }
            var identifiers = cell("ids").splitList("; ").compactMap { identifier($0, currentLayout: hasID) }
            if !cell("call_sign").isEmpty { identifiers.insert(PartyRecord.Identifier(kind: "Call Sign", value: cell("call_sign")), at: 0) }

            records.append(PartyRecord(
                id: id, primaryName: name, type: entityType(cell("type")),
                aliases: cell("alt_names").splitList("; ").map { PartyRecord.Alias(name: $0, strength: .strong) },
                addresses: addresses,
                countries: countries.elements,
                birthDates: cell("dates_of_birth").splitList("; "),
                identifiers: identifiers,
                programmes: programmes.elements,
                listedOn: listedOn,
                remarks: remarks.isEmpty ? nil : remarks,
                sourceURL: url))
        }
        return PartyReadResult(records: records, diagnostics: diagnostics)
    }

    /// "Entity List (EL) - Bureau of Industry and Security" → "Entity List (EL)".
    static func listName(_ source: String) -> String {
        guard let dash = source.range(of: " - ") else { return source }
        return String(source[..<dash.lowerBound]).trimmedSpaces
    }

    /// "Entity List (EL) - Bureau of Industry and Security" → "EL"; without parentheses, the list name.
    static func shortName(_ source: String) -> String {
        let list = listName(source)
        guard let open = list.lastIndex(of: "("), let close = list.lastIndex(of: ")"), open < close else {
            return list.isEmpty ? "CSL" : list
        }
        return String(list[list.index(after: open)..<close])
    }

    private static func entityType(_ text: String) -> PartyRecord.EntityType {
        PartyRecord.EntityType(rawValue: text.lowercased()) ?? .unknown
    }

    /// "Room 1905, ..., Hong Kong, Sheung Wang, HK": the last part is the country when it is an ISO code.
    private static func address(_ text: String) -> PartyRecord.Address {
        guard let comma = text.range(of: ", ", options: .backwards) else {
            return CountryCode.isAssigned(text) ? PartyRecord.Address(text: "", country: text) : PartyRecord.Address(text: text, country: nil)
        }
        let last = String(text[comma.upperBound...])
        guard last.utf8.count == 2, CountryCode.isAssigned(last) else { return PartyRecord.Address(text: text, country: nil) }
        return PartyRecord.Address(text: String(text[..<comma.lowerBound]), country: last)
    }

    /// One "; "-separated entry of the `ids` column.
    private static func identifier(_ entry: String, currentLayout: Bool) -> PartyRecord.Identifier? {
        let parts = entry.components(separatedBy: ", ").map(\.trimmedSpaces)
        guard parts.count >= 2 else { return nil }
        let kind: String, value: String, country: String?
        if currentLayout {
            // "Passport, 836238033, KP" / "Registration ID, C122790"
            kind = parts[0]
            let hasCountry = parts.count >= 3 && parts.last!.utf8.count == 2 && CountryCode.isAssigned(parts.last!)
            value = parts[1..<(hasCountry ? parts.count - 1 : parts.count)].joined(separator: ", ")
            country = hasCountry ? parts.last : nil
        } else {
            // "US, 80-0890696, Tax ID No." / "IMO 8898831, Vessel Registration Identification"
            kind = parts[parts.count - 1]
            let hasCountry = parts.count >= 3 && parts[0].utf8.count == 2 && CountryCode.isAssigned(parts[0])
            value = parts[(hasCountry ? 1 : 0)..<(parts.count - 1)].joined(separator: ", ")
            country = hasCountry ? parts[0] : nil
        }
        if kind.hasSuffix(":") || kind.hasSuffix("-") || notIdentifiers.contains(kind) || value.isEmpty { return nil }
        return PartyRecord.Identifier(kind: kind, value: value, country: country)
    }

    private static let notIdentifiers: Set<String> = ["Gender", "Former Vessel Flag", "Organization Established Date",
                                                      "Organization Type:", "Nationality of Registration"]
}
