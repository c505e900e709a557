import ArgumentParser
import ExportalBenchmarks

/// `make bench-screening`: the restricted-party name matcher on public labelled data.
struct ScreeningCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screening", abstract: "Benchmark the restricted-party name matcher on public labelled data.")

    @Option(help: "Folder with the nomenklatura, yente and watchman name-matching CSV files.")
    var nameMatching = "../shared/data/name_matching"
    @Option(help: "Folder with the OFAC SDN CSV files (sdn.csv, alt.csv).") var sdn = "../shared/data/ofac_sdn_csv/full_2019"
    @Option(help: "The UN consolidated list XML, whose names in original script are screened against its Latin names.")
    var un = "../shared/data/un_sc/un_consolidated_2026-02-27.xml"
    @Option(help: "Query names to screen against the SDN list.") var queries = 10_000
    @Option(help: "Queries also screened by brute force, to compare results and time.") var bruteForceSample = 200
    @Option(help: "Threshold (default: the matcher's default).") var threshold: Double?
    @Flag(help: "Also list the labelled pairs the matcher gets wrong at the threshold, by category.") var errors = false

    func run() throws {
        var options = ScreeningBenchmark.Options(nameMatching: nameMatching, sdn: sdn)
        options.un = un
        options.queries = queries
        options.bruteForceSample = bruteForceSample
        if let threshold { options.threshold = threshold }
        options.listErrors = errors
        print(try ScreeningBenchmark.run(options).report)
    }
}
