@testable import ExportalBenchmarks
import ExportalCore
import Foundation
import Testing

/// `make bench-serve`: its edits change what they say and nothing else, the pages it waits for
/// really show them, and its figures and readings (HTTP answers, /proc) are read right. No timing.
@Suite struct ServeBenchmarkTests {
    static let sample = Repository.root.appendingPathComponent("Content")

    @Test func anArticleEditPutsTheMarkerFirstInTheBodyAndKeepsTheFrontMatter() throws {
        let frontMatter = "---\ntitle: \"Article 3 on export\"\nsummary: \"Dashes --- inside a value.\"\nupdated: 2026-01-04\n---\n"
        let body = "\nEvery article of this benchmark concerns one dual-use item.\n\n## Section 1: goods\n\nText.\n"
        let edited = try ServeEdits.article(frontMatter + body, marker: "servemarkx001")
        #expect(edited.hasPrefix(frontMatter))
        #expect(edited.hasSuffix(body))
        #expect(edited == frontMatter + "\nEdited: servemarkx001.\n" + body)
        #expect(throws: ServeEdits.Failure.self) { try ServeEdits.article("No front matter.\n", marker: "servemarkx001") }
        #expect(throws: ServeEdits.Failure.self) { try ServeEdits.article("---\ntitle: unclosed\n", marker: "servemarkx001") }
    }

    @Test func aGlossaryEditChangesOnlyTheFirstWordOfThatTermsDefinition() throws {
        let yaml = try String(contentsOf: Self.sample.appendingPathComponent("glossary.yml"), encoding: .utf8)
        let edited = try ServeEdits.glossary(yaml, term: "Control list", marker: "servemarkg004")
        let before = yaml.components(separatedBy: "\n"), after = edited.components(separatedBy: "\n")
        let changed = zip(before, after).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(before.count == after.count && changed.count == 1)
        let line = try #require(changed.first)
        #expect(line.element.1 == line.element.0.replacingOccurrences(of: "An official list", with: "servemarkg004 An official list"))
        #expect(before[line.offset - 3].contains("- term: Control list"))

        let inline = "terms:\n  - term: Broker\n    definition: Someone who arranges a deal.\n  - term: Catch-all\n    definition: |\n      A rule.\n"
        #expect(try ServeEdits.glossary(inline, term: "Broker", marker: "m")
                == inline.replacingOccurrences(of: "definition: Someone", with: "definition: m Someone"))
        #expect(try ServeEdits.glossary(inline, term: "Catch-all", marker: "m") == inline.replacingOccurrences(of: "      A rule.", with: "      m A rule."))
        #expect(throws: ServeEdits.Failure.self) { try ServeEdits.glossary(inline, term: "Annex IV", marker: "m") }
        #expect(throws: ServeEdits.Failure.self) { try ServeEdits.glossary("terms:\n  - term: Bare\n    id: bare\n", term: "Bare", marker: "m") }
    }

    /// What the benchmark waits for must come: the glossary edit shows on every article page (in
    /// the term's tooltip), an article edit on its own page.
    @Test func theServedPagesShowBothKindsOfEdit() throws {
        let scratch = try ScratchFolder(prefix: "exportal-bench-serve-test")
        defer { scratch.remove() }
        var generator = try ArticleGenerator(sampleAt: Self.sample)
        let term = try #require(generator.terms.first)
        let articles = (0..<4).map { index in
            let article = generator.article(index)
            return ArticleGenerator.Article(index: index, title: article.title, summary: article.summary, date: article.date,
                                            tag: article.tag, body: ServeEdits.termSentence(term) + article.body)
        }
        let sites = try BuildSites.write(articles, sample: Self.sample, into: scratch.url)
        let glossary = sites.exportalContent.appendingPathComponent("glossary.yml")
        try Data(ServeEdits.glossary(String(contentsOf: glossary, encoding: .utf8), term: term, marker: "servemarkglossary001").utf8)
            .write(to: glossary)
        let article = sites.exportalContent.appendingPathComponent("guidance/bench-article-00002.md")
        try Data(ServeEdits.article(String(contentsOf: article, encoding: .utf8), marker: "servemarkarticle002").utf8).write(to: article)

        let rendered = BuildPipeline(options: BuildOptions(content: sites.exportalContent.path,
                                                           templates: Repository.root.appendingPathComponent("Templates").path,
                                                           publicAssets: Repository.root.appendingPathComponent("Public").path)).render()
        #expect(rendered.result.succeeded, "\(rendered.result.diagnostics.prefix(5))")
        for index in 0..<4 {
            let page = String(decoding: try #require(rendered.files["guidance/bench-article-0000\(index).html"]), as: UTF8.self)
            #expect(page.contains("role=\"tooltip\"") && page.contains("servemarkglossary001"), "article \(index)")
            #expect(page.contains("servemarkarticle002") == (index == 2), "article \(index)")
        }
    }

    @Test func markersAreUniqueWordsThatNoLinkerReadsAsACode() {
        let markers = ["Exportal", "Hugo"].flatMap { tool in ["article", "glossary"].flatMap { edit in
            (0..<20).map { ServeEdits.marker(tool: tool, edit: edit, number: $0) }
        } }
        #expect(Set(markers).count == 80)
        #expect(markers.allSatisfy { $0.hasPrefix("servemark") && $0.allSatisfy { $0.isLowercase || $0.isNumber } })
        #expect(!markers.contains { $0.contains(/[0-9][A-Ea-e][0-9]{3}/) })
    }

    @Test func editsAreSpreadOverTheArticlesAndTheRounds() {
        let indices = (0..<20).map { ServeEdits.articleIndex(edit: $0, of: 20, pages: 10_000) }
        #expect(Set(indices).count == 20 && indices.allSatisfy { (0..<10_000).contains($0) })
        #expect(indices.first == 250 && indices.last == 9_750)
        #expect(Set((0..<5).map { ServeEdits.articleIndex(edit: $0, of: 5, pages: 3) }).isSubset(of: [0, 1, 2]))
        #expect(ServeEdits.glossaryRounds(edits: 20, glossaryEdits: 5) == [0, 4, 8, 12, 16])
        #expect(ServeEdits.glossaryRounds(edits: 3, glossaryEdits: 5) == [0, 1, 2])
        #expect(ServeEdits.glossaryRounds(edits: 20, glossaryEdits: 0).isEmpty)
    }

    @Test func latenciesAreSummedUpAsMedianLeastAndMost() throws {
        let even = try #require(ServeBenchmark.Summary([40, 10, 30, 20]))
        #expect(even == ServeBenchmark.Summary([10, 20, 30, 40]) && even.median == 25 && even.min == 10 && even.max == 40 && even.count == 4)
        #expect(ServeBenchmark.Summary([700, 5, 9])?.median == 9)
        #expect(ServeBenchmark.Summary([]) == nil)

        let exportal = ServeBenchmark.Row(tool: .exportal, edit: .article, latency: even, firstPage: 3, peakRSS: 500_000_000)
        let hugo = ServeBenchmark.Row(tool: .hugo, edit: .article, latency: try #require(.init([50, 50, 100])), firstPage: 1.5,
                                      peakRSS: 1_000_000_000)
        let lines = ServeTable.lines([exportal, hugo])
        #expect(lines == [
            "| Exportal | article body | 4 | 25 | 10 | 40 | 3.00 | 500.0 |",
            "| Hugo | article body | 3 | 50 | 50 | 100 | 1.50 | 1000.0 |",
            "| Exportal / Hugo | article body |  | 0.50× | 0.20× | 0.40× | 2.00× | 0.50× |",
        ])
    }

    @Test func answersAreReadWhenCompleteWhateverTheirFraming() throws {
        func data(_ text: String) -> Data { Data(text.utf8) }
        let sized = LoopbackHTTP.parse(data("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/html\r\n\r\nhello"))
        #expect(sized == .init(status: 200, headers: ["content-length": "5", "content-type": "text/html"], body: data("hello")))
        #expect(LoopbackHTTP.parse(data("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhello")) == nil)
        let chunked = "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;x=y\r\n, world\r\n"
        #expect(LoopbackHTTP.parse(data(chunked)) == nil)
        #expect(LoopbackHTTP.parse(data(chunked + "0\r\n\r\n"))?.body == data("hello, world"))
        #expect(LoopbackHTTP.parse(data(chunked + "0\r\n\r\n"))?.status == 404)
        #expect(LoopbackHTTP.parse(data("HTTP/1.0 200 OK\r\n\r\nuntil the end")) == nil)
        #expect(LoopbackHTTP.parse(data("HTTP/1.0 200 OK\r\n\r\nuntil the end"), closed: true)?.body == data("until the end"))
        #expect(LoopbackHTTP.parse(data("SSH-2.0-OpenSSH\r\n\r\n"), closed: true) == nil)
    }

    @Test func cpuTimeAndPeakMemoryAreReadFromProc() throws {
        // The command name may hold spaces and parentheses; utime and stime are fields 14 and 15.
        let stat = "4242 (hugo (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 731 52 0 0 20 0 12 0 9 9 9"
        #expect(ServerProcess.cpuTicks(stat: stat) == 783)
        #expect(ServerProcess.cpuTicks(stat: "4242 (short) S 1") == nil)
        #expect(ServerProcess.peakRSS(status: "Name:\thugo\nVmPeak:\t 9999 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 1 kB\n") == 123_456 * 1024)
        #expect(ServerProcess.peakRSS(status: "Name:\tkthreadd\n") == nil)

        let scratch = try ScratchFolder(prefix: "exportal-bench-serve-process-test")
        defer { scratch.remove() }
        let server = try ServerProcess(["sleep", "60"], log: scratch.url.appendingPathComponent("log"))
        // Right after the spawn the child may not have exec'd `sleep` yet (a loaded machine): its
        // memory is read once it has, waiting at most 10 s.
        for _ in 0..<1000 where (server.peakRSS() ?? 0) <= 100_000 { usleep(10_000) }
        #expect(server.exitStatus() == nil && server.cpuTicks() != nil && (server.peakRSS() ?? 0) > 100_000)
        #expect(ServerProcess.running.all().contains(server.pid))
        server.stop()
        #expect(server.exitStatus() == 128 + SIGTERM && server.cpuTicks() == nil)
        #expect(!ServerProcess.running.all().contains(server.pid))
    }
}
