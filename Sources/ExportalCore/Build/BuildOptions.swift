import Foundation

/// Where a build reads from and writes to. Display paths are what diagnostics print.
public struct BuildOptions: Sendable {
    public var content: URL
    public var templates: URL
    public var publicAssets: URL
    public var output: URL
    public var contentDisplay: String
    public var templatesDisplay: String
    public var publicDisplay: String
    public var baseURL: String?
    public var buildDate: String?
    /// Private folder for exporter checklists, never inside the portal.
    public var checklists: URL
    public var checklistsDisplay: String
    /// `a4` or `letter`.
    public var paper: String = "a4"
    /// Also print each checklist to PDF with headless Chromium.
    public var pdf = false
    /// The Chromium executable; found on PATH when nil.
    public var chromium: String?
    /// Counts stages and pages for a progress line; nil: nothing counted.
    public var progress: BuildProgress?
    /// `build --incremental`: the folder that keeps what this build rendered, so the next one
    /// re-renders only the pages whose context changed (`RenderCache`). Nil: every page rendered.
    public var cache: URL?
    public var cacheDisplay = ""

    public mutating func setCache(_ path: String) {
        cache = URL(fileURLWithPath: path).standardizedFileURL
        cacheDisplay = Self.display(path)
    }

    public init(content: String = "Content", templates: String = "Templates", publicAssets: String = "Public",
                output: String = "Output", baseURL: String? = nil, buildDate: String? = nil, checklists: String = "Checklists") {
        func url(_ path: String) -> URL { URL(fileURLWithPath: path).standardizedFileURL }
        self.content = url(content)
        self.templates = url(templates)
        self.publicAssets = url(publicAssets)
        self.output = url(output)
        self.contentDisplay = Self.display(content)
        self.templatesDisplay = Self.display(templates)
        self.publicDisplay = Self.display(publicAssets)
        self.baseURL = baseURL
        self.buildDate = buildDate
        self.checklists = url(checklists)
        self.checklistsDisplay = Self.display(checklists)
    }

    private static func display(_ path: String) -> String {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        if trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        return trimmed == "." ? "" : trimmed
    }
}

/// What a build or check reports back to the command line.
public struct BuildResult: Sendable {
    public let diagnostics: [ExportalDiagnostic]
    public let pagesWritten: Int
    public let filesWritten: Int
    /// Exporter checklists written to the private checklists folder.
    public var checklistsWritten = 0
    /// Pages rendered anew and pages taken unchanged from the last `--incremental` build (the
    /// not-found page, rendered every time, is not counted).
    public var counts = RenderCounts()
    public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
}
