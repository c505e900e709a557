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

    /// A fixture holding a copy of the bundled Content/, built once without diagnostics, and its output.
    static func builtCopyOfSample(sourceLocation: SourceLocation = #_sourceLocation) throws -> (FixtureSite, [String: Data]) {
        let site = try FixtureSite("")
        try FileManager.default.copyItem(at: FixtureSite.repository.appendingPathComponent("Content"),
                                         to: site.root.appendingPathComponent("Content"))
        #expect(site.build().lines == [], sourceLocation: sourceLocation)
        return (site, site.snapshot())
    }

    @Test func sampleHasEveryFileKind() {
        #expect(Self.sampleFiles.count >= 40)
    }

    @Test(arguments: sampleFiles)
    func breakingAFileIsReportedThere(_ relative: String) throws {
        let (site, before) = try Self.builtCopyOfSample()

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

    static let guidanceFiles = sampleFiles.filter { $0.hasPrefix("guidance/") }

    /// An explicit reference to a code that no list defines stops the build at the reference.
    @Test(arguments: guidanceFiles)
    func unknownReferenceIsReportedAtItsColumn(_ relative: String) throws {
        let (site, before) = try Self.builtCopyOfSample()

        // Into the middle of the first body paragraph: after its first word.
        let original = try site.read("Content/\(relative)")
        var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let close = try #require(lines.indices.dropFirst().first { lines[$0] == "---" })
        let index = try #require(lines.indices.first { $0 > close && !lines[$0].isEmpty && !lines[$0].hasPrefix("#") })
        let firstWord = lines[index].prefix { $0 != " " }
        lines[index] = firstWord + " [[9Z999]]" + lines[index].dropFirst(firstWord.count)
        try site.write("Content/\(relative)", lines.joined(separator: "\n"))

        let result = site.build()
        #expect(!result.succeeded)
        let expected = "Content/\(relative):\(index + 1):\(firstWord.utf8.count + 2): error: unknown control code '9Z999'"
        #expect(result.errors.count == 1 && result.errors[0].hasPrefix(expected), "\(result.lines)")
        #expect(site.snapshot() == before)
    }
}
