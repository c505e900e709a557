extension ListHistory {
    /// What happened to the entry with identity `key` in the versions after `version`, oldest first,
    /// each change with the version that made it. Empty for an unknown version's successors only
    /// when nothing changed; an unknown `version` counts as the oldest.
    ///
    ///     history.changes(ofKey: "NB-008", after: "2025-05").map(\.change.kind)  // [.amended]
    public func changes(ofKey key: String, after version: String) -> [(version: ListVersion, change: EntryChange<Entry>)] {
        changeSets(after: version).compactMap { set in set.change(forKey: key).map { (set.to, $0) } }
    }

    /// The change sets that lead from `version` to the newest version, oldest first.
    public func changeSets(after version: String) -> ArraySlice<ChangeSet<Entry>> {
        let start = versions.firstIndex { $0.version == version } ?? 0
        return changeSets[min(start, changeSets.count)...]
    }

    /// True when the list keeps a version with this label.
    public func knows(version: String) -> Bool { versions.contains { $0.version == version } }
}
