@testable import ExportalCore
import ExportalMarkdown
import Foundation
import Testing

/// The resolved graph holds each Markdown text's rendering beside the model it belongs to. On the
/// sample portal (list history with removed entries, sub-items with notes, training with a quiz, a
/// glossary), every model of the content has its record, in order, and every record's rendering is
/// of its own text: linking changes only the plain text of `[[references]]`, so a text without one
/// renders, linked or not, to the same plain text.
@Suite struct ResolvedGraphTests {
    static func sample() throws -> (ContentSet, ContentGraph) {
        let report = DiagnosticSink()
        let folder = ContentFolder(url: FixtureSite.repository.appendingPathComponent("Content"), displayPath: "Content")
        let content = ContentLoader(folder: folder, report: report).load()
        let graph = try #require(ContentGraph.resolve(content, report: report))
        return (content, graph)
    }

    @Test func everyModelHasItsRecordInOrder() throws {
        let (content, graph) = try Self.sample()
        #expect(graph.articles.map(\.slug) == content.guidance.filter { !$0.draft }.map(\.slug).sorted())
        let lists = content.controlLists.sorted { $0.id < $1.id }
        #expect(graph.lists.map(\.id) == lists.map(\.id))
        for (resolved, list) in zip(graph.lists, lists) {
            #expect(resolved.entries.map(\.code) == list.entries.map(\.code))
            #expect(resolved.removedEntries.map(\.item.code) == list.removedEntries.map(\.item.code))
            for (entry, loaded) in zip(resolved.entries, list.entries) {
                #expect(entry.flattened.map(\.code) == loaded.flattened.map(\.code))
            }
        }
        #expect(graph.lists.contains { !$0.removedEntries.isEmpty }, "the sample keeps a removed entry")
        let modules = content.modules.sorted { $0.id < $1.id }
        #expect(graph.modules.map(\.id) == modules.map(\.id))
        for (resolved, module) in zip(graph.modules, modules) {
            #expect(resolved.lessons.map(\.slug) == module.lessons.map(\.slug))
            #expect(resolved.quiz?.questions.count == module.quiz?.questions.count)
            #expect(resolved.objectives.count == module.objectives.count)
        }
        #expect(graph.modules.contains { $0.quiz != nil }, "the sample has a quiz")
        #expect(Set(graph.glossary.map(\.id)) == Set(content.glossary.map(\.id)))
        #expect(graph.glossary.count == content.glossary.count)
    }

    @Test func everyRecordHoldsTheRenderingOfItsOwnText() throws {
        let (_, graph) = try Self.sample()
        var pairs: [(source: MarkdownSource, title: String?, rendered: RenderedMarkdown)] = []
        func add(_ source: MarkdownSource?, _ rendered: RenderedMarkdown?, title: String? = nil) {
            guard let source, let rendered else {
                Issue.record("a text and its rendering must both be there or both be missing")
                return
            }
            pairs.append((source, title, rendered))
        }
        func addItem(_ item: ResolvedItem) {
            if item.item.description != nil || item.description != nil { add(item.item.description, item.description) }
            #expect(item.notes.count == item.item.notes.count && item.technicalNotes.count == item.item.technicalNotes.count)
            for (source, rendered) in zip(item.item.notes, item.notes) { add(source, rendered) }
            for (source, rendered) in zip(item.item.technicalNotes, item.technicalNotes) { add(source, rendered) }
            item.items.forEach(addItem)
        }
        for article in graph.articles { add(article.article.body, article.body, title: article.title) }
        for list in graph.lists {
            if list.list.description != nil || list.description != nil { add(list.list.description, list.description) }
            list.entries.forEach(addItem)
            list.removedEntries.map(\.item).forEach(addItem)
        }
        for module in graph.modules {
            for (source, rendered) in zip(module.module.objectives, module.objectives) { add(source, rendered) }
            for lesson in module.lessons { add(lesson.lesson.body, lesson.body, title: lesson.title) }
            for question in module.quiz?.questions ?? [] {
                add(question.quizQuestion.question, question.question)
                for choice in question.choices { add(choice.choice.text, choice.text) }
                add(question.quizQuestion.explanation, question.explanation)
            }
        }
        for term in graph.glossary { add(term.glossaryTerm.definition, term.definition) }

        var compared = 0
        for pair in pairs where !pair.source.text.contains("[[") {
            let alone = MarkdownRenderer.render(pair.source.text, options: MarkdownOptions(allowRawHTML: graph.site.allowRawHTML,
                                                                                        leadingTitle: pair.title))
            #expect(pair.rendered.plainText == alone.plainText, "\(pair.source.file):\(pair.source.firstLine)")
            compared += 1
        }
        // Most of the sample's texts have no reference, so the comparison covers every kind of record.
        #expect(compared > pairs.count / 2, "compared \(compared) of \(pairs.count) texts")
    }
}
