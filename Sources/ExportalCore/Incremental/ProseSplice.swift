import ExportalDomain
import ExportalMarkdown
import Foundation

/// `serve`'s rebuild after an edit that stays inside the prose of guidance articles or training
/// lessons: the commonest edit while writing. When a page's front matter, headings and references
/// are what the last good build had, no other page can show the difference: titles, summaries and
/// tags come from the front matter; "Referenced in" lists, backlink listings and anchors from the
/// references and headings. Only the texts' own pages, their search documents and `xref.json`
/// (which records where each reference is) change, and only those are made again, from the last
/// good build's resolved graph, templates and assets (`SpliceBasis`).
///
/// Anything else, or any diagnostic on the way, and the edit is not spliced: the caller builds as
/// usual, which gives the same bytes, only later. `IncrementalBuildTests` compares each spliced
/// rebuild with a clean build.
struct ProseSplice {
    /// A text whose page shows its body alone: an article, or a lesson of a module; both versions.
    enum Text {
        case article(old: GuidanceArticle, new: GuidanceArticle)
        case lesson(module: String, old: Lesson, new: Lesson)

        var oldBody: MarkdownSource {
            switch self {
            case .article(let old, _): old.body
            case .lesson(_, let old, _): old.body
            }
        }

        var newBody: MarkdownSource {
            switch self {
            case .article(_, let new): new.body
            case .lesson(_, _, let new): new.body
            }
        }

        var title: String {
            switch self {
            case .article(_, let new): new.title
            case .lesson(_, _, let new): new.title
            }
        }

        var page: String {
            switch self {
            case .article(_, let new): PortalPaths.article(new.slug)
            case .lesson(let module, _, let new): PortalPaths.lesson(module: module, new.slug)
            }
        }

        var kind: PageRef.Kind {
            if case .article = self { .guidance } else { .lesson }
        }

        /// Every field but the body's text is the same in both: the front matter as parsed and
        /// where the body starts. False when either cannot be read whole.
        var sameFrontMatter: Bool {
            let (old, new): (Any, Any) = switch self {
            case .article(let old, let new): (old, new)
            case .lesson(_, let old, let new): (old, new)
            }
            guard let before = ProseSplice.frontMatter(of: old, body: oldBody) else { return false }
            return before == ProseSplice.frontMatter(of: new, body: newBody)
        }
    }

    /// One edited text: both versions, its body rendered and linked again, and the references
    /// from its page in `CrossReferences` order.
    struct Edit {
        let text: Text
        let rendered: RenderedMarkdown
        /// Where the references from the text's page are in the graph's `all` and `xref.json`'s rows.
        let rows: Range<Int>
        let references: [CrossReference]
    }

    let options: BuildOptions
    let basis: SpliceBasis

    /// The content folder's path as the watcher names the files in it, with a final `/`.
    private var contentRoot: String { options.content.standardizedFileURL.path + "/" }

    /// The portal after the edits to `changed` (paths as the watcher names them), or nil when the
    /// change is not one this can apply. Once it can, takes `basis`'s parts and changes them in
    /// place (copying them cost as much as the rest of the splice): the earlier portal cannot be
    /// spliced into again.
    func apply(_ changed: [String], to earlier: RenderedPortal) -> RenderedPortal? {
        guard let memo = earlier.memo, let memos = earlier.memos, earlier.result.succeeded, !changed.isEmpty,
              let edits = basis.read().flatMap({ parts in edits(changed, in: parts) }),
              var parts = basis.take()
        else { return nil }
        // Each edited article's search documents, where the last build had them: the article, then
        // one per section. The same headings give as many again.
        var ranges: [(range: Range<Int>, old: [SearchDocument])] = []
        for edit in edits {
            let path = edit.text.page, documents = parts.documents
            guard let start = documents.firstIndex(where: { $0.path == path }) else { return nil }
            var end = start + 1
            while end < documents.count && documents[end].path.hasPrefix(path + "#") { end += 1 }
            ranges.append((start..<end, Array(documents[start..<end])))
        }
        guard parts.graph.splice(edits) else { return nil }
        let graph = parts.graph
        let renderer = PortalRenderer(graph: graph, templates: parts.templates, assets: parts.assets, baseURL: parts.baseURL,
                                      buildDate: parts.buildDate, keys: true)
        var files = earlier.files, pages = memo
        let search = SearchDocuments(graph: graph)
        for (edit, (range, old)) in zip(edits, ranges) {
            let page: Page, made: [SearchDocument]
            switch edit.text {
            case .article(_, let new):
                guard let article = graph.article(slug: new.slug) else { return nil }
                page = GuidancePages(graph: graph).articlePage(article)
                made = search.article(article)
            case .lesson(let id, _, let new):
                guard let module = graph.modules.first(where: { $0.id == id }),
                      let index = module.lessons.firstIndex(where: { $0.slug == new.slug }) else { return nil }
                page = TrainingPages(graph: graph).lessonPage(module, index: index)
                made = [search.lesson(module.lessons[index], of: module)]
            }
            let (file, entry) = renderer.renderOne(page)
            files[file.path] = file.data
            pages.pages[file.path] = entry
            guard made.count == range.count else { return nil }
            parts.documents.replaceSubrange(range, with: made)
            guard let (removed, added) = parts.search.replace(range, old: old[...], new: made, in: parts.documents) else { return nil }
            for path in removed { files[path] = nil }
            for file in added { files[file.path] = file.data }
            if !edit.rows.isEmpty {
                guard parts.xref.relocate(rows: edit.rows, to: edit.references.map(\.location)) else { return nil }
            }
        }
        files["xref.json"] = parts.xref.data
        var counts = earlier.counts
        counts.reused += counts.rendered - edits.count
        counts.rendered = edits.count
        counts.linked = edits.count
        return RenderedPortal(result: earlier.result, files: files, checklists: [:], listFiles: earlier.listFiles, memo: pages,
                              memos: memos, counts: counts, basis: SpliceBasis(parts), spliced: true)
    }

    /// The edits of the articles at `changed`, when each is one that no other page can show.
    private func edits(_ changed: [String], in parts: SpliceBasis.Parts) -> [Edit]? {
        var edits: [Edit] = []
        for path in Set(changed).sorted() {
            if isForeignAndGone(path) { continue }
            guard let edit = edit(at: path, in: parts) else { return nil }
            edits.append(edit)
        }
        return edits.isEmpty ? nil : edits
    }

    /// A file straight in the guidance folder or a module's folder that no build would have taken
    /// there, and that is gone (an editor's temporary file, such as vim's `4913`): it changes
    /// nothing, since the last good build would have refused it had it been there then. Module
    /// files (`module.yml`, `quiz.yml`), folders and anything elsewhere are not foreign.
    private func isForeignAndGone(_ path: String) -> Bool {
        guard path.hasPrefix(contentRoot), !path.hasSuffix(".md") else { return false }
        let parts = path.dropFirst(contentRoot.count).split(separator: "/", omittingEmptySubsequences: false)
        let foreign = switch (parts.count, parts.first) {
        case (2, "guidance"): true
        case (3, "training"): !["module.yml", "quiz.yml"].contains(parts[2])
        default: false
        }
        return foreign && !FileManager.default.fileExists(atPath: path)
    }

    /// The edit of the article or lesson at `path`, when it is one that no other page can show.
    private func edit(at path: String, in parts: SpliceBasis.Parts) -> Edit? {
        let graph = parts.graph
        let root = contentRoot
        let relative = path.hasPrefix(root) ? path.dropFirst(root.count).split(separator: "/", omittingEmptySubsequences: false) : []
        guard path.hasSuffix(".md"), let name = relative.last else { return nil }
        let slug = String(name.dropLast(".md".count))
        // Read and parsed as a build reads it; any diagnostic sends the edit to a full build.
        let report = DiagnosticSink()
        let folder = ContentFolder(url: options.content, displayPath: options.contentDisplay)
        let text: Text, oldRendered: RenderedMarkdown
        switch (relative.count, relative.first) {
        case (2, "guidance"):
            guard let old = graph.article(slug: slug), !parts.diagnosedFiles.contains(old.article.body.file),
                  let new = ContentLoader(folder: folder, report: report, buildDate: options.buildDate).loadArticle(String(name))
            else { return nil }
            text = .article(old: old.article, new: new)
            oldRendered = old.body
        case (3, "training"):
            let id = String(relative[1])
            guard let module = graph.modules.first(where: { $0.id == id }), let old = module.lessons.first(where: { $0.slug == slug }),
                  !parts.diagnosedFiles.contains(old.lesson.body.file),
                  let new = TrainingLoader(folder: folder, id: id, report: report).loadLesson(slug)
            else { return nil }
            text = .lesson(module: id, old: old.lesson, new: new)
            oldRendered = old.body
        default:
            return nil
        }
        guard report.report.diagnostics.isEmpty, text.sameFrontMatter else { return nil }
        // Linked as `ContentGraph.resolve` links it, as the page the old references came from.
        let rows = graph.references.range(from: text.page)
        let oldReferences = graph.references.all[rows]
        let source = oldReferences.first?.source ?? PageRef(path: text.page, title: text.title, kind: text.kind)
        let tables = graph.linking.value
        let session = LinkSession(targets: tables.targets, report: report, contentDisplayPath: graph.contentDisplayPath)
        var stage = MarkdownStage(allowRawHTML: graph.site.allowRawHTML, report: report)
        var linker = CrossLinker(session: session, state: PageLinkState(page: source), source: text.newBody)
        let rendered = stage.render(text.newBody, title: text.title, linker: &linker)
        session.checkFragments(anchors: tables.anchors, report: report)
        guard report.report.diagnostics.isEmpty else { return nil }
        guard rendered.headings.map(Self.outline) == oldRendered.headings.map(Self.outline) else { return nil }
        let related = Array(oldReferences.filter { $0.via == .related })
        let body = LinkSession.references(of: [session])
        let oldBody = oldReferences.filter { $0.via != .related }
        guard body.count == oldBody.count, zip(body, oldBody).allSatisfy(Self.sameTarget) else { return nil }
        // Front matter (`related:`) comes before the body in the file, so its references come first.
        return Edit(text: text, rendered: rendered, rows: rows, references: related + body)
    }

    /// What other pages can see of a heading: its level, text and anchor (not where it is).
    private static func outline(_ heading: MarkdownHeading) -> String { "\(heading.level) \(heading.anchor) \(heading.text)" }

    private static func sameTarget(_ a: CrossReference, _ b: CrossReference) -> Bool {
        a.via == b.via && a.target.kind == b.target.kind && a.target.id == b.target.id && a.target.page == b.target.page
            && a.target.anchor == b.target.anchor && a.target.title == b.target.title && a.target.tooltip == b.target.tooltip
    }

    /// Every field of an article or lesson but its body's text, as a fingerprint: the front matter
    /// as parsed and where the body starts. Nil when it cannot be read whole.
    static func frontMatter(of value: Any, body: MarkdownSource) -> Fingerprint? {
        var digest = ValueDigest()
        for field in Mirror(reflecting: value).children where field.label != "body" {
            digest.add(field.label ?? "")
            digest.add(any: field.value)
        }
        digest.add(body.file)
        digest.add(body.firstLine)
        digest.add(body.indent)
        return digest.isComplete ? digest.fingerprint : nil
    }
}

/// What `ProseSplice` needs of the last good render: its resolved graph, the templates and assets
/// it rendered with, what its search index was built from and the index itself, and `xref.json`.
/// A splice takes the parts (once) and changes them in place.
package final class SpliceBasis: @unchecked Sendable {
    struct Parts {
        var graph: ContentGraph
        let templates: TemplateSet
        let assets: AssetManifest
        let baseURL: String
        let buildDate: String?
        var documents: [SearchDocument]
        var search: SearchIndexState
        var xref: XrefFile
        /// Files with a diagnostic in that build: an edit to one is built whole, so its diagnostics
        /// come and go as a build's would.
        let diagnosedFiles: Set<String>
    }

    private let lock = NSLock()
    private var parts: Parts?

    init(_ parts: Parts) {
        self.parts = parts
    }

    /// The parts, to read (without changing them) whether an edit can be spliced.
    func read() -> Parts? {
        lock.withLock { parts }
    }

    /// The parts, to the first caller; nil after that.
    func take() -> Parts? {
        lock.withLock {
            defer { parts = nil }
            return parts
        }
    }
}
