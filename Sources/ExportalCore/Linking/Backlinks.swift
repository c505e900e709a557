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
        let references: ArraySlice<CrossReference>
        /// The page's place in the tie-break order below (kind, title, path).
        let order: Int
    }

    /// Every referring page, most relevant first.
    let ranked: [Referrer]

    /// `references` to one place, in source order, from pages other than `place` (the place's own
    /// page); `order` gives a page's place by kind, title and path (`CrossReferences.backlinks`),
    /// equal for equal paths.
    init(_ references: [CrossReference], place: String, order: (PageRef) -> Int) {
        ranked = Self.rank(references, place: place, order: order)
    }

    private static func rank(_ references: [CrossReference], place: String, order: (PageRef) -> Int) -> [Referrer] {
        // A page's references are next to each other (`CrossReferences.all` is sorted by source
        // page), so each referrer is a slice of them, not a copy.
        var runs: [(start: Int, end: Int, order: Int, deliberate: Bool)] = []
        var seen: Set<Int> = []
        var previous: PageRef?
        for (index, reference) in zip(references.indices, references) {
            if let previous, previous === reference.source || previous.path == reference.source.path {
                runs[runs.count - 1].end = index + 1
            } else {
                guard reference.source.path != place else { previous = nil; continue }
                let page = order(reference.source)
                guard seen.insert(page).inserted else {
                    // Not grouped by page after all: group them, keeping each page's source order.
                    let grouped = references.enumerated().sorted { (order($0.element.source), $0.offset) < (order($1.element.source), $1.offset) }
                    return rank(grouped.map(\.element), place: place, order: order)
                }
                runs.append((index, index + 1, page, false))
            }
            previous = reference.source
            if reference.via != .code && reference.via != .term { runs[runs.count - 1].deliberate = true }
        }
        return runs.sorted { a, b in
            if a.deliberate != b.deliberate { return a.deliberate }
            if a.end - a.start != b.end - b.start { return a.end - a.start > b.end - b.start }
            return a.order < b.order
        }.map { Referrer(page: references[$0.start].source, references: references[$0.start..<$0.end], order: $0.order) }
    }

    var total: Int { ranked.count }

    /// `total` of `Backlinks(references, place:)` without ranking them: the referring pages but the
    /// place's own. `CrossReferences.all`, and so each target's share of it, is sorted by source
    /// path, so each page's references are one run.
    static func referrerCount(_ references: [CrossReference], place: String) -> Int {
        var count = 0, previous: String?
        for reference in references where reference.source.path != place && reference.source.path != previous {
            count += 1
            previous = reference.source.path
        }
        return count
    }
    var isCut: Bool { ranked.count > Self.shown }
    /// The pages a list shows: all of them, or the `shown` most relevant.
    var listed: ArraySlice<Referrer> { ranked.prefix(Self.shown) }

    /// Template values for the line after a cut list, `false` when nothing was cut: `more` (how
    /// many are not shown), `total`, and `path`, the listing page's.
    func moreValues(listing path: String) -> Any {
        guard isCut else { return false }
        return ["more": total - Self.shown, "total": total, "path": path] as [String: Any]
    }

    static func kindRank(_ kind: PageRef.Kind) -> Int {
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
///
/// A listing holds at most `pageSize` referring pages; a longer one continues on numbered pages,
/// `….page-2.html` and on: slugs have no dots and codes no hyphens, so no other path can be one.
enum BacklinkListing {
    /// About 150 KB of HTML: a listing page stays a page whatever the size of the portal.
    static let pageSize = 500

    static func path(page: String, anchor: String? = nil, number: Int = 1) -> String {
        let stem = page.hasSuffix(".html") ? String(page.dropLast(".html".count)) : page
        return "references/" + stem + (anchor.map { "/" + $0 } ?? "") + (number > 1 ? ".page-\(number)" : "") + ".html"
    }
}
