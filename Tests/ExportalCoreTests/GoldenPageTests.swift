import ExportalCore
import Foundation
import Testing

/// Golden files: the rendered HTML of representative pages is the contract with template authors.
/// After an intended change, regenerate with `EXPORTAL_UPDATE_GOLDEN=1 swift test --filter GoldenPageTests`
/// and read the diff before committing it.
@Suite struct GoldenPageTests {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Fixed assets, so the golden files do not change whenever the real stylesheet does.
    static let assets = """
    -- Public/style.css --
    body { margin: 0 }
    -- Public/favicon.svg --
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>
    -- Public/search.js --
    // search
    -- Public/filters.js --
    // list filters
    -- Public/training.js --
    // training progress
    """

    @Test(arguments: ["guidance/end-use-checks.html", "controls/demo-list/5A002.html", "training/basics/quiz.html",
                      "controls/demo-list/index.html", "glossary.html"])
    func pageMatchesGolden(_ page: String) throws {
        let site = try FixtureSite(SmallSite.files + "\n" + Self.assets, copyPublic: false)
        #expect(site.build().succeeded)
        let html = try site.read("Output/\(page)")
        let golden = Self.goldenFolder.appendingPathComponent(page.replacingOccurrences(of: "/", with: "__"))
        if ProcessInfo.processInfo.environment["EXPORTAL_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: golden)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(html == expected, "\(page) differs from \(golden.lastPathComponent); see the test's doc comment")
    }
}
