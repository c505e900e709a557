/// How search text becomes index terms. Public/search.js repeats these rules line for line for
/// queries, so a word is found only if both sides agree; `Tests/Browser/search-text.json` holds
/// words and texts whose terms both implementations are checked against.
///
///     SearchText.terms("Exporters screened 5A002.a.1 items")
///     // ["export", "screen", "5a002.a.1", "item"]
enum SearchText {
    /// A term of the index: a stemmed word, a number, or a whole control code.
    struct Term: Equatable {
        let text: String
        let isCode: Bool
    }

    /// Lower case, compatibility-decomposed, combining accents dropped: "Präzision" -> "prazision".
    static func normalise(_ text: String) -> String {
        if isASCII(text) { return text.lowercased() }
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars
        where !(0x300...0x36F).contains(scalar.value) {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// The index terms of `text`, in order, repeats included.
    static func terms(_ text: String) -> [Term] {
        var terms: [Term] = []
        forEachTerm(in: text) { terms.append($0) }
        return terms
    }

    /// `terms(text)` one at a time, without collecting them: the index interns each as it comes.
    static func forEachTerm(in text: String, _ body: (Term) -> Void) {
        if isASCII(text) { asciiTerms(text, body) } else { generalTerms(text, body) }
    }

    /// `forEachTerm(in:_:)`, each term given as its UTF-8 bytes (valid during the call): for the
    /// index, which looks terms up by their bytes, so that ASCII text, most of it, makes no String
    /// for a term it has met before.
    static func forEachTermUTF8(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if isASCII(text) {
            asciiTermBytes(text) { bytes, _ in body(bytes) }
        } else {
            generalTerms(text) { term in
                var text = term.text
                text.withUTF8(body)
            }
        }
    }

    static func isASCII(_ text: String) -> Bool { allBytes(of: text) { $0 < 0x80 } }

    /// Whether every UTF-8 byte of `text` passes `test`, read straight from the String's storage
    /// where it has one (native Strings do): stepping through `utf8` costs several times more.
    static func allBytes(of text: String, _ test: (UInt8) -> Bool) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(test) } ?? text.utf8.allSatisfy(test)
    }

    /// The rules on Unicode scalars, for any text.
    static func generalTerms(_ text: String, _ body: (Term) -> Void) {
        var run = String.UnicodeScalarView()
        func flush() {
            if !run.isEmpty { runTerms(String(run), body) }
            run.removeAll(keepingCapacity: true)
        }
        for scalar in normalise(text).unicodeScalars {
            if scalar == "." || isWordScalar(scalar) { run.append(scalar) } else { flush() }
        }
        flush()
    }

    /// A run of letters, digits and dots: a whole control code, or words split at the dots.
    private static func runTerms(_ run: String, _ body: (Term) -> Void) {
        let trimmed = run.trimmingCharacters(in: ["."])
        if isControlCode(trimmed) {
            body(Term(text: trimmed, isCode: true))
            return
        }
        for part in trimmed.split(separator: ".") where part.unicodeScalars.count >= 2 {
            body(Term(text: stem(String(part)), isCode: false))
        }
    }

    /// The same rules for ASCII text, on its bytes, which is most of the index: each run is
    /// copied into one reused buffer, lower-cased and stemmed there in place, so the only String
    /// made per term is the term itself (stored inline, without an allocation, up to 15 bytes).
    /// `asciiTermsMatchTheGeneralPath` checks both paths give the same terms.
    static func asciiTerms(_ text: String, _ body: (Term) -> Void) {
        asciiTermBytes(text) { bytes, isCode in body(Term(text: String(decoding: bytes, as: UTF8.self), isCode: isCode)) }
    }

    /// `asciiTerms`, each term as its bytes in the reused buffer.
    private static func asciiTermBytes(_ text: String, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
        var text = text
        var run: [UInt8] = []
        text.withUTF8 { bytes in
            var end = 0
            while end < bytes.count {
                let start = end
                while end < bytes.count, isRunByte(bytes[end]) { end += 1 }
                if end == start {
                    end += 1
                    continue
                }
                run.removeAll(keepingCapacity: true)
                run.append(contentsOf: bytes[start..<end])
                asciiRunTerms(&run, body)
            }
        }
    }

    /// `runTerms` for a run of ASCII letters, digits and dots, which it changes.
    private static func asciiRunTerms(_ run: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
        func give(_ range: Range<Int>, isCode: Bool) {
            run.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range]), isCode) }
        }
        let dot = UInt8(ascii: ".")
        for index in run.indices where isUpper(run[index]) { run[index] += 32 }
        var start = run.startIndex, end = run.endIndex
        while start < end, run[start] == dot { start += 1 }
        while end > start, run[end - 1] == dot { end -= 1 }
        if isControlCode(run[start..<end]) {
            give(start..<end, isCode: true)
            return
        }
        while start < end {
            var partEnd = start
            while partEnd < end, run[partEnd] != dot { partEnd += 1 }
            if partEnd - start >= 2 {
                let stemEnd = stem(&run, start..<partEnd)
                give(start..<stemEnd, isCode: false)
            }
            start = partEnd + 1
        }
    }

    /// Letters, digits and dots: the bytes a run of ASCII search text is made of.
    private static func isRunByte(_ byte: UInt8) -> Bool {
        isLower(byte) || isUpper(byte) || isDigit(byte) || byte == UInt8(ascii: ".")
    }

    /// Letters and digits as JavaScript's `[\p{L}\p{N}]` sees them.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || ("A"..."Z").contains(scalar)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// `5a002`, `5a002.a.1.b`: a category digit, a product group a-e, three digits, then segments
    /// of one or two letters or digits (already lower-cased).
    static func isControlCode(_ text: String) -> Bool { isControlCode(Array(text.utf8)[...]) }

    private static func isControlCode(_ bytes: ArraySlice<UInt8>) -> Bool {
        let first = bytes.startIndex
        guard bytes.count >= 5, isDigit(bytes[first]), (UInt8(ascii: "a")...UInt8(ascii: "e")).contains(bytes[first + 1]),
              bytes[(first + 2)...(first + 4)].allSatisfy(isDigit) else { return false }
        var index = first + 5
        while index < bytes.endIndex {
            guard bytes[index] == UInt8(ascii: ".") else { return false }
            var length = 0
            index += 1
            let letters = index < bytes.endIndex && isLower(bytes[index])
            while index < bytes.endIndex, bytes[index] != UInt8(ascii: ".") {
                guard letters ? isLower(bytes[index]) : isDigit(bytes[index]) else { return false }
                length += 1
                index += 1
            }
            guard (1...2).contains(length) else { return false }
        }
        return true
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isLower(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    private static func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }

    /// A deliberately small English suffix stemmer, so that "exporters", "exported" and "exporting"
    /// all find "export". Only plain a-z words of four letters or more are touched.
    ///
    /// 1. plurals: `-ies` -> `-y`, `-sses` -> `-ss`, `-s` dropped (not after s, u or i);
    /// 2. up to twice, the first of `-ing`, `-ed`, `-er` that leaves three letters is dropped, and a
    ///    doubled final consonant other than s is undoubled (shipped -> ship);
    /// 3. a final `-e` is dropped when four letters remain (licence, licensing -> licenc, licens).
    static func stem(_ word: String) -> String {
        var letters = Array(word.utf8)
        let end = stem(&letters, letters.indices)
        return String(decoding: letters[..<end], as: UTF8.self)
    }

    /// Whether `letters[word]` ends in `suffix`.
    private static func ends(_ letters: [UInt8], _ word: Range<Int>, _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard word.count >= count else { return false }
        for offset in 0..<count where letters[word.upperBound - count + offset] != suffix.utf8Start[offset] { return false }
        return true
    }

    /// `-ing`, `-ed` or `-er`, the one that ends in `letter`: no word ends in two of them.
    private static func inflection(endingIn letter: UInt8) -> StaticString? {
        switch letter {
        case UInt8(ascii: "g"): "ing"
        case UInt8(ascii: "d"): "ed"
        case UInt8(ascii: "r"): "er"
        default: nil
        }
    }

    /// Stems `letters[word]` where it is, and returns where the stem ends (a stem is never longer
    /// than its word), so that stemming the words of a run allocates nothing.
    private static func stem(_ letters: inout [UInt8], _ word: Range<Int>) -> Int {
        let start = word.lowerBound
        var end = word.upperBound
        guard end - start >= 4, word.allSatisfy({ isLower(letters[$0]) }) else { return end }
        // `ends` is not a nested function capturing `end`: that cost a run-time exclusivity check per call.
        if letters[end - 1] == UInt8(ascii: "s") { // every plural ending ends in s
            if ends(letters, start..<end, "ies"), end - start > 4 {
                end -= 2
                letters[end - 1] = UInt8(ascii: "y")
            } else if ends(letters, start..<end, "sses") {
                end -= 2
            } else if ends(letters, start..<end, "ss") || ends(letters, start..<end, "us") || ends(letters, start..<end, "is") {
                // "process", "status", "analysis" are not plurals.
            } else {
                end -= 1
            }
        }
        for _ in 0..<2 {
            guard let suffix = inflection(endingIn: letters[end - 1]), ends(letters, start..<end, suffix), end - start - suffix.utf8CodeUnitCount >= 3
            else { break }
            end -= suffix.utf8CodeUnitCount
            if end - start >= 2, letters[end - 1] == letters[end - 2], !"aeious".utf8.contains(letters[end - 1]) {
                end -= 1
            }
        }
        if ends(letters, start..<end, "e"), end - start >= 5 { end -= 1 }
        return end
    }
}
