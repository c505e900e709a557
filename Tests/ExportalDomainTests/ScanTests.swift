import CExportalScan
@testable import ExportalDomain
import Testing

/// The sixteen-byte scanners against their byte-at-a-time versions, at every start in many texts
/// made of the pieces prose is made of: words, digits, spaces, line breaks, punctuation that HTML
/// escapes, and letters and punctuation of other scripts.
@Suite struct ScanTests {
    static let pieces = ["a", "e", "n", "d", "te", "rm", "X", "1", "5A", " ", "  ", "\n", "-", ".", "&", "<", ">", "\"",
                         "é", "ж", "—", "’", "日本", "\u{00A0}", "[[", "]]"]

    /// Deterministic texts from 1 to about 120 bytes, long enough to cross several sixteen-byte steps.
    static func texts(count: Int) -> [[UInt8]] {
        var state: UInt64 = 2026
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in
            Array((0..<(1 + next(60))).map { _ in pieces[next(pieces.count)] }.joined().utf8)
        }
    }

    @Test func termStartsAreTheSameSixteenBytesAtATimeAsOneByOne() {
        let pairs = TermMatcher.pairTables(firstWords: [Array("end".utf8), Array("te".utf8), Array("x".utf8), Array("5a002".utf8)])
        var checked = 0
        for text in Self.texts(count: 1500) {
            text.withUnsafeBufferPointer { bytes in
                for lower in [0, min(3, bytes.count)] {
                    for from in lower...bytes.count {
                        let fast = exportal_next_term_start(bytes.baseAddress, lower, from, bytes.count, pairs)
                        let slow = exportal_next_term_start_bytewise(bytes.baseAddress, lower, from, bytes.count, pairs)
                        #expect(fast == slow, "text \(String(decoding: bytes, as: UTF8.self).debugDescription) from \(from)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 50_000)
    }

    @Test func termStartsStopAtEveryFirstWordAndAtOtherScripts() {
        let words = ["end", "te", "x", "5a002", "r", "licence", "qq", "z9"].map { Array($0.utf8) }
        let pairs = TermMatcher.pairTables(firstWords: words)
        func starts(_ text: String) -> [Int] {
            let bytes = Array(text.utf8)
            var found: [Int] = [], from = 0
            while true {
                let next = exportal_next_term_start(bytes, 0, from, bytes.count, pairs)
                guard next < bytes.count else { return found }
                found.append(next)
                from = next + 1
            }
        }
        // Every first word, in any case, at the start of the text, after a space or punctuation, past a
        // sixteen-byte step, and at the very end.
        #expect(starts("End, ok;TE licence (QQ) R") == [0, 8, 11, 20, 24])
        #expect(starts("0123456789abcdef x z9") == [17, 19])
        // Not inside a word; but at every character of another script that follows an ASCII byte.
        #expect(starts("bend text alicence, nothing") == [5])
        #expect(starts("ok é x—жж") == [3, 6, 7])
    }

    @Test func specialBytesAreFoundSixteenAtATime() {
        for text in Self.texts(count: 800) {
            text.withUnsafeBufferPointer { bytes in
                for from in 0...bytes.count {
                    let expected = bytes[from...].firstIndex { [10, 34, 38, 60, 62].contains($0) } ?? bytes.count
                    #expect(exportal_next_special(bytes.baseAddress, from, bytes.count) == expected)
                }
            }
        }
    }

    @Test func codeStartsAreFoundSixteenBytesAtATime() {
        for text in Self.texts(count: 800) + [Array("see 5A002 and 1C350, 9E999 or 5a002 x5A".utf8)] {
            text.withUnsafeBufferPointer { bytes in
                for from in 0...bytes.count {
                    let expected = (from..<max(from, bytes.count - 1)).first { bytes[$0] &- 48 < 10 && bytes[$0 + 1] &- 65 < 5 } ?? bytes.count
                    #expect(exportal_next_code_start(bytes.baseAddress, from, bytes.count) == expected)
                }
            }
        }
    }

    /// Phrases next to words of other scripts, joined by their punctuation: each word is read whole.
    @Test func termsBesideOtherScripts() {
        let matcher = TermMatcher(phrases: [("end user", "end-user"), ("экспорт", "export"), ("licence", "licence")])
        func ids(_ text: String) -> [String] { matcher.matches(in: text).map { "\($0.id)@\($0.utf8Offset)" } }
        #expect(ids("слово—экспорт, end user’s licence") == ["export@13", "end-user@29", "licence@42"])
        #expect(ids("экспорт—end user") == ["export@0", "end-user@17"])
        #expect(ids("ЭКСПОРТный licenceé élicence licence") == ["licence@41"])
    }

    /// Characters of other scripts are decoded in place, as Swift decodes them; malformed bytes are no character.
    @Test func charactersAreDecodedInPlaceAsStringsDecodeThem() {
        for text in ["é", "ж", "日", "😀", "’", "—", "\u{00A0}", "\u{0301}", "\u{10FFFF}"] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { TermMatcher.scalar($0, 0..<$0.count) } == text.unicodeScalars.first)
        }
        for malformed: [UInt8] in [[0xC3], [0xE2, 0x80], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                                   [0xF8, 0x88, 0x80, 0x80], [0x80]] {
            #expect(malformed.withUnsafeBufferPointer { TermMatcher.scalar($0, 0..<$0.count) } == nil)
        }
    }

    /// Phrases that share a first word are each found, longest first; words are separated by any
    /// whitespace, Unicode's included, or by exactly the punctuation of the phrase.
    @Test func phrasesSharingAFirstWordAndTheirSeparators() {
        let matcher = TermMatcher(phrases: [("export", "export"), ("export licence", "licence"), ("export authorisation", "authorisation"),
                                            ("end-user statement", "euc"), ("end user", "end-user")])
        func ids(_ text: String) -> [String] { matcher.matches(in: text).map(\.id) }
        #expect(ids("An export authorisation, an Export  Licence, an export.") == ["authorisation", "licence", "export"])
        #expect(ids("export\u{0B}licence, export\u{2003}licence, export\u{00A0}licence") == ["licence", "licence", "licence"])
        #expect(ids("end\u{0C}user, End-User statement, end_user, end–user statement") == ["end-user", "euc"])
    }
}
