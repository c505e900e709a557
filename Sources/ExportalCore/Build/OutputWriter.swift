import Foundation

/// Writes a folder's files into a staging folder (`stage`), and publishes one folder on its own
/// (`publish`); a build publishes the portal and the checklists together (`Publication`).
struct OutputWriter {
    static let marker = OutputDestination.marker
    let destination: URL

    /// Replaces the destination with `files`, as one `Publication` of one folder: the destination
    /// is checked, locked and recovered first, as a build does.
    func publish(_ files: [OutputFile], reuseUnchanged: Bool = true, prepare: @escaping (URL) throws -> Void = { _ in }) throws {
        let folder = try OutputDestination.resolve(destination)
        let lock = try PublishLock([folder])
        defer { lock.release() }
        try Publication.recover([folder])
        try Publication(folders: [PublishedFolder(destination: folder, contents: .files(files, reuseUnchanged: reuseUnchanged), prepare: prepare)]).run()
    }

    /// Writes `files` and the marker into `staging`, runs `prepare` on it (PDF printing) and
    /// flushes it to disk; on an error the staging folder is removed. `previous` is the folder
    /// being replaced (see `StagingFolder`).
    static func stage(_ files: [OutputFile], into staging: URL, previous: String?, prepare: (URL) throws -> Void) throws {
        let folder = try StagingFolder(at: staging, previous: previous)
        for file in files { folder.add(file) }
        try folder.finish(prepare: prepare)
    }

    /// Writes one file with plain open/write/close. Foundation's `Data.write(to:)` also calls
    /// fsync for every file, which made writing thousands of party pages take seconds; the
    /// staging folder is flushed to disk once instead, before it replaces the old portal.
    static func write(_ data: Data, to path: String, sync: Bool = false) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: path, code: errno) }
        var closed = false
        defer { if !closed { close(descriptor) } }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(path: path, code: errno)
                }
                offset += written
            }
        }
        if sync, fsync(descriptor) != 0 { throw WriteError(path: path, code: errno) }
        // Some file systems (NFS) report a failed write only when the file is closed.
        closed = true
        if close(descriptor) != 0 { throw WriteError(path: path, code: errno) }
    }

    /// Makes `path` a second name (hard link) for the previous portal's file `old` when that holds
    /// exactly `data`. Rebuilding a portal of thousands of pages mostly writes pages that have not
    /// changed, and on ext4, allocating thousands of fresh inodes while the previous portal's were
    /// being freed was most of the write stage; a link allocates none, and the old file is then not
    /// freed either. False, with nothing done, when the old file is missing, not a regular file or
    /// different, or when the file system cannot link: the caller writes the file instead.
    static func linkUnchanged(_ data: Data, from old: String, to path: String) -> Bool {
        let descriptor = open(old, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) == data.count else { return false }
        // One byte more than expected is read, to see a file that grew since fstat.
        let same = data.withUnsafeBytes { (expected: UnsafeRawBufferPointer) -> Bool in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: data.count + 1, alignment: 1)
            defer { buffer.deallocate() }
            var filled = 0
            while filled < buffer.count {
                let got = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { break }
                filled += got
            }
            return filled == data.count && (data.isEmpty || memcmp(buffer.baseAddress!, expected.baseAddress!, data.count) == 0)
        }
        return same && link(old, path) == 0
    }

    /// Puts everything written into the staging folder on disk with one `syncfs`, so that a
    /// crash or power cut just after the swap cannot leave a portal of empty files where the
    /// previous one was (the previous one is deleted once the new one is in place).
    static func flush(_ folder: URL) throws {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw WriteError(path: folder.path, code: errno) }
        defer { close(descriptor) }
        #if os(Linux)
        if linuxSyncFS(descriptor) != 0 { throw WriteError(path: folder.path, code: errno) }
        #else
        sync()
        #endif
    }

    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let code: Int32
        var description: String { "could not write '\(path)': \(String(cString: strerror(code)))" }
    }
}

#if os(Linux)
/// glibc's `syncfs(2)` (declared only under _GNU_SOURCE, which the Glibc module does not set):
/// flushes the one file system holding the output, not every disk as `sync()` would.
@_silgen_name("syncfs")
private func linuxSyncFS(_ descriptor: Int32) -> Int32
#endif
