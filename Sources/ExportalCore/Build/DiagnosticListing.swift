import ExportalDomain

/// How diagnostics are printed: one per line, each error followed by at most `notesShown` of the
/// notes that follow from it and a count of the rest, so the root cause is never lost in a screenful
/// of references it broke.
public enum DiagnosticListing {
    public static let notesShown = 3

    public static func lines(_ sorted: [Diagnostic]) -> [String] {
        var lines: [String] = []
        var index = 0
        while index < sorted.count {
            let diagnostic = sorted[index]
            index += 1
            lines.append(diagnostic.description)
            guard diagnostic.severity == .error else { continue }
            var notes = 0
            while index < sorted.count, sorted[index].severity == .note, sorted[index].cause == diagnostic.location {
                if notes < notesShown { lines.append(sorted[index].description) }
                notes += 1
                index += 1
            }
            if notes > notesShown {
                lines.append("\(diagnostic.location): note: \(notes - notesShown) more follow-on diagnostic\(notes - notesShown == 1 ? "" : "s") of this error not shown")
            }
        }
        return lines
    }
}
