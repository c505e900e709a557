@testable import ExportalBenchmarks
import ExportalCore
import Foundation
import Testing

/// `make bench-build`: the generated articles are what the benchmark says they are, both sites
/// are built from the same ones, and the child's figures come from the child.
@Suite struct BuildBenchmarkTests {
    static let sample = Repository.root.appendingPathComponent("Content")

    @Test func articlesAreTwoToSixKilobytesOfEveryKindOfMarkdownAndTheSameEachTime() throws {
        var first = try ArticleGenerator(sampleAt: Self.sample)
        var second = try ArticleGenerator(sampleAt: Self.sample)
        let articles = (0..<200).map { first.article($0) }
        #expect(articles.map(\.body) == (0..<200).map { second.article($0).body })
        #expect(articles.allSatisfy { (2_000...6_000).contains($0.body.utf8.count) }, "\(articles.map(\.body.utf8.count).sorted())")
        let bodies = articles.map(\.body).joined()
        for mark in ["\n## Section 2: ", "\n- ", "\n| Code | Note |\n|---|---|\n"] { #expect(bodies.contains(mark), "\(mark)") }
        // Entries and sub-items of the sample's list, and its glossary terms, as a writer would mention them.
        #expect(first.codes.contains("2B001") && first.codes.contains("5A002.a") && first.terms.contains("Dual-use item"))
        #expect(bodies.contains(/\b[0-9][A-E][0-9]{3}\.[a-z]\b/) && bodies.contains("dual-use item"))
    }

    @Test func bothSitesHoldTheSameArticlesAndExportalsBuildsWithoutChecklists() throws {
        let scratch = try ScratchFolder(prefix: "exportal-bench-build-test")
        defer { scratch.remove() }
        var generator = try ArticleGenerator(sampleAt: Self.sample)
        let articles = (0..<30).map { generator.article($0) }
        let sites = try BuildSites.write(articles, sample: Self.sample, into: scratch.url)

        let guidance = try FileManager.default.contentsOfDirectory(atPath: sites.exportalContent.appendingPathComponent("guidance").path)
        #expect(guidance.filter { $0.hasPrefix("bench-article-") }.count == 30)
        #expect(!FileManager.default.fileExists(atPath: sites.exportalContent.appendingPathComponent("exporters").path))
        let hugoPage = try String(contentsOf: sites.hugoSite.appendingPathComponent("content/guidance/bench-article-00007.md"), encoding: .utf8)
        let exportalPage = try String(contentsOf: sites.exportalContent.appendingPathComponent("guidance/bench-article-00007.md"), encoding: .utf8)
        #expect(hugoPage.hasSuffix(articles[7].body) && exportalPage.hasSuffix(articles[7].body))
        #expect(hugoPage.contains("\ndescription: ") && hugoPage.contains("\ndate: 2026-01-08\n"))
        for template in ["baseof", "single", "list"] {
            #expect(FileManager.default.fileExists(atPath: sites.hugoSite.appendingPathComponent("themes/bench/layouts/_default/\(template).html").path))
        }

        let options = BuildOptions(content: sites.exportalContent.path, templates: Repository.root.appendingPathComponent("Templates").path,
                                   publicAssets: Repository.root.appendingPathComponent("Public").path)
        let check = BuildPipeline(options: options).check()
        #expect(check.succeeded, "\(check.diagnostics.prefix(5))")
    }

    @Test func aChildsExitCodeOutputAndUsageAreItsOwn() throws {
        let scratch = try ScratchFolder(prefix: "exportal-bench-child-test")
        defer { scratch.remove() }
        let log = scratch.url.appendingPathComponent("log")
        // Spins for a moment on the CPU, then fails.
        let usage = try ChildProcess.run(["sh", "-c", "echo out; echo err >&2; i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; exit 3"],
                                         log: log)
        #expect(usage.status == 3)
        #expect(try String(contentsOf: log, encoding: .utf8) == "out\nerr\n")
        #expect(usage.cpu > 0.05 && usage.cpu <= usage.wall * 2 + 0.05)
        // ru_maxrss counts kilobytes: a shell holds about a megabyte, not about a kilobyte.
        #expect(usage.peakRSS > 200_000)
        #expect(throws: ChildProcess.Failure.self) { try ChildProcess.run(["/nonexistent/tool"], log: log) }
    }

    @Test func theTableGivesExportalsFiguresOverHugos() {
        let rows = [BuildBenchmark.Row(pages: 1_000, tool: .exportal, wall: 2, cpu: 3, peakRSS: 200_000_000, outputBytes: 40_000_000,
                                       htmlFiles: 1_500, xrefBytes: 5_000_000),
                    BuildBenchmark.Row(pages: 1_000, tool: .hugo, wall: 1, cpu: 1.5, peakRSS: 100_000_000, outputBytes: 10_000_000,
                                       htmlFiles: 1_100, xrefBytes: nil)]
        let lines = BuildTable.lines(rows)
        #expect(lines[0] == "| 1,000 | Exportal | 2.00 | 3.00 | 1.50 | 500 | 200.0 | 40.0 | 5.0 | 1,500 |")
        #expect(lines[1] == "| 1,000 | Hugo | 1.00 | 1.50 | 1.50 | 1000 | 100.0 | 10.0 | – | 1,100 |")
        #expect(lines[2] == "| 1,000 | Exportal / Hugo | 2.00× | 2.00× |  | 0.50× | 2.00× | 4.00× |  |  |")
        #expect(BuildBenchmark.median([5, 1, 3, 2]) == 2.5 && BuildBenchmark.median([4, 1, 9]) == 4)
    }
}
