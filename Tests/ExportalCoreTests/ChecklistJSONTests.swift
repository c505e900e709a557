@testable import ExportalCore
import Foundation
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
        }
        return files
    }()

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
        #expect(Set(json.keys) == ["actions", "buildDate", "exporter", "fingerprint", "icp", "lists", "matrix", "parties",
                                   "partyLists", "questions", "redFlags", "risks", "ruleset", "tool", "training"])
        #expect(Set((json["exporter"] as? [String: Any] ?? [:]).keys) == ["contact", "country", "id", "name"])
        let product = try #require((json["matrix"] as? [[String: Any]])?.first)
        #expect(Set(product.keys) == ["classification", "codes", "description", "id", "name", "rows"])
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
        #expect(Set(match.keys) == ["entry", "explanation", "list", "name", "score", "url"])
        #expect((match["score"] as? String)?.wholeMatch(of: /0\.\d\d|1\.00/) != nil)
        let risk = try #require((json["risks"] as? [[String: Any]])?.first)
        #expect(Set(risk.keys) == ["destination", "factors", "level", "party", "product", "score"] && risk["score"] is Int)
        let training = try #require((json["training"] as? [[String: Any]])?.first)
        #expect(Set(training.keys) == ["modules", "role", "roleID", "why"])
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
