import ArgumentParser
import ExportalBenchmarks
import ExportalDomain
import Foundation

/// `make bench-screening`, its variant part: Exportal's scores on the labelled pairs that
/// `scripts/screening-variants.py` generates, which that script puts beside its anchors' scores.
struct ScreeningVariantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screening-variants",
        abstract: "Score the variant benchmark's labelled pairs with Exportal's matcher (scripts/screening-variants.py).")

    @Option(help: "The pairs TSV the generator writes (kind, label, entry, schema, query, listed, primary, aliases, weak).")
    var pairs: String
    @Option(help: "The lists' other names (schema, name per line), indexed beside the pairs' parties.") var names: String?
    @Option(help: "Where to write the scores TSV (pair, score, features).") var output: String
    @Option(help: "Parties scoring below this are not returned by the index; their score is written as 0.") var floor = 0.4

    func run() throws {
        let pairs = try VariantPairScoring.pairs(fromTSV: String(contentsOfFile: self.pairs, encoding: .utf8))
        var background: [(type: PartyRecord.EntityType, name: String)] = []
        if let names {
            for line in try String(contentsOfFile: names, encoding: .utf8).split(separator: "\n") {
                let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
                if fields.count == 2 { background.append((fields[0] == "Person" ? .individual : .entity, fields[1])) }
            }
        }
        let clock = ContinuousClock()
        var scores: [VariantPairScoring.Scored] = []
        let took = clock.measure { scores = VariantPairScoring.score(pairs, background: background, floor: floor) }
        try VariantPairScoring.tsv(scores).write(toFile: output, atomically: true, encoding: .utf8)
        // The report reads the default threshold from here rather than repeating it.
        print("exportal: \(pairs.count) pairs scored against \(background.count) other listed names in \(took.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))); default threshold \(ScreeningIndex.defaultThreshold); scores below \(floor) written as 0")
    }
}
