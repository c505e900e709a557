import ExportalDomain
import Foundation

/// What one `serve` build made, for the next to take back instead of making it again. Each build
/// starts a memo of its own from the last one's, so what a build no longer asks for (a deleted
/// file's article) is forgotten.
package final class CarriedMemo<Key: Hashable, Value>: @unchecked Sendable {
    private var earlier: CarriedMemo?
    private let lock = NSLock()
    private var entries: [Key: Value] = [:]

    package init(after earlier: CarriedMemo? = nil) {
        self.earlier = earlier
    }

    /// Drops the earlier build's memo, once this build has asked for everything it needs.
    func forgetEarlier() {
        lock.withLock { earlier = nil }
    }

    /// The earlier build's value for `key` when `reusable` accepts it, else `make()`; kept for the
    /// next build either way. `reused` says which.
    func value(for key: Key, reusable: (Value) -> Bool = { _ in true }, make: () -> Value) -> (value: Value, reused: Bool) {
        if let earlier = lock.withLock({ earlier }), let kept = earlier.lock.withLock({ earlier.entries[key] }), reusable(kept) {
            lock.withLock { entries[key] = kept }
            return (kept, true)
        }
        let made = make()
        lock.withLock { entries[key] = made }
        return (made, false)
    }
}

/// A guidance article as a build parsed it: the exact text read, the article, and the diagnostics
/// the parse reported. Compared by that text, so a file that changes while a build reads it is
/// never paired with another text's article.
package struct ParsedArticle {
    let text: String
    let article: GuidanceArticle?
    let report: DiagnosticReport
}

/// `serve`'s articles by content path: a rebuild parses again only those whose text changed.
package typealias ArticleMemo = CarriedMemo<String, ParsedArticle>
