/// How the entries of two versions of a list are paired up. The change pages say which was used,
/// because matching by name and address cannot tell an amended address from a removal and an addition.
public enum EntryMatching: String, Sendable, CaseIterable {
    /// By the id the list gives each entry: the UN reference number, the SDN `ent_num`, the CSL id
    /// (or source and entity number), the EU reference number, a native list's `id`.
    case listID = "list-id"
    /// By control code, sub-items included: `5A002.a.1` is its own entry.
    case controlCode = "control-code"
    /// By normalised name plus address, for lists that give their entries no ids (the BIS Denied
    /// Persons List): a change of name or address reads as a removal and an addition.
    case nameAndAddress = "name-and-address"

    public var title: String {
        switch self {
        case .listID: "matched by the list's own entry ids"
        case .controlCode: "matched by control code"
        case .nameAndAddress: "matched by name and address (the list gives no ids)"
        }
    }
}
