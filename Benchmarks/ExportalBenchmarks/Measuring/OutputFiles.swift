import Foundation

/// The files a build wrote, with their sizes: benchmarks read their figures from what a user
/// would get, not from the build's internals.
public struct OutputFiles: Sendable {
    public struct File: Sendable {
        /// Relative to the output folder, with `/` between names.
        public let path: String
        public let bytes: Int
    }

    /// Sorted by path.
    public let files: [File]

    public var totalBytes: Int { files.map(\.bytes).reduce(0, +) }

    public func bytes(of path: String) -> Int? { files.first { $0.path == path }?.bytes }

    public init(_ folder: URL) throws {
        let root = folder.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(at: folder.resolvingSymlinksInPath(),
                                                          includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey]) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        var files: [File] = []
        for case let url as URL in walker {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
            guard values.isRegularFile == true else { continue }
            let path = String(url.resolvingSymlinksInPath().path.dropFirst(root.count + 1))
            files.append(File(path: path, bytes: values.fileSize ?? 0))
        }
        self.files = files.sorted { $0.path < $1.path }
    }
}
