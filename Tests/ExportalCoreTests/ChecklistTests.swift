import ExportalCore
import Foundation
import Testing

/// A site whose exporter profile plants canary strings in every free-text field, so a leak into
/// the public portal cannot go unnoticed.
enum ChecklistSite {
    static let canaries = ["CANARY-NAME-7f3a", "CANARY-CONTACT-91bd", "CANARY-PRODUCT-2c4e", "CANARY-DESCRIPTION-5d6f",
                           "CANARY-PARTY-8a1b", "CANARY-ICP-3e9c", "canary-product-id-4b2d"]

    static let profile = """
    -- Content/exporters/acme.yml --
    name: Acme CANARY-NAME-7f3a GmbH
    country: DE
    contact: Export desk CANARY-CONTACT-91bd
    products:
      - id: canary-product-id-4b2d
        name: Encryptor CANARY-PRODUCT-2c4e
        description: Link encryptor CANARY-DESCRIPTION-5d6f
        classification: listed
        codes: [5A002.a.1]
        transfers: [physical-export, electronic-transfer]
      - id: lathe
        name: Plain lathe
        classification: not-listed
      - id: prototype
        name: Prototype cell
        classification: unclassified
    destinations: [FR, US, CN]
    parties:
      - name: Importer CANARY-PARTY-8a1b
        country: CN
        role: end-user
        end_use_statement: false
      - name: Forwarder Ltd
        country: DE
        role: freight-forwarder
    roles: [sales]
    icp:
      commitment: Policy signed CANARY-ICP-3e9c
    """

    static var files: String { SmallSite.files + "\n" + profile }
}

@Suite struct ChecklistTests {
    func build(_ files: String = ChecklistSite.files, paper: String = "a4") throws -> (FixtureSite, [String: Any], String) {
        let site = try FixtureSite(files)
        var options = site.options(buildDate: "2026-11-26")
        options.paper = paper
        let result = BuildPipeline(options: options).build()
        #expect(result.succeeded && result.diagnostics.isEmpty, "\(result.lines)")
        let data = try Data(contentsOf: site.root.appendingPathComponent("Checklists/acme/checklist.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (site, json, try site.read("Checklists/acme/index.html"))
    }

    @Test func canariesStayOutOfThePortal() throws {
        let (site, _, html) = try build()
        var portalText = ""
        for (path, data) in site.snapshot("Output") { portalText += path + "\n" + String(decoding: data, as: UTF8.self) }
        for canary in ChecklistSite.canaries {
            #expect(!portalText.contains(canary), "the public portal contains '\(canary)'")
        }
        // ... and they are where they belong.
        for canary in ChecklistSite.canaries where canary != "canary-product-id-4b2d" {
            #expect(html.contains(canary), "the checklist lacks '\(canary)'")
        }
        #expect(!portalText.contains("checklist"), "the portal must not link to or list checklists")
        #expect(!site.exists("Output/checklists"))
    }

    @Test func determinationsCoverEveryProductDestinationAndTransfer() throws {
        let (_, json, html) = try build()
        let matrix = try #require(json["matrix"] as? [[String: Any]])
        #expect(matrix.count == 3)
        let encryptor = try #require(matrix.first?["rows"] as? [[String: Any]])
        #expect(encryptor.count == 6)  // 3 destinations × 2 transfers
        let outcomes = encryptor.map { "\($0["destination"]!) \($0["outcome"]!) \($0["rule"]!)" }
        #expect(outcomes == ["FR no-licence-required t.home", "FR no-licence-required t.home",
                             "US licence-required t.listed", "US licence-required t.listed",
                             "CN licence-required t.listed", "CN licence-required t.listed"])
        let entry = try #require(encryptor.first?["entry"] as? [String: Any])
        #expect(entry["url"] as? String == "https://example.org/compliance/controls/demo-list/5A002.html#5A002.a.1")
        let unclassified = try #require((matrix[2]["rows"] as? [[String: Any]])?.first)
        #expect(unclassified["outcome"] as? String == "indeterminate" && unclassified["rule"] as? String == "engine.unclassified")
        // The HTML says the same, with the link.
        #expect(html.contains(#"<a class="entry-link" href="https://example.org/compliance/controls/demo-list/5A002.html#5A002.a.1">5A002.a.1</a>"#))
        #expect(html.contains("<span class=\"rule\">engine.unclassified</span>"))
    }

    @Test func actionsPartiesAndSectionsCarryTheirReasons() throws {
        let (_, json, html) = try build()
        let actions = try #require(json["actions"] as? [[String: Any]]).compactMap { $0["text"] as? String }
        #expect(actions.contains("Apply for an export licence for Encryptor CANARY-PRODUCT-2c4e to US and CN and ship only once it is granted."))
        #expect(actions.contains("Classify Prototype cell against the control list before quoting or shipping."))
        #expect(actions.contains("Obtain a signed end-use statement from Importer CANARY-PARTY-8a1b (CN)."))
        let parties = try #require(json["parties"] as? [[String: Any]])
        #expect(parties.allSatisfy { $0["screening"] as? String == "not screened" })
        #expect((json["icp"] as? [[String: Any]])?.count == 7)
        #expect((json["redFlags"] as? [[String: Any]])?.count ?? 0 >= 10)
        let training = try #require(json["training"] as? [[String: Any]])
        #expect(training.map { $0["role"] as? String } == ["Sales"])
        let risks = try #require(json["risks"] as? [[String: Any]])
        #expect(risks.contains { $0["destination"] as? String == "CN" && $0["party"] as? String == "Importer CANARY-PARTY-8a1b" })
        for heading in ["1. Licence determination", "2. Actions before shipping", "3. Parties to screen",
                        "4. Know-your-customer red flags", "5. Internal compliance programme", "6. Training by role", "7. Sign-off"] {
            #expect(html.contains(heading), "missing section \(heading)")
        }
        #expect(html.contains(#"<meta name="robots" content="noindex, nofollow">"#))
        #expect(json.keys.allSatisfy { !$0.hasPrefix("has") })
    }

    @Test func headerNamesItsInputsAndTheFingerprintFollowsThem() throws {
        let (site, json, html) = try build()
        let fingerprint = try #require(json["fingerprint"] as? String)
        #expect(fingerprint.count == 64 && fingerprint.allSatisfy(\.isHexDigit))
        #expect(json["buildDate"] as? String == "2026-11-26")
        #expect((json["ruleset"] as? [String: Any])?["version"] as? String == "1")
        #expect(html.contains("size: A4;") && html.contains(#"counter(page) " of " counter(pages)"#))
        // Same input, same files; a changed ruleset, a new fingerprint.
        let again = site.snapshot("Checklists")
        _ = BuildPipeline(options: site.options(buildDate: "2026-11-26")).build()
        #expect(site.snapshot("Checklists") == again)
        try site.write("Content/rules/eu.yml", try site.read("Content/rules/eu.yml").replacingOccurrences(of: "version: \"1\"", with: "version: \"2\""))
        _ = BuildPipeline(options: site.options(buildDate: "2026-11-26")).build()
        let changed = try JSONSerialization.jsonObject(with: Data(contentsOf: site.root.appendingPathComponent("Checklists/acme/checklist.json"))) as? [String: Any]
        #expect(changed?["fingerprint"] as? String != fingerprint)
    }

    @Test func letterPaperOnRequest() throws {
        let (_, _, html) = try build(paper: "letter")
        #expect(html.contains("size: letter;"))
    }

    @Test func checklistsMustStayOutsideThePortal() throws {
        let site = try FixtureSite(ChecklistSite.files)
        var options = site.options()
        options.checklists = site.root.appendingPathComponent("Output/checklists")
        let result = BuildPipeline(options: options).build()
        #expect(!result.succeeded)
        #expect(result.diagnostics.first?.message.contains("must stay outside the published portal") == true)
        #expect(!site.exists("Output"))
    }

    @Test func invalidProfilesAreDiagnosedExactly() throws {
        let lines = try FixtureSite.diagnostics(breaking: ChecklistSite.files, with: """
        -- Content/exporters/acme.yml --
        name: Acme
        country: DE
        products:
          - id: mill
            name: Mill
            codes: [5A002.a]
            transfers: [export]
        destinations: [US]
        catch_all:
          wmd: no
          end-use: maybe
        icp:
          leadership: yes
        """)
        #expect(lines == [
            "Content/exporters/acme.yml:4:5: error: a product is missing the required field 'classification'",
            "Content/exporters/acme.yml:7:17: error: unknown transfer kind 'export' (use one of: physical-export, electronic-transfer, intra-union, temporary-exhibition, brokering)",
            "Content/exporters/acme.yml:10:3: error: unknown catch-all question 'wmd' in ruleset 'eu' (the ruleset asks no catch-all questions)",
            "Content/exporters/acme.yml:11:12: error: the answer to 'end-use' must be yes or no",
            "Content/exporters/acme.yml:13:3: error: unknown internal compliance programme element 'leadership' (use one of: commitment, organisation, training, screening, review, records, security)",
        ])
    }
}
