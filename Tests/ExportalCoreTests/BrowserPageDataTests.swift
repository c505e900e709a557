import ExportalCore
import Foundation
import Testing

/// What the build writes for the browser scripts (`Public/filters.js`, `Public/training.js`):
/// the data attributes and choices they read. The scripts themselves are tested in a real
/// browser by `Tests/Browser`.
@Suite struct BrowserPageDataTests {
    /// Added to the small site's 5A002 (NS AT, Wassenaar) and 1C350 (CB, Australia Group): a
    /// sub-item with its own reason and regime, so the filters must look below the entry.
    static let moreEntries = """
    -- Content/controls/demo-list/more.yml --
    entries:
      - code: 5D002
        title: Information security software
        reasons: [NS]
        regimes: [wassenaar]
      - code: 2B001
        title: Machine tools
        reasons: [NS, AT]
        regimes: [wassenaar]
        items:
          - code: 2B001.a
            title: Turning machines
            reasons: [MT]
            regimes: [mtcr]
    """

    /// Options of the named filter select, as "value|label".
    static func options(_ html: String, select name: String) -> [String] {
        guard let start = html.range(of: "<select id=\"filter-\(name)\""),
              let end = html.range(of: "</select>", range: start.upperBound..<html.endIndex) else { return [] }
        let select = html[start.upperBound..<end.lowerBound]
        return select.components(separatedBy: "<option value=\"").dropFirst().map { option in
            let value = option.prefix { $0 != "\"" }
            let label = option.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
            return "\(value)|\(label)"
        }
    }

    @Test func filterChoicesComeFromTheListsOwnEntriesWithCounts() throws {
        let site = try FixtureSite(SmallSite.files + "\n" + Self.moreEntries)
        #expect(site.build().succeeded)
        let html = try site.read("Output/controls/demo-list/index.html")
        #expect(Self.options(html, select: "reason") == [
            "|Any reason", "AT|AT: Anti-terrorism (2)", "CB|CB: Chemical and biological weapons (1)",
            "MT|MT: Missile technology (1)", "NS|NS: National security (3)",
        ])
        #expect(Self.options(html, select: "regime") == [
            "|Any regime", "australia-group|Australia Group (1)", "mtcr|Missile Technology Control Regime (1)",
            "wassenaar|Wassenaar Arrangement (3)",
        ])
        #expect(Self.options(html, select: "category") == [
            "|Any category", "1|1: Special materials and related equipment (1)", "2|2: Materials processing (1)",
            "5|5: Telecommunications and information security (2)",
        ])
        #expect(Self.options(html, select: "group") == [
            "|Any product group", "A|A: Systems, equipment and components (1)",
            "B|B: Test, inspection and production equipment (1)", "C|C: Materials (1)", "D|D: Software (1)",
        ])
        #expect(html.contains(#"<li data-category="2" data-group="B" data-reasons="AT MT NS" data-regimes="mtcr wassenaar" data-codes="2B001 2B001.a">"#))
        #expect(html.contains(#"<li data-category="5" data-group="A" data-reasons="AT NS" data-regimes="wassenaar" data-codes="5A002 5A002.a 5A002.a.1">"#))
        #expect(html.contains(#"data-filter-status>4 of 4 entries shown</p>"#))
        #expect(html.contains(#"<form class="filters" data-filters hidden"#), "no dead controls without JavaScript")
    }

    @Test func aListWithoutRegimesOffersNoRegimeFilter() throws {
        let site = try FixtureSite(SmallSite.files + "\n" + """
        -- Content/controls/national/list.yml --
        id: national
        title: National list
        authority: Test Authority
        version: "1"
        effective: 2026-01-01
        source: https://example.org/national
        -- Content/controls/national/entries.yml --
        entries:
          - code: 5A992
            title: Mass-market security items
            reasons: [AT]
            regimes: []
        """)
        #expect(site.build().succeeded)
        let html = try site.read("Output/controls/national/index.html")
        #expect(Self.options(html, select: "regime") == [])
        #expect(!html.contains("filter-regime"))
        #expect(Self.options(html, select: "reason") == ["|Any reason", "AT|AT: Anti-terrorism (1)"])
    }

    @Test func quizQuestionsAreFieldsetsWithTheAnswerForTheScript() throws {
        let site = try FixtureSite(SmallSite.files + "\n" + """
        -- Content/training/basics/quiz.yml --
        questions:
          - question: Who decides a catch-all case?
            choices:
              - text: The exporter alone
              - text: The competent authority
                correct: true
            explanation: The authority, once notified.
          - question: Which are dual-use?
            choices:
              - text: A laser
                correct: true
              - text: A sandwich
              - text: A *cipher*
                correct: true
            explanation: Lasers and ciphers.
        """)
        #expect(site.build().succeeded)
        let html = try site.read("Output/training/basics/quiz.html")
        #expect(html.contains(#"<li class="question" id="q1" data-question data-answer="b">"#))
        #expect(html.contains(#"<input type="radio" name="q1" id="q1-b" value="b"><label for="q1-b"><span class="choice-letter">B.</span> The competent authority</label>"#))
        #expect(html.contains(#"<li class="question" id="q2" data-question data-answer="a c">"#))
        #expect(html.contains(#"<fieldset aria-labelledby="q2-title q2-text" aria-describedby="q2-hint">"#))
        #expect(html.contains(#"<input type="checkbox" name="q2" id="q2-c" value="c"><label for="q2-c"><span class="choice-letter">C.</span> A <em>cipher</em></label>"#))
        #expect(!html.contains(#"<input type="checkbox" name="q1""#))
        #expect(html.contains("<strong>Correct: A and C.</strong>"), "the answer still opens without JavaScript")
        #expect(html.contains(#"<div class="quiz-check" data-quiz-check hidden>"#))
    }

    @Test func trainingPagesNameTheirModuleLessonsAndQuizForProgress() throws {
        let site = try FixtureSite(SmallSite.files + "\n" + """
        -- Content/training/solo/module.yml --
        title: Solo
        audience: [sales]
        objectives:
          - Read one lesson.
        minutes: 5
        lessons:
          - only
        -- Content/training/solo/only.md --
        ---
        title: Only lesson
        ---

        Read this.
        """)
        #expect(site.build().succeeded)
        let basics = #"data-portal-root="../../" data-module="basics" data-lessons="first-steps next-steps" data-has-quiz"#
        #expect(try site.read("Output/training/basics/index.html").contains(#"<div class="wrap" data-training="module" "# + basics + ">"))
        #expect(try site.read("Output/training/basics/next-steps.html")
            .contains(#"<article class="wrap lesson" data-training="lesson" data-lesson="next-steps" "# + basics + ">"))
        #expect(try site.read("Output/training/basics/quiz.html").contains(#"data-training="quiz" "# + basics + ">"))
        #expect(try site.read("Output/training/solo/index.html")
            .contains(#"data-training="module" data-portal-root="../../" data-module="solo" data-lessons="only">"#),
                "a module without a quiz does not wait for one")
        let index = try site.read("Output/training/index.html")
        #expect(index.contains(#"<div class="wrap" data-training="index" data-portal-root="../">"#))
        #expect(index.contains(#"<li class="card" data-training-module data-portal-root="../" data-module="solo" data-lessons="only">"#))
        #expect(index.contains(#"href="../training/record.html""#))
        #expect(try site.read("Output/training/basics/index.html").contains(#"<li data-lesson="first-steps">"#))
    }

    @Test func completionRecordListsEveryModuleAndSaysItIsSelfAttested() throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(site.build().succeeded)
        let html = try site.read("Output/training/record.html")
        #expect(html.contains("<h1>Training record</h1>"))
        #expect(html.contains("<strong>Self-attested, not a certificate.</strong>"))
        #expect(html.contains(#"<p class="record-nojs" data-record-nojs>The record is built in your browser"#))
        #expect(html.contains(#"<div class="record-body" data-record hidden>"#))
        #expect(html.contains(#"<tr data-training-module data-portal-root="../" data-module="basics" data-lessons="first-steps next-steps" data-has-quiz><th scope="row"><a href="../training/basics/index.html">Basics</a></th>"#))
        #expect(html.contains(#"<script src="../assets/training."#))
        #expect(try site.read("Output/sitemap.xml").contains("https://example.org/compliance/training/record.html"))
    }

    @Test func aPortalWithoutTrainingHasNoCompletionRecord() throws {
        let site = try FixtureSite(SmallSite.files)
        try site.remove("Content/training")
        #expect(site.build().succeeded)
        #expect(!site.exists("Output/training/record.html"))
    }
}
