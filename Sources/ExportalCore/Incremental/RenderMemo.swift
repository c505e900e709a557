import Foundation

/// What one render of the portal leaves for the next: each page's key (the fingerprint of
/// everything its template sees) and the fingerprint of the bytes it rendered to. A later render
/// reuses a page's earlier bytes when its key is unchanged and the bytes it is offered still have
/// that fingerprint, and renders every other page. Pages whose context cannot be read whole
/// (`ValueDigest.isComplete`) have no entry and are always rendered.
package struct RenderMemo: Sendable, Equatable {
    package struct Page: Sendable, Equatable {
        package let key: Fingerprint
        package let output: Fingerprint
    }

    /// What every page shares beyond its frame: templates, assets, site settings, base URL.
    package var shared: Fingerprint
    package var pages: [String: Page] = [:]

    package init(shared: Fingerprint, pages: [String: Page] = [:]) {
        self.shared = shared
        self.pages = pages
    }
}

/// The pages of an earlier render that this one may reuse: its memo, and a way to read one of its
/// pages' bytes (from memory for `serve`, from the previous output folder for `build
/// --incremental`). Bytes are used only when their fingerprint is the one the memo recorded.
package struct PageReuse: Sendable {
    package let memo: RenderMemo
    package let bytes: @Sendable (String) -> Data?

    package init(memo: RenderMemo, bytes: @escaping @Sendable (String) -> Data?) {
        self.memo = memo
        self.bytes = bytes
    }

    /// The earlier bytes of the page at `path` if `key` is the one they were rendered from.
    func reusable(_ path: String, key: Fingerprint, shared: Fingerprint) -> Data? {
        guard memo.shared == shared, let earlier = memo.pages[path], earlier.key == key, let data = bytes(path),
              Fingerprint(of: data) == earlier.output else { return nil }
        return data
    }
}

/// How many pages one render made anew and how many it took from the earlier render.
public struct RenderCounts: Sendable, Equatable {
    public var rendered = 0
    public var reused = 0
    /// `serve`: the pages whose texts were linked again rather than taken from the last build
    /// (`LinkMemo`); nil where every page was linked.
    public var linked: Int?

    public init(rendered: Int = 0, reused: Int = 0) {
        self.rendered = rendered
        self.reused = reused
    }
}
