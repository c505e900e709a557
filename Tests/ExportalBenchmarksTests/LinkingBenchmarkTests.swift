@testable import ExportalBenchmarks
import ExportalCore
import Foundation
import Testing

/// The generated corpus of `make bench-links`: it must load and resolve, link every kind of
/// reference, and have a glossary shaped like a real one, or its figures say nothing about a real portal.
@Suite struct LinkingBenchmarkTests {
    @Test func theCorpusResolvesAndLinksEveryKindOfReferenceItIsMadeOf() throws {
        var corpus = Corpus(pages: 40, entries: 30)
        let scratch = try ScratchFolder(prefix: "exportal-bench-test")
        defer { scratch.remove() }
        try corpus.generate().tree.write(to: scratch.url)
        let report = DiagnosticSink()
        let content = LinkingBenchmark.load(scratch.url, display: "Bench", report: report)
        let graph = try #require(ContentGraph.resolve(content, report: report))
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
        var corpus = Corpus(pages: 20, entries: 10)
        let generated = corpus.generate()
        let phrases = generated.phrases.flatMap { [$0, $0 + "s"] }
        #expect(Set(phrases).count == phrases.count)
        let firstWords = phrases.map { String($0.split(separator: " ")[0]) }
        #expect(Set(firstWords).count == Corpus.firstWords.count)
        #expect(firstWords.filter { $0 == "export" }.count == 12)

        let words = generated.articles.flatMap { $0.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) }.map(String.init)
        let beginning = words.filter(Set(firstWords).contains).count
        let share = Double(beginning) / Double(words.count)
        #expect(share > 0.07 && share < 0.14, "\(beginning) of \(words.count) words begin a phrase")
        // Most of those are not followed by the phrase's second word: their lookups fail.
        let mentions = generated.articles.map { article in phrases.filter { article.contains($0) }.count }.reduce(0, +)
        #expect(mentions * 3 < beginning)
    }

    /// The figures of a small run: every text rendered both ways, and references found in it.
    @Test func aSmallRunMeasuresTheWholeCorpus() throws {
        let figures = try LinkingBenchmark.run(pages: 20, entries: 10)
        #expect(figures.pages == 20 && figures.entries == 10 && figures.codes == 50)
        #expect(figures.references > 20 * 10)
        #expect(figures.parse > .zero && figures.link > .zero && figures.baselineParse > .zero)
    }
}
