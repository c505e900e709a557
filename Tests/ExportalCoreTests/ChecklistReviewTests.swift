@testable import ExportalCore
import Foundation
import Testing

/// A site whose watch list keeps three versions, and a profile reviewed against the first with
/// decisions on two matches: one entry is never touched (the decision stands), one is amended in
/// its aliases (the decision reopens).
enum ReviewSite {
    static let list = """
    -- Content/parties/watch/list.yml --
    id: watch
    title: Test watch list
    authority: Test Authority
    version: "3"
    date: 2026-03-01
    entries:
      - id: W-1
        name: Severtech Integratsiya LLC
        type: entity
        aliases: [OOO Severtekh Integratsiya, Severtech Integration]
        countries: [RU]
        addresses:
          - text: Promyshlennaya ulitsa 14, Sankt-Peterburg
            country: RU
      - id: W-2
        name: Gulf Meridian Trading FZE
        type: entity
        countries: [AE]
      - id: W-4
        name: Anatolian Precision Machinery Trading Ltd
        type: entity
        countries: [TR]
    history:
      - version: "1"
        date: 2026-01-01
        entries:
          - id: W-1
            name: Severtech Integratsiya LLC
            type: entity
            aliases: [OOO Severtekh Integratsiya]
            countries: [RU]
          - id: W-2
            name: Gulf Meridian Trading FZE
            type: entity
            countries: [AE]
          - id: W-3
            name: Baltic Amber Freight OU
            type: entity
            countries: [EE]
      - version: "2"
        date: 2026-02-01
        entries:
          - id: W-1
            name: Severtech Integratsiya LLC
            type: entity
            aliases: [OOO Severtekh Integratsiya]
            countries: [RU]
          - id: W-2
            name: Gulf Meridian Trading FZE
            type: entity
            countries: [AE]
    """

    static let profile = """
    -- Content/exporters/acme.yml --
    name: Acme GmbH
    country: DE
    products:
      - id: encryptor
        name: Encryptor
        classification: listed
        codes: [5A002.a.1]
    destinations: [FR, US, CN]
    parties:
      - name: OOO Severtek Integration
        country: RU
        role: consignee
      - name: Gulf Meridian Trading Company LLC
        country: AE
        role: consignee
      - name: Baltic Amber Freight
        country: EE
        role: freight-forwarder
      - name: Anatolian Precision Machinery Trading
        country: TR
        role: end-user
    reviewed:
      watch: "1"
      demo-list: "2026/1"
    dispositions:
      - party: Gulf Meridian Trading Company LLC
        list: watch
        entry: W-2
        decision: false-positive
        reviewer: Reviewer CANARY-REVIEWER-61c2
        date: 2023-07-19
        version: "1"
        reason: Different licence number CANARY-REASON-0f4d
      - party: OOO Severtek Integration
        list: watch
        entry: W-1
        decision: escalated
        reviewer: Reviewer CANARY-REVIEWER-61c2
        date: 2023-07-19
        version: "1"
        reason: Same street CANARY-REASON-0f4d, asked the authority
    """

    static var files: String { SmallSite.files + "\n" + list + "\n" + profile }
}

@Suite struct ChecklistReviewTests {
    func build(_ files: String = ReviewSite.files) throws -> (FixtureSite, Checklist, String) {
        let site = try FixtureSite(files)
        let result = site.build(buildDate: "2026-12-01")
        #expect(result.succeeded && result.diagnostics.isEmpty, "\(result.lines)")
        let data = try Data(contentsOf: site.root.appendingPathComponent("Checklists/acme/checklist.json"))
        return (site, try JSONDecoder().decode(Checklist.self, from: data), try site.read("Checklists/acme/index.html"))
    }

    @Test func changesSinceTheLastReviewAreListedWithTheirChangePages() throws {
        let (_, checklist, html) = try build()
        #expect(checklist.sinceReview.lists.map { "\($0.id) \($0.kind) \($0.reviewed) → \($0.current) \($0.versions.map(\.version))" }
                == ["watch parties 1 → 3 [\"2\", \"3\"]", "demo-list controls 2026/1 → 2026/1 []"])
        #expect(checklist.sinceReview.lists[0].versions[1].url == "https://example.org/compliance/parties/watch/changes/3.html")
        let items = checklist.sinceReview.items.map { "\($0.kind) \($0.subject) \($0.entry)" }
        #expect(items == ["amended-match OOO Severtek Integration W-1", "removed-match Baltic Amber Freight W-3",
                          "new-match Anatolian Precision Machinery Trading W-4"])
        let amended = checklist.sinceReview.items[0]
        #expect(amended.changes == [.init(version: "3", change: "amended (aliases, addresses)",
                                          url: "https://example.org/compliance/parties/watch/changes/3.html")])
        #expect(amended.url == "https://example.org/compliance/parties/watch/w-1.html")
        #expect(checklist.sinceReview.items[1].text
                == "Entry W-3, Baltic Amber Freight OU, an earlier potential match for Baltic Amber Freight, was removed from the list in version 2.")
        #expect(checklist.sinceReview.items[2].text.hasPrefix("Review the new potential match for Anatolian Precision Machinery Trading: entry W-4"))
        #expect(html.contains(#"<h2 id="since-title">Changes since your last review</h2>"#))
        #expect(html.contains(#"<a href="https://example.org/compliance/parties/watch/changes/3.html">version 3</a>: amended (aliases, addresses)."#))
    }

    /// One decision stands (its entry never changed), the other reopens (aliases amended in version 3):
    /// the first replaces the review box, the second asks for a new review and says why.
    @Test func decisionsCarryForwardUntilAnAmendmentThatMattersReopensThem() throws {
        let (_, checklist, html) = try build()
        let gulf = try #require(checklist.parties.first { $0.name == "Gulf Meridian Trading Company LLC" })
        #expect(gulf.screening == "cleared")
        #expect(gulf.matches.map(\.review) == [.init(status: "standing", decision: "false-positive", reviewer: "Reviewer CANARY-REVIEWER-61c2",
                                                     date: "2023-07-19", reason: "Different licence number CANARY-REASON-0f4d",
                                                     version: "1", note: "carried forward from version 1")])
        let severtek = try #require(checklist.parties.first { $0.name == "OOO Severtek Integration" })
        #expect(severtek.screening == "review required")
        #expect(severtek.matches.first?.review.status == "reopened")
        #expect(severtek.matches.first?.review.note == "reopened: aliases and addresses changed in version 3")
        #expect(checklist.dispositions.map { "\($0.entry) \($0.decision) \($0.status)" } == ["W-2 false-positive standing", "W-1 escalated reopened"])
        #expect(html.contains("<strong>False positive</strong>: Different licence number CANARY-REASON-0f4d"))
        #expect(html.contains("<strong>Reopened</strong>: reopened: aliases and addresses changed in version 3"))
        // The cleared party has no review box; the reopened one has.
        let sections = html.components(separatedBy: #"<section class="party-screen""#).dropFirst()
        let boxes = sections.map { $0.contains("Review required: compare the listed entry") }
        #expect(boxes == [true, false, false, true])  // Baltic Amber Freight's only match left the list
        #expect(checklist.actions.contains { $0.text == "Review the potential restricted-party match for OOO Severtek Integration before any shipment involving it." })
        #expect(!checklist.actions.contains { $0.text.contains("match for Gulf Meridian") })
    }

    /// Without the amendment of W-1 in version 3 the escalation stands: the reopening comes from the
    /// amendment and nothing else.
    @Test func withoutTheAmendmentTheDecisionStands() throws {
        let unamended = ReviewSite.list.replacingOccurrences(of: "aliases: [OOO Severtekh Integratsiya, Severtech Integration]",
                                                             with: "aliases: [OOO Severtekh Integratsiya]")
            .replacingOccurrences(of: """
                addresses:
                  - text: Promyshlennaya ulitsa 14, Sankt-Peterburg
                    country: RU

            """, with: "")
        #expect(unamended != ReviewSite.list)
        let (_, checklist, _) = try build(SmallSite.files + "\n" + unamended + "\n" + ReviewSite.profile)
        let severtek = try #require(checklist.parties.first { $0.name == "OOO Severtek Integration" })
        #expect(severtek.matches.first?.review.status == "standing")
        #expect(severtek.screening == "escalated")
        #expect(checklist.sinceReview.items.map(\.kind) == ["removed-match", "new-match"])
    }

    /// A new decision made against the amended version applies; the reopened one stays on record.
    @Test func aLaterDecisionSupersedesTheReopenedOne() throws {
        let profile = ReviewSite.profile + """

          - party: OOO Severtek Integration
            list: watch
            entry: W-1
            decision: false-positive
            reviewer: Second Reviewer
            date: 2026-03-10
            version: "3"
            reason: The authority confirmed a different company.
        """
        let (_, checklist, _) = try build(SmallSite.files + "\n" + ReviewSite.list + "\n" + profile)
        #expect(checklist.dispositions.map { "\($0.entry) \($0.version) \($0.status)" } == ["W-2 1 standing", "W-1 1 superseded", "W-1 3 standing"])
        let severtek = try #require(checklist.parties.first { $0.name == "OOO Severtek Integration" })
        #expect(severtek.matches.first?.review.reviewer == "Second Reviewer" && severtek.matches.first?.review.note == "made against the current version")
        #expect(severtek.screening == "cleared")
    }

    @Test func theFingerprintFollowsTheDispositions() throws {
        let (site, checklist, _) = try build()
        try site.write("Content/exporters/acme.yml", try site.read("Content/exporters/acme.yml")
            .replacingOccurrences(of: "decision: escalated", with: "decision: false-positive"))
        #expect(site.build(buildDate: "2026-12-01").succeeded)
        let data = try Data(contentsOf: site.root.appendingPathComponent("Checklists/acme/checklist.json"))
        let changed = try JSONDecoder().decode(Checklist.self, from: data)
        #expect(changed.fingerprint != checklist.fingerprint)
        #expect(changed.dispositions.map(\.decision) == ["false-positive", "false-positive"])
    }

    /// Disposition text, reviewer names and review dates stay in the checklist.
    @Test func dispositionsStayOutOfThePortal() throws {
        let (site, _, html) = try build()
        var portal = ""
        for (path, data) in site.snapshot("Output") { portal += path + "\n" + String(decoding: data, as: UTF8.self) }
        for canary in ["CANARY-REVIEWER-61c2", "CANARY-REASON-0f4d", "2023-07-19", "OOO Severtek Integration", "Gulf Meridian Trading Company"] {
            #expect(!portal.contains(canary), "the public portal contains '\(canary)'")
            #expect(html.contains(canary), "the checklist lacks '\(canary)'")
        }
    }

    @Test func badReviewsAndDispositionsAreDiagnosedExactly() throws {
        func lines(_ profile: String, buildDate: String? = "2026-12-01") throws -> [String] {
            let site = try FixtureSite(SmallSite.files + "\n" + ReviewSite.list + "\n" + profile)
            return site.build(buildDate: buildDate).lines
        }
        func broken(_ old: String, _ new: String) -> String {
            precondition(ReviewSite.profile.contains(old))
            return ReviewSite.profile.replacingOccurrences(of: old, with: new)
        }
        #expect(try lines(broken("  watch: \"1\"", "  wach: \"1\"")) == [
            "Content/exporters/acme.yml:23:3: error: unknown list 'wach' in 'reviewed' (did you mean 'watch'?)"])
        #expect(try lines(broken("  watch: \"1\"", "  watch: \"0\"")) == [
            "Content/exporters/acme.yml:23:10: error: list 'watch' has no version '0' (versions it keeps: 1, 2, 3)"])
        #expect(try lines(broken("  - party: Gulf Meridian Trading Company LLC", "  - party: Gulf Meridian Trading Co")) == [
            "Content/exporters/acme.yml:26:12: error: unknown party 'Gulf Meridian Trading Co': a disposition names a party of this profile (parties: OOO Severtek Integration, Gulf Meridian Trading Company LLC, Baltic Amber Freight, Anatolian Precision Machinery Trading)"])
        #expect(try lines(broken("    entry: W-2", "    entry: W-9")) == [
            "Content/exporters/acme.yml:28:12: error: list 'watch' has no entry 'W-9' in version 1 (did you mean 'W-1' or 'W-2'?)"])
        #expect(try lines(broken("    entry: W-2", "    entry: W-3")) == [
            "Content/exporters/acme.yml:28:12: error: 'Gulf Meridian Trading Company LLC' is not a potential match for entry W-3 (Baltic Amber Freight OU) in version 1: there is no match to decide on (screening scores it below the threshold of 0.8)"])
        #expect(try lines(broken("    entry: W-2\n    decision: false-positive\n    reviewer: Reviewer CANARY-REVIEWER-61c2\n    date: 2023-07-19\n    version: \"1\"",
                                 "    entry: W-2\n    decision: false-positive\n    reviewer: Reviewer CANARY-REVIEWER-61c2\n    date: 2023-07-19\n    version: \"4\"")) == [
            "Content/exporters/acme.yml:32:14: error: list 'watch' has no version '4' (versions it keeps: 1, 2, 3)"])
        #expect(try lines(broken("    list: watch\n    entry: W-2", "    list: wach\n    entry: W-2")) == [
            "Content/exporters/acme.yml:27:11: error: unknown restricted-party list 'wach' (did you mean 'watch'?)"])
        #expect(try lines(broken("    decision: false-positive", "    decision: false-match")) == [
            "Content/exporters/acme.yml:29:15: error: unknown decision 'false-match' (use one of: false-positive, confirmed-match, escalated)"])
        // A decision dated after the build date is refused; without a build date there is nothing to hold it against.
        let future = broken("    date: 2023-07-19\n    version: \"1\"\n    reason: Different", "    date: 2027-01-05\n    version: \"1\"\n    reason: Different")
        #expect(try lines(future) == ["Content/exporters/acme.yml:31:11: error: the decision is dated 2027-01-05, after the build date 2026-12-01"])
        #expect(try lines(future, buildDate: nil) == [])
    }
}
