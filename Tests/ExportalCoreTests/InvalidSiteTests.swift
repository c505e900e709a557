import ExportalCore
import Foundation
import Testing

/// Deliberately broken fixtures: each asserts the exact diagnostics, a failed build,
/// and that the previous output is left byte-identical.
@Suite struct InvalidSiteTests {
    func diagnostics(after change: String, data: (String, Data)? = nil) throws -> [String] {
        try FixtureSite.diagnostics(breaking: SmallSite.files, with: change, data: data)
    }

    @Test func malformedYAML() throws {
        let lines = try diagnostics(after: """
        -- Content/site.yml --
        title: Test Portal
        organisation: [unclosed
        base_url: https://example.org/
        """)
        #expect(lines == ["Content/site.yml:3:9: error: invalid YAML: while parsing a flow sequence did not find expected ',' or ']'"])
    }

    @Test func missingTitleInFrontMatter() throws {
        let lines = try diagnostics(after: """
        -- Content/guidance/end-use-checks.md --
        ---
        summary: No title here.
        ---

        Body.
        """)
        #expect(lines == ["Content/guidance/end-use-checks.md:2:1: error: front matter is missing the required field 'title'"])
    }

    @Test func unknownFieldWithSuggestion() throws {
        let lines = try diagnostics(after: """
        -- Content/guidance/end-use-checks.md --
        ---
        title: End-use checks
        sumary: Typo.
        ---

        Body.
        """)
        #expect(lines == ["Content/guidance/end-use-checks.md:3:1: error: unknown field 'sumary' in front matter (did you mean 'summary'?)"])
    }

    @Test func duplicateEntryCode() throws {
        let lines = try diagnostics(after: """
        -- Content/controls/demo-list/more.yml --
        entries:
          - code: 1C350
            title: Again
            reasons: [CB]
            regimes: []
        """)
        #expect(lines == ["Content/controls/demo-list/more.yml:2:11: error: duplicate control code '1C350' (first defined at Content/controls/demo-list/entries.yml:18:11)"])
    }

    @Test func subItemMustExtendParentAndUseKnownVocabulary() throws {
        let lines = try diagnostics(after: """
        -- Content/controls/demo-list/more.yml --
        entries:
          - code: 2B001
            title: Machine tools
            reasons: [NS, XX]
            regimes: [wasenaar]
            items:
              - code: 2B002.a
                title: Wrong parent
              - code: 2B001.B
                title: Bad segment
        """)
        #expect(lines == [
            "Content/controls/demo-list/more.yml:4:19: error: unknown reason for control 'XX' (known: NS, MT, NP, CB, CW, AT, RS, CC, FC, EI, SL, UN, SI, SS)",
            "Content/controls/demo-list/more.yml:5:15: error: unknown regime 'wasenaar' (did you mean 'wassenaar'?)",
            "Content/controls/demo-list/more.yml:7:15: error: sub-item code '2B002.a' does not extend its parent '2B001' (a sub-item's code is its parent's code plus one segment, e.g. 2B001.a)",
            "Content/controls/demo-list/more.yml:9:15: error: '2B001.B' is not a valid control code (expected a category digit, a product group A-E and three digits, then sub-items such as 5A002.a.1)",
        ])
    }

    @Test func nonUTF8File() throws {
        var bytes = Data("---\ntitle: Caf".utf8)
        bytes.append(0xE9)  // Latin-1 é
        bytes.append(contentsOf: Data("\n---\n".utf8))
        let lines = try diagnostics(after: "", data: ("Content/guidance/end-use-checks.md", bytes))
        #expect(lines == ["Content/guidance/end-use-checks.md:2:11: error: file is not valid UTF-8 (save it with UTF-8 encoding)"])
    }

    @Test func emptyFile() throws {
        let lines = try diagnostics(after: "", data: ("Content/glossary.yml", Data()))
        #expect(lines == ["Content/glossary.yml:1:1: error: file is empty"])
    }

    @Test func templateSyntaxError() throws {
        let lines = try diagnostics(after: """
        -- Templates/footer.mustache --
        <footer>
          {{#site}}{{title}}{{/sit}}
        </footer>
        """)
        #expect(lines == ["Templates/footer.mustache:2:24: error: template syntax error: a section is closed with a different name than it was opened with"])
    }

    @Test func unknownPartialAndAsset() throws {
        let lines = try diagnostics(after: """
        -- Templates/footer.mustache --
        <footer>{{>foter}} <img src="{{#asset}}logo.png{{/asset}}" alt=""></footer>
        """)
        #expect(lines == [
            "Templates/footer.mustache:1:9: error: template 'footer' uses unknown partial 'foter' (did you mean 'footer'?)",
            "Templates/footer.mustache:1:30: error: unknown asset 'logo.png' (assets come from the Public/ folder)",
        ])
    }

    @Test func levelOneHeadingInBody() throws {
        let lines = try diagnostics(after: """
        -- Content/training/basics/first-steps.md --
        ---
        title: First steps
        ---

        Intro.

        # Another title
        """)
        #expect(lines == ["Content/training/basics/first-steps.md:7:1: error: level-1 heading 'Another title' in the body: the title is the page's only h1 (use '##' for sections)"])
    }

    @Test func exporterProfileProblems() throws {
        let lines = try diagnostics(after: """
        -- Content/exporters/acme.yml --
        name: Acme
        country: UK
        products:
          - id: mill
            name: Mill
            classification: listed
            codes: [5A002.a.9]
        destinations: [US, XX]
        parties:
          - name: Someone
            country: AE
            role: broker
        """)
        #expect(lines == [
            "Content/exporters/acme.yml:2:10: error: 'UK' is not an ISO 3166-1 alpha-2 country code (the United Kingdom's ISO code is GB)",
            "Content/exporters/acme.yml:7:13: error: unknown control code '5A002.a.9' in product 'mill' (did you mean 5A002.a.1, 5A002.a?)",
            "Content/exporters/acme.yml:8:20: error: 'XX' is not an ISO 3166-1 alpha-2 country code (use an ISO 3166-1 alpha-2 code such as DE or US)",
            "Content/exporters/acme.yml:12:11: error: unknown party role 'broker' (use one of: consignee, end-user, intermediary, freight-forwarder, distributor)",
        ])
    }

    @Test func trainingModuleProblems() throws {
        let lines = try diagnostics(after: """
        -- Content/training/basics/module.yml --
        title: Basics
        objectives: []
        minutes: -5
        lessons:
          - first-steps
          - first-step
        -- Content/training/basics/quiz.yml --
        questions:
          - question: Which?
            choices:
              - text: A
              - text: B
            explanation: None is right.
        """)
        #expect(lines == [
            "Content/training/basics/module.yml:2:13: error: 'objectives' must list at least one learning objective",
            "Content/training/basics/module.yml:3:10: error: 'minutes' must be a positive whole number",
            "Content/training/basics/module.yml:6:5: error: lesson 'first-step' has no file training/basics/first-step.md (did you mean 'first-steps'?)",
            "Content/training/basics/next-steps.md:1:1: error: lesson file is not listed in module.yml 'lessons' (add 'next-steps' where it belongs in the order)",
            "Content/training/basics/quiz.yml:4:7: error: no choice is marked 'correct: true'",
        ])
    }

    @Test func allErrorsAreReportedTogether() throws {
        let lines = try diagnostics(after: """
        -- Content/site.yml --
        title: Test Portal
        organisation: Test Association
        base_url: example.org
        jurisdiction: eu
        -- Content/glossary.yml --
        terms:
          - term: Catch-all
            definition: One.
          - term: catch-all
            definition: Two.
        """)
        #expect(lines == [
            "Content/glossary.yml:4:5: error: duplicate glossary id 'catch-all' (first defined at Content/glossary.yml:2:5)",
            "Content/glossary.yml:4:11: error: 'catch-all' is already a glossary term or synonym (first used at Content/glossary.yml:2:11)",
            "Content/site.yml:3:11: error: 'base_url' must be an http(s) URL, found 'example.org' (it is not an absolute URL)",
        ])
    }

    @Test func refusesToReplaceAFolderItDidNotWrite() throws {
        let site = try FixtureSite(SmallSite.files)
        try site.write("Mine/notes.txt", "precious")
        let result = site.build(output: "Mine")
        #expect(!result.succeeded)
        #expect(try site.read("Mine/notes.txt") == "precious")
        #expect(result.lines.first?.contains("refusing to replace") == true)
    }

    @Test func outputMayNotOverlapContent() throws {
        let site = try FixtureSite(SmallSite.files)
        let result = site.build(output: "Content/out")
        #expect(!result.succeeded)
        #expect(result.lines.first?.contains("overlaps the content folder") == true)
        #expect(!site.exists("Content/out"))
    }
}

@Suite struct ReservedNameTests {
    @Test func reservedPageNamesAreRejected() throws {
        let site = try FixtureSite(SmallSite.files + """

        -- Content/guidance/index.md --
        ---
        title: Clash
        ---
        -- Content/training/basics/quiz.md --
        ---
        title: Clash
        ---
        """)
        try site.write("Content/training/basics/module.yml", """
        title: Basics
        objectives: [One]
        minutes: 5
        lessons: [first-steps, next-steps, quiz]
        """)
        #expect(site.check().lines == [
            "Content/guidance/index.md:1:1: error: 'index' is reserved for the guidance index page (rename the file)",
            "Content/training/basics/module.yml:4:36: error: lesson slug 'quiz' is reserved for the module's quiz page (rename the lesson)",
            "Content/training/basics/quiz.md:1:1: error: lesson file is not listed in module.yml 'lessons' (add 'quiz' where it belongs in the order)",
        ])
    }
}
