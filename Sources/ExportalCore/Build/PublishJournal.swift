import Foundation

/// The commit point of a publication: a small file beside the first destination
/// (`.Output.journal`) naming every staged folder, the destination it replaces, and the
/// staged folder's identity. It is written, whole and on disk, only once every staging folder is
/// complete and flushed, and removed once every destination holds its new folder. A build that
/// finds one finishes the publication it describes before doing anything else; staging folders
/// that no journal names are unfinished and are removed.
struct PublishJournal: Codable, Equatable {
    struct Entry: Codable, Equatable {
        /// Real paths.
        let destination: String
        let staging: String
        /// Where the previous folder goes when the file system cannot exchange two names.
        let aside: String
        /// The staged folder, which keeps its identity when it is renamed or exchanged.
        let staged: FolderIdentity
    }

    var entries: [Entry]

    static func url(beside destination: OutputDestination) -> URL {
        destination.parent.appendingPathComponent(".\(destination.name).journal")
    }

    /// Writes a temporary file, flushes it, renames it into place and flushes the folder, so the
    /// journal is either absent or complete, whenever the process is stopped.
    func write(to url: URL, temporarySuffix: String) throws {
        let temporary = url.path + ".tmp-" + temporarySuffix
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try OutputWriter.write(try encoder.encode(self), to: temporary, sync: true)
        guard rename(temporary, url.path) == 0 else {
            let failure = PublishError(action: "rename '\(temporary)' to '\(url.path)'", code: errno)
            unlink(temporary)
            throw failure
        }
        try FolderSwap.syncEntries(of: url.deletingLastPathComponent())
    }

    /// The journal at `url`, or nil when there is none.
    static func read(_ url: URL) throws -> PublishJournal? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            throw PublishError("cannot read the publish journal '\(url.path)'; check the folders it names, then remove it")
        }
        do {
            return try JSONDecoder().decode(PublishJournal.self, from: data)
        } catch {
            throw PublishError("the publish journal '\(url.path)' is damaged (\(error)); check the folders it names, then remove it")
        }
    }
}

extension PublishJournal.Entry {
    var folder: OutputDestination { OutputDestination(url: URL(fileURLWithPath: destination, isDirectory: true)) }
}
