import ExportalDomain
import Foundation

/// The cross-reference graph of the portal: backlinks for pages and `xref.json` for other tools
/// (written by `CrossReferences+JSON.swift`).
package struct CrossReferences: Sendable {
    /// Sorted by source page, then position in the source file, then target.
    package private(set) var all: [CrossReference]
    private let byTargetPage: [String: TargetPage]
    /// Each referring page's place in the tie-break order of `Backlinks` (kind, title, path), so
    /// that ranking thousands of referrers compares numbers rather than titles. Pages with one
    /// path share a place.
    private let pageOrder: [ObjectIdentifier: Int]

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
        pageOrder = Self.order(ofSources: references)
    }

    /// Where the references from `page` are in `all` (they are next to each other, as `all` is
    /// sorted by source path); empty where there are none.
    func range(from page: String) -> Range<Int> {
        all.partitionPoint { $0.source.path < page }..<all.partitionPoint { $0.source.path <= page }
    }

    /// Replaces `all[range]`, one page's references, by `references`: the same references (source,
    /// targets, order) found again at new positions, after an edit of an article's prose
    /// (`ProseSplice`). Who refers to what is unchanged, so the tables grouped by target and the
    /// referrers' order are kept as they are; of a reference's position, only `all`'s is read (by
    /// `xref.json`). False, and nothing changed, unless `references` are as many from the same page.
    mutating func relocate(_ range: Range<Int>, to references: [CrossReference]) -> Bool {
        guard range.count == references.count, range.upperBound <= all.count,
              zip(all[range], references).allSatisfy({ $0.source === $1.source })
        else { return false }
        all.replaceSubrange(range, with: references)
        return true
    }

    private static func order(ofSources references: [CrossReference]) -> [ObjectIdentifier: Int] {
        var sources: [ObjectIdentifier: PageRef] = [:]
        for reference in references where sources[ObjectIdentifier(reference.source)] == nil {
            sources[ObjectIdentifier(reference.source)] = reference.source
        }
        let sorted = sources.values.sorted { (Backlinks.kindRank($0.kind), $0.title, $0.path) < (Backlinks.kindRank($1.kind), $1.title, $1.path) }
        var order: [ObjectIdentifier: Int] = [:], placeOfPath: [String: Int] = [:]
        for page in sorted {
            let place = placeOfPath[page.path] ?? placeOfPath.count
            placeOfPath[page.path] = place
            order[ObjectIdentifier(page)] = place
        }
        return order
    }

    /// The pages that refer to `page` (or to `anchor` on it), ranked.
    func backlinks(to page: String, anchor: String? = nil) -> Backlinks {
        let group = byTargetPage[page]
        let found = anchor.map { group?.byAnchor[$0] ?? [] } ?? group?.all ?? []
        return Backlinks(found, place: page) { self.pageOrder[ObjectIdentifier($0)] ?? 0 }
    }

    /// The references to `page` (or to `anchor` on it), its own included, in `all`'s order: by
    /// source page, so each referring page's are next to each other.
    func references(to page: String, anchor: String? = nil) -> [CrossReference] {
        let group = byTargetPage[page]
        return anchor.map { group?.byAnchor[$0] ?? [] } ?? group?.all ?? []
    }

    /// How many references lead to `page` (or to `anchor` on it), its own included: at least as
    /// many as the pages a list of them names, found without making the list.
    func referenceCount(to page: String, anchor: String? = nil) -> Int {
        let group = byTargetPage[page]
        return (anchor.map { group?.byAnchor[$0] } ?? group?.all)?.count ?? 0
    }

    /// Template context for a "Referenced in" section: groups by kind of page, each page once,
    /// with the codes or terms it refers to when `targetsOn` is set: the link from the list's page
    /// to the page they are on ("" when that is the list's own page). Within a group, pages are
    /// sorted by title, or kept in the order given (`byTitle: false`, for a list cut to its most
    /// relevant pages).
    /// `root` leads from the page the list is shown on to the portal root.
    static func referencedIn(_ referrers: some Collection<Backlinks.Referrer>, root: String, targetsOn: String? = nil,
                             byTitle: Bool = true) -> [ReferrerGroup] {
        var byKind = Array(repeating: [Backlinks.Referrer](), count: PageRef.Kind.allCases.count)
        for referrer in referrers { byKind[referrer.page.kind.order].append(referrer) }
        return zip(PageRef.Kind.allCases, byKind).compactMap { kind, group -> ReferrerGroup? in
            var group = group
            guard !group.isEmpty else { return nil }
            // Within one kind, the pages' order is by title, then path.
            if byTitle { group.sort { $0.order < $1.order } }
            return ReferrerGroup(kind: kind.groupTitle, pages: group.map { referrer in
                let ids = targetsOn == nil ? [] : Self.inCodeOrder(referrer.references.map { $0.target.anchor ?? $0.target.id })
                return ReferrerRow(title: referrer.page.title, path: referrer.page.path, root: root, kind: kind.groupTitle,
                                   hasTargets: targetsOn != nil,
                                   targets: ids.map { CitedID(id: $0, href: (targetsOn ?? "") + "#" + $0) })
            })
        }
    }

    /// Codes in list order (5A002.b.2 before 5A002.b.10), anything else after them alphabetically;
    /// each once, parsed once.
    static func inCodeOrder(_ ids: [String]) -> [String] {
        guard ids.count > 1 else { return ids }
        return Set(ids).map { (id: $0, code: ControlCode($0)) }.sorted { a, b in
            switch (a.code, b.code) {
            case let (x?, y?): x < y || (!(y < x) && a.id < b.id)
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.id < b.id
            }
        }.map(\.id)
    }
}
