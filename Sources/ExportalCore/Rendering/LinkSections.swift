/// Template values for the "Referenced in" and "Related" sections. Every key is always set,
/// because Mustache would otherwise find the same key on an enclosing page or item.
extension ContentGraph {
    /// A grouped "Referenced in" section: `referencedIn`, `hasReferences`, and `moreReferences`
    /// when it lists only the most relevant pages (see `Backlinks`).
    func referencedInValues(page: String, showTargets: Bool = false) -> [String: Any] {
        let backlinks = references.backlinks(to: page)
        return ["referencedIn": CrossReferences.referencedIn(backlinks.listed, root: PortalPaths.root(of: page), targetsOn: showTargets ? "" : nil,
                                                             byTitle: !backlinks.isCut),
                "hasReferences": backlinks.total > 0,
                "moreReferences": backlinks.moreValues(listing: BacklinkListing.path(page: page))]
    }

    /// A flat list of the pages that refer to one anchor (a sub-item or a glossary term):
    /// `citedBy`, `hasCitedBy`, and `moreCitedBy` when it lists only the most relevant pages.
    func citedByValues(page: String, anchor: String) -> [String: Any] {
        let backlinks = references.backlinks(to: page, anchor: anchor)
        var pages = backlinks.listed.map(\.page)
        if !backlinks.isCut { pages.sort { ($0.kind.order, $0.title, $0.path) < ($1.kind.order, $1.title, $1.path) } }
        let root = PortalPaths.root(of: page)
        return ["citedBy": pages.map { ReferrerRow(title: $0.title, path: $0.path, root: root, kind: $0.kind.groupTitle) },
                "hasCitedBy": !pages.isEmpty,
                "moreCitedBy": backlinks.moreValues(listing: BacklinkListing.path(page: page, anchor: anchor))]
    }

    /// The page's resolved `related:` list: `related`, `hasRelated`.
    func relatedValues(page: String) -> [String: Any] {
        let targets = related[page] ?? []
        return ["related": targets.map { target -> [String: Any] in
            ["title": target.title, "href": target.page + (target.anchor.map { "#\($0)" } ?? ""), "kind": target.kind.title]
        }, "hasRelated": !targets.isEmpty]
    }
}

extension LinkTarget.Kind {
    var title: String {
        switch self {
        case .entry: "Control-list entry"
        case .guidance: "Guidance"
        case .module: "Training module"
        case .lesson: "Lesson"
        case .quiz: "Quiz"
        case .term: "Glossary term"
        case .glossary: "Glossary"
        case .list: "Control list"
        }
    }
}
