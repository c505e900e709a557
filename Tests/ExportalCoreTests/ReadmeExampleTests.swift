import ExportalCore
import Foundation
import Testing

/// The README's format reference is documentation users copy from: its examples must load
/// as a valid site, field for field.
@Suite struct ReadmeExampleTests {
    /// The first fenced block after each `### ` heading, keyed by heading text.
    static func examples() throws -> [String: [String]] {
        let readme = try String(contentsOf: FixtureSite.repository.appendingPathComponent("README.md"), encoding: .utf8)
        var result: [String: [String]] = [:]
        var heading: String?
        var block: [Substring]?
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("### ") { heading = String(line.dropFirst(4)); continue }
            if line.hasPrefix("```") {
                if let open = block {
                    if let heading { result[heading, default: []].append(open.joined(separator: "\n") + "\n") }
                    block = nil
                } else {
                    block = []
                }
                continue
            }
            block?.append(line)
        }
        return result
    }

    @Test func formatReferenceExamplesBuildCleanly() throws {
        let examples = try Self.examples()
        func example(_ heading: String, _ index: Int = 0) throws -> String {
            let blocks = try #require(examples.first { $0.key.hasPrefix(heading) }?.value, "README has no section \(heading)")
            return blocks[index]
        }
        let site = try FixtureSite("")
        try site.write("Content/site.yml", try example("`site.yml`"))
        try site.write("Content/guidance/end-use-checks.md", try example("`guidance/"))
        try site.write("Content/controls/eu-dual-use/list.yml", try example("`controls/<list-id>/list.yml`"))
        try site.write("Content/controls/eu-dual-use/information-security.yml", try example("Control entries"))
        try site.write("Content/training/screening-basics/module.yml", try example("`training/<module-id>/module.yml`"))
        for lesson in ["why-screen", "running-a-screen", "handling-a-hit"] {
            try site.write("Content/training/screening-basics/\(lesson).md", try example("`training/<module-id>/module.yml`", 1))
        }
        try site.write("Content/training/screening-basics/quiz.yml", try example("`training/<module-id>/quiz.yml`"))
        try site.write("Content/glossary.yml", try example("`glossary.yml`"))
        try site.write("Content/exporters/keller.yml", try example("`exporters/"))
        try site.write("Content/rules/eu.yml", try example("`rules/"))
        try site.write("Content/parties/northbridge-watchlist/list.yml", try example("`parties/"))
        let result = site.build()
        #expect(result.lines == [])
        #expect(site.exists("Output/controls/eu-dual-use/5A002.html"))
        #expect(site.exists("Output/parties/northbridge-watchlist/nb-001.html"))
    }
}
