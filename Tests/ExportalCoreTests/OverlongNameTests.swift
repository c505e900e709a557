@testable import ExportalCore
import ExportalDomain
import Foundation
import Testing

/// A name far longer than any listed one (a 1 MB name ran for many minutes) is screened only up
/// to `QueryBound`, with a warning at the place it was given.
@Suite struct OverlongNameTests {
    /// 150 words: within the character bound, beyond the token bound.
    static let long = "Severtech Integration " + (1...148).map { "W\($0)" }.joined(separator: " ")

    @Test func screenWarnsForAnOverlongNameOnTheCommandLineAndInANamesFile() throws {
        let site = try FixtureSite(ScreeningSite.files)
        let content = site.root.appendingPathComponent("Content").path
        let result = Screener.run(ScreenRequest(content: content, names: ["Rustam Karimov", Self.long]))
        #expect(result.diagnostics.map(\.description) == [
            "--name:1:1: warning: the name has 150 words: only its first 100 are screened",
        ])
        #expect(result.output?.contains("Severtech Integration W1 W2") == true)

        let huge = "Severtech " + String(repeating: "x", count: 1_000_000)
        try site.write("names.csv", "name,country\nRustam Karimov,UZ\n\"\(huge)\",RU\n")
        let file = Screener.run(ScreenRequest(content: content, namesFile: site.root.appendingPathComponent("names.csv").path))
        #expect(file.diagnostics.map { $0.description.replacingOccurrences(of: site.root.path + "/", with: "") } == [
            "names.csv:3:1: warning: the name is longer than 1000 characters: only its first 1000 are screened",
        ])
        #expect(file.output != nil)
    }

    @Test func checklistWarnsAtTheProfilesPartyName() throws {
        let profile = ScreeningSite.profile.replacingOccurrences(of: "  - name: Blue Harbour Tools Inc.", with: "  - name: \(Self.long)")
        let site = try FixtureSite(SmallSite.files + "\n" + ScreeningSite.list + "\n" + profile)
        let result = site.build()
        #expect(result.succeeded)
        #expect(result.lines == ["Content/exporters/acme.yml:13:11: warning: the name has 150 words: only its first 100 are screened"])
    }
}
