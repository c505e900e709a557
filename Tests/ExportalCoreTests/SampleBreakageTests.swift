import ExportalCore
import Foundation
import Testing

/// Breaking any one file of the bundled sample content gives a diagnostic at the right
/// file and line, a failed build, and the previous portal left byte-identical.
@Suite struct SampleBreakageTests {
    /// Every file of the sample content, relative to Content/.
    static let sampleFiles: [String] = {
        let content = FixtureSite.repository.appendingPathComponent("Content")
        return ((try? FileManager.default.subpathsOfDirectory(atPath: content.path)) ?? [])
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".md") }.sorted()
    }()

    @Test func sampleHasEveryFileKind() {
        #expect(Self.sampleFiles.count >= 40)
    }

    @Test(arguments: sampleFiles)
    func breakingAFileIsReportedThere(_ relative: String) throws {
        let site = try FixtureSite("")
        try FileManager.default.copyItem(at: FixtureSite.repository.appendingPathComponent("Content"),
                                         to: site.root.appendingPathComponent("Content"))
        #expect(site.build().lines == [])
        let before = site.snapshot()

        // An unknown field: at the top of a YAML file, or as the first front-matter line of a Markdown file.
        let original = try site.read("Content/\(relative)")
        let broken: String
        let line: Int
        if relative.hasSuffix(".md") {
            broken = "---\nbogus_field: 1\n" + original.dropFirst(4)
            line = 2
        } else {
            broken = "bogus_field: 1\n" + original
            line = 1
        }
        try site.write("Content/\(relative)", broken)
        let result = site.build()
        #expect(!result.succeeded)
        #expect(result.errors.contains { $0.hasPrefix("Content/\(relative):\(line):1: error: unknown field 'bogus_field'") },
                "\(result.lines)")
        #expect(site.snapshot() == before)
    }
}
