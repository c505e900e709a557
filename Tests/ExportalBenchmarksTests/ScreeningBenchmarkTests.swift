import ExportalBenchmarks
import ExportalDomain
import Foundation
import Testing

private let unList = Repository.sharedData.appendingPathComponent("un_sc/un_consolidated_2026-02-27.xml")

@Suite(.enabled(if: FileManager.default.fileExists(atPath: unList.path),
                "skipped: ../shared/data is not here (it is on CI and on the team's machines)"))
struct ScreeningBenchmarkTests {

    /// The UN list's own names written wholly in another script (nearly all Arabic) find their
    /// party among its names in Latin letters (`make bench-screening`, section 5): 322 of 386 at
    /// the default threshold since the Arabic spellings of session 13, 233 before. A floor, so
    /// that a change to the normaliser that loses real names fails here.
    @Test func unNamesInOtherScriptsFindTheirParty() throws {
        let (names, missed) = try ScreeningBenchmark.originalScriptRecall(unList.path, threshold: ScreeningIndex.defaultThreshold)
        #expect(names == 386)
        #expect(names - missed.count >= 322, "\(missed.prefix(10).map { "\($0.id) \($0.query)" })")
        // One of each kind of spelling: ta marbuta, Abd al-X, Persian Z, al-Din written together.
        for id in ["IQi.009", "QDi.018", "TAi.023", "TAi.040"] { #expect(!missed.contains { $0.id == id }, "\(id)") }
    }
}

/// Section 2 scores yente's positives as screening the index scores them, with the word weights
/// the index learnt from the UN names, as it scores the negatives: MUHAMMAD, on every name here,
/// counts less on both sides alike.
struct YenteScoresTests {
    @Test func positivesAreScoredWithTheIndexsWordWeights() throws {
        let untreated = ["MUHAMMAD HASSAN", "MUHAMMAD ALI", "MUHAMMAD OMAR", "MUHAMMAD KHAN", "MUHAMMAD RAHIM", "MUHAMMAD YUSUF"]
        let treated = ["Muhammad Hasen", "Mohammed Aly", "Muhamad Umar", "Muhammad Kahn", "Muhammad Rahimi", "Muhammad Yousef"]
        let (positives, negatives) = ScreeningBenchmark.yenteScores(treated: treated, untreated: untreated, negatives: ["Muhammad Hasen"])
        let index = ScreeningIndex(untreated.enumerated().map { (listID: "UN", record: PartyRecord(id: String($0), primaryName: $1, type: .individual)) })
        for (i, query) in treated.enumerated() {
            let screened = index.screen(query: query, threshold: 0).first { $0.recordID == String(i) }
            #expect(positives[i] == screened?.score, "\(query)")
        }
        // The same name as a positive and as a negative gets the same score.
        #expect(negatives == [positives[0]])
        #expect(positives[0] < NameMatcher.compare(treated[0], untreated[0]).value)
    }
}
