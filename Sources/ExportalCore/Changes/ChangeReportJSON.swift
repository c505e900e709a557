import ExportalDomain
import Foundation

/// `exportal changes --format json`: one object, keys sorted, the same for the same input. Its
/// shape is documented in docs/command-reference.md; a field is added to it, never renamed.
///
///     {"list": "northbridge-watchlist", "kind": "parties", "from": {"version": "2025-08", "date": "2025-08-01"},
///      "counts": {"added": 1, "removed": 0, "amended": 1}, "amended": [{"key": "NB-008", "fields": [...]}], ...}
enum ChangeReportJSON {
    static func render(_ report: ChangeReport) -> String {
        func version(_ v: ListVersion) -> [String: Any] { ["version": v.version, "date": v.date] }
        func entries(_ list: [ChangeReport.Entry]) -> [[String: Any]] {
            list.map { entry in
                ["key": entry.key, "id": entry.id, "title": entry.title,
                 "fields": entry.fields.map { ["field": $0.name, "title": $0.title, "old": $0.old, "new": $0.new] }]
            }
        }
        let object: [String: Any] = [
            "list": report.listID, "kind": report.kind.rawValue, "title": report.listTitle,
            "from": version(report.from), "to": version(report.to), "matching": report.matching.rawValue,
            "page": report.page ?? NSNull(),
            "counts": ["added": report.added.count, "removed": report.removed.count, "amended": report.amended.count],
            "added": entries(report.added), "removed": entries(report.removed), "amended": entries(report.amended),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
