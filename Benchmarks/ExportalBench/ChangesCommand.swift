import ArgumentParser
import ExportalBenchmarks

/// `make bench-changes`: the change set between two versions of the whole 2019 SDN list.
struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes", abstract: "Benchmark the change set between two versions of the 2019 OFAC SDN list.")

    @Option(help: "Folder with the 2019 OFAC SDN CSV files (sdn.csv, alt.csv, add.csv).") var sdn = "../shared/data/ofac_sdn_csv/full_2019"
    @Option(help: "Times to read and compare; the figures are medians.") var runs = 7
    @Option(help: "Seed of the generator that writes the second version.") var seed: UInt64 = 2026
    @Option(help: "Entries the second version adds, removes and amends.") var added = 150
    @Option var removed = 100
    @Option var amended = 250
    @Option(help: "Python for the baseline (standard library only); 'none' leaves it out.") var python = "python3"
    @Option(help: "The baseline script.") var reference = "scripts/bench-changes-reference.py"

    func run() throws {
        var options = ChangesBenchmark.Options(sdn: sdn)
        options.runs = runs
        options.seed = seed
        options.counts = .init(added: added, removed: removed, amended: amended)
        options.python = python == "none" ? nil : python
        options.reference = reference
        print(try ChangesBenchmark.run(options).report)
    }
}
