import Foundation

/// The search index's tokenised blocks as `serve`'s last build made them, by the fingerprint of
/// their documents' searchable fields: a rebuild tokenises again only the blocks whose documents
/// changed (editing an article changes one block of 256; adding one shifts the blocks after it).
/// Each build starts a memo of its own from the last one's.
package final class SearchMemo: @unchecked Sendable {
    private let earlier: SearchMemo?
    private let lock = NSLock()
    private var blocks: [Fingerprint: TokenisedBlock] = [:]

    package init(after earlier: SearchMemo? = nil) {
        self.earlier = earlier
    }

    func block(_ documents: ArraySlice<SearchDocument>) -> TokenisedBlock {
        var digest = ValueDigest(capacity: 64 * 1024)
        digest.add(documents.count)
        for document in documents {
            digest.add(document.fields.count)
            for (field, text) in document.fields {
                digest.add(field.rawValue)
                digest.add(text)
            }
        }
        let key = digest.fingerprint
        let block = earlier?.lock.withLock({ earlier?.blocks[key] }) ?? TokenisedBlock(documents)
        lock.withLock { blocks[key] = block }
        return block
    }
}

/// What `serve` keeps from one build for the next besides its pages: the articles it parsed and
/// the search blocks it tokenised.
package struct BuildMemos: Sendable {
    package let articles: ArticleMemo
    package let search: SearchMemo

    package init(after earlier: BuildMemos? = nil) {
        articles = ArticleMemo(after: earlier?.articles)
        search = SearchMemo(after: earlier?.search)
    }
}
