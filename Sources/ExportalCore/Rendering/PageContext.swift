import Mustache

/// What a page template is rendered with: the frame every page shares (`site`, `page`, `nav`,
/// `root`, `breadcrumbs`, `buildDate`, `searchIndex`, `azIndex`, the `asset` lambda) over the
/// page's own values. Typed fields answer Mustache's look-ups by name, so no page builds a
/// dictionary of its frame; names the frame does not have are the page's own.
struct PageContext: MustacheParent {
    let frame: PageFrame
    let head: PageHead
    let breadcrumbs: [LinkValue]
    let own: any MustacheParent

    func child(named name: String) -> Any? {
        switch name {
        case "page": head
        case "breadcrumbs": breadcrumbs
        case "hasBreadcrumbs": !breadcrumbs.isEmpty
        default: frame.child(named: name) ?? own.child(named: name)
        }
    }
}

/// The part of a page's frame that depends only on its depth and section, made once for each
/// pair and shared by every page that has it.
struct PageFrame: MustacheParent {
    let root: String
    let site: SiteValues
    let nav: [NavItem]
    let buildDate: Any
    let searchIndex: String
    let azIndex: String
    let asset: MustacheLambda

    func child(named name: String) -> Any? {
        switch name {
        case "root": root
        case "site": site
        case "nav": nav
        case "buildDate": buildDate
        case "searchIndex": searchIndex
        case "azIndex": azIndex
        case "asset": asset
        default: nil
        }
    }
}

/// `page.title`, `page.fullTitle`, `page.description`, `page.canonical`.
struct PageHead: MustacheParent {
    let title: String
    let fullTitle: String
    let description: String
    let canonical: String

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "fullTitle": fullTitle
        case "description": description
        case "canonical": canonical
        default: nil
        }
    }
}

/// `site.title`, `site.organisation`, `site.language`, `site.description` (false when absent).
struct SiteValues: MustacheParent {
    let title: String
    let organisation: String
    let language: String
    let description: Any

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "organisation": organisation
        case "language": language
        case "description": description
        default: nil
        }
    }
}

/// An entry of the main navigation: `title`, `href`, `current`.
struct NavItem: MustacheParent {
    let title: String
    let href: String
    let current: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "href": href
        case "current": current
        default: nil
        }
    }
}

/// A titled link, as breadcrumbs show them: `title`, `href`.
struct LinkValue: MustacheParent {
    let title: String
    let href: String

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "href": href
        default: nil
        }
    }
}
