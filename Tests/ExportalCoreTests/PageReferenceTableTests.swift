@testable import ExportalCore
import ExportalMarkdown
import Testing

/// `[[guidance:...]]` and `[[training:...]]` written exactly are looked up by their bytes: each
/// must lead where `LinkTargets.resolve` leads, and anything it cannot resolve must not be found.
@Suite struct PageReferenceTableTests {
    @Test func eachReferenceFoundLeadsWhereResolvingLeads() {
        let targets = LinkTargets(Self.content())
        let written = ["guidance:licensing", "guidance:end-use checks", "guidance:draft-notes", "guidance:missing",
                       "guidance:Licensing", "training:basics", "training:basics/first-steps", "training:basics/second",
                       "training:basics/missing", "training:other/first-steps", "training:other", "training:basics/",
                       "training:basics/first-steps/more", "training: basics", "term:licence", "guidance:", "licensing"]
        var found = 0
        for text in written {
            var bytes = text
            let number = bytes.withUTF8 { targets.pageReferences.target($0) }
            guard let number else {
                // Those not in the table go through `resolve` when they are linked; only the names a
                // reference cannot spell exactly, and the references that do not resolve, are left out.
                if case .success = targets.resolve(text) {
                    #expect(text.contains(" ") || text.hasPrefix("term:"), "\(text) resolves but is not in the table")
                }
                continue
            }
            found += 1
            guard case .success(let target) = targets.resolve(text) else {
                Issue.record("\(text) is in the table but does not resolve")
                continue
            }
            #expect(targets.table.number(of: target) == number, "\(text)")
        }
        #expect(found == 5)
    }

    private static func content() -> ContentSet {
        func source(_ text: String) -> MarkdownSource { MarkdownSource(text: text, file: "Content/x.md", firstLine: 1) }
        func article(_ slug: String, draft: Bool = false) -> GuidanceArticle {
            GuidanceArticle(slug: slug, title: "Article \(slug)", summary: nil, tags: [], audience: [], updated: nil,
                            draft: draft, body: source("Text."), related: [])
        }
        func lesson(_ slug: String, _ title: String) -> Lesson {
            Lesson(slug: slug, title: title, summary: nil, minutes: nil, body: source("Text."), related: [])
        }
        var set = ContentSet()
        set.guidance = [article("licensing"), article("end-use checks"), article("draft-notes", draft: true)]
        set.modules = [
            TrainingModule(id: "basics", title: "Basics", summary: nil, audience: [], objectives: [], minutes: 10,
                           lessons: [lesson("first-steps", "First"), lesson("second", "Second"), lesson("second", "Second again")],
                           quiz: nil, related: []),
            TrainingModule(id: "other", title: "Other", summary: nil, audience: [], objectives: [], minutes: 10,
                           lessons: [], quiz: nil, related: []),
        ]
        return set
    }
}
