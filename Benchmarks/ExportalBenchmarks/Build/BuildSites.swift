import Foundation

/// The two sites `make bench-build` builds from the same generated articles: an Exportal content
/// folder and a Hugo site, side by side in one scratch folder.
struct BuildSites {
    let exportalContent: URL
    let hugoSite: URL

    /// Exportal's folder is the sample content without exporters/ (so no private checklists are
    /// written) plus the articles in guidance/; Hugo's has the articles in content/guidance/, with
    /// the front-matter keys Hugo reads (title, description, date, tags), and a three-template theme.
    static func write(_ articles: [ArticleGenerator.Article], sample: URL, into folder: URL) throws -> BuildSites {
        let sites = BuildSites(exportalContent: folder.appendingPathComponent("exportal-content"),
                               hugoSite: folder.appendingPathComponent("hugo-site"))
        try FileManager.default.copyItem(at: sample, to: sites.exportalContent)
        try? FileManager.default.removeItem(at: sites.exportalContent.appendingPathComponent("exporters"))

        var exportal = ContentTree()
        var hugo = HugoTheme.files
        hugo.files["hugo.toml"] = """
        baseURL = "https://example.org/compliance/"
        title = "Benchmark"
        languageCode = "en"
        theme = "bench"

        """
        for article in articles {
            let title = ContentTree.quoted(article.title), summary = ContentTree.quoted(article.summary)
            exportal.files["guidance/\(article.fileName)"] = page(["title": title, "summary": summary, "tags": "[\(article.tag)]",
                                                                 "updated": article.date], article.body)
            hugo.files["content/guidance/\(article.fileName)"] = page(["title": title, "description": summary, "tags": "[\(article.tag)]",
                                                                      "date": article.date], article.body)
        }
        try exportal.write(to: sites.exportalContent)
        try hugo.write(to: sites.hugoSite)
        return sites
    }

    /// A Markdown file with YAML front matter, keys in sorted order.
    private static func page(_ frontMatter: [String: String], _ body: String) -> String {
        "---\n" + frontMatter.keys.sorted().map { "\($0): \(frontMatter[$0]!)\n" }.joined() + "---\n\n" + body
    }
}
