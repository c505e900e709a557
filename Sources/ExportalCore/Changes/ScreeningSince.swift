import ExportalDomain

/// `exportal screen --since VERSION`: the entries of one party list that are new since VERSION, or
/// amended since then in a field screening reads (`PartyField.mattersForMatching`). Only potential
/// matches against them are reported: what a reviewer has not seen yet. The list's current version
/// is compared with VERSION directly, so an entry amended and later put back as it was is no change.
///
///     ScreeningSince(list: watch, version: "2025-05")?.change(ofRecord: "NB-005")  // amended: aliases, birth dates
struct ScreeningSince: Sendable {
    struct Change: Sendable, Equatable {
        let kind: EntryChange<PartyRecord>.Kind
        /// For an amendment, the fields screening reads that changed.
        let fields: [PartyField]
    }

    let version: ListVersion
    let listTitle: String
    /// What happened since `version`, by record id in the list's current version.
    private let changes: [String: Change]

    /// Nil when the list keeps no version named `version`.
    init?(list: PartyList, version label: String) {
        let versions = list.history.map { ($0.version, $0.records) }
        let current = ListVersion(version: list.version, date: list.date)
        let records: [PartyRecord]
        if label == list.version {
            (version, records) = (current, list.records)
        } else if let found = versions.first(where: { $0.0.version == label }) {
            (version, records) = found
        } else {
            return nil
        }
        listTitle = list.title
        let set = ChangeSet(from: version, to: current, old: records, new: list.records, matching: list.changes.matching)
        var changes: [String: Change] = [:]
        for change in set.added { changes[change.entry.changeID] = Change(kind: .added, fields: []) }
        for change in set.amended where !change.matchingFields.isEmpty {
            changes[change.entry.changeID] = Change(kind: .amended, fields: change.matchingFields)
        }
        self.changes = changes
    }

    func change(ofRecord id: String) -> Change? { changes[id] }

    var addedCount: Int { changes.values.filter { $0.kind == .added }.count }
    var amendedCount: Int { changes.count - addedCount }

    /// After a match in the text output: "  (amended since 2025-05: aliases, birth dates)".
    func note(ofRecord id: String) -> String {
        guard let change = changes[id] else { return "" }
        return "  (\(change.kind.rawValue) since \(version.version)"
            + (change.fields.isEmpty ? "" : ": " + change.fields.map { $0.title.lowercased() }.joined(separator: ", ")) + ")"
    }

    /// A match's `since` in the JSON output.
    func jsonObject(ofRecord id: String) -> [String: Any]? {
        changes[id].map { ["version": version.version, "change": $0.kind.rawValue, "fields": $0.fields.map(\.rawValue)] }
    }

    /// The two columns the CSV output gains: added or amended, and the amended fields screening reads.
    static let csvHeader = ",change_since,changed_fields"

    func csvCells(ofRecord id: String?) -> String {
        guard let change = id.flatMap({ changes[$0] }) else { return ",," }
        return "," + ScreenCSV.cell(change.kind.rawValue) + "," + ScreenCSV.cell(change.fields.map(\.rawValue).joined(separator: "; "))
    }

    /// The first line of the text output: what was screened.
    var heading: String {
        "Screened against what changed in \(listTitle) since version \(version): \(addedCount) entr\(addedCount == 1 ? "y" : "ies") added, "
            + "\(amendedCount) amended in a field screening reads"
    }
}
