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
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars
        where !(0x300...0x36F).contains(scalar.value) {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// The index terms of `text`, in order, repeats included.
    static func terms(_ text: String) -> [Term] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiTerms(text) }
        var terms: [Term] = []
        var run = String.UnicodeScalarView()
        func flush() {
            if !run.isEmpty { appendTerms(of: String(run), to: &terms) }
            run.removeAll(keepingCapacity: true)
        }
        for scalar in normalise(text).unicodeScalars {
            if scalar == "." || isWordScalar(scalar) { run.append(scalar) } else { flush() }
        }
        flush()
        return terms
    }

    /// `terms` for ASCII text, on its bytes: the same rules without building a String per
    /// letter run (most of the index is ASCII, and party lists make it large).
    private static func asciiTerms(_ text: String) -> [Term] {
        var terms: [Term] = []
        var run: [UInt8] = []
        func flush() {
            var start = run.startIndex, end = run.endIndex
            while start < end, run[start] == UInt8(ascii: ".") { start += 1 }
            while end > start, run[end - 1] == UInt8(ascii: ".") { end -= 1 }
            let trimmed = run[start..<end]
            if isControlCode(trimmed) {
                terms.append(Term(text: String(decoding: trimmed, as: UTF8.self), isCode: true))
            } else {
                for part in trimmed.split(separator: UInt8(ascii: ".")) where part.count >= 2 {
                    terms.append(Term(text: String(decoding: stem(Array(part)), as: UTF8.self), isCode: false))
                }
            }
            run.removeAll(keepingCapacity: true)
        }
        for var byte in text.utf8 {
            if isUpper(byte) { byte += 32 }
            if isLower(byte) || isDigit(byte) || byte == UInt8(ascii: ".") { run.append(byte) } else if !run.isEmpty { flush() }
        }
        if !run.isEmpty { flush() }
        return terms
    }

    /// A run of letters, digits and dots: a whole control code, or words split at the dots.
    private static func appendTerms(of run: String, to terms: inout [Term]) {
        let trimmed = run.trimmingCharacters(in: ["."])
        if isControlCode(trimmed) {
            terms.append(Term(text: trimmed, isCode: true))
            return
        }
        for part in trimmed.split(separator: ".") where part.unicodeScalars.count >= 2 {
            terms.append(Term(text: stem(String(part)), isCode: false))
        }
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

    private static func isControlCode(_ code: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(code)
        guard bytes.count >= 5, isDigit(bytes[0]), (UInt8(ascii: "a")...UInt8(ascii: "e")).contains(bytes[1]),
              bytes[2...4].allSatisfy(isDigit) else { return false }
        var index = 5
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: ".") else { return false }
            var length = 0
            index += 1
            let letters = index < bytes.count && isLower(bytes[index])
            while index < bytes.count, bytes[index] != UInt8(ascii: ".") {
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
    static func stem(_ word: String) -> String { String(decoding: stem(Array(word.utf8)), as: UTF8.self) }

    private static func stem(_ word: [UInt8]) -> [UInt8] {
        var letters = word
        guard letters.count >= 4, letters.allSatisfy(isLower) else { return word }
        func ends(_ suffix: StaticString) -> Bool {
            let tail = UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
            return letters.count >= tail.count && letters[(letters.count - tail.count)...].elementsEqual(tail)
        }
        if ends("ies"), letters.count > 4 {
            letters.removeLast(3)
            letters.append(UInt8(ascii: "y"))
        } else if ends("sses") {
            letters.removeLast(2)
        } else if ends("ss") || ends("us") || ends("is") {
            // "process", "status", "analysis" are not plurals.
        } else if ends("s") {
            letters.removeLast()
        }
        for _ in 0..<2 {
            guard let suffix: StaticString = ["ing", "ed", "er"].first(where: { ends($0) && letters.count - $0.utf8CodeUnitCount >= 3 })
            else { break }
            letters.removeLast(suffix.utf8CodeUnitCount)
            let count = letters.count
            if count >= 2, letters[count - 1] == letters[count - 2], !"aeious".utf8.contains(letters[count - 1]) {
                letters.removeLast()
            }
        }
        if ends("e"), letters.count >= 5 { letters.removeLast() }
        return letters
    }
}
