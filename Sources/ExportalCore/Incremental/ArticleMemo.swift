import ExportalDomain
import Foundation

/// Guidance articles as `serve`'s last build read them, by file and exact text: a rebuild parses
/// again only the articles whose text changed. Each build starts a memo of its own from the last
/// good build's, so a deleted file is forgotten. A hit gives the article and the diagnostics its
/// parse reported, as the parse would; the text compared is the one the parse read, so a file
/// that changes while a build reads it is never paired with another text's article.
package final class ArticleMemo: @unchecked Sendable {
    private struct Entry {
        let text: String
        let article: GuidanceArticle?
        let report: DiagnosticReport
    }

    private let earlier: ArticleMemo?
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    package init(after earlier: ArticleMemo? = nil) {
        self.earlier = earlier
    }

    /// The article parsed from exactly `text` at `path` by the earlier build, kept for the next.
    func article(_ path: String, text: String) -> (article: GuidanceArticle?, report: DiagnosticReport)? {
        guard let entry = earlier?.lock.withLock({ earlier?.entries[path] }), entry.text == text else { return nil }
        lock.withLock { entries[path] = entry }
        return (entry.article, entry.report)
    }

    func store(_ path: String, text: String, article: GuidanceArticle?, report: DiagnosticReport) {
        lock.withLock { entries[path] = Entry(text: text, article: article, report: report) }
    }
}
