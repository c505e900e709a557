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

    @Test func aWriteErrorNamesItsPathAndTheReason() throws {
        let missing = root.appendingPathComponent("no-such-folder/page.html").path
        #expect(throws: OutputWriter.WriteError.self) { try OutputWriter.write(Data("x".utf8), to: missing) }
        do {
            try OutputWriter.write(Data("x".utf8), to: missing)
        } catch {
            #expect("\(error)" == "could not write '\(missing)': No such file or directory")
        }
    }

    @Test func flushingAFolderThatIsNotThereIsAnError() {
        #expect(throws: OutputWriter.WriteError.self) { try OutputWriter.flush(root.appendingPathComponent("gone")) }
    }
}
