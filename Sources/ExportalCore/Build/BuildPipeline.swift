import ExportalDomain
import Foundation

public typealias ExportalDiagnostic = Diagnostic

/// How a portal is made, top to bottom:
///
/// 1. `validateOptions`: the folders exist and the output cannot overwrite a source;
/// 2. `loadContent`: every content file read and validated on its own;
/// 3. `resolveGraph`: references between files checked, Markdown rendered once;
/// 4. `loadAssets` and `loadTemplates`: Public/ hashed, templates parsed and cross-checked;
/// 5. `renderPortal`: pages, sitemap, robots.txt and assets as in-memory files, and the private
///    checklists beside them;
/// 6. `publish`: written to a staging folder, then swapped into place.
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

        validateOptions(content: content, write: write, report: report)
        guard !report.hasErrors else { return finish() }
        var stages = StageClock()
        let loaded = ContentLoader(folder: content, report: report).load()
        stages.lap("load")
        let graph = ContentGraph.resolve(loaded, report: report)
        stages.lap("resolve")
        let assets = AssetManifest.load(from: publicFolder, report: report)
        let templates = TemplateSet.load(from: templateFolder, assets: assets, report: report)
        guard let graph, let templates, !report.hasErrors else { return finish() }
        guard write else { return finish() }

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
        do {
            // Checklists first: if they cannot be written (or printed), the portal is left as it was too.
            if !checklists.isEmpty {
                // Chromium writes the PDFs into the staging folder: no staged file may be a previous one's.
                try OutputWriter(destination: options.checklists).publish(checklists, reuseUnchanged: false) { staging in
                    guard options.pdf, let chromium = ChromiumPrinter.find(options.chromium) else { return }
                    try ChromiumPrinter(executable: chromium).printAll(in: staging, ids: graph.exporters.map(\.id))
                }
            }
            stages.lap("checklists")
            try OutputWriter(destination: options.output).publish(files)
            stages.lap("write")
        } catch {
            report.error(SourceLocation(file: options.output.path, line: 1, column: 1), "\(error)")
            return finish()
        }
        var result = finish(pages: files.filter { $0.path.hasSuffix(".html") }.count, files: files.count)
        result.checklistsWritten = graph.exporters.count
        return result
    }

    private func validateOptions(content: ContentFolder, write: Bool, report: DiagnosticSink) {
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
        guard write else { return }
        let checklists = options.checklists.path
        let output = options.output.path
        if checklists == output || checklists.hasPrefix(output + "/") || output.hasPrefix(checklists + "/") {
            report.error(SourceLocation(file: checklists, line: 1, column: 1),
                         "the checklists folder overlaps the portal output '\(output)'; checklists hold private exporter data and must stay outside the published portal")
        }
        for (name, source) in [("content", options.content), ("templates", options.templates), ("public", options.publicAssets)] {
            let path = source.path
            for (what, target) in [("output", output), ("checklists", checklists)]
            where target == path || path.hasPrefix(target + "/") || target.hasPrefix(path + "/") {
                report.error(SourceLocation(file: target, line: 1, column: 1),
                             "the \(what) folder overlaps the \(name) folder '\(path)'; choose a separate \(what) folder")
            }
        }
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
