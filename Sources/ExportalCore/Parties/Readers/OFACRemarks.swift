import ExportalDomain
import Foundation

/// What the OFAC SDN reader takes out of an entry's Remarks. OFAC writes them as items separated
/// by "; ", the last ending in ".", a repeated kind starting with "alt.". Read are:
///
/// - `DOB 10 Dec 1948`, `DOB Sep 1938`, `DOB 1946`, `DOB circa 1951`, `DOB 1929 to 1930`,
///   `DOB 01 Jan 1953 to 31 Dec 1954` → birth dates `1948-12-10`, `1938-09`, `1946`, `1951`,
///   `1929/1930`, `1953-01-01/1954-12-31`;
/// - `nationality Iran`, `citizen Mexico` → countries, when the name is in `CountryNames`;
/// - `a.k.a. 'NAME'` (and `f.k.a.`/`n.k.a.`) → weak aliases;
/// - identity documents and registration numbers of the kinds in `identifierKinds`, as
///   `KIND VALUE (Country)`: e.g. `Passport A1234 (Iran)` → kind "Passport", value "A1234",
///   country IR. Anything after the value (`issued 14 Dec 2005`, `expires ...`) is left out of the
///   value; the first parenthesised country name found becomes the identifier's country. IMO
///   numbers written `Vessel Registration Identification IMO 9486910` or `Identification Number
///   IMO ...` get the kind "IMO".
///
/// Everything else (places of birth, "Linked To:", secondary-sanctions notes, telephone numbers)
/// stays only in the remarks text, which the record keeps whole.
struct OFACRemarks {
    private(set) var birthDates: [String] = []
    private(set) var countries: [String] = []
    private(set) var identifiers: [PartyRecord.Identifier] = []
    private(set) var weakAliases: [PartyRecord.Alias] = []

    /// Document and registration kinds read as identifiers, as OFAC writes them.
    static let identifierKinds = [
        "Passport", "Diplomatic Passport", "National ID No.", "National Foreign ID Number", "Personal ID Card",
        "Identification Number", "Cedula No.", "D.N.I.", "SSN", "Citizen's Card Number", "Travel Document Number",
        "Residency Number", "Driver's License No.", "Electoral Registry No.", "Credencial electoral", "Birth Certificate Number",
        "Tax ID No.", "NIT #", "RUC #", "RIF #", "R.F.C.", "R.F.C. #", "RFC", "C.U.R.P.", "C.U.R.P. #", "C.U.I.P.", "US FEIN",
        "V.A.T. Number", "Italian Fiscal Code", "Registration ID", "Registration Number", "Business Registration Number",
        "Business Registration Document #", "Public Registration Number", "Commercial Registry Number", "Company Number",
        "UK Company Number", "Certificate of Incorporation Number", "Chamber of Commerce Number", "Trade License No.", "C.R. No.",
        "Matricula Mercantil No", "Folio Mercantil No.", "Government Gazette Number", "Legal Entity Number", "D-U-N-S Number",
        "SWIFT/BIC", "Vessel Registration Identification", "MMSI", "Aircraft Manufacturer's Serial Number (MSN)",
        "Aircraft Mode S Transponder Code", "Aircraft Tail Number", "Email Address", "Website",
    ]

    /// The kinds as bytes, grouped by their first byte and longest first, so an item is compared
    /// with few of them. Remarks are read as UTF-8 bytes: per-character `String` work would make
    /// the 7,000-entry list several times slower.
    private static let kindsByFirstByte: [UInt8: [(kind: String, bytes: [UInt8])]] = {
        var table: [UInt8: [(kind: String, bytes: [UInt8])]] = [:]
        for kind in identifierKinds {
            let bytes = Array((kind + " ").utf8)
            table[bytes[0], default: []].append((kind, bytes))
        }
        return table.mapValues { $0.sorted { $0.bytes.count > $1.bytes.count } }
    }()

    private static let itemSeparator = Array("; ".utf8)
    private static let alt = Array("alt. ".utf8)
    private static let dob = Array("DOB ".utf8)
    private static let nationality = Array("nationality ".utf8)
    private static let citizen = Array("citizen ".utf8)
    private static let weakAliasMarkers = ["a.k.a. '", "f.k.a. '", "n.k.a. '"].map { Array($0.utf8) }
    private static let digitalCurrency = Array("Digital Currency Address - ".utf8)
    private static let imo = Array("IMO ".utf8)
    private static let valueEnds = [" (", " issued ", " expires "].map { Array($0.utf8) }

    init(_ text: String) {
        guard !text.isEmpty else { return }
        let bytes = Array(text.utf8)
        var seenDates = OrderedSet<String>()
        var seenCountries = OrderedSet<String>()
        var itemStart = 0
        while itemStart < bytes.count {
            let separator = Self.find(Self.itemSeparator, in: bytes, itemStart..<bytes.count)
            let itemEnd = separator ?? bytes.count
            var item = Self.trimmed(bytes, itemStart..<itemEnd)
            itemStart = itemEnd + Self.itemSeparator.count
            if separator == nil, !item.isEmpty, bytes[item.upperBound - 1] == UInt8(ascii: ".") {
                item = item.lowerBound..<(item.upperBound - 1)
            }
            if Self.has(Self.alt, bytes, item) { item = (item.lowerBound + Self.alt.count)..<item.upperBound }
            guard !item.isEmpty else { continue }

            if Self.has(Self.dob, bytes, item) {
                seenDates.append(PartyDates.ofacDate(Self.string(bytes, (item.lowerBound + Self.dob.count)..<item.upperBound)))
            } else if Self.has(Self.nationality, bytes, item) {
                seenCountries.append(CountryNames.code(forName: Self.string(bytes, (item.lowerBound + Self.nationality.count)..<item.upperBound)))
            } else if Self.has(Self.citizen, bytes, item) {
                seenCountries.append(CountryNames.code(forName: Self.string(bytes, (item.lowerBound + Self.citizen.count)..<item.upperBound)))
            } else if Self.weakAliasMarkers.contains(where: { Self.has($0, bytes, item) }) {
                // The name runs from the opening quote to the last quote: names may hold apostrophes.
                let nameStart = item.lowerBound + 8
                if let close = bytes[nameStart..<item.upperBound].lastIndex(of: UInt8(ascii: "'")) {
                    let name = Self.string(bytes, Self.trimmed(bytes, nameStart..<close))
                    if !name.isEmpty { weakAliases.append(PartyRecord.Alias(name: name, strength: .weak)) }
                }
            } else if let identifier = Self.identifier(bytes, item) {
                identifiers.append(identifier)
            }
        }
        birthDates = seenDates.elements
        countries = seenCountries.elements
    }

    private static func identifier(_ bytes: [UInt8], _ item: Range<Int>) -> PartyRecord.Identifier? {
        var kind: String
        var rest: Range<Int>
        if has(digitalCurrency, bytes, item) {
            // "Digital Currency Address - XBT 1abc..." → kind "Digital Currency Address - XBT".
            guard let space = bytes[(item.lowerBound + digitalCurrency.count)..<item.upperBound].firstIndex(of: UInt8(ascii: " "))
            else { return nil }
            kind = string(bytes, item.lowerBound..<space)
            rest = (space + 1)..<item.upperBound
        } else {
            guard let candidates = kindsByFirstByte[bytes[item.lowerBound]],
                  let match = candidates.first(where: { has($0.bytes, bytes, item) }) else { return nil }
            kind = match.kind
            rest = (item.lowerBound + match.bytes.count)..<item.upperBound
        }
        if (kind == "Vessel Registration Identification" || kind == "Identification Number") && has(imo, bytes, rest) {
            kind = "IMO"
            rest = (rest.lowerBound + imo.count)..<rest.upperBound
        }
        var end = rest.upperBound
        for stop in valueEnds {
            if let at = find(stop, in: bytes, rest.lowerBound..<end) { end = at }
        }
        let value = string(bytes, trimmed(bytes, rest.lowerBound..<end))
        guard !value.isEmpty else { return nil }
        return PartyRecord.Identifier(kind: kind, value: value, country: parenthesisedCountry(bytes, end..<rest.upperBound))
    }

    /// The first "(Name)" whose name is a known country, e.g. "(Connecticut) (United States)" → US.
    private static func parenthesisedCountry(_ bytes: [UInt8], _ range: Range<Int>) -> String? {
        var from = range.lowerBound
        while let open = bytes[from..<range.upperBound].firstIndex(of: UInt8(ascii: "(")),
              let close = bytes[(open + 1)..<range.upperBound].firstIndex(of: UInt8(ascii: ")")) {
            if let code = CountryNames.code(forName: string(bytes, (open + 1)..<close)) { return code }
            from = close + 1
        }
        return nil
    }

    private static func has(_ prefix: [UInt8], _ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        guard range.count >= prefix.count else { return false }
        var k = 0
        while k < prefix.count {
            if bytes[range.lowerBound + k] != prefix[k] { return false }
            k += 1
        }
        return true
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], _ range: Range<Int>) -> Int? {
        guard !needle.isEmpty, range.count >= needle.count else { return nil }
        var i = range.lowerBound
        let last = range.upperBound - needle.count
        while i <= last {
            if bytes[i] == needle[0] && has(needle, bytes, i..<range.upperBound) { return i }
            i += 1
        }
        return nil
    }

    private static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi && (bytes[lo] == 0x20 || bytes[lo] == 0x09) { lo += 1 }
        while hi > lo && (bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09) { hi -= 1 }
        return lo..<hi
    }

    private static func string(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
