/// A field of a list entry whose changes are reported, e.g. a party's aliases or an entry's reasons.
public protocol ChangeField: Sendable, Hashable, CaseIterable {
    /// How a change page names the field: "Weak aliases".
    var title: String { get }
}

/// An entry of a list that can be compared across versions: a party record, a control entry.
///
/// Values are compared with runs of whitespace collapsed and, for fields holding several values,
/// in any order: re-wrapping a remark or reordering aliases is not an amendment.
public protocol ChangeTracked: Sendable {
    associatedtype Field: ChangeField

    /// The key each entry is matched on across versions, one per entry, in the same order.
    static func identities(of entries: [Self], matching: EntryMatching) -> [String]
    /// Whether `a` comes before `b` in a change set; both are identities.
    static func precedes(_ a: String, _ b: String) -> Bool
    /// The entry's id within its own version, for links: a party id, a control code.
    var changeID: String { get }
    /// What a change page calls the entry: a party's name, a code and its title.
    var changeTitle: String { get }
    /// The field's values as shown on a change page, in the entry's own order.
    func changeValues(_ field: Field) -> [String]
    /// True when `a` and `b` are certainly the same entry as written, so no field needs comparing;
    /// false says nothing. Equatable entries compare themselves, which is quick.
    static func identical(_ a: Self, _ b: Self) -> Bool
}

extension ChangeTracked {
    public static func precedes(_ a: String, _ b: String) -> Bool { NaturalOrder.precedes(a, b) }
    public static func identical(_ a: Self, _ b: Self) -> Bool { false }
}

extension ChangeTracked where Self: Equatable {
    public static func identical(_ a: Self, _ b: Self) -> Bool { a == b }
}
