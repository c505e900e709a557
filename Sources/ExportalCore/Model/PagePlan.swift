import ExportalDomain

/// Which Markdown texts appear on which page, in reading order. Linking follows this plan so a
/// glossary term is linked at its first occurrence on each page and every link is relative to
/// the page it is on.
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
        package var sources: [Part] = []
        /// Ids the templates give the page (sub-item codes, term ids, question ids).
        var anchors: Set<String> = []
        var related: [(String, SourceLocation)] = []
    }

    package private(set) var pages: [PlannedPage] = []

    package init(content: ContentSet, glossary: [GlossaryTerm]) {
        for article in content.guidance.sorted(by: { $0.slug < $1.slug }) {
            pages.append(PlannedPage(ref: PageRef(path: PortalPaths.article(article.slug), title: article.title, kind: .guidance),
                                     published: !article.draft, sources: [Part(source: article.body, title: article.title)],
                                     related: article.related))
        }
        for list in content.controlLists.sorted(by: { $0.id < $1.id }) {
            pages.append(PlannedPage(ref: PageRef(path: PortalPaths.list(list.id), title: list.title, kind: .list), list: list.id,
                                     sources: list.description.map { [Part(source: $0)] } ?? [],
                                     anchors: Set(list.entries.flatMap { ["category-\($0.code.category)",
                                                                          "group-\($0.code.category)\($0.code.productGroup.rawValue)"] })))
            for entry in list.entries {
                pages.append(PlannedPage(
                    ref: PageRef(path: PortalPaths.entry(list: list.id, entryCode: entry.code.entryCode),
                                 title: "\(entry.code) \(entry.title)", kind: .entry),
                    list: list.id, sources: Self.entryTexts(entry).map { Part(source: $0) },
                    anchors: Set(entry.flattened.map(\.code.description))))
            }
            // A removed entry keeps its page, with its texts as the last version that held it wrote
            // them: rendered and linked like any entry's, so its links are checked too.
            for removed in list.removedEntries {
                let entry = removed.item
                pages.append(PlannedPage(
                    ref: PageRef(path: PortalPaths.entry(list: list.id, entryCode: entry.code.entryCode),
                                 title: "\(entry.code) \(entry.title)", kind: .entry),
                    list: list.id, sources: Self.entryTexts(entry).map { Part(source: $0) },
                    anchors: Set(entry.flattened.map(\.code.description))))
            }
        }
        for module in content.modules.sorted(by: { $0.id < $1.id }) {
            pages.append(PlannedPage(ref: PageRef(path: PortalPaths.module(module.id), title: module.title, kind: .module),
                                     sources: module.objectives.map { Part(source: $0) }, related: module.related))
            for lesson in module.lessons {
                pages.append(PlannedPage(ref: PageRef(path: PortalPaths.lesson(module: module.id, lesson.slug), title: lesson.title, kind: .lesson),
                                         sources: [Part(source: lesson.body, title: lesson.title)], related: lesson.related))
            }
            if let quiz = module.quiz {
                let texts = quiz.questions.flatMap { [$0.question] + $0.choices.map(\.text) + [$0.explanation] }
                pages.append(PlannedPage(ref: PageRef(path: PortalPaths.quiz(module: module.id), title: "\(quiz.title): \(module.title)", kind: .quiz),
                                         sources: texts.map { Part(source: $0) },
                                         anchors: Set(quiz.questions.indices.map { "q\($0 + 1)" })))
            }
        }
        if !glossary.isEmpty {
            pages.append(PlannedPage(ref: PageRef(path: PortalPaths.glossary, title: "Glossary", kind: .glossary),
                                     sources: glossary.map { Part(source: $0.definition, ownTerm: $0.id) },
                                     anchors: Set(glossary.map(\.id))))
        }
    }

    /// An entry page shows its description, then each sub-item's texts depth first, then its own notes.
    static func entryTexts(_ entry: ControlItem) -> [MarkdownSource] {
        func itemTexts(_ item: ControlItem) -> [MarkdownSource] {
            Array(item.description.map { [$0] } ?? []) + item.notes + item.technicalNotes + item.items.flatMap(itemTexts)
        }
        return Array(entry.description.map { [$0] } ?? []) + entry.items.flatMap(itemTexts) + entry.notes + entry.technicalNotes
    }
}
