import Foundation
import ExportalDomain

/// Splits a Markdown file into its YAML front matter and body.
///
///     ---            <- line 1
///     title: Hello   <- front matter, line 2 of the file
///     ---
///     Body           <- body.firstLine == 4
struct FrontMatter {
    let yaml: String
    /// Line of the file on which the YAML starts (2 when the file opens with `---`).
    let yamlFirstLine: Int
    let body: MarkdownSource

    static func split(_ file: SourceFile, report: DiagnosticSink) -> FrontMatter? {
        // Lines are found in the UTF-8 view and only up to the closing fence: the body is sliced off
        // whole rather than split into lines and joined again.
        let text = file.text
        var lineStart = text.utf8.startIndex
        var lineNumber = 1
        var yamlStart: String.Index?
        while lineStart < text.utf8.endIndex {
            let lineEnd = text.utf8[lineStart...].firstIndex(of: 0x0A) ?? text.utf8.endIndex
            let line = text[lineStart..<lineEnd].trimmed(newlines: false)
            let next = lineEnd == text.utf8.endIndex ? lineEnd : text.utf8.index(after: lineEnd)
            if lineNumber == 1 {
                guard line == "---" else { break }
                yamlStart = next
            } else if line == "---" || line == "..." {
                let body = lineEnd == text.utf8.endIndex ? "" : String(text[next...])
                return FrontMatter(yaml: String(text[yamlStart!..<lineStart].dropLast(lineNumber > 2 ? 1 : 0)), yamlFirstLine: 2,
                                   body: MarkdownSource(text: body, file: file.path, firstLine: lineNumber + 1))
            }
            lineStart = next
            lineNumber += 1
            if lineEnd == text.utf8.endIndex { break }
        }
        if yamlStart == nil {
            report.error(SourceLocation(file: file.path, line: 1, column: 1),
                         "missing front matter", hint: "start the file with a line '---', the YAML fields, then another '---'")
        } else {
            report.error(SourceLocation(file: file.path, line: 1, column: 1),
                         "front matter is not closed", hint: "add a line '---' after the last YAML field")
        }
        return nil
    }

    /// The text of a level-1 ATX heading on the body's first non-blank line (`# End-use checks`), if any.
    var leadingHeading: String? {
        guard let line = body.text.split(separator: "\n", omittingEmptySubsequences: true).first,
              line.hasPrefix("# ") else { return nil }
        let text = line.dropFirst(2).trimmed(newlines: false)
        return text.isEmpty ? nil : text
    }
}
