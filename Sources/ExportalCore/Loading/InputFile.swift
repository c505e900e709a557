import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one input file, refusing anything that is not a plain file inside the folder it was named from.
///
///     InputFile.read(at: "/site/Content/guidance/a.md", within: "/site/Content")   // .success(bytes)
///     InputFile.read(at: "/site/Content/guidance/pipe", within: "/site/Content")   // .failure(.notRegular("a named pipe"))
///
/// Content is untrusted: a symbolic link may lead to `/etc/passwd`, a named pipe would block the build
/// for ever, `/dev/zero` never ends, and a folder or a dangling link has no bytes to read. Each gets a
/// plain reason instead of Foundation's error codes.
enum InputFile {
    /// Larger inputs are refused rather than read: the largest real official list (the EU's
    /// consolidated financial sanctions file) is about 25 MB, a content file a few kilobytes.
    static let maximumBytes = 512 * 1024 * 1024

    enum Failure: Error, Equatable, CustomStringConvertible {
        case missing
        case folder
        case danglingLink(String)
        case linkLoop
        case outside(String)
        case notRegular(String)
        case tooLarge(Int)
        case denied
        case other(String)

        var description: String {
            switch self {
            case .missing: "file not found"
            case .folder: "this is a folder, not a file"
            case .danglingLink(let target): "this symbolic link leads to '\(target)', which does not exist"
            case .linkLoop: "this symbolic link leads round in a loop"
            case .outside(let target): "this symbolic link leads to '\(target)', outside the content folder; only files inside it are read"
            case .notRegular(let kind): "this is \(kind), not a regular file"
            case .tooLarge(let bytes): "the file is \(bytes) bytes, more than the \(InputFile.maximumBytes / 1024 / 1024) MiB an input may have"
            case .denied: "permission denied"
            case .other(let reason): reason
            }
        }
    }

    /// The bytes of `path`. With `root`, a real path (`RealPath.of`), the file's real path (symbolic
    /// links resolved) must lie inside it.
    static func read(at path: String, within root: String? = nil) -> Result<Data, Failure> {
        if let root {
            switch realPath(path) {
            case .failure(let failure): return .failure(failure)
            case .success(let real): guard RealPath.isInside(real, root) else { return .failure(.outside(real)) }
            }
        }
        // O_NONBLOCK: opening a named pipe for reading would otherwise wait for a writer.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(failure(errno, path: path)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(failure(errno, path: path)) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(.folder)
        case S_IFIFO: return .failure(.notRegular("a named pipe"))
        case S_IFCHR, S_IFBLK: return .failure(.notRegular("a device"))
        case S_IFSOCK: return .failure(.notRegular("a socket"))
        default: return .failure(.notRegular("a special file"))
        }
        let size = Int(status.st_size)
        guard size <= maximumBytes else { return .failure(.tooLarge(size)) }
        // Read to the end, not to the size fstat gave: a file may grow while it is read, up to the limit.
        var data = Data(capacity: size)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
            if got < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failure(failure(errno, path: path))
            }
            if got == 0 { break }
            data.append(contentsOf: chunk[..<got])
            if data.count > maximumBytes { return .failure(.tooLarge(data.count)) }
        }
        return .success(data)
    }

    /// The path with every symbolic link resolved, or why it cannot be.
    static func realPath(_ path: String) -> Result<String, Failure> {
        guard let resolved = realpath(path, nil) else { return .failure(failure(errno, path: path)) }
        defer { free(resolved) }
        return .success(String(cString: resolved))
    }

    private static func failure(_ code: Int32, path: String) -> Failure {
        switch code {
        case ENOENT:
            // A name that is there as a link but leads nowhere.
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(path, &buffer, buffer.count - 1)
            if length >= 0 {
                return .danglingLink(String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            return .missing
        case ELOOP: return .linkLoop
        case EACCES, EPERM: return .denied
        case EISDIR: return .folder
        case ENOTDIR: return .other("part of this path is a file, not a folder")
        default: return .other(String(cString: strerror(code)))
        }
    }
}
