/// The pages that refer to one place of the portal (a page, or an anchor on it), most relevant
/// first, as a "Referenced in" list shows them. A list longer than `shown` is cut there, and the
/// place gets a listing page of its own (`BacklinkListingPages`), so no page grows with the
/// number of pages that refer to it.
///
/// Relevance, so the pages a reader most likely wants come before the cut:
/// 1. pages that point at the place on purpose (`[[...]]`, a Markdown link, a `related:` item)
///    before pages that only mention it in prose (a code or term linked automatically);
/// 2. then pages with more references to it;
/// 3. then guidance, then training (modules, lessons, quizzes), then control-list entries and
///    lists, then the glossary: guidance and training explain; an entry's note only points;
/// 4. then title and path, so the order depends on nothing but the content.
struct Backlinks {
    /// Twenty: above the longest list a hand-written portal gives an entry (the sample's 2B001 has
    /// 19 referring pages), so curated content keeps its full lists, while a generated or very
    /// large portal lists about 3 KB of links per place instead of one per referring page.
    static let shown = 20

    struct Referrer {
        let page: PageRef
        /// Its references to the place, in source order.
        let references: [CrossReference]
    }

    /// Every referring page, most relevant first.
    let ranked: [Referrer]

    /// `references` to one place, from pages other than the place's own.
    init(_ references: [CrossReference]) {
        // By page object first: a page's references share its `PageRef`, so its path is hashed
        // once per object rather than once per reference (a term has thousands at 10,000 pages).
        var order: [PageRef] = [], found: [[CrossReference]] = []
        var byObject: [ObjectIdentifier: Int] = [:], byPath: [String: Int] = [:]
        for reference in references {
            let group: Int
            if let known = byObject[ObjectIdentifier(reference.source)] {
                group = known
            } else {
                group = byPath[reference.source.path] ?? order.count
                if group == order.count {
                    order.append(reference.source)
                    found.append([])
                    byPath[reference.source.path] = group
                }
                byObject[ObjectIdentifier(reference.source)] = group
            }
            found[group].append(reference)
        }
        ranked = zip(order, found).map { Referrer(page: $0, references: $1) }
            .map { (referrer: $0, key: Self.relevance($0)) }
            .sorted { Self.precedes($0.key, $1.key) }
            .map(\.referrer)
    }

    var total: Int { ranked.count }
    var isCut: Bool { ranked.count > Self.shown }
    /// The pages a list shows: all of them, or the `shown` most relevant.
    var listed: ArraySlice<Referrer> { ranked.prefix(Self.shown) }

    /// Template values for the line after a cut list, `false` when nothing was cut: `more` (how
    /// many are not shown), `total`, and `path`, the listing page's.
    func moreValues(listing path: String) -> Any {
        guard isCut else { return false }
        return ["more": total - Self.shown, "total": total, "path": path] as [String: Any]
    }

    private struct Relevance {
        let deliberate: Bool
        let count: Int
        let kind: Int
        let title: String
        let path: String
    }

    private static func relevance(_ referrer: Referrer) -> Relevance {
        Relevance(deliberate: referrer.references.contains { $0.via != .code && $0.via != .term },
                  count: referrer.references.count, kind: kindRank(referrer.page.kind),
                  title: referrer.page.title, path: referrer.page.path)
    }

    private static func precedes(_ a: Relevance, _ b: Relevance) -> Bool {
        if a.deliberate != b.deliberate { return a.deliberate }
        if a.count != b.count { return a.count > b.count }
        return (a.kind, a.title, a.path) < (b.kind, b.title, b.path)
    }

    private static func kindRank(_ kind: PageRef.Kind) -> Int {
        switch kind {
        case .guidance: 0
        case .module: 1
        case .lesson: 2
        case .quiz: 3
        case .entry: 4
        case .list: 5
        case .glossary: 6
        }
    }
}

/// Where the full list of the pages that refer to a place lives: beside nothing else, under
/// `references/`, mirroring the place's own path, e.g. `references/controls/eu-dual-use/5A002.html`
/// for an entry page and `references/glossary/technology.html` for a glossary term.
enum BacklinkListing {
    static func path(page: String, anchor: String? = nil) -> String {
        let stem = page.hasSuffix(".html") ? String(page.dropLast(".html".count)) : page
        return "references/" + stem + (anchor.map { "/" + $0 } ?? "") + ".html"
    }
}
