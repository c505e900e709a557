import ExportalBenchmarks
import Foundation
import Testing

/// `make bench-search` starts with this; a small corpus keeps it working between benchmark runs.
/// What the index holds is tested in ExportalCoreTests; here, that the benchmark's portal is built
/// whole and its figures describe the files written.
@Suite struct SearchBenchmarkTests {
    @Test func theBenchmarkCorpusBuildsAPortalWithItsIndex() throws {
        let scratch = try ScratchFolder(prefix: "exportal-bench-search-test")
        defer { scratch.remove() }
        let output = scratch.url.appendingPathComponent("www")
        let figures = try SearchBenchmark.writePortal(articles: 40, entries: 20, parties: 30,
                                                      templates: Repository.root.appendingPathComponent("Templates").path,
                                                      publicAssets: Repository.root.appendingPathComponent("Public").path,
                                                      output: output.path)
        #expect(figures.pages > 40 + 20 + 30)
        #expect(figures.shards > 10 && figures.indexBytes > figures.manifestBytes && figures.manifestBytes > 0)
        let written = try OutputFiles(output)
        #expect(written.files.filter { $0.path.hasPrefix("search/") }.count == figures.indexFiles)
        // The rare word is in as many published articles as the benchmark says it put it in.
        let articles = written.files.filter { $0.path.hasPrefix("guidance/article-") && $0.path.hasSuffix(".html") }
        #expect(articles.count == 40)
        let containing = try articles.filter { file in
            try String(contentsOf: output.appendingPathComponent(file.path), encoding: .utf8).contains(figures.rareWord)
        }
        #expect((2...4).contains(figures.rareWordDocuments) && containing.count == figures.rareWordDocuments)
    }
}
