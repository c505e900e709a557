import Foundation

/// A content folder as text files, before it is written: the benchmarks generate content as a
/// user would write it, and the tool reads it back the way it reads any folder.
public struct ContentTree: Sendable {
    /// Path inside the folder (e.g. `guidance/article-1.md`) to the file's text.
    public var files: [String: String] = [:]

    public init() {}

    /// Writes every file under `folder`, creating subfolders as needed.
    public func write(to folder: URL) throws {
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// A YAML scalar in double quotes: codes such as `1E001` would otherwise read as numbers.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// A scratch folder under the system's temporary folder, removed with everything in it by `remove()`.
public struct ScratchFolder: Sendable {
    public let url: URL

    public init(prefix: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}
