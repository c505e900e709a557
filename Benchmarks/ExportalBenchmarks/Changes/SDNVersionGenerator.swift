import ExportalDomain
import Foundation

/// A later version of the OFAC SDN list, written from a real set of its legacy CSV files (sdn.csv,
/// alt.csv, add.csv): some entries removed, some added (copies of others under new ent_nums and
/// names), some amended (a name, an alias, a remark or an address), chosen by a fixed seed, so every
/// run compares the same two versions and knows what their change set must hold.
public struct SDNVersionGenerator: Sendable {
    public struct Counts: Sendable, Equatable {
        public var added: Int
        public var removed: Int
        public var amended: Int

        public init(added: Int, removed: Int, amended: Int) {
            self.added = added
            self.removed = removed
            self.amended = amended
        }
    }

    /// The set's files by name, each a list of rows. The 2019 files hold one record a line.
    public private(set) var files: [String: [String]]
    static let names = ["sdn.csv", "alt.csv", "add.csv"]

    public init(folder: String) throws {
        var files: [String: [String]] = [:]
        for name in Self.names {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            files[name] = text.split(separator: "\n").map(String.init)
        }
        self.files = files
    }

    static func entNum(_ row: String) -> Substring { row.prefix { $0 != "," } }

    /// The next version: `counts` entries removed, added and amended, disjoint, picked with `seed`.
    public func nextVersion(_ counts: Counts, seed: UInt64) -> SDNVersionGenerator {
        var next = self
        var random = SplitMix(seed: seed)
        let sdn = files["sdn.csv", default: []]
        var order = Array(sdn.indices)
        for i in order.indices.reversed() { order.swapAt(i, Int(random.next() % UInt64(i + 1))) }  // Fisher-Yates
        let removed = Set(order.prefix(counts.removed).map { String(Self.entNum(sdn[$0])) })
        let amended = order.dropFirst(counts.removed).prefix(counts.amended).map { String(Self.entNum(sdn[$0])) }
        let copied = order.dropFirst(counts.removed + counts.amended).prefix(counts.added).map { sdn[$0] }

        for name in Self.names { next.files[name]?.removeAll { removed.contains(String(Self.entNum($0))) } }
        var serial = 9_000_000  // ent_nums, alias and address numbers far above the list's own
        for (index, ent) in amended.enumerated() {
            serial += 1
            switch index % 4 {
            case 0: next.edit(ent, in: "sdn.csv") { $0.replacingFirst(",\"", with: ",\"NEW ") }
            case 1: next.files["alt.csv"]?.append("\(ent),\(serial),\"aka\",\"BENCHMARK ALIAS \(serial)\",-0- ")
            case 2: next.edit(ent, in: "sdn.csv") { row in
                    row.hasSuffix("-0- ") ? String(row.dropLast(4)) + "\"Amended.\"" : String(row.dropLast()) + " Amended.\""
                }
            default: next.files["add.csv"]?.append("\(ent),\(serial),\"\(serial) Benchmark Street\",\"Geneva\",\"Switzerland\",-0- ")
            }
        }
        for row in copied {
            serial += 1
            next.files["sdn.csv"]?.append("\(serial)" + String(row.dropFirst(Self.entNum(row).count)).replacingFirst(",\"", with: ",\"COPY \(serial) "))
        }
        return next
    }

    private mutating func edit(_ ent: String, in name: String, _ change: (String) -> String) {
        files[name] = files[name]?.map { Self.entNum($0) == ent ? change($0) : $0 }
    }

    /// Writes sdn.csv, alt.csv and add.csv into `folder`.
    public func write(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in Self.names {
            try Data((files[name, default: []].joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent(name))
        }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
