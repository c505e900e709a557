/// Every version a list keeps, oldest first with the current one last, and the change set between
/// each pair of consecutive versions.
///
///     let history = ListHistory(versions: [(v1, old), (v2, current)], matching: .listID)
///     history.changeSets[0].added.map(\.key)   // ["NB-011"]
///     history.history(ofKey: "NB-004").events  // [present in v1, removed in v2]
public struct ListHistory<Entry: ChangeTracked>: Sendable {
    public let versions: [ListVersion]
    public let matching: EntryMatching
    /// `changeSets[i]` goes from `versions[i]` to `versions[i + 1]`.
    public let changeSets: [ChangeSet<Entry>]
    private let oldestKeys: Set<String>
    /// The identity of each entry of the newest version, by its id there.
    private let currentKeys: [String: String]

    public init(versions: [(ListVersion, [Entry])], matching: EntryMatching) {
        self.versions = versions.map(\.0)
        self.matching = matching
        let keyed = versions.map { Keyed($0.1, matching) }
        changeSets = zip(versions.indices.dropLast(), versions.indices.dropFirst()).map { older, newer in
            ChangeSet(from: versions[older].0, to: versions[newer].0, old: keyed[older], new: keyed[newer], matching: matching)
        }
        oldestKeys = Set(keyed.first?.keys ?? [])
        var currentKeys: [String: String] = [:]
        for (key, entry) in keyed.last?.entries ?? [] { currentKeys[entry.changeID] = key }
        self.currentKeys = currentKeys
    }

    /// A list with no earlier versions: nothing changed.
    public static func single(_ version: ListVersion, _ entries: [Entry], matching: EntryMatching) -> ListHistory {
        ListHistory(versions: [(version, entries)], matching: matching)
    }

    public var current: ListVersion? { versions.last }

    /// The identity of the current version's entry with this id (a party id, a control code).
    public func key(ofCurrentID id: String) -> String? { currentKeys[id] }

    /// The change set that leads to `version`, nil for the oldest version or an unknown one.
    public func changeSet(to version: String) -> ChangeSet<Entry>? { changeSets.first { $0.to.version == version } }

    public func history(ofKey key: String) -> EntryHistory<Entry.Field> {
        var events: [EntryHistory<Entry.Field>.Event] = []
        if let oldest = versions.first, oldestKeys.contains(key) { events.append(.init(kind: .present, version: oldest)) }
        for changes in changeSets {
            guard let change = changes.change(forKey: key) else { continue }
            switch change.kind {
            case .added: events.append(.init(kind: .added, version: changes.to))
            case .removed: events.append(.init(kind: .removed, version: changes.to))
            case .amended: events.append(.init(kind: .amended, version: changes.to, fields: change.fields.map(\.field)))
            }
        }
        return EntryHistory(key: key, events: events)
    }
}
