/// What changed between two consecutive versions of a list: entries added, removed and amended,
/// each sorted by identity (natural order for ids, code order for control codes).
///
///     let changes = ChangeSet(from: v1, to: v2, old: oldRecords, new: newRecords, matching: .listID)
///     changes.amended.first?.fields.map(\.field)  // [.aliases, .addresses]
public struct ChangeSet<Entry: ChangeTracked>: Sendable {
    public let from: ListVersion
    public let to: ListVersion
    public let matching: EntryMatching
    public let added: [EntryChange<Entry>]
    public let removed: [EntryChange<Entry>]
    public let amended: [EntryChange<Entry>]
    /// Position of each changed identity: the kind and its index in that kind's array.
    private let index: [String: (EntryChange<Entry>.Kind, Int)]

    public init(from: ListVersion, to: ListVersion, old: [Entry], new: [Entry], matching: EntryMatching) {
        self.init(from: from, to: to, old: Keyed(old, matching), new: Keyed(new, matching), matching: matching)
    }

    init(from: ListVersion, to: ListVersion, old: Keyed<Entry>, new: Keyed<Entry>, matching: EntryMatching) {
        self.from = from
        self.to = to
        self.matching = matching
        var added: [EntryChange<Entry>] = [], removed: [EntryChange<Entry>] = [], amended: [EntryChange<Entry>] = []
        for (key, entry) in new.entries {
            if let before = old.entry(key) {
                if let change = EntryChange.amendment(key: key, old: before, new: entry) { amended.append(change) }
            } else {
                added.append(EntryChange(key: key, kind: .added, old: nil, new: entry, fields: []))
            }
        }
        for (key, entry) in old.entries where new.entry(key) == nil {
            removed.append(EntryChange(key: key, kind: .removed, old: entry, new: nil, fields: []))
        }
        let order = { (a: EntryChange<Entry>, b: EntryChange<Entry>) in Entry.precedes(a.key, b.key) }
        self.added = added.sorted(by: order)
        self.removed = removed.sorted(by: order)
        self.amended = amended.sorted(by: order)
        var index: [String: (EntryChange<Entry>.Kind, Int)] = [:]
        for (kind, changes) in [(EntryChange<Entry>.Kind.added, self.added), (.removed, self.removed), (.amended, self.amended)] {
            for (position, change) in changes.enumerated() { index[change.key] = (kind, position) }
        }
        self.index = index
    }

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && amended.isEmpty }

    /// What happened to the entry with this identity, or nil when it did not change.
    public func change(forKey key: String) -> EntryChange<Entry>? {
        guard let (kind, position) = index[key] else { return nil }
        switch kind {
        case .added: return added[position]
        case .removed: return removed[position]
        case .amended: return amended[position]
        }
    }
}

/// A version's entries by identity, in the version's own order.
struct Keyed<Entry: ChangeTracked>: Sendable {
    let entries: [(key: String, entry: Entry)]
    private let byKey: [String: Int]

    init(_ entries: [Entry], _ matching: EntryMatching) {
        let keys = Entry.identities(of: entries, matching: matching)
        precondition(keys.count == entries.count, "one identity per entry")
        var byKey: [String: Int] = [:]
        var kept: [(key: String, entry: Entry)] = []
        // Loaders refuse duplicate ids; should one slip through, the first entry with a key wins.
        for (key, entry) in zip(keys, entries) where byKey[key] == nil {
            byKey[key] = kept.count
            kept.append((key, entry))
        }
        self.entries = kept
        self.byKey = byKey
    }

    func entry(_ key: String) -> Entry? { byKey[key].map { entries[$0].entry } }
    var keys: [String] { entries.map(\.key) }
}
