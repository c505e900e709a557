import Foundation
import Testing

/// Twenty-five articles refer to one sub-item and one glossary term: more than a "Referenced in"
/// list shows (20), so each list is cut to its most relevant pages and links to a listing page.
enum CrowdedSite {
    /// `ref-25` refers on purpose (`[[...]]`), `ref-24` three times; `ref-23` names the term on purpose.
    static func article(_ number: Int) -> String {
        let name = String(format: "ref-%02d", number)
        let prose = switch number {
        case 25: "See [[demo-list:5A002.a]] and a dual-use item."
        case 24: "Mentions 5A002.a, then 5A002.a again and 5A002.a once more, and a dual-use item."
        case 23: "Mentions 5A002.a and [[term:dual-use-item]]."
        default: "Mentions 5A002.a and a dual-use item."
        }
        return """
        -- Content/guidance/\(name).md --
        ---
        title: Referring article \(name.dropFirst(4))
        ---

        \(prose)
        """
    }

    static let files = SmallSite.files + "\n" + (1...25).map(article).joined(separator: "\n")

    static func titles(_ numbers: some Sequence<Int>) -> [String] { numbers.map { String(format: "Referring article %02d", $0) } }
}

@Suite struct BacklinkListingTests {
    let site: FixtureSite

    init() throws {
        site = try FixtureSite(CrowdedSite.files)
        let result = site.build()
        #expect(result.succeeded && result.diagnostics.isEmpty, "\(result.lines)")
    }

    /// Link texts of `<a>` elements in `html`, in order.
    func linkTexts(_ html: Substring) -> [String] {
        html.matches(of: /<a href="[^"]*">([^<]*)<\/a>/).map { String($0.output.1) }
    }

    func section(_ html: String, from start: String, to end: String) throws -> Substring {
        let from = try #require(html.range(of: start))
        let to = try #require(html[from.upperBound...].range(of: end))
        return html[from.lowerBound..<to.upperBound]
    }

    @Test func entrySectionShowsTheMostRelevantTwentyThenTheTotalAndALink() throws {
        let entry = try site.read("Output/controls/demo-list/5A002.html")
        let backlinks = try section(entry, from: #"<section class="backlinks""#, to: "</section>")
        // On purpose first, then by number of references, then by title.
        #expect(linkTexts(backlinks).filter { $0.hasPrefix("Referring") } == CrowdedSite.titles([25, 24] + Array(1...18)))
        #expect(backlinks.matches(of: /<li>/).count == 20)
        #expect(backlinks.contains(#"<p class="backlink-more">and 5 more: <a href="../../references/controls/demo-list/5A002.html">all 25 pages that refer to this page</a></p>"#))
    }

    @Test func subItemAndTermListsAreCutTheSameWay() throws {
        let entry = try site.read("Output/controls/demo-list/5A002.html")
        let citedBy = try section(entry, from: #"<li id="5A002.a" class="subitem">"#, to: "</ul></div>")
        #expect(linkTexts(citedBy).filter { $0.hasPrefix("Referring") } == CrowdedSite.titles([25, 24] + Array(1...18)))
        #expect(citedBy.contains(#"<li class="cited-by-more"><a href="../../references/controls/demo-list/5A002/5A002.a.html">and 5 more (all 25 pages)</a></li></ul>"#))

        let glossary = try site.read("Output/glossary.html")
        let term = try section(glossary, from: #"<div class="term" id="dual-use-item">"#, to: "</dd>")
        let shown = linkTexts(term).filter { $0.hasPrefix("Referring") }
        #expect(shown == CrowdedSite.titles([23] + Array(1...19)))
        let more = try #require(term.firstMatch(of: /and (\d+) more \(all (\d+) pages\)/))
        let total = try #require(Int(more.output.2))
        #expect(Int(more.output.1) == total - 20)
        #expect(term.contains(#"<a href="references/glossary/dual-use-item.html">"#))

        // A list within the limit is as it always was, and gets no listing page.
        let other = try site.read("Output/controls/demo-list/1C350.html")
        #expect(!other.contains("backlink-more") && !other.contains("cited-by-more"))
        #expect(!site.exists("Output/references/controls/demo-list/1C350.html"))
        #expect(!site.exists("Output/references/controls/demo-list/5A002/5A002.a.1.html"))
    }

    @Test func listingPagesListEveryReferringPageByTitleAndTheirLinksResolve() throws {
        let listing = try site.read("Output/references/controls/demo-list/5A002.html")
        #expect(listing.contains("<title>References to 5A002 Information security items · Test Portal</title>"))
        #expect(listing.contains(#"<h1>References to 5A002 Information security items</h1>"#))
        #expect(listing.contains(#"<li><a href="../../../controls/demo-list/index.html">Demo list</a></li><li><a href="../../../controls/demo-list/5A002.html">5A002 Information security items</a></li>"#))
        #expect(listing.contains(#"<p class="lead">25 pages of this portal refer to <a href="../../../controls/demo-list/5A002.html">5A002 Information security items</a>.</p>"#))
        let main = try section(listing, from: "<main", to: "</main>")
        #expect(!main.contains("listing-pages"), "a listing of 25 pages needs no pages of its own")
        #expect(linkTexts(main).filter { $0.hasPrefix("Referring") } == CrowdedSite.titles(1...25))
        #expect(main.contains(#"<a href="../../../guidance/ref-24.html">Referring article 24</a> <span class="backlink-targets"><a href="../../../controls/demo-list/5A002.html#5A002.a">5A002.a</a></span>"#))

        let subItem = try site.read("Output/references/controls/demo-list/5A002/5A002.a.html")
        #expect(linkTexts(try section(subItem, from: "<main", to: "</main>")).filter { $0.hasPrefix("Referring") } == CrowdedSite.titles(1...25))
        let term = try site.read("Output/references/glossary/dual-use-item.html")
        #expect(linkTexts(try section(term, from: "<main", to: "</main>")).filter { $0.hasPrefix("Referring") } == CrowdedSite.titles(1...25))

        let sitemap = try site.read("Output/sitemap.xml")
        for path in ["references/controls/demo-list/5A002.html", "references/controls/demo-list/5A002/5A002.a.html",
                     "references/glossary/dual-use-item.html"] {
            #expect(sitemap.contains("<loc>https://example.org/compliance/\(path)</loc>"), "\(path) not in the sitemap")
            try expectLinksResolve(in: path)
        }
    }

    /// Every relative link of the page leads to a file of the portal and, with a fragment, to an id on it.
    func expectLinksResolve(in path: String) throws {
        let output = site.root.appendingPathComponent("Output")
        let page = output.appendingPathComponent(path)
        let html = try String(contentsOf: page, encoding: .utf8)
        let hrefs = html.matches(of: /href="([^"#:]*)(#[^"]*)?"/).map { (String($0.output.1), $0.output.2.map { String($0.dropFirst()) }) }
        #expect(hrefs.count > 25)
        for (file, fragment) in hrefs where !file.isEmpty {
            let target = URL(fileURLWithPath: file, relativeTo: page.deletingLastPathComponent()).standardizedFileURL
            #expect(target.path.hasPrefix(output.path), "\(path): \(file) leaves the portal")
            let text = try #require(try? String(contentsOf: target, encoding: .utf8), "\(path): \(file) does not exist")
            if let fragment { #expect(text.contains(#"id="\#(fragment)""#), "\(path): no #\(fragment) in \(file)") }
        }
    }
}

/// 1,001 articles name one sub-item: more than a listing page holds (500), so its listing runs to
/// three numbered pages.
@Suite struct LongListingTests {
    let site: FixtureSite

    init() throws {
        let articles = (1...1001).map { number in
            String(format: "-- Content/guidance/long-%04d.md --\n---\ntitle: Long article %04d\n---\n\nMentions 5A002.a.\n", number, number)
        }
        site = try FixtureSite(SmallSite.files + "\n" + articles.joined(separator: "\n"))
        let result = site.build()
        #expect(result.succeeded && result.diagnostics.isEmpty, "\(result.lines)")
    }

    @Test func aListingLongerThanAPageContinuesOnNumberedPagesInTitleOrder() throws {
        let stem = "Output/references/controls/demo-list/5A002"
        let paths = ["\(stem).html", "\(stem).page-2.html", "\(stem).page-3.html"]
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("\(stem).page-4.html").path))
        var listed: [String] = []
        for (index, path) in paths.enumerated() {
            let html = try site.read(path)
            let main = String(try #require(html.firstRange(of: "<main").map { html[$0.lowerBound...] }))
            listed += main.matches(of: /<a href="[^"]*">(Long article \d{4})<\/a>/).map { String($0.output.1) }
            #expect(html.contains("<h1>References to 5A002 Information security items, page \(index + 1) of 3</h1>"))
            let first = index * 500 + 1, last = min((index + 1) * 500, 1001)
            #expect(html.contains("1001 pages of this portal refer to"))
            #expect(html.contains("This page lists \(first) to \(last).</p>"))
            // Every page links to every page, the one being read marked, and to its neighbours.
            #expect(html.contains(#"<a href="../../../references/controls/demo-list/5A002\#(index == 0 ? "" : ".page-\(index + 1)").html" aria-current="page">\#(index + 1)</a>"#))
            #expect(html.contains(#"rel="prev""#) == (index > 0))
            #expect(html.contains(#"rel="next""#) == (index < 2))
            for other in paths.indices where other != index {
                let href = "../../../references/controls/demo-list/5A002\(other == 0 ? "" : ".page-\(other + 1)").html"
                #expect(html.contains(#"<a href="\#(href)">\#(other + 1)</a>"#), "page \(index + 1) lacks a link to page \(other + 1)")
            }
        }
        #expect(listed == (1...1001).map { String(format: "Long article %04d", $0) })
        let sitemap = try site.read("Output/sitemap.xml")
        for path in paths { #expect(sitemap.contains(path.replacingOccurrences(of: "Output/", with: "https://example.org/compliance/"))) }
    }

    @Test func subItemListingsArePagedTheSameWayAndEntryPagesLinkToTheFirst() throws {
        let html = try site.read("Output/references/controls/demo-list/5A002/5A002.a.page-3.html")
        #expect(html.contains("This page lists 1001 to 1001."))
        let entryPage = try site.read("Output/controls/demo-list/5A002.html")
        #expect(entryPage.contains(#"href="../../references/controls/demo-list/5A002.html""#))
        #expect(entryPage.contains(#"href="../../references/controls/demo-list/5A002/5A002.a.html""#))
    }
}
