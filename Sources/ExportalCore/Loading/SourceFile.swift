import ExportalDomain
import Foundation

/// A content file read from disk: its display path (as diagnostics print it) and UTF-8 text.
struct SourceFile {
    let path: String
    let text: String

    /// Reads and decodes a file inside the real path `root`, reporting why it cannot be read, an encoding
    /// other than UTF-8, control characters and empty files with the exact line and column.
    static func read(_ url: URL, within root: String? = nil, displayPath: String, report: DiagnosticSink) -> SourceFile? {
        let data: Data
        switch InputFile.read(at: url.path, within: root) {
        case .success(let bytes): data = bytes
        case .failure(let failure):
            report.error(SourceLocation(file: displayPath, line: 1, column: 1), "cannot read file: \(failure)")
            return nil
        }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            report.error(SourceLocation(file: displayPath, line: 1, column: 1), "file is UTF-16 encoded", hint: "save it with UTF-8 encoding")
            return nil
        }
        // The standard library validates in bulk; only a file that fails is walked again for the place.
        guard var text = String(validating: data, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(in: data) ?? (1, 1)
            report.error(SourceLocation(file: displayPath, line: line, column: column),
                         "file is not valid UTF-8", hint: "save it with UTF-8 encoding")
            return nil
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if mayHoldControlCharacter(text), let (line, column, scalar) = firstControlCharacter(in: text) {
            report.error(SourceLocation(file: displayPath, line: line, column: column),
                         "control character \(ControlCharacter.name(scalar)) is not allowed in content",
                         hint: "remove it; only tab and line breaks may appear in text")
            return nil
        }
        if text.allSatisfy(\.isWhitespace) {
            report.error(SourceLocation(file: displayPath, line: 1, column: 1), "file is empty")
            return nil
        }
        return SourceFile(path: displayPath, text: normalisingLineBreaks(text))
    }

    /// CRLF and a lone CR (old Mac files) both become LF: Markdown and YAML treat each as a line break,
    /// and the loaders split lines on LF alone.
    static func normalisingLineBreaks(_ text: String) -> String {
        var scanned = text
        guard scanned.withUTF8({ $0.contains(13) }) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// Line, column (in Unicode scalars) and value of the first character that HTML cannot carry
    /// (see `ControlCharacter`). Lines count LF, CRLF and a lone CR, as the loaders will.
    static func firstControlCharacter(in text: String) -> (Int, Int, Unicode.Scalar)? {
        var line = 1, column = 1
        var afterCR = false
        for scalar in text.unicodeScalars {
            if ControlCharacter.isForbidden(scalar) { return (line, column, scalar) }
            switch scalar {
            case "\n": if !afterCR { line += 1 }; column = 1
            case "\r": line += 1; column = 1
            default: column += 1
            }
            afterCR = scalar == "\r"
        }
        return nil
    }

    /// False when no byte of the text can begin a forbidden control character: C0 but tab and line
    /// breaks, DEL, and C1 (U+0080–U+009F, which UTF-8 writes as C2 80 to C2 9F). A byte loop, so
    /// the common clean file is not walked scalar by scalar with line counting.
    static func mayHoldControlCharacter(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var previous: UInt8 = 0
            for byte in bytes {
                // Printable ASCII (0x20–0x7E), most of any file, first.
                if byte &- 0x20 < 0x5F {
                    previous = byte
                    continue
                }
                if byte < 0x20 ? (byte != 0x09 && byte != 0x0A && byte != 0x0D) : byte == 0x7F || (previous == 0xC2 && byte < 0xA0 && byte >= 0x80) {
                    return true
                }
                previous = byte
            }
            return false
        }
    }

    /// Line and column (in Unicode scalars) of the first byte that is not valid UTF-8.
    static func firstInvalidUTF8(in data: some Sequence<UInt8>) -> (Int, Int)? {
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
package struct MarkdownSource: Sendable, Equatable {
    package let text: String
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

    /// Where the text starts: what linking keeps its rendering under while it links a run of pages
    /// (`MarkdownStage`), so a text met twice is rendered once.
    package var place: TextPlace { TextPlace(file: file, line: firstLine, column: indent) }
}

/// Where a Markdown text starts in the content: a file, a line and the column its lines are
/// indented by. A build reads each file once, so no two of its texts start at one place (two
/// texts on one line of YAML start at two columns).
package struct TextPlace: Hashable, Sendable {
    let file: String
    let line: Int
    let column: Int
}

/// A reference-type collector so loaders can report from nested readers without threading `inout`.
package final class DiagnosticSink {
    private(set) var report = DiagnosticReport()

    package init() {}

    func error(_ location: SourceLocation, _ message: String, hint: String? = nil, refersTo: ContentKind? = nil) {
        report.error(location, message, hint: hint, refersTo: refersTo)
    }

    /// Records that something of `kind` was not loaded, because of the error reported last.
    func dropped(_ kind: ContentKind) {
        if let lastError { report.markDropped(kind, at: lastError) }
    }

    func markDropped(_ kind: ContentKind, at cause: SourceLocation) { report.markDropped(kind, at: cause) }

    /// Where the last error that is not itself about something missing was reported.
    var lastError: SourceLocation? {
        report.diagnostics.last(where: { $0.severity == .error && $0.refersTo == nil })?.location
    }

    func warning(_ location: SourceLocation, _ message: String, hint: String? = nil, refersTo: ContentKind? = nil) {
        report.warning(location, message, hint: hint, refersTo: refersTo)
    }

    /// Diagnostics collected by another sink, e.g. one that a loader on another thread reported to.
    func add(_ other: DiagnosticReport) {
        report.add(other)
    }

    package var hasErrors: Bool { report.hasErrors }
}
