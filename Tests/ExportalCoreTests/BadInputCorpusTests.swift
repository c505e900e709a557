import ExportalCore
import Foundation
import Testing

/// The bad-input corpus: every case in `BadInputs/*.txt` breaks a valid site (`BadInputSite.files`)
/// that was built once, builds it again and asserts the exit, the first diagnostic printed (file,
/// line, column and message), that it is the only error unless the case says `errors: N`, and that
/// the previous Output/ and Checklists/ are byte-identical.
///
/// A case file holds cases one after another:
///
///     === NUL byte in an article body
///     first: Content/guidance/end-use-checks.md:12:6: error: control character U+0000 (NUL) is not allowed in content
///     -- Content/guidance/end-use-checks.md (escaped) --
///     ---
///     title: End-use checks
///     ---
///     Before\x00after.
///
/// A block `-- PATH --` writes a file; its modifiers: `(escaped)` decodes `\xHH` and `\\`, `(remove)`
/// deletes it, `(folder)` makes an empty folder, `(fifo)` a named pipe, `(symlink)` a link to the
/// block's first line, `(append)` adds the text to the file, `(replace)` replaces the block's first
/// line with its second in the file.
@Suite struct BadInputCorpusTests {
    static let folder = FixtureSite.repository.appendingPathComponent("Tests/ExportalCoreTests/BadInputs")

    static let cases: [BadInputCase] = {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
        return names.flatMap { name in
            BadInputCase.parse(String(decoding: FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) ?? Data(),
                                      as: UTF8.self), file: name)
        }
    }()

    @Test func corpusIsLargeAndNamesAreUnique() {
        #expect(Self.cases.count >= 150, "the corpus has \(Self.cases.count) cases")
        let names = Self.cases.map(\.name)
        #expect(Set(names).count == names.count, "case names repeat")
        #expect(Self.cases.allSatisfy { !$0.expected.isEmpty }, "every case names its first diagnostic")
    }

    /// Line endings of every kind and a byte-order mark are not faults: CR-only files (old Mac) once read
    /// as "missing front matter". Each builds to the same page as the plain LF file.
    @Test func lineEndingsAndByteOrderMarkAreRead() throws {
        let plain = try FixtureSite(SmallSite.files)
        #expect(plain.build().succeeded)
        let expected = try plain.read("Output/guidance/end-use-checks.html")
        let source = try plain.read("Content/guidance/end-use-checks.md")
        for (name, bytes) in [("CR only", Data(source.replacingOccurrences(of: "\n", with: "\r").utf8)),
                              ("CRLF", Data(source.replacingOccurrences(of: "\n", with: "\r\n").utf8)),
                              ("BOM and CRLF", Data([0xEF, 0xBB, 0xBF]) + Data(source.replacingOccurrences(of: "\n", with: "\r\n").utf8))] {
            let site = try FixtureSite(SmallSite.files)
            try site.write("Content/guidance/end-use-checks.md", data: bytes)
            let result = site.build()
            #expect(result.succeeded, "\(name): \(result.lines)")
            #expect(try site.read("Output/guidance/end-use-checks.html") == expected, "\(name)")
        }
    }

    @Test(arguments: cases)
    func badInput(_ badCase: BadInputCase) throws {
        let site = try BadInputSite.copy()
        defer { try? FileManager.default.removeItem(at: site.root) }
        let before = (site.snapshot("Output"), site.snapshot("Checklists"))
        try badCase.apply(to: site.root)
        let result = site.build()
        #expect(!result.succeeded, "\(badCase.name): the build succeeded")
        let first = result.diagnostics.first.map(\.description) ?? "(no diagnostic)"
        #expect(first == badCase.expected, "\(badCase.name) (\(badCase.file))")
        do {
            let errors = badCase.errors ?? 1
            #expect(result.diagnostics.filter { $0.severity == .error }.count == errors,
                    "\(badCase.name): \(result.lines.joined(separator: "\n"))")
        }
        if let bless = ProcessInfo.processInfo.environment["EXPORTAL_BLESS_CORPUS"], first != badCase.expected {
            let line = "\(badCase.file)\t\(badCase.name)\t\(first)\n"
            if let handle = FileHandle(forWritingAtPath: bless) { handle.seekToEndOfFile(); handle.write(Data(line.utf8)) }
        }
        if let counts = ProcessInfo.processInfo.environment["EXPORTAL_CORPUS_COUNTS"] {
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            let notes = result.diagnostics.filter { $0.severity == .note }.count
            let line = "\(badCase.file)\t\(badCase.name)\t\(errors)\t\(notes)\n"
                + (errors > 1 ? result.lines.map { "\t\($0)\n" }.joined() : "")
            if let handle = FileHandle(forWritingAtPath: counts) { handle.seekToEndOfFile(); handle.write(Data(line.utf8)) }
        }
        #expect(site.snapshot("Output") == before.0, "\(badCase.name): Output/ changed")
        #expect(site.snapshot("Checklists") == before.1, "\(badCase.name): Checklists/ changed")
        let hidden = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") }
        #expect(hidden.isEmpty, "\(badCase.name): left \(hidden)")
    }
}

/// One case of the corpus.
struct BadInputCase: Sendable, CustomTestStringConvertible {
    let file: String
    let name: String
    let expected: String
    /// How many errors the build must report: one unless the case says `errors: N` (a case with two
    /// faults of its own). One fault is one error; what follows from it is a note.
    var errors: Int? = nil
    let blocks: [Block]

    struct Block: Sendable {
        let path: String
        let modifier: String?
        let text: String
    }

    var testDescription: String { name }

    static func parse(_ text: String, file: String) -> [BadInputCase] {
        var cases: [BadInputCase] = []
        var name: String?, expected = "", errors: Int?, blocks: [Block] = []
        var block: (path: String, modifier: String?)?
        var lines: [Substring] = []
        func endBlock() {
            if let current = block { blocks.append(Block(path: current.path, modifier: current.modifier, text: lines.joined(separator: "\n"))) }
            block = nil
            lines = []
        }
        func endCase() {
            endBlock()
            if let name { cases.append(BadInputCase(file: file, name: name, expected: expected, errors: errors, blocks: blocks)) }
            name = nil
            expected = ""
            errors = nil
            blocks = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("=== ") {
                endCase()
                name = String(line.dropFirst(4))
            } else if block == nil, line.hasPrefix("first: ") {
                expected = String(line.dropFirst(7))
            } else if block == nil, line.hasPrefix("errors: ") {
                errors = Int(line.dropFirst(8))
            } else if line.hasPrefix("-- "), line.hasSuffix(" --") {
                endBlock()
                var header = String(line.dropFirst(3).dropLast(3))
                var modifier: String?
                if header.hasSuffix(")"), let open = header.lastIndex(of: "(") {
                    modifier = String(header[header.index(after: open)..<header.index(before: header.endIndex)])
                    header = String(header[..<open]).trimmingCharacters(in: .whitespaces)
                }
                block = (header, modifier)
            } else if block != nil {
                lines.append(line)
            }
        }
        endCase()
        return cases
    }

    func apply(to root: URL) throws {
        let fileManager = FileManager.default
        for block in blocks {
            let url = root.appendingPathComponent(block.path)
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let exists = fileManager.fileExists(atPath: url.path) || (try? fileManager.destinationOfSymbolicLink(atPath: url.path)) != nil
            if exists, block.modifier != "append", block.modifier != "replace" { try fileManager.removeItem(at: url) }
            switch block.modifier {
            case "remove": break
            case "folder": try fileManager.createDirectory(at: url, withIntermediateDirectories: true)
            case "fifo": #expect(mkfifo(url.path, 0o644) == 0)
            case "symlink":
                try fileManager.createSymbolicLink(atPath: url.path, withDestinationPath: String(block.text.split(separator: "\n").first ?? ""))
            case "append":
                let old = fileManager.contents(atPath: url.path) ?? Data()
                try (old + Self.decode(block.text + "\n")).write(to: url)
            case "replace":
                let parts = block.text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let old = String(decoding: fileManager.contents(atPath: url.path) ?? Data(), as: UTF8.self)
                #expect(old.contains(parts[0]), "\(name): '\(parts[0])' is not in \(block.path)")
                let new = old.replacingOccurrences(of: parts[0], with: parts.count > 1 ? parts[1] : "")
                try Self.decode(new).write(to: url)
            case "escaped": try Self.decode(block.text + "\n").write(to: url)
            case nil: try Data((block.text + "\n").utf8).write(to: url)
            case let other?: Issue.record("\(name): unknown block modifier '\(other)'")
            }
        }
    }

    /// `\xHH` as that byte, `\\` as one backslash; everything else as its UTF-8.
    static func decode(_ text: String) -> Data {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "\\"), index + 1 < utf8.count {
                if utf8[index + 1] == UInt8(ascii: "\\") { bytes.append(92); index += 2; continue }
                if utf8[index + 1] == UInt8(ascii: "x"), index + 3 < utf8.count,
                   let byte = UInt8(String(decoding: utf8[(index + 2)...(index + 3)], as: UTF8.self), radix: 16) {
                    bytes.append(byte)
                    index += 4
                    continue
                }
            }
            bytes.append(utf8[index])
            index += 1
        }
        return Data(bytes)
    }
}

/// The valid site the corpus breaks: `SmallSite` plus a native party list, built once; each case
/// works on a copy of the folder with its Output/ and Checklists/.
enum BadInputSite {
    static let files = SmallSite.files + "\n" + """
    -- Content/parties/watch/list.yml --
    id: watch
    title: Watch list
    authority: Test Authority
    version: "1"
    date: 2026-01-01
    source: https://example.org/watch
    format: native
    entries:
      - id: W-1
        name: Severtech Integratsiya LLC
        type: entity
        aliases: [Severtech Integration]
        countries: [RU]
        listed_on: 2024-06-03
        remarks: Reported twice.
    """

    static let built: Result<URL, BuildFailure> = {
        do {
            let site = try FixtureSite(files)
            let result = site.build()
            guard result.succeeded else { return .failure(BuildFailure(lines: result.lines)) }
            return .success(site.root)
        } catch {
            return .failure(BuildFailure(lines: ["\(error)"]))
        }
    }()

    struct BuildFailure: Error { let lines: [String] }

    static func copy() throws -> FixtureSite {
        let root = try built.get()
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("exportal-corpus-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: root, to: copy)
        return FixtureSite(existing: copy)
    }
}
