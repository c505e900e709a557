/// What happened to one entry between two versions of a list.
public struct EntryChange<Entry: ChangeTracked>: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case added, removed, amended
    }

    /// The identity the entry was matched on (see `EntryMatching`).
    public let key: String
    public let kind: Kind
    /// The entry in the older version; nil when it was added.
    public let old: Entry?
    /// The entry in the newer version; nil when it was removed.
    public let new: Entry?
    /// For an amendment, the fields that changed, in the field type's declared order.
    public let fields: [FieldChange<Entry.Field>]

    /// The entry as the newer version has it, or as the older one had it if it was removed.
    public var entry: Entry {
        guard let shown = new ?? old else { preconditionFailure("a change has an old or a new entry") }
        return shown
    }

    public func change(of field: Entry.Field) -> FieldChange<Entry.Field>? { fields.first { $0.field == field } }
}

extension EntryChange {
    /// Compares one entry in two versions; nil when every field holds the same values.
    static func amendment(key: String, old: Entry, new: Entry) -> EntryChange? {
        if Entry.identical(old, new) { return nil }
        var fields: [FieldChange<Entry.Field>] = []
        for field in Entry.Field.allCases {
            let before = old.changeValues(field), after = new.changeValues(field)
            if !ChangeText.sameValues(before, after) { fields.append(FieldChange(field: field, old: before, new: after)) }
        }
        return fields.isEmpty ? nil : EntryChange(key: key, kind: .amended, old: old, new: new, fields: fields)
    }
}

extension EntryChange: Equatable where Entry: Equatable {}
