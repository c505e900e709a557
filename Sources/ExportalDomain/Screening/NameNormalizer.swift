import Foundation

/// One word of a normalised name: upper-case ASCII letters and digits, tagged with what it is.
public struct NameToken: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable {
        /// A word of the name proper.
        case name
        /// A company legal form in canonical spelling, e.g. "LLC" for "L.L.C." or "Limited Liability Company".
        case legalForm
        /// A connecting particle such as BIN, ABU, VAN or DE: kept, but weighted lightly.
        case particle
        /// The Arabic article in any of its Latin spellings (AL, EL, UL, and AD, AS, AR, AZ, AN,
        /// ASH, UD, UR before a sun letter): it says nothing of who is named, and lists and
        /// writers spell it, join it or leave it out at will, so the scorer gives it no weight
        /// and aligns it only with another article.
        case article
    }

    public let text: String
    public let kind: Kind
    /// Written in an abjad (Arabic, Hebrew) whose transliteration has few or no vowels, so the
    /// scorer also compares its consonant skeleton.
    public let fromAbjad: Bool

    public init(_ text: String, kind: Kind = .name, fromAbjad: Bool = false) {
        self.text = text
        self.kind = kind
        self.fromAbjad = fromAbjad
    }
}

/// A name as written and as the matcher sees it.
public struct NormalizedName: Sendable, Equatable {
    public let original: String
    public let tokens: [NameToken]

    /// The tokens that carry the name: legal forms left out, unless the name is nothing else.
    public var nameTokens: [NameToken] {
        let words = tokens.filter { $0.kind != .legalForm }
        return words.isEmpty ? tokens.map { NameToken($0.text, kind: .name, fromAbjad: $0.fromAbjad) } : words
    }

    public var legalForms: [String] { tokens.filter { $0.kind == .legalForm }.map(\.text) }
}

/// Turns a party or query name into comparable tokens: Unicode compatibility normalisation,
/// transliteration of any script to Latin with ICU ("Any-Latin; Latin-ASCII", which also removes
/// diacritics and folds ß, Æ, Ø), upper case, punctuation removed, honorifics dropped, legal forms
/// mapped to one canonical spelling and tagged, number words turned into digits.
///
///     NameNormalizer.normalize("Mr. José O'Brien-Núñez, L.L.C.").tokens.map(\.text)
///     // ["JOSE", "OBRIEN", "NUNEZ", "LLC"]
///     NameNormalizer.normalize("Владимир Путин").tokens.map(\.text)  // ["VLADIMIR", "PUTIN"]
public enum NameNormalizer {
    public static func normalize(_ name: String) -> NormalizedName {
        normalize(name, runs: transliterated(name))
    }

    /// Many names at once, as `normalize` gives them one by one. ICU builds its transliterators
    /// anew on every call, which costs far more than transliterating a name, so the other-script
    /// parts of all the names go through ICU together.
    public static func normalize(_ names: [String]) -> [NormalizedName] {
        let split = names.map(scriptRuns)
        let pending = split.flatMap { $0.map(\.text) }
        let converted = toASCII(batch: pending)
        var next = 0
        return zip(names, split).map { name, runs in
            let ascii = converted[next..<(next + runs.count)]
            next += runs.count
            return normalize(name, runs: runs.isEmpty ? [(compatibilityComposed(name), false)]
                                                      : converting(runs, to: Array(ascii)))
        }
    }

    private static func normalize(_ name: String, runs: [(text: String, abjad: Bool)]) -> NormalizedName {
        var words: [(text: String, abjad: Bool)] = []
        for piece in runs {
            for word in splitWords(piece.text) { words.append((word, piece.abjad)) }
        }
        var tokens = tagLegalForms(abdAlJoined(words))
        tokens = tokens.map { token in
            guard token.kind == .name else { return token }
            if let digits = numberWords[token.text] { return NameToken(digits, kind: .name, fromAbjad: token.fromAbjad) }
            if articles.contains(token.text) { return NameToken(token.text, kind: .article, fromAbjad: token.fromAbjad) }
            if particles.contains(token.text) { return NameToken(token.text, kind: .particle, fromAbjad: token.fromAbjad) }
            return token
        }
        // A name of articles only ("AL") is a name: there is nothing else to compare.
        if !tokens.contains(where: { $0.kind != .article }) {
            tokens = tokens.map { NameToken($0.text, kind: .name, fromAbjad: $0.fromAbjad) }
        }
        tokens = joinedNumbers(tokens)
        // Honorifics go only when something else is left: "Sheikh" alone stays a name. After an
        // article one is a family name (EL SAYED, AL HAJJ), and an article alone is nothing left.
        let withoutHonorifics = tokens.indices.filter { k in
            !(tokens[k].kind == .name && honorifics.contains(tokens[k].text) && !(k > 0 && tokens[k - 1].kind == .article))
        }.map { tokens[$0] }
        if withoutHonorifics.contains(where: { $0.kind != .legalForm && $0.kind != .article }) { tokens = withoutHonorifics }
        return NormalizedName(original: name, tokens: tokens)
    }

    // MARK: - Readings

    /// Other ways the name may be read, each to be screened as the name itself is: the Korean
    /// readings of a Korean name written in Chinese characters (`koreanReadings(of:)`), and the
    /// Persian reading of a name in Arabic letters (`persianReading(of:)`). ICU reads Han
    /// characters as Mandarin only, so 金正恩 alone is JIN ZHENG EN and never KIM JONG UN, and
    /// Arabic letters as Arabic only, so فضل is FDL and never FAZL.
    public static func readings(of name: String) -> [String] {
        koreanReadings(of: name) + (persianReading(of: name).map { [$0] } ?? [])
    }

    /// The name, then its other readings (`readings(of:)`): what screening compares for it.
    public static func spellings(of name: String) -> [String] {
        [name] + readings(of: name)
    }

    /// What a reading of `readings(of:)` reads the name as: "Korean" or "Persian".
    public static func language(ofReading reading: String) -> String {
        reading.unicodeScalars.contains(where: isHangulSyllable) ? "Korean" : "Persian"
    }

    /// The name with the Arabic letters that Persian, Dari, Pashto and Urdu say otherwise than
    /// Arabic written as those languages say them: ث as س (S), and ذ, ض, ظ as ز (Z). Names from
    /// Afghanistan and Pakistan are listed so (FAZL, ZIA, SAQIB, ZAKIR), those from Arab
    /// countries the Arabic way (FADL, THAQIB): a name in Arabic letters says not which. nil
    /// when the name has none of these letters.
    public static func persianReading(of name: String) -> String? {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
        guard name.unicodeScalars.contains(where: { persianLetters[$0.value] != nil }) else { return nil }
        return String(String.UnicodeScalarView(name.unicodeScalars.map { persianLetters[$0.value] ?? $0 }))
    }

    /// ث as س, and ذ, ض, ظ as ز (see `persianReading(of:)`).
    private static let persianLetters: [UInt32: Unicode.Scalar] = [0x062B: "\u{0633}", 0x0630: "\u{0632}", 0x0636: "\u{0632}", 0x0638: "\u{0632}"]

    /// A name written as Korean names are in hanja, read in Hangul: 金正恩 as 김정은, which
    /// normalises to KIM JONG UN. Only a name shaped as most Korean names are is read: three Han
    /// characters, the first a Korean family name (`koreanFamilyNames`), or three or four beginning
    /// with a family name of two (南宮, 諸葛), as one word or with a space after the family name
    /// (金 正恩). Read as Korean, every Chinese or Japanese name would also be screened as a
    /// Korean one, and lists with many Korean names answer such readings with weak matches: two
    /// characters are as often a Japanese family name (田中, 池田) as a Korean name, and as KIM
    /// BONG a short name aligns with any KIM X BONG, so names of two characters are left to the
    /// Mandarin reading.
    ///
    /// Each character reads as in `hanjaReadingPairs`, a family name as such (金 김, not 금). Where
    /// the initial-sound rule changes the family name, both spellings are given: the South's
    /// (李 이, LEE; 柳 유) and the North's, which keeps the sound (리 RI; 류 RYU), as the lists
    /// write the names of the DPRK's officials.
    public static func koreanReadings(of name: String) -> [String] {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return [] }
        // One word, or the family name and the given name as two (金 正恩).
        let words = name.precomposedStringWithCompatibilityMapping.split(whereSeparator: \.isWhitespace)
        guard words.count == 1 || words.count == 2 && isKoreanFamilyName(words[0].unicodeScalars) else { return [] }
        let scalars = Array(words.joined().unicodeScalars)
        guard (3...4).contains(scalars.count) else { return [] }
        var syllables: [Unicode.Scalar] = []
        for scalar in scalars {
            guard let syllable = hanjaReadings[scalar.value] else { return [] }
            syllables.append(syllable)
        }
        guard isKoreanFamilyName(scalars.prefix(2)) && scalars.count >= 3 || isKoreanFamilyName(scalars.prefix(1)) && scalars.count == 3 else {
            return []
        }
        syllables[0] = familyNameReadings[scalars[0].value] ?? syllables[0]
        let spoken = wordInitial(syllables[0])
        let kept = String(String.UnicodeScalarView(syllables))
        if spoken == syllables[0] { return [kept] }
        syllables[0] = spoken
        return [String(String.UnicodeScalarView(syllables)), kept]
    }

    /// Family names of one character, in their Korean (traditional) forms and the simplified forms
    /// Chinese texts give the common ones.
    private static let koreanFamilyNames = Set(("金李朴崔鄭姜趙尹張林韓申吳徐權黃安宋柳洪全高文梁孫裵白曺曹許南沈盧河丁成車具郭禹朱"
        + "任羅辛閔陳池嚴元蔡千方孔玄咸卞廉楊邊呂秋魯都蘇愼石宣薛馬吉周延房魏表明奇潘王琴玉陸印孟諸卓秦鞠余片龍康田兪劉"
        + "睦庾太陰慶奉夫史弓景桂尙承晉董杜甘簡葛魚殷韋伊皮弼扈賓米邢龐昔溫夏卜芮艾萬賈"
        + "赵张郑吴刘卢许孙韩权黄罗闵陈严边吕鲁苏马鱼龙庆贾万").unicodeScalars)

    /// Family names of two characters.
    private static let koreanCompoundFamilyNames: Set<String> = ["南宮", "諸葛", "皇甫", "鮮于", "司空", "西門", "獨孤", "東方"]

    /// Whether `scalars` are a Korean family name: one character of `koreanFamilyNames` or two of `koreanCompoundFamilyNames`.
    private static func isKoreanFamilyName(_ scalars: some Collection<Unicode.Scalar>) -> Bool {
        switch scalars.count {
        case 1: koreanFamilyNames.contains(scalars.first!)
        case 2: koreanCompoundFamilyNames.contains(String(String.UnicodeScalarView(scalars)))
        default: false
        }
    }

    /// `hanjaReadingPairs` as a table, read once.
    private static let hanjaReadings: [UInt32: Unicode.Scalar] = {
        let scalars = hanjaReadingPairs.unicodeScalars.filter { !$0.properties.isWhitespace }
        var table: [UInt32: Unicode.Scalar] = [:]
        table.reserveCapacity(scalars.count / 2)
        var iterator = scalars.makeIterator()
        while let character = iterator.next(), let syllable = iterator.next() { table[character.value] = syllable }
        return table
    }()

    /// Family names read otherwise than their character usually is (its reading taught in
    /// schools, which the table holds): 金 김 (not 금), 沈 심 (not 침), 車 차 (not 거).
    private static let familyNameReadings: [UInt32: Unicode.Scalar] = [0x91D1: "김", 0x6C88: "심", 0x8ECA: "차"]

    /// A Hangul syllable as Korean writes it at the start of a word (the initial-sound rule): an
    /// initial ㄹ is ㅇ before I or Y and ㄴ before other vowels, and an initial ㄴ is ㅇ before I or Y.
    static func wordInitial(_ syllable: Unicode.Scalar) -> Unicode.Scalar {
        guard isHangulSyllable(syllable) else { return syllable }
        let index = syllable.value - 0xAC00
        let (initial, medial, final) = (index / 588, index % 588 / 28, index % 28)
        // Initials: ㄴ 2, ㄹ 5, ㅇ 11. Medials that begin with I or Y: ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ.
        let iOrY = [2, 3, 6, 7, 12, 17, 20].contains(medial)
        let spoken: UInt32 = switch initial {
        case 5: iOrY ? 11 : 2
        case 2 where iOrY: 11
        default: initial
        }
        return Unicode.Scalar(0xAC00 + (spoken * 21 + medial) * 28 + final)!
    }

    // MARK: - Scripts

    /// Runs of the name in one kind of script, transliterated to ASCII. Hangul is split into
    /// syllables (Korean names are written without spaces between family and given names), and
    /// Arabic and Hebrew runs are flagged.
    static func transliterated(_ name: String) -> [(text: String, abjad: Bool)] {
        let runs = scriptRuns(name)
        if runs.isEmpty { return [(compatibilityComposed(name), false)] }
        return converting(runs, to: runs.map { toASCII($0.text) })
    }

    /// The runs with their ASCII text; Korean syllables spelt the way Korean names are usually
    /// written in Latin letters rather than in ICU's Revised Romanization (see `conventionalKorean`).
    private static func converting(_ runs: [(text: String, abjad: Bool)], to ascii: [String]) -> [(text: String, abjad: Bool)] {
        // Each Hangul syllable is a run of its own, and the syllables of a word are neighbours.
        let hangul = runs.map { $0.text.unicodeScalars.first.map(isHangulSyllable) ?? false }
        func isHangul(_ k: Int) -> Bool { hangul.indices.contains(k) && hangul[k] }
        return runs.indices.map { k in
            guard hangul[k] else { return (ascii[k], runs[k].abjad) }
            // In a word of three syllables (리병철), the second begins the given name.
            let givenNameStart = isHangul(k - 1) && !isHangul(k - 2) && isHangul(k + 1) && !isHangul(k + 2)
            return (conventionalKorean(ascii[k], wordStart: !isHangul(k - 1), givenNameStart: givenNameStart), runs[k].abjad)
        }
    }

    /// A Hangul syllable as Korean names are commonly written in Latin letters (McCune-Reischauer
    /// without its breves, as in the UN and OFAC lists): EO and EU are O and U, the first G, B, D
    /// of a word or of a given name are K, P, T, a final G is K, and an initial L is R. 리병철
    /// becomes RI PYONG CHOL rather than ICU's LI BYEONG CHEOL, 김정은 KIM JONG UN, and 박 PAK
    /// rather than BAG. A name's first syllable that is a vowel alone is a family name, written as
    /// such names are (이 LEE, 오 OH, 우 WOO): as one letter it would be taken for an initial, and
    /// 이민호 could never match LEE MIN HO.
    public static func conventionalKorean(_ syllable: String, wordStart: Bool, givenNameStart: Bool = false) -> String {
        let lowered = syllable.lowercased()
        if wordStart, let family = singleVowelFamilyNames[lowered] { return family }
        var text = lowered.replacingOccurrences(of: "eo", with: "o").replacingOccurrences(of: "eu", with: "u")
        if wordStart || givenNameStart, let first = text.first, let voiceless = ["g": "k", "b": "p", "d": "t"][first] {
            text = voiceless + text.dropFirst()
        }
        // A final ㄱ is K (PAK, HAK); NG is another final and stays.
        if text.count > 1, text.hasSuffix("g"), !text.hasSuffix("ng") { text = text.dropLast() + "k" }
        // An initial ㄹ is R (RI, RYONG, RYU), as the lists write North Korean names; a final one stays L.
        if text.first == "l" { text = "r" + text.dropFirst() }
        return text
    }

    /// Family names that ICU's romanisation writes as one vowel (이 I, 오 O, 우 U), by that vowel,
    /// in the spelling most used for them in Latin letters.
    private static let singleVowelFamilyNames = ["i": "lee", "o": "oh", "u": "woo"]

    /// The runs `transliterated` converts, still in their scripts, with Arabic letters already
    /// spelt as names are (`arabicSpeltAsNamesAre`); none when the name is ASCII.
    static func scriptRuns(_ name: String) -> [(text: String, abjad: Bool)] {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return [] }
        let text = name.precomposedStringWithCompatibilityMapping
        if text.unicodeScalars.allSatisfy({ $0.isASCII }) { return [] }
        var runs: [(text: String, abjad: Bool)] = []
        var current = ""
        var currentAbjad = false
        func flush() {
            guard !current.isEmpty else { return }
            runs.append((current, currentAbjad))
            current = ""
        }
        for character in text {
            guard let scalar = character.unicodeScalars.first else { continue }
            if isHangulSyllable(scalar) {
                flush()
                runs.append((String(character), false))
                continue
            }
            let abjad = isAbjad(scalar)
            let neutral = !scalar.properties.isAlphabetic
            if !neutral && abjad != currentAbjad {
                flush()
                currentAbjad = abjad
            }
            current.append(character)
        }
        flush()
        return runs.map { $0.abjad ? (arabicSpeltAsNamesAre($0.text), true) : $0 }
    }

    /// Arabic letters that ICU's transliteration writes otherwise than names are written in Latin
    /// letters, replaced before it: a word's last ة (ta marbuta) is A, as in HAMZA, SAJIDA, OSAMA
    /// (ICU writes T: HMZT); and a word's first ع (ayn), which ICU drops (BD for عبد), is A, as in
    /// ABD, OMAR, UTHMAN, or nothing before an alef (عادل, ADEL). Before a lam it stays dropped:
    /// علي as ALY would look like the article and align with AL, where LY aligns with ALI. A
    /// word's last ه after ط has an A before it: طه is TAH, as TAHA sounds, not TH. (After ت
    /// it is most often the ending of شحاته, SHIHATA, where TH already meets the T.)
    ///
    /// Before a word with the article, ta marbuta is said T in the names of groups (JABHAT
    /// AL-NUSRA), but not in a person's (OSAMA AL-KUNI); A throughout found one more of the UN
    /// list's own names in Arabic than T there did (see `make bench-screening`, section 5).
    static func arabicSpeltAsNamesAre(_ text: String) -> String {
        let taMarbuta: Unicode.Scalar = "\u{0629}", ayn: Unicode.Scalar = "\u{0639}", alef: Unicode.Scalar = "\u{0627}"
        let lam: Unicode.Scalar = "\u{0644}"
        let heh: Unicode.Scalar = "\u{0647}", tah: Unicode.Scalar = "\u{0637}"
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { $0 == taMarbuta || $0 == ayn || $0 == heh }) else { return text }
        func isLetter(_ k: Int) -> Bool { scalars.indices.contains(k) && scalars[k].properties.isAlphabetic }
        var out = String.UnicodeScalarView()
        for (k, scalar) in scalars.enumerated() {
            if scalar == taMarbuta && !isLetter(k + 1) {
                out.append(alef)
            } else if scalar == heh && !isLetter(k + 1) && k > 0 && scalars[k - 1] == tah {
                // طه (TAHA): T and H written together read as one sound, TH, which TAHA has not.
                out.append(alef)
                out.append(scalar)
            } else if scalar == ayn && !isLetter(k - 1) && !(isLetter(k + 1) && scalars[k + 1] == lam) {
                if !(isLetter(k + 1) && scalars[k + 1] == alef) { out.append(alef) }
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// "Abd al-X" from Arabic, which writes the article with the name after it (عبد المنان, ABD
    /// ALMNAN), as Latin spellings write it, with ABD (ABDUL MANAN, ABDEL HALIM, ABDUR RAHMAN):
    /// ABDAL MNAN. ABD alone met ABDUL by neither spelling (two edits) nor consonants (BD, BDL).
    /// عبد الله stays ABD ALLH, which meets ABDULLAH written together and ABD ALLAH apart.
    /// Written as one word (عبدالحليم, ABDALHLYM), it is split the same way, ABDAL HLYM, to meet
    /// ABD AL-HALIM and ABDUL HALIM as well as ABDELHALIM.
    static func abdAlJoined(_ words: [(text: String, abjad: Bool)]) -> [(text: String, abjad: Bool)] {
        var joined: [(text: String, abjad: Bool)] = []
        for word in words {
            if word.abjad, word.text.count >= 8, word.text.hasPrefix("ABDAL"), word.text != "ABDALLH" {
                joined += [("ABDAL", true), (String(word.text.dropFirst(5)), true)]
            } else if word.abjad, let last = joined.last, last.abjad, last.text == "ABD", word.text.count >= 4, word.text.hasPrefix("AL"),
                      word.text != "ALLH" {
                joined[joined.count - 1].text = "ABDAL"
                joined.append((String(word.text.dropFirst(2)), true))
            } else {
                joined.append(word)
            }
        }
        return joined
    }

    /// NFKC. ASCII text is its own NFKC form, and most listed names are ASCII: they skip
    /// Foundation's normaliser, which was a large part of preparing the official lists.
    static func compatibilityComposed(_ text: String) -> String {
        text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCompatibilityMapping
    }

    private static let latin = StringTransform("Any-Latin; Latin-ASCII")

    private static func toASCII(_ text: String) -> String {
        asciiOnly(text.applyingTransform(latin, reverse: false) ?? text)
    }

    /// `toASCII` of each text, in one ICU call: the texts joined by line breaks (which ICU keeps
    /// and which separate words anyway), then split again. Should ICU ever not keep them, each
    /// text is converted on its own.
    static func toASCII(batch texts: [String]) -> [String] {
        if texts.count < 2 { return texts.map(toASCII) }
        let joined = texts.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n")
        let converted = (joined.applyingTransform(latin, reverse: false) ?? joined)
            .split(separator: "\n", omittingEmptySubsequences: false)
        guard converted.count == texts.count else { return texts.map(toASCII) }
        return converted.map { asciiOnly(String($0)) }
    }

    /// Anything ICU left (rare symbols) goes; spacing stays for the word split.
    private static func asciiOnly(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.isASCII }))
    }

    private static func isHangulSyllable(_ scalar: Unicode.Scalar) -> Bool { (0xAC00...0xD7A3).contains(scalar.value) }

    private static func isAbjad(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x0590...0x05FF).contains(value) || (0x0600...0x06FF).contains(value) || (0x0750...0x077F).contains(value)
            || (0x08A0...0x08FF).contains(value) || (0xFB1D...0xFDFF).contains(value) || (0xFE70...0xFEFF).contains(value)
    }

    // MARK: - Words

    /// Upper-case words of letters and digits. Apostrophes and dots join ("O'Brien" → OBRIEN,
    /// "L.L.C." → LLC); every other character separates.
    static func splitWords(_ text: String) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): word.append(byte - 32)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
            case UInt8(ascii: "'"), UInt8(ascii: "."), UInt8(ascii: "`"): continue
            default:
                if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    // MARK: - Legal forms

    /// Canonical legal form for each spelling, longest phrases first when matched.
    static let legalForms: [(words: [String], canonical: String)] = {
        let table: [String: [String]] = [
            "LLC": ["LLC", "LIMITED LIABILITY COMPANY", "LIMITED LIABILITY CO", "L L C"],
            "LTD": ["LTD", "LIMITED", "LTDA", "LIMITADA"],
            "LLP": ["LLP", "LIMITED LIABILITY PARTNERSHIP"],
            "LP": ["LP", "LIMITED PARTNERSHIP"],
            "GMBH": ["GMBH", "GESELLSCHAFT MIT BESCHRANKTER HAFTUNG"],
            "OOO": ["OOO", "OBSESTVO S OGRANICENNOJ OTVETSTVENNOSTU", "OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU", "OBSCHESTVO S OGRANICHENNOI OTVETSTVENNOSTIU"],
            "ZAO": ["ZAO", "ZAKRYTOE AKCIONERNOE OBSESTVO", "CJSC", "CLOSED JOINT STOCK COMPANY", "ZAKRYTOE AKTSIONERNOE OBSHCHESTVO"],
            "OAO": ["OAO", "OTKRYTOE AKCIONERNOE OBSESTVO", "OJSC", "OPEN JOINT STOCK COMPANY", "OTKRYTOE AKTSIONERNOE OBSHCHESTVO"],
            "PAO": ["PAO", "PUBLICNOE AKCIONERNOE OBSESTVO", "PJSC", "PUBLIC JOINT STOCK COMPANY", "PUBLICHNOE AKTSIONERNOE OBSHCHESTVO"],
            "AO": ["AO", "AKCIONERNOE OBSESTVO", "JSC", "JOINT STOCK COMPANY", "AKTSIONERNOE OBSHCHESTVO", "JOINTSTOCK COMPANY"],
            "SA": ["SA", "SOCIEDAD ANONIMA", "SOCIETE ANONYME", "SPA", "SAS", "SOCIETA PER AZIONI", "SOCIETATE PE ACTIUNI"],
            "SRL": ["SRL", "SARL", "SOCIETATEA CU RASPUNDERE LIMITATA", "SOCIETA A RESPONSABILITA LIMITATA",
                    "SOCIETE A RESPONSABILITE LIMITEE", "SOCIEDAD DE RESPONSABILIDAD LIMITADA"],
            "ANO": ["ANO", "AVTONOMNAJA NEKOMMERCESKAJA ORGANIZACIJA", "AVTONOMNAYA NEKOMMERCHESKAYA ORGANIZATSIYA",
                    "AUTONOMOUS NONPROFIT ORGANIZATION", "AUTONOMOUS NON PROFIT ORGANIZATION"],
            "CO": ["CO", "COMPANY", "CIA", "COMPANIA", "CIE", "COMPAGNIE", "COMPANHIA"],
            "CORP": ["CORP", "CORPORATION", "CORPN"],
            "INC": ["INC", "INCORPORATED"],
            "PLC": ["PLC", "PUBLIC LIMITED COMPANY"],
            "AG": ["AG", "AKTIENGESELLSCHAFT"],
            "BV": ["BV", "BESLOTEN VENNOOTSCHAP"],
            "NV": ["NV", "NAAMLOZE VENNOOTSCHAP"],
            "PTY": ["PTY", "PROPRIETARY"],
            "SDN BHD": ["SDN BHD", "SENDIRIAN BERHAD"],
            "BHD": ["BHD", "BERHAD"],
            "FZE": ["FZE", "FREE ZONE ESTABLISHMENT"],
            "FZCO": ["FZCO", "FREE ZONE COMPANY"],
            "FZC": ["FZC"],
            "FZ LLC": ["FZ LLC", "FZLLC"],
            "KG": ["KG", "KOMMANDITGESELLSCHAFT"],
            "AB": ["AB", "AKTIEBOLAG"],
            "AS": ["AS", "ASA", "A S"],
            "OY": ["OY", "OYJ"],
            "KFT": ["KFT"],
            "SP ZOO": ["SP ZOO", "SP Z OO", "SPZOO"],
            "TOO": ["TOO"],
            "PT": ["PT"],
            "PVT": ["PVT", "PRIVATE"],
            "EST": ["EST", "ESTABLISHMENT"],
            "GROUP": ["GROUP"],
        ]
        var forms: [(words: [String], canonical: String)] = []
        for (canonical, spellings) in table {
            for spelling in spellings { forms.append((spelling.split(separator: " ").map(String.init), canonical)) }
        }
        return forms.sorted { ($0.words.count, $0.words.joined(separator: " ")) > ($1.words.count, $1.words.joined(separator: " ")) }
    }()

    private static let legalFormStarts: Set<String> = Set(legalForms.map { $0.words[0] })

    /// Forms that are also common words or initials and so count only at the end of a name.
    private static let trailingOnly: Set<String> = ["AS", "AB", "CO", "SA", "AO", "PT", "TOO", "EST", "GROUP", "LP", "PVT", "OY", "KG", "BV", "NV", "AG"]

    static func tagLegalForms(_ words: [(text: String, abjad: Bool)]) -> [NameToken] {
        var tokens: [NameToken] = []
        var index = 0
        while index < words.count {
            var matched: (length: Int, canonical: String)?
            if legalFormStarts.contains(words[index].text), words.count > 1 {
                for form in legalForms where form.words.count <= words.count - index {
                    if zip(form.words, words[index...]).allSatisfy({ $0 == $1.text }) {
                        // Ambiguous forms count only when nothing but legal forms follows them.
                        let atEnd = words[(index + form.words.count)...].allSatisfy { legalFormStarts.contains($0.text) }
                        if trailingOnly.contains(form.canonical) && form.words.count == 1 && !atEnd { continue }
                        matched = (form.words.count, form.canonical)
                        break
                    }
                }
            }
            if matched == nil, let canonical = misspelledLegalForm(words[index].text), words.count > 1 {
                matched = (1, canonical)
            }
            if let matched {
                tokens.append(NameToken(matched.canonical, kind: .legalForm))
                index += matched.length
            } else {
                tokens.append(NameToken(words[index].text, kind: .name, fromAbjad: words[index].abjad))
                index += 1
            }
        }
        return tokens
    }

    /// Long one-word legal forms (AKTIENGESELLSCHAFT, CORPORATION, INCORPORATED) are often
    /// misspelt; one edit away still counts. Short forms must be exact: one edit turns them into words.
    private static let longLegalForms: [(spelling: [UInt8], canonical: String)] = legalForms
        .filter { $0.words.count == 1 && $0.words[0].count >= 10 }
        .map { (Array($0.words[0].utf8), $0.canonical) }

    static func misspelledLegalForm(_ word: String) -> String? {
        guard word.utf8.count >= 10 else { return nil }
        let bytes = Array(word.utf8)
        return longLegalForms.first { NameSimilarity.editDistance(bytes, $0.spelling, limit: 2) <= 1 }?.canonical
    }

    // MARK: - Honorifics, particles, numbers

    static let honorifics: Set<String> = [
        "MR", "MRS", "MS", "MISS", "MX", "DR", "PROF", "PROFESSOR", "SIR", "DAME", "MADAM", "MADAME",
        "MME", "MLLE", "HERR", "FRAU", "SR", "SRA", "SENOR", "SENORA", "SHEIKH", "SHEIKHA", "SHAIKH",
        "SHAYKH", "SHEIK", "HAJI", "HAJJI", "HADJI", "HAJJ", "HAJ", "MULLAH", "MULLA", "MAULANA", "MAWLAWI", "MAULAVI",
        "MAWLAVI", "MOULAVI", "QARI", "HAFIZ", "IMAM", "SAYYID", "SAYED", "SYED", "GEN", "COL", "COLONEL",
        "CAPT", "MAJ", "LT", "ADM", "ADMIRAL", "REV", "REVEREND", "HON", "HONORABLE",
        "JR", "SNR", "JNR", "ESQ",
    ]

    /// Spellings of the Arabic article (see `NameToken.Kind.article`).
    static let articles: Set<String> = ["AL", "EL", "UL", "AD", "AS", "ASH", "AR", "AZ", "AN", "UD", "UR"]

    /// ABOU and ABO are French and older English spellings of ABU.
    static let particles: Set<String> = [
        "BIN", "BINT", "BEN", "IBN", "ABU", "ABOU", "ABO", "UMM", "BINTI", "BINTE", "DE", "DA", "DI", "DO", "DOS", "DAS", "DEL", "DELLA", "DER", "DEN", "DU", "LA", "LE", "VAN",
        "VON", "Y", "OF", "THE", "AND", "FOR",
    ]

    /// A tens number followed by a one-digit number is one number, as written in words:
    /// "Forty-Four", "Forty 4" and "44" all give 44.
    static func joinedNumbers(_ tokens: [NameToken]) -> [NameToken] {
        var joined: [NameToken] = []
        for token in tokens {
            if let previous = joined.last, previous.kind == .name, token.kind == .name, tensWords.contains(previous.text),
               token.text.count == 1, let digit = token.text.first, digit.isASCII, digit.isNumber, digit != "0" {
                joined[joined.count - 1] = NameToken(String(previous.text.dropLast()) + token.text, kind: .name,
                                                     fromAbjad: previous.fromAbjad || token.fromAbjad)
            } else {
                joined.append(token)
            }
        }
        return joined
    }

    /// The digits that tens words become, which a following unit joins.
    private static let tensWords: Set<String> = ["20", "30", "40", "50", "60", "70", "80", "90"]

    static let numberWords: [String: String] = [
        "ONE": "1", "TWO": "2", "THREE": "3", "FOUR": "4", "FIVE": "5", "SIX": "6", "SEVEN": "7", "EIGHT": "8",
        "NINE": "9", "TEN": "10", "ELEVEN": "11", "TWELVE": "12", "THIRTEEN": "13", "FOURTEEN": "14", "FIFTEEN": "15",
        "SIXTEEN": "16", "SEVENTEEN": "17", "EIGHTEEN": "18", "NINETEEN": "19", "TWENTY": "20", "THIRTY": "30",
        "FORTY": "40", "FIFTY": "50", "SIXTY": "60", "SEVENTY": "70", "EIGHTY": "80", "NINETY": "90", "FIRST": "1", "SECOND": "2", "THIRD": "3",
        "FOURTH": "4", "FIFTH": "5", "SIXTH": "6", "SEVENTH": "7", "EIGHTH": "8", "NINTH": "9", "TENTH": "10",
        "1ST": "1", "2ND": "2", "3RD": "3", "4TH": "4", "5TH": "5", "6TH": "6", "7TH": "7", "8TH": "8", "9TH": "9",
        "10TH": "10", "II": "2", "III": "3", "IV": "4", "VI": "6", "VII": "7", "VIII": "8", "IX": "9",
        // Roman numerals to XX, as in fund and trust series; not X, nor XI (the surname Xi).
        "XII": "12", "XIII": "13", "XIV": "14", "XV": "15", "XVI": "16", "XVII": "17", "XVIII": "18",
        "XIX": "19", "XX": "20",
    ]
}
