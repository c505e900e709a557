import ExportalDomain

/// A profile's recorded decisions, each with its status against the newest version of its list, and
/// the one that applies to each potential match. Several decisions on one match (a reopened one and
/// the new one made after it) are kept for the record; the one made against the latest version (then
/// the latest date) applies, and the others are `superseded`.
struct DispositionLedger {
    private struct Entry {
        let disposition: Disposition
        let key: String
        let status: DispositionStatus
        let order: (Int, String)
        var superseded = false
    }

    private var entries: [Entry] = []
    /// The entry that applies, by party, list and identity.
    private var applying: [String: Int] = [:]

    init(_ profile: ExporterProfile, lists: [PartyList]) {
        for recorded in profile.dispositions {
            let decision = recorded.disposition
            // Loading refused decisions on unknown lists, versions and entries.
            guard let list = lists.first(where: { $0.id == decision.list }),
                  let key = list.keys(ofVersion: decision.version)[decision.entry] else { continue }
            let versions = list.changes.versions
            let status = DispositionStatus(decidedIn: decision.version, history: list.changes.history(ofKey: key), versions: versions)
            let position = versions.firstIndex { $0.version == decision.version } ?? 0
            let slot = Self.slot(decision.party, list.id, key)
            entries.append(Entry(disposition: decision, key: key, status: status, order: (position, decision.date)))
            if let current = applying[slot] {
                if entries[current].order < entries[entries.count - 1].order {
                    entries[current].superseded = true
                    applying[slot] = entries.count - 1
                } else {
                    entries[entries.count - 1].superseded = true
                }
            } else {
                applying[slot] = entries.count - 1
            }
        }
    }

    private static func slot(_ party: String, _ list: String, _ key: String) -> String { [party, list, key].joined(separator: "\u{0}") }

    /// The review of a potential match of `party` with the entry of identity `key` in list `list`.
    func review(party: String, list: String, key: String) -> Checklist.Review {
        guard let index = applying[Self.slot(party, list, key)] else { return .open }
        let entry = entries[index], decision = entry.disposition
        return Checklist.Review(status: entry.status.isOpen ? "reopened" : "standing", decision: decision.decision.rawValue,
                                reviewer: decision.reviewer, date: decision.date, reason: decision.reason, version: decision.version,
                                note: entry.status.note)
    }

    var records: [Checklist.DispositionRecord] {
        entries.map { entry in
            let decision = entry.disposition
            return Checklist.DispositionRecord(party: decision.party, list: decision.list, entry: decision.entry,
                                               decision: decision.decision.rawValue, reviewer: decision.reviewer, date: decision.date,
                                               reason: decision.reason, version: decision.version,
                                               status: entry.superseded ? "superseded" : entry.status.kind,
                                               note: entry.superseded ? "a later decision on the same match applies" : entry.status.note)
        }
    }
}
