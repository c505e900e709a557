@testable import ExportalCore
import Testing

/// How relative links between content files are read: what counts as absolute, where the path
/// ends and the fragment begins, and how many folders lead back to the portal root.
@Suite struct LinkPathTests {
    @Test func absoluteURLsHaveASchemeOrStartAtTheRoot() {
        for url in ["https://example.org/x", "mailto:export@example.org", "/guidance/x.html", "tel:+4912345", "é:x"] {
            #expect(CrossLinker.isAbsolute(url), "\(url)")
        }
        for url in ["licensing.md", "../guidance/licensing.md#general", "a/b:c.md", ":x", "1a:b", "", "#top"] {
            #expect(!CrossLinker.isAbsolute(url), "\(url)")
        }
    }

    @Test func thePathEndsAtTheQueryOrFragment() {
        #expect(CrossLinker.splitFragment("licensing.md") == ("licensing.md", nil))
        #expect(CrossLinker.splitFragment("licensing.md#general-authorisations") == ("licensing.md", "general-authorisations"))
        #expect(CrossLinker.splitFragment("a.md?x=1#part") == ("a.md", "part"))
        #expect(CrossLinker.splitFragment("a.md#part?x=1") == ("a.md", "part?x=1"))
        #expect(CrossLinker.splitFragment("a.md?x=1") == ("a.md", nil))
        #expect(CrossLinker.splitFragment("a.md#") == ("a.md", nil))
        #expect(CrossLinker.splitFragment("übersicht.md#d%C3%BCnn") == ("übersicht.md", "dünn"))
        #expect(CrossLinker.splitFragment("#only") == ("", "only"))
    }

    @Test func pathsSplitIntoTheirNonEmptyParts() {
        #expect(PortalPaths.components("Content/guidance/a.md") == ["Content", "guidance", "a.md"])
        #expect(PortalPaths.components("/a//b/") == ["a", "b"])
        #expect(PortalPaths.components("") == [])
        #expect(PortalPaths.components("ü/ß.md") == ["ü", "ß.md"])
    }

    @Test func theRootIsOneStepUpPerFolder() {
        #expect(PortalPaths.root(from: "index.html") == "")
        #expect(PortalPaths.root(from: "guidance/x.html") == "../")
        #expect(PortalPaths.root(from: "controls/eu/5A002.html") == "../../")
        #expect(PortalPaths.root(from: "training//m/lesson.html") == "../../")
    }
}
