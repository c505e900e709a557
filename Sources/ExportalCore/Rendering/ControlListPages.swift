import ExportalDomain
import ExportalMarkdown

/// The index of lists, each list's index grouped by category and product group, and entry pages.
struct ControlListPages {
    let graph: ContentGraph

    static func summary(_ list: ControlList) -> [String: Any] {
        ["id": list.id, "title": list.title, "authority": list.authority, "version": list.version,
         "effective": list.effective, "path": PortalPaths.list(list.id), "entryCount": list.entries.count,
         "itemCount": list.entries.reduce(0) { $0 + $1.flattened.count }]
    }

    /// The pages: the lists' index, then each list's page followed by its entries' pages, as work that can be
    /// done apart.
    func makers() -> [PageMaker] {
        var makers: [PageMaker] = [{
            [Page(path: PortalPaths.listsIndex, template: "lists-index", title: "Control lists",
                  description: "Lists of controlled dual-use items.", section: "controls",
                  breadcrumbs: [("Home", "index.html")],
                  values: ["lists": graph.lists.map { Self.summary($0.list) }])]
        }]
        for list in graph.lists {
            makers.append { [indexPage(list)] }
            let removed = list.removedEntries
            // Each entry's history, found once per list; nil for a list without earlier versions.
            let history = ControlHistory(list: list.list, removed: removed.map(\.removal))
            for (index, entry) in list.entries.enumerated() {
                let previous = index > 0 ? list.entries[index - 1] : nil
                let next = index + 1 < list.entries.count ? list.entries[index + 1] : nil
                makers.append { [entryPage(entry, in: list, previous: previous, next: next, history: history)] }
            }
            // A removed entry keeps its page, as the last version that held it had it.
            for entry in removed {
                makers.append { [entryPage(entry.item, in: list, previous: nil, next: nil, history: history, removed: entry.removal)] }
            }
        }
        return makers
    }

    func indexPage(_ list: ResolvedList) -> Page {
        let byCategory = Dictionary(grouping: list.entries, by: \.code.category)
        let categories = byCategory.keys.sorted().map { category -> [String: Any] in
            let entries = byCategory[category] ?? []
            let byGroup = Dictionary(grouping: entries, by: \.code.productGroup)
            let groups = byGroup.keys.sorted().map { group -> [String: Any] in
                ["letter": String(group.rawValue), "title": group.title, "id": "\(category)\(group.rawValue)",
                 "entries": (byGroup[group] ?? []).map { entrySummary($0.item, list: list).merging(ControlListFilters.rowValues($0.item)) { $1 } }]
            }
            return ["number": category, "title": ControlCategory.title(category), "groups": groups, "count": entries.count]
        }
        return Page(path: PortalPaths.list(list.id), template: "list-index", title: list.title,
                    description: "\(list.title): \(list.entries.count) entries by category and product group.",
                    section: "controls", breadcrumbs: [("Home", "index.html"), ("Control lists", PortalPaths.listsIndex)],
                    values: listValues(list).merging([
                        "categories": categories, "filters": ControlListFilters(list.list).values(),
                        "changes": ChangePages.latest(list.changes) { PortalPaths.controlChanges(list: list.id, version: $0) },
                    ]) { $1 })
    }

    func listValues(_ list: ResolvedList) -> [String: Any] {
        Self.summary(list.list).merging([
            "source": list.source, "listPath": PortalPaths.list(list.id),
            "description": orFalse(list.description?.html),
        ]) { $1 }
    }

    func entrySummary(_ entry: ControlItem, list: ResolvedList) -> [String: Any] {
        ["code": entry.code.description, "title": entry.title, "path": PortalPaths.entry(list: list.id, entryCode: entry.code.entryCode),
         "reasons": entry.reasons.map(\.rawValue).joined(separator: " "),
         "regimes": entry.regimes.map(\.title).joined(separator: ", "), "annexIV": entry.annexIV]
    }

    func entryPage(_ entry: ResolvedItem, in list: ResolvedList, previous: ResolvedItem?, next: ResolvedItem?,
                   history: ControlHistory? = nil, removed: RemovedControlEntry? = nil) -> Page {
        var values = itemValues(entry, parent: nil, list: list.id)
        values["history"] = HistoryValues.orFalse(history?.events(of: entry.code.entryCode) ?? [])
        values["removed"] = removed.map { RemovalNotice($0.removedIn, last: $0.lastVersion,
                                                         path: PortalPaths.controlChanges(list: list.id, version: $0.removedIn.version)) } ?? false
        values["list"] = listValues(list)
        values["categoryTitle"] = ControlCategory.title(entry.code.category)
        values["groupTitle"] = entry.code.productGroup.title
        values["category"] = entry.code.category
        values["group"] = String(entry.code.productGroup.rawValue)
        values["previous"] = previous.map { entrySummary($0.item, list: list) } ?? false
        values["next"] = next.map { entrySummary($0.item, list: list) } ?? false
        values["reasonList"] = entry.reasons.map { ["code": $0.rawValue, "title": $0.title] }
        values["regimeList"] = entry.regimes.map { ["title": $0.title] }
        values["hasRegimes"] = !entry.regimes.isEmpty
        values["subItemCount"] = entry.flattened.count - 1
        let path = PortalPaths.entry(list: list.id, entryCode: entry.code.entryCode)
        values.merge(graph.referencedInValues(page: path, showTargets: true)) { $1 }
        let description = removed.map { "\(list.title), entry \(entry.code): \(entry.title); removed in version \($0.removedIn.version)." }
        return Page(path: path, template: "entry",
                    title: "\(entry.code) \(entry.title)", description: description ?? "\(list.title), entry \(entry.code): \(entry.title).",
                    section: "controls",
                    breadcrumbs: [("Home", "index.html"), ("Control lists", PortalPaths.listsIndex),
                                  (list.title, PortalPaths.list(list.id))],
                    values: values)
    }

    /// Every key is always present: Mustache looks names up the context stack, so a missing
    /// `items` on a leaf would otherwise render its parent's children again.
    func itemValues(_ item: ResolvedItem, parent: ResolvedItem?, list: String) -> [String: Any] {
        let notes = item.notes.map { ["html": $0.html] }
        let technical = item.technicalNotes.map { ["html": $0.html] }
        let ownReasons = parent.map { $0.reasons != item.reasons } ?? false
        let ownRegimes = parent.map { $0.regimes != item.regimes } ?? false
        return [
            "code": item.code.description, "title": item.title,
            "reasons": item.reasons.map(\.rawValue).joined(separator: " "),
            "regimes": item.regimes.map(\.title).joined(separator: ", "),
            "annexIV": item.annexIV,
            "ownReasons": ownReasons || ownRegimes,
            "ownAnnexIV": parent.map { $0.annexIV != item.annexIV } ?? false,
            "description": orFalse(item.description?.html),
            "notes": notes, "hasNotes": !notes.isEmpty,
            "technicalNotes": technical, "hasTechnicalNotes": !technical.isEmpty,
            "items": item.items.map { itemValues($0, parent: item, list: list) }, "hasItems": !item.items.isEmpty,
            "depth": item.code.depth,
        ].merging(graph.citedByValues(page: PortalPaths.entry(list: list, entryCode: item.code.entryCode),
                                      anchor: item.code.description)) { $1 }
    }
}


/// Each entry's history on a control list, sub-items included: per version, what happened to the
/// entry and to each of its sub-items.
struct ControlHistory {
    private let events: [String: [HistoryEvent]]

    /// Nil for a list without earlier versions, so its entry pages look nothing up.
    init?(list: ControlList, removed: [RemovedControlEntry]) {
        guard !list.changes.changeSets.isEmpty, let oldest = list.history.first else { return nil }
        let links = ControlListLinks(list, removed: removed)
        var events: [String: [HistoryEvent]] = [:]
        for entry in oldest.entries {
            events[entry.code.entryCode] = [HistoryEvent(what: "Listed in the oldest version kept", version: oldest.version, path: false, fields: [])]
        }
        for changes in list.changes.changeSets {
            let path = PortalPaths.controlChanges(list: list.id, version: changes.to.version)
            var byEntry: [String: [EntryChange<ControlEntrySnapshot>]] = [:]
            for change in changes.added + changes.removed + changes.amended {
                byEntry[change.entry.code.entryCode, default: []].append(change)
            }
            for (entryCode, entryChanges) in byEntry {
                let own = entryChanges.first { $0.entry.code.isEntry }
                // An entry added or removed whole brings or takes its sub-items: they are not listed again.
                let items = entryChanges.filter { !$0.entry.code.isEntry && (own == nil || own?.kind == .amended) }.sorted { $0.entry.code < $1.entry.code }.map { change in
                    HistoryItem(code: change.key, href: links.href(change.key) ?? false,
                                what: change.kind.rawValue + (change.fields.isEmpty ? "" : ": " + change.fields.map(\.field.title).joined(separator: ", ")))
                }
                let what = own.map { HistoryEvent.label($0.kind) } ?? "Sub-items changed"
                events[entryCode, default: []].append(HistoryEvent(what: what, version: changes.to, path: path,
                                                                   fields: own?.fields.map(\.field.title) ?? [], items: items))
            }
        }
        self.events = events
    }

    func events(of entryCode: String) -> [HistoryEvent] { events[entryCode] ?? [] }
}

extension HistoryEvent {
    static func label(_ kind: EntryChange<ControlEntrySnapshot>.Kind) -> String {
        switch kind {
        case .added: "Added"
        case .removed: "Removed"
        case .amended: "Amended"
        }
    }
}
