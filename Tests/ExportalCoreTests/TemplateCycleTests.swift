@testable import ExportalCore
import Foundation
import Testing

/// A template that includes itself, directly or through others, rendered until the stack ran out
/// (SIGSEGV). It is an error at load time, at the tag that closes the cycle, with the chain.
@Suite struct TemplateCycleTests {
    func diagnostics(after change: String) throws -> [String] {
        try FixtureSite.diagnostics(breaking: SmallSite.files, with: change)
    }

    static let hint = "(include a template in itself only inside a section over a list, as subitem does: {{#items}}{{>subitem}}{{/items}})"

    @Test func partialThatIncludesItself() throws {
        let lines = try diagnostics(after: """
        -- Templates/footer.mustache --
        <footer>
          {{#site}}{{title}}{{/site}} {{>footer}}
        </footer>
        """)
        #expect(lines == ["Templates/footer.mustache:2:31: error: template cycle: footer → footer "
                          + "(each includes the next every time it is rendered, so rendering never ends) " + Self.hint])
    }

    @Test func cycleThroughAnotherPartial() throws {
        let lines = try diagnostics(after: """
        -- Templates/footer.mustache --
        <footer>{{>breadcrumbs}}</footer>
        -- Templates/breadcrumbs.mustache --
        <nav>{{^breadcrumbs}}{{>footer}}{{/breadcrumbs}}</nav>
        """)
        #expect(lines == ["Templates/footer.mustache:1:9: error: template cycle: breadcrumbs → footer → breadcrumbs "
                          + "(each includes the next every time it is rendered, so rendering never ends) " + Self.hint])
    }

    @Test func cycleThroughALayout() throws {
        let lines = try diagnostics(after: """
        -- Templates/footer.mustache --
        {{<layout}}{{$content}}<p>Footer</p>{{/content}}{{/layout}}
        """)
        #expect(lines == ["Templates/footer.mustache:1:1: error: template cycle: layout → footer → layout "
                          + "(each includes the next every time it is rendered, so rendering never ends) " + Self.hint])
    }

    @Test func cycleAfterAChangedDelimiter() throws {
        let lines = try diagnostics(after: """
        -- Templates/footer.mustache --
        {{=<% %>=}}<footer><%> footer %></footer>
        """)
        #expect(lines.first?.hasPrefix("Templates/footer.mustache:1:20: error: template cycle: footer → footer") == true, "\(lines)")
    }

    /// `subitem` renders a control-list entry's sub-items: it includes itself inside
    /// `{{#items}}`, once per sub-item, so the recursion ends with the data.
    @Test func recursionOverDataStillBuilds() throws {
        let site = try FixtureSite(SmallSite.files)
        try site.write("""
        -- Templates/breadcrumbs.mustache --
        <nav>{{#breadcrumbs}}<a href="{{root}}{{path}}">{{title}}</a>{{#children}}{{>breadcrumbs}}{{/children}}{{/breadcrumbs}}</nav>
        """)
        let result = site.build()
        #expect(result.succeeded, "\(result.lines)")
        #expect(TemplateCycles.inclusions(in: try String(contentsOf: FixtureSite.repository.appendingPathComponent("Templates/subitem.mustache"), encoding: .utf8))
            .map { "\($0.name) \($0.overData)" } == ["cited-by false", "subitem true"])
    }
}
