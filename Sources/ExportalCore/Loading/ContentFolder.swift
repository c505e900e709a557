import ExportalDomain
import Foundation

/// A folder on disk plus the path diagnostics show for it (what the user typed, e.g. `Content`).
struct ContentFolder {
    let url: URL
    let displayPath: String

    func url(_ relative: String) -> URL { url.appendingPathComponent(relative) }
    func display(_ relative: String) -> String { displayPath.isEmpty ? relative : "\(displayPath)/\(relative)" }
    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: url(relative).path) }

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
        SourceFile.read(url(relative), displayPath: display(relative), report: report)
    }
}

/// Slugs: lowercase ASCII letters and digits separated by single hyphens.
enum Slug {
    static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, !text.hasPrefix("-"), !text.hasSuffix("-"), !text.contains("--") else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
