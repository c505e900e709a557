import ExportalDomain
import ExportalMarkdown
import Mustache

/// The guidance index (grouped by tag) and one page per published article.
struct GuidancePages {
    let graph: ContentGraph

    /// An article as lists of articles show it, on a page whose root is `root`.
    static func summary(_ article: GuidanceArticle, root: String) -> ArticleSummary {
        ArticleSummary(title: article.title, summary: article.summary, path: PortalPaths.article(article.slug), root: root,
                       updated: article.updated, tags: article.tags)
    }

    /// The pages, as work that can be done apart: the index, then a page per article.
    func makers() -> [PageMaker] {
        [{ [indexPage()] }] + graph.articles.map { article in { [articlePage(article)] } }
    }

    func indexPage() -> Page {
        let root = PortalPaths.root(of: PortalPaths.guidanceIndex)
        let tags = Set(graph.articles.flatMap(\.tags)).sorted()
        let groups = tags.map { tag -> [String: Any] in
            let articles = graph.articles.filter { $0.tags.contains(tag) }
            return ["tag": tag, "count": articles.count, "articles": articles.map { Self.summary($0.article, root: root) }]
        }
        let untagged = graph.articles.filter(\.tags.isEmpty).map { Self.summary($0.article, root: root) }
        return Page(path: PortalPaths.guidanceIndex, template: "guidance-index", title: "Guidance",
                    description: "Articles on export controls of dual-use items, grouped by topic.", section: "guidance",
                    breadcrumbs: [("Home", "index.html")],
                    values: ["tags": groups, "articles": graph.articles.map { Self.summary($0.article, root: root) },
                             "untagged": untagged, "hasUntagged": !untagged.isEmpty])
    }

    func articlePage(_ article: ResolvedArticle) -> Page {
        let path = PortalPaths.article(article.slug)
        return Page(path: path, template: "article", title: article.title,
                    description: article.summary, section: "guidance",
                    breadcrumbs: [("Home", "index.html"), ("Guidance", PortalPaths.guidanceIndex)],
                    values: ArticleValues(article: article.article, body: article.body,
                                          links: graph.referencedInValues(page: path).merging(graph.relatedValues(page: path)) { $1 }))
    }

    /// What the `article` template sees: the article's fields, its rendered body and table of
    /// contents, and its "Referenced in" and "Related" sections (`links`).
    struct ArticleValues: MustacheParent {
        let article: GuidanceArticle
        let body: RenderedMarkdown
        let links: [String: Any]
        /// Level-2 and level-3 headings: `text`, `anchor`, `level`, `isSub`.
        let toc: [[String: Any]]

        init(article: GuidanceArticle, body: RenderedMarkdown, links: [String: Any]) {
            self.article = article
            self.body = body
            self.links = links
            toc = body.headings.filter { (2...3).contains($0.level) }.map {
                ["text": $0.text, "anchor": $0.anchor, "level": $0.level, "isSub": $0.level == 3]
            }
        }

        func child(named name: String) -> Any? {
            switch name {
            case "title": article.title
            case "summary": orFalse(article.summary)
            case "body": body.html
            case "updated": orFalse(article.updated)
            case "tags": article.tags.map { ["tag": $0] }
            case "hasTags": !article.tags.isEmpty
            case "audience": orFalse(article.audience.map(\.title).joined(separator: ", "))
            case "toc": toc
            case "hasToc": toc.count > 1
            default: links[name]
            }
        }
    }
}

/// An article in a list of articles: `title`, `summary` and `updated` (or `false`), `path`,
/// `href` (the path from the list's page) and `tags` (each with `tag`). The guidance index lists
/// every article twice or more, so its rows answer from fields and carry their `href`.
struct ArticleSummary: MustacheParent {
    let title: String
    let summary: String?
    let path: String
    let href: String
    let updated: String?
    let tags: [String]

    init(title: String, summary: String?, path: String, root: String, updated: String?, tags: [String]) {
        self.title = title
        self.summary = summary
        self.path = path
        href = root + path
        self.updated = updated
        self.tags = tags
    }

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "summary": orFalse(summary)
        case "path": path
        case "href": href
        case "updated": orFalse(updated)
        case "tags": tags.map { ["tag": $0] }
        default: nil
        }
    }
}
