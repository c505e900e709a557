import ExportalDomain
import Foundation

/// A folder on disk plus the path diagnostics show for it (what the user typed, e.g. `Content`).
package struct ContentFolder {
    let url: URL
    let displayPath: String
    /// `url` with symbolic links resolved, once: every file read must lie inside it.
    let realPath: String

    package init(url: URL, displayPath: String) {
        self.url = url
        self.displayPath = displayPath
        realPath = RealPath.of(url.path)
    }

    func url(_ relative: String) -> URL { url.appendingPathComponent(relative) }
    func display(_ relative: String) -> String { displayPath.isEmpty ? relative : "\(displayPath)/\(relative)" }
    /// True for anything at that name, a symbolic link that leads nowhere included: reading it says why it cannot be read.
    func exists(_ relative: String) -> Bool {
        var status = stat()
        return lstat(url(relative).path, &status) == 0
    }

    func isDirectory(_ relative: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url(relative).path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Names in a subfolder, sorted so every run visits files in the same order. Hidden files are skipped.
    func list(_ relative: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url(relative).path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    func read(_ relative: String, report: DiagnosticSink) -> SourceFile? {
        SourceFile.read(url(relative), within: realPath, displayPath: display(relative), report: report)
    }
}

/// Slugs: lowercase ASCII letters and digits separated by single hyphens.
enum Slug {
    static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, !text.hasPrefix("-"), !text.hasSuffix("-"), !text.contains("--") else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

extension ContentKind {
    /// The kind of content a path inside the content folder holds: `guidance/a.md` is guidance.
    init?(contentPath: String) {
        let first = contentPath.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        switch first {
        case "site.yml": self = .site
        case "glossary.yml": self = .glossary
        default: self.init(rawValue: first)
        }
    }
}
