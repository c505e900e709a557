import ExportalBenchmarks
import ExportalDomain
import Testing

struct VariantPairScoringTests {
    private let tsv = """
        kind\tlabel\tentry\tschema\tquery\tlisted\tprimary\taliases\tweak
        article\tpositive\tUN-1\tPerson\tIyad El-Tubasi\tIYAD AL-TUBASI\tIYAD AL-TUBASI\t\t
        weak-alias\tpositive\tUN-1\tPerson\tAbu Iyad\tABU IYAD\tIYAD AL-TUBASI\t\tABU IYAD
        hard\tnegative\tSDN-2\tOrganization\tZenith Trading Company\tACME TRADING COMPANY\tACME TRADING COMPANY\t\t
        random\tnegative\tSDN-3\tPerson\tPeter Gruber\tSMITH, John\tSMITH, John\t\t
        alias\tpositive\tSDN-4\tPerson\tVyacheslav Petrow\tPETROV, Vyacheslav\tIVANOV, Vladislav\tPETROV, Vyacheslav|SLAVIK\tSLAVA

        """

    @Test func readsTheGeneratorsColumns() throws {
        let pairs = try VariantPairScoring.pairs(fromTSV: tsv)
        #expect(pairs.count == 5)
        #expect(pairs[0] == VariantPairScoring.Pair(kind: "article", positive: true, entry: "UN-1", type: .individual,
                                                    query: "Iyad El-Tubasi", listed: "IYAD AL-TUBASI"))
        #expect(pairs[1] == VariantPairScoring.Pair(kind: "weak-alias", positive: true, entry: "UN-1", type: .individual,
                                                    query: "Abu Iyad", listed: "ABU IYAD", primary: "IYAD AL-TUBASI",
                                                    weakAliases: ["ABU IYAD"]))
        #expect(pairs[2].type == .entity && !pairs[2].positive)
        #expect(pairs[4].primary == "IVANOV, Vladislav" && pairs[4].aliases == ["PETROV, Vyacheslav", "SLAVIK"]
                && pairs[4].weakAliases == ["SLAVA"])
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
        #expect(VariantPairScoring.tsv(scores).split(separator: "\n").count == 6)
    }

    /// An alias pair is scored against its whole party, as screening scores a listed party: the
    /// alias it was made from counts, though the primary name is another given name.
    @Test func scoresAnAliasAgainstEveryNameOfItsParty() throws {
        let pairs = try VariantPairScoring.pairs(fromTSV: tsv)
        let scores = VariantPairScoring.score(pairs, background: [], floor: 0.4)
        let party = PartyRecord(id: "4", primaryName: "IVANOV, Vladislav", type: .individual,
                                aliases: [.init(name: "PETROV, Vyacheslav"), .init(name: "SLAVIK"), .init(name: "SLAVA", strength: .weak)])
        let screened = ScreeningIndex([("L", party)]).screen(query: "Vyacheslav Petrow", threshold: 0).first
        #expect(scores[4].score >= ScreeningIndex.defaultThreshold)
        #expect(scores[4].score == screened?.score && scores[4].features == screened?.features)
        #expect(NameMatcher.compare("Vyacheslav Petrow", "IVANOV, Vladislav").value < ScreeningIndex.defaultThreshold)
    }
}
