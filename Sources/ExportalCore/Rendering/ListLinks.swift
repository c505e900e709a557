import ExportalDomain

/// Where each entry a list's versions ever held has its page, current or removed, for the links of
/// change pages, the Updates page, the feeds and the history sections.
struct ControlListLinks: Sendable {
    /// A code's page and anchor, for every entry and sub-item of the current version and of the
    /// removed entries' pages: `controls/eu/5A002.html#5A002.a`.
    private let hrefs: [String: String]

    init(_ list: ControlList, removed: [RemovedControlEntry]) {
        var hrefs: [String: String] = [:]
        for entry in list.entries + removed.map(\.item) {
            let page = PortalPaths.entry(list: list.id, entryCode: entry.code.entryCode)
            for item in entry.flattened { hrefs[item.code.description] = item.code.isEntry ? page : "\(page)#\(item.code)" }
        }
        self.hrefs = hrefs
    }

    /// The code's place, or its entry's page when no page holds the sub-item any more; nil when the
    /// entry has no page.
    func href(_ code: String) -> String? {
        if let href = hrefs[code] { return href }
        guard let parsed = ControlCode(code) else { return nil }
        return hrefs[parsed.entryCode]
    }
}

/// The page of each party a list's versions ever held, by the identity entries are matched on.
struct PartyListLinks: Sendable {
    private let paths: [String: String]

    init(_ list: PartyList, slugs: [String], removed: [RemovedParty], removedSlugs: [String]) {
        var paths: [String: String] = [:]
        let keys = list.changes.changeSets.isEmpty ? [] : PartyRecord.identities(of: list.records, matching: list.changes.matching)
        for (key, slug) in zip(keys, slugs) { paths[key] = PartyPages.path(list: list.id, slug: slug) }
        for (party, slug) in zip(removed, removedSlugs) { paths[party.key] = PartyPages.path(list: list.id, slug: slug) }
        self.paths = paths
    }

    func href(_ key: String) -> String? { paths[key] }
}
