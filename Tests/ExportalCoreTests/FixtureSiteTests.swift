import ExportalCore
import Foundation
import Testing

/// End-to-end: whole fixture sites built through the real pipeline and templates.
@Suite struct ValidSiteTests {
    @Test func buildsEveryPageKind() throws {
        let site = try FixtureSite(SmallSite.files)
        let result = site.build()
        #expect(result.lines == [])
        #expect(result.succeeded)
        for page in ["index.html", "404.html", "glossary.html", "sitemap.xml", "robots.txt",
                     "guidance/index.html", "guidance/end-use-checks.html",
                     "controls/index.html", "controls/demo-list/index.html", "controls/demo-list/5A002.html",
                     "controls/demo-list/1C350.html", "training/index.html", "training/basics/index.html",
                     "training/basics/first-steps.html", "training/basics/next-steps.html", "training/basics/quiz.html",
                     "training/record.html", "a-z.html"] {
            #expect(site.exists("Output/\(page)"), "missing \(page)")
        }
        #expect(!site.exists("Output/guidance/draft-notes.html"), "drafts are not published")
        #expect(result.pagesWritten == 16)
    }

    @Test func articleHasTOCAnchorsAndOneH1() throws {
        let site = try FixtureSite(SmallSite.files)
        _ = site.build()
        let html = try site.read("Output/guidance/end-use-checks.html")
        #expect(html.components(separatedBy: "<h1").count == 2, "exactly one h1")
        #expect(html.contains(#"<h2 id="red-flags">Red flags</h2>"#))
        #expect(html.contains(##"<a href="#odd-routing">Odd routing</a>"##))
        #expect(html.contains(#"<th style="text-align: left">Sign</th>"#))
        #expect(html.contains(#"aria-label="Screen the consignee""#))
        #expect(html.contains(##"<a class="skip-link" href="#main">"##))
        #expect(html.contains(#"<link rel="stylesheet" href="../assets/style."#))
    }

    @Test func entryPageShowsSubItemTreeWithAnchors() throws {
        let site = try FixtureSite(SmallSite.files)
        _ = site.build()
        let html = try site.read("Output/controls/demo-list/5A002.html")
        #expect(html.contains(#"<li id="5A002.a" class="subitem">"#))
        #expect(html.contains(#"<li id="5A002.a.1" class="subitem">"#))
        #expect(html.contains("Annex IV"))
        #expect(html.contains("Key length counts without parity bits."))
        // A leaf must not re-render its parent's children (Mustache context-stack lookup).
        #expect(html.components(separatedBy: #"id="5A002.a.1""#).count == 2)
        let index = try site.read("Output/controls/demo-list/index.html")
        #expect(index.contains(#"<h2 id="category-1">Category 1: Special materials and related equipment</h2>"#))
        #expect(index.contains(#"<h3 id="group-5A">5A: Systems, equipment and components</h3>"#))
    }

    @Test func quizIsReadableWithoutJavaScript() throws {
        let site = try FixtureSite(SmallSite.files)
        _ = site.build()
        let html = try site.read("Output/training/basics/quiz.html")
        #expect(html.contains("<details class=\"answer\">"))
        #expect(html.contains("<strong>Correct: B.</strong>"))
        let lesson = try site.read("Output/training/basics/next-steps.html")
        #expect(lesson.contains(#"href="../../training/basics/first-steps.html" rel="prev""#))
        #expect(lesson.contains(#"href="../../training/basics/quiz.html" rel="next""#))
    }

    @Test func notFoundPageUsesAbsolutePathsFromTheBaseURL() throws {
        let site = try FixtureSite(SmallSite.files)
        _ = site.build(baseURL: "https://regulator.example/dual-use/")
        let html = try site.read("Output/404.html")
        #expect(html.contains(#"href="/dual-use/assets/style."#))
        #expect(html.contains(#"<a href="/dual-use/glossary.html">"#))
        let sitemap = try site.read("Output/sitemap.xml")
        #expect(sitemap.contains("<loc>https://regulator.example/dual-use/controls/demo-list/5A002.html</loc>"))
        #expect(!sitemap.contains("404"))
    }

    @Test func exporterProfilesNeverReachThePortal() throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(site.build().succeeded)
        let secrets = ["Acme Secret Machines", "Hyperion", "Zephyr Trading", "compliance@acme.example", "acme"]
        for (path, data) in site.snapshot() {
            let text = String(decoding: data, as: UTF8.self)
            for secret in secrets { #expect(!text.contains(secret), "\(path) leaks '\(secret)'") }
        }
    }

    @Test func buildsAreByteIdentical() throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(site.build(output: "A").succeeded)
        #expect(site.build(output: "B").succeeded)
        let a = site.snapshot("A"), b = site.snapshot("B")
        // 16 pages, sitemap, robots, xref.json, 5 assets, .exportal-output marker, and the search index.
        let search = a.keys.filter { $0.hasPrefix("search/") }.count
        #expect(search >= 3)
        #expect(a.count == 25 + search)
        #expect(a == b)
    }

    @Test func buildDateAppearsOnlyWhenGiven() throws {
        let site = try FixtureSite(SmallSite.files)
        _ = site.build()
        #expect(!(try site.read("Output/index.html")).contains("<time datetime=\"2026-11-26\""))
        _ = site.build(buildDate: "2026-11-26")
        #expect(try site.read("Output/index.html").contains(#"<time datetime="2026-11-26">"#))
    }

    @Test func checkWritesNothing() throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(site.check().succeeded)
        #expect(!site.exists("Output"))
    }
}
