import Foundation

/// `serve`'s tokenised search blocks, by the fingerprint of their documents' searchable fields
/// (`SearchPostings`): a rebuild tokenises again only the blocks whose documents changed (editing
/// an article changes one block of 256; adding one shifts the blocks after it).
typealias SearchMemo = CarriedMemo<Fingerprint, TokenisedBlock>

extension CarriedMemo where Key == Fingerprint, Value == TokenisedBlock {
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
        return value(for: digest.fingerprint) { TokenisedBlock(documents) }.value
    }
}

/// What `serve` keeps from one build for the next besides its pages: the articles it parsed, the
/// pages it linked, its listing pages' values and the search blocks it tokenised.
package struct BuildMemos: Sendable {
    let articles: ArticleMemo
    let links: LinkMemo
    let listings: ListingMemo
    let search: SearchMemo

    package init(after earlier: BuildMemos? = nil) {
        articles = ArticleMemo(after: earlier?.articles)
        links = LinkMemo(after: earlier?.links)
        listings = ListingMemo(after: earlier?.listings)
        search = SearchMemo(after: earlier?.search)
    }

    /// Called once the build is over: each memo lets go of the one before it, or every build's
    /// memos would stay alive through the chain.
    func settle() {
        articles.forgetEarlier()
        links.forgetEarlier()
        listings.forgetEarlier()
        search.forgetEarlier()
    }
}

/// `serve`'s listing pages: the fingerprint of each one's values, by what they were made from (the
/// place's inputs and the page's number; `BacklinkListingPages.inputs`). Nil where the values
/// could not be read whole.
typealias ListingMemo = CarriedMemo<Fingerprint, Fingerprint?>
