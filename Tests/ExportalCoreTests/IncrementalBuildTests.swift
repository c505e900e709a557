@testable import ExportalCore
import ExportalDomain
import Foundation
import Testing

/// Incremental rebuilds (`serve`, `build --incremental`) against clean builds, byte for byte.
///
/// The property test makes 240 random edits of every kind to a small but complete site (an
/// article's body, with or without links, or its title, a new, deleted or renamed article, a
/// glossary definition, a control entry's title, a party, a template, the stylesheet, the site's
/// title) and after each compares the rebuild that reuses the last good render, told which source
/// files changed since it as `serve` is, with a clean render: the same diagnostics, and when the
/// build succeeds the same files. Prose edits are spliced into the last render (`ArticleSplice`). Every 20th edit a real `build --incremental` is
/// published and its folder compared too, then built again from the memo it kept. Edits that break the site (a deleted article that is
/// still referred to) are part of the walk: the rebuild after them must still reuse from the last
/// good render and come out right.
@Suite struct IncrementalBuildTests {
    @Test func randomEditsRebuildByteForByteAsACleanBuild() throws {
        var walk = try EditWalk(seed: 24)
        let site = walk.site
        var lastGood: RenderedPortal?
        var totals = RenderCounts(), failed = 0, published = 0
        var seen: [EditWalk.Kind: Int] = [:]
        var bodyEdits: [Int] = [], spliced: [EditWalk.Kind: Int] = [:]
        var linkedAgain: [EditWalk.Kind: [Int]] = [:]
        let cache = site.root.appendingPathComponent("cache")
        // The sources as the last good render read them: what changed since is what the watcher
        // would have reported to `serve` by the next rebuild.
        var sourcesAtGood = Self.sources(of: site)
        for step in 0..<240 {
            let kind = try walk.edit()
            seen[kind, default: 0] += 1
            let sources = Self.sources(of: site)
            let changed = Set(sources.keys).union(sourcesAtGood.keys).filter { sources[$0] != sourcesAtGood[$0] }.sorted()
            let clean = BuildPipeline(options: site.options()).render()
            let incremental = BuildPipeline(options: site.options()).render(after: lastGood, changed: changed)
            #expect(incremental.result.diagnostics == clean.result.diagnostics, "step \(step), \(kind)")
            #expect(Self.differences(incremental.files, clean.files).isEmpty,
                    "step \(step), \(kind): \(Self.differences(incremental.files, clean.files))")
            guard incremental.result.succeeded else {
                failed += 1
                continue
            }
            lastGood = incremental
            sourcesAtGood = sources
            if incremental.spliced {
                spliced[kind, default: 0] += 1
                #expect(changed.allSatisfy { $0.hasSuffix(".md") } && incremental.counts.rendered == changed.count, "step \(step): \(changed)")
            }
            if kind == .articleBody { bodyEdits.append(incremental.counts.rendered) }
            if !incremental.spliced { linkedAgain[kind, default: []].append(incremental.counts.linked ?? -1) }
            totals.rendered += incremental.counts.rendered
            totals.reused += incremental.counts.reused
            if step % 20 == 19 {
                var options = site.options()
                options.setCache(cache.path)
                let result = BuildPipeline(options: options).build()
                #expect(result.succeeded, "step \(step): \(result.diagnostics)")
                let written = site.snapshot().filter { !$0.key.hasPrefix(".") }
                #expect(Self.differences(written, clean.files).isEmpty, "step \(step), build --incremental: \(Self.differences(written, clean.files))")
                // Built again from the memo it just kept: every page is taken from the published portal.
                let again = BuildPipeline(options: options).build()
                #expect(again.counts.rendered == 0 && again.counts.reused == result.counts.rendered + result.counts.reused,
                        "step \(step): \(again.counts) after \(result.counts)")
                #expect(Self.differences(site.snapshot().filter { !$0.key.hasPrefix(".") }, clean.files).isEmpty, "step \(step), built again")
                published += 1
            }
        }
        // A rebuild links again only the pages whose texts changed or whose targets look different,
        // and the draft, whose references are not kept: after an edit that no text reads, that
        // draft alone; after an article's body or title, or a new, renamed or deleted article,
        // one or two more. A definition or an entry's title is shown by the pages that link to
        // the term or the codes, several in this site.
        let median = { (kind: EditWalk.Kind) in (linkedAgain[kind] ?? []).sorted()[(linkedAgain[kind]?.count ?? 0) / 2] }
        #expect([EditWalk.Kind.template, .stylesheet, .siteTitle, .party].allSatisfy { linkedAgain[$0]?.min() == 1 && median($0) == 1 },
                "\(linkedAgain)")
        #expect([EditWalk.Kind.articleBody, .articleTitle, .newArticle, .renamedArticle, .deletedArticle].allSatisfy { median($0) <= 3 },
                "\(linkedAgain)")
        #expect([EditWalk.Kind.glossaryDefinition, .entryTitle].allSatisfy { (linkedAgain[$0]?.max() ?? 0) >= 5 }, "\(linkedAgain)")
        // The walk covered every kind, kept most states buildable, and did reuse pages: a rebuild
        // that rendered everything would pass the comparisons without testing anything.
        #expect(Set(seen.keys) == Set(EditWalk.Kind.allCases), "\(seen)")
        #expect(failed > 0 && failed < 60, "\(failed) of 240 states did not build")
        #expect(published >= 5, "\(published) published builds")
        // Template, stylesheet and site edits re-render every page, so about 60 % are reused overall;
        // a body edit re-renders its page and the few whose "Referenced in" rows show it.
        #expect(totals.reused > totals.rendered, "rendered \(totals.rendered), reused \(totals.reused)")
        #expect(!bodyEdits.isEmpty && bodyEdits.allSatisfy { $0 <= 5 }, "pages rendered after body edits: \(bodyEdits)")
        // Prose edits were spliced into the last render (a heading among them is not), and nothing
        // but article edits ever was.
        #expect((spliced[.articleProse] ?? 0) >= 5 && (spliced[.lessonProse] ?? 0) >= 5, "\(spliced)")
        #expect(Set(spliced.keys).isSubset(of: [.articleProse, .lessonProse, .articleBody]), "\(spliced)")
    }

    /// The source files by the paths `SourceWatcher` names them with.
    static func sources(of site: FixtureSite) -> [String: Data] {
        var result: [String: Data] = [:]
        for folder in ["Content", "Templates", "Public"] {
            let base = site.root.appendingPathComponent(folder).standardizedFileURL.path
            for (path, data) in site.snapshot(folder) { result[base + "/" + path] = data }
        }
        return result
    }

    /// The first paths whose bytes differ, for a readable failure.
    static func differences(_ left: [String: Data], _ right: [String: Data]) -> [String] {
        Array(Set(left.keys).union(right.keys).filter { left[$0] != right[$0] }.sorted().prefix(5))
    }

    @Test func anEditedArticleReRendersItsPageAndThePagesShowingIt() throws {
        let site = try FixtureSite(SmallSite.files)
        let first = BuildPipeline(options: site.options()).render()
        try site.write("Content/guidance/end-use-checks.md",
                       try site.read("Content/guidance/end-use-checks.md") + "\nOne more paragraph.\n")
        let second = BuildPipeline(options: site.options()).render(after: first)
        #expect(second.result.succeeded)
        // Only the article's own page shows its body.
        #expect(second.counts.rendered == 1, "\(second.counts)")
        #expect(second.files["guidance/end-use-checks.html"].map { String(decoding: $0, as: UTF8.self).contains("One more paragraph.") } == true)
        // The title shows on the guidance index, the home page and the pages it refers to.
        try site.write("Content/guidance/end-use-checks.md",
                       try site.read("Content/guidance/end-use-checks.md").replacingOccurrences(of: "End-use checks", with: "End-use due diligence"))
        let third = BuildPipeline(options: site.options()).render(after: second)
        #expect(third.counts.rendered > 3 && third.counts.reused > 0, "\(third.counts)")
        #expect(third.files == BuildPipeline(options: site.options()).render().files)
    }

    /// `serve` links a page again only when its texts changed or a target it links to looks
    /// different (`LinkMemo`); what the kept pages reported is reported again.
    @Test func onlyPagesWhoseTextsOrTargetsChangedAreLinkedAgain() throws {
        let site = try FixtureSite(SmallSite.files)
        try site.write("Content/guidance/uses-term.md", "---\ntitle: Uses a term\n---\n\nA dual-use item under 5A002, and 5A999.\n")
        try site.write("Content/guidance/plain.md", "---\ntitle: Plain\nsummary: Short.\n---\n\nNothing to link here.\n")
        func rebuild(after earlier: RenderedPortal) throws -> (RenderedPortal, [String]) {
            let rendered = BuildPipeline(options: site.options()).render(after: earlier)
            let clean = BuildPipeline(options: site.options()).render()
            #expect(rendered.result.succeeded && rendered.result.diagnostics == clean.result.diagnostics, "\(rendered.result.diagnostics)")
            #expect(rendered.files == clean.files)
            return (rendered, rendered.memos?.links.linkedPages ?? ["no memo"])
        }
        let first = BuildPipeline(options: site.options()).render()
        let unknownCode = first.result.diagnostics.filter { $0.message.contains("5A999") }
        #expect(unknownCode.count == 1 && unknownCode[0].severity == .warning, "\(first.result.diagnostics)")
        let everyPage = first.memos?.links.linkedPages ?? []
        #expect(everyPage.contains("guidance/plain.html") && everyPage.contains("glossary.html") && everyPage.count > 8, "\(everyPage)")

        // A template is no input of linking: only the draft, whose references are not kept, is linked.
        try site.write("Templates/footer.mustache", try site.read("Templates/footer.mustache") + "<!-- edited -->\n")
        var (rendered, linked) = try rebuild(after: first)
        #expect(linked == ["guidance/draft-notes.html"])
        #expect(rendered.result.diagnostics.filter { $0.message.contains("5A999") } == unknownCode)

        // A summary changes the article's link target (its tooltip): pages that link to it would be
        // linked again, but none does, and its own text is where it was.
        try site.write("Content/guidance/plain.md", "---\ntitle: Plain\nsummary: Longer now.\n---\n\nNothing to link here.\n")
        (rendered, linked) = try rebuild(after: rendered)
        #expect(linked == ["guidance/draft-notes.html"], "the page's texts did not change: \(linked)")
        try site.write("Content/guidance/plain.md", "---\ntitle: Plain\nsummary: Longer now.\n---\n\n## A heading\n\nNothing to link here.\n")
        (rendered, linked) = try rebuild(after: rendered)
        #expect(linked == ["guidance/draft-notes.html", "guidance/plain.html"])

        // A definition shows in the tooltip of every link to its term: those pages, and the glossary.
        try site.write("Content/glossary.yml", try site.read("Content/glossary.yml")
            .replacingOccurrences(of: "An item with civil and military uses.", with: "An item with both civil and military uses."))
        (rendered, linked) = try rebuild(after: rendered)
        #expect(linked.contains("guidance/uses-term.html") && linked.contains("glossary.html"), "\(linked)")
        #expect(!linked.contains("guidance/plain.html") && !linked.contains("guidance/end-use-checks.html"), "\(linked)")
        // An entry's title shows in the tooltip of every link to its codes.
        try site.write("Content/controls/demo-list/entries.yml", try site.read("Content/controls/demo-list/entries.yml")
            .replacingOccurrences(of: "Information security items", with: "Information security equipment"))
        (rendered, linked) = try rebuild(after: rendered)
        #expect(linked.contains("guidance/uses-term.html") && !linked.contains("guidance/plain.html"), "\(linked)")

        // A kept page's links to anchors are checked again against this build's anchors: removing the
        // heading it links to is an error at the link, though the page is not linked again.
        try site.write("Content/guidance/uses-anchor.md", "---\ntitle: Uses an anchor\n---\n\nSee [red flags](end-use-checks.md#red-flags).\n")
        (rendered, _) = try rebuild(after: rendered)
        let article = try site.read("Content/guidance/end-use-checks.md")
        try site.write("Content/guidance/end-use-checks.md", article.replacingOccurrences(of: "## Red flags", with: "## Warning signs"))
        let broken = BuildPipeline(options: site.options()).render(after: rendered)
        #expect(broken.result.diagnostics == BuildPipeline(options: site.options()).render().result.diagnostics)
        #expect(broken.result.diagnostics.contains { $0.severity == .error && $0.file.hasSuffix("uses-anchor.md") && $0.message.contains("#red-flags") },
                "\(broken.result.diagnostics)")
        #expect(broken.memos?.links.linkedPages.contains("guidance/uses-anchor.html") == false)
        try site.write("Content/guidance/end-use-checks.md", article)

        // A new article is a name no kept page can have used (an unknown one is an error): it is
        // linked alone. Deleted, nothing that linked to it is left to link again.
        try site.write("Content/guidance/brand-new.md", "---\ntitle: Brand new\n---\n\nA dual-use item.\n")
        (rendered, linked) = try rebuild(after: rendered)
        #expect(linked == ["guidance/brand-new.html", "guidance/draft-notes.html"])
        try site.remove("Content/guidance/brand-new.md")
        (rendered, linked) = try rebuild(after: rendered)
        #expect(linked == ["guidance/draft-notes.html"])
        // Deleting an article that a kept page links to links that page again, which reports it.
        try site.write("Content/guidance/links-to-plain.md", "---\ntitle: Links to plain\n---\n\nSee [[guidance:plain]].\n")
        (rendered, linked) = try rebuild(after: rendered)
        let plain = try site.read("Content/guidance/plain.md")
        try site.remove("Content/guidance/plain.md")
        let missing = BuildPipeline(options: site.options()).render(after: rendered)
        #expect(missing.result.diagnostics == BuildPipeline(options: site.options()).render().result.diagnostics)
        #expect(missing.result.diagnostics.contains { $0.severity == .error && $0.file.hasSuffix("links-to-plain.md") }, "\(missing.result.diagnostics)")
        #expect(missing.memos?.links.linkedPages.contains("guidance/links-to-plain.html") == true)
        try site.remove("Content/guidance/links-to-plain.md")
        try site.write("Content/guidance/plain.md", plain)

        // A new synonym is a name any text may use: every page is linked again.
        try site.write("Content/glossary.yml", try site.read("Content/glossary.yml")
            .replacingOccurrences(of: "synonyms: [end-use control]", with: "synonyms: [end-use control, catch-all clause]"))
        (rendered, linked) = try rebuild(after: rendered)
        #expect(linked == (everyPage + ["guidance/uses-anchor.html"]).sorted())
    }

    /// The bundled sample (entries with sub-items and earlier versions, quizzes, relative links to
    /// headings, party lists) through edits of the kinds `LinkMemo` tells apart: after each, the
    /// rebuild from the last good one equals a clean build, files and diagnostics.
    @Test func sampleEditsRebuildAsACleanBuild() throws {
        let site = try FixtureSite("")
        try FileManager.default.copyItem(at: FixtureSite.repository.appendingPathComponent("Content"), to: site.root.appendingPathComponent("Content"))
        func edit(_ path: String, _ old: String, _ new: String) throws {
            let text = try site.read("Content/" + path)
            #expect(text.contains(old), "\(path) has no '\(old)'")
            try site.write("Content/" + path, text.replacingOccurrences(of: old, with: new))
        }
        let steps: [(String, () throws -> Void)] = [
            ("definition shown in tooltips", { try edit("glossary.yml", "An official list of items", "A published list of items") }),
            ("summary of a linked article", { try edit("guidance/record-keeping.md", "summary: Which export control records", "summary: Which records") }),
            ("entry title shown in code links", { try edit("controls/eu-dual-use/category-5.yml", "title: Information security systems, equipment and components",
                                                           "title: Information security systems and components") }),
            ("heading a kept lesson links to", { try edit("guidance/record-keeping.md", "### Classification records deserve special care", "### Classification records") }),
            ("heading restored", { try edit("guidance/record-keeping.md", "### Classification records\n", "### Classification records deserve special care\n") }),
            ("lesson title", { try edit("training/dual-use-basics/classifying-your-product.md", "title: Classifying your product", "title: Classifying a product") }),
            ("new article", { try site.write("Content/guidance/new-note.md", "---\ntitle: A new note\n---\n\nSee [[5A002]] for every dual-use item of this kind.\n") }),
            ("party renamed", { try edit("parties/northbridge-watchlist/list.yml", "    name: Severtech Integratsiya LLC\n    type", "    name: Severtech Integration LLC\n    type") }),
            ("new article deleted", { try site.remove("Content/guidance/new-note.md") }),
        ]
        var lastGood = BuildPipeline(options: site.options()).render()
        #expect(lastGood.result.succeeded, "\(lastGood.result.diagnostics)")
        var failed: [String] = [], linked: [String: Int] = [:]
        for (name, step) in steps {
            try step()
            let incremental = BuildPipeline(options: site.options()).render(after: lastGood)
            let clean = BuildPipeline(options: site.options()).render()
            #expect(incremental.result.diagnostics == clean.result.diagnostics, "\(name)")
            #expect(Self.differences(incremental.files, clean.files).isEmpty, "\(name): \(Self.differences(incremental.files, clean.files))")
            guard incremental.result.succeeded else {
                failed.append(name)
                continue
            }
            linked[name] = incremental.counts.linked ?? -1
            lastGood = incremental
        }
        // What no text reads links nothing; a new article, itself; the rest, the few pages that show it.
        #expect(["heading restored", "party renamed", "new article deleted"].allSatisfy { linked[$0] == 0 } && linked["new article"] == 1,
                "\(linked)")
        #expect(["definition shown in tooltips", "summary of a linked article", "entry title shown in code links", "lesson title"]
            .allSatisfy { (1..<40).contains(linked[$0] ?? -1) }, "\(linked)")
        // The renamed heading breaks the links to it, also from pages that were not linked again.
        #expect(failed == ["heading a kept lesson links to"], "\(failed)")
    }

    /// Listing pages ("References to ...") are keyed by what they show of their referrers (path,
    /// title, kind, what each reference cites), not by their values: a rebuild takes them from the
    /// last render without ranking the referrers when those are as they were, and makes them again
    /// when a referrer's title, its references or the cited codes change.
    @Test func listingPagesAreMadeAgainOnlyWhenTheirReferrersChange() throws {
        let site = try FixtureSite(SmallSite.files)
        func article(_ number: Int, title: String? = nil, code: String = "5A002.a") -> String {
            "---\ntitle: \(title ?? "Referrer \(number)")\n---\n\nA dual-use item under \(code).\n\nMore prose.\n"
        }
        for number in 1...24 { try site.write("Content/guidance/referrer-\(number).md", article(number)) }
        var last = BuildPipeline(options: site.options()).render()
        let listings = last.files.keys.filter { $0.hasPrefix("references/") }.sorted()
        #expect(listings.count >= 3, "\(listings)")
        func rebuild(_ change: String, rendersListings: Bool) throws {
            let rendered = BuildPipeline(options: site.options()).render(after: last)
            let clean = BuildPipeline(options: site.options()).render()
            #expect(rendered.result.succeeded && rendered.result.diagnostics == clean.result.diagnostics, "\(change)")
            #expect(Self.differences(rendered.files, clean.files).isEmpty, "\(change): \(Self.differences(rendered.files, clean.files))")
            let changed = listings.filter { rendered.files[$0] != last.files[$0] }
            #expect(rendersListings ? !changed.isEmpty : changed.isEmpty, "\(change): \(changed)")
            last = rendered
        }
        try site.write("Content/guidance/referrer-3.md", article(3).replacingOccurrences(of: "More prose.", with: "Other prose."))
        try rebuild("prose of a referrer", rendersListings: false)
        try site.write("Content/guidance/referrer-3.md", article(3, title: "A renamed referrer"))
        try rebuild("title of a referrer", rendersListings: true)
        try site.write("Content/guidance/referrer-5.md", article(5, code: "5A002.a.1"))
        try rebuild("code a referrer cites", rendersListings: true)
        try site.write("Content/guidance/referrer-25.md", article(25))
        try rebuild("a new referrer", rendersListings: true)
        try site.remove("Content/guidance/referrer-7.md")
        try rebuild("a referrer deleted", rendersListings: true)
        try site.write("Templates/referrer-row.mustache", try site.read("Templates/referrer-row.mustache") + "<!-- row -->")
        try rebuild("the row template", rendersListings: true)
        try site.write("Content/glossary.yml", try site.read("Content/glossary.yml")
            .replacingOccurrences(of: "An item with civil and military uses.", with: "An item with both civil and military uses."))
        try rebuild("a definition, which no listing shows", rendersListings: false)
    }

    /// `serve` splices a prose edit into the last render; an edit that another page could show, a
    /// change beside it, or a file the watcher names that is no article goes through a whole build.
    /// Either way the files are a clean build's.
    @Test func onlyEditsNoOtherPageCanShowAreSpliced() throws {
        let site = try FixtureSite(SmallSite.files)
        let article = "Content/guidance/end-use-checks.md"
        let path = site.root.appendingPathComponent(article).standardizedFileURL.path
        var last = BuildPipeline(options: site.options()).render()
        func edit(_ change: (String) -> String, changed: [String]) throws -> RenderedPortal {
            try site.write(article, change(try site.read(article)))
            let rendered = BuildPipeline(options: site.options()).render(after: last, changed: changed)
            let clean = BuildPipeline(options: site.options()).render()
            #expect(rendered.result.diagnostics == clean.result.diagnostics)
            #expect(Self.differences(rendered.files, clean.files).isEmpty, "\(Self.differences(rendered.files, clean.files))")
            if rendered.result.succeeded { last = rendered }
            return rendered
        }
        // Prose before the references: every later reference moves, which xref.json records.
        var rendered = try edit({ $0.replacingOccurrences(of: "Ask for an end-use", with: "Plain words first.\n\nAsk for an end-use") },
                                changed: [path])
        #expect(rendered.spliced && rendered.counts.rendered == 1, "\(rendered.counts)")
        #expect(String(decoding: rendered.files["guidance/end-use-checks.html"]!, as: UTF8.self).contains("Plain words first."))
        // An editor's temporary file beside it, gone by now (vim writes and deletes `4913`), is no change.
        rendered = try edit({ $0 + "\nPlain words last.\n" },
                            changed: [path, site.root.appendingPathComponent("Content/guidance/4913").standardizedFileURL.path])
        #expect(rendered.spliced)
        // A new term link shows on the glossary's "Referenced in": built.
        rendered = try edit({ $0 + "\nA catch-all control applies.\n" }, changed: [path])
        #expect(!rendered.spliced)
        // A new heading is a new anchor and a new search document: built.
        rendered = try edit({ $0 + "\n## Records\n\nKeep them.\n" }, changed: [path])
        #expect(!rendered.spliced)
        // The summary shows on the guidance index: built.
        rendered = try edit({ $0.replacingOccurrences(of: "summary: How to check", with: "summary: How we check") }, changed: [path])
        #expect(!rendered.spliced)
        // Prose, but the watcher also names a template: built.
        rendered = try edit({ $0 + "\nMore prose.\n" },
                            changed: [path, site.root.appendingPathComponent("Templates/footer.mustache").standardizedFileURL.path])
        #expect(!rendered.spliced)
        // Prose that breaks the page (a level-1 heading) is reported as a build reports it.
        rendered = try edit({ $0 + "\n# Second title\n" }, changed: [path])
        #expect(!rendered.spliced && !rendered.result.succeeded)
        // Mended: the changes since the last good render are the article's alone, and spliced.
        rendered = try edit({ $0.replacingOccurrences(of: "\n# Second title\n", with: "\nMended.\n") }, changed: [path])
        #expect(rendered.spliced && rendered.result.succeeded)
        // A lesson's prose, and only the lesson's page renders.
        let lesson = site.root.appendingPathComponent("Content/training/basics/next-steps.md").standardizedFileURL.path
        try site.write("Content/training/basics/next-steps.md", try site.read("Content/training/basics/next-steps.md") + "\nRead it twice.\n")
        rendered = BuildPipeline(options: site.options()).render(after: last, changed: [lesson])
        #expect(rendered.spliced && rendered.counts.rendered == 1, "\(rendered.counts)")
        #expect(rendered.files == BuildPipeline(options: site.options()).render().files)
        last = rendered
        // Deleting quiz.yml is a change, though it is gone and no Markdown.
        try site.remove("Content/training/basics/quiz.yml")
        rendered = BuildPipeline(options: site.options()).render(after: last, changed: [
            site.root.appendingPathComponent("Content/training/basics/quiz.yml").standardizedFileURL.path])
        #expect(!rendered.spliced && rendered.files == BuildPipeline(options: site.options()).render().files)
        // A draft is on no page.
        let draft = site.root.appendingPathComponent("Content/guidance/draft-notes.md").standardizedFileURL.path
        try site.write("Content/guidance/draft-notes.md", try site.read("Content/guidance/draft-notes.md") + "\nStill not.\n")
        rendered = BuildPipeline(options: site.options()).render(after: last, changed: [draft])
        #expect(!rendered.spliced && rendered.files == BuildPipeline(options: site.options()).render().files)
    }

    @Test func aTemplateEditReRendersEveryPage() throws {
        let site = try FixtureSite(SmallSite.files)
        let first = BuildPipeline(options: site.options()).render()
        try site.write("Templates/footer.mustache", try site.read("Templates/footer.mustache") + "<!-- edited -->\n")
        let second = BuildPipeline(options: site.options()).render(after: first)
        #expect(second.counts.reused == 0 && second.counts.rendered == first.counts.rendered, "\(second.counts)")
    }

    @Test func theCacheIsUsedOnlyWhenItAndThePublishedPagesAreIntact() throws {
        let site = try FixtureSite(SmallSite.files)
        var options = site.options()
        options.setCache(site.root.appendingPathComponent("cache").path)
        let first = BuildPipeline(options: options).build()
        #expect(first.succeeded && first.counts.reused == 0)
        let memo = site.root.appendingPathComponent("cache/render-memo")
        #expect(FileManager.default.fileExists(atPath: memo.path))
        let second = BuildPipeline(options: options).build()
        #expect(second.counts.rendered == 0 && second.counts.reused == first.counts.rendered, "\(second.counts)")

        // A published page edited by hand is not reused: its bytes no longer match the memo.
        try site.write("Output/glossary.html", "tampered")
        let third = BuildPipeline(options: options).build()
        #expect(third.counts.rendered == 1, "\(third.counts)")
        #expect(try site.read("Output/glossary.html") != "tampered")

        // A damaged memo, or one from another exportal, is ignored: every page is rendered.
        let text = try String(contentsOf: memo, encoding: .utf8)
        for damaged in [text.replacingOccurrences(of: "\ntool ", with: "\ntool 0"), String(text.dropLast(3)),
                        text + "0123 4567 ../../etc/passwd\n", text.replacingOccurrences(of: "glossary.html", with: "../glossary.html")] {
            try Data(damaged.utf8).write(to: memo)
            let result = BuildPipeline(options: options).build()
            #expect(result.succeeded && result.counts.reused == 0, "\(result.counts)")
        }
        let clean = site.snapshot().filter { !$0.key.hasPrefix(".") }
        #expect(BuildPipeline(options: site.options()).render().files == clean)
    }

    @Test func theCacheFolderMayNotOverlapAnOutputOrASource() throws {
        let site = try FixtureSite(SmallSite.files)
        for folder in ["Output/cache", "Content/cache", "Checklists"] {
            var options = site.options()
            options.setCache(site.root.appendingPathComponent(folder).path)
            let result = BuildPipeline(options: options).build()
            #expect(!result.succeeded)
            #expect(result.diagnostics.contains { $0.message.contains("cache folder") || $0.message.contains("the cache folder overlaps") },
                    "\(folder): \(result.diagnostics)")
        }
    }
}

/// The random edits of the property test, over a model of the site so each edit rewrites one file.
struct EditWalk {
    enum Kind: String, CaseIterable {
        case articleBody, articleProse, lessonProse, articleTitle, newArticle, deletedArticle, renamedArticle, glossaryDefinition, entryTitle,
             party, template, stylesheet, siteTitle
    }

    let site: FixtureSite
    private var random: SplitMix
    private var articles: [String: (title: String, body: [String])] = [:]
    private var nextArticle = 0
    private var definitions = ["A licence requirement for an *unlisted* item.", "An item with civil and military uses."]
    private var entryTitles = ["Information security items", "Chemical precursors"]
    private var parties = ["Zephyr Trading LLC", "Northwind Optics", "Severn Components"]
    private var siteTitle = "Test Portal"
    /// A deleted or renamed article that others still refer to: the next edit first mends their
    /// references (dropped, or pointed at the new name), as an author would after the build failed.
    private var broken: (old: String, new: String?)?
    /// An article given a second level-1 heading, which fails the build: the next edit removes it.
    private var twoTitles: String?
    private static let words = ["licence", "export", "catch-all control", "dual-use item", "5A002", "5A002.a", "1C350", "end user",
                                "consignee", "screening", "[[guidance:end-use-checks]]", "[[training:basics]]", "broker", "forwarder"]
    private static let templates = ["footer.mustache", "article.mustache", "referenced-in.mustache", "party-body.mustache",
                                    "entry.mustache", "glossary.mustache"]

    init(seed: UInt64) throws {
        site = try FixtureSite(SmallSite.files)
        random = SplitMix(seed: seed)
        for _ in 0..<6 { addArticle() }
        for slug in articles.keys { try writeArticle(slug) }
        try writeParties()
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }

    private mutating func sentence() -> String {
        let count = 4 + Int(random.next() % 8)
        return (0..<count).map { _ in pick(Self.words) }.joined(separator: " ").capitalizedFirst + "."
    }

    private mutating func addArticle() {
        let slug = "note-\(nextArticle)"
        nextArticle += 1
        articles[slug] = ("Note \(nextArticle) on \(pick(["brokers", "transit", "software", "samples"]))",
                          (0..<(1 + Int(random.next() % 3))).map { _ in sentence() })
        // Some notes refer to an earlier one, so deleting or renaming it can break the site.
        if let other = articles.keys.sorted().filter({ $0 != slug }).first, random.next() % 4 == 0 {
            articles[slug]!.body.append("See [[guidance:\(other)]].")
        }
    }

    private func writeArticle(_ slug: String) throws {
        let article = articles[slug]!
        try site.write("Content/guidance/\(slug).md", "---\ntitle: \(article.title)\n---\n\n" + article.body.joined(separator: "\n\n") + "\n")
    }

    private func writeGlossary() throws {
        try site.write("Content/glossary.yml", """
            terms:
              - term: Catch-all control
                id: catch-all
                definition: \(definitions[0])
                synonyms: [end-use control]
              - term: Dual-use item
                definition: \(definitions[1])

            """)
    }

    private func writeEntries() throws {
        let entries = try site.read("Content/controls/demo-list/entries.yml")
            .replacingOccurrences(of: #"(?m)^  - code: 5A002\n    title: .*$"#, with: "  - code: 5A002\n    title: \(entryTitles[0])", options: .regularExpression)
            .replacingOccurrences(of: #"(?m)^  - code: 1C350\n    title: .*$"#, with: "  - code: 1C350\n    title: \(entryTitles[1])", options: .regularExpression)
        try site.write("Content/controls/demo-list/entries.yml", entries)
    }

    private func writeParties() throws {
        try site.write("Content/parties/watch/list.yml", """
            id: watch
            title: Watch list
            authority: Test Authority
            version: "1"
            date: 2026-01-01
            format: native
            entries:

            """ + parties.enumerated().map { index, name in
                "  - id: W-\(index + 1)\n    name: \(name)\n    type: entity\n    countries: [AE]\n"
            }.joined())
    }

    /// Rewrites the articles that refer to `old`: to `new`, or without the reference.
    private mutating func mend(_ old: String, _ new: String?) throws {
        for slug in articles.keys.sorted() where articles[slug]!.body.contains(where: { $0.contains("[[guidance:\(old)]]") }) {
            articles[slug]!.body = articles[slug]!.body.compactMap { line in
                guard line.contains("[[guidance:\(old)]]") else { return line }
                return new.map { line.replacingOccurrences(of: "[[guidance:\(old)]]", with: "[[guidance:\($0)]]") }
            }
            try writeArticle(slug)
        }
    }

    /// Makes one random edit and returns its kind. A deleted or renamed article's references are
    /// mended at once half the time, else with the next edit, so some states fail to build; so does
    /// a second level-1 heading that a prose edit sometimes adds, removed by the next edit.
    mutating func edit() throws -> Kind {
        if let (old, new) = broken {
            try mend(old, new)
            broken = nil
        }
        if let slug = twoTitles {
            articles[slug]?.body.removeAll { $0 == "# Plainly wrong" }
            if articles[slug] != nil { try writeArticle(slug) }
            twoTitles = nil
        }
        let kind = pick(Kind.allCases)
        let slugs = articles.keys.sorted()
        switch kind {
        case .articleBody:
            let slug = pick(slugs)
            if articles[slug]!.body.count > 1 && random.next() % 2 == 0 {
                articles[slug]!.body.removeFirst()
            } else {
                articles[slug]!.body.append(sentence())
            }
            try writeArticle(slug)
        case .articleProse:
            // Words that are no term, code or link: only the article's own page, its search
            // documents and xref.json's positions change, unless the edit adds a heading.
            // Some words are new to the index, a few start a shard group of their own ("zy"), and
            // removing a paragraph can leave a word or a group with no document.
            let slug = pick(slugs)
            let words = ["check", "the", "order", "date", "before", "you", "ship", "keep", "a", "copy", "of", "every", "reply",
                         "word\(random.next() % 40)", "zy\(random.next() % 8)"]
            let prose = articles[slug]!.body.indices.filter { articles[slug]!.body[$0].hasPrefix("Plainly ") }
            if !prose.isEmpty && random.next() % 3 == 0 {
                articles[slug]!.body.remove(at: pick(prose))
            } else if random.next() % 6 == 0 {
                articles[slug]!.body.append("# Plainly wrong")
                twoTitles = slug
            } else {
                let paragraph = random.next() % 5 == 0 ? "## Step \(random.next() % 10)"
                    : "Plainly " + (0..<(3 + Int(random.next() % 6))).map { _ in pick(words) }.joined(separator: " ") + "."
                articles[slug]!.body.insert(paragraph, at: Int(random.next() % UInt64(articles[slug]!.body.count + 1)))
            }
            try writeArticle(slug)
        case .lessonProse:
            let file = "Content/training/basics/\(pick(["first-steps", "next-steps"])).md"
            var text = try site.read(file)
            if let paragraph = text.range(of: #"\nPlainly [^\n]*\n"#, options: .regularExpression), random.next() % 3 == 0 {
                text.removeSubrange(paragraph)
            } else {
                text += "\nPlainly " + (0..<(2 + Int(random.next() % 5))).map { _ in pick(["lesson", "word\(random.next() % 40)", "zy\(random.next() % 8)", "read"]) }
                    .joined(separator: " ") + ".\n"
            }
            try site.write(file, text)
        case .articleTitle:
            let slug = pick(slugs)
            articles[slug]!.title = "Note on \(pick(["brokers", "transit", "software", "samples", "visits"])) \(random.next() % 100)"
            try writeArticle(slug)
        case .newArticle:
            addArticle()
            try writeArticle("note-\(nextArticle - 1)")
        case .deletedArticle:
            guard slugs.count > 2 else { return try edit() }
            let slug = pick(slugs)
            articles[slug] = nil
            try site.remove("Content/guidance/\(slug).md")
            if random.next() % 2 == 0 { try mend(slug, nil) } else { broken = (slug, nil) }
        case .renamedArticle:
            let slug = pick(slugs), renamed = "renamed-\(nextArticle)"
            nextArticle += 1
            articles[renamed] = articles.removeValue(forKey: slug)
            try FileManager.default.moveItem(at: site.root.appendingPathComponent("Content/guidance/\(slug).md"),
                                             to: site.root.appendingPathComponent("Content/guidance/\(renamed).md"))
            if random.next() % 2 == 0 { try mend(slug, renamed) } else { broken = (slug, renamed) }
        case .glossaryDefinition:
            definitions[Int(random.next() % 2)] = sentence().replacingOccurrences(of: "[[", with: "").replacingOccurrences(of: "]]", with: "")
            try writeGlossary()
        case .entryTitle:
            entryTitles[Int(random.next() % 2)] = pick(["Security items", "Cryptography", "Precursors", "Chemicals", "Sensors"])
            try writeEntries()
        case .party:
            if parties.count > 1 && random.next() % 3 == 0 {
                parties.remove(at: Int(random.next() % UInt64(parties.count)))
            } else if random.next() % 2 == 0 {
                parties.append(pick(["Orion Freight", "Delta Machines", "Aurora Labs", "Kestrel Shipping"]))
            } else {
                parties[Int(random.next() % UInt64(parties.count))] = pick(["Zephyr Trading FZE", "Northwind Optics Ltd", "Severn Parts"])
            }
            try writeParties()
        case .template:
            let name = pick(Self.templates)
            try site.write("Templates/\(name)", try site.read("Templates/\(name)") + "<!-- edit \(random.next() % 1000) -->\n")
        case .stylesheet:
            try site.write("Public/style.css", try site.read("Public/style.css") + "/* edit \(random.next() % 1000) */\n")
        case .siteTitle:
            siteTitle = pick(["Test Portal", "Compliance Portal", "Export Desk"])
            try site.write("Content/site.yml", try site.read("Content/site.yml")
                .replacingOccurrences(of: #"(?m)^title: .*$"#, with: "title: \(siteTitle)", options: .regularExpression))
        }
        return kind
    }
}

private extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// `Digestible` values list their fields by hand for speed; a field left out would let a page be
/// reused after that field changed. For every such value on the sample portal's pages (the
/// bundled content, which has list history, parties, training and change pages), the names it
/// gives `ValueDigest.field` must be exactly the stored fields reflection finds.
@Suite struct DigestCompletenessTests {
    @Test func everyDigestibleValueOnTheSamplePagesListsEveryStoredField() throws {
        let repository = FixtureSite.repository
        let report = DiagnosticSink()
        let content = ContentFolder(url: repository.appendingPathComponent("Content"), displayPath: "Content")
        let loaded = ContentLoader(folder: content, report: report).load()
        let graph = try #require(ContentGraph.resolve(loaded, report: report))
        let assets = AssetManifest.load(from: ContentFolder(url: repository.appendingPathComponent("Public"), displayPath: "Public"),
                                        report: report)
        let templates = try #require(TemplateSet.load(from: ContentFolder(url: repository.appendingPathComponent("Templates"),
                                                                           displayPath: "Templates"), assets: assets, report: report))
        let pages = PortalRenderer(graph: graph, templates: templates, assets: assets, baseURL: graph.site.baseURL, buildDate: nil).pages()
        var checked: [String: Int] = [:]
        func visit(_ value: Any, depth: Int) {
            guard depth < 40 else { return }
            let mirror = Mirror(reflecting: value)
            if let digestible = value as? Digestible, mirror.displayStyle == .struct {
                var digest = ValueDigest()
                digest.labels = []
                digestible.digest(into: &digest)
                let stored = mirror.children.map { $0.label ?? "" }
                #expect(digest.labels == stored, "\(type(of: value)) lists \(digest.labels ?? []) but stores \(stored)")
                checked["\(type(of: value))", default: 0] += 1
            }
            for child in mirror.children { visit(child.value, depth: depth + 1) }
        }
        for page in pages { visit(page, depth: 0) }
        // The types every page holds were met, so the check above ran on them.
        for name in ["Page", "ArticleValues", "GuidanceArticle", "MarkdownSource", "RenderedMarkdown", "MarkdownHeading",
                     "ReferrerRow", "ReferrerGroup", "ArticleSummary", "PartyValues", "PartyRecord", "SourceLocation", "CitedID"] {
            #expect(checked[name, default: 0] > 0, "no \(name) on the sample pages: \(checked.keys.sorted())")
        }
    }
}
