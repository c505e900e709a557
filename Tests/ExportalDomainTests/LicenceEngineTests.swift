import ExportalDomain
import Testing

/// A small ruleset with one rule of each outcome, to test the engine on its own.
enum TestRules {
    static func condition(_ build: (inout Ruleset.Condition) -> Void) -> Ruleset.Condition {
        var condition = Ruleset.Condition()
        build(&condition)
        return condition
    }

    static let ruleset = Ruleset(
        id: "test", title: "Test rules", version: "1", lists: ["l"],
        groups: ["ban": .init(id: "ban", title: "banned", countries: ["KP"]),
                 "friends": .init(id: "friends", title: "friends", countries: ["US", "JP"]),
                 "home": .init(id: "home", title: "home", countries: ["DE", "FR"])],
        questions: ["wmd": .init(id: "wmd", text: "WMD end use?", citation: "Art. 4")],
        chart: .init(columns: ["NS1", "NS2", "AT1"], marks: ["CN": ["NS1", "NS2", "AT1"], "IN": ["NS1"], "JP": []], citation: "Chart"),
        rules: [
            // Declared out of order on purpose: precedence, not position, decides.
            .init(id: "listed", precedence: 50, when: condition { $0.classification = .listed }, outcome: .licenceRequired,
                  citation: "Art. 3", why: "Listed items need a licence."),
            .init(id: "ban", precedence: 10, when: condition { $0.classification = .listed; $0.destinations = ["ban"] },
                  outcome: .prohibited, citation: "Sanctions", why: "Banned."),
            .init(id: "home-free", precedence: 20, when: condition { $0.destinations = ["home"]; $0.annexIV = false },
                  outcome: .noLicenceRequired, citation: "Art. 11", why: "Free inside."),
            .init(id: "ga", precedence: 30, when: condition { $0.destinations = ["friends"]; $0.reasons = [.NS] },
                  outcome: .generalAuthorisation(id: "GA1", conditions: ["Register first."]), citation: "Art. 12", why: "Covered."),
            .init(id: "chart", precedence: 40, when: condition { $0.codes = ["9A001"] }, outcome: .countryChart,
                  citation: "738", why: "Chart."),
            .init(id: "review", precedence: 45, when: condition { $0.codes = ["9B001"] },
                  outcome: .indeterminate(missing: ["a technical review"]), citation: "Note", why: "Needs review."),
            .init(id: "catch-all", precedence: 60, when: condition { $0.classification = .notListed }, ask: ["wmd"],
                  outcome: .licenceRequired, citation: "Art. 4", why: "Catch-all."),
            .init(id: "unlisted", precedence: 70, when: condition { $0.classification = .notListed; $0.notDestinations = ["ban"] },
                  outcome: .noLicenceRequired, citation: "Art. 3", why: "Not listed."),
        ],
        risk: RiskModel())

    static func item(_ code: String, reasons: [ReasonForControl] = [.NS], annexIV: Bool = false, chart: [String] = [],
                     other: [String] = []) -> ItemFacts {
        ItemFacts(code: code, title: code, reasons: reasons, regimes: [], annexIV: annexIV, chartColumns: chart, otherRequirements: other)
    }

    static func determine(_ items: [ItemFacts], to destination: String, classification: Classification = .listed,
                          answers: [String: Bool] = [:]) -> Determination {
        LicenceEngine(ruleset: ruleset).determine(.init(classification: classification, items: items, destination: destination,
                                                        answers: answers))
    }
}

@Suite struct LicenceEngineTests {
    @Test func everyOutcomeKindWithItsRule() {
        #expect(TestRules.determine([TestRules.item("5A002")], to: "KP").outcome == .prohibited)
        #expect(TestRules.determine([TestRules.item("5A002")], to: "DE").outcome == .noLicenceRequired)
        let ga = TestRules.determine([TestRules.item("5A002")], to: "US")
        #expect(ga.outcome == .generalAuthorisation(id: "GA1", conditions: ["Register first."]))
        #expect(ga.ruleID == "ga" && ga.citation == "Art. 12" && ga.why == "Covered." && ga.code == "5A002")
        #expect(TestRules.determine([TestRules.item("5A002", reasons: [.AT])], to: "US").ruleID == "listed")
        #expect(TestRules.determine([TestRules.item("9B001")], to: "CN").outcome == .indeterminate(missing: ["a technical review"]))
    }

    @Test func precedenceNotOrderDecides() {
        // "ban" (10) is declared after "listed" (50) but wins.
        #expect(TestRules.determine([TestRules.item("5A002")], to: "KP").ruleID == "ban")
        #expect(TestRules.ruleset.rules.map(\.precedence) == [10, 20, 30, 40, 45, 50, 60, 70])
        // An Annex IV item skips the home rule and falls through to the listed rule.
        #expect(TestRules.determine([TestRules.item("5A002", annexIV: true)], to: "FR").ruleID == "listed")
    }

    @Test func missingDataIsNeverNoLicence() {
        let unclassified = TestRules.determine([], to: "DE", classification: .unclassified)
        #expect(unclassified.outcome.kind == "indeterminate" && unclassified.ruleID == "engine.unclassified")
        let unknownCountry = TestRules.determine([TestRules.item("5A002")], to: "UK")
        #expect(unknownCountry.outcome.kind == "indeterminate" && unknownCountry.ruleID == "engine.unknown-destination")
        let listedWithoutCodes = TestRules.determine([], to: "DE")
        #expect(listedWithoutCodes.ruleID == "engine.no-codes")
        // Unlisted to a banned destination: the only unlisted rules either ask or exclude it.
        let uncovered = TestRules.determine([], to: "KP", classification: .notListed, answers: ["wmd": false])
        #expect(uncovered.ruleID == "engine.no-rule" && uncovered.outcome.kind == "indeterminate")
    }

    @Test func catchAllQuestionsOpenCloseOrDecide() {
        let open = TestRules.determine([], to: "CN", classification: .notListed)
        #expect(open.outcome == .indeterminate(missing: ["WMD end use?"]) && open.ruleID == "catch-all")
        #expect(TestRules.determine([], to: "CN", classification: .notListed, answers: ["wmd": true]).outcome == .licenceRequired)
        let clear = TestRules.determine([], to: "CN", classification: .notListed, answers: ["wmd": false])
        #expect(clear.outcome == .noLicenceRequired && clear.ruleID == "unlisted")
    }

    @Test func countryChartChecksEveryReasonSeparately() {
        // Items controlled for AT only, so the general authorisation rule (NS) does not get there first.
        let marked = TestRules.determine([TestRules.item("9A001", reasons: [.AT], chart: ["NS2", "AT1"])], to: "CN")
        #expect(marked.outcome == .licenceRequired)
        #expect(marked.why.contains("NS2, AT1") && marked.why.contains("each reason must be overcome separately"))
        let oneColumn = TestRules.determine([TestRules.item("9A001", reasons: [.AT], chart: ["NS2", "AT1"])], to: "IN")
        #expect(oneColumn.outcome == .noLicenceRequired && oneColumn.citation == "Chart")
        let other = TestRules.determine([TestRules.item("9A001", reasons: [.AT], chart: ["AT1"], other: ["EI: see 742.15"])], to: "JP")
        #expect(other.outcome == .indeterminate(missing: ["EI: see 742.15"]))
        let noRow = TestRules.determine([TestRules.item("9A001", reasons: [.AT], chart: ["NS1"])], to: "BR")
        #expect(noRow.outcome.kind == "indeterminate" && noRow.why.contains("no row"))
        let noColumns = TestRules.determine([TestRules.item("9A001", reasons: [.AT])], to: "CN")
        #expect(noColumns.outcome.kind == "indeterminate")
    }

    @Test func theMostRestrictiveCodeOfAProductDecides() {
        let product = [TestRules.item("5A002"), TestRules.item("9A001", reasons: [.AT], chart: ["NS1"]),
                       TestRules.item("9B001", reasons: [.AT])]
        // to JP: 5A002 → GA1, 9A001 → chart row empty → no licence, 9B001 → indeterminate.
        let result = TestRules.determine(product, to: "JP")
        #expect(result.outcome.kind == "indeterminate" && result.code == "9B001")
    }

    @Test func riskRatingExplainsItsFactors() {
        var model = RiskModel()
        model.reasons = [.NS: 1, .MT: 3]
        model.destinations = [("ban", 10)]
        model.roles = ["intermediary": 2]
        model.missingEndUseStatement = 2
        let ruleset = Ruleset(id: "r", title: "R", version: "1", lists: [], groups: TestRules.ruleset.groups, questions: [:],
                              chart: nil, rules: [], risk: model)
        let low = ruleset.rate(classification: .listed, items: [TestRules.item("5A002")], destination: "DE", partyRole: nil,
                               endUseStatement: true)
        #expect(low.level == .low && low.score == 1)
        let high = ruleset.rate(classification: .listed, items: [TestRules.item("9A001", reasons: [.NS, .MT])], destination: "KP",
                                partyRole: "intermediary", endUseStatement: false)
        #expect(high.level == .high && high.score == 17)
        #expect(high.factors.map(\.label) == ["item controlled for MT (missile technology)", "destination KP is in banned",
                                              "party acts as intermediary", "no end-use statement"])
    }
}

@Suite struct SHA256Tests {
    /// Test vectors from FIPS 180-4's examples and the NIST byte-oriented test set.
    @Test func knownDigests() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalUpdatesMatchOneShot() {
        var hash = SHA256()
        hash.update("ab")
        hash.update("c")
        #expect(hash.hexDigest() == SHA256.hex(Array("abc".utf8)))
    }
}
