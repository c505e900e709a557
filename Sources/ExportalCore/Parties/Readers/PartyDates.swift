import ExportalDomain
import Foundation

/// Date handling shared by the readers. Output is always ISO 8601: `YYYY-MM-DD`, `YYYY-MM` or
/// `YYYY`, and `A/B` (an ISO 8601 interval) for a range such as OFAC's "1960 to 1962".
enum PartyDates {
    /// Years a listing, update or expiry date can plausibly have. Anything outside is a data
    /// error (the 2019 Denied Persons List has a "Last_Update" in the year 3017).
    static let plausibleYears = 1900...2100

    enum Check: Equatable {
        case valid(String)
        /// A well-formed, real calendar date whose year is outside `plausibleYears`.
        case impossibleYear(String, Int)
        /// Not a date in the expected form, or no such day (31 April).
        case invalid
    }

    /// `MM/DD/YYYY` (the BIS and CSL form), checked and turned into `YYYY-MM-DD`.
    static func checkUS(_ text: String) -> Check {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].utf8.count == 4, let month = number(parts[0]), let day = number(parts[1]),
              let year = number(parts[2]) else { return .invalid }
        return check(year, month, day)
    }

    /// `YYYY-MM-DD`, checked.
    static func checkISO(_ text: String) -> Check {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].utf8.count == 4, parts[1].utf8.count == 2, parts[2].utf8.count == 2,
              let year = number(parts[0]), let month = number(parts[1]), let day = number(parts[2]) else { return .invalid }
        return check(year, month, day)
    }

    static func check(_ year: Int, _ month: Int, _ day: Int) -> Check {
        guard exists(year, month, day) else { return .invalid }
        let text = iso(year, month, day)
        return plausibleYears.contains(year) ? .valid(text) : .impossibleYear(text, year)
    }

    static func exists(_ year: Int, _ month: Int, _ day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    static func iso(_ year: Int, _ month: Int? = nil, _ day: Int? = nil) -> String {
        var text = pad(year, 4)
        if let month { text += "-" + pad(month, 2) }
        if let month, let day, month > 0 { text += "-" + pad(day, 2) }
        return text
    }

    /// An OFAC remarks date: "10 Dec 1948", "Sep 1938", "1946", each optionally after "circa",
    /// or a range "01 Jan 1953 to 31 Dec 1954" / "1979-1982". Nil when it is none of these.
    /// "circa" is dropped: the record keeps the date, the remarks keep the wording.
    static func ofacDate(_ text: String) -> String? {
        var rest = Substring(text.trimmedSpaces)
        if rest.hasPrefix("circa ") { rest = rest.dropFirst(6) }
        if let range = rest.range(of: " to ") {
            guard let from = ofacSingleDate(rest[..<range.lowerBound]), let to = ofacSingleDate(rest[range.upperBound...])
            else { return nil }
            return from + "/" + to
        }
        let dashParts = rest.split(separator: "-")
        if dashParts.count == 2, dashParts.allSatisfy({ $0.utf8.count == 4 && number($0) != nil }) {
            return "\(dashParts[0])/\(dashParts[1])"
        }
        return ofacSingleDate(rest)
    }

    private static func ofacSingleDate(_ text: Substring) -> String? {
        let words = text.split(separator: " ")
        switch words.count {
        case 1:
            guard words[0].utf8.count == 4, let year = number(words[0]) else { return nil }
            return iso(year)
        case 2:
            guard let month = month(words[0]), words[1].utf8.count == 4, let year = number(words[1]) else { return nil }
            return iso(year, month)
        case 3:
            guard let day = number(words[0]), let month = month(words[1]), words[2].utf8.count == 4,
                  let year = number(words[2]), exists(year, month, day) else { return nil }
            return iso(year, month, day)
        default:
            return nil
        }
    }

    /// English month abbreviation ("Jan", "Sep", also "Sept") to 1...12.
    static func month(_ word: Substring) -> Int? {
        switch word.prefix(3).lowercased() {
        case "jan": 1
        case "feb": 2
        case "mar": 3
        case "apr": 4
        case "may": 5
        case "jun": 6
        case "jul": 7
        case "aug": 8
        case "sep": 9
        case "oct": 10
        case "nov": 11
        case "dec": 12
        default: nil
        }
    }

    /// A non-negative decimal number made of ASCII digits only (at most 9 of them).
    static func number(_ text: some StringProtocol) -> Int? {
        var value = 0
        var count = 0
        for c in text.utf8 {
            guard c >= 0x30 && c <= 0x39, count < 9 else { return nil }
            value = value * 10 + Int(c - 0x30)
            count += 1
        }
        return count == 0 ? nil : value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Ids for lists that have none of their own: the list's short name and the first 12 hex
/// digits of the SHA-256 of the fields that identify the entry, so an id stays the same when
/// other entries are added or removed. Collisions get "-2", "-3"... in source order.
struct StableIDs {
    private var used: [String: Int] = [:]

    mutating func make(prefix: String, from parts: [String]) -> String {
        let digest = SHA256.hex(Array(parts.joined(separator: "\u{1F}").utf8))
        return unique("\(prefix)-\(digest.prefix(12))")
    }

    mutating func unique(_ id: String) -> String {
        let count = (used[id] ?? 0) + 1
        used[id] = count
        return count == 1 ? id : "\(id)-\(count)"
    }
}
