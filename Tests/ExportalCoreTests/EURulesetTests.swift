import ExportalCore
import Foundation
import Testing

/// The bundled EU sample ruleset, through the same entry point as `exportal determine`.
@Suite struct EURulesetTests {
    static let content = FixtureSite.repository.appendingPathComponent("Content").path

    func determine(_ item: String, _ destination: String, transfer: String = "physical-export",
                   answers: [String] = []) throws -> [String: Any] {
        let result = Determiner.run(DetermineRequest(content: Self.content, item: item, destination: destination,
                                                     transfer: transfer, answers: answers, json: true))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let output = try #require(result.output)
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    func outcome(_ item: String, _ destination: String, transfer: String = "physical-export",
                 answers: [String] = []) throws -> (String, String) {
        let json = try determine(item, destination, transfer: transfer, answers: answers)
        return (json["outcome"] as? String ?? "", json["rule"] as? String ?? "")
    }

    @Test func destinationGroups() throws {
        #expect(try outcome("5A002", "DE") == ("no-licence-required", "eu.member-state-free"))
        let eu001 = try determine("5A002", "JP")
        #expect(eu001["outcome"] as? String == "general-authorisation" && eu001["authorisation"] as? String == "EU001")
        #expect((eu001["conditions"] as? [String])?.first?.hasPrefix("Register") == true)
        #expect(try outcome("5A002", "LI") == ("general-authorisation", "eu.eu001"))
        #expect(try outcome("5A002", "GB") == ("general-authorisation", "eu.eu001"))
        for banned in ["RU", "BY", "KP"] {
            #expect(try outcome("5A002", banned) == ("prohibited", "eu.sanctions-ban"))
        }
        #expect(try outcome("5A002", "CN") == ("licence-required", "eu.listed-export"))
        #expect(try outcome("5A002", "BR") == ("licence-required", "eu.listed-export"))
    }

    @Test func annexIVItemsNeedALicenceInsideTheUnionAndLoseEU001() throws {
        #expect(try outcome("0A001", "FR") == ("licence-required", "eu.member-state-annex-iv"))
        #expect(try outcome("5A004.a", "FR", transfer: "intra-union") == ("licence-required", "eu.intra-union-annex-iv"))
        #expect(try outcome("5A004", "FR", transfer: "intra-union") == ("no-licence-required", "eu.intra-union-free"))
        #expect(try outcome("0A001", "US") == ("licence-required", "eu.listed-export"))
    }

    @Test func unlistedItemsFaceTheCatchAll() throws {
        let open = try determine("not-listed", "CN")
        #expect(open["outcome"] as? String == "indeterminate" && (open["missing"] as? [String])?.count == 4)
        let partly = try determine("not-listed", "CN", answers: ["wmd-end-use=no"])
        #expect((partly["missing"] as? [String])?.count == 3)
        let concern = try determine("not-listed", "CN", answers: ["wmd-end-use=yes"])
        #expect(concern["outcome"] as? String == "indeterminate" && concern["rule"] as? String == "eu.catch-all")
        let allNo = ["wmd-end-use=no", "military-end-use-embargo=no", "illegal-military-parts=no", "cyber-surveillance=no"]
        #expect(try outcome("not-listed", "CN", answers: allNo) == ("no-licence-required", "eu.unlisted-free"))
        #expect(try outcome("not-listed", "RU", answers: allNo) == ("indeterminate", "eu.sanctions-unlisted"))
        #expect(try outcome("not-listed", "FR") == ("no-licence-required", "eu.unlisted-member-state"))
        #expect(try outcome("unclassified", "FR") == ("indeterminate", "engine.unclassified"))
    }

    @Test func brokeringDependsOnWhatTheBrokerKnows() throws {
        #expect(try outcome("5A002", "CN", transfer: "brokering") == ("indeterminate", "eu.brokering-informed"))
        #expect(try outcome("5A002", "CN", transfer: "brokering", answers: ["brokering-wmd=yes"]) == ("licence-required", "eu.brokering-informed"))
        #expect(try outcome("5A002", "CN", transfer: "brokering", answers: ["brokering-wmd=no"]) == ("no-licence-required", "eu.brokering-free"))
    }

    @Test func inputErrorsAreDiagnosedNotDetermined() {
        let unknown = Determiner.run(DetermineRequest(content: Self.content, item: "5A009", destination: "CN"))
        #expect(unknown.output == nil)
        #expect(unknown.diagnostics.map(\.description) == [
            "--item:1:1: error: unknown control code '5A009' in the lists of ruleset 'eu' — did you mean 5A001, 5A002, 5A003? (or use not-listed or unclassified)",
        ])
        let transfer = Determiner.run(DetermineRequest(content: Self.content, item: "5A002", destination: "CN", transfer: "export"))
        #expect(transfer.output == nil && transfer.diagnostics.first?.file == "--transfer")
        let answer = Determiner.run(DetermineRequest(content: Self.content, item: "5A002", destination: "CN", answers: ["wmd=maybe"]))
        #expect(answer.output == nil && answer.diagnostics.first?.file == "--answer")
    }
}
