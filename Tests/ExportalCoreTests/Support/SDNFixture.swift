import Foundation

/// The real OFAC SDN CSV files cut into rows by entry (`ent_num`, the first column of every file),
/// to write other whole versions of the list: entries removed, added from another set, amended,
/// renumbered or reordered, each row otherwise exactly as OFAC wrote it.
struct SDNFixture {
    /// The files of a set, by the role `files:` gives them in list.yml.
    static let files = ["sdn": "sdn.csv", "alt": "alt.csv", "add": "add.csv", "comments": "sdn_comments.csv"]

    /// Each file's rows as written; a quoted field may hold a line break (the 2025 sample's do).
    private(set) var rows: [String: [String]]

    /// Reads a set below ../shared/data, e.g. `ofac_sdn_csv/full_2019`.
    init(_ folder: String) throws {
        var rows: [String: [String]] = [:]
        for (role, name) in Self.files {
            let text = try String(contentsOf: PartyData.root.appendingPathComponent("\(folder)/\(name)"), encoding: .utf8)
            rows[role] = Self.records(text)
        }
        self.rows = rows
    }

    /// The file's records: a line feed ends one unless it is inside quotes (a CRLF file's records
    /// keep their CR). Read as bytes: a debug build walks megabytes of Characters slowly.
    static func records(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var records: [String] = [], start = 0, quoted = false
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if byte == UInt8(ascii: "\n") && !quoted {
                if index > start { records.append(String(decoding: bytes[start..<index], as: UTF8.self)) }
                start = index + 1
            }
        }
        if bytes.count > start { records.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return records
    }

    static func entNum(_ row: String) -> Substring { row.prefix { $0 != "," } }

    /// The entry's rows in one file.
    func rows(of entNum: String, in role: String) -> [String] { rows[role, default: []].filter { Self.entNum($0) == entNum } }

    /// The line (1-based) where the entry's row starts in sdn.csv, as written.
    func line(of entNum: String) -> Int? {
        guard let rows = rows["sdn"], let index = rows.firstIndex(where: { Self.entNum($0) == entNum }) else { return nil }
        return rows[..<index].reduce(1) { $0 + 1 + $1.utf8.filter { $0 == UInt8(ascii: "\n") }.count }
    }

    /// Keeps only these entries.
    mutating func keep(_ entNums: Set<String>) {
        for role in rows.keys { rows[role]?.removeAll { !entNums.contains(String(Self.entNum($0))) } }
    }

    mutating func remove(_ entNum: String) {
        for role in rows.keys { rows[role]?.removeAll { Self.entNum($0) == entNum } }
    }

    /// Appends another set's entry, all its rows.
    mutating func add(_ entNum: String, from other: SDNFixture) {
        for role in rows.keys { rows[role]?.append(contentsOf: other.rows(of: entNum, in: role)) }
    }

    /// Rewrites the entry's rows in one file.
    mutating func edit(_ entNum: String, in role: String = "sdn", _ change: (String) -> String) {
        rows[role] = rows[role]?.map { Self.entNum($0) == entNum ? change($0) : $0 }
    }

    mutating func append(_ row: String, in role: String) { rows[role, default: []].append(row) }

    /// Gives the entry another ent_num in every file.
    mutating func renumber(_ entNum: String, to new: String) {
        for role in rows.keys { edit(entNum, in: role) { new + $0.dropFirst(entNum.count) } }
    }

    /// Every file's rows in reverse order.
    mutating func reverse() {
        for role in rows.keys { rows[role]?.reverse() }
    }

    /// Writes the set into `folder` of the site and returns the `files:` value for list.yml, paths
    /// relative to the list folder `parties/<list>`.
    func write(to site: FixtureSite, list: String, folder: String) throws -> String {
        for (role, name) in Self.files {
            try site.write("Content/parties/\(list)/\(folder)/\(name)", rows[role, default: []].joined(separator: "\n") + "\n")
        }
        return "{" + Self.files.keys.sorted().map { "\($0): \(folder)/\(Self.files[$0]!)" }.joined(separator: ", ") + "}"
    }
}
