@testable import ExportalCore
import Foundation
import Testing

/// The writer behind every build's swap: files land whole, write errors are reported with their
/// path, and the staging folder is flushed to disk before it replaces the previous portal.
@Suite struct OutputWriterTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("exportal-writer-\(UUID().uuidString)")

    @Test func publishesEveryFileAndReplacesThePreviousPortal() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let writer = OutputWriter(destination: root.appendingPathComponent("Output"))
        try writer.publish([OutputFile(path: "a/b.html", data: Data("first".utf8))])
        try writer.publish([OutputFile(path: "c.html", data: Data(repeating: 0x41, count: 300_000))])
        let output = root.appendingPathComponent("Output")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("a/b.html").path))
        #expect(try Data(contentsOf: output.appendingPathComponent("c.html")).count == 300_000)
        // Nothing is left beside it: no staging or retired folders.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["Output"])
    }

    /// An unchanged file is the previous portal's own file under a second name; a changed one is new.
    /// The previous portal's files keep their bytes until the swap, so a failed build loses nothing.
    @Test func unchangedFilesAreLinkedNotRewritten() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        let writer = OutputWriter(destination: output)
        func inode(_ path: String) throws -> UInt64 {
            try #require(FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(path).path)[.systemFileNumber] as? UInt64)
        }
        try writer.publish([OutputFile(path: "same.html", data: Data("same".utf8)), OutputFile(path: "p/changed.html", data: Data("old".utf8)),
                            OutputFile(path: "empty.txt", data: Data())])
        let before = (try inode("same.html"), try inode("p/changed.html"), try inode("empty.txt"))
        try writer.publish([OutputFile(path: "same.html", data: Data("same".utf8)), OutputFile(path: "p/changed.html", data: Data("new".utf8)),
                            OutputFile(path: "empty.txt", data: Data()), OutputFile(path: "added.html", data: Data("added".utf8))])
        #expect(try inode("same.html") == before.0 && inode("empty.txt") == before.2)
        #expect(try inode("p/changed.html") != before.1)
        #expect(try String(contentsOf: output.appendingPathComponent("same.html"), encoding: .utf8) == "same")
        #expect(try String(contentsOf: output.appendingPathComponent("p/changed.html"), encoding: .utf8) == "new")
        #expect(try String(contentsOf: output.appendingPathComponent("added.html"), encoding: .utf8) == "added")
        // Same length, other bytes: written anew.
        try writer.publish([OutputFile(path: "same.html", data: Data("SAME".utf8))])
        #expect(try String(contentsOf: output.appendingPathComponent("same.html"), encoding: .utf8) == "SAME")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["Output"])
        // Without reuse, every file is new.
        let last = try inode("same.html")
        try writer.publish([OutputFile(path: "same.html", data: Data("SAME".utf8))], reuseUnchanged: false)
        #expect(try inode("same.html") != last)
    }

    @Test func aWriteErrorNamesItsPathAndTheReason() throws {
        let missing = root.appendingPathComponent("no-such-folder/page.html").path
        #expect(throws: OutputWriter.WriteError.self) { try OutputWriter.write(Data("x".utf8), to: missing) }
        do {
            try OutputWriter.write(Data("x".utf8), to: missing)
        } catch {
            #expect("\(error)" == "could not write '\(missing)': No such file or directory")
        }
    }

    /// A build writes pages into the staging folder while the rest render: the first file that
    /// cannot be written stops the writing, and finishing reports that file and removes the folder,
    /// so the published folder is never replaced by one with a file missing.
    @Test func aStagingFolderStopsAtItsFirstFailedFileAndIsRemoved() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let staging = try StagingFolder(at: root.appendingPathComponent(".Output.staging-1-a"), previous: nil)
        staging.add(OutputFile(path: "a.html", data: Data("a".utf8)))
        // "a.html" is a file, so nothing can be made inside it.
        staging.add(OutputFile(path: "a.html/b.html", data: Data("b".utf8)))
        staging.add(OutputFile(path: "c.html", data: Data("c".utf8)))
        #expect(FileManager.default.fileExists(atPath: staging.url.appendingPathComponent("a.html").path))
        #expect(!FileManager.default.fileExists(atPath: staging.url.appendingPathComponent("c.html").path))
        var prepared = false
        #expect(throws: (any Error).self) { try staging.finish { _ in prepared = true } }
        #expect(!prepared)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    }

    /// Results handed on while others are made: on the calling thread, in index order, each once,
    /// whatever order the work finishes in; what the taker gives back is what is kept.
    @Test func resultsAreHandedOnInOrderOnTheCallingThread() {
        let caller = Thread.current
        var taken: [Int] = []
        var onCaller = true
        let kept = inParallel(200, { index -> Int in
            // Later items finish first now and then.
            if index % 7 == 0 { usleep(200) }
            return index * 2
        }, handingOff: { value -> String in
            taken.append(value)
            onCaller = onCaller && Thread.current == caller
            return "kept \(value)"
        })
        #expect(taken == (0..<200).map { $0 * 2 })
        #expect(kept == (0..<200).map { "kept \($0 * 2)" })
        #expect(onCaller)
    }

    @Test func flushingAFolderThatIsNotThereIsAnError() {
        #expect(throws: OutputWriter.WriteError.self) { try OutputWriter.flush(root.appendingPathComponent("gone")) }
    }
}
