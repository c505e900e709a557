import Foundation

/// The renames that put a staged folder in place. `exchange` swaps two names in one step
/// (`renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np(RENAME_SWAP)` on macOS), so the
/// destination's name always holds a complete folder, the old one or the new one; the two
/// renames it replaces left a moment in which the name held nothing.
enum FolderSwap {
    /// Swaps the folders at `a` and `b`, both of which exist. Where the file system has no
    /// exchange (NFS, some FUSE mounts), `b` is first renamed to `aside`, then `a` to `b`: the
    /// name `b` is empty between the two, and a build killed there is completed by the next one.
    static func exchange(_ a: String, _ b: String, aside: String) throws {
        #if os(Linux)
        if linuxRenameAt2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0 { return }
        let unsupported: Set<Int32> = [EINVAL, ENOSYS, EOPNOTSUPP]
        #elseif canImport(Darwin)
        if renamex_np(a, b, UInt32(RENAME_SWAP)) == 0 { return }
        let unsupported: Set<Int32> = [ENOTSUP, EINVAL]
        #endif
        let code = errno
        guard unsupported.contains(code) else { throw PublishError(action: "exchange '\(a)' with '\(b)'", code: code) }
        try move(b, to: aside)
        try move(a, to: b)
    }

    /// Renames `from` to `to`, which must not exist: a folder that appeared there meanwhile is
    /// never replaced.
    static func move(_ from: String, to: String) throws {
        #if os(Linux)
        let moved = linuxRenameAt2(AT_FDCWD, from, AT_FDCWD, to, renameNoReplace) == 0
        #elseif canImport(Darwin)
        let moved = renamex_np(from, to, UInt32(RENAME_EXCL)) == 0
        #endif
        if !moved { throw PublishError(action: "rename '\(from)' to '\(to)'", code: errno) }
    }

    /// Puts a folder's own entries (names added, renamed or removed in it) on disk.
    static func syncEntries(of folder: URL) throws {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw PublishError(action: "open '\(folder.path)'", code: errno) }
        defer { close(descriptor) }
        if fsync(descriptor) != 0 { throw PublishError(action: "flush '\(folder.path)'", code: errno) }
    }

    /// Which folder a path names (device and inode, not following a link), or nil when it names
    /// no folder. A rename or an exchange keeps a folder's identity, so a journal can tell which
    /// of two names holds the staged folder.
    static func identity(of path: String) -> FolderIdentity? {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return nil }
        return FolderIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }
}

struct FolderIdentity: Codable, Hashable, Sendable {
    let device: UInt64
    let inode: UInt64
}

#if os(Linux)
/// glibc's `renameat2(2)`, declared only under _GNU_SOURCE, which the Glibc module does not set.
@_silgen_name("renameat2")
private func linuxRenameAt2(_ fromFolder: Int32, _ from: UnsafePointer<CChar>, _ toFolder: Int32, _ to: UnsafePointer<CChar>,
                            _ flags: UInt32) -> Int32
private let renameNoReplace: UInt32 = 1
private let renameExchange: UInt32 = 2
#endif
