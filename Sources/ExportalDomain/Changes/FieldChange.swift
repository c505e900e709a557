/// One field of an amended entry, old and new values side by side, each in the entry's own order.
///
///     FieldChange(field: PartyField.aliases, old: ["Severtech"], new: ["Severtech", "Severtekh"]).added  // ["Severtekh"]
public struct FieldChange<Field: ChangeField>: Sendable, Hashable {
    public let field: Field
    public let old: [String]
    public let new: [String]

    public init(field: Field, old: [String], new: [String]) {
        self.field = field
        self.old = old
        self.new = new
    }

    /// New values that the old version did not have.
    public var added: [String] { new.filter { !old.contains($0) } }
    /// Old values that the new version no longer has.
    public var removed: [String] { old.filter { !new.contains($0) } }
}
