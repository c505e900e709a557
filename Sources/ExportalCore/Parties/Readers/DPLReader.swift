import ExportalDomain
import Foundation

/// The BIS Denied Persons List as BIS publishes it: tab-separated, a header row, every field
/// quoted. Columns (found by name): Name, Street_Address, City, State, Country, Postal_Code,
/// Effective_Date, Expiration_Date, Standard_Order, Last_Update, Action, FR_Citation.
///
/// - The list has one row per address: rows with the same name and effective date are one denial
///   order and become one record with several addresses, at the place of the first row.
/// - id: "DPL-" and a hash of name and effective date (see `StableIDs`): stable when other
///   orders are added or lifted, unlike a line number.
/// - type: the list does not say whether a name is a person or a company: `.unknown`.
/// - listedOn: Effective_Date (`MM/DD/YYYY` → `YYYY-MM-DD`).
/// - remarks: expiration date, standard order, last update, action and Federal Register
///   citation, as "Expiration_Date 2020-10-13; Standard_Order Y; ...".
/// - Country holds ISO codes; one that is not an assigned code is looked up as a name (`PRC`) and
///   otherwise kept as written in `countryName` (the 2019 file has `NM`, a US state).
///
/// A date that is not `MM/DD/YYYY` (`YYYY-MM-DD` for Last_Update), names no real day, or has
/// an impossible year (the 2019 file has a Last_Update in 3017) is a warning at its row and
/// column; the record is still read, without that date.
enum DPLReader {
    static let columns = ["Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date",
                          "Expiration_Date", "Standard_Order", "Last_Update", "Action", "FR_Citation"]

    private struct Order {
        var id: String
        var name: String
        var addresses: [PartyRecord.Address]
        var countries: OrderedSet<String>
        var listedOn: String?
        var remarks: String
    }

    static func read(_ source: PartySource) -> PartyReadResult {
        var diagnostics: [Diagnostic] = []
        guard let table = DelimitedTable.read(source, separator: UInt8(ascii: "\t"), required: columns,
                                              kind: "a Denied Persons List header", diagnostics: &diagnostics) else {
            return PartyReadResult(diagnostics: diagnostics)
        }
        let index = table.index

        var orders: [Order] = []
        var orderIndex: [String: Int] = [:]
        var ids = StableIDs()
        for row in table.rows {
            guard table.isComplete(row, source, diagnostics: &diagnostics) else { continue }
            func cell(_ name: String) -> String { table.cell(row, name) }
            func date(_ name: String, _ check: (String) -> PartyDates.Check, form: String) -> String? {
                let text = cell(name)
                guard !text.isEmpty else { return nil }
                switch check(text) {
                case .valid(let iso):
                    return iso
                case .impossibleYear(_, let year):
                    diagnostics.append(row.warning(source, field: index[name]!, "\(name) '\(text)' has an impossible year (\(year)); the date is left out"))
                case .invalid:
                    diagnostics.append(row.warning(source, field: index[name]!, "\(name) is not a date in the form \(form): '\(text)'; the date is left out"))
                }
                return nil
            }

            let name = cell("Name")
            guard !name.isEmpty else {
                diagnostics.append(row.error(source, field: index["Name"]!, "row has no Name"))
                continue
            }
            let effective = date("Effective_Date", PartyDates.checkUS, form: "MM/DD/YYYY")
            let expiration = date("Expiration_Date", PartyDates.checkUS, form: "MM/DD/YYYY")
            let lastUpdate = date("Last_Update", PartyDates.checkISO, form: "YYYY-MM-DD")

            let text = ["Street_Address", "City", "State", "Postal_Code"].map(cell).filter { !$0.isEmpty }.joined(separator: ", ")
            let countryText = cell("Country")
            var address: PartyRecord.Address?
            if !countryText.isEmpty, let code = CountryNames.code(forCodeOrName: countryText) {
                address = PartyRecord.Address(text: text, country: code)
            } else if !countryText.isEmpty {
                address = PartyRecord.Address(text: text, country: nil, countryName: countryText)
            } else if !text.isEmpty {
                address = PartyRecord.Address(text: text, country: nil)
            }

            let key = name + "\u{1F}" + cell("Effective_Date")
            if let existing = orderIndex[key] {
                if let address, !orders[existing].addresses.contains(address) {
                    orders[existing].addresses.append(address)
                    orders[existing].countries.append(address.country)
                }
                continue
            }
            let remarks: [String] = [
                expiration.map { "Expiration_Date \($0)" },
                cell("Standard_Order").isEmpty ? nil : "Standard_Order \(cell("Standard_Order"))",
                lastUpdate.map { "Last_Update \($0)" },
                cell("Action").isEmpty ? nil : "Action \(cell("Action"))",
                cell("FR_Citation").isEmpty ? nil : "FR_Citation \(cell("FR_Citation"))",
            ].compactMap { $0 }
            var countries = OrderedSet<String>()
            countries.append(address?.country)
            orderIndex[key] = orders.count
            orders.append(Order(id: ids.make(prefix: "DPL", from: [name, cell("Effective_Date")]), name: name,
                                addresses: address.map { [$0] } ?? [], countries: countries, listedOn: effective,
                                remarks: remarks.joined(separator: "; ")))
        }

        let records = orders.map { order in
            PartyRecord(id: order.id, primaryName: order.name, type: .unknown, addresses: order.addresses,
                        countries: order.countries.elements, programmes: ["Denied Persons List (DPL)"],
                        listedOn: order.listedOn, remarks: order.remarks.isEmpty ? nil : order.remarks)
        }
        return PartyReadResult(records: records, diagnostics: diagnostics)
    }
}
