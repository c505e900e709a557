@testable import ExportalCore
import ExportalDomain
import ExportalMarkdown
import Testing

/// The generated corpus of `make bench-links`: it must resolve, link every kind of reference, and
/// have a glossary shaped like a real one, or its figures say nothing about a real portal.
@Suite struct LinkingBenchmarkTests {
    @Test func theCorpusResolvesAndLinksEveryKindOfReferenceItIsMadeOf() throws {
        var corpus = Corpus(pages: 40, entries: 30, terms: 150)
        let report = DiagnosticSink()
        let graph = try #require(ContentGraph.resolve(corpus.content(), report: report))
        #expect(!report.hasErrors)
        let kinds = Set(graph.references.all.map(\.via))
        #expect(kinds == [.code, .term, .explicit])
        // A term is linked once per page at most.
        let termLinks = graph.references.all.filter { $0.via == .term }.map { "\($0.source.path) \($0.target.id)" }
        #expect(!termLinks.isEmpty && Set(termLinks).count == termLinks.count)
    }

    /// Real glossaries begin their phrases with words their prose is full of: about one word in ten
    /// of the sample's guidance begins some phrase, and "export" begins six. So does the corpus's.
    @Test func itsGlossaryBeginsPhrasesWithWordsOfItsProse() {
        var corpus = Corpus(pages: 20, entries: 10, terms: 150)
        let content = corpus.content()
        let phrases = content.glossary.flatMap { [$0.term] + $0.synonyms }
        #expect(Set(phrases).count == phrases.count)
        let firstWords = phrases.map { String($0.split(separator: " ")[0]) }
        #expect(Set(firstWords).count == Corpus.firstWords.count)
        #expect(firstWords.filter { $0 == "export" }.count == 12)

        let words = content.guidance.flatMap { $0.body.text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) }.map(String.init)
        let beginning = words.filter(Set(firstWords).contains).count
        let share = Double(beginning) / Double(words.count)
        #expect(share > 0.07 && share < 0.14, "\(beginning) of \(words.count) words begin a phrase")
        // Most of those are not followed by the phrase's second word: their lookups fail.
        let mentions = content.guidance.map { article in phrases.filter { article.body.text.contains($0) }.count }.reduce(0, +)
        #expect(mentions * 3 < beginning)
    }
}
