import ExportalDomain
import Foundation

/// The cross-reference graph of the portal: backlinks for pages and `xref.json` for other tools
struct CrossReferences: Sendable {
    /// Sorted by source page, then position in the source file, then target.
    let all: [CrossReference]
    private let byTargetPage: [String: [CrossReference]]

    /// `references` as `LinkSession.references` gives them: already in order.
    init(inOrder references: [CrossReference]) {
        all = references
        // Grouped by target page keeping that order, with each target's page looked up once
        // rather than hashing a path string per reference.
        var pageOfTarget: [ObjectIdentifier: Int] = [:], pages: [String] = [], pageIndex: [String: Int] = [:]
        var groups: [[CrossReference]] = []
        for reference in references {
            let id = ObjectIdentifier(reference.target)
            let group: Int
            if let known = pageOfTarget[id] {
                group = known
            } else {
                group = pageIndex[reference.target.page] ?? pages.count
                if group == pages.count {
                    pages.append(reference.target.page)
                    pageIndex[reference.target.page] = group
                    groups.append([])
                }
                pageOfTarget[id] = group
            }
            groups[group].append(reference)
        }
        byTargetPage = Dictionary(uniqueKeysWithValues: zip(pages, groups))
    }

    /// References to `page` from other pages; with `anchor`, only those to that anchor.
    func references(to page: String, anchor: String? = nil) -> [CrossReference] {
        (byTargetPage[page] ?? []).filter { $0.source.path != page && (anchor == nil || $0.target.anchor == anchor) }
    }

    /// How many references lead to `page`, its own included: at least as many as any list of the
    /// pages that refer to it or to one of its anchors, found without making the list.
    func referenceCount(to page: String) -> Int { byTargetPage[page]?.count ?? 0 }

    /// Template context for a "Referenced in" section: groups by kind of page, each page once,
    /// with the codes or terms it refers to when `showTargets` is set. Within a group, pages are
    /// sorted by title, or kept in the order given (`byTitle: false`, for a list cut to its most
    /// relevant pages).
    static func referencedIn(_ referrers: some Collection<Backlinks.Referrer>, showTargets: Bool = false,
                             byTitle: Bool = true) -> [[String: Any]] {
        PageRef.Kind.allCases.compactMap { kind -> [String: Any]? in
            var group = referrers.filter { $0.page.kind == kind }
            guard !group.isEmpty else { return nil }
            if byTitle { group.sort { ($0.page.title, $0.page.path) < ($1.page.title, $1.page.path) } }
            return ["kind": kind.groupTitle, "pages": group.map { referrer -> [String: Any] in
                let ids = Set(referrer.references.map { $0.target.anchor ?? $0.target.id }).sorted(by: Self.codeOrder)
                return ["title": referrer.page.title, "path": referrer.page.path, "hasTargets": showTargets,
                        "targets": showTargets ? ids.map { ["id": $0] } : []]
            }]
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
