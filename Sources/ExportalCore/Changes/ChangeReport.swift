import ExportalDomain

/// A change set between two versions of a party list or a control list, as plain values for
/// `exportal changes` to print: the same shape for both kinds of list.
///
///     ChangeReport(list: watch, from: v1, to: v2).counts  // (added: 1, removed: 1, amended: 2)
struct ChangeReport: Sendable {
    enum Kind: String, Sendable {
        case parties, controls

        var title: String { self == .parties ? "party list" : "control list" }
    }

    struct Field: Sendable, Equatable {
        /// The field's name in JSON and CSV: `aliases`, `weak-aliases`, `reasons`.
        let name: String
        /// What a person reads: `Weak aliases`.
        let title: String
        let old: [String]
        let new: [String]
    }

    struct Entry: Sendable, Equatable {
        /// The identity the entry was matched on (see `EntryMatching`).
        let key: String
        /// The entry's own id in the newer version, or in the older one if it was removed.
        let id: String
        let title: String
        /// For an amendment, the fields that changed, in the order a change page shows them.
        let fields: [Field]
    }

    let kind: Kind
    let listID: String
    let listTitle: String
    let from: ListVersion
    let to: ListVersion
    let matching: EntryMatching
    /// The portal's change page when `from` is the version just before `to`; other pairs have none.
    let page: String?
    let added: [Entry]
    let removed: [Entry]
    let amended: [Entry]

    var isEmpty: Bool { added.isEmpty && removed.isEmpty && amended.isEmpty }

    init<Tracked: ChangeTracked>(kind: Kind, listID: String, listTitle: String, changes: ChangeSet<Tracked>, page: String?)
        where Tracked.Field: RawRepresentable, Tracked.Field.RawValue == String {
        self.kind = kind
        self.listID = listID
        self.listTitle = listTitle
        from = changes.from
        to = changes.to
        matching = changes.matching
        self.page = page
        func entry(_ change: EntryChange<Tracked>) -> Entry {
            Entry(key: change.key, id: change.entry.changeID, title: change.entry.changeTitle,
                  fields: change.fields.map { Field(name: $0.field.rawValue, title: $0.field.title, old: $0.old, new: $0.new) })
        }
        added = changes.added.map(entry)
        removed = changes.removed.map(entry)
        amended = changes.amended.map(entry)
    }
}
