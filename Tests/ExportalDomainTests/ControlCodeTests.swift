import ExportalDomain
import Testing

@Suite struct ControlCodeTests {
    @Test func parsesEntryAndSubItemCodes() throws {
        let code = try #require(ControlCode("5A002.a.1.b"))
        #expect(code.category == 5)
        #expect(code.productGroup == .equipment)
        #expect(code.entryCode == "5A002")
        #expect(code.segments == ["a", "1", "b"])
        #expect(code.description == "5A002.a.1.b")
        #expect(code.parent == ControlCode("5A002.a.1"))
        #expect(ControlCode("1C350")?.isEntry == true)
    }

    @Test(arguments: ["5A02", "5F002", "X5A002", "5A002.", "5A002..a", "5A002.A", "5A002.abc", "5A002.123", "5a002", ""])
    func rejectsMalformedCodes(_ text: String) {
        #expect(ControlCode(text) == nil)
    }

    @Test func childRelationNeedsExactlyOneMoreSegment() throws {
        let parent = try #require(ControlCode("2B001.b"))
        #expect(ControlCode("2B001.b.2")!.isChild(of: parent))
        #expect(!ControlCode("2B001.b.2.a")!.isChild(of: parent))
        #expect(!ControlCode("2B002.b.2")!.isChild(of: parent))
    }

    @Test func ordersNumericSegmentsNumerically() {
        let codes = ["1A010", "1A002", "2B001.b.10", "2B001.b.2", "2B001.b", "2B001.aa", "2B001.c"].compactMap(ControlCode.init)
        #expect(codes.sorted().map(\.description) == ["1A002", "1A010", "2B001.b", "2B001.b.2", "2B001.b.10", "2B001.c", "2B001.aa"])
    }

    @Test func productGroupsAndCategoriesHaveTitles() {
        #expect(ProductGroup.allCases.map(\.rawValue) == ["A", "B", "C", "D", "E"])
        #expect(ControlCategory.title(5) == "Telecommunications and information security")
    }
}

@Suite struct SuggestionTests {
    @Test func suggestsNearestNames() {
        #expect(Suggestions.nearest(to: "titel", in: ["title", "summary", "tags"]) == ["title"])
        #expect(Suggestions.hint(for: "regims", in: ["reasons", "regimes"]) == "did you mean 'regimes'?")
        #expect(Suggestions.nearest(to: "zzzzzz", in: ["title"]).isEmpty)
    }

    @Test func countryCodesAreISOAlpha2() {
        #expect(CountryCode.isAssigned("DE"))
        #expect(CountryCode.isAssigned("GB"))
        #expect(!CountryCode.isAssigned("UK"))
        #expect(!CountryCode.isAssigned("de"))
        #expect(CountryCode.assigned.count == 249)
    }
}

@Suite struct DiagnosticTests {
    @Test func formatsAsPathLineColumn() {
        let diagnostic = Diagnostic(.error, "Content/site.yml", line: 3, column: 7, "unknown field 'titel'", hint: "did you mean 'title'?")
        #expect(diagnostic.description == "Content/site.yml:3:7: error: unknown field 'titel' (did you mean 'title'?)")
    }

    @Test func reportSortsAndDeduplicates() {
        var report = DiagnosticReport()
        report.warning(SourceLocation(file: "b.md", line: 1, column: 1), "w")
        report.error(SourceLocation(file: "a.md", line: 9, column: 2), "e")
        report.error(SourceLocation(file: "a.md", line: 9, column: 2), "e")
        #expect(report.sorted.map(\.description) == ["a.md:9:2: error: e", "b.md:1:1: warning: w"])
        #expect(report.errorCount == 2)
        #expect(report.hasErrors)
    }
}
