/// `exportal changes` for people: the list and versions, the counts, then each added, removed and
/// amended entry, an amended one with its changed fields, old values `-` and new values `+`.
///
///     Northbridge watch list (party list northbridge-watchlist): 2025-08 (2025-08-01) to 2025-11 (2025-11-14)
///     Entries matched by the list's own entry ids.
///     0 added, 0 removed, 1 amended
///
///     Amended
///       NB-008  Polar Star Logistics Group
///         Countries
///           + KZ
enum ChangeReportText {
    static func render(_ report: ChangeReport) -> String {
        var lines = ["\(report.listTitle) (\(report.kind.title) \(report.listID)): \(report.from) to \(report.to)",
                     "Entries \(report.matching.title).",
                     "\(report.added.count) added, \(report.removed.count) removed, \(report.amended.count) amended"]
        if report.isEmpty { lines.append("No entry was added, removed or amended.") }
        for (heading, entries) in [("Added", report.added), ("Removed", report.removed), ("Amended", report.amended)] where !entries.isEmpty {
            lines += ["", heading]
            for entry in entries {
                // A control entry's title starts with its code already.
                lines.append("  " + (entry.title.hasPrefix(entry.id + " ") ? entry.title : "\(entry.id)  \(entry.title)"))
                for field in entry.fields {
                    lines.append("    \(field.title)")
                    lines += values(field).map { "      \($0)" }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A field that holds one value shows it before and after; one that holds several shows the
    /// values that went and came, or all of them when only their repeats changed.
    static func values(_ field: ChangeReport.Field) -> [String] {
        let gone = field.old.filter { !field.new.contains($0) }, came = field.new.filter { !field.old.contains($0) }
        if field.old.count > 1 || field.new.count > 1, !(gone.isEmpty && came.isEmpty) {
            return gone.map { "- \($0)" } + came.map { "+ \($0)" }
        }
        return field.old.map { "- \($0)" } + field.new.map { "+ \($0)" }
    }
}
