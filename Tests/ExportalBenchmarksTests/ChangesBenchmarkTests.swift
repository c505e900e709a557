import ExportalBenchmarks
import Foundation
import Testing

private let sdn2019 = Repository.sharedData.appendingPathComponent("ofac_sdn_csv/full_2019")

@Suite(.enabled(if: FileManager.default.fileExists(atPath: sdn2019.appendingPathComponent("sdn.csv").path),
                "skipped: ../shared/data is not here (it is on CI and on the team's machines)"))
struct ChangesBenchmarkTests {
    /// The generator is the same on every run, and the change set of what it writes holds exactly
    /// what it was asked for, in Exportal and in the Python baseline alike (no timings checked).
    @Test func generatedVersionHasTheAskedChanges() throws {
        let generator = try SDNVersionGenerator(folder: sdn2019.path)
        let counts = SDNVersionGenerator.Counts(added: 15, removed: 10, amended: 25)
        #expect(generator.nextVersion(counts, seed: 7).files == generator.nextVersion(counts, seed: 7).files)
        #expect(generator.nextVersion(counts, seed: 7).files != generator.nextVersion(counts, seed: 8).files)

        var options = ChangesBenchmark.Options(sdn: sdn2019.path)
        options.runs = 1
        options.counts = counts
        options.reference = Repository.root.appendingPathComponent("scripts/bench-changes-reference.py").path
        let figures = try ChangesBenchmark.run(options)
        #expect(figures.oldEntries == 7379 && figures.newEntries == 7379 - 10 + 15)
        #expect(figures.rows.map(\.tool) == ["Exportal ChangeSet", "Python dict diff (baseline)"])
        #expect(figures.rows.allSatisfy { $0.counts == counts }, "\(figures.report)")
        #expect(figures.report.contains("Change sets as generated: yes"))
    }
}
