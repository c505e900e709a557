import ExportalDomain
import Mustache

/// What changed in each version of each list (`controls/ID/changes/V.html`, `parties/ID/changes/V.html`)
/// and the Updates page listing every version of every list, newest first.
struct ChangePages {
    let graph: ContentGraph

    /// True when some list keeps an earlier version: only then are there change pages, an Updates
    /// page and feeds.
    static func hasHistory(_ graph: ContentGraph) -> Bool {
        graph.lists.contains { !$0.changes.changeSets.isEmpty } || graph.partyLists.contains { !$0.changes.changeSets.isEmpty }
    }

    func makers() -> [PageMaker] {
        guard Self.hasHistory(graph) else { return [] }
        var makers: [PageMaker] = [{ [updatesPage()] }]
        for list in graph.lists where !list.changes.changeSets.isEmpty {
            let links = ControlListLinks(list.list, removed: list.removedEntries.map(\.removal))
            for changes in list.changes.changeSets { makers.append { [controlPage(changes, list: list.list, links: links)] } }
        }
        for list in graph.partyLists where !list.changes.changeSets.isEmpty {
            let links = Self.links(list)
            for changes in list.changes.changeSets { makers.append { [partyPage(changes, list: list, links: links)] } }
        }
        return makers
    }

    static func links(_ list: PartyList) -> PartyListLinks {
        let removed = list.removedRecords
        let slugs = PartyPages.slugs(list, removed: removed)
        return PartyListLinks(list, slugs: slugs.current, removed: removed, removedSlugs: slugs.removed)
    }

    /// A list page's link to what its current version changed: `version`, `path`, `updatesPath`; false
    /// for a list without earlier versions.
    static func latest<Entry>(_ history: ListHistory<Entry>, pathOf: (String) -> String) -> Any {
        guard let last = history.changeSets.last else { return false }
        return ["version": last.to.version, "path": pathOf(last.to.version), "updatesPath": PortalPaths.updates]
    }

    // MARK: change pages

    func controlPage(_ changes: ChangeSet<ControlEntrySnapshot>, list: ControlList, links: ControlListLinks) -> Page {
        let rows = Rows(changes: changes, href: links.href, codeLink: links.href) { ($0.code.description, $0.title) }
        let path = PortalPaths.controlChanges(list: list.id, version: changes.to.version)
        return changePage(path: path, rows: rows, list: ListHeading(title: list.title, path: PortalPaths.list(list.id), kind: "control list"),
                          section: "controls", crumbs: [("Home", "index.html"), ("Control lists", PortalPaths.listsIndex), (list.title, PortalPaths.list(list.id))],
                          versions: list.changes.versions, pathOf: { PortalPaths.controlChanges(list: list.id, version: $0) })
    }

    func partyPage(_ changes: ChangeSet<PartyRecord>, list: PartyList, links: PartyListLinks) -> Page {
        let rows = Rows(changes: changes, href: links.href, codeLink: nil) { ($0.id, $0.primaryName) }
        let path = PortalPaths.partyChanges(list: list.id, version: changes.to.version)
        return changePage(path: path, rows: rows, list: ListHeading(title: list.title, path: PartyPages.listPath(list), kind: "restricted-party list"),
                          section: "parties", crumbs: [("Home", "index.html"), ("Restricted-party lists", "parties/index.html"),
                                                       (list.title, PartyPages.listPath(list))],
                          versions: list.changes.versions, pathOf: { PortalPaths.partyChanges(list: list.id, version: $0) })
    }

    private func changePage<Entry>(path: String, rows: Rows<Entry>, list: ListHeading, section: String,
                                   crumbs: [(title: String, path: String)], versions: [ListVersion],
                                   pathOf: (String) -> String) -> Page {
        let changes = rows.changes
        let position = versions.firstIndex(of: changes.to) ?? 0
        let newer = position + 1 < versions.count ? versions[position + 1] : nil
        let values = ChangePageValues(
            list: list, version: changes.to, previous: changes.from, matching: changes.matching,
            added: rows.rows(changes.added, kind: "added"), removed: rows.rows(changes.removed, kind: "removed"),
            amended: rows.rows(changes.amended, kind: "amended"),
            olderPath: position > 1 ? pathOf(changes.from.version) : nil, newer: newer.map { ($0, pathOf($0.version)) })
        let counts = "\(changes.added.count) added, \(changes.removed.count) removed, \(changes.amended.count) amended"
        return Page(path: path, template: "changes", title: "What changed in \(list.title), version \(changes.to.version)",
                    description: "\(list.title), version \(changes.to.version) of \(changes.to.date): \(counts).",
                    section: section, breadcrumbs: crumbs, values: values)
    }

    /// A change set's entries as change-page rows, each linked to its page.
    struct Rows<Entry: ChangeTracked> {
        let changes: ChangeSet<Entry>
        /// An entry's page by its identity.
        let href: (String) -> String?
        /// A code's page, for codes in field values; nil for lists without codes.
        let codeLink: ((String) -> String?)?
        let describe: (Entry) -> (id: String, title: String)

        init(changes: ChangeSet<Entry>, href: @escaping (String) -> String?, codeLink: ((String) -> String?)?,
             describe: @escaping (Entry) -> (id: String, title: String)) {
            self.changes = changes
            self.href = href
            self.codeLink = codeLink
            self.describe = describe
        }

        func rows(_ entries: [EntryChange<Entry>], kind: String) -> [ChangeRow] {
            entries.enumerated().map { index, change in
                let (id, title) = describe(change.entry)
                return ChangeRow(id: id, title: title, path: href(change.key) ?? false, anchor: "\(kind)-\(index + 1)",
                                 fields: change.fields.map { FieldRow($0, link: codeLink) })
            }
        }
    }

    // MARK: Updates page

    func updatesPage() -> Page {
        let updates = ListUpdates(graph: graph).all()
        return Page(path: PortalPaths.updates, template: "updates", title: "Updates",
                    description: "Every version of every list in this portal, newest first, with what each changed.",
                    section: "updates", breadcrumbs: [("Home", "index.html")],
                    values: UpdatesValues(updates: updates, atom: PortalPaths.updatesAtom, json: PortalPaths.updatesJSON))
    }
}

/// `title`, `path`, `kind` ("control list", "restricted-party list") of the list a change page is about.
struct ListHeading: MustacheParent {
    let title: String
    let path: String
    let kind: String

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "path": path
        case "kind": kind
        default: nil
        }
    }
}

/// What the `changes` template sees: `list` (`ListHeading`), `version`, `date`, `previousVersion`,
/// `previousDate`, the counts `addedCount`, `removedCount`, `amendedCount`, `total`, the rows `added`,
/// `removed`, `amended` (`ChangeRow`s) with `hasAdded`, `hasRemoved`, `hasAmended`, `isEmpty`,
/// `matching` (how entries were paired, in words), `byNameAndAddress`, `older` and `newer` (the
/// neighbouring change pages: `version`, `path`; false when none) and `updatesPath`.
struct ChangePageValues: MustacheParent {
    let list: ListHeading
    let version: ListVersion
    let previous: ListVersion
    let matching: EntryMatching
    let added: [ChangeRow]
    let removed: [ChangeRow]
    let amended: [ChangeRow]
    let olderPath: String?
    let newer: (ListVersion, String)?

    func child(named name: String) -> Any? {
        switch name {
        case "list": list
        case "version": version.version
        case "date": version.date
        case "previousVersion": previous.version
        case "previousDate": previous.date
        case "addedCount": added.count
        case "removedCount": removed.count
        case "amendedCount": amended.count
        case "total": added.count + removed.count + amended.count
        case "added": added
        case "removed": removed
        case "amended": amended
        case "hasAdded": !added.isEmpty
        case "hasRemoved": !removed.isEmpty
        case "hasAmended": !amended.isEmpty
        case "isEmpty": added.isEmpty && removed.isEmpty && amended.isEmpty
        case "matching": matching.title
        case "byNameAndAddress": matching == .nameAndAddress
        case "older": olderPath.map { LinkValue(title: previous.version, href: $0) } ?? false
        case "newer": newer.map { LinkValue(title: $0.0.version, href: $0.1) } ?? false
        case "updatesPath": PortalPaths.updates
        default: nil
        }
    }
}
