import CExportalScan
@testable import ExportalDomain
import Testing

/// The sixteen-byte scanners against their byte-at-a-time versions, at every start in many texts
/// made of the pieces prose is made of: words, digits, spaces, line breaks, punctuation that HTML
/// escapes, and letters and punctuation of other scripts.
@Suite struct ScanTests {
    /// With the bytes at the edges of the classes a scanner tells apart by nibbles: `@` `[` `` ` `` `{`
    /// `/` `:` around the letters and digits, and control bytes that lower-casing (`| 0x20`) turns into digits.
    static let pieces = ["a", "e", "n", "d", "te", "rm", "X", "1", "5A", " ", "  ", "\n", "-", ".", "&", "<", ">", "\"",
                         "é", "ж", "—", "’", "日本", "\u{00A0}", "[[", "]]",
                         "z", "Z", "p", "P", "o", "O", "j", "J", "0", "9", "@", "[", "`", "{", "/", ":", "\u{10}", "\u{19}",
                         "9E", "4D", "0F", "3@"]

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

    @Test func termStartsAreTheSameManyBytesAtATimeAsOneByOne() {
        let tables = ScanTables(["end", "te", "x", "5a002", "zp", "o", "j9", "endteo", "a1b2c3d4e5f6g7h8"])
        var checked = 0
        for text in Self.texts(count: 1500) {
            text.withUnsafeBufferPointer { bytes in
                // A range may end before the text does (the text between two codes): what follows is not read.
                for end in Set([bytes.count, max(0, bytes.count - 1), max(0, bytes.count - 7)]) {
                    for lower in [0, min(3, end)] {
                        for from in lower...end {
                            let slow = exportal_next_term_start_bytewise(bytes.baseAddress, lower, from, end, tables.pointer)
                            // Thirty-two bytes a step where the processor has AVX2, sixteen with SSSE3, and the default.
                            for level: Int32 in [2, 1] {
                                let fast = exportal_next_term_start_with(level, bytes.baseAddress, lower, from, end, tables.pointer)
                                #expect(fast == slow, "level \(level), text \(String(decoding: bytes, as: UTF8.self).debugDescription) from \(from) to \(end)")
                            }
                            #expect(exportal_next_term_start(bytes.baseAddress, lower, from, end, tables.pointer) == slow)
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked > 50_000)
    }

    /// Texts of first words, words that begin like them, words they begin, and words of sixteen
    /// bytes and more, so that the first-word filter lets many through: each way of reading a word
    /// (sixteen bytes straight from the text, or a padded copy near its end) gives the same answer.
    @Test func firstWordsAreFilteredTheSameManyBytesAtATimeAsOneByOne() {
        // Of every length the wide reading hashes in its own way: up to eight bytes, nine to fifteen, sixteen and more.
        // Some with a second word, which the word after them must begin like (`termStartsNeedAWordThatMayFollow`).
        let tables = ScanTables(["end user", "te", "x ab", "j9 x", "endteo", "a1b2c3d4e5f6g7h8 zz", "licence", "licences 9e",
                                 "endteosxy", "a1b2c3d4e5f6g", "a1b2c3d4e5f6g7h8i9j0"])
        let pieces = ["end", "END", "ended", "te", "Te", "x", "j9", "endteo", "ENDTEO", "endteos", "a1b2c3d4e5f6g7h8",
                      "A1B2C3D4E5F6G7H8I9", "a1b2c3d4zzzzzzzz", "licence", "LICENCES", "EndTeoSxy", "endteosxyz", "A1B2C3D4E5F6G",
                      "a1b2c3d4e5f6g7h8i9J0", "user", "US", "ab", "zz", "Zq", "9E", "9f", " ", " ", " ", ", ", "\n", "é", "-"]
        var state: UInt64 = 11
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var stops = 0
        for _ in 0..<400 {
            let text = Array((0..<(1 + next(30))).map { _ in pieces[next(pieces.count)] }.joined().utf8)
            text.withUnsafeBufferPointer { bytes in
                for end in Set([bytes.count, max(0, bytes.count - 3)]) {
                    for from in 0...end {
                        let slow = exportal_next_term_start_bytewise(bytes.baseAddress, 0, from, end, tables.pointer)
                        for level: Int32 in [2, 1] {
                            #expect(exportal_next_term_start_with(level, bytes.baseAddress, 0, from, end, tables.pointer) == slow,
                                    "level \(level), text \(String(decoding: bytes, as: UTF8.self).debugDescription) from \(from) to \(end)")
                        }
                        if slow < end && bytes[slow] < 0x80 { stops += 1 }
                    }
                }
            }
        }
        // Most texts hold several first words: the filter let them through, not only refused others.
        #expect(stops > 5_000)
    }

    /// A word's hash is of its lower-cased bytes only: the same lower-cased as read or before, and
    /// whatever follows it, at every length across the eight-byte steps.
    @Test func wordHashesAreOfTheLowerCasedWordAlone() {
        let word = Array("A1b2C3d4E5f6G7h8I9j0KL".utf8), lowered = Array("a1b2c3d4e5f6g7h8i9j0kl".utf8)
        var hashes: Set<UInt64> = []
        for count in 1...word.count {
            let asRead = exportal_word_hash(word, count, word.count, TermMatcher.asciiLowering)
            #expect(asRead == exportal_word_hash(lowered, count, count, 0), "\(count) bytes")
            #expect(asRead == exportal_word_hash(Array(word[..<count]), count, count, TermMatcher.asciiLowering))
            hashes.insert(asRead)
        }
        #expect(hashes.count == word.count)
    }

    /// The words a term scan hands over: ASCII ones with their end and hash, none that runs on into
    /// another script, and the first byte of each character of another script after ASCII.
    @Test func termWordsComeWithTheirEndAndHash() {
        let tables = ScanTables(["export", "end"])
        let bytes = Array("Exporté EXPORT, end. exportX Export".utf8)
        var found: [(start: Int, end: Int, hash: UInt64)] = [], from = 0
        while true {
            var word = exportal_term_word()
            let start = exportal_next_term_word(bytes, 0, from, bytes.count, tables.pointer, &word)
            guard start < bytes.count else { break }
            found.append((start, word.end, word.hash))
            from = max(start + 1, word.end)
        }
        let export = exportal_word_hash(Array("export".utf8), 6, 6, 0), end = exportal_word_hash(Array("end".utf8), 3, 3, 0)
        #expect(found.map(\.start) == [6, 9, 17, 30])
        #expect(found.map(\.end) == [6, 15, 20, 36])
        #expect(found.map(\.hash) == [0, export, end, export])
    }

    /// A batch of words is the words one call at a time would give, at every size of batch and start,
    /// including texts with more first words than one batch holds.
    @Test func termWordsInBatchesAreThoseOneAtATime() {
        let tables = ScanTables(["end", "te", "x", "5a002", "o", "licence"])
        let texts = Self.texts(count: 300) + [Array(String(repeating: "end x, ", count: 40).utf8), Array("Exporté licence é o".utf8)]
        var words = 0
        for text in texts {
            text.withUnsafeBufferPointer { bytes in
                for from in Set([0, 1, bytes.count / 2]) where from <= bytes.count {
                    var single: [String] = [], next = from
                    while true {
                        var word = exportal_term_word()
                        let start = exportal_next_term_word(bytes.baseAddress, 0, next, bytes.count, tables.pointer, &word)
                        guard start < bytes.count else { break }
                        single.append("\(word.start)-\(word.end)-\(word.hash)")
                        next = start + 1
                    }
                    words += single.count
                    for capacity in [1, 2, 3, 32] {
                        var batched: [String] = [], next = from
                        var batch = [exportal_term_word](repeating: exportal_term_word(), count: capacity)
                        while true {
                            let count = exportal_term_words(bytes.baseAddress, 0, next, bytes.count, tables.pointer, &batch, capacity)
                            batched += batch[..<count].map { "\($0.start)-\($0.end)-\($0.hash)" }
                            guard count == capacity else { break }
                            next = batch[count - 1].start + 1
                        }
                        #expect(batched == single, "capacity \(capacity), text \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                    }
                }
            }
        }
        #expect(words > 500)
    }

    /// Each word of a batch comes with the word after it, when one space and an ASCII word that does
    /// not run on into another script follow it: at every length across the sixteen-byte load,
    /// near the end of the text and at it.
    @Test func termWordsComeWithTheWordAfterThem() {
        let tables = ScanTables(["end", "te", "x", "5a002", "o", "licence"])
        let long = (1...20).map { String("ABCDEFGHIJKLMNOPQRSTUVWXYZ".prefix($0)) }
        let crafted = ["end x", "end  x", "end, x", "end é", "end xé", "end x.é", "end\nx", "end -x", "x END", "end"]
            + long.flatMap { ["end \($0)", "end \($0) and on past sixteen bytes", "end \($0)é", "te \($0)-9"] }
        func plainNext(_ bytes: [UInt8], after word: exportal_term_word) -> String {
            let start = word.end + 1
            guard word.end > word.start, start < bytes.count, bytes[word.end] == 32, Self.isWordByte(bytes[start]) else { return "none" }
            var stop = start
            while stop < bytes.count && Self.isWordByte(bytes[stop]) { stop += 1 }
            guard stop == bytes.count || bytes[stop] < 0x80 else { return "none" }
            let lowered = bytes[start..<stop].map { $0 | 0x20 }
            return "\(stop) \(exportal_word_hash(lowered, lowered.count, lowered.count, 0))"
        }
        var measured = 0
        for text in Self.texts(count: 300) + crafted.map({ Array($0.utf8) }) {
            var batch = [exportal_term_word](repeating: exportal_term_word(), count: 8), next = 0
            while true {
                let count = exportal_term_words(text, 0, next, text.count, tables.pointer, &batch, 8)
                for word in batch[..<count] {
                    let expected = plainNext(text, after: word)
                    #expect((word.next_end > 0 ? "\(word.next_end) \(word.next_hash)" : "none") == expected,
                            "after \(word.start) in \(String(decoding: text, as: UTF8.self).debugDescription)")
                    if expected != "none" { measured += 1 }
                }
                guard count == 8 else { break }
                next = batch[count - 1].start + 1
            }
        }
        #expect(measured > 60)
    }

    static func isWordByte(_ b: UInt8) -> Bool { (b &- 48) < 10 || ((b | 0x20) &- 97) < 26 }

    /// Every place in `text` where a term scan with `tables` stops.
    static func termStarts(_ text: String, _ tables: ScanTables) -> [Int] {
        let bytes = Array(text.utf8)
        var found: [Int] = [], from = 0
        while true {
            let next = exportal_next_term_start(bytes, 0, from, bytes.count, tables.pointer)
            guard next < bytes.count else { return found }
            found.append(next)
            from = next + 1
        }
    }

    @Test func termStartsStopAtEveryFirstWordAndAtOtherScripts() {
        let tables = ScanTables(["end", "te", "x", "5a002", "r", "licence", "qq", "z9"])
        func starts(_ text: String) -> [Int] { Self.termStarts(text, tables) }
        // Every first word, in any case, at the start of the text, after a space or punctuation, past a
        // sixteen-byte step, and at the very end.
        #expect(starts("End, ok;TE licence (QQ) R") == [0, 8, 11, 20, 24])
        #expect(starts("0123456789abcdef x z9") == [17, 19])
        // Not inside a word, nor at a word that only begins like a first word, nor at one that a first
        // word begins; but at every character of another script that follows an ASCII byte.
        #expect(starts("bend text alicence, nothing") == [])
        #expect(starts("ended endless END licences LICENCE 5A002x 5a002 xx") == [14, 27, 42])
        #expect(starts("the enduser and end") == [16])
        #expect(starts("ok é x—жж") == [3, 6, 7])
    }

    /// Whether the prefix tables let `text`'s first bytes through, read as the scanner reads them.
    static func prefixPasses(_ tables: [UInt8], _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var common: UInt8 = 0xFF
        for place in 0..<Int(EXPORTAL_TERM_PREFIX) {
            let byte = (place < bytes.count ? bytes[place] : 32) | 0x20
            common &= tables[32 * place + Int(byte & 15)] & tables[32 * place + 16 + Int(byte >> 4)]
        }
        return common != 0
    }

    /// Every first word passes its tables, in any case and whatever follows it; words that share
    /// only a letter or two with first words do not, however those words share the eight buckets.
    @Test func prefixTablesPassFirstWordsAndKeepThemApart() {
        // Eight, one for each bucket.
        let firstWords = ["control", "catch", "competent", "end", "chemical", "x", "licence", "list"]
        let tables = TermMatcher.prefixTables(firstWords: firstWords.map { Array($0.utf8) })
        for word in firstWords {
            #expect(Self.prefixPasses(tables, word) && Self.prefixPasses(tables, word.uppercased() + "s"), "\(word)")
        }
        #expect(Self.prefixPasses(tables, "ending") && Self.prefixPasses(tables, "xylophone") && Self.prefixPasses(tables, "cont"))
        for word in ["concern", "check", "cathode", "liss", "lick", "ex", "e", "chat"] {
            #expect(!Self.prefixPasses(tables, word), "\(word)")
        }
        // More first words than buckets: still every one of them.
        let many = (0..<40).map { "w\($0)ord" } + firstWords
        let crowded = TermMatcher.prefixTables(firstWords: many.map { Array($0.utf8) })
        #expect(many.allSatisfy { Self.prefixPasses(crowded, $0) })
    }

    /// A first word followed by one space and an ASCII word stops the scan only when that word may
    /// begin the second word of one of its phrases (by its first two bytes), or when the first word
    /// is a phrase on its own or begins one whose second word the two bytes cannot tell.
    @Test func termStartsNeedAWordThatMayFollow() {
        let tables = ScanTables(["end user", "export", "export licence", "dual use", "a b", "zz éa", "licence 5a"])
        func starts(_ text: String) -> [Int] { Self.termStarts(text, tables) }
        // Followed by a word that may be the second: in any case, or one that begins like it.
        #expect(starts("end user, End USERS, dual usage") == [0, 10, 21])
        // Followed by one that may not: the first word is passed over.
        #expect(starts("end game, end u, dual x, licence 5b") == [])
        // Not one space and a word after it: anything may follow, as the matcher reads on itself.
        #expect(starts("end  game end-game end\ngame end") == [0, 10, 19, 28])
        #expect(starts("end éb") == [0, 4])
        // A phrase of one word, a second word of one letter or of another script: anything may follow.
        #expect(starts("export control a c zz xy") == [0, 15, 19])
    }

    @Test func specialBytesAreFoundSixteenAtATime() {
        for text in Self.texts(count: 800) {
            text.withUnsafeBufferPointer { bytes in
                for end in Set([bytes.count, max(0, bytes.count - 1), max(0, bytes.count - 7)]) {
                    for from in 0...end {
                        let expected = bytes[from..<end].firstIndex { [10, 34, 38, 60, 62].contains($0) } ?? end
                        #expect(exportal_next_special(bytes.baseAddress, from, end) == expected)
                    }
                }
            }
        }
    }

    @Test func codeStartsAreFoundManyBytesAtATime() {
        for text in Self.texts(count: 800) + [Array("see 5A002 and 1C350, 9E999 or 5a002 x5A".utf8)] {
            text.withUnsafeBufferPointer { bytes in
                for end in Set([bytes.count, max(0, bytes.count - 1), max(0, bytes.count - 7)]) {
                    for from in 0...end {
                        let expected = (from..<max(from, end - 1)).first { bytes[$0] &- 48 < 10 && bytes[$0 + 1] &- 65 < 5 } ?? end
                        #expect(exportal_next_code_start(bytes.baseAddress, from, end) == expected)
                        for level: Int32 in [0, 1, 2] {
                            #expect(exportal_next_code_start_with(level, bytes.baseAddress, from, end) == expected, "level \(level)")
                        }
                    }
                }
            }
        }
    }

    /// `[[` at every place in texts of the pieces (which have `[[`, `[` and `]]`), and in runs of brackets
    /// that cross a step: the first of each pair, never a lone `[`.
    @Test func doubleBracketsAreFoundManyBytesAtATime() {
        let extra = ["a [b] [[c]] d", String(repeating: "[ ", count: 40) + "[[", String(repeating: "x", count: 31) + "[[[", "[", "[["]
        var found = 0
        for text in Self.texts(count: 800) + extra.map({ Array($0.utf8) }) {
            text.withUnsafeBufferPointer { bytes in
                for end in Set([bytes.count, max(0, bytes.count - 1), max(0, bytes.count - 7)]) {
                    for from in 0...end {
                        let expected = (from..<max(from, end - 1)).first { bytes[$0] == 91 && bytes[$0 + 1] == 91 } ?? end
                        if expected < end { found += 1 }
                        #expect(exportal_next_double_bracket(bytes.baseAddress, from, end) == expected)
                        for level: Int32 in [0, 1, 2] {
                            #expect(exportal_next_double_bracket_with(level, bytes.baseAddress, from, end) == expected, "level \(level)")
                        }
                    }
                }
            }
        }
        #expect(found > 10_000)
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

    /// With phrases of other scripts (found by hash beside the trie) and with ASCII ones only (the trie alone).
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

/// The tables of a term scan for `phrases` (lower-cased, their words one space apart), in memory
/// that lives as long as this value. A phrase of one word may be followed by anything.
final class ScanTables {
    private let storage = FrozenTables()
    let pointer: UnsafePointer<exportal_term_tables>

    init(_ phrases: [String]) {
        let words = phrases.map { $0.split(separator: " ").map { Array($0.utf8) } }
        let firstWords = words.map { $0[0] }
        pointer = storage.keep([exportal_term_tables(prefixes: storage.keep(TermMatcher.prefixTables(firstWords: firstWords)),
                                                     words: storage.keep(TermMatcher.firstWordFilter(firstWords: firstWords)),
                                                     follows: storage.keep(TermMatcher.followFilter(phrases: words)))])
    }
}
