import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Waits for changes under the source folders (and single files kept elsewhere, such as official
/// list files named by an absolute path), and reports them once a burst of events is over: an
/// editor's save is often several writes, a rename and a delete, and one rebuild should follow.
///
///     let watcher = SourceWatcher(folders: [content, templates, assets])
///     while true { let changed = watcher.next(); rebuild(changed) }
///
/// On Linux it uses inotify (one watch per folder, added as folders appear); elsewhere, or when
/// inotify is out of watches, it compares the files' sizes and modification times every
/// `interval`.
public final class SourceWatcher {
    private let folders: [URL]
    private var files: Set<String> = []
    private let quiet: TimeInterval
    private let interval: TimeInterval
    #if canImport(Glibc)
    private var inotify: Int32 = -1
    private var watched: [Int32: String] = [:]
    #endif
    private var snapshot: [String: [Double]] = [:]

    public init(folders: [URL], quiet: TimeInterval = 0.05, interval: TimeInterval = 0.3) {
        self.folders = folders.map(\.standardizedFileURL)
        self.quiet = quiet
        self.interval = interval
        #if canImport(Glibc)
        inotify = inotify_init1(0)
        if inotify >= 0, !folders.allSatisfy({ watchTree($0.path) }) {
            close(inotify)
            inotify = -1
        }
        #endif
        snapshot = takeSnapshot()
    }

    deinit {
        #if canImport(Glibc)
        if inotify >= 0 { close(inotify) }
        #endif
    }

    /// Also watch these files, e.g. the official list files a build read; those inside a watched
    /// folder are already watched.
    public func watch(files urls: [URL]) {
        let outside = urls.map(\.standardizedFileURL.path).filter { path in !folders.contains { path.hasPrefix($0.path + "/") } }
        var polled = true
        #if canImport(Glibc)
        polled = inotify < 0
        #endif
        var added = false
        for path in outside where !files.contains(path) {
            files.insert(path)
            added = true
            #if canImport(Glibc)
            // The folder is watched, not the file: an editor or a download replaces the file, and
            // a watch on the old file would see nothing after that.
            if inotify >= 0 { _ = addWatch((path as NSString).deletingLastPathComponent) }
            #endif
        }
        // Polling compares with the last snapshot, which must hold the new files. After every
        // rebuild this is called with the same files: a snapshot then stats every source file
        // for nothing (a fifth of an article edit's rebuild at 10,000 articles).
        if added && polled { snapshot = takeSnapshot() }
    }

    /// Blocks until something changed and then stayed quiet for `quiet` seconds; returns the
    /// changed paths (as the events named them: a folder for some kinds of change), sorted.
    public func next() -> [String] {
        #if canImport(Glibc)
        if inotify >= 0 { return nextEvents() }
        #endif
        return nextByPolling()
    }

    private func isSource(_ name: Substring) -> Bool {
        // Editors' swap and backup files are not content.
        !name.hasPrefix(".") && !name.hasSuffix("~")
    }

    // MARK: Polling

    private func nextByPolling() -> [String] {
        while true {
            Thread.sleep(forTimeInterval: interval)
            var changed = changes(from: snapshot, to: takeSnapshot())
            guard !changed.isEmpty else { continue }
            while true {
                Thread.sleep(forTimeInterval: max(quiet, interval))
                let later = takeSnapshot()
                let more = changes(from: snapshot, to: later)
                snapshot = later
                if more == changed { break }
                changed = more
            }
            return changed.sorted()
        }
    }

    private func changes(from old: [String: [Double]], to new: [String: [Double]]) -> Set<String> {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }
    }

    private func takeSnapshot() -> [String: [Double]] {
        var result: [String: [Double]] = [:]
        func record(_ path: String) {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return }
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            result[path] = [modified, Double((attributes[.size] as? NSNumber)?.intValue ?? 0)]
        }
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder.path) else { continue }
            while let relative = walker.nextObject() as? String {
                let name = relative.split(separator: "/").last ?? ""
                if isSource(name) { record(folder.path + "/" + relative) }
            }
        }
        files.forEach(record)
        return result
    }

    // MARK: inotify

    #if canImport(Glibc)
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_ATTRIB
                                     | IN_DELETE_SELF | IN_MOVE_SELF)

    private func addWatch(_ path: String) -> Bool {
        let descriptor = inotify_add_watch(inotify, path, Self.mask)
        guard descriptor >= 0 else { return false }
        watched[descriptor] = path
        return true
    }

    /// The folder and every folder under it; false when the system is out of watches.
    private func watchTree(_ root: String) -> Bool {
        guard addWatch(root) || errno == ENOENT || errno == ENOTDIR else { return false }
        guard let walker = FileManager.default.enumerator(atPath: root) else { return true }
        while let relative = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            let path = root + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
               !addWatch(path), errno == ENOSPC { return false }
        }
        return true
    }

    private func nextEvents() -> [String] {
        var changed: Set<String> = []
        // The first event waits as long as it takes; each one after it restarts the quiet time.
        var timeout: Int32 = -1
        while true {
            var descriptor = pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, timeout)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 {
                if changed.isEmpty { continue }
                return changed.sorted()
            }
            changed.formUnion(readEvents())
            timeout = Int32(quiet * 1000)
        }
    }

    /// The paths named by the events waiting on the descriptor.
    private func readEvents() -> Set<String> {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress, $0.count) }
        guard count > 0 else { return [] }
        var paths: Set<String> = []
        var offset = 0
        // struct inotify_event: int wd; uint32_t mask, cookie, len; char name[len].
        while offset + 16 <= count {
            let (descriptor, mask, length) = buffer.withUnsafeBytes { bytes in
                (bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                 bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                 Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
            }
            let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
            offset += 16 + length
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                paths.insert("*")
                continue
            }
            guard let folder = watched[descriptor] else { continue }
            let name = String(decoding: nameBytes, as: UTF8.self)
            if mask & UInt32(IN_IGNORED) != 0 {
                watched[descriptor] = nil
                continue
            }
            if !name.isEmpty && !isSource(Substring(name)) { continue }
            let path = name.isEmpty ? folder : folder + "/" + name
            // A file kept outside the source folders: only its own events count, not its neighbours'.
            if !folders.contains(where: { path == $0.path || path.hasPrefix($0.path + "/") }) && !files.contains(path) { continue }
            if mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { _ = watchTree(path) }
            paths.insert(path)
        }
        return paths
    }
    #endif
}
