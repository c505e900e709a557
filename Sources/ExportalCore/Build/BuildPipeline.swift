import ExportalDomain
import Foundation

public typealias ExportalDiagnostic = Diagnostic

/// How a portal is made, top to bottom:
///
/// 1. `validateOptions`: the folders exist, the output folders are exportal's to replace and
///    overlap no source; then both output folders are locked and what an interrupted build
///    left beside them is finished or removed (`Publication.recover`);
/// 2. `loadContent`: every content file read and validated on its own;
/// 3. `resolveGraph`: references between files checked, Markdown rendered once;
/// 4. `loadAssets` and `loadTemplates`: Public/ hashed, templates parsed and cross-checked;
/// 5. `renderPortal`: pages, sitemap, robots.txt and assets as in-memory files, and the private
///    checklists beside them;
/// 6. `publish`: the portal and the checklists written to staging folders, then both swapped
///    into place together (`Publication`).
///
/// Nothing is written unless stages 1 to 5 finish without an error.
public struct BuildPipeline {
    public let options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    public func build() -> BuildResult { run(write: true) }
    public func check() -> BuildResult { run(write: false) }

    private func run(write: Bool) -> BuildResult {
        let report = DiagnosticSink()
        func finish(pages: Int = 0, files: Int = 0) -> BuildResult {
            BuildResult(diagnostics: report.report.sorted, pagesWritten: pages, filesWritten: files)
        }
        let content = ContentFolder(url: options.content, displayPath: options.contentDisplay)
        let templateFolder = ContentFolder(url: options.templates, displayPath: options.templatesDisplay)
        let publicFolder = ContentFolder(url: options.publicAssets, displayPath: options.publicDisplay)

        let destinations = validateOptions(content: content, write: write, report: report)
        // Held until the build returns: no other build publishes into these folders meanwhile.
        // What an interrupted build left is finished even when this one stops at its options.
        var lock: PublishLock?
        defer { lock?.release() }
        if let destinations {
            do {
                lock = try PublishLock([destinations.portal, destinations.checklists])
                try Publication.recover([destinations.portal, destinations.checklists])
            } catch {
                report.error(SourceLocation(file: options.output.path, line: 1, column: 1), "\(error)")
            }
        }
        guard !report.hasErrors else { return finish() }
        var stages = StageClock()
        let loaded = ContentLoader(folder: content, report: report).load()
        stages.lap("load")
        let graph = ContentGraph.resolve(loaded, report: report)
        stages.lap("resolve")
        let assets = AssetManifest.load(from: publicFolder, report: report)
        let templates = TemplateSet.load(from: templateFolder, assets: assets, report: report)
        guard let graph, let templates, !report.hasErrors else { return finish() }
        guard let destinations else { return finish() }

        let baseURL = options.baseURL ?? graph.site.baseURL
        stages.lap("templates")
        // The portal and the checklists are independent, and much of each is serial (the
        // checklists' screening index, the portal's search files), so they are rendered at once.
        let (files, checklists) = inParallel({
            PortalRenderer(graph: graph, templates: templates, assets: assets, baseURL: baseURL, buildDate: options.buildDate).render()
        }, {
            ChecklistRenderer(graph: graph, content: content, templates: templates, baseURL: baseURL, buildDate: options.buildDate,
                              paper: ChecklistRenderer.Paper(rawValue: options.paper) ?? .a4).render()
        })
        stages.lap("render")
        // Checklists and portal are replaced together, or neither is. Chromium writes the PDFs
        // into the checklists' staging folder: no staged checklist file may be a previous one's.
        var folders = [PublishedFolder(destination: destinations.portal, files: files)]
        if !checklists.isEmpty {
            folders.append(PublishedFolder(destination: destinations.checklists, files: checklists, reuseUnchanged: false) { staging in
                guard options.pdf, let chromium = ChromiumPrinter.find(options.chromium) else { return }
                try ChromiumPrinter(executable: chromium).printAll(in: staging, ids: graph.exporters.map(\.id))
            })
        }
        do {
            try Publication(folders: folders).run()
            stages.lap("write")
        } catch {
            report.error(SourceLocation(file: options.output.path, line: 1, column: 1), "\(error)")
            return finish()
        }
        var result = finish(pages: files.filter { $0.path.hasSuffix(".html") }.count, files: files.count)
        result.checklistsWritten = graph.exporters.count
        return result
    }

    /// The two folders a build replaces, as checked by `validateOptions`.
    private struct Destinations {
        let portal: OutputDestination
        let checklists: OutputDestination
    }

    /// Reports what is wrong with the options; for a build, also returns the output folders,
    /// resolved, when both may be replaced.
    private func validateOptions(content: ContentFolder, write: Bool, report: DiagnosticSink) -> Destinations? {
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
        for (name, source) in [("content", options.content), ("templates", options.templates), ("public", options.publicAssets)] {
            let path = RealPath.of(source.path)
            for (what, target) in [("output", output), ("checklists", checklists)] where RealPath.overlap(target, path) {
                report.error(SourceLocation(file: target, line: 1, column: 1),
                             "the \(what) folder overlaps the \(name) folder '\(path)'; choose a separate \(what) folder")
                overlapping = true
            }
        }
        return overlapping ? nil : Destinations(portal: resolved[0], checklists: resolved[1])
    }
}

/// With EXPORTAL_TIMINGS=1 in the environment, prints how long each build stage took to
/// standard error, for finding what dominates a slow build.
struct StageClock {
    private let enabled = ProcessInfo.processInfo.environment["EXPORTAL_TIMINGS"] == "1"
    private let clock = ContinuousClock()
    private var last = ContinuousClock().now

    mutating func lap(_ stage: String) {
        guard enabled else { return }
        let now = clock.now
        FileHandle.standardError.write(Data("timing: \(stage) \(now - last)\n".utf8))
        last = now
    }
}
