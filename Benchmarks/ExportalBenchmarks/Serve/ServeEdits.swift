import Foundation

/// The saves `make bench-serve` makes, as text: a marker word written into an article's body or
/// at the start of a glossary definition, which the benchmark then waits to see in a served page.
/// Each edit starts from the file's original text, so edits never pile up.
public enum ServeEdits {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// A word found nowhere else in either site: letters and digits only, so neither Markdown nor
    /// the linker changes it, and nothing with the shape of a control code (`5A002`).
    public static func marker(tool: String, edit: String, number: Int) -> String {
        "servemark" + (tool + edit).lowercased().filter { $0.isLetter } + String(format: "%03d", number)
    }

    /// The article with a paragraph naming `marker` first in its body; the front matter and the
    /// rest of the body as they were.
    public static func article(_ text: String, marker: String) throws -> String {
        guard text.hasPrefix("---\n"), let close = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) else {
            throw Failure(description: "the article has no front matter between --- lines")
        }
        return String(text[..<close.upperBound]) + "\nEdited: \(marker).\n" + text[close.upperBound...]
    }

    /// glossary.yml with `marker` as the first word of the definition of `term` (the tooltip of
    /// every link to the term shows the definition's first sentence), and nothing else changed.
    public static func glossary(_ yaml: String, term: String, marker: String) throws -> String {
        var lines = yaml.components(separatedBy: "\n")
        func isTermLine(_ line: String) -> Bool { line.trimmingCharacters(in: .whitespaces).hasPrefix("- term:") }
        guard let start = lines.firstIndex(where: {
            isTermLine($0) && $0.trimmingCharacters(in: .whitespaces).dropFirst("- term:".count).trimmingCharacters(in: .whitespaces) == term
        }) else { throw Failure(description: "glossary.yml has no term '\(term)'") }
        var index = start + 1
        while index < lines.count && !isTermLine(lines[index]) {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }
            guard line.dropFirst(indent.count).hasPrefix("definition:") else { index += 1; continue }
            let value = line.dropFirst(indent.count + "definition:".count).trimmingCharacters(in: .whitespaces)
            if value.isEmpty || value.hasPrefix("|") || value.hasPrefix(">") {
                // A block: the first line below it that holds text.
                guard let first = lines[(index + 1)...].firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
                      lines[first].prefix(while: { $0 == " " }).count > indent.count else { break }
                let inner = lines[first].prefix { $0 == " " }
                lines[first] = String(inner) + marker + " " + String(lines[first].dropFirst(inner.count))
            } else {
                lines[index] = String(indent) + "definition: " + marker + " " + value
            }
            return lines.joined(separator: "\n")
        }
        throw Failure(description: "glossary.yml has no definition for the term '\(term)'")
    }

    /// The sentence every generated article starts with in `make bench-serve`, so that the
    /// term's definition (its tooltip) is on every article page.
    public static func termSentence(_ term: String) -> String {
        "Every article of this benchmark concerns one \(term.lowercased()).\n\n"
    }

    /// The article the `edit`th of `edits` edits changes: spread over the articles, one apart
    /// from the other.
    public static func articleIndex(edit: Int, of edits: Int, pages: Int) -> Int {
        (edit * pages / max(1, edits) + pages / max(1, 2 * edits)) % pages
    }

    /// The rounds (of `edits`) after which a glossary edit follows: spread over the run, so that
    /// a slow spell of the machine falls on article and glossary edits alike.
    public static func glossaryRounds(edits: Int, glossaryEdits: Int) -> Set<Int> {
        let count = min(max(0, glossaryEdits), edits)
        return Set((0..<count).map { $0 * edits / count })
    }
}
