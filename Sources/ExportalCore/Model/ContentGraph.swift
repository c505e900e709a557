import ExportalDomain
import ExportalMarkdown

/// The loaded, validated and fully resolved content. Rendering reads only from here and
/// never discovers a problem of its own.
package struct ContentGraph: Sendable {
    let site: SiteConfig
    /// Published articles (drafts removed), sorted by slug.
    private(set) var articles: [ResolvedArticle]
    /// Sorted by id.
    let lists: [ResolvedList]
    /// Sorted by id.
    private(set) var modules: [ResolvedModule]
    /// Sorted by term, case-insensitively.
    let glossary: [ResolvedTerm]
    /// PRIVATE. Kept for checks and for the checklist output; the portal renderer never reads it.
    let exporters: [ExporterProfile]
    /// Every reference between pages, in source order.
    package private(set) var references: CrossReferences
    /// Resolved `related:` lists, by page path.
    let related: [String: [LinkTarget]]
    /// Licensing rulesets from rules/, for determinations and checklists.
    let rulesets: [Ruleset]
    /// Restricted-party lists from parties/, sorted by id.
    let partyLists: [PartyList]
    /// The content folder as diagnostics name it; published files name sources relative to it.
    let contentDisplayPath: String
    /// What linking read, kept so that `serve` can link an edited article again without resolving
    /// the rest (`ProseSplice`): every target, and the anchors each page has. Read only, once made.
    let linking: Unchecked<LinkingTables>

    /// The published article with this slug (`articles` is sorted by slug).
    func article(slug: String) -> ResolvedArticle? { articleIndex(slug: slug).map { articles[$0] } }

    private func articleIndex(slug: String) -> Int? {
        let index = articles.partitionPoint { $0.slug < slug }
        return index < articles.count && articles[index].slug == slug ? index : nil
    }

    /// Validates references between files and renders every Markdown text once, linked for the page it appears on.
    /// With a `memo` (`serve`), a page whose texts and targets are as the last build had them is
    /// not linked again (`LinkMemo`).
    package static func resolve(_ content: ContentSet, report: DiagnosticSink, memo: LinkMemo? = nil) -> ContentGraph? {
        guard let site = content.site else { return nil }
        let targets = LinkTargets(content)
        let glossary = content.glossary.sorted { ($0.term.lowercased(), $0.id) < ($1.term.lowercased(), $1.id) }
        let plan = PagePlan(content: content, glossary: glossary)
        // The glossary page is linked first, while term targets have no tooltip: each term it links
        // to is defined on that page. The first sentence of each definition as linked there is then
        // the tooltip every other page shows, so a definition is rendered once.
        let glossaryPage = plan.pages.firstIndex { $0.ref.kind == .glossary }
        let others = glossaryPage.map { [0..<$0, ($0 + 1)..<plan.pages.count] } ?? [plan.pages.indices]
        var runs = glossaryPage.map { page in
            linkRuns(plan.pages, in: [page..<(page + 1)], targets: targets, content: content, allowRawHTML: site.allowRawHTML, memo: memo)
        } ?? []
        if case .glossary(let terms)? = runs.first?.resolved.first {
            targets.shortDefinitions = Dictionary(terms.map { ($0.id, firstSentence($0.definition.plainText)) }) { _, last in last }
        }
        runs += linkRuns(plan.pages, in: others, targets: targets, content: content, allowRawHTML: site.allowRawHTML, memo: memo)
        runs.sort { $0.pages.lowerBound < $1.pages.lowerBound }
        for run in runs { report.add(run.report.report) }
        let session = LinkSession(targets: targets, report: report, contentDisplayPath: content.displayPath)
        var related: [String: [LinkTarget]] = [:]
        for page in plan.pages where page.published && !page.related.isEmpty {
            related[page.ref.path] = page.related.compactMap { text, location in
                switch targets.resolve(text, preferredList: page.list) {
                case .success(let target):
                    session.record(CrossReference(source: page.ref, location: location, target: target, via: .related))
                    return target
                case .failure(.message(let message, let hint, let kind)):
                    report.error(location, message, hint: hint, refersTo: kind)
                    return nil
                }
            }
        }
        let sessions = runs.map(\.session) + [session]
        var anchors: [String: Set<String>] = [:]
        for run in runs { anchors.merge(run.session.anchors) { $0.union($1) } }
        for checked in sessions { checked.checkFragments(anchors: anchors, report: report) }
        guard !report.hasErrors else { return nil }
        var assembly = Assembly()
        for run in runs {
            for (page, resolved) in zip(plan.pages[run.pages], run.resolved) where page.published { assembly.add(resolved) }
        }
        return ContentGraph(
            site: site, articles: assembly.articles, lists: assembly.lists, modules: assembly.modules, glossary: assembly.glossary,
            exporters: content.exporters,
            references: CrossReferences(inOrder: LinkSession.references(of: sessions)), related: related, rulesets: content.rulesets.map(\.ruleset),
            partyLists: content.partyLists.sorted { $0.id < $1.id }, contentDisplayPath: content.displayPath,
            linking: Unchecked(LinkingTables(targets: targets, anchors: anchors)))
    }

    /// Some articles' or lessons' bodies edited, in place: each replaced by its new version with its
    /// body's rendering, `rendered`, and the references from its page by `references`, the same ones at
    /// new positions. The caller has checked that nothing another page shows changed. False when an
    /// article or its references are not where this graph has them; the graph is then to be dropped.
    mutating func splice(_ edits: [ProseSplice.Edit]) -> Bool {
        for edit in edits {
            switch edit.text {
            case .article(let old, let new):
                guard let index = articleIndex(slug: old.slug) else { return false }
                articles[index] = ResolvedArticle(article: new, body: edit.rendered)
            case .lesson(let id, let old, let new):
                guard let module = modules.firstIndex(where: { $0.id == id }),
                      let index = modules[module].lessons.firstIndex(where: { $0.slug == old.slug }) else { return false }
                modules[module].lessons[index] = ResolvedLesson(lesson: new, body: edit.rendered)
            }
            guard edit.rows.isEmpty || references.relocate(edit.rows, to: edit.references) else { return false }
        }
        return true
    }

    /// What one run of pages left: its session, its diagnostics, and the content of each of its
    /// pages with their texts rendered.
    private struct LinkedRun {
        let pages: Range<Int>
        let session: LinkSession
        let report: DiagnosticSink
        let resolved: [PageContent.Resolved]
    }

    /// Renders and links the pages of `plan` in `ranges` on every core, in runs of consecutive pages,
    /// each with a session and a diagnostic sink of its own (merged in page order by the caller).
    /// With a `memo`, a page is taken from it where it can be and recorded in it otherwise.
    private static func linkRuns(_ pages: [PagePlan.PlannedPage], in ranges: [Range<Int>], targets: LinkTargets, content: ContentSet,
                                 allowRawHTML: Bool, memo: LinkMemo?) -> [LinkedRun] {
        // Enough runs that a long list does not leave a core idle at the end.
        let size = max(16, pages.count / 64)
        let bounds = ranges.flatMap { range in
            stride(from: range.lowerBound, to: range.upperBound, by: size).map { $0..<min($0 + size, range.upperBound) }
        }
        let display = content.displayPath
        let build = memo.map { _ in LinkMemo.Build(targets: targets, allowRawHTML: allowRawHTML, contentDisplayPath: display) }
        func link(_ index: Int) -> LinkedRun {
            let report = DiagnosticSink()
            let session = LinkSession(targets: targets, report: report, contentDisplayPath: display)
            var stage = MarkdownStage(allowRawHTML: allowRawHTML, report: report)
            /// The page's content with its texts rendered and linked, in reading order, and those
            /// texts in that order. With `kept` (a page the memo gave back, its texts adopted into
            /// `stage`), the texts `stage` has already are taken as they are.
            func linkPage(_ page: PagePlan.PlannedPage, kept: Bool = false) -> (texts: [RenderedMarkdown], content: PageContent.Resolved) {
                let state = PageLinkState(page: page.ref, published: page.published, preferredList: page.list)
                var texts: [RenderedMarkdown] = []
                let content = page.content.resolved { part in
                    if kept, let text = stage.rendered(part.source) {
                        texts.append(text)
                        return text
                    }
                    state.ownTerm = part.ownTerm
                    var linker = CrossLinker(session: session, state: state, source: part.source)
                    let text = stage.render(part.source, title: part.title, linker: &linker)
                    texts.append(text)
                    return text
                }
                return (texts, content)
            }
            var resolved: [PageContent.Resolved] = []
            // Whether each target object of the last build looks the same in this one.
            var looks: [ObjectIdentifier: Bool] = [:]
            for page in pages[bounds[index]] {
                let rendered: [RenderedMarkdown], content: PageContent.Resolved
                if let memo, let build, page.published {
                    // The content made when the memo has no page to give back.
                    var made: PageContent.Resolved?
                    let (linked, reused) = memo.page(page.ref.path, key: LinkMemo.key(of: page, in: build), reusable: { kept in
                        kept.reusable { build.shows($0, looks: &looks) } && !page.sources.contains { stage.has($0.source) }
                    }) {
                        let mark = session.mark, reported = report.report.diagnostics.count
                        let shared = page.sources.contains { stage.has($0.source) }
                        let rendered: [RenderedMarkdown]
                        (rendered, made) = linkPage(page)
                        let references = session.references(since: mark)
                        let diagnostics = Array(report.report.diagnostics[reported...])
                        return LinkedPage(rendered: rendered, references: references, fragments: session.fragmentChecks(since: mark),
                                          diagnostics: diagnostics, targets: LinkedPage.targets(of: references),
                                          keepable: !shared && !diagnostics.contains { $0.severity == .error })
                    }
                    if reused {
                        for (part, text) in zip(page.sources, linked.rendered) { stage.adopt(text, for: part.source) }
                        session.replay(linked.references, from: page.ref, fragments: linked.fragments)
                        var kept = DiagnosticReport()
                        kept.add(contentsOf: linked.diagnostics)
                        report.add(kept)
                    }
                    rendered = linked.rendered
                    content = made ?? linkPage(page, kept: true).content
                } else {
                    memo?.noteLinked(page.ref.path)
                    (rendered, content) = linkPage(page)
                }
                resolved.append(content)
                if page.published {
                    session.anchors[page.ref.path, default: []].formUnion(page.anchors.union(rendered.flatMap { $0.headings.map(\.anchor) }))
                }
            }
            return LinkedRun(pages: bounds[index], session: session, report: report, resolved: resolved)
        }
        let work = Unchecked(link)
        return inParallel(bounds.count) { work.value($0) }
    }

    /// Up to the first full stop that ends a sentence, capped at 200 characters on a word boundary.
    static func firstSentence(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var sentence = flat
        if let end = flat.range(of: ". ") { sentence = String(flat[..<end.lowerBound]) + "." }
        guard sentence.count > 200 else { return sentence }
        let cut = sentence.prefix(200)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + "…"
    }
}

/// What linking read: every target a reference can resolve to, and the anchors each published
/// page has (headings and structural ids), by page path.
final class LinkingTables {
    let targets: LinkTargets
    let anchors: [String: Set<String>]

    init(targets: LinkTargets, anchors: [String: Set<String>]) {
        self.targets = targets
        self.anchors = anchors
    }
}

/// Renders Markdown through cmark-gfm once per text and checks the heading structure:
/// the page title is the only h1, so a level-1 heading in a body is an error, and so is a link
/// or raw HTML that the renderer refuses to publish (`MarkdownProblem`).
struct MarkdownStage {
    let allowRawHTML: Bool
    let report: DiagnosticSink
    /// Each text rendered so far, by where it starts.
    private var rendered: [TextPlace: RenderedMarkdown] = [:]

    init(allowRawHTML: Bool, report: DiagnosticSink) {
        self.allowRawHTML = allowRawHTML
        self.report = report
    }

    mutating func render(_ source: MarkdownSource, title: String? = nil, linker: inout CrossLinker) -> RenderedMarkdown {
        if let done = rendered[source.place] { return done }
        let result = MarkdownRenderer.render(source.text, options: MarkdownOptions(allowRawHTML: allowRawHTML, leadingTitle: title),
                                             linker: &linker)
        for heading in result.headings where heading.level == 1 {
            report.error(source.location(line: heading.line, column: heading.column),
                         "level-1 heading '\(heading.text)' in the body: the title is the page's only h1",
                         hint: "use '##' for sections")
        }
        for problem in result.problems {
            report.error(source.location(line: problem.line, column: problem.column), problem.message, hint: problem.hint)
        }
        rendered[source.place] = result
        return result
    }

    /// Whether `source` was rendered by this stage already.
    func has(_ source: MarkdownSource) -> Bool { rendered[source.place] != nil }

    /// `source` as this stage rendered it, if it did.
    func rendered(_ source: MarkdownSource) -> RenderedMarkdown? { rendered[source.place] }

    /// `source` as an earlier build rendered it (`LinkMemo`, which reports again what it reported).
    mutating func adopt(_ result: RenderedMarkdown, for source: MarkdownSource) {
        rendered[source.place] = result
    }
}
