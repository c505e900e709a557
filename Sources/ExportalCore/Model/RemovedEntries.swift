import ExportalDomain

/// A control-list entry that an earlier version held and the current version does not. It keeps
/// its page, at its usual path, showing the entry as the last version that held it had it.
struct RemovedControlEntry: Sendable {
    /// The entry, sub-items included, as `lastVersion` had it.
    let item: ControlItem
    /// The newest kept version that still held the entry.
    let lastVersion: ListVersion
    /// The version that no longer held it.
    let removedIn: ListVersion
}

/// A listed party that an earlier version held and the current version does not.
struct RemovedParty: Sendable {
    let record: PartyRecord
    /// The identity it was matched on across versions (`EntryMatching`).
    let key: String
    let lastVersion: ListVersion
    let removedIn: ListVersion
}

extension ControlList {
    /// Entries of earlier versions that the current version no longer holds, by code; each as the
    /// newest version that held it. Empty, at no cost, for a list without history.
    var removedEntries: [RemovedControlEntry] {
        guard !history.isEmpty else { return [] }
        var seen = Set(entries.map(\.code.description))
        var removed: [RemovedControlEntry] = []
        for version in history.reversed() {
            for entry in version.entries where seen.insert(entry.code.description).inserted {
                let removal = changes.history(ofKey: entry.code.description).events.last { $0.kind == .removed }
                removed.append(RemovedControlEntry(item: entry, lastVersion: version.version,
                                                   removedIn: removal?.version ?? changes.current ?? version.version))
            }
        }
        return removed.sorted { $0.item.code < $1.item.code }
    }
}

extension PartyList {
    /// Parties of earlier versions that the current version no longer holds, in identity order; each
    /// as the newest version that held it. Empty, at no cost, for a list without history.
    var removedRecords: [RemovedParty] {
        guard !history.isEmpty else { return [] }
        var seen = Set(PartyRecord.identities(of: records, matching: changes.matching))
        var removed: [RemovedParty] = []
        for version in history.reversed() {
            let keys = PartyRecord.identities(of: version.records, matching: changes.matching)
            for (key, record) in zip(keys, version.records) where seen.insert(key).inserted {
                let removal = changes.history(ofKey: key).events.last { $0.kind == .removed }
                removed.append(RemovedParty(record: record, key: key, lastVersion: version.version,
                                            removedIn: removal?.version ?? changes.current ?? version.version))
            }
        }
        return removed.sorted { PartyRecord.precedes($0.key, $1.key) }
    }
}
