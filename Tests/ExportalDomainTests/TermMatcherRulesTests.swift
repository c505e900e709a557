@testable import ExportalDomain
import Testing

/// Words of other scripts, malformed bytes and shared first words.
@Suite struct TermMatcherScriptTests {
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

/// Eight bytes at a time tell every byte value apart as one at a time does, in every lane.
@Suite struct ByteLanesTests {
    @Test func wordBytesAreTheASCIILettersAndDigitsInEveryLane() {
        for value in 0...255 {
            for lane in 0..<8 {
                // The other lanes hold bytes at the edges of the classes, which must not carry into this one.
                var bytes: [UInt8] = [0xFF, 0x7F, 0x2F, 0x3A, 0x40, 0x5B, 0x60, 0x7B]
                bytes[lane] = UInt8(value)
                let word = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }.byteSwapped
                let lanes = ByteLanes.wordBytes(word)
                #expect((lanes >> (8 * lane + 7)) & 1 == (TermMatcher.isASCIIWord(UInt8(value)) ? 1 : 0), "byte \(value) in lane \(lane)")
            }
        }
    }

    @Test func scansStopWhereTheBytesSay() {
        let text = Array("  ,;  (ab12Cd9xyzQ) é end".utf8)
        text.withUnsafeBufferPointer { bytes in
            for start in 0..<bytes.count {
                let wordStart = (start..<bytes.count).first { bytes[$0] >= 0x80 || TermMatcher.isASCIIWord(bytes[$0]) } ?? bytes.count
                let wordEnd = (start..<bytes.count).first { !TermMatcher.isASCIIWord(bytes[$0]) } ?? bytes.count
                #expect(ByteLanes.next(in: bytes, from: start, end: bytes.count, stoppingAtWordBytes: true) == wordStart)
                #expect(ByteLanes.next(in: bytes, from: start, end: bytes.count, stoppingAtWordBytes: false) == wordEnd)
            }
        }
    }
}

/// The matcher against a plain reading of its rules, on generated texts: words are maximal runs of
/// letters and digits of any script, compared lower-cased; between two words of a phrase, any run
/// of whitespace matches a space and anything else must be the phrase's own separator; at each
/// word, the phrase with the most words wins (the first id of equal ones), and matching goes on
/// after it.
@Suite struct TermMatcherReferenceTests {
    struct Token {
        let start: Int, end: Int
        let lowered: String
    }

    /// Words of `text` with their UTF-8 offsets, and the text between each word and the next.
    static func words(_ text: String) -> (words: [Token], between: [String]) {
        var words: [Token] = [], between: [String] = []
        var current = "", start = -1, offset = 0, gap = ""
        func isWord(_ s: Unicode.Scalar) -> Bool {
            s.isASCII ? (s.properties.isAlphabetic || ("0"..."9").contains(s)) : (s.properties.isAlphabetic || s.properties.numericType != nil)
        }
        for scalar in text.unicodeScalars {
            let length = String(scalar).utf8.count
            if isWord(scalar) {
                if start < 0 {
                    start = offset
                    if !words.isEmpty { between.append(gap) }
                    gap = ""
                }
                current.unicodeScalars.append(scalar)
            } else {
                if start >= 0 { words.append(Token(start: start, end: offset, lowered: lowered(current))); current = ""; start = -1 }
                gap.unicodeScalars.append(scalar)
            }
            offset += length
        }
        if start >= 0 { words.append(Token(start: start, end: offset, lowered: lowered(current))) }
        return (words, between)
    }

    static func lowered(_ word: String) -> String {
        word.unicodeScalars.allSatisfy(\.isASCII) ? String(word.unicodeScalars.map { Character($0.properties.lowercaseMapping) }) : word.lowercased()
    }

    static func separator(_ text: String) -> String {
        !text.isEmpty && text.unicodeScalars.allSatisfy(\.properties.isWhitespace) ? " " : text
    }

    static func reference(_ phrases: [(text: String, id: String)], _ text: String) -> [TermMatcher.Match] {
        let parsed = phrases.map { phrase -> (words: [String], separators: [String], id: String) in
            let (words, between) = Self.words(phrase.text)
            return (words.map(\.lowered), between.map(Self.separator), phrase.id)
        }.filter { !$0.words.isEmpty }
        let (words, between) = Self.words(text)
        var found: [TermMatcher.Match] = []
        var index = 0
        while index < words.count {
            let candidates = parsed.filter { $0.words[0] == words[index].lowered }
                .sorted { ($0.words.count, $1.id) > ($1.words.count, $0.id) }
            var matched: (id: String, last: Int)?
            for phrase in candidates where index + phrase.words.count <= words.count {
                let fits = (1..<phrase.words.count).allSatisfy { k in
                    words[index + k].lowered == phrase.words[k] && Self.separator(between[index + k - 1]) == phrase.separators[k - 1]
                }
                if fits { matched = (phrase.id, index + phrase.words.count - 1); break }
            }
            if let matched {
                found.append(TermMatcher.Match(id: matched.id, utf8Offset: words[index].start,
                                               utf8Length: words[matched.last].end - words[index].start))
                index = matched.last + 1
            } else {
                index += 1
            }
        }
        return found
    }

    static let phrases: [(text: String, id: String)] = [
        ("export", "export"), ("export licence", "licence"), ("export licences", "licences"), ("Export Licence", "licence-2"),
        ("export authorisation", "authorisation"), ("end user", "end-user"), ("end-user statement", "euc"), ("end-user", "end-user-2"),
        ("in the public domain", "public-domain"), ("in", "in"), ("R&D", "rnd"), ("catch-all control", "catch-all"), ("x", "x"),
        ("5A002 item", "item"), ("a/b test", "ab"), ("naïve export", "naive"), ("export für", "fuer"), ("экспорт", "export-ru"),
        ("end–user", "en-dash"), ("über alles", "ueber"), ("licence\u{00A0}holder", "holder"), ("mass-market note", "mass-market"),
    ]

    static let vocabulary = ["export", "Export", "EXPORT", "licence", "Licences", "licenced", "authorisation", "end", "End", "user",
                             "users", "statement", "in", "In", "the", "public", "domain", "R", "D", "catch", "all", "control", "x", "X",
                             "5A002", "item", "a", "b", "test", "naïve", "für", "экспорт", "ЭКСПОРТ", "über", "alles", "holder",
                             "mass", "market", "note", "exporté", "éexport", "日本"]
    static let separators = [" ", " ", " ", "  ", "\n", "-", "&", "/", ", ", ". ", "\u{00A0}", "\u{2003}", "\u{0B}", "—", "–", "_", "’",
                             "- ", " & ", "\t"]

    /// With phrases of other scripts, and with ASCII ones only.
    @Test(arguments: [false, true])
    func agreesWithAPlainReadingOfItsRules(asciiOnly: Bool) {
        let phrases = asciiOnly ? Self.phrases.filter { $0.text.allSatisfy(\.isASCII) } : Self.phrases
        let matcher = TermMatcher(phrases: phrases)
        var random = SplitMix(seed: asciiOnly ? 11 : 7)
        var disagreements: [String] = []
        for _ in 0..<3000 {
            var text = random.pick(["", " ", "(", "—"])
            for _ in 0..<(2 + Int(random.next() % 14)) { text += random.pick(Self.vocabulary) + random.pick(Self.separators) }
            let expected = Self.reference(phrases, text)
            if matcher.matches(in: text) != expected { disagreements.append(text) }
        }
        #expect(disagreements.isEmpty, "first: \(disagreements.prefix(3).map { $0.debugDescription })")
    }

    @Test func theReferenceReadsTheRules() {
        let found = Self.reference(Self.phrases, "An Export  Licence for the end-user statement, in the public domain; in the.")
        #expect(found.map(\.id) == ["licence", "euc", "public-domain", "in"])
        #expect(found.first == TermMatcher.Match(id: "licence", utf8Offset: 3, utf8Length: 15))
    }
}

extension SplitMix {
    mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }
}
