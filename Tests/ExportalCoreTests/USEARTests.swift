import ExportalCore
import Foundation
import Testing

/// The US Commerce Country Chart model on the real public data in ../shared/data/us_ear,
/// converted by scripts/convert-us-ear.py into a temporary content tree.
enum USEAR {
    static let source = FixtureSite.repository.deletingLastPathComponent().appendingPathComponent("shared/data/us_ear")
    static var available: Bool { FileManager.default.fileExists(atPath: source.appendingPathComponent("ccl.json").path) }

    /// Converted once per test run.
    static let content: String? = {
        guard available else { return nil }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("exportal-us-ear-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", FixtureSite.repository.appendingPathComponent("scripts/convert-us-ear.py").path,
                             source.path, output.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? output.path : nil
    }()
}

@Suite(.enabled(if: USEAR.available, "skipped: ../shared/data/us_ear is not here (it is on CI and on the team's machines)"))
struct USEARTests {
    func determine(_ item: String, _ destination: String, answers: [String] = []) throws -> [String: Any] {
        let content = try #require(USEAR.content, "scripts/convert-us-ear.py failed")
        let result = Determiner.run(DetermineRequest(content: content, item: item, destination: destination, answers: answers, json: true))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let output = try #require(result.output)
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    func outcome(_ item: String, _ destination: String, answers: [String] = []) throws -> (String, String) {
        let json = try determine(item, destination, answers: answers)
        return (json["outcome"] as? String ?? "", json["rule"] as? String ?? "")
    }

    @Test func convertedTreeBuildsWithoutDiagnostics() throws {
        let content = try #require(USEAR.content)
        let options = BuildOptions(content: content, output: FileManager.default.temporaryDirectory
            .appendingPathComponent("exportal-us-ear-check-\(UUID().uuidString)").path)
        let result = BuildPipeline(options: options).check()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(5))")
    }

    @Test func nationalSecurityEntryWithAndWithoutMarks() throws {
        // 3E001 names NS1 and AT1: China has an X in NS1, Canada has X in neither.
        let china = try determine("3E001", "CN")
        #expect(china["outcome"] as? String == "licence-required" && china["rule"] as? String == "us.country-chart")
        #expect((china["why"] as? String)?.contains("NS1") == true)
        #expect(try outcome("3E001", "CA") == ("no-licence-required", "us.country-chart"))
        // 1A001 names NS2 and AT1: France has NS1 but not NS2.
        #expect(try outcome("1A001", "FR") == ("no-licence-required", "us.country-chart"))
        #expect(try outcome("1A001", "CN") == ("licence-required", "us.country-chart"))
        // Hong Kong has no row of its own and follows China.
        #expect(try outcome("1A001", "HK") == ("licence-required", "us.country-chart"))
    }

    @Test func everyReasonIsCheckedSeparately() throws {
        let india = try determine("9A515", "BR")
        #expect((india["why"] as? String)?.contains("each reason must be overcome separately") == true)
    }

    @Test func embargoedDestinationsAreNeverNoLicence() throws {
        for country in ["CU", "IR", "KP", "SY"] {
            #expect(try outcome("1A001", country) == ("licence-required", "us.embargo"))
            #expect(try outcome("not-listed", country) == ("licence-required", "us.embargo"))
        }
    }

    @Test func requirementsOutsideTheChartAreIndeterminate() throws {
        let json = try determine("5A992", "GB")
        #expect(json["outcome"] as? String == "indeterminate")
        #expect((json["missing"] as? [String])?.contains { $0.contains("742.6") } == true)
        #expect(try outcome("0A983", "GB") == ("licence-required", "us.all-destinations"))
    }

    @Test func unlistedItemsAskAboutPart744() throws {
        #expect(try outcome("not-listed", "FR") == ("indeterminate", "us.ear99-end-use"))
        #expect(try outcome("not-listed", "FR", answers: ["part-744-end-use=no"]) == ("no-licence-required", "us.ear99"))
        #expect(try outcome("not-listed", "FR", answers: ["part-744-end-use=yes"]) == ("licence-required", "us.ear99-end-use"))
    }

    @Test func unknownECCNIsAnInputError() throws {
        let content = try #require(USEAR.content)
        let result = Determiner.run(DetermineRequest(content: content, item: "5A999", destination: "CN"))
        #expect(result.output == nil)
        #expect(result.diagnostics.first?.description.hasPrefix("--item:1:1: error: unknown control code '5A999' in the lists of ruleset 'us-ear' — did you mean") == true)
    }
}
