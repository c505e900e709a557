import ExportalDomain
import ExportalMarkdown

/// Which Markdown texts appear on which page, in reading order. Linking follows this plan so a
/// glossary term is linked at its first occurrence on each page and every link is relative to
/// the page it is on. Each page names the model its texts come from (`PageContent`), and its texts
/// are found by walking that model as linking does (`PageContent.resolved(_:)`).
package struct PagePlan {
    package struct Part {
        package let source: MarkdownSource
        /// Page title, dropped when the text opens with it as a level-1 heading.
        var title: String?
        /// A glossary definition does not link its own term.
        var ownTerm: String?
    }

    package struct PlannedPage {
        let ref: PageRef
        var published = true
        var list: String?
        /// The model the page's texts come from.
        let content: PageContent
        /// The page's texts, in reading order (`PageContent.resolved(_:)` visits them).
        package let sources: [Part]
        /// Ids the templates give the page (sub-item codes, term ids, question ids).
        var anchors: Set<String> = []
        var related: [(String, SourceLocation)] = []

        init(ref: PageRef, published: Bool = true, list: String? = nil, content: PageContent, anchors: Set<String> = [],
             related: [(String, SourceLocation)] = []) {
            self.ref = ref
            self.published = published
            self.list = list
            self.content = content
            var sources: [Part] = []
            _ = content.resolved { part in
                sources.append(part)
                return Self.unrendered
            }
            self.sources = sources
            self.anchors = anchors
            self.related = related
        }

        /// What the walk that lists a page's texts gives each, to be thrown away with the records it makes.
        private static let unrendered = MarkdownRenderer.render("")
    }

    package private(set) var pages: [PlannedPage] = []

    package init(content: ContentSet, glossary: [GlossaryTerm]) {
        for article in content.guidance.sorted(by: { $0.slug < $1.slug }) {
            pages.append(PlannedPage(ref: PageRef(path: PortalPaths.article(article.slug), title: article.title, kind: .guidance),
                                     published: !article.draft, content: .article(article), related: article.related))
        }
        for list in content.controlLists.sorted(by: { $0.id < $1.id }) {
            pages.append(PlannedPage(ref: PageRef(path: PortalPaths.list(list.id), title: list.title, kind: .list), list: list.id,
                                     content: .list(list),
                                     anchors: Set(list.entries.flatMap { ["category-\($0.code.category)",
                                                                          "group-\($0.code.category)\($0.code.productGroup.rawValue)"] })))
            for entry in list.entries {
                pages.append(PlannedPage(
                    ref: PageRef(path: PortalPaths.entry(list: list.id, entryCode: entry.code.entryCode),
                                 title: "\(entry.code) \(entry.title)", kind: .entry),
                    list: list.id, content: .entry(entry), anchors: Set(entry.flattened.map(\.code.description))))
            }
            // A removed entry keeps its page, with its texts as the last version that held it wrote
            // them: rendered and linked like any entry's, so its links are checked too.
            for removed in list.removedEntries {
                let entry = removed.item
                pages.append(PlannedPage(
                    ref: PageRef(path: PortalPaths.entry(list: list.id, entryCode: entry.code.entryCode),
                                 title: "\(entry.code) \(entry.title)", kind: .entry),
                    list: list.id, content: .removedEntry(removed), anchors: Set(entry.flattened.map(\.code.description))))
            }
        }
        for module in content.modules.sorted(by: { $0.id < $1.id }) {
            pages.append(PlannedPage(ref: PageRef(path: PortalPaths.module(module.id), title: module.title, kind: .module),
                                     content: .module(module), related: module.related))
            for lesson in module.lessons {
                pages.append(PlannedPage(ref: PageRef(path: PortalPaths.lesson(module: module.id, lesson.slug), title: lesson.title, kind: .lesson),
                                         content: .lesson(lesson), related: lesson.related))
            }
            if let quiz = module.quiz {
                pages.append(PlannedPage(ref: PageRef(path: PortalPaths.quiz(module: module.id), title: "\(quiz.title): \(module.title)", kind: .quiz),
                                         content: .quiz(quiz), anchors: Set(quiz.questions.indices.map { "q\($0 + 1)" })))
            }
        }
        if !glossary.isEmpty {
            pages.append(PlannedPage(ref: PageRef(path: PortalPaths.glossary, title: "Glossary", kind: .glossary),
                                     content: .glossary(glossary), anchors: Set(glossary.map(\.id))))
        }
    }
}
