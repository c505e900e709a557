import ExportalDomain
import Foundation

/// An association's own list, as CSV with the header
/// `id,name,type,aliases,country,programmes,listed_on,remarks` (columns in any order):
///
/// - id, name: required; ids must be unique within the file.
/// - type: `individual`, `entity`, `vessel` or `aircraft`.
/// - aliases, programmes: several separated by "; " (all aliases are strong).
/// - country: ISO 3166-1 alpha-2 codes separated by "; " (e.g. `IR; SY`).
/// - listed_on: `YYYY-MM-DD`, optional.
/// - remarks: free text, optional.
///
/// The association maintains this file, so a problem in it is an error to fix, not a warning:
/// a row with the wrong number of columns, a missing id or name or a duplicate id is left out; a
/// bad type, country or date is reported and the record is read without it.
enum NativePartyCSVReader {
    static let columns = ["id", "name", "type", "aliases", "country", "programmes", "listed_on", "remarks"]
    private static let types: [PartyRecord.EntityType] = [.individual, .entity, .vessel, .aircraft]

    static func read(_ source: PartySource) -> PartyReadResult {
        var diagnostics: [Diagnostic] = []
        // Columns are checked here rather than by `DelimitedTable`, to report unknown ones too.
        guard let table = DelimitedTable.read(source, separator: UInt8(ascii: ","), required: [],
                                              kind: "the header \(columns.joined(separator: ","))", diagnostics: &diagnostics) else {
            return PartyReadResult(diagnostics: diagnostics)
        }
        var positions: [String: Int] = [:]
        for (position, raw) in table.header.fields.enumerated() {
            let name = raw.trimmedSpaces
            if !columns.contains(name) {
                diagnostics.append(table.header.error(source, field: position, "unknown column '\(name)' (expected \(columns.joined(separator: ",")))"))
            } else if positions[name] != nil {
                diagnostics.append(table.header.error(source, field: position, "column '\(name)' appears twice"))
            } else {
                positions[name] = position
            }
        }
        let missing = columns.filter { positions[$0] == nil }
        if !missing.isEmpty {
            diagnostics.append(source.error(line: table.header.line, column: 1, "missing column(s) \(missing.joined(separator: ", "))"))
            return PartyReadResult(diagnostics: diagnostics)
        }

        var records: [PartyRecord] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            guard table.isComplete(row, source, diagnostics: &diagnostics) else { continue }
            func cell(_ name: String) -> String { table.cell(row, name) }
            func problem(_ name: String, _ message: String) { diagnostics.append(row.error(source, field: table.index[name]!, message)) }

            let id = cell("id"), name = cell("name")
            guard !id.isEmpty else { problem("id", "row has no id"); continue }
            guard !name.isEmpty else { problem("name", "'\(id)' has no name"); continue }
            if let first = seen[id] {
                problem("id", "duplicate id '\(id)' (first on line \(first))")
                continue
            }
            seen[id] = row.line

            var type = PartyRecord.EntityType.unknown
            if let given = PartyRecord.EntityType(rawValue: cell("type")), types.contains(given) {
                type = given
            } else {
                problem("type", "type must be one of \(types.map(\.rawValue).joined(separator: ", ")), found '\(cell("type"))'")
            }
            var countries = OrderedSet<String>()
            for code in cell("country").splitList("; ") {
                if CountryCode.isAssigned(code) {
                    countries.append(code)
                } else {
                    problem("country", "'\(code)' is not an ISO 3166-1 alpha-2 country code")
                }
            }
            var listedOn: String?
            let listed = cell("listed_on")
            if !listed.isEmpty {
                if case .valid(let date) = PartyDates.checkISO(listed) {
                    listedOn = date
                } else {
                    problem("listed_on", "'listed_on' must be a date in the form YYYY-MM-DD, found '\(listed)'")
                }
            }
            let remarks = cell("remarks")
            records.append(PartyRecord(
                id: id, primaryName: name, type: type,
                aliases: cell("aliases").splitList("; ").map { PartyRecord.Alias(name: $0, strength: .strong) },
                countries: countries.elements, programmes: cell("programmes").splitList("; "),
                listedOn: listedOn, remarks: remarks.isEmpty ? nil : remarks))
        }
        return PartyReadResult(records: records, diagnostics: diagnostics)
    }
}
