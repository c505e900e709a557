import ExportalDomain
import ExportalMarkdown

/// The loaded, validated and fully resolved content. Rendering reads only from here and
/// never discovers a problem of its own.
struct ContentGraph: Sendable {
    let site: SiteConfig
    /// Published articles (drafts removed), sorted by slug.
    let articles: [GuidanceArticle]
    let lists: [ControlList]
    let modules: [TrainingModule]
    /// Sorted by term, case-insensitively.
    let glossary: [GlossaryTerm]
    /// PRIVATE. Kept for checks and for the checklist output; the portal renderer never reads it.
    let exporters: [ExporterProfile]
    private let markdown: [MarkdownSource: RenderedMarkdown]

    func html(_ source: MarkdownSource) -> RenderedMarkdown {
        guard let rendered = markdown[source] else { preconditionFailure("Markdown was not rendered during resolution") }
        return rendered
    }

    /// Validates references between files and renders every Markdown text once.
    static func resolve(_ content: ContentSet, report: DiagnosticSink) -> ContentGraph? {
        guard let site = content.site else { return nil }
        var renderer = MarkdownStage(allowRawHTML: site.allowRawHTML, report: report)
        let articles = content.guidance.filter { !$0.draft }.sorted { $0.slug < $1.slug }
        for article in content.guidance { renderer.render(article.body, title: article.title) }
        for list in content.controlLists {
            list.description.map { renderer.render($0) }
            for entry in list.entries {
                for item in entry.flattened {
                    item.description.map { renderer.render($0) }
                    (item.notes + item.technicalNotes).forEach { renderer.render($0) }
                }
            }
        }
        for module in content.modules {
            module.objectives.forEach { renderer.render($0) }
            module.lessons.forEach { renderer.render($0.body, title: $0.title) }
            for question in module.quiz?.questions ?? [] {
                renderer.render(question.question)
                question.choices.forEach { renderer.render($0.text) }
                renderer.render(question.explanation)
            }
        }
        content.glossary.forEach { renderer.render($0.definition) }
        guard !report.hasErrors else { return nil }
        return ContentGraph(
            site: site, articles: articles, lists: content.controlLists.sorted { $0.id < $1.id },
            modules: content.modules.sorted { $0.id < $1.id },
            glossary: content.glossary.sorted { ($0.term.lowercased(), $0.id) < ($1.term.lowercased(), $1.id) },
            exporters: content.exporters, markdown: renderer.rendered)
    }
}

/// Renders Markdown through cmark-gfm once per text and checks the heading structure:
/// the page title is the only h1, so a level-1 heading in a body is an error.
struct MarkdownStage {
    let allowRawHTML: Bool
    let report: DiagnosticSink
    private(set) var rendered: [MarkdownSource: RenderedMarkdown] = [:]

    init(allowRawHTML: Bool, report: DiagnosticSink) {
        self.allowRawHTML = allowRawHTML
        self.report = report
    }

    mutating func render(_ source: MarkdownSource, title: String? = nil) {
        guard rendered[source] == nil else { return }
        let result = MarkdownRenderer.render(source.text, options: MarkdownOptions(allowRawHTML: allowRawHTML, leadingTitle: title))
        for heading in result.headings where heading.level == 1 {
            report.error(source.location(line: heading.line, column: heading.column),
                         "level-1 heading '\(heading.text)' in the body: the title is the page's only h1",
                         hint: "use '##' for sections")
        }
        rendered[source] = result
    }
}
