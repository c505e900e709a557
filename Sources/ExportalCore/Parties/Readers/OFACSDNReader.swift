import ExportalDomain
import Foundation

/// The OFAC SDN list in its legacy CSV form: no header row, `-0-` for an empty value, fields
/// quoted, every file joined on its first column (`ent_num`).
///
/// - `sdn.csv`: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
///   Vess_flag, Vess_owner, Remarks. SDN_Type is `individual`, `vessel`, `aircraft`, or `-0-` for
///   an entity. Program holds several programmes as `SDGT] [IRGC` (the brackets of the official
///   display, `[SDGT] [IRGC]`, minus the outer two). Individuals are named "LAST, First" and the
///   name is kept as written.
/// - `alt.csv`: ent_num, alt_num, alt_type (`aka`, `fka`, `nka`), alt_name, alt_remarks. All of
///   these are strong aliases: OFAC does not put its "weak a.k.a."s in alt.csv at all but in the
///   entry's Remarks, as `a.k.a. 'NAME'`, which this reader turns into weak aliases (the 2019
///   file's alt_remarks column is empty throughout, so there is no other marker to read).
/// - `add.csv`: ent_num, add_num, address, city/state/postal code, country, add_remarks. A row
///   whose address fields are all `-0-` (OFAC writes one for most entries) is not an address.
/// - `sdn_comments.csv` (optional): ent_num, the continuation of a Remarks text too long for
///   sdn.csv; it is appended to the Remarks before they are read.
///
/// What is read out of Remarks is listed in `OFACRemarks`.
enum OFACSDNReader {
    static func read(sdn: PartySource, alt: PartySource?, add: PartySource?, comments: PartySource?) -> PartyReadResult {
        var diagnostics: [Diagnostic] = []
        let sdnRows = rows(of: sdn, columns: 12, diagnostics: &diagnostics)
        var known: [String: Int] = [:]
        for (index, row) in sdnRows.enumerated() {
            let id = row.fields[0].trimmedSpaces
            if let first = known[id] {
                diagnostics.append(row.warning(sdn, field: 0, "duplicate ent_num \(id) (first on line \(sdnRows[first].line)); this row is left out"))
            } else {
                known[id] = index
            }
        }

        var aliases: [String: [PartyRecord.Alias]] = [:]
        if let alt {
            for row in rows(of: alt, columns: 5, diagnostics: &diagnostics) {
                let id = row.fields[0].trimmedSpaces
                guard let name = value(row.fields[3]) else { continue }
                guard known[id] != nil else {
                    diagnostics.append(row.warning(alt, field: 0, "alias '\(name)' belongs to ent_num \(id), which is not in \(sdn.display)"))
                    continue
                }
                aliases[id, default: []].append(PartyRecord.Alias(name: name, strength: .strong))
            }
        }

        var addresses: [String: [PartyRecord.Address]] = [:]
        if let add {
            for row in rows(of: add, columns: 6, diagnostics: &diagnostics) {
                let id = row.fields[0].trimmedSpaces
                let text = [value(row.fields[2]), value(row.fields[3])].compactMap { $0 }.joined(separator: ", ")
                let countryName = value(row.fields[4])
                if text.isEmpty && countryName == nil { continue }
                guard known[id] != nil else {
                    diagnostics.append(row.warning(add, field: 0, "address belongs to ent_num \(id), which is not in \(sdn.display)"))
                    continue
                }
                addresses[id, default: []].append(address(text: text, countryName: countryName))
            }
        }

        var continuations: [String: String] = [:]
        if let comments {
            for row in rows(of: comments, columns: 2, diagnostics: &diagnostics) {
                let id = row.fields[0].trimmedSpaces
                guard known[id] != nil else {
                    diagnostics.append(row.warning(comments, field: 0, "remarks continue ent_num \(id), which is not in \(sdn.display)"))
                    continue
                }
                continuations[id, default: ""] += row.fields[1]
            }
        }

        var records: [PartyRecord] = []
        records.reserveCapacity(sdnRows.count)
        for (index, row) in sdnRows.enumerated() {
            let f = row.fields
            let id = f[0].trimmedSpaces
            guard known[id] == index else { continue }
            guard let name = value(f[1]) else {
                diagnostics.append(row.error(sdn, field: 1, "ent_num \(id) has no SDN_Name"))
                continue
            }
            var remarksText = value(f[11]) ?? ""
            if let more = continuations[id] { remarksText = (remarksText + more).trimmedSpaces }
            let remarks = OFACRemarks(remarksText)

            let entryAddresses = addresses[id] ?? []
            var countries = OrderedSet<String>()
            countries.append(contentsOf: remarks.countries)
            countries.append(contentsOf: entryAddresses.compactMap(\.country))
            if let flag = value(f[9]) { countries.append(CountryNames.code(forName: flag)) }

            var identifiers: [PartyRecord.Identifier] = []
            if let callSign = value(f[5]) { identifiers.append(PartyRecord.Identifier(kind: "Call Sign", value: callSign)) }
            identifiers += remarks.identifiers

            records.append(PartyRecord(
                id: id, primaryName: name, type: entityType(f[2]),
                aliases: (aliases[id] ?? []) + remarks.weakAliases,
                addresses: entryAddresses,
                countries: countries.elements,
                birthDates: remarks.birthDates,
                identifiers: identifiers,
                programmes: programmes(f[3]),
                listedOn: nil,
                remarks: remarksText.isEmpty ? nil : remarksText,
                sourceURL: nil))
        }
        return PartyReadResult(records: records, diagnostics: diagnostics)
    }

    /// The rows of one file that have the expected number of columns; the others are errors.
    private static func rows(of source: PartySource, columns: Int, diagnostics: inout [Diagnostic]) -> [DelimitedRow] {
        let rows = DelimitedText.rows(of: source, separator: UInt8(ascii: ","), diagnostics: &diagnostics)
        return DelimitedText.rows(rows, withColumns: columns, source, diagnostics: &diagnostics)
    }

    /// A field's text, or nil for OFAC's empty marker `-0-` (written with a trailing space) or blank.
    static func value(_ field: String) -> String? {
        let trimmed = field.trimmedSpaces
        return trimmed.isEmpty || trimmed == "-0-" ? nil : trimmed
    }

    static func address(text: String, countryName: String?) -> PartyRecord.Address {
        guard let countryName else { return PartyRecord.Address(text: text, country: nil) }
        if let code = CountryNames.code(forName: countryName) { return PartyRecord.Address(text: text, country: code) }
        return PartyRecord.Address(text: text, country: nil, countryName: countryName)
    }

    private static func entityType(_ field: String) -> PartyRecord.EntityType {
        switch value(field)?.lowercased() {
        case nil: .entity
        case "individual": .individual
        case "vessel": .vessel
        case "aircraft": .aircraft
        default: .unknown
        }
    }

    /// `SDGT] [IRGC` → ["SDGT", "IRGC"]; also accepts the bracketed display form `[SDGT] [IRGC]`.
    static func programmes(_ field: String) -> [String] {
        guard let text = value(field) else { return [] }
        var result = OrderedSet<String>()
        for part in text.components(separatedBy: "] [") {
            var programme = Substring(part.trimmedSpaces)
            if programme.hasPrefix("[") { programme = programme.dropFirst() }
            if programme.hasSuffix("]") { programme = programme.dropLast() }
            let name = String(programme).trimmedSpaces
            if !name.isEmpty { result.append(name) }
        }
        return result.elements
    }
}
