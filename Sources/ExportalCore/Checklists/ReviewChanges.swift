import ExportalDomain

/// The checklist's "Changes since your last review": for each list the profile names in `reviewed:`,
/// what the versions after that one mean for this exporter.
///
/// * Party lists: its parties are screened against the reviewed version as well as the current
///   one. A current match that the reviewed version did not give is new; a match the reviewed
///   version gave whose entry was amended or removed since is listed with what changed.
/// * Control lists: each product code whose entry, a parent or a sub-item of it changed or was
///   removed since is listed, to re-check the product's classification.
///
/// Every item links to the portal's change page of each version that changed it.
struct ReviewChanges {
    let profile: ExporterProfile
    let screening: PartyScreening?
    let controlLists: [ControlList]
    /// Which control list holds each code of the ruleset's lists.
    let listOf: [String: String]
    let baseURL: String

    /// Wide enough that a match ranked sixth now but fifth before is not mistaken for a new one.
    static let earlierLimit = 50

    func build(currentMatches: [[ScreeningMatch]]) -> Checklist.SinceReview {
        var lists: [Checklist.ReviewedList] = [], items: [Checklist.ReviewItem] = []
        for reviewed in profile.reviewed {
            if let list = screening?.lists.first(where: { $0.id == reviewed.list }) {
                lists.append(summary(list.id, list.title, kind: "parties", reviewed: reviewed.version, history: list.changes) {
                    PortalPaths.partyChanges(list: list.id, version: $0)
                })
                items += partyItems(list, since: reviewed.version, currentMatches: currentMatches)
            }
            if let list = controlLists.first(where: { $0.id == reviewed.list }) {
                lists.append(summary(list.id, list.title, kind: "controls", reviewed: reviewed.version, history: list.changes) {
                    PortalPaths.controlChanges(list: list.id, version: $0)
                })
                items += codeItems(list, since: reviewed.version)
            }
        }
        return .init(lists: lists, items: items)
    }

    private func summary<Entry>(_ id: String, _ title: String, kind: String, reviewed: String, history: ListHistory<Entry>,
                                page: (String) -> String) -> Checklist.ReviewedList {
        .init(id: id, title: title, kind: kind, reviewed: reviewed, current: history.current?.version ?? reviewed,
              versions: history.changeSets(after: reviewed).map { .init(version: $0.to.version, change: "", url: baseURL + page($0.to.version)) })
    }

    // MARK: parties

    private func partyItems(_ list: PartyList, since version: String, currentMatches: [[ScreeningMatch]]) -> [Checklist.ReviewItem] {
        guard let screening, version != list.version, let earlierRecords = list.records(ofVersion: version) else { return [] }
        let earlierKeys = list.keys(ofVersion: version), currentKeys = list.keys(ofVersion: list.version)
        // Words weigh as in the current screening, so that only the list's changes make a match new.
        let earlierIndex = ScreeningIndex(earlierRecords.map { (listID: list.id, record: $0) }, frequencies: screening.index.frequencies)
        let queries = profile.parties.map { ScreeningQuery(name: $0.name, country: $0.country) }
        let earlierMatches = ScreeningIndex.Searcher(earlierIndex).screen(queries, threshold: ScreeningIndex.defaultThreshold,
                                                                          limit: Self.earlierLimit)
        let changePage = { (version: String) in baseURL + PortalPaths.partyChanges(list: list.id, version: version) }
        func links(_ key: String) -> [Checklist.VersionLink] {
            list.changes.changes(ofKey: key, after: version).map { version, change in
                .init(version: version.version, change: Self.describe(change), url: changePage(version.version))
            }
        }
        var items: [Checklist.ReviewItem] = []
        let pages = ChangePages.links(list)
        for (party, (now, before)) in zip(profile.parties, zip(currentMatches, earlierMatches)) {
            let nowKeys = now.filter { $0.listID == list.id }.compactMap { currentKeys[$0.recordID] }
            let beforeKeys = Set(before.compactMap { earlierKeys[$0.recordID] })
            for match in now where match.listID == list.id {
                guard let key = currentKeys[match.recordID], !beforeKeys.contains(key) else { continue }
                let changes = links(key)
                let how = changes.last.map { " (\($0.change) in version \($0.version))" } ?? ""
                items.append(.init(kind: "new-match", subject: party.name,
                                   text: "Review the new potential match for \(party.name): entry \(match.recordID), \(match.name)\(how).",
                                   list: list.title, entry: match.recordID, name: match.name,
                                   url: screening.page(match).map { baseURL + $0 } ?? "", changes: changes))
            }
            for match in before {
                guard let key = earlierKeys[match.recordID] else { continue }
                let changes = links(key)
                guard let last = list.changes.changes(ofKey: key, after: version).last?.change else { continue }
                let removed = last.kind == .removed
                let still = nowKeys.contains(key)
                let current = list.records.first { currentKeys[$0.id] == key }
                // A removed entry keeps its page in the portal: the link leads there.
                let page = current.flatMap { screening.page(list: list.id, record: $0.id) } ?? (removed ? pages.href(key) : nil)
                let url = page.map { baseURL + $0 } ?? ""
                let text = removed
                    ? "Entry \(match.recordID), \(match.name), an earlier potential match for \(party.name), was removed from the list in version \(changes.last?.version ?? "")."
                    : "Check the potential match for \(party.name) again: entry \(match.recordID), \(match.name), was \(changes.map { "\($0.change) in version \($0.version)" }.joined(separator: "; "))"
                        + (still ? "." : ", and is no longer a potential match.")
                items.append(.init(kind: removed ? "removed-match" : "amended-match", subject: party.name, text: text, list: list.title,
                                   entry: match.recordID, name: match.name, url: url, changes: changes))
            }
        }
        return items
    }

    /// "added", "removed", "amended: aliases, addresses".
    static func describe<Entry>(_ change: EntryChange<Entry>) -> String {
        switch change.kind {
        case .added: "added"
        case .removed: "removed"
        case .amended: "amended (" + change.fields.map { $0.field.title.lowercased() }.joined(separator: ", ") + ")"
        }
    }

    // MARK: control codes

    private func codeItems(_ list: ControlList, since version: String) -> [Checklist.ReviewItem] {
        let sets = list.changes.changeSets(after: version)
        guard !sets.isEmpty else { return [] }
        var items: [Checklist.ReviewItem] = []
        for product in profile.products {
            for (code, _) in product.codes where listOf[code] == list.id {
                var links: [Checklist.VersionLink] = [], sentences: [String] = []
                var removed = false
                for set in sets {
                    let related = (set.added + set.removed + set.amended).filter { Self.related($0.key, code) }
                        .sorted { ControlEntrySnapshot.precedes($0.key, $1.key) }
                    guard !related.isEmpty else { continue }
                    if related.contains(where: { $0.key == code && $0.kind == .removed }) { removed = true }
                    let changed = related.filter { $0.kind != .removed }.map(\.key), gone = related.filter { $0.kind == .removed }.map(\.key)
                    var parts: [String] = []
                    if !changed.isEmpty { parts.append(DispositionStatus.phrase(changed) + " changed") }
                    if !gone.isEmpty { parts.append(DispositionStatus.phrase(gone) + " removed") }
                    sentences.append(parts.joined(separator: " and ") + " in version \(set.to.version)")
                    links.append(.init(version: set.to.version,
                                       change: related.map { "\($0.key) " + Self.describe($0) }.joined(separator: "; "),
                                       url: baseURL + PortalPaths.controlChanges(list: list.id, version: set.to.version)))
                }
                guard !links.isEmpty else { continue }
                let current = list.entries.lazy.flatMap(\.flattened).first { $0.code.description == code }
                items.append(.init(kind: removed ? "code-removed" : "code-changed", subject: product.name,
                                   text: "Re-check the classification of \(product.name): " + sentences.joined(separator: "; ") + ".",
                                   list: list.title, entry: code, name: current?.title ?? "",
                                   url: current.map { baseURL + PortalPaths.entry(list: list.id, entryCode: $0.code.entryCode)
                                       + ($0.code.isEntry ? "" : "#\(code)") } ?? "",
                                   changes: links))
            }
        }
        return items
    }

    /// True when `key` is `code`, one of its parents or one of its sub-items.
    static func related(_ key: String, _ code: String) -> Bool {
        key == code || code.hasPrefix(key + ".") || key.hasPrefix(code + ".")
    }
}
