import ExportalDomain

/// What a list index page can be filtered by in the browser (`Public/filters.js`).
///
/// Every choice comes from the list's own entries, sub-items included, so a list without any
/// MTCR item offers no MTCR filter, and each choice says how many entries it keeps:
///
///     ControlListFilters(list).values()["reasons"]   // [["value": "NS", "label": "NS: National security", "count": 12], ...]
///
/// Each entry row carries the same vocabulary in data attributes (`rowValues`), so the script
/// filters what the page says and never needs its own copy of the vocabulary.
struct ControlListFilters {
    let list: ControlList

    init(_ list: ControlList) { self.list = list }

    /// The reasons of an entry and of all its sub-items: a filter for NS keeps an entry whose
    /// sub-item alone is controlled for NS.
    static func reasons(_ entry: ControlItem) -> [ReasonForControl] {
        Array(Set(entry.flattened.flatMap(\.reasons))).sorted()
    }

    static func regimes(_ entry: ControlItem) -> [ControlRegime] {
        Array(Set(entry.flattened.flatMap(\.regimes))).sorted()
    }

    /// Data attributes for one entry row.
    static func rowValues(_ entry: ControlItem) -> [String: Any] {
        ["filterCategory": String(entry.code.category), "filterGroup": String(entry.code.productGroup.rawValue),
         "filterReasons": reasons(entry).map(\.rawValue).joined(separator: " "),
         "filterRegimes": regimes(entry).map(\.rawValue).joined(separator: " "),
         "filterCodes": entry.flattened.map(\.code.description).joined(separator: " ")]
    }

    func values() -> [String: Any] {
        let entries = list.entries
        let categories = Self.counts(entries.map(\.code.category))
        let groups = Self.counts(entries.map(\.code.productGroup))
        let reasons = Self.counts(entries.flatMap(Self.reasons))
        let regimes = Self.counts(entries.flatMap(Self.regimes))
        return [
            "categories": categories.map { ["value": String($0.0), "label": "\($0.0): \(ControlCategory.title($0.0))", "count": $0.1] },
            "groups": groups.map { ["value": String($0.0.rawValue), "label": "\($0.0.rawValue): \($0.0.title)", "count": $0.1] },
            "reasons": reasons.map { ["value": $0.0.rawValue, "label": "\($0.0.rawValue): \($0.0.title)", "count": $0.1] },
            "regimes": regimes.map { ["value": $0.0.rawValue, "label": $0.0.title, "count": $0.1] },
            "hasRegimes": !regimes.isEmpty,
            "total": entries.count,
            "exampleCode": exampleCode,
        ]
    }

    /// A code of this list to show in the text box's hint: a sub-item where there is one, since
    /// finding an entry by a sub-item's code is the less obvious use.
    var exampleCode: String {
        let first = list.entries.first { !$0.items.isEmpty } ?? list.entries.first
        return (first?.items.first ?? first)?.code.description ?? ""
    }

    /// How many entries name each value, in the vocabulary's order.
    private static func counts<Value: Comparable & Hashable>(_ values: [Value]) -> [(Value, Int)] {
        Dictionary(grouping: values, by: { $0 }).map { ($0.key, $0.value.count) }.sorted { $0.0 < $1.0 }
    }
}
