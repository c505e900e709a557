import ExportalDomain
import ExportalMarkdown
import Mustache

/// Restricted-party lists in the portal: an index of lists, a summary per list (authority,
/// version, counts by type and programme) with letter pages, and one page per listed party at
/// a stable URL that checklist matches link to.
struct PartyPages {
    let graph: ContentGraph

    /// Stable page names for a list's entries: the entry id as a slug, with -2, -3 for clashes in list order.
    static func slugs(_ list: PartyList) -> [String] { slugs(list, removed: []).current }

    /// The current records' page names, then the removed parties', counted on from the current ones so
    /// that a removed party never takes a current page's name (lists matched by name and address may
    /// reuse an id).
    static func slugs(_ list: PartyList, removed: [RemovedParty]) -> (current: [String], removed: [String]) {
        var used: [String: Int] = [:]
        func slug(_ record: PartyRecord) -> String {
            let slug = AnchorSlugger.slug(record.id)
            let base = slug.isEmpty ? "entry" : slug
            let count = (used[base] ?? 0) + 1
            used[base] = count
            return count == 1 ? base : "\(base)-\(count)"
        }
        let current = list.records.map(slug)
        return (current, removed.map { slug($0.record) })
    }

    static func path(list: String, slug: String) -> String { "parties/\(list)/\(slug).html" }

    static func listPath(_ list: PartyList) -> String { "parties/\(list.id)/index.html" }

    static func letter(of name: String) -> String {
        guard let first = name.uppercased().unicodeScalars.first(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil })
        else { return "#" }
        return ("A"..."Z").contains(first) ? String(first) : "#"
    }

    func pages() -> [Page] {
        guard !graph.partyLists.isEmpty else { return [] }
        var pages = [Page(path: "parties/index.html", template: "parties-index", title: "Restricted-party lists",
                          description: "The restricted-party lists this portal screens against.", section: "parties",
                          breadcrumbs: [("Home", "index.html")],
                          values: ["lists": graph.partyLists.map(Self.summary)])]
        for list in graph.partyLists {
            let removed = list.removedRecords
            let (slugs, removedSlugs) = Self.slugs(list, removed: removed)
            pages.append(listPage(list, slugs: slugs))
            pages += letterPages(list, slugs: slugs)
            // One breadcrumb trail per list, shared by its thousands of pages.
            let trail = Self.crumbs(list), summary = Self.summary(list)
            let history = PartyHistory(list: list)
            for (record, slug) in zip(list.records, slugs) {
                pages.append(Self.partyPage(record, slug: slug, in: list, summary: summary, crumbs: trail, history: history))
            }
            // A removed party keeps its page, as the last version that held it listed it.
            for (party, slug) in zip(removed, removedSlugs) {
                pages.append(Self.partyPage(party.record, slug: slug, in: list, summary: summary, crumbs: trail, history: history,
                                            removed: party))
            }
        }
        return pages
    }

    static func summary(_ list: PartyList) -> [String: Any] {
        ["id": list.id, "title": list.title, "authority": list.authority, "version": list.version, "date": list.date,
         "count": list.records.count, "path": Self.listPath(list)]
    }

    private static func crumbs(_ list: PartyList) -> [(title: String, path: String)] {
        [("Home", "index.html"), ("Restricted-party lists", "parties/index.html"), (list.title, Self.listPath(list))]
    }

    func listPage(_ list: PartyList, slugs: [String]) -> Page {
        let byType = Dictionary(grouping: list.records, by: \.type)
        let types = PartyRecord.EntityType.allCases.compactMap { type -> [String: Any]? in
            guard let count = byType[type]?.count else { return nil }
            return ["type": type.rawValue, "count": count]
        }
        var programmes: [String: Int] = [:]
        for record in list.records { for programme in Set(record.programmes) { programmes[programme, default: 0] += 1 } }
        let letters = Dictionary(grouping: list.records.map(\.primaryName), by: Self.letter)
        return Page(path: Self.listPath(list), template: "party-list", title: list.title,
                    description: "\(list.title): \(list.records.count) listed parties, version \(list.version).", section: "parties",
                    breadcrumbs: Array(Self.crumbs(list).prefix(2)),
                    values: Self.summary(list).merging([
                        "source": orFalse(list.source), "format": list.format, "types": types,
                        "changes": ChangePages.latest(list.changes) { PortalPaths.partyChanges(list: list.id, version: $0) },
                        "programmes": programmes.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ["name": $0.key, "count": $0.value] },
                        "hasProgrammes": !programmes.isEmpty,
                        "letters": letters.keys.sorted().map { ["letter": $0, "count": letters[$0]?.count ?? 0,
                                                                 "path": "parties/\(list.id)/letter-\($0 == "#" ? "other" : $0.lowercased()).html"] },
                    ]) { $1 })
    }

    func letterPages(_ list: PartyList, slugs: [String]) -> [Page] {
        let entries = zip(list.records, slugs).map { record, slug in (record, slug, Self.letter(of: record.primaryName)) }
        let byLetter = Dictionary(grouping: entries, by: \.2)
        return byLetter.keys.sorted().map { letter in
            let rows = (byLetter[letter] ?? []).sorted { ($0.0.primaryName, $0.1) < ($1.0.primaryName, $1.1) }.map { record, slug, _ in
                LetterRow(name: record.primaryName, type: record.type.rawValue, path: Self.path(list: list.id, slug: slug),
                          programmes: orFalse(record.programmes.joined(separator: ", ")))
            }
            let file = letter == "#" ? "other" : letter.lowercased()
            return Page(path: "parties/\(list.id)/letter-\(file).html", template: "party-letter",
                        title: "\(list.title): \(letter == "#" ? "other names" : letter)", description: nil, section: "parties",
                        breadcrumbs: Self.crumbs(list), values: ["list": Self.summary(list), "letter": letter, "entries": rows])
        }
    }

    /// A listed party's page.
    static func partyPage(_ record: PartyRecord, slug: String, in list: PartyList, summary: [String: Any],
                          crumbs: [(title: String, path: String)], history: PartyHistory? = nil, removed: RemovedParty? = nil) -> Page {
        let description = removed.map { "\(record.primaryName): \(record.type.rawValue), removed from \(list.title) in version \($0.removedIn.version)." }
        return Page(path: Self.path(list: list.id, slug: slug), template: "party", title: record.primaryName,
                    description: description ?? "\(record.primaryName): \(record.type.rawValue) on \(list.title).", section: "parties",
                    breadcrumbs: crumbs,
                    values: PartyValues(record: record, listID: list.id, listSource: list.source, summary: summary,
                                        events: history?.events(of: record, removed: removed) ?? [], removed: removed))
    }

    /// The history sections of a list's party pages: each party's events, found by its identity.
    struct PartyHistory {
        let list: PartyList
        private let keys: [String: String]

        /// Nil for a list without earlier versions, so its pages look nothing up.
        init?(list: PartyList) {
            guard !list.changes.changeSets.isEmpty else { return nil }
            self.list = list
            var keys: [String: String] = [:]
            for (key, record) in zip(PartyRecord.identities(of: list.records, matching: list.changes.matching), list.records) {
                keys[record.id] = keys[record.id] ?? key
            }
            self.keys = keys
        }

        func events(of record: PartyRecord, removed: RemovedParty?) -> [HistoryEvent] {
            guard let key = removed?.key ?? keys[record.id] else { return [] }
            return list.changes.history(ofKey: key).events.map { event in
                HistoryEvent(event, path: PortalPaths.partyChanges(list: list.id, version: event.version.version), fields: event.fields.map(\.title))
            }
        }
    }

    /// A row of a letter page: `name`, `type`, `path`, `programmes` (false when none).
    struct LetterRow: MustacheParent {
        let name: String
        let type: String
        let path: String
        let programmes: Any

        func child(named key: String) -> Any? {
            switch key {
            case "name": name
            case "type": type
            case "path": path
            case "programmes": programmes
            default: nil
            }
        }
    }

    /// What the `party` and `party-body` templates see of a listed party. Values are made from the
    /// record as the template asks for them, so the thousands of party pages build no dictionaries.
    ///
    /// It holds only what its page shows (not the whole list), so that its fingerprint
    /// (`ValueDigest`) is the page's own and costs no more than the page.
    struct PartyValues: MustacheParent {
        let record: PartyRecord
        let listID: String
        let listSource: String?
        /// `list`: the list's summary, made once per list rather than at every look-up.
        let summary: [String: Any]
        /// The party's history across the kept versions, oldest first; empty without history.
        var events: [HistoryEvent] = []
        /// Set on the page of a party the current version no longer holds.
        var removed: RemovedParty? = nil

        func child(named key: String) -> Any? {
            switch key {
            case "list": summary
            case "id": record.id
            case "name": record.primaryName
            case "type": record.type.rawValue
            case "aliases": record.aliases.map { ["name": $0.name, "weak": $0.strength == .weak] as [String: Any] }
            case "hasAliases": !record.aliases.isEmpty
            case "addresses": record.addresses.map { ["text": $0.text, "country": orFalse($0.country ?? $0.countryName)] as [String: Any] }
            case "hasAddresses": !record.addresses.isEmpty
            case "countries": record.countries.joined(separator: ", ")
            case "hasCountries": !record.countries.isEmpty
            case "birthDates": record.birthDates.joined(separator: "; ")
            case "hasBirthDates": !record.birthDates.isEmpty
            case "identifiers": record.identifiers.map { ["kind": $0.kind, "value": $0.value, "country": orFalse($0.country)] as [String: Any] }
            case "hasIdentifiers": !record.identifiers.isEmpty
            case "programmes": record.programmes.map { ["name": $0] }
            case "hasProgrammes": !record.programmes.isEmpty
            case "listedOn": orFalse(record.listedOn)
            case "remarks": orFalse(record.remarks)
            case "sourceURL": orFalse(record.sourceURL ?? listSource)
            case "removed": removed.map { RemovalNotice($0.removedIn, last: $0.lastVersion, path: PortalPaths.partyChanges(list: listID, version: $0.removedIn.version)) } ?? false
            case "history": HistoryValues.orFalse(events)
            default: nil
            }
        }
    }
}
