import ExportalDomain
import Foundation

public typealias ExportalDiagnostic = Diagnostic

/// How a portal is made: the stages below, in order, each reading what the earlier ones left in
/// `BuildState`. Files are read and checked on their own, then against each other, before any
/// page is rendered; nothing is written unless every stage before `RenderPortal` finished
/// without an error, and nothing published unless every stage before `Publish` did. `check` stops
/// before rendering.
public struct BuildPipeline {
    public let options: BuildOptions

    package static let stages: [any BuildStage] = [
        CheckOptions(),    // folders exist and may be replaced; outputs locked, an interrupted build finished
        LoadContent(),     // every content file read and validated on its own
        ResolveContent(),  // references between files checked; Markdown rendered and linked once
        LoadTemplates(),   // Public/ hashed; templates parsed and checked against each other
        RenderPortal(),    // pages, sitemap, search, assets, staged as made; the private checklists beside them
        Publish(),         // portal and checklists staged, then swapped into place together
    ]

    public init(options: BuildOptions) {
        self.options = options
    }

    public func build() -> BuildResult { run(.publish).result }
    public func check() -> BuildResult { run(.check).result }

    /// The portal rendered in memory, for `exportal serve`: every stage but `Publish`, and nothing
    /// written or locked. The checklists are rendered only when `checklists` is set.
    /// Pages whose context is the same as in `earlier` (the last good render) are taken from it.
    /// `changed`, the source files changed since `earlier` (as the watcher names them), lets an
    /// edit inside articles' bodies be spliced into `earlier` without building (`ProseSplice`).
    public func render(checklists: Bool = false, after earlier: RenderedPortal? = nil, changed: [String]? = nil) -> RenderedPortal {
        if !checklists, let earlier, let basis = earlier.basis, let changed,
           let spliced = ProseSplice(options: options, basis: basis).apply(changed, to: earlier) {
            return spliced
        }
        var reuse: PageReuse?
        if let earlier, let memo = earlier.memo {
            let files = earlier.files
            reuse = PageReuse(memo: memo) { files[$0] }
        }
        let memos = BuildMemos(after: earlier?.memos)
        let state = run(.render(checklists: checklists), reuse: reuse, memos: memos)
        memos.settle()
        let succeeded = !state.report.hasErrors
        var rendered = RenderedPortal(result: state.result,
                                      files: Dictionary(state.portal.map { ($0.path, $0.data) }) { $1 },
                                      checklists: Dictionary(state.checklists.map { ($0.path, $0.data) }) { $1 },
                                      listFiles: state.loaded?.partyLists.flatMap(\.files) ?? [],
                                      memo: succeeded ? state.memo : nil, memos: memos, counts: state.counts)
        if succeeded, !checklists, let graph = state.graph, let templates = state.templates, let assets = state.assets,
           let search = state.search, let xref = state.xref {
            rendered.basis = SpliceBasis(SpliceBasis.Parts(
                graph: graph, templates: templates, assets: assets, baseURL: options.baseURL ?? graph.site.baseURL,
                buildDate: options.buildDate, documents: state.documents, search: search, xref: xref,
                diagnosedFiles: Set(state.report.report.diagnostics.map(\.file))))
        }
        return rendered
    }

    /// Replaces `options.checklists` with the checklists of `rendered` (from `render(checklists:
    /// true)`), as a build replaces it: the folder must be exportal's or empty and apart from every
    /// source folder, and is swapped whole. No PDFs are printed. For `exportal serve --checklists`;
    /// returns what went wrong, nothing when the checklists were written.
    public func publishChecklists(of rendered: RenderedPortal) -> [Diagnostic] {
        let report = DiagnosticSink()
        let checklists = options.checklists
        if !Self.reportSourceOverlaps(of: RealPath.of(checklists.path), named: "checklists", options: options, report: report) {
            let files = rendered.checklists.keys.sorted().map { OutputFile(path: $0, data: rendered.checklists[$0]!) }
            do {
                try OutputWriter(destination: checklists).publish(files, reuseUnchanged: false)
            } catch {
                report.error(SourceLocation(file: options.checklistsDisplay, line: 1, column: 1), "\(error)")
            }
        }
        return report.report.sorted
    }

    private func run(_ goal: BuildState.Goal, reuse: PageReuse? = nil, memos: BuildMemos? = nil) -> BuildState {
        var state = BuildState(options: options, goal: goal)
        state.reuse = reuse
        state.memos = memos
        // Held until the build returns: no other build publishes into these folders meanwhile.
        defer { state.lock?.release() }
        let stages = Self.stages.filter { goal.runs($0) }
        for (number, stage) in stages.enumerated() {
            if stage.needsCleanReport && state.report.hasErrors { break }
            options.progress?.enter(stage: number + 1, of: stages.count, name: stage.name)
            stage.run(&state)
        }
        return state
    }
}

/// One step of `BuildPipeline`: it reads what earlier stages left in the state and adds its own.
package protocol BuildStage: Sendable {
    /// What the stage does, for the progress line: "Loading content".
    var name: String { get }
    /// Skipped unless every earlier stage finished without an error.
    var needsCleanReport: Bool { get }
    /// Only a build runs it, not `check`.
    var writes: Bool { get }
    func run(_ state: inout BuildState)
}

/// What the stages of one build hand on to each other.
package struct BuildState {
    /// How far a run goes: `check` stops before rendering, `render` before publishing.
    package enum Goal {
        case check
        case render(checklists: Bool)
        case publish

        func runs(_ stage: any BuildStage) -> Bool {
            switch self {
            case .check: !stage.writes
            case .render: !(stage is Publish)
            case .publish: true
            }
        }
    }

    let options: BuildOptions
    let goal: Goal
    /// Whether the output folders are validated and locked: only when this run publishes.
    var write: Bool { if case .publish = goal { true } else { false } }
    /// `render` for the portal alone leaves the private checklists out.
    var rendersChecklists: Bool { if case .render(false) = goal { false } else { true } }
    let report = DiagnosticSink()
    let content: ContentFolder
    let templateFolder: ContentFolder
    let publicFolder: ContentFolder
    var destinations: BuildPipeline.Destinations?
    var lock: PublishLock?
    var loaded: ContentSet?
    var graph: ContentGraph?
    var assets: AssetManifest?
    var templates: TemplateSet?
    /// The portal's files in memory: `serve`'s, or a build's were it not staged (`staging`).
    var portal: [OutputFile] = []
    /// The path of every portal file, staged or not.
    var portalPaths: [String] = []
    var checklists: [OutputFile] = []
    /// An earlier render's pages that this one may reuse, and what this one leaves for the next.
    var reuse: PageReuse?
    var memo: RenderMemo?
    /// Whether a later render will read `memo`: `serve`'s renders and `build --incremental`. A
    /// plain build or check makes no page keys.
    var keepsMemo: Bool {
        if case .render = goal { return true }
        return options.cache != nil
    }
    /// `serve`: the articles the last build parsed and the search blocks it tokenised.
    var memos: BuildMemos?
    var counts = RenderCounts()
    /// `serve`: what the search index was built from.
    var documents: [SearchDocument] = []
    var search: SearchIndexState?
    var xref: XrefFile?
    /// A build: the portal's staging folder, holding every portal file once rendering is done.
    var staging: StagingFolder?
    var published = false

    init(options: BuildOptions, goal: Goal) {
        self.options = options
        self.goal = goal
        content = ContentFolder(url: options.content, displayPath: options.contentDisplay)
        templateFolder = ContentFolder(url: options.templates, displayPath: options.templatesDisplay)
        publicFolder = ContentFolder(url: options.publicAssets, displayPath: options.publicDisplay)
    }

    var result: BuildResult {
        var result = BuildResult(diagnostics: report.report.sorted,
                                 pagesWritten: published ? portalPaths.filter { $0.hasSuffix(".html") }.count : 0,
                                 filesWritten: published ? portalPaths.count : 0)
        if published { result.checklistsWritten = graph?.exporters.count ?? 0 }
        result.counts = counts
        return result
    }

    /// An error about an output folder, reported at the folder.
    func outputError(_ error: Error) {
        report.error(SourceLocation(file: options.output.path, line: 1, column: 1), "\(error)")
    }
}

/// The folders exist and the output folders are exportal's to replace and overlap no source;
/// then both output folders are locked, and what an interrupted build left beside them is
/// finished or removed (`Publication.recover`). What an interrupted build left is finished even
/// when this one stops at its options.
struct CheckOptions: BuildStage {
    var name: String { "Checking options" }
    var needsCleanReport: Bool { false }
    var writes: Bool { false }

    func run(_ state: inout BuildState) {
        state.destinations = BuildPipeline.validateOptions(state.options, content: state.content, write: state.write,
                                                           report: state.report)
        guard let destinations = state.destinations else { return }
        do {
            state.lock = try PublishLock([destinations.portal, destinations.checklists])
            try Publication.recover([destinations.portal, destinations.checklists])
        } catch {
            state.outputError(error)
            return
        }
        // Read while the portal is locked, so no other build replaces it in between.
        if let cache = state.options.cache {
            state.reuse = RenderCache.read(from: cache, portal: destinations.portal.url)
        }
    }
}

/// Every content file read and validated on its own (`ContentLoader`).
struct LoadContent: BuildStage {
    var name: String { "Loading content" }
    var needsCleanReport: Bool { true }
    var writes: Bool { false }

    func run(_ state: inout BuildState) {
        state.loaded = ContentLoader(folder: state.content, report: state.report, buildDate: state.options.buildDate,
                                     articles: state.memos?.articles).load()
    }
}

/// References between files checked and every Markdown text rendered once, linked for its page.
/// Runs after errors of the load too, so one build reports both kinds.
struct ResolveContent: BuildStage {
    var name: String { "Resolving references" }
    var needsCleanReport: Bool { false }
    var writes: Bool { false }

    func run(_ state: inout BuildState) {
        guard let loaded = state.loaded else { return }
        state.graph = ContentGraph.resolve(loaded, report: state.report, memo: state.memos?.links)
        state.counts.linked = state.memos?.links.linkedCount
    }
}

/// Public/ hashed and the templates parsed and cross-checked, whatever the content's state, so a
/// template error is reported in the same build as a content error.
struct LoadTemplates: BuildStage {
    var name: String { "Loading templates" }
    var needsCleanReport: Bool { false }
    var writes: Bool { false }

    func run(_ state: inout BuildState) {
        guard state.loaded != nil else { return }
        let assets = AssetManifest.load(from: state.publicFolder, report: state.report)
        state.assets = assets
        state.templates = TemplateSet.load(from: state.templateFolder, assets: assets, report: state.report)
    }
}

/// The portal's files and the private checklists, in memory. The two are independent, and much of
/// each is serial (the checklists' screening index, the portal's search files), so they are
/// rendered at once. A build also writes each portal file into the portal's staging folder as
/// soon as it is made (`StagingFolder`), on the thread that publishes; `Publish` finishes it.
struct RenderPortal: BuildStage {
    var name: String { "Rendering" }
    var needsCleanReport: Bool { true }
    var writes: Bool { true }

    func run(_ state: inout BuildState) {
        guard let graph = state.graph, let templates = state.templates, let assets = state.assets else { return }
        let options = state.options, content = state.content
        let baseURL = options.baseURL ?? graph.site.baseURL
        let checklists = state.rendersChecklists
        let reuse = state.reuse, search = state.memos?.search, keys = state.keepsMemo
        var staging: StagingFolder?
        if state.write, let portal = state.destinations?.portal {
            do {
                staging = try StagingFolder(at: URL(fileURLWithPath: portal.leftoverPath("staging", Publication.newID())),
                                            previous: portal.path)
            } catch {
                state.outputError(error)
                return
            }
        }
        let portal: PortalRenderer.Rendered
        (portal, state.checklists) = inParallel({
            PortalRenderer(graph: graph, templates: templates, assets: assets, baseURL: baseURL, buildDate: options.buildDate,
                           progress: options.progress, reuse: reuse, search: search, listings: state.memos?.listings,
                           keys: keys).render(handingOff: staging.map { folder in { folder.add($0) } })
        }, {
            guard checklists else { return [] }
            return ChecklistRenderer(graph: graph, content: content, templates: templates, baseURL: baseURL, buildDate: options.buildDate,
                                     paper: ChecklistRenderer.Paper(rawValue: options.paper) ?? .a4).render()
        })
        state.portal = portal.files
        state.portalPaths = portal.paths
        state.memo = portal.memo
        state.counts.rendered = portal.counts.rendered
        state.counts.reused = portal.counts.reused
        state.documents = portal.documents
        state.search = portal.search
        state.xref = portal.xref
        state.staging = staging
    }
}

/// Checklists and portal are replaced together, or neither is (`Publication`). Chromium writes the
/// PDFs into the checklists' staging folder: no staged checklist file may be a previous one's.
struct Publish: BuildStage {
    var name: String { "Publishing" }
    var needsCleanReport: Bool { true }
    var writes: Bool { true }

    func run(_ state: inout BuildState) {
        guard let destinations = state.destinations, let graph = state.graph else { return }
        let options = state.options
        // A build stages the portal while it renders (`RenderPortal`); were it not staged, its files in memory are.
        let portal = state.staging.map(PublishedFolder.Contents.staged) ?? .files(state.portal, reuseUnchanged: true)
        var folders = [PublishedFolder(destination: destinations.portal, contents: portal)]
        if !state.checklists.isEmpty {
            folders.append(PublishedFolder(destination: destinations.checklists, contents: .files(state.checklists, reuseUnchanged: false)) { staging in
                guard options.pdf, let chromium = ChromiumPrinter.find(options.chromium) else { return }
                try ChromiumPrinter(executable: chromium).printAll(in: staging, ids: graph.exporters.map(\.id))
            })
        }
        do {
            try Publication(folders: folders).run()
            state.published = true
        } catch {
            state.outputError(error)
            return
        }
        if let cache = options.cache, let memo = state.memo {
            do {
                try RenderCache.write(memo, to: cache)
            } catch {
                // The portal is published; an old memo is checked page by page, so the next build is right either way.
                state.report.warning(SourceLocation(file: options.cacheDisplay, line: 1, column: 1),
                                     "cannot keep the incremental cache: \(error); the next --incremental build renders every page")
            }
        }
    }
}

extension BuildPipeline {
    /// The two folders a build replaces, as checked by `validateOptions`.
    package struct Destinations {
        let portal: OutputDestination
        let checklists: OutputDestination
    }

    /// Reports what is wrong with the options; for a build, also returns the output folders,
    /// resolved, when both may be replaced.
    static func validateOptions(_ options: BuildOptions, content: ContentFolder, write: Bool, report: DiagnosticSink) -> Destinations? {
        if !content.isDirectory("") {
            report.error(SourceLocation(file: content.displayPath.isEmpty ? "." : content.displayPath, line: 1, column: 1),
                         "content folder not found")
        }
        if let base = options.baseURL {
            let refusal = URLPolicy.refusal(of: base, relative: false)
            if refusal != nil || !base.hasSuffix("/") {
                report.error(SourceLocation(file: "--base-url", line: 1, column: 1),
                             "'\(URLPolicy.shown(base))' must be an absolute http(s) URL ending in '/'", hint: refusal?.description)
            }
        }
        if let date = options.buildDate, !YAMLValue.isValidDate(date) {
            report.error(SourceLocation(file: "--build-date", line: 1, column: 1), "'\(date)' must be a date in the form YYYY-MM-DD")
        }
        if ChecklistRenderer.Paper(rawValue: options.paper) == nil {
            report.error(SourceLocation(file: "--paper", line: 1, column: 1), "'\(options.paper)' is not a paper size; use a4 or letter")
        }
        if options.pdf, write, ChromiumPrinter.find(options.chromium) == nil {
            report.error(SourceLocation(file: options.chromium ?? "--pdf", line: 1, column: 1),
                         options.chromium == nil
                            ? "--pdf needs headless Chromium, and none was found on PATH (chromium, chromium-browser, google-chrome)"
                            : "'\(options.chromium!)' is not an executable Chromium",
                         hint: "install Chromium (apt-get install chromium) or pass --chromium PATH")
        }
        guard write else { return nil }
        var resolved: [OutputDestination] = []
        for (flag, url) in [("--output", options.output), ("--checklists", options.checklists)] {
            do {
                resolved.append(try OutputDestination.resolve(url))
            } catch {
                report.error(SourceLocation(file: flag, line: 1, column: 1), "\(error)")
            }
        }
        guard resolved.count == 2 else { return nil }
        // Compared as real paths: content reached through a link into the portal (`Src` ->
        // `Output/src`) would otherwise be deleted with the portal it replaces.
        let output = resolved[0].path, checklists = resolved[1].path
        var overlapping = false
        if RealPath.overlap(checklists, output) {
            report.error(SourceLocation(file: options.checklists.path, line: 1, column: 1),
                         "the checklists folder overlaps the portal output '\(output)'; checklists hold private exporter data and must stay outside the published portal")
            overlapping = true
        }
        for (what, target) in [("output", output), ("checklists", checklists)]
        where reportSourceOverlaps(of: target, named: what, options: options, report: report) {
            overlapping = true
        }
        if let cache = options.cache {
            let path = RealPath.of(cache.path)
            for (what, target) in [("output", output), ("checklists", checklists)] where RealPath.overlap(path, target) {
                report.error(SourceLocation(file: options.cacheDisplay, line: 1, column: 1),
                             "the cache folder overlaps the \(what) folder '\(target)'; choose a separate cache folder")
                overlapping = true
            }
            if reportSourceOverlaps(of: path, named: "cache", options: options, report: report) { overlapping = true }
        }
        return overlapping ? nil : Destinations(portal: resolved[0], checklists: resolved[1])
    }

    /// Reports each source folder (content, templates, public) that `target`, an output folder's
    /// real path, overlaps: replacing the output would delete sources. True when one does.
    static func reportSourceOverlaps(of target: String, named what: String, options: BuildOptions, report: DiagnosticSink) -> Bool {
        var overlapping = false
        for (name, source) in [("content", options.content), ("templates", options.templates), ("public", options.publicAssets)] {
            let path = RealPath.of(source.path)
            guard RealPath.overlap(target, path) else { continue }
            report.error(SourceLocation(file: target, line: 1, column: 1),
                         "the \(what) folder overlaps the \(name) folder '\(path)'; choose a separate \(what) folder")
            overlapping = true
        }
        return overlapping
    }
}
