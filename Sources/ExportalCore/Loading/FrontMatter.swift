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
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
            report.error(SourceLocation(file: file.path, line: 1, column: 1),
                         "missing front matter", hint: "start the file with a line '---', the YAML fields, then another '---'")
            return nil
        }
        guard let close = lines.indices.dropFirst().first(where: {
            let line = lines[$0].trimmingCharacters(in: .whitespaces)
            return line == "---" || line == "..."
        }) else {
            report.error(SourceLocation(file: file.path, line: 1, column: 1),
                         "front matter is not closed", hint: "add a line '---' after the last YAML field")
            return nil
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        return FrontMatter(yaml: yaml, yamlFirstLine: 2,
                           body: MarkdownSource(text: body, file: file.path, firstLine: close + 2))
    }

    /// The text of a level-1 ATX heading on the body's first non-blank line (`# End-use checks`), if any.
    var leadingHeading: String? {
        guard let line = body.text.split(separator: "\n", omittingEmptySubsequences: true).first,
              line.hasPrefix("# ") else { return nil }
        let text = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }
}
