import ExportalDomain
import Testing

@Suite struct URLPolicyTests {
    @Test(arguments: ["https://www.bafa.de/", "http://example.org", "HTTPS://Example.org/a?b=c#d", "  https://example.org/  "])
    func httpWithAHostIsAccepted(url: String) {
        #expect(URLPolicy.refusal(of: url, relative: false) == nil)
        #expect(URLPolicy.refusal(of: url, relative: true) == nil)
    }

    @Test(arguments: ["../lists/eu.html", "page.md#red-flags", "#top", "?q=1", "guidance/x.md?a=1&b=2", "a/b:c", "/guidance/"])
    func relativePathsAreAcceptedWhereTheFieldTakesThem(url: String) {
        #expect(URLPolicy.refusal(of: url, relative: true) == nil)
        #expect(URLPolicy.refusal(of: url, relative: false) == .relative)
    }

    @Test(arguments: [
        ("javascript:alert(1)", URLPolicy.Refusal.scheme("javascript")),
        (" JaVaScRiPt:alert(1)", .scheme("javascript")),
        ("java\tscript:alert(1)", .controlCharacter),
        ("java\nscript:alert(1)", .controlCharacter),
        ("\u{0}javascript:alert(1)", .controlCharacter),
        ("javascript:alert(1)\u{7F}", .controlCharacter),
        ("javascript&colon;alert(1)", .characterReference),
        ("&#106;avascript:alert(1)", .characterReference),
        ("\u{A0}javascript:alert(1)", .colonBeforePath),
        ("vbscript:msgbox(1)", .scheme("vbscript")),
        ("data:text/html,<script>alert(1)</script>", .scheme("data")),
        ("mailto:export@example.org", .scheme("mailto")),
        ("file:///etc/passwd", .scheme("file")),
        ("//evil.example/x", .protocolRelative),
        ("\\\\evil.example/x", .protocolRelative),
        ("/\\evil.example/x", .protocolRelative),
        ("https:evil.example", .noHost),
        ("https:///path", .noHost),
        ("http:\\\\evil.example", .noHost),
    ])
    func everyOtherURLIsRefusedWithItsReason(url: String, refusal: URLPolicy.Refusal) {
        #expect(URLPolicy.refusal(of: url, relative: true) == refusal)
    }

    @Test func messagesShowInvisibleCharacters() {
        #expect(URLPolicy.message("'source'", found: "java\tscript:\u{1}", relative: true)
            == #"'source' must be an http(s) URL or a relative path, found 'java\tscript:\u{1}'"#)
    }
}
