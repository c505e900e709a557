/// String measures for name tokens (upper-case ASCII bytes, as `NameNormalizer` produces).
///
///     NameSimilarity.jaroWinkler(Array("MARTHA".utf8), Array("MARHTA".utf8))   // 0.961…
///     NameSimilarity.phoneticKey(Array("MOHAMMED".utf8)) == NameSimilarity.phoneticKey(Array("MUHAMMAD".utf8))  // true
public enum NameSimilarity {
    /// Jaro-Winkler similarity in [0, 1], prefix scale 0.1 over at most four characters.
    public static func jaroWinkler(_ a: [UInt8], _ b: [UInt8]) -> Double {
        if a == b { return a.isEmpty ? 0 : 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        guard long.count <= 64 else { return jaroWinklerLong(a, b) }
        let window = max(0, long.count / 2 - 1)
        var shortMatched: UInt64 = 0
        var longMatched: UInt64 = 0
        var matches = 0
        for i in 0..<short.count {
            let low = max(0, i - window), high = min(long.count - 1, i + window)
            if low > high { continue }
            for j in low...high where longMatched & (1 << UInt64(j)) == 0 && long[j] == short[i] {
                shortMatched |= 1 << UInt64(i)
                longMatched |= 1 << UInt64(j)
                matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var transpositions = 0
        var j = 0
        for i in 0..<short.count where shortMatched & (1 << UInt64(i)) != 0 {
            while longMatched & (1 << UInt64(j)) == 0 { j += 1 }
            if short[i] != long[j] { transpositions += 1 }
            j += 1
        }
        return winkler(matches: matches, transpositions: transpositions, a, b)
    }

    private static func jaroWinklerLong(_ a: [UInt8], _ b: [UInt8]) -> Double {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        let window = max(0, long.count / 2 - 1)
        var shortMatched = [Bool](repeating: false, count: short.count)
        var longMatched = [Bool](repeating: false, count: long.count)
        var matches = 0
        for i in 0..<short.count {
            let low = max(0, i - window), high = min(long.count - 1, i + window)
            if low > high { continue }
            for j in low...high where !longMatched[j] && long[j] == short[i] {
                shortMatched[i] = true
                longMatched[j] = true
                matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var transpositions = 0
        var j = 0
        for i in 0..<short.count where shortMatched[i] {
            while !longMatched[j] { j += 1 }
            if short[i] != long[j] { transpositions += 1 }
            j += 1
        }
        return winkler(matches: matches, transpositions: transpositions, a, b)
    }

    private static func winkler(matches: Int, transpositions: Int, _ a: [UInt8], _ b: [UInt8]) -> Double {
        let m = Double(matches)
        let jaro = (m / Double(a.count) + m / Double(b.count) + (m - Double(transpositions / 2)) / m) / 3
        var prefix = 0
        while prefix < min(4, a.count, b.count) && a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and transpositions
    /// of neighbours each cost one. Stops counting at `limit` (returns `limit` when it is reached).
    ///
    ///     NameSimilarity.editDistance(Array("AHMAD".utf8), Array("AMHAD".utf8))  // 1
    public static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int = .max) -> Int {
        if a == b { return 0 }
        if a.isEmpty || b.isEmpty { return min(limit, max(a.count, b.count)) }
        if abs(a.count - b.count) >= limit { return limit }
        let width = b.count + 1
        // Three rows in one stack buffer: names are short, and this runs for every close pair.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows -> Int in
            var previous2 = rows.baseAddress!, previous = previous2 + width, current = previous + width
            for j in 0...b.count { previous2[j] = 0; previous[j] = j }
            var previousMinimum = 0
            for i in 1...a.count {
                current[0] = i
                var rowMinimum = i
                for j in 1...b.count {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { value = min(value, previous2[j - 2] + 1) }
                    current[j] = value
                    rowMinimum = min(rowMinimum, value)
                }
                // Later cells grow from this row, or by a transposition from the one before.
                if rowMinimum >= limit && previousMinimum + 1 >= limit { return limit }
                previousMinimum = rowMinimum
                (previous2, previous, current) = (previous, current, previous2)
            }
            return min(limit, previous[b.count])
        }
    }

    // MARK: - Bigrams

    /// Distinct character bigrams of the token padded with a start and an end mark, sorted.
    public static func bigrams(_ token: [UInt8]) -> [UInt16] {
        var grams: [UInt16] = []
        grams.reserveCapacity(token.count + 1)
        var previous: UInt8 = 1  // start mark
        for byte in token {
            grams.append(UInt16(previous) << 8 | UInt16(byte))
            previous = byte
        }
        grams.append(UInt16(previous) << 8 | 2)  // end mark
        grams.sort()
        var unique: [UInt16] = []
        unique.reserveCapacity(grams.count)
        for gram in grams where unique.last != gram { unique.append(gram) }
        return unique
    }

    /// How many bigrams two sorted distinct lists share.
    public static func sharedCount(_ a: [UInt16], _ b: [UInt16]) -> Int {
        var i = 0, j = 0, shared = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { shared += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return shared
    }

    /// Shared bigrams two tokens need before their spelling is compared at all: half of the
    /// longer token's, counting the start and end marks. Both the scorer and the index's
    /// candidate generation apply this rule; the pairs it rejects score below 0.8 in practice.
    public static func requiredSharedBigrams(_ lengthA: Int, _ lengthB: Int) -> Int {
        max(1, (max(lengthA, lengthB) + 1) / 2)
    }

    // MARK: - Phonetic key

    /// Sound codes of a transliterated token: consonant letters after folding the spellings that
    /// transliterations disagree on (SH/SCH/CH → X, KH → K, PH → F, TH → T, Q → K, Z → S, W → V,
    /// DJ/ZH → J, C → K or S), with `vowel` marking A, E, I, O, U and a non-initial Y.
    static let vowel: UInt8 = UInt8(ascii: "*")

    static func soundCodes(_ t: [UInt8]) -> [UInt8] {
        var codes: [UInt8] = []
        codes.reserveCapacity(t.count)
        func at(_ i: Int) -> UInt8 { i < t.count ? t[i] : 0 }
        func isVowelLetter(_ c: UInt8) -> Bool {
            c == 65 || c == 69 || c == 73 || c == 79 || c == 85 || c == 89
        }
        var i = 0
        while i < t.count {
            let c = t[i], next = at(i + 1)
            switch c {
            case UInt8(ascii: "A"), UInt8(ascii: "E"), UInt8(ascii: "I"), UInt8(ascii: "O"), UInt8(ascii: "U"):
                codes.append(vowel)
            case UInt8(ascii: "Y"):
                codes.append(i == 0 && isVowelLetter(next) ? UInt8(ascii: "J") : vowel)
            case UInt8(ascii: "S"):
                if next == UInt8(ascii: "C") && at(i + 2) == UInt8(ascii: "H") { codes.append(UInt8(ascii: "X")); i += 2 }
                else if next == UInt8(ascii: "H") { codes.append(UInt8(ascii: "X")); i += 1 }
                else { codes.append(UInt8(ascii: "S")) }
            case UInt8(ascii: "C"):
                if next == UInt8(ascii: "H") { codes.append(UInt8(ascii: "X")); i += 1 }
                else if next == UInt8(ascii: "K") { codes.append(UInt8(ascii: "K")); i += 1 }
                else if next == UInt8(ascii: "E") || next == UInt8(ascii: "I") || next == UInt8(ascii: "Y") { codes.append(UInt8(ascii: "S")) }
                else { codes.append(UInt8(ascii: "K")) }
            case UInt8(ascii: "K"), UInt8(ascii: "G"), UInt8(ascii: "T"), UInt8(ascii: "D"):
                if next == UInt8(ascii: "H") {
                    codes.append(c == UInt8(ascii: "K") ? UInt8(ascii: "K") : c)
                    i += 1
                } else if c == UInt8(ascii: "D") && next == UInt8(ascii: "J") {
                    codes.append(UInt8(ascii: "J")); i += 1
                } else if c == UInt8(ascii: "D") && next == UInt8(ascii: "Z") && at(i + 2) == UInt8(ascii: "H") {
                    codes.append(UInt8(ascii: "J")); i += 2
                } else if c == UInt8(ascii: "T") && (next == UInt8(ascii: "S") || next == UInt8(ascii: "Z")) {
                    codes.append(UInt8(ascii: "S")); i += 1
                } else {
                    codes.append(c)
                }
            case UInt8(ascii: "P"):
                if next == UInt8(ascii: "H") { codes.append(UInt8(ascii: "F")); i += 1 } else { codes.append(c) }
            case UInt8(ascii: "Z"):
                if next == UInt8(ascii: "H") { codes.append(UInt8(ascii: "J")); i += 1 } else { codes.append(UInt8(ascii: "S")) }
            case UInt8(ascii: "Q"): codes.append(UInt8(ascii: "K"))
            case UInt8(ascii: "X"): codes.append(UInt8(ascii: "K")); codes.append(UInt8(ascii: "S"))
            case UInt8(ascii: "W"), UInt8(ascii: "V"): codes.append(UInt8(ascii: "V"))
            case UInt8(ascii: "J"):
                // Slavic -IJ / -IJ- as in DMITRIJ reads as a vowel.
                codes.append(i > 0 && isVowelLetter(t[i - 1]) && !isVowelLetter(next) ? vowel : c)
            default: codes.append(c)
            }
            i += 1
        }
        return codes
    }

    /// A Metaphone-like key for transliterated names: the sound codes with doubled letters
    /// collapsed, H kept only between vowels or before a vowel at the start, and vowels dropped
    /// except a leading one (written "A"). MOHAMMED, MUHAMMAD and MOHAMED share "MHMD"; ABDEL and
    /// ABDUL share "ABDL". Tokens with digits are their own key.
    public static func phoneticKey(_ token: [UInt8]) -> [UInt8] {
        if token.contains(where: { $0 >= 48 && $0 <= 57 }) { return token }
        let codes = soundCodes(token)
        var key: [UInt8] = []
        var previous: UInt8 = 0
        for (i, code) in codes.enumerated() {
            defer { previous = code }
            if code == previous { continue }
            if code == vowel {
                if i == 0 { key.append(UInt8(ascii: "A")) }
                continue
            }
            if code == UInt8(ascii: "H") {
                let nextIsVowel = i + 1 < codes.count && codes[i + 1] == vowel
                if !(nextIsVowel && (i == 0 || previous == vowel)) { continue }
            }
            key.append(code)
        }
        return key.isEmpty ? token : key
    }

    /// Consonant skeleton for comparing a name written in an abjad (Arabic, Hebrew), whose
    /// transliteration keeps only consonants and the letters W and Y that stand for long vowels:
    /// every vowel goes, H stays, W reads as V unless `dropSemivowels`, and Y goes, except that
    /// with `dropSemivowels` a first Y is J, the consonant that a Latin spelling writes before
    /// its vowel: "MHMWD" (from Arabic) and MAHMOUD both give "MHMD", "YWSF" and YOUSSEF "JSF";
    /// "DWD" (Hebrew) and DAVID give "DVD".
    public static func consonantSkeleton(_ token: [UInt8], dropSemivowels: Bool) -> [UInt8] {
        if token.contains(where: { $0 >= 48 && $0 <= 57 }) { return token }
        var key: [UInt8] = []
        var previous: UInt8 = 0
        for (k, code) in soundCodes(token).enumerated() {
            defer { previous = code }
            if k == 0 && dropSemivowels && token.first == UInt8(ascii: "Y") {
                key.append(UInt8(ascii: "J"))
                continue
            }
            if code == vowel || (dropSemivowels && code == UInt8(ascii: "V")) { continue }
            if code == previous || (dropSemivowels && key.last == code) { continue }
            key.append(code)
        }
        return key
    }
}
