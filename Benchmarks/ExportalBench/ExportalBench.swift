import ArgumentParser

/// `exportal-bench`: the benchmarks, apart from the shipped `exportal`. The Makefile's `bench-*`
/// targets build it in release mode and run one subcommand each.
struct ExportalBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exportal-bench",
        abstract: "Benchmarks for Exportal (make bench-build, bench-links, bench-search, bench-screening, bench-changes, bench-serve).",
        subcommands: [BuildCommand.self, LinksCommand.self, SearchCorpusCommand.self, ScreeningCommand.self, ScreeningVariantsCommand.self, ChangesCommand.self, ServeCommand.self, MeasureCommand.self]
    )
}
