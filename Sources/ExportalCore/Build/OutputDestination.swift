import Foundation

/// A folder that a build replaces as a whole (the portal or the checklists), checked before
/// anything is read. Exportal replaces only what it may lose: nothing (the folder is absent),
/// an empty folder, or a folder it wrote itself (one holding its `.exportal-output` marker).
/// A symbolic link to such a folder is followed: the build publishes into the folder it names,
/// beside that folder, and the link itself stays as it is.
///
///     try OutputDestination.resolve(URL(fileURLWithPath: "notes.txt"))
///     // throws: '/site/notes.txt' is a file, not a folder; ...
struct OutputDestination: Sendable, Hashable {
    static let marker = ".exportal-output"

    /// The folder's real path (symbolic links resolved, `.` and `..` removed); it may not exist yet.
    let url: URL
    var path: String { url.path }
    var parent: URL { url.deletingLastPathComponent() }
    var name: String { url.lastPathComponent }

    static func resolve(_ requested: URL) throws -> OutputDestination {
        let path = requested.path
        var link = stat()
        guard lstat(path, &link) == 0 else {
            let code = errno
            guard code == ENOENT else { throw PublishError("cannot use '\(path)' as an output folder: \(String(cString: strerror(code)))") }
            try refuseDanglingAncestor(of: path)
            return try absent(RealPath.of(path))
        }
        var target = link
        if link.st_mode & S_IFMT == S_IFLNK, stat(path, &target) != 0 { throw dangling(path, code: errno) }
        let real = RealPath.of(path)
        switch target.st_mode & S_IFMT {
        case S_IFDIR:
            try refuseForeign(real, as: path)
            return OutputDestination(url: URL(fileURLWithPath: real, isDirectory: true))
        case S_IFREG:
            throw PublishError("'\(path)' is a file, not a folder; exportal writes into a folder of its own and replaces it on every build, so it will not replace this file; choose another output folder")
        default:
            throw PublishError("'\(path)' is not a folder; choose another output folder")
        }
    }

    private static func absent(_ real: String) throws -> OutputDestination {
        guard real != "/" else { throw PublishError("the root folder cannot be an output folder") }
        return OutputDestination(url: URL(fileURLWithPath: real, isDirectory: true))
    }

    /// Never replace a folder exportal did not write: `--output Documents` must not wipe Documents,
    /// and a folder that cannot be listed is not known to be empty.
    private static func refuseForeign(_ real: String, as path: String) throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: real) else {
            // Foundation's error hides errno; opendir says why the folder cannot be read.
            let reason = opendir(real).map { closedir($0); return "" } ?? ": \(String(cString: strerror(errno)))"
            throw PublishError("cannot list '\(path)' to check that exportal wrote it\(reason); choose another output folder")
        }
        guard !names.isEmpty else { return }
        var marker = stat()
        if lstat(real + "/" + Self.marker, &marker) == 0, marker.st_mode & S_IFMT == S_IFREG { return }
        throw PublishError("refusing to replace '\(path)': it is not empty and was not written by exportal (no \(Self.marker) file); remove it or choose another output folder")
    }

    /// `Site/Output` where `Site` is a link to nothing: the folder could not be created.
    private static func refuseDanglingAncestor(of path: String) throws {
        var ancestor = URL(fileURLWithPath: path).deletingLastPathComponent()
        var status = stat()
        while lstat(ancestor.path, &status) != 0, ancestor.path != "/" { ancestor.deleteLastPathComponent() }
        if status.st_mode & S_IFMT == S_IFLNK, stat(ancestor.path, &status) != 0 { throw dangling(ancestor.path, code: errno) }
    }

    private static func dangling(_ path: String, code: Int32) -> PublishError {
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
        let reason = code == ENOENT ? "which does not exist" : "which cannot be followed (\(String(cString: strerror(code))))"
        return PublishError("'\(path)' is a symbolic link to '\(target)', \(reason); point it at a folder or choose another output folder")
    }
}

/// The real path of a file or folder as the kernel sees it: symbolic links resolved and `.` and
/// `..` removed. A path that does not exist yet is its deepest existing folder's real path with
/// the rest appended: `Site/Output`, with `Site` a link to `/data/site`, is `/data/site/Output`.
/// Folders are compared by real path, since two spellings may name one folder.
enum RealPath {
    static func of(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        guard parent != url.path, !parent.isEmpty else { return url.path }
        let base = of(parent)
        return base == "/" ? "/" + url.lastPathComponent : base + "/" + url.lastPathComponent
    }

    /// Whether one of two real paths is the other or inside it.
    static func overlap(_ a: String, _ b: String) -> Bool {
        isInside(a, b) || isInside(b, a)
    }

    /// Whether the real path `path` is `root` or lies inside it.
    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || root == "/" || path.hasPrefix(root + "/")
    }
}
