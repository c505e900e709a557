import ExportalCore
import Foundation
import Testing

/// A whole small site written inline, Hugo-style, into a fresh temporary folder:
///
///     let site = try FixtureSite("""
///     -- Content/site.yml --
///     title: T
///     ...
///     """)
///
/// Templates/ and Public/ default to the repository's own, so fixtures exercise the real templates.
struct FixtureSite {
    let root: URL

    /// The repository root, found from this source file.
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    init(_ files: String, copyTemplates: Bool = true, copyPublic: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("exportal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if copyTemplates { try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates")) }
        if copyPublic { try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Public"), to: root.appendingPathComponent("Public")) }
        try write(files)
    }

    /// A site already on disk, e.g. a copy of another one.
    init(existing root: URL) { self.root = root }

    /// Writes `-- path --` blocks; a block replaces the file if it exists.
    func write(_ files: String) throws {
        var path: String?
        var lines: [Substring] = []
        func flush() throws {
            guard let path else { return }
            try write(path, lines.joined(separator: "\n") + "\n")
        }
        for line in files.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
                try flush()
                path = String(line.dropFirst(3).dropLast(3))
                lines = []
            } else {
                lines.append(line)
            }
        }
        try flush()
    }

    func write(_ path: String, _ text: String) throws { try write(path, data: Data(text.utf8)) }

    func write(_ path: String, data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(at: root.appendingPathComponent(path)) }

    /// Diagnostics print paths relative to the fixture root, e.g. `Content/site.yml:1:1: error: ...`.
    func options(output: String = "Output", baseURL: String? = nil, buildDate: String? = nil) -> BuildOptions {
        var options = BuildOptions(content: root.appendingPathComponent("Content").path,
                                   templates: root.appendingPathComponent("Templates").path,
                                   publicAssets: root.appendingPathComponent("Public").path,
                                   output: root.appendingPathComponent(output).path, baseURL: baseURL, buildDate: buildDate,
                                   checklists: root.appendingPathComponent("Checklists").path)
        options.contentDisplay = "Content"
        options.templatesDisplay = "Templates"
        options.publicDisplay = "Public"
        return options
    }

    func build(output: String = "Output", baseURL: String? = nil, buildDate: String? = nil) -> BuildResult {
        BuildPipeline(options: options(output: output, baseURL: baseURL, buildDate: buildDate)).build()
    }

    func check() -> BuildResult { BuildPipeline(options: options()).check() }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) }

    /// Every file below a folder, relative path -> bytes, for byte-for-byte comparisons.
    func snapshot(_ folder: String = "Output") -> [String: Data] {
        let base = root.appendingPathComponent(folder)
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return result }
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            let url = base.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = FileManager.default.contents(atPath: url.path)
            }
        }
        return result
    }
}

extension FixtureSite {
    /// Builds the valid `files`, applies `change`, builds again and returns the diagnostics.
    /// Also checks that the failed build left the first build's output byte-identical and
    /// cleaned up its staging folder.
    static func diagnostics(breaking files: String, with change: String, data: (String, Data)? = nil,
                            sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let site = try FixtureSite(files)
        #expect(site.build().succeeded, sourceLocation: sourceLocation)
        let before = site.snapshot()
        try site.write(change)
        if let (path, bytes) = data { try site.write(path, data: bytes) }
        let result = site.build()
        #expect(!result.succeeded, sourceLocation: sourceLocation)
        #expect(site.snapshot() == before, "a failed build must leave Output/ byte-identical", sourceLocation: sourceLocation)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".Output") }
        #expect(leftovers.isEmpty, "staging folders must be cleaned up", sourceLocation: sourceLocation)
        return result.lines
    }
}

extension BuildResult {
    var lines: [String] { diagnostics.map(\.description) }
    var errors: [String] { diagnostics.filter { $0.severity == .error }.map(\.description) }
}
