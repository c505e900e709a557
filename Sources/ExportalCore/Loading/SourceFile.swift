import ExportalDomain
import Foundation

/// A content file read from disk: its display path (as diagnostics print it) and UTF-8 text.
struct SourceFile {
    let path: String
    let text: String

    /// Reads and decodes a file, reporting empty files and invalid UTF-8 with the exact line and column.
    static func read(_ url: URL, displayPath: String, report: DiagnosticSink) -> SourceFile? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            report.error(SourceLocation(file: displayPath, line: 1, column: 1), "cannot read file")
            return nil
        }
        if let (line, column) = firstInvalidUTF8(in: data) {
            report.error(SourceLocation(file: displayPath, line: line, column: column),
                         "file is not valid UTF-8", hint: "save it with UTF-8 encoding")
            return nil
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.allSatisfy(\.isWhitespace) {
            report.error(SourceLocation(file: displayPath, line: 1, column: 1), "file is empty")
            return nil
        }
        return SourceFile(path: displayPath, text: text.replacingOccurrences(of: "\r\n", with: "\n"))
    }

    /// Line and column (in Unicode scalars) of the first byte that is not valid UTF-8.
    static func firstInvalidUTF8(in data: Data) -> (Int, Int)? {
        var line = 1, column = 1
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                if scalar.count == 1 && scalar.first == 0x0A { line += 1; column = 1 } else { column += 1 }
            case .error:
                return (line, column)
            case .emptyInput:
                return nil
            }
        }
    }
}

/// A Markdown text together with where it starts in its file, so Markdown-level problems
/// (such as a stray level-1 heading) can be reported at their real line.
struct MarkdownSource: Sendable, Hashable {
    let text: String
    let file: String
    /// Line in `file` of the Markdown's first line.
    let firstLine: Int
    /// Column added to positions on every line (indentation of a YAML block scalar).
    let indent: Int

    init(text: String, file: String, firstLine: Int, indent: Int = 0) {
        self.text = text
        self.file = file
        self.firstLine = firstLine
        self.indent = indent
    }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: firstLine + line - 1, column: column + indent)
    }

    /// The place, the text's length and up to 64 bytes at each end of it, not the whole text: every
    /// Markdown text is looked up by its source once it is rendered, and hashing each whole text
    /// cost as much as a tenth of parsing it. Texts alike in all these still compare whole (`==`).
    func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(firstLine)
        hasher.combine(indent)
        hasher.combine(text.utf8.count)
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.prefix(64))))
            hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.suffix(64))))
        }
        if hashed == nil { hasher.combine(text) }
    }
}

/// A reference-type collector so loaders can report from nested readers without threading `inout`.
final class DiagnosticSink {
    private(set) var report = DiagnosticReport()

    func error(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        report.error(location, message, hint: hint)
    }

    func warning(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        report.warning(location, message, hint: hint)
    }

    /// Diagnostics collected by another sink, e.g. one that a loader on another thread reported to.
    func add(_ other: DiagnosticReport) {
        report.add(contentsOf: other.diagnostics)
    }

    var hasErrors: Bool { report.hasErrors }
}
