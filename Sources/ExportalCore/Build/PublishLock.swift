import Foundation

/// Keeps two builds from publishing into one folder at the same time: an exclusive `flock` on a
/// lock file beside each destination (`.Output.lock`), taken before a build reads its content and
/// held until it ends. The kernel drops the lock when its process ends, however it ends, so a
/// staging folder found beside a destination whose lock is held belongs to a build that is gone,
/// and recovery may remove it. A second build is refused at once rather than made to wait: a
/// build stuck on a hung PDF printer must not hold up the next one silently.
///
/// The lock file is removed when the build releases it. A build that opened the file before it
/// was removed then holds a lock on a name that is gone; it sees so (the name no longer leads to
/// the file it locked) and starts over with a fresh file.
final class PublishLock {
    private var held: [(path: String, descriptor: Int32)] = []

    /// Locks every destination, in path order so that two builds never wait on each other.
    init(_ destinations: [OutputDestination]) throws {
        do {
            for destination in Set(destinations).sorted(by: { $0.path < $1.path }) {
                try lock(destination.parent.appendingPathComponent(".\(destination.name).lock").path, for: destination)
            }
        } catch {
            release()
            throw error
        }
    }

    deinit { release() }

    /// Removes the lock files and drops the locks; the files go first, while they are still held.
    func release() {
        for (path, descriptor) in held.reversed() {
            unlink(path)
            close(descriptor)
        }
        held = []
    }

    private func lock(_ path: String, for destination: OutputDestination) throws {
        do {
            try FileManager.default.createDirectory(at: destination.parent, withIntermediateDirectories: true)
        } catch {
            throw PublishError(action: "create the folder '\(destination.parent.path)'", error: error)
        }
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw PublishError("cannot create the lock file '\(path)': \(String(cString: strerror(errno)))")
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                close(descriptor)
                guard code == EWOULDBLOCK else { throw PublishError("cannot lock '\(path)': \(String(cString: strerror(code)))") }
                throw PublishError("another exportal build\(holder.isEmpty ? "" : " (process \(holder))") is publishing into '\(destination.path)'; try again when it has finished")
            }
            var opened = stat(), named = stat()
            guard fstat(descriptor, &opened) == 0, stat(path, &named) == 0, opened.st_ino == named.st_ino, opened.st_dev == named.st_dev else {
                close(descriptor)
                continue
            }
            let pid = Data("\(ProcessInfo.processInfo.processIdentifier)\n".utf8)
            _ = ftruncate(descriptor, 0)
            _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
            held.append((path, descriptor))
            return
        }
    }
}
