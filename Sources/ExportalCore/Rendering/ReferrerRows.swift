import Mustache

/// A kind of page in a "Referenced in" list: `kind` (its heading) and its `pages`.
struct ReferrerGroup: MustacheParent {
    let kind: String
    let pages: [ReferrerRow]

    func child(named name: String) -> Any? {
        switch name {
        case "kind": kind
        case "pages": pages
        default: nil
        }
    }
}

/// A page in a "Referenced in" or "cited by" list: `title`, `path`, `href` (the path from the page
/// the list is on), `kind`, and on entry pages the codes it cites (`hasTargets`, `targets`).
/// Listing pages hold thousands of these, so they answer Mustache from fields rather than from a
/// dictionary each, and give `href` whole rather than have `{{root}}` looked up the context stack.
/// On a listing page, `html` is the row as the `referrer-row` partial renders it (`ListingRows`),
/// rendered when the page is.
struct ReferrerRow: MustacheParent {
    let title: String
    let path: String
    let href: String
    let kind: String
    var hasTargets = false
    var targets: [CitedID] = []
    /// Set on a listing page's rows: where `html` comes from.
    var listing: Listing?

    /// A listing page's row renderer and the page's depth.
    struct Listing {
        let rows: ListingRows
        let depth: Int
    }

    init(title: String, path: String, root: String, kind: String, hasTargets: Bool = false, targets: [CitedID] = []) {
        self.title = title
        self.path = path
        href = root + path
        self.kind = kind
        self.hasTargets = hasTargets
        self.targets = targets
    }

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "path": path
        case "href": href
        case "kind": kind
        case "hasTargets": hasTargets
        case "targets": targets
        case "html": listing.map { $0.rows.html(self, depth: $0.depth) } ?? ""
        default: nil
        }
    }
}

/// A code or anchor a referring page cites: `id`, and `href`, the link to it from the page the
/// list is on.
struct CitedID: MustacheParent {
    let id: String
    let href: String

    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "href": href
        default: nil
        }
    }
}
