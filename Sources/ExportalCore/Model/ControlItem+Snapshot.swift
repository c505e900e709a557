import ExportalDomain

extension ControlItem {
    /// What a change set compares: this item's own values, its Markdown as written.
    var snapshot: ControlEntrySnapshot {
        ControlEntrySnapshot(code: code, title: title,
                             text: (description.map { [$0.text] } ?? []) + notes.map { "Note: \($0.text)" }
                                 + technicalNotes.map { "Technical note: \($0.text)" },
                             subItems: items.map(\.code), reasons: reasons, regimes: regimes, annexIV: annexIV,
                             chartColumns: chartColumns, requirements: requirements)
    }
}

extension [ControlItem] {
    /// Every entry and sub-item, each compared across versions on its own.
    var snapshots: [ControlEntrySnapshot] { flatMap(\.flattened).map(\.snapshot) }
}
