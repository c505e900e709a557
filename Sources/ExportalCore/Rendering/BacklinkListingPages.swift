import Foundation
import Mustache

/// A page for each place whose "Referenced in" list was cut (`Backlinks.shown`), listing every
/// page that refers to it, grouped by kind of page and sorted by title as an uncut list is. The
/// places are those whose pages show such a list: articles, entries and their sub-items,
/// training modules and lessons, and glossary terms.
struct BacklinkListingPages {
    let graph: ContentGraph
    /// The places whose list may be cut: more references lead to them than a list shows. A
    /// portal with short lists has none.
    let listed: [Place]
    /// Renders the rows when the listing pages render, each plain row once per depth.
    let rows: ListingRows
    /// Whether pages get keys (`serve`, `build --incremental`): each listing page's key then holds
    /// the fingerprint of its values (`Page.valuesFingerprint`).
    let keys: Bool
    /// `serve`: those fingerprints by what the values were made from. A page whose place has the
    /// inputs it had takes its fingerprint from here and makes its values only if it is rendered,
    /// so a rebuild whose referrers are as they were ranks none of them.
    let memo: ListingMemo?

    init(graph: ContentGraph, templates: TemplateSet, keys: Bool = false, memo: ListingMemo? = nil) {
        self.graph = graph
        listed = Self.places(graph).filter { graph.references.referenceCount(to: $0.page, anchor: $0.anchor) > Backlinks.shown }
        rows = ListingRows(templates: templates)
        self.keys = keys || memo != nil
        self.memo = memo
    }

    /// Something a "Referenced in" list is shown for: a page, or an anchor on it.
    struct Place {
        let page: String
        var anchor: String?
        let title: String
        let section: String
        /// The trail to the place's own page, ending with it.
        let breadcrumbs: [(title: String, path: String)]
        /// Entry pages name the codes each referring page cites.
        var showTargets = false
    }

    /// The listing pages of each place whose list was cut, as work that can be done apart, a place each.
    func makers() -> [PageMaker] {
        listed.map { place in { pages(for: place) } }
    }

    /// The place's listing, `BacklinkListing.pageSize` referring pages to a page, grouped by kind
    /// and sorted by title across the pages; none when its list was not cut.
    func pages(for place: Place) -> [Page] {
        let references = graph.references.references(to: place.page, anchor: place.anchor)
        let total = Backlinks.referrerCount(references, place: place.page)
        guard total > Backlinks.shown else { return [] }
        let size = BacklinkListing.pageSize
        let count = (total + size - 1) / size
        let paths = (1...count).map { BacklinkListing.path(page: place.page, anchor: place.anchor, number: $0) }
        let title = "References to \(place.title)"
        let inputs = memo.map { _ in Self.inputs(of: place, references: references) }
        // Ranked once for all the place's pages, when the first of them is rendered.
        let ranked = MadeOnce { [graph] in
            let backlinks = graph.references.backlinks(to: place.page, anchor: place.anchor)
            return backlinks.ranked.sorted { ($0.page.kind.order, $0.order) < ($1.page.kind.order, $1.order) }
        }
        return paths.indices.map { index in
            let path = paths[index], root = PortalPaths.root(of: path)
            let rows = (index * size)..<min((index + 1) * size, total)
            let values = { [self] () -> [String: Any] in
                ["target": ["title": place.title, "path": place.page, "href": place.page + (place.anchor.map { "#\($0)" } ?? "")] as [String: Any],
                 "total": total,
                 "pager": Self.pager(paths, current: index, rows: rows, total: total, root: root),
                 "groups": groups(ranked.value[rows], root: root, targetsOn: place.showTargets ? root + place.page : nil,
                                  depth: PortalPaths.depth(of: path))]
            }
            var page = Page(path: path, template: "references", title: count > 1 ? "\(title), page \(index + 1) of \(count)" : title,
                            description: "All \(total) pages of the portal that refer to \(place.title).",
                            section: place.section, breadcrumbs: place.breadcrumbs)
            guard keys else {
                page.values = values()
                return page
            }
            var made: [String: Any]?
            let fingerprint = { () -> Fingerprint? in
                let values = values()
                made = values
                var digest = ValueDigest(capacity: 64 * 1024)
                digest.add(any: values)
                return digest.isComplete ? digest.fingerprint : nil
            }
            if let memo, let inputs {
                var key = ValueDigest()
                key.add(inputs)
                key.add(index)
                page.valuesFingerprint = memo.value(for: key.fingerprint, make: fingerprint).value
            } else {
                page.valuesFingerprint = fingerprint()
            }
            page.values = made.map { $0 as any MustacheParent } ?? LazyValues(values)
            return page
        }
    }

    /// Everything a place's listing pages show of the portal: the place, and of each reference to
    /// it, the referring page's path, title and kind, how the reference is written and what it
    /// cites. Ranking and grouping read nothing else; positions in the source are not shown.
    static func inputs(of place: Place, references: [CrossReference]) -> Fingerprint {
        var digest = ValueDigest(capacity: 64 * references.count + 1024)
        digest.add("listing inputs 1")
        digest.add(place.page)
        digest.add(place.anchor != nil)
        digest.add(place.anchor ?? "")
        digest.add(place.title)
        digest.add(place.section)
        digest.add(place.breadcrumbs.count)
        for crumb in place.breadcrumbs {
            digest.add(crumb.title)
            digest.add(crumb.path)
        }
        digest.add(place.showTargets)
        digest.add(BacklinkListing.pageSize)
        digest.add(references.count)
        var previous: PageRef?
        for reference in references {
            // A page's references are next to each other: its fields once per run.
            if reference.source !== previous {
                digest.add(reference.source.path)
                digest.add(reference.source.title)
                digest.add(reference.source.kind.rawValue)
                previous = reference.source
            } else {
                digest.add(0)
            }
            digest.add(reference.via.rawValue)
            digest.add(reference.target.anchor ?? reference.target.id)
        }
        return digest.fingerprint
    }

    /// The rows grouped by kind, in the order given, each rendering its `html` when the page renders.
    private func groups(_ rows: ArraySlice<Backlinks.Referrer>, root: String, targetsOn: String?, depth: Int) -> [ReferrerGroup] {
        CrossReferences.referencedIn(rows, root: root, targetsOn: targetsOn, byTitle: false).map { group in
            ReferrerGroup(kind: group.kind, pages: group.pages.map { row in
                self.rows.filled(row, depth: depth)
            })
        }
    }

    /// `false` for a listing on one page; else `first` and `last` (the rows shown, from 1),
    /// `previous` and `next` (hrefs, or `false`), and `pages`, each with `number`, `href` and
    /// `current`.
    static func pager(_ paths: [String], current: Int, rows: Range<Int>, total: Int, root: String) -> Any {
        guard paths.count > 1 else { return false }
        func href(_ index: Int) -> Any { paths.indices.contains(index) ? root + paths[index] : false }
        return ["first": rows.lowerBound + 1, "last": rows.upperBound, "total": total,
                "previous": href(current - 1), "next": href(current + 1),
                "pages": paths.indices.map { ["number": $0 + 1, "href": root + paths[$0], "current": $0 == current] as [String: Any] }]
            as [String: Any]
    }

    static func places(_ graph: ContentGraph) -> [Place] {
        let home = (title: "Home", path: PortalPaths.home)
        var places: [Place] = []
        for article in graph.articles {
            let path = PortalPaths.article(article.slug)
            places.append(Place(page: path, title: article.title, section: "guidance",
                                breadcrumbs: [home, ("Guidance", PortalPaths.guidanceIndex), (article.title, path)]))
        }
        for list in graph.lists {
            for entry in list.entries {
                let path = PortalPaths.entry(list: list.id, entryCode: entry.code.entryCode)
                let title = "\(entry.code) \(entry.title)"
                let crumbs = [home, ("Control lists", PortalPaths.listsIndex), (list.title, PortalPaths.list(list.id)), (title, path)]
                places.append(Place(page: path, title: title, section: "controls", breadcrumbs: crumbs, showTargets: true))
                for item in entry.flattened {
                    places.append(Place(page: path, anchor: item.code.description, title: "\(item.code) \(item.title)",
                                        section: "controls", breadcrumbs: crumbs))
                }
            }
        }
        for module in graph.modules {
            let path = PortalPaths.module(module.id)
            let crumbs = [home, ("Training", PortalPaths.trainingIndex), (module.title, path)]
            places.append(Place(page: path, title: module.title, section: "training", breadcrumbs: crumbs))
            for lesson in module.lessons {
                let lessonPath = PortalPaths.lesson(module: module.id, lesson.slug)
                places.append(Place(page: lessonPath, title: lesson.title, section: "training",
                                    breadcrumbs: crumbs + [(lesson.title, lessonPath)]))
            }
        }
        for term in graph.glossary {
            places.append(Place(page: PortalPaths.glossary, anchor: term.id, title: term.term, section: "glossary",
                                breadcrumbs: [home, ("Glossary", PortalPaths.glossary)]))
        }
        return places
    }
}

/// A value made the first time it is asked for, by whichever thread asks first.
final class MadeOnce<Value>: @unchecked Sendable {
    private let make: () -> Value
    private let lock = NSLock()
    private var made: Value?

    init(_ make: @escaping () -> Value) {
        self.make = make
    }

    var value: Value {
        lock.withLock {
            if let made { return made }
            let value = make()
            made = value
            return value
        }
    }
}

/// Template values made the first time a template asks for one: a listing page whose values'
/// fingerprint an earlier build gave (`Page.valuesFingerprint`) and that is taken from the
/// earlier render never makes them.
final class LazyValues: MustacheParent, @unchecked Sendable {
    private let values: MadeOnce<[String: Any]>

    init(_ make: @escaping () -> [String: Any]) {
        values = MadeOnce(make)
    }

    func child(named name: String) -> Any? { values.value[name] }
}
