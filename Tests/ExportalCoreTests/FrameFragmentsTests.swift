@testable import ExportalCore
import Foundation
import Testing

/// Partials rendered once per frame must be exactly those whose output cannot differ between two
/// pages of the same depth and section; every other partial renders on every page.
@Suite struct FrameFragmentsTests {
    static func stockTexts() throws -> [String: String] {
        let folder = FixtureSite.repository.appendingPathComponent("Templates")
        var texts: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
            texts[String(name.dropLast(".mustache".count))] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return texts
    }

    @Test func theStockHeaderAndFooterAreRenderedOncePerFrame() throws {
        // breadcrumbs reads the page's own trail, so it is not one of them.
        #expect(FrameFragments(texts: try Self.stockTexts()).names == ["footer", "header"])
    }

    @Test func aPartialThatReadsThePageIsNot() throws {
        var texts = try Self.stockTexts()
        texts["header"] = "<header>{{site.title}}: {{page.title}}</header>\n"
        #expect(FrameFragments(texts: texts).names == ["footer"])
        // A name the nav items do not answer reaches the page's own values.
        texts["header"] = "{{#nav}}<a href=\"{{href}}\">{{title}} {{summary}}</a>{{/nav}}\n"
        #expect(FrameFragments(texts: texts).names == ["footer"])
        // So does one in a partial it includes.
        texts["header"] = "<header>\n{{>brand}}\n</header>\n"
        texts["brand"] = "{{site.title}} {{title}}\n"
        #expect(FrameFragments(texts: texts).names == ["footer"])
        texts["brand"] = "{{site.title}}\n"
        #expect(FrameFragments(texts: texts).names == ["brand", "footer", "header"])
    }

    @Test func aPartialIncludedInsideASectionOrIndentedIsNot() throws {
        var texts = try Self.stockTexts()
        texts["layout"] = texts["layout"]!.replacingOccurrences(of: "{{>footer}}", with: "  {{>footer}}")
        #expect(FrameFragments(texts: texts).names == ["header"])
        texts = try Self.stockTexts()
        texts["home"] = "{{#articles}}{{>footer}}{{/articles}}\n" + texts["home"]!
        #expect(FrameFragments(texts: texts).names == ["header"])
    }

    /// End to end: a header that shows the page's title still shows each page's own.
    @Test func aHeaderThatReadsThePageShowsEachPagesOwnTitle() throws {
        let site = try FixtureSite(SmallSite.files)
        try site.write("Templates/header.mustache", "<header class=\"site-header\"><p class=\"now\">{{page.title}}</p></header>\n")
        let result = site.build()
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(try site.read("Output/guidance/end-use-checks.html").contains(#"<p class="now">End-use checks</p>"#))
        #expect(try site.read("Output/glossary.html").contains(#"<p class="now">Glossary</p>"#))
    }

    /// And the stock header, rendered once per frame, marks each section's own navigation entry.
    @Test func theCachedHeaderMarksTheCurrentSection() throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(site.build().succeeded)
        let article = try site.read("Output/guidance/end-use-checks.html")
        let glossary = try site.read("Output/glossary.html")
        #expect(article.contains(#"<a href="../guidance/index.html" aria-current="page">Guidance</a>"#))
        #expect(glossary.contains(#"<a href="glossary.html" aria-current="page">Glossary</a>"#))
        #expect(!glossary.contains(#"<a href="guidance/index.html" aria-current="page">"#))
    }
}
