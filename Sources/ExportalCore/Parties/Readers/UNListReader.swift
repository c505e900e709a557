import ExportalDomain
import Foundation

/// The UN Security Council Consolidated List XML (`CONSOLIDATED_LIST` with `INDIVIDUALS/INDIVIDUAL`
/// and `ENTITIES/ENTITY`). Per entry:
///
/// - id: REFERENCE_NUMBER (`CDi.001`), or "UN-" and DATAID when it has none.
/// - primaryName: FIRST_NAME to FOURTH_NAME joined with spaces, as written.
/// - aliases: INDIVIDUAL_ALIAS / ENTITY_ALIAS with an ALIAS_NAME: QUALITY `Low` is weak, `Good`,
///   `a.k.a.`, `f.k.a.` or none are strong; NAME_ORIGINAL_SCRIPT (the name in Arabic, Korean...)
///   is a strong alias too.
/// - programmes: UN_LIST_TYPE (`DRC`, `Al-Qaida`, `DPRK`...).
/// - countries: NATIONALITY/VALUE, then address countries (names mapped by `CountryNames`).
/// - addresses: STREET, CITY, STATE_PROVINCE, ZIP_CODE joined; COUNTRY; NOTE is left out. An
///   address element with none of these (the list writes `<COUNTRY/>` for "unknown") is skipped.
/// - birthDates: INDIVIDUAL_DATE_OF_BIRTH as DATE, else YEAR, else FROM_YEAR/TO_YEAR (`1973/1974`),
///   then any DATE_OF_BIRTH given with an alias.
/// - identifiers: INDIVIDUAL_DOCUMENT with a NUMBER: kind TYPE_OF_DOCUMENT (or TYPE_OF_DOCUMENT2),
///   country ISSUING_COUNTRY (or COUNTRY_OF_ISSUE) when the name maps to a code.
/// - listedOn: LISTED_ON (the list writes a few as `2001-01-25-05:00`; the date part is kept).
/// - remarks: COMMENTS1.
enum UNListReader {
    static func read(_ source: PartySource) -> PartyReadResult {
        let handler = UNListHandler(source: source)
        handler.run()
        return PartyReadResult(records: handler.records, diagnostics: handler.diagnostics)
    }
}

private final class UNListHandler: XMLListHandler {
    private struct Entry {
        let type: PartyRecord.EntityType
        var fields: [String: String] = [:]
        var listedAt: (line: Int, column: Int) = (1, 1)
        var nationalities: [String] = []
        var aliases: [PartyRecord.Alias] = []
        var addresses: [PartyRecord.Address] = []
        var birthDates = OrderedSet<String>()
        var aliasBirthDates: [String] = []
        var identifiers: [PartyRecord.Identifier] = []
    }

    private static let groups: Set<String> = ["INDIVIDUAL_ALIAS", "ENTITY_ALIAS", "INDIVIDUAL_ADDRESS", "ENTITY_ADDRESS",
                                              "INDIVIDUAL_DATE_OF_BIRTH", "INDIVIDUAL_DOCUMENT", "NATIONALITY"]

    private(set) var records: [PartyRecord] = []
    private var stack: [String] = []
    private var entry: Entry?
    /// The element (one of `groups`) whose children are being collected, and their texts.
    private var group: String?
    private var groupFields: [String: String] = [:]
    private var groupValues: [String] = []

    override func start(_ name: String, attributes: [String: String], namespace: String?, at location: (line: Int, column: Int)) {
        if stack.isEmpty && name != "CONSOLIDATED_LIST" {
            error(location, "not a UN Security Council consolidated list: the root element is <\(name)>, not <CONSOLIDATED_LIST>")
        }
        let parent = stack.last
        stack.append(name)
        if (name == "INDIVIDUAL" && parent == "INDIVIDUALS") || (name == "ENTITY" && parent == "ENTITIES") {
            entry = Entry(type: name == "INDIVIDUAL" ? .individual : .entity)
        } else if entry != nil && Self.groups.contains(name) {
            group = name
            groupFields = [:]
            groupValues = []
        } else if name == "LISTED_ON" {
            entry?.listedAt = location
        }
    }

    override func end(_ name: String) {
        stack.removeLast()
        guard entry != nil else { return }
        if let group {
            if name == group {
                closeGroup(group)
                self.group = nil
            } else if !text.isEmpty {
                if name == "VALUE" { groupValues.append(text) } else { groupFields[name] = text }
            }
            return
        }
        if name == "INDIVIDUAL" || name == "ENTITY" {
            if let finished = entry { records.append(record(finished)) }
            entry = nil
        } else if !text.isEmpty && (stack.last == "INDIVIDUAL" || stack.last == "ENTITY") {
            entry?.fields[name] = text
        }
    }

    private func closeGroup(_ group: String) {
        let f = groupFields
        switch group {
        case "NATIONALITY":
            entry?.nationalities += groupValues
        case "INDIVIDUAL_ALIAS", "ENTITY_ALIAS":
            if let name = f["ALIAS_NAME"] {
                entry?.aliases.append(PartyRecord.Alias(name: name, strength: f["QUALITY"] == "Low" ? .weak : .strong))
            }
            if let date = f["DATE_OF_BIRTH"].flatMap(Self.isoDate) { entry?.aliasBirthDates.append(date) }
        case "INDIVIDUAL_ADDRESS", "ENTITY_ADDRESS":
            let text = ["STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE"].compactMap { f[$0] }.joined(separator: ", ")
            let country = f["COUNTRY"]
            guard !text.isEmpty || country != nil else { return }
            entry?.addresses.append(OFACSDNReader.address(text: text, countryName: country))
        case "INDIVIDUAL_DATE_OF_BIRTH":
            if let date = f["DATE"].flatMap(Self.isoDate) {
                entry?.birthDates.append(date)
            } else if let year = f["YEAR"] {
                entry?.birthDates.append(year)
            } else if let from = f["FROM_YEAR"], let to = f["TO_YEAR"] {
                entry?.birthDates.append("\(from)/\(to)")
            }
        case "INDIVIDUAL_DOCUMENT":
            guard let number = f["NUMBER"] else { return }
            let kind = f["TYPE_OF_DOCUMENT"] ?? f["TYPE_OF_DOCUMENT2"] ?? "Document"
            let country = (f["ISSUING_COUNTRY"] ?? f["COUNTRY_OF_ISSUE"]).flatMap(CountryNames.code(forName:))
            entry?.identifiers.append(PartyRecord.Identifier(kind: kind, value: number, country: country))
        default:
            break
        }
    }

    private func record(_ entry: Entry) -> PartyRecord {
        let f = entry.fields
        let name = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"].compactMap { f[$0] }.joined(separator: " ")
        let id = f["REFERENCE_NUMBER"] ?? "UN-\(f["DATAID"] ?? String(records.count + 1))"
        var aliases = entry.aliases
        if let original = f["NAME_ORIGINAL_SCRIPT"] { aliases.append(PartyRecord.Alias(name: original, strength: .strong)) }
        var countries = OrderedSet<String>()
        for nationality in entry.nationalities { countries.append(CountryNames.code(forName: nationality)) }
        countries.append(contentsOf: entry.addresses.compactMap(\.country))
        var birthDates = entry.birthDates
        birthDates.append(contentsOf: entry.aliasBirthDates)
        var listedOn: String?
        if let listed = f["LISTED_ON"] {
            listedOn = Self.isoDate(listed)
            if listedOn == nil { warning(entry.listedAt, "\(id): LISTED_ON is not a date in the form YYYY-MM-DD: '\(listed)'") }
        }
        if name.isEmpty { error(entry.listedAt, "\(id) has no name (FIRST_NAME)") }
        return PartyRecord(id: id, primaryName: name, type: entry.type, aliases: aliases, addresses: entry.addresses,
                           countries: countries.elements, birthDates: birthDates.elements, identifiers: entry.identifiers,
                           programmes: f["UN_LIST_TYPE"].map { [$0] } ?? [], listedOn: listedOn, remarks: f["COMMENTS1"])
    }

    /// "2012-12-31", or the date part of "2001-01-25-05:00"; nil when that is no real date.
    private static func isoDate(_ text: String) -> String? {
        guard case .valid(let date) = PartyDates.checkISO(String(text.prefix(10))) else { return nil }
        return date
    }
}
