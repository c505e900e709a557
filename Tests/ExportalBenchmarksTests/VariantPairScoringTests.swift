import ExportalBenchmarks
import ExportalDomain
import Testing

struct VariantPairScoringTests {
    private let tsv = """
        kind\tlabel\tentry\tschema\tquery\tlisted\tstrength\tprimary
        article\tpositive\tUN-1\tPerson\tIyad El-Tubasi\tIYAD AL-TUBASI\tstrong\tIYAD AL-TUBASI
        weak-alias\tpositive\tUN-1\tPerson\tAbu Iyad\tABU IYAD\tweak\tIYAD AL-TUBASI
        hard\tnegative\tSDN-2\tOrganization\tZenith Trading Company\tACME TRADING COMPANY\tstrong\tACME TRADING COMPANY
        random\tnegative\tSDN-3\tPerson\tPeter Gruber\tSMITH, John\tstrong\tSMITH, John

        """

    @Test func readsTheGeneratorsColumns() throws {
        let pairs = try VariantPairScoring.pairs(fromTSV: tsv)
        #expect(pairs.count == 4)
        #expect(pairs[1] == VariantPairScoring.Pair(kind: "weak-alias", positive: true, entry: "UN-1", type: .individual,
                                                    query: "Abu Iyad", listed: "ABU IYAD", weak: true, primary: "IYAD AL-TUBASI"))
        #expect(pairs[2].type == .entity && !pairs[2].positive)
        #expect(throws: (any Error).self) { try VariantPairScoring.pairs(fromTSV: "kind\tlabel\nx\tpositive\n") }
    }

    /// Each query is screened against the whole index and keeps its own pair's score: as
    /// `exportal screen` scores the listed name, a weak alias weighted down, nothing below the floor.
    @Test func scoresEachPairAsScreeningDoes() throws {
        let pairs = try VariantPairScoring.pairs(fromTSV: tsv)
        let scores = VariantPairScoring.score(pairs, background: [(.individual, "IYAD TUBASI")], floor: 0.4)
        let index = ScreeningIndex([("L", PartyRecord(id: "1", primaryName: "IYAD AL-TUBASI", type: .individual))])
        #expect(scores[0].score == index.screen(query: "Iyad El-Tubasi", threshold: 0).first?.score)
        #expect(scores[1].score < 1 && scores[1].features.contains { $0.hasPrefix("weak alias") })
        #expect(scores[3].score == 0 && scores[3].features.isEmpty)
        #expect(VariantPairScoring.tsv(scores).split(separator: "\n").count == 5)
    }
}
