import Foundation

/// The rows of listing pages (`BacklinkListingPages`), rendered by the `referrer-row` partial.
///
/// A listing page of a sub-item, a term, an article or a lesson lists pages without the codes
/// they cite, so such a row depends only on the referring page and on how deep the listing page
/// is. A page that mentions ten codes and terms is listed on ten listing pages: its row is
/// rendered once per depth, before the pages are made, rather than once per listing. Rows that
/// name cited codes (an entry's listing) are rendered where they are listed. The partial sees
/// the row's own values only.
struct ListingRows {
    private let templates: TemplateSet
    /// Row HTML by referring page path, then by depth of the listing page.
    private let rendered: [String: [Int: String]]

    /// Renders a row for every page that refers to anything, at each of `depths`, on every core.
    init(graph: ContentGraph, templates: TemplateSet, depths: Set<Int>) {
        self.templates = templates
        guard !depths.isEmpty else {
            rendered = [:]
            return
        }
        var referrers: [String: PageRef] = [:]
        for reference in graph.references.all where referrers[reference.source.path] == nil {
            referrers[reference.source.path] = reference.source
        }
        let pages = referrers.keys.sorted().map { referrers[$0]! }
        let depths = depths.sorted()
        let work = Unchecked((templates, pages, depths))
        let rows = inParallel(pages.count) { index in
            let (templates, pages, depths) = work.value
            let page = pages[index]
            return depths.map { depth in
                Self.render(ReferrerRow(title: page.title, path: page.path, root: String(repeating: "../", count: depth),
                                        kind: page.kind.groupTitle), templates)
            }
        }
        var rendered: [String: [Int: String]] = [:]
        for (page, html) in zip(pages, rows) { rendered[page.path] = Dictionary(uniqueKeysWithValues: zip(depths, html)) }
        self.rendered = rendered
    }

    /// `row` with its `html`, on a listing page `depth` folders deep.
    func filled(_ row: ReferrerRow, depth: Int) -> ReferrerRow {
        var row = row
        row.html = (!row.hasTargets ? rendered[row.path]?[depth] : nil) ?? Self.render(row, templates)
        return row
    }

    private static func render(_ row: ReferrerRow, _ templates: TemplateSet) -> String {
        templates.render(row, template: "referrer-row")
    }
}
