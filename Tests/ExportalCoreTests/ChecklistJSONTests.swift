@testable import ExportalCore
import Foundation
import Synchronization
import Testing

/// `checklist.json` is the `Checklist` model encoded: its shape is a contract for the machines that
/// read it, and the HTML page is built from the same value.
@Suite(.serialized) struct ChecklistJSONTests {
    /// The bundled sample's checklists: listed, unlisted and unclassified products, a general
    /// authorisation, screening matches and parties without end-use statements.
    static let checklists: [String: Data] = {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("exportal-checklist-json-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(atPath: output.path + "-checklists")
        }
        let repository = FixtureSite.repository
        var options = BuildOptions(content: repository.appendingPathComponent("Content").path,
                                   templates: repository.appendingPathComponent("Templates").path,
                                   publicAssets: repository.appendingPathComponent("Public").path,
                                   output: output.path, checklists: output.path + "-checklists")
        options.buildDate = "2026-12-01"
        precondition(BuildPipeline(options: options).build().succeeded, "the sample builds")
        let folder = URL(fileURLWithPath: output.path + "-checklists")
        var files: [String: Data] = [:]
        for id in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            files[id] = try? Data(contentsOf: folder.appendingPathComponent("\(id)/checklist.json"))
            pages.withLock { $0[id] = try? String(contentsOf: folder.appendingPathComponent("\(id)/index.html"), encoding: .utf8) }
        }
        return files
    }()

    /// The same build's HTML pages, by profile id (filled in with `checklists`).
    static let pages = Mutex<[String: String]>([:])

    static func page(_ id: String) throws -> String {
        _ = checklists
        return try #require(pages.withLock { $0[id] })
    }

    func keller() throws -> (Data, Checklist) {
        let data = try #require(Self.checklists["keller-maschinen"])
        return (data, try JSONDecoder().decode(Checklist.self, from: data))
    }

    @Test func everyFileDecodesAndEncodesBackToTheSameBytes() throws {
        #expect(Self.checklists.count == 3)
        for (id, data) in Self.checklists {
            let checklist = try JSONDecoder().decode(Checklist.self, from: data)
            #expect(checklist.exporter.id == id)
            #expect(try checklist.json() == data, "\(id): a field the model does not know, or another layout")
        }
    }

    @Test func typedFieldsSayWhatThePageSays() throws {
        let (_, checklist) = try keller()
        #expect(checklist.buildDate == "2026-12-01" && checklist.tool == "Exportal \(ExportalVersion.current)")
        #expect(checklist.fingerprint.count == 64 && checklist.fingerprint.allSatisfy(\.isHexDigit))
        let rows = checklist.matrix.flatMap(\.rows)
        let eu001 = try #require(rows.first { $0.outcome == "general-authorisation" })
        #expect(eu001.authorisation == "EU001" && !eu001.conditions.isEmpty && eu001.missing.isEmpty)
        #expect(eu001.entry.url.hasPrefix("https://example.org/compliance/controls/"))
        #expect(rows.filter { $0.outcome != "general-authorisation" }.allSatisfy { $0.authorisation == nil && $0.conditions.isEmpty })
        let unclassified = try #require(rows.first { $0.rule == "engine.unclassified" })
        #expect(unclassified.outcome == "indeterminate" && unclassified.code == nil && unclassified.entry == .init(code: "", url: ""))
        let reviewed = checklist.parties.filter { $0.screening == "review required" }
        #expect(!reviewed.isEmpty && reviewed.allSatisfy { !$0.matches.isEmpty && $0.matches.count <= 5 })
        #expect(checklist.parties.filter { $0.screening == "no potential match" }.allSatisfy { $0.matches.isEmpty })
        #expect(reviewed.flatMap(\.matches).allSatisfy { $0.url.hasPrefix("https://example.org/compliance/parties/") })
        #expect(Set(checklist.actions.map(\.text)).count == checklist.actions.count, "each action once")
        #expect(checklist.icp.count == 7 && checklist.redFlags.count == ChecklistBuilder.redFlags.count)
    }

    /// Field names spelled out here, not taken from the model, so renaming one in the model fails.
    @Test func fieldNamesAreTheDocumentedOnes() throws {
        let (data, _) = try keller()
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(json.keys) == ["actions", "authorisations", "buildDate", "dispositions", "exporter", "fingerprint", "icp", "lists",
                                   "matrix", "parties", "partyLists", "questions", "redFlags", "riskTables", "risks", "ruleset",
                                   "sinceReview", "tool", "training"])
        #expect(Set((json["exporter"] as? [String: Any] ?? [:]).keys) == ["contact", "country", "id", "name"])
        let product = try #require((json["matrix"] as? [[String: Any]])?.first)
        #expect(Set(product.keys) == ["classification", "codes", "description", "groups", "id", "name", "rows"])
        let group = try #require((product["groups"] as? [[String: Any]])?.first)
        #expect(Set(group.keys).subtracting(["code", "authorisation"])
                == ["citation", "destinations", "entry", "missing", "outcome", "rule", "title", "transfer", "unanswered", "why"])
        let rows = try #require(product["rows"] as? [[String: Any]])
        let always: Set<String> = ["citation", "conditions", "destination", "entry", "missing", "outcome", "rule", "title", "transfer",
                                   "unanswered", "why"]
        for row in rows {
            #expect(Set(row.keys).subtracting(["code", "authorisation"]) == always)
            #expect((row["authorisation"] != nil) == (row["outcome"] as? String == "general-authorisation"))
        }
        let party = try #require((json["parties"] as? [[String: Any]])?.first { !(($0["matches"] as? [Any]) ?? []).isEmpty })
        #expect(Set(party.keys) == ["country", "endUseStatement", "matches", "name", "role", "screening"])
        let match = try #require((party["matches"] as? [[String: Any]])?.first)
        #expect(Set(match.keys) == ["entry", "explanation", "list", "name", "review", "score", "url"])
        #expect(Set((match["review"] as? [String: Any] ?? [:]).keys) == ["date", "decision", "note", "reason", "reviewer", "status", "version"])
        #expect((match["score"] as? String)?.wholeMatch(of: /0\.\d\d|1\.00/) != nil)
        let risk = try #require((json["risks"] as? [[String: Any]])?.first)
        #expect(Set(risk.keys) == ["destination", "factors", "level", "party", "product", "score"] && risk["score"] is Int)
        let table = try #require((json["riskTables"] as? [[String: Any]])?.first)
        #expect(Set(table.keys) == ["common", "products", "rows"])
        #expect(Set((table["rows"] as? [[String: Any]])?.first?.keys ?? [:].keys) == ["destinations", "factors", "level", "party", "score"])
        let since = try #require(json["sinceReview"] as? [String: Any])
        #expect(Set(since.keys) == ["items", "lists"])
        let training = try #require((json["training"] as? [[String: Any]])?.first)
        #expect(Set(training.keys) == ["modules", "role", "roleID", "why"])
    }

    /// Destinations that share an outcome and a rule are one row, each authorisation's conditions are
    /// printed once, and nothing is lost: every destination of every product is in exactly one group
    /// with its own outcome and rule, and on the page in that group's row.
    @Test func groupedRowsKeepEveryDestinationWithItsOutcome() throws {
        #expect(Self.checklists.count == 3)
        for (id, data) in Self.checklists {
            let checklist = try JSONDecoder().decode(Checklist.self, from: data)
            let html = try Self.page(id)
            for product in checklist.matrix {
                let rows = product.rows.map { "\($0.destination) \($0.transfer) \($0.outcome) \($0.rule) \($0.why)" }
                let grouped = product.groups.flatMap { group in
                    group.destinations.map { "\($0) \(group.transfer) \(group.outcome) \(group.rule) \(group.why)" }
                }
                #expect(grouped.sorted() == rows.sorted(), "\(id) \(product.id)")
                #expect(product.groups.count < product.rows.count, "\(id) \(product.id): nothing was grouped")
                for group in product.groups {
                    let row = #"<tr class="outcome-\#(group.outcome)">"# + "\n            "
                        + #"<th scope="row" class="destinations">\#(group.destinations.joined(separator: ", "))<span class="transfer">\#(group.transfer)</span></th>"#
                        + "\n            <td><span class=\"outcome\">\(group.title)</span>"
                    #expect(html.contains(row), "\(id) \(product.id): no row for \(group.destinations)")
                }
            }
            let authorised = checklist.matrix.flatMap(\.rows).compactMap(\.authorisation)
            #expect(Set(checklist.authorisations.map(\.id)) == Set(authorised))
            for condition in checklist.authorisations.flatMap(\.conditions) {
                let escaped = condition.replacingOccurrences(of: "'", with: "&#39;")
                #expect(html.components(separatedBy: escaped).count == 2, "\(id): '\(condition)' is not printed exactly once")
            }
            let rated = checklist.risks.map { "\($0.product) \($0.destination) \($0.party) \($0.level) \($0.score)" }
            let tabled = checklist.riskTables.flatMap { table in
                table.products.flatMap { product in
                    table.rows.flatMap { row in row.destinations.map { "\(product) \($0) \(row.party) \(row.level) \(row.score)" } }
                }
            }
            #expect(tabled.sorted() == rated.sorted(), "\(id): the risk tables lost or added a rating")
        }
    }

    /// The sample profile with a review record: changes since its review, a decision that stands and one
    /// that an amendment in the watch list's history reopened.
    @Test func sampleProfileShowsAStandingAndAReopenedDecision() throws {
        let data = try #require(Self.checklists["cipherline-software"])
        let checklist = try JSONDecoder().decode(Checklist.self, from: data)
        #expect(checklist.dispositions.map { "\($0.entry) \($0.status): \($0.note)" } == [
            "NB-004 standing: carried forward from version 2025-05",
            "NB-001 reopened: reopened: aliases and remarks changed in version 2025-08",
        ])
        #expect(checklist.sinceReview.items.map { "\($0.kind) \($0.entry)" } == ["amended-match NB-001", "removed-match NB-011", "code-changed 5A002.a.1"])
        // The removed entry's link leads to the page the portal keeps for it.
        #expect(checklist.sinceReview.items[1].url == "https://example.org/compliance/parties/northbridge-watchlist/nb-011.html")
        let code = try #require(checklist.sinceReview.items.last)
        #expect(code.text == "Re-check the classification of CL-Gate network encryption appliance: 5A002, 5A002.a and 5A002.a.1 changed in version 2025/2003.")
        #expect(code.changes.map(\.url) == ["https://example.org/compliance/controls/eu-dual-use/changes/2025-2003.html"])
        let html = try Self.page("cipherline-software")
        #expect(html.contains("Changes since your last review") && html.contains("<strong>Reopened</strong>") && html.contains("<strong>False positive</strong>"))
    }

    /// The page's template context is the JSON plus the `has…` flags its sections test.
    @Test func templateContextIsTheJSONPlusSectionFlags() throws {
        for (id, data) in Self.checklists {
            let checklist = try JSONDecoder().decode(Checklist.self, from: data)
            let context = checklist.templateContext
            func withoutFlags(_ value: Any) -> Any {
                if let object = value as? [String: Any] { return object.filter { !$0.key.hasPrefix("has") }.mapValues(withoutFlags) }
                if let array = value as? [Any] { return array.map(withoutFlags) }
                return value
            }
            func canonical(_ value: Any) throws -> Data { try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) }
            #expect(try canonical(withoutFlags(context)) == canonical(try JSONSerialization.jsonObject(with: data)), "\(id)")
            let parties = try #require(context["parties"] as? [[String: Any]])
            #expect(parties.map { $0["hasMatches"] as? Bool } == checklist.parties.map { !$0.matches.isEmpty })
            #expect((context["exporter"] as? [String: Any])?["hasContact"] as? Bool == !checklist.exporter.contact.isEmpty)
        }
    }
}
