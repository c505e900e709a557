import ExportalDomain
import Mustache

/// One version of one list, as the Updates page and the feeds show it.
struct ListUpdate {
    let listTitle: String
    let listPath: String
    let version: ListVersion
    /// The version's change page; nil for the oldest version a list keeps, which no change set leads to.
    let path: String?
    let added: Int
    let removed: Int
    let amended: Int
    /// A few of the changes in words ("Added: NB-003 East Lake Optical Engineering Institute"), for the feeds.
    let highlights: [String]
    /// How many changes `highlights` leaves out.
    let more: Int

    /// How many changes the feeds name in each item before "and N more".
    static let highlightCount = 5

    var counts: String { "\(added) added, \(removed) removed, \(amended) amended" }
}

/// Every version of every list, newest first: by date, then list title, then version.
struct ListUpdates {
    let graph: ContentGraph

    func all() -> [ListUpdate] {
        var updates: [ListUpdate] = []
        for list in graph.lists {
            updates += Self.updates(list.changes, title: list.title, listPath: PortalPaths.list(list.id),
                                    pathOf: { PortalPaths.controlChanges(list: list.id, version: $0) }) { $0.changeTitle }
        }
        for list in graph.partyLists {
            updates += Self.updates(list.changes, title: list.title, listPath: PartyPages.listPath(list),
                                    pathOf: { PortalPaths.partyChanges(list: list.id, version: $0) }) { "\($0.id) \($0.primaryName)" }
        }
        return updates.sorted {
            ($1.version.date, $0.listTitle, $0.listPath, $1.version.version) < ($0.version.date, $1.listTitle, $1.listPath, $0.version.version)
        }
    }

    static func updates<Entry>(_ history: ListHistory<Entry>, title: String, listPath: String, pathOf: (String) -> String,
                               name: (Entry) -> String) -> [ListUpdate] {
        var updates: [ListUpdate] = []
        if let oldest = history.versions.first {
            updates.append(ListUpdate(listTitle: title, listPath: listPath, version: oldest, path: nil, added: 0, removed: 0, amended: 0,
                                      highlights: [], more: 0))
        }
        for changes in history.changeSets {
            let named = changes.added.map { "Added: \(name($0.entry))" } + changes.removed.map { "Removed: \(name($0.entry))" }
                + changes.amended.map { "Amended: \(name($0.entry)) (\($0.fields.map(\.field.title).joined(separator: ", ")))" }
            updates.append(ListUpdate(listTitle: title, listPath: listPath, version: changes.to, path: pathOf(changes.to.version),
                                      added: changes.added.count, removed: changes.removed.count, amended: changes.amended.count,
                                      highlights: Array(named.prefix(ListUpdate.highlightCount)),
                                      more: max(named.count - ListUpdate.highlightCount, 0)))
        }
        return updates
    }
}

/// What the `updates` template sees: `updates` (rows: `date`, `version`, `listTitle`, `listPath`,
/// `path` (the change page, false for a list's oldest kept version), `added`, `removed`, `amended`),
/// `hasUpdates`, `atomPath`, `jsonPath`.
struct UpdatesValues: MustacheParent {
    let updates: [ListUpdate]
    let atom: String
    let json: String

    func child(named name: String) -> Any? {
        switch name {
        case "updates": updates.map(UpdateRow.init)
        case "hasUpdates": !updates.isEmpty
        case "atomPath": atom
        case "jsonPath": json
        default: nil
        }
    }
}

/// A row of the Updates page or the home page's list of updates.
struct UpdateRow: MustacheParent {
    let update: ListUpdate

    func child(named name: String) -> Any? {
        switch name {
        case "date": update.version.date
        case "version": update.version.version
        case "listTitle": update.listTitle
        case "listPath": update.listPath
        case "path": update.path ?? false
        case "added": update.added
        case "removed": update.removed
        case "amended": update.amended
        case "counts": update.counts
        default: nil
        }
    }
}
