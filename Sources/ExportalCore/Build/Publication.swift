import Foundation

/// One folder a publication replaces, and what goes into it.
struct PublishedFolder {
    /// What goes into the folder.
    enum Contents {
        /// Files to write into a new staging folder. With `reuseUnchanged`, unchanged files become
        /// second names for the previous folder's (see `StagingFolder`).
        case files([OutputFile], reuseUnchanged: Bool)
        /// A staging folder the files were written into while they were made (`RenderPortal`).
        case staged(StagingFolder)
    }

    let destination: OutputDestination
    let contents: Contents
    /// Runs on the complete staging folder before it is flushed (PDF printing).
    var prepare: (URL) throws -> Void = { _ in }
}

/// Replaces the portal and the checklists together, so that they never come from two builds:
///
/// 1. each folder is written whole into a staging folder beside its destination and flushed;
/// 2. the journal naming every staging folder is written (`PublishJournal`): the commit point;
/// 3. each destination is exchanged with its staging folder, in one atomic step each
///    (`FolderSwap.exchange`), so a destination's name always holds a complete folder;
/// 4. the journal is removed, then the retired folders (now at the staging names).
///
/// A build stopped before 2 leaves the previous folders as they were, and stray staging folders
/// that the next build removes; stopped after 2, the next build finishes 3 and 4 first
/// (`recover`). An error in 3 undoes the exchanges already made, so a failed build leaves both
/// folders as they were. The caller holds a `PublishLock` on every destination throughout.
struct Publication {
    let folders: [PublishedFolder]

    func run() throws {
        guard let first = folders.first else { return }
        let id = Self.newID()
        let journal = PublishJournal.url(beside: first.destination)
        var entries: [PublishJournal.Entry] = []
        do {
            for folder in folders {
                let staging: String
                switch folder.contents {
                case .staged(let staged):
                    staging = staged.url.path
                    try staged.finish(prepare: folder.prepare)
                case .files(let files, let reuseUnchanged):
                    staging = folder.destination.leftoverPath("staging", id)
                    try OutputWriter.stage(files, into: URL(fileURLWithPath: staging),
                                           previous: reuseUnchanged ? folder.destination.path : nil, prepare: folder.prepare)
                }
                guard let staged = FolderSwap.identity(of: staging) else { throw PublishError("staging folder '\(staging)' disappeared") }
                entries.append(.init(destination: folder.destination.path, staging: staging,
                                     aside: folder.destination.leftoverPath("previous", id), staged: staged))
            }
            try PublishJournal(entries: entries).write(to: journal, temporarySuffix: id)
        } catch {
            // The journal, if its rename got through, names folders that are about to go.
            unlink(journal.path)
            for entry in entries { Self.discard(entry) }
            // A folder staged before this publication began, which it did not reach.
            for folder in folders {
                if case .staged(let staged) = folder.contents { staged.discard() }
            }
            throw error
        }
        var installed: [PublishJournal.Entry] = []
        do {
            for entry in entries {
                try Self.install(entry)
                installed.append(entry)
            }
            try Self.syncParents(of: entries)
        } catch {
            throw Self.undo(installed, of: entries, journal: journal, after: error)
        }
        // Published. A journal or retired folder that cannot be removed now is removed by the next build.
        unlink(journal.path)
        for entry in entries { Self.discard(entry) }
    }

    /// Finishes what earlier builds into these destinations left undone: a publication whose
    /// journal exists is completed; staging and retired folders that no journal needs are removed.
    static func recover(_ destinations: [OutputDestination]) throws {
        let ours = Set(destinations.map(\.path))
        var kept: Set<FolderIdentity> = []
        for destination in destinations {
            let journalURL = PublishJournal.url(beside: destination)
            guard let journal = try PublishJournal.read(journalURL) else { continue }
            // The journal may name a folder this build does not publish (an earlier build had
            // other --checklists). Finish it only if no live build is publishing there.
            let others = journal.entries.filter { !ours.contains($0.destination) }
                .map(\.folder)
                .filter { FileManager.default.fileExists(atPath: $0.parent.path) }
            let otherLock = try? PublishLock(others)
            let finishable = journal.entries.filter { ours.contains($0.destination) || otherLock != nil }
            for entry in finishable { try rollForward(entry) }
            try syncParents(of: finishable)
            if finishable.count == journal.entries.count {
                guard unlink(journalURL.path) == 0 else { throw PublishError(action: "remove '\(journalURL.path)'", code: errno) }
            } else {
                kept.formUnion(journal.entries.map(\.staged))
            }
            otherLock?.release()
        }
        for destination in destinations {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: destination.parent.path)) ?? []
            for name in names where destination.isLeftover(name) {
                let path = destination.parent.appendingPathComponent(name).path
                guard FolderSwap.identity(of: path).map({ !kept.contains($0) }) ?? true else { continue }
                if name.contains(".journal.tmp-") { unlink(path) } else { discard(path, of: destination) }
            }
        }
    }

    /// Puts a journal's staged folder at its destination, unless it is there already, and
    /// removes the folder it retired.
    private static func rollForward(_ entry: PublishJournal.Entry) throws {
        if FolderSwap.identity(of: entry.destination) != entry.staged, FolderSwap.identity(of: entry.staging) == entry.staged {
            try install(entry)
        }
        for retired in [entry.staging, entry.aside] where FolderSwap.identity(of: retired).map({ $0 != entry.staged }) ?? false {
            discard(retired, of: entry.folder)
        }
    }

    private static func install(_ entry: PublishJournal.Entry) throws {
        var status = stat()
        if lstat(entry.destination, &status) == 0 {
            try FolderSwap.exchange(entry.staging, entry.destination, aside: entry.aside)
        } else {
            try FolderSwap.move(entry.staging, to: entry.destination)
        }
    }

    /// Puts the previous folders back after an error, removes the journal (the publication is
    /// then abandoned) and the staging folders. When that fails too, the journal stays and the
    /// next build finishes the publication instead: either way the two folders end up from one build.
    private static func undo(_ installed: [PublishJournal.Entry], of entries: [PublishJournal.Entry], journal: URL,
                             after error: Error) -> Error {
        do {
            for entry in installed.reversed() {
                if FolderSwap.identity(of: entry.staging) != nil {
                    try FolderSwap.exchange(entry.destination, entry.staging, aside: entry.aside)
                } else if FolderSwap.identity(of: entry.aside) != nil {
                    try FolderSwap.move(entry.destination, to: entry.staging)
                    try FolderSwap.move(entry.aside, to: entry.destination)
                } else {
                    try FolderSwap.move(entry.destination, to: entry.staging)
                }
            }
            try syncParents(of: installed)
            guard unlink(journal.path) == 0 else { throw PublishError(action: "remove '\(journal.path)'", code: errno) }
        } catch let undoError {
            return PublishError("\(error); undoing it failed too (\(undoError)): the next build finishes publishing this one")
        }
        for entry in entries { discard(entry) }
        return error
    }

    private static func syncParents(of entries: [PublishJournal.Entry]) throws {
        for parent in Set(entries.map(\.folder.parent.path)).sorted() {
            try FolderSwap.syncEntries(of: URL(fileURLWithPath: parent))
        }
    }

    /// Removes a staging or retired folder, renaming it to a fresh leftover name first: a folder
    /// a journal names is then either whole at its name or gone, never half deleted there.
    private static func discard(_ path: String, of destination: OutputDestination) {
        guard FolderSwap.identity(of: path) != nil else { return }
        let doomed = destination.leftoverPath("previous", newID())
        guard rename(path, doomed) == 0 else { return }
        try? FileManager.default.removeItem(atPath: doomed)
    }

    private static func discard(_ entry: PublishJournal.Entry) {
        for path in [entry.staging, entry.aside] { discard(path, of: entry.folder) }
    }

    /// `pid-random`: unique among live builds, and readable in a folder listing.
    static func newID() -> String {
        "\(ProcessInfo.processInfo.processIdentifier)-\(String(UInt32.random(in: .min ... .max), radix: 16))"
    }
}

extension OutputDestination {
    /// `.Output.staging-ID` and `.Output.previous-ID`, beside the destination.
    func leftoverPath(_ kind: String, _ id: String) -> String {
        parent.appendingPathComponent(".\(name).\(kind)-\(id)").path
    }

    /// Whether `entry`, in the destination's parent, is a staging or retired folder or an
    /// unfinished journal of some build into this destination. Earlier versions of exportal
    /// named theirs `.Output.staging-PID`, without the random part; those are leftovers too.
    func isLeftover(_ entry: String) -> Bool {
        for kind in ["staging-", "previous-", "journal.tmp-"] {
            let prefix = ".\(name).\(kind)"
            guard entry.hasPrefix(prefix) else { continue }
            let id = entry.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
            guard let pid = id.first, !pid.isEmpty, pid.allSatisfy(\.isASCII), pid.allSatisfy(\.isNumber) else { return false }
            return id.count == 1 || (id.count == 2 && !id[1].isEmpty && id[1].allSatisfy { $0.isASCII && $0.isHexDigit })
        }
        return false
    }
}

/// Why publishing failed or was refused, in words a person can act on.
struct PublishError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }

    init(action: String, code: Int32) {
        description = "could not \(action): \(String(cString: strerror(code)))"
    }

    /// From a Foundation error, whose own text ("NSCocoaErrorDomain Code=516") helps no one.
    init(action: String, error: Error) {
        let underlying = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? Error).map { $0 as NSError }
        if let underlying, underlying.domain == NSPOSIXErrorDomain {
            self.init(action: action, code: Int32(underlying.code))
        } else {
            self.init("could not \(action): \(error.localizedDescription)")
        }
    }
}
