import Foundation

/// The rows of listing pages (`BacklinkListingPages`), rendered by the `referrer-row` partial when
/// a listing page is rendered, not when it is made: a page that an incremental rebuild takes from
/// the earlier render costs no row.
///
/// A listing page of a sub-item, a term, an article or a lesson lists pages without the codes
/// they cite, so such a row depends only on the referring page and on how deep the listing page
/// is. A page that mentions ten codes and terms is listed on ten listing pages: its row is
/// rendered once per depth, the first time a listing page asks for it, and kept. Rows that name
/// cited codes (an entry's listing) are rendered where they are listed. The partial sees the
/// row's own values only, and its template is part of every page's key (`sharedFingerprint`).
final class ListingRows: @unchecked Sendable {
    private let templates: TemplateSet
    private let lock = NSLock()
    /// Row HTML by referring page path, then by depth of the listing page.
    private var rendered: [String: [Int: String]] = [:]

    init(templates: TemplateSet) {
        self.templates = templates
    }

    /// `row`, rendering its `html` on demand on a listing page `depth` folders deep.
    func filled(_ row: ReferrerRow, depth: Int) -> ReferrerRow {
        var row = row
        row.listing = ReferrerRow.Listing(rows: self, depth: depth)
        return row
    }

    /// The row as the `referrer-row` partial renders it; a row without cited codes once per
    /// referring page and depth.
    func html(_ row: ReferrerRow, depth: Int) -> String {
        guard !row.hasTargets else { return render(row) }
        if let done = lock.withLock({ rendered[row.path]?[depth] }) { return done }
        let html = render(row)
        lock.withLock { rendered[row.path, default: [:]][depth] = html }
        return html
    }

    private func render(_ row: ReferrerRow) -> String {
        var plain = row
        plain.listing = nil
        return templates.render(plain, template: "referrer-row")
    }
}
