@testable import ExportalDomain
import Testing

@Suite struct CodeScannerTests {
    func codes(_ text: String) -> [String] { CodeScanner.tokens(in: text).map(\.text) }

    @Test func findsCodesOnWordBoundariesWithoutTrailingPunctuation() {
        #expect(codes("See 5A002.") == ["5A002"])
        #expect(codes("(1C350), 5A002.a.1; 2B001.b.2.a: done") == ["1C350", "5A002.a.1", "2B001.b.2.a"])
        #expect(codes("Sub-items 5A002.a or .b") == ["5A002.a"])
        #expect(codes("5A002.a.") == ["5A002.a"])
        #expect(codes("5A002’s scope — 5A002—and") == ["5A002", "5A002"])
    }

    @Test func ignoresLookalikes() {
        #expect(codes("X5A002 5A0021 5a002 5F002 5A00 5A002x v1.5A002 5A002_x") == [])
        #expect(codes("Regulation 2021/821, ISO 9001, 10A001") == [])
        #expect(codes("éA5A002 5A002é") == [])
    }

    @Test func stopsBeforeInvalidSegments() {
        #expect(codes("5A002.abc 5A002.a1 5A002.A") == ["5A002", "5A002", "5A002"])
        #expect(codes("5A002.a.123") == ["5A002.a"])
    }

    @Test func reportsByteOffsets() {
        let tokens = CodeScanner.tokens(in: "Über 5A002")
        #expect(tokens.first?.utf8Offset == 6)
    }
}

@Suite struct TermMatcherTests {
    let matcher = TermMatcher(phrases: [
        ("end user", "end-user"), ("end-user statement", "euc"), ("catch-all control", "catch-all"),
        ("R&D", "rnd"), ("Ausfuhrgenehmigung", "de"),
    ])

    func ids(_ text: String) -> [String] { matcher.matches(in: text).map(\.id) }

    @Test func matchesWholeWordsCaseInsensitivelyLongestFirst() {
        #expect(ids("The End User signed an end-user statement.") == ["end-user", "euc"])
        #expect(ids("A CATCH-ALL CONTROL and R&D work, AUSFUHRGENEHMIGUNG.") == ["catch-all", "rnd", "de"])
    }

    @Test func doesNotMatchInsideWordsOrAcrossOtherSeparators() {
        #expect(ids("end users, friend user, end-user, catch all control, catch-all controls") == [])
    }

    /// A run with many first words, some of them inside phrases found, loses none.
    @Test func runsWithMoreFirstWordsThanABatch() {
        let text = String(repeating: "end end user, ", count: 30) + "Ausfuhrgenehmigung end-user statement"
        let found = matcher.matches(in: text)
        #expect(found.map(\.id) == Array(repeating: "end-user", count: 30) + ["de", "euc"])
        #expect(found.first?.utf8Offset == 4 && found.last?.utf8Offset == 30 * 14 + 19)
    }

    @Test func whitespaceRunsAndLineBreaksCountAsOneSpace() {
        let found = matcher.matches(in: "an end\n  user")
        #expect(found == [TermMatcher.Match(id: "end-user", utf8Offset: 3, utf8Length: 10)])
    }

    /// ASCII words are read byte by byte on a fast path and others whole: words next to non-ASCII
    /// letters and punctuation are found (or not) as the rules say.
    @Test func wordsAcrossEightByteStepsAndNonASCIIText() {
        let matcher = TermMatcher(phrases: [("x", "x"), ("end user", "end-user"), ("naïve", "naive"), ("alias1", "a1")])
        func offsets(_ text: String) -> [String] {
            matcher.matches(in: text).map { "\($0.id)@\($0.utf8Offset)+\($0.utf8Length)" }
        }
        #expect(offsets("1234567 End\n User x") == ["end-user@8+9", "x@18+1"])
        #expect(offsets("xxxxxxxxalias1 alias1") == ["a1@15+6"])
        #expect(offsets("alias1é éalias1 alias1’s x-x") == ["a1@18+6", "x@29+1", "x@31+1"])
        #expect(offsets("Une entrée naïve, NAÏVE; naïvement alias1") == ["naive@12+6", "naive@20+6", "a1@39+6"])
        #expect(offsets("aaaaaaa\u{00A0}x") == ["x@9+1"])
        // A word that begins no phrase and runs into a letter of another script eight bytes on, and a
        // phrase word that another script's letter begins: neither is a match.
        #expect(offsets("zzzzzzzzzzzzéx x ézz end user") == ["x@16+1", "end-user@23+8"])
        #expect(offsets("End user, ÉEND user x") == ["end-user@0+8", "x@21+1"])
        // Offsets of a range count from the start of the bytes; a word starts where the range starts.
        let bytes = Array("zzzzzzzzzzalias1 end user".utf8)
        #expect(matcher.matches(in: bytes, 10..<bytes.count).map(\.utf8Offset) == [10, 17])
        #expect(matcher.matches(in: bytes, 10..<14).isEmpty)
    }
}

@Suite struct ReferenceTargetTests {
    @Test func parsesEveryForm() throws {
        #expect(try ReferenceTarget.parse("5A002.a").get() == .code(list: nil, "5A002.a"))
        #expect(try ReferenceTarget.parse(" eu-dual-use:5A002 ").get() == .code(list: "eu-dual-use", "5A002"))
        #expect(try ReferenceTarget.parse("guidance:end-use-checks").get() == .guidance("end-use-checks"))
        #expect(try ReferenceTarget.parse("training:basics").get() == .module("basics"))
        #expect(try ReferenceTarget.parse("training:basics/first-steps").get() == .lesson(module: "basics", "first-steps"))
        #expect(try ReferenceTarget.parse("term:catch-all").get() == .term("catch-all"))
    }

    @Test func rejectsEmptyAndMalformed() {
        #expect(throws: ReferenceTarget.ParseError.empty) { try ReferenceTarget.parse("  ").get() }
        #expect(throws: ReferenceTarget.ParseError.missingName(prefix: "term")) { try ReferenceTarget.parse("term:").get() }
        #expect(throws: ReferenceTarget.ParseError.malformedLesson("a/b/c")) { try ReferenceTarget.parse("training:a/b/c").get() }
    }
}

@Suite struct ByteKeyTableTests {
    func index(_ table: ByteKeyTable, of text: String, in context: String) -> Int? {
        let bytes = Array(context.utf8)
        guard let range = context.range(of: text) else { return nil }
        let start = context.utf8.distance(from: context.startIndex, to: range.lowerBound)
        return bytes.withUnsafeBufferPointer { table.index(of: UnsafeBufferPointer(rebasing: $0[start..<(start + text.utf8.count)])) }
    }

    @Test func looksKeysUpByTheirBytesInsideALargerText() {
        var table = ByteKeyTable()
        #expect(table.insert("5A002") == 0)
        #expect(table.insert("5A002.a") == 1)
        #expect(table.insert("5A002") == 0)
        #expect(table.count == 2)
        #expect(index(table, of: "5A002", in: "see 5A002 and") == 0)
        #expect(index(table, of: "5A002.a", in: "(5A002.a)") == 1)
        #expect(index(table, of: "5A00", in: "5A00") == nil)
        #expect(table.index(of: "") == nil)
    }

    @Test func keepsEveryKeyAcrossGrowth() {
        var table = ByteKeyTable()
        let keys = (0..<5000).map { "\($0 % 10)C\($0)" } + ["", "é", "term:catch-all"]
        for (number, key) in keys.enumerated() { #expect(table.insert(key) == number) }
        #expect(keys.enumerated().allSatisfy { table.index(of: $1) == $0 })
        #expect(table.index(of: "0C5000") == nil)
    }

    /// A caller that keeps a value by slot finds each key's value where the key is: every key is in
    /// the slot `slot(of:)` gives, which is its first slot or one after it with no empty slot between.
    @Test func eachKeyIsInOneSlotReachedFromItsFirst() {
        var table = ByteKeyTable()
        let keys = (0..<3000).map { "\($0 % 10)A\($0)" } + ["", "term:catch-all", String(repeating: "z", count: 40)]
        for key in keys { table.insert(key) }
        var seen = Set<Int>()
        for (number, key) in keys.enumerated() {
            Array(key.utf8).withUnsafeBufferPointer { bytes in
                guard let slot = table.slot(of: bytes) else { Issue.record("\(key) has no slot"); return }
                #expect(table.key(atSlot: slot) == number)
                seen.insert(slot)
                var probe = table.firstSlot(of: bytes)
                while probe != slot {
                    #expect(table.key(atSlot: probe) != nil, "an empty slot before \(key)'s")
                    probe = (probe + 1) % table.slotCount
                }
            }
        }
        #expect(seen.count == keys.count)
        #expect((0..<table.slotCount).filter { table.key(atSlot: $0) != nil }.count == keys.count)
        #expect(Array("0A3000".utf8).withUnsafeBufferPointer { table.slot(of: $0) } == nil)
    }

    /// A head is read with overlapping loads: for every length, it holds the key's first sixteen
    /// bytes in order and zeros after them, whichever bytes surround the key.
    @Test func aHeadHoldsTheFirstSixteenBytesAndNothingAround() {
        let text = Array((0..<64).map { UInt8(truncatingIfNeeded: 0xA5 &+ $0 &* 37) })
        text.withUnsafeBufferPointer { bytes in
            for start in [0, 1, 7, 13] {
                for count in 0...24 {
                    let key = UnsafeBufferPointer(rebasing: bytes[start..<(start + count)])
                    let head = ByteKeyTable.Head(key)
                    var low: UInt64 = 0, high: UInt64 = 0
                    for k in 0..<min(count, 16) {
                        if k < 8 { low |= UInt64(key[k]) << (8 * k) } else { high |= UInt64(key[k]) << (8 * (k - 8)) }
                    }
                    #expect(head.low == low && head.high == high, "start \(start), \(count) bytes")
                }
            }
        }
    }

    /// Keys that differ only past their first eight bytes, or only in their length (with NUL bytes,
    /// which a slot's zero padding reads the same), are told apart, at lengths up to and past 255.
    @Test func keysAreToldApartPastTheirFirstEightBytesAndByLength() {
        var table = ByteKeyTable()
        let keys = ["5A002.a.1", "5A002.a.2", "5A002.a.", "5A002.a", "5A002.a\0", "5A002.a\0\0", "abcdefgh", "abcdefghi", "abcdefgh\0",
                    String(repeating: "x", count: 254) + "a", String(repeating: "x", count: 254) + "b", String(repeating: "x", count: 300),
                    String(repeating: "x", count: 301)]
        for (number, key) in keys.enumerated() { #expect(table.insert(key) == number) }
        #expect(keys.enumerated().allSatisfy { table.index(of: $1) == $0 })
        for absent in ["5A002.a.3", "5A002.a\0\0\0", "abcdefghj", String(repeating: "x", count: 299), String(repeating: "x", count: 255)] {
            #expect(table.index(of: absent) == nil, "\(absent.prefix(12)) (\(absent.utf8.count) bytes)")
        }
    }

    /// Long keys that share their first sixteen bytes are told apart by the rest.
    @Test func keysLongerThanSixteenBytesDifferPastTheirHead() {
        var table = ByteKeyTable()
        let keys = ["guidance:article-1", "guidance:article-2", "guidance:articl", "guidance:article", "guidance:article\0",
                    "training:screening-basics/lesson-2", "training:screening-basics/lesson-3", "0123456789abcdef", "0123456789abcdeF"]
        for (number, key) in keys.enumerated() { #expect(table.insert(key) == number) }
        #expect(keys.enumerated().allSatisfy { table.index(of: $1) == $0 })
        #expect(index(table, of: "guidance:article-2", in: "[[guidance:article-2]]") == 1)
        #expect(table.index(of: "guidance:article-3") == nil)
        #expect(table.index(of: "training:screening-basics/lesson-4") == nil)
    }
}

@Suite struct CodeScannerRangeTests {
    @Test func scanReportsTheByteRangesThatTokensReportAsText() {
        let text = "See 5A002.a.1, or (1C350). Not 5A002x; «9E003» ok."
        var ranges: [Range<Int>] = []
        Array(text.utf8).withUnsafeBufferPointer { bytes in CodeScanner.scan(bytes, 0..<bytes.count) { ranges.append($0) } }
        let tokens = CodeScanner.tokens(in: text)
        #expect(tokens.map(\.text) == ["5A002.a.1", "1C350", "9E003"])
        #expect(ranges == tokens.map { $0.utf8Offset..<($0.utf8Offset + $0.utf8Length) })
    }
}
