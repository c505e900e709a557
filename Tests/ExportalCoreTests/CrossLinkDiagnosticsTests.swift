import ExportalCore
import Foundation
import Testing

/// Broken references: each is reported at the reference itself, the build fails, and the
/// previous output is kept.
@Suite struct CrossLinkDiagnosticsTests {
    func diagnostics(after change: String) throws -> [String] {
        try FixtureSite.diagnostics(breaking: LinkingSite.files, with: change)
    }

    @Test func unknownTargetsOfEveryKind() throws {
        let lines = try diagnostics(after: """
        -- Content/guidance/linking.md --
        ---
        title: Linking
        related: [guidance:end-use-check, 5A002]
        ---

        Unknown [[5A003]] and [[9Z999]] codes.
        Guidance [[guidance:end-use-check]], lesson [[training:basics/third-steps]], module [[training:basic]].
        Term [[term:catch-al|label]] and list [[eu-list:5A002]], empty [[ ]].
        Fragment [wrong](end-use-checks.md#red-flag), [missing](nowhere.md), [own](#nothing), [up](../../x.md).
        Autolinked 5A003 is only a warning.

        ## Heading with [[5A002]]

        Unclosed [[5A002 here.
        """)
        #expect(lines == [
            "Content/guidance/linking.md:3:11: error: unknown guidance article 'end-use-check' — did you mean end-use-checks?",
            "Content/guidance/linking.md:6:9: error: unknown control code '5A003' — did you mean 5A002?",
            "Content/guidance/linking.md:6:23: error: unknown control code '9Z999' (other pages are referenced as [[guidance:SLUG]], [[training:MODULE]], [[training:MODULE/LESSON]] or [[term:ID]])",
            "Content/guidance/linking.md:7:10: error: unknown guidance article 'end-use-check' — did you mean end-use-checks?",
            "Content/guidance/linking.md:7:45: error: unknown lesson 'third-steps' in training module 'basics'",
            "Content/guidance/linking.md:7:85: error: unknown training module 'basic' — did you mean basics?",
            "Content/guidance/linking.md:8:6: error: unknown glossary term 'catch-al' — did you mean catch-all?",
            "Content/guidance/linking.md:8:39: error: unknown control list or reference kind 'eu-list' in 'eu-list:5A002' — did you mean demo-list?",
            "Content/guidance/linking.md:8:64: error: empty reference '[[]]'",
            "Content/guidance/linking.md:9:18: error: unknown anchor '#red-flag' in guidance/end-use-checks.md — did you mean #red-flags?",
            "Content/guidance/linking.md:9:57: error: link 'nowhere.md' does not lead to a page of the portal (link to a content file (.md, module.yml, quiz.yml, list.yml, glossary.yml) or use an absolute URL)",
            "Content/guidance/linking.md:9:76: error: unknown anchor '#nothing' in this page",
            "Content/guidance/linking.md:9:92: error: link '../../x.md' leads outside the content folder",
            "Content/guidance/linking.md:12:17: error: a [[reference]] in a heading is not linked (move the reference into the text around it)",
            "Content/guidance/linking.md:14:10: error: unclosed reference: '[[' without ']]'",
            // Warnings come after every error: the errors are what failed the build.
            "Content/guidance/linking.md:10:12: warning: control code '5A003' names no loaded entry and is not linked — did you mean 5A002? (write it in `backticks` if it is not meant to name an entry)",
        ])
    }

    @Test func referencesInYAMLTextsPointIntoTheYAMLFile() throws {
        let lines = try diagnostics(after: """
        -- Content/training/basics/quiz.yml --
        questions:
          - question: Which parties are screened under [[term:screening]]?
            choices:
              - text: "Only the buyer, see [[5A09]]"
              - text: Every party
                correct: true
            explanation: |
              All parties, including forwarders.
              See [[guidance:nope]] for more.
        """)
        #expect(lines == [
            "Content/training/basics/quiz.yml:2:48: error: unknown glossary term 'screening'",
            "Content/training/basics/quiz.yml:4:36: error: unknown control code '5A09' — did you mean 5A002? (other pages are referenced as [[guidance:SLUG]], [[training:MODULE]], [[training:MODULE/LESSON]] or [[term:ID]])",
            "Content/training/basics/quiz.yml:9:11: error: unknown guidance article 'nope'",
        ])
    }

    @Test func injectingAnUnknownCodeIntoEveryGuidanceFileIsCaughtThere() throws {
        let site = try FixtureSite(LinkingSite.files)
        #expect(site.build().succeeded)
        let before = site.snapshot()
        for name in ["end-use-checks.md", "linking.md"] {
            let path = "Content/guidance/\(name)"
            let original = try site.read(path)
            try site.write(path, original + "\nA new line with [[9Z999]] in it.\n")
            let line = original.split(separator: "\n", omittingEmptySubsequences: false).count + 1
            let result = site.build()
            #expect(!result.succeeded)
            #expect(result.errors.first?.hasPrefix("\(path):\(line):17: error: unknown control code '9Z999'") == true, "\(result.lines)")
            #expect(site.snapshot() == before)
            try site.write(path, original)
        }
    }
}
