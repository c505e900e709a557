import ExportalDomain
import Foundation

/// The cross-reference graph of the portal: backlinks for pages and `xref.json` for other tools
/// (written by `CrossReferences+JSON.swift`).
package struct CrossReferences: Sendable {
    /// Sorted by source page, then position in the source file, then target.
    package let all: [CrossReference]
    private let byTargetPage: [String: TargetPage]

    /// The references to one page: all of them, and those to each anchor on it.
    private struct TargetPage {
        var all: [CrossReference] = []
        var byAnchor: [String: [CrossReference]] = [:]
    }

    /// `references` as `LinkSession.references` gives them: already in order.
    init(inOrder references: [CrossReference]) {
        all = references
        // Grouped by target page and anchor keeping that order, with each target object's place
        // looked up once rather than hashing its path and anchor per reference.
        var placeOfTarget: [ObjectIdentifier: (page: Int, anchor: Int?)] = [:]
        var pages: [String] = [], pageIndex: [String: Int] = [:], groups: [TargetPage] = []
        var anchors: [[String]] = [], anchorIndex: [[String: Int]] = [], anchorGroups: [[[CrossReference]]] = []
        for reference in references {
            let id = ObjectIdentifier(reference.target)
            let place: (page: Int, anchor: Int?)
            if let known = placeOfTarget[id] {
                place = known
            } else {
                let target = reference.target
                let page = pageIndex[target.page] ?? pages.count
                if page == pages.count {
                    pages.append(target.page)
                    pageIndex[target.page] = page
                    groups.append(TargetPage())
                    anchors.append([])
                    anchorIndex.append([:])
                    anchorGroups.append([])
                }
                var anchor: Int?
                if let name = target.anchor {
                    anchor = anchorIndex[page][name] ?? anchors[page].count
                    if anchor == anchors[page].count {
                        anchors[page].append(name)
                        anchorIndex[page][name] = anchor
                        anchorGroups[page].append([])
                    }
                }
                place = (page, anchor)
                placeOfTarget[id] = place
            }
            groups[place.page].all.append(reference)
            if let anchor = place.anchor { anchorGroups[place.page][anchor].append(reference) }
        }
        for page in groups.indices {
            groups[page].byAnchor = Dictionary(uniqueKeysWithValues: zip(anchors[page], anchorGroups[page]))
        }
        byTargetPage = Dictionary(uniqueKeysWithValues: zip(pages, groups))
    }

    /// References to `page` from other pages; with `anchor`, only those to that anchor.
    func references(to page: String, anchor: String? = nil) -> [CrossReference] {
        let group = byTargetPage[page]
        let found = anchor.map { group?.byAnchor[$0] ?? [] } ?? group?.all ?? []
        return found.filter { $0.source.path != page }
    }

    /// How many references lead to `page` (or to `anchor` on it), its own included: at least as
    /// many as the pages a list of them names, found without making the list.
    func referenceCount(to page: String, anchor: String? = nil) -> Int {
        let group = byTargetPage[page]
        return (anchor.map { group?.byAnchor[$0] } ?? group?.all)?.count ?? 0
    }

    /// Template context for a "Referenced in" section: groups by kind of page, each page once,
    /// with the codes or terms it refers to when `showTargets` is set. Within a group, pages are
    /// sorted by title, or kept in the order given (`byTitle: false`, for a list cut to its most
    /// relevant pages).
    /// `root` leads from the page the list is shown on to the portal root.
    static func referencedIn(_ referrers: some Collection<Backlinks.Referrer>, root: String, showTargets: Bool = false,
                             byTitle: Bool = true) -> [ReferrerGroup] {
        PageRef.Kind.allCases.compactMap { kind -> ReferrerGroup? in
            var group = referrers.filter { $0.page.kind == kind }
            guard !group.isEmpty else { return nil }
            if byTitle { group.sort { ($0.page.title, $0.page.path) < ($1.page.title, $1.page.path) } }
            return ReferrerGroup(kind: kind.groupTitle, pages: group.map { referrer in
                let ids = showTargets ? Set(referrer.references.map { $0.target.anchor ?? $0.target.id }).sorted(by: Self.codeOrder) : []
                return ReferrerRow(title: referrer.page.title, path: referrer.page.path, root: root, kind: kind.groupTitle,
                                   hasTargets: showTargets, targets: ids.map(CitedID.init))
            })
        }
    }

    /// Codes in list order (5A002.b.2 before 5A002.b.10), anything else after them alphabetically.
    static func codeOrder(_ a: String, _ b: String) -> Bool {
        switch (ControlCode(a), ControlCode(b)) {
        case let (x?, y?): x < y
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): a < b
        }
    }
}
