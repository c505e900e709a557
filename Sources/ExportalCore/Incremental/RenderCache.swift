import ExportalDomain
import Foundation

/// `build --incremental`'s memory between builds: one text file, `render-memo`, in a cache folder
/// outside every source and output folder. It holds the `RenderMemo` of the last published build
/// and the fingerprint of the exportal executable that made it; the pages' bytes are read back from
/// the published portal and used only when their fingerprint is the one recorded. A cache that is
/// missing, unreadable, from another exportal, or malformed in any way is ignored, and every page
/// is rendered; a clean build never reads it.
///
///     exportal render memo 1
///     tool <fingerprint>
///     shared <fingerprint>
///     <key> <output> <path>
///     ...
package enum RenderCache {
    static let fileName = "render-memo"
    static let header = "exportal render memo 1"

    /// The memo in `folder`, with the bytes of its pages read from `portal` (the published
    /// portal), or nil when there is none that this exportal may use.
    static func read(from folder: URL, portal: URL) -> PageReuse? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path),
              let text = String(data: data, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, lines[0] == header, lines.last == "",
              let tool = toolFingerprint, lines[1].hasPrefix("tool "), Fingerprint(hex: lines[1].dropFirst(5)) == tool,
              lines[2].hasPrefix("shared "), let shared = Fingerprint(hex: lines[2].dropFirst(7)) else { return nil }
        var memo = RenderMemo(shared: shared)
        for line in lines[3..<(lines.count - 1)] {
            let fields = line.split(separator: " ", maxSplits: 2)
            guard fields.count == 3, let key = Fingerprint(hex: fields[0]), let output = Fingerprint(hex: fields[1]),
                  isPagePath(fields[2]) else { return nil }
            memo.pages[String(fields[2])] = RenderMemo.Page(key: key, output: output)
        }
        let root = portal.path
        return PageReuse(memo: memo) { path in
            // Only paths of this build's own pages are asked for, and each was checked above.
            FileManager.default.contents(atPath: root + "/" + path)
        }
    }

    /// Replaces the memo in `folder` (made if missing) as one rename, so a kill leaves the old
    /// memo or the new one.
    static func write(_ memo: RenderMemo, to folder: URL) throws {
        guard let tool = toolFingerprint else { return }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var text = "\(header)\ntool \(tool)\nshared \(memo.shared)\n"
        for path in memo.pages.keys.sorted() {
            let page = memo.pages[path]!
            text += "\(page.key) \(page.output) \(path)\n"
        }
        let target = folder.appendingPathComponent(fileName)
        let staged = folder.appendingPathComponent(".\(fileName).\(ProcessInfo.processInfo.processIdentifier)")
        try Data(text.utf8).write(to: staged)
        guard rename(staged.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: staged)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot replace \(target.path): \(reason)"])
        }
    }

    /// A relative `.html` path inside the portal: no `..`, no empty part, no control character.
    static func isPagePath(_ path: Substring) -> Bool {
        path.hasSuffix(".html") && !path.hasPrefix("/")
            && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != ".." && $0 != "." }
            && !path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }
    }

    /// The running exportal's own bytes: another build of exportal may render the same context
    /// differently, so its memo is not trusted. Nil when the executable cannot be read: then no
    /// memo is written or used.
    static let toolFingerprint: Fingerprint? = {
        let path = FileManager.default.fileExists(atPath: "/proc/self/exe") ? "/proc/self/exe"
            : (Bundle.main.executablePath ?? CommandLine.arguments[0])
        return FileManager.default.contents(atPath: path).map { Fingerprint(of: $0) }
    }()
}
