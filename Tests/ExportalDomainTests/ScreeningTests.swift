@testable import ExportalDomain
import Foundation
import Testing

@Suite struct NameNormalizerTests {
    private func texts(_ name: String) -> [String] { NameNormalizer.normalize(name).tokens.map(\.text) }

    @Test func foldsCaseDiacriticsAndPunctuation() {
        #expect(texts("  José   O'Brien-Núñez ") == ["JOSE", "OBRIEN", "NUNEZ"])
        #expect(texts("Müller, Straße; Ørsted & Æbelø") == ["MULLER", "STRASSE", "ORSTED", "AEBELO"])
        #expect(texts("Ｆｕｌｌｗｉｄｔｈ") == ["FULLWIDTH"])
    }

    @Test func transliteratesOtherScripts() {
        #expect(texts("Владимир Путин") == ["VLADIMIR", "PUTIN"])
        #expect(texts("Νικόλαος") == ["NIKOLAOS"])
        #expect(texts("习近平") == ["XI", "JIN", "PING"])
        #expect(texts("김정은") == ["KIM", "JONG", "UN"])
        #expect(texts("สมชาย") == ["SMCHAY"])
        let arabic = NameNormalizer.normalize("محمد علي")
        #expect(arabic.tokens.map(\.text) == ["MHMD", "LY"])
        #expect(arabic.tokens.allSatisfy { $0.fromAbjad })
        #expect(texts("משה") == ["MSH"])
    }

    /// Many names normalised together (one ICU call for all their other-script parts) come out
    /// exactly as each does alone.
    @Test func batchNormalisationEqualsOneByOne() {
        let names = ["Владимир Путин", "José O'Brien", "习近平", "김정은", "محمد علي", "משה", "", "Νικόλαος\nΠαππάς",
                     "ACME Ltd", "Ömer Çelik", "สมชาย", "ООО \"Ромашка\"", "Ali Хасан محمد", "Ｆｕｌｌ"]
        let together = NameNormalizer.normalize(names)
        #expect(together == names.map { NameNormalizer.normalize($0) })
        #expect(together[0].tokens.map(\.text) == ["VLADIMIR", "PUTIN"])
    }

    /// ASCII names skip Foundation's NFKC, which leaves ASCII as it is; the rest go through it.
    @Test func compatibilityCompositionSkipsOnlyASCII() {
        for name in ["ACME Ltd", "O'Brien-Smith, J. (\"Jack\")\t\u{1}", "", "Ｆｕｌｌ", "José", "e\u{301}", "ﬁ", "Ⅻ"] {
            #expect(NameNormalizer.compatibilityComposed(name).unicodeScalars.elementsEqual(
                name.precomposedStringWithCompatibilityMapping.unicodeScalars), "\(name)")
        }
    }

    /// Korean syllables as Korean names are usually written: EO, EU as O, U; a word's first G, B, D as K, P, T.
    @Test func koreanNamesInTheirUsualLatinSpelling() {
        #expect(NameNormalizer.conventionalKorean("gim", wordStart: true) == "kim")
        #expect(NameNormalizer.conventionalKorean("jeong", wordStart: false) == "jong")
        #expect(NameNormalizer.conventionalKorean("geum", wordStart: false) == "gum")
        #expect(NameNormalizer.conventionalKorean("bag", wordStart: true) == "pak")
        #expect(NameNormalizer.conventionalKorean("gang", wordStart: false) == "gang")
        #expect(texts("박지성") == ["PAK", "JI", "SONG"])
        #expect(texts("김 정은") == ["KIM", "JONG", "UN"])
        #expect(NameMatcher.compare("김정은", "Kim Jong Un").value == 1)
    }

    /// A family name that romanises to one vowel is spelt as such names are, and only as a name's
    /// first syllable: as one letter it counted as an initial, so 이민호 never reached LEE MIN HO.
    @Test func koreanFamilyNamesOfOneVowelAreNotInitials() {
        #expect(NameNormalizer.conventionalKorean("i", wordStart: true) == "lee")
        #expect(NameNormalizer.conventionalKorean("o", wordStart: true) == "oh")
        #expect(NameNormalizer.conventionalKorean("u", wordStart: true) == "woo")
        #expect(NameNormalizer.conventionalKorean("i", wordStart: false) == "i")
        #expect(texts("이민호") == ["LEE", "MIN", "HO"])
        #expect(texts("김이수") == ["KIM", "I", "SU"])
        #expect(texts("오세훈") == ["OH", "SE", "HUN"])
        #expect(NameMatcher.compare("이민호", "Lee Min Ho").value >= ScreeningIndex.defaultThreshold)
        #expect(NameMatcher.compare("이민호", "Kim Min Ho").value < ScreeningIndex.defaultThreshold)
    }

    /// North Korean names keep an initial ㄹ, which the lists write R (RI, RYONG); ICU writes L.
    @Test func koreanInitialRIsR() {
        #expect(NameNormalizer.conventionalKorean("li", wordStart: true) == "ri")
        #expect(NameNormalizer.conventionalKorean("lyong", wordStart: false) == "ryong")
        #expect(NameNormalizer.conventionalKorean("cheol", wordStart: false) == "chol")
        #expect(NameMatcher.compare("리병철", "RI, Pyong Chol").value >= ScreeningIndex.defaultThreshold)
    }

    /// In a name of three syllables written as one word, the given name begins as a word does:
    /// its first G, B, D are K, P, T, as the lists write them (RI PYONG CHOL, KIM KYONG HUI).
    @Test func koreanGivenNamesBeginVoiceless() {
        #expect(texts("리병철") == ["RI", "PYONG", "CHOL"])
        #expect(texts("김경희") == ["KIM", "KYONG", "HUI"])
        #expect(texts("박봉주") == ["PAK", "PONG", "JU"])
        // Only the given name's first syllable, and not a vowel's family-name spelling.
        #expect(texts("김이수") == ["KIM", "I", "SU"])
        #expect(texts("김덕") == ["KIM", "DOK"])
        #expect(texts("남궁덕배") == ["NAM", "GUNG", "DOK", "BAE"])
        #expect(NameMatcher.compare("리병철", "RI, Pyong Chol").value == 1)
    }

    /// A Korean name in hanja is also read as Korean, by the family name's reading; other Han names are not.
    @Test func koreanNamesInHanjaAreReadInHangul() {
        #expect(NameNormalizer.koreanReadings(of: "金正恩") == ["김정은"])
        // Simplified forms read as their traditional ones: 铁 as 鐵.
        #expect(NameNormalizer.koreanReadings(of: "金铁三") == ["김철삼"])
        // The initial-sound rule gives the South's spelling; the North's keeps the sound.
        #expect(NameNormalizer.koreanReadings(of: "李明博") == ["이명박", "리명박"])
        #expect(NameNormalizer.koreanReadings(of: "柳寬順") == ["유관순", "류관순"])
        #expect(NameNormalizer.koreanReadings(of: " 朴槿惠 ") == ["박근혜"])
        #expect(NameNormalizer.koreanReadings(of: "南宮玉分") == ["남궁옥분"])
        #expect(NameNormalizer.koreanReadings(of: "金 正恩") == ["김정은"])
        #expect(NameNormalizer.koreanReadings(of: "南宮 玉分") == ["남궁옥분"])
        // Not shaped as a Korean name: two characters, four without a family name of two, a space
        // elsewhere than after the family name, a first character that is no Korean family name,
        // kana, Latin letters.
        for name in ["田中", "山田太郎", "金正 恩", "金 正 恩", "直子英", "直 子英", "金子さくら", "Kim Jong Un", "金正恩X", "金正恩恩"] {
            #expect(NameNormalizer.koreanReadings(of: name).isEmpty, "\(name)")
        }
        #expect(texts(NameNormalizer.koreanReadings(of: "李明博")[1]) == ["RI", "MYONG", "BAK"])
        #expect(NameMatcher.compare("金正恩", "Kim Jong Un").value == 1)
        #expect(NameMatcher.compare("金正恩", "Kim Jong Un").features.first == "query read as Korean (김정은)")
        #expect(NameMatcher.compare("Kim Jong Un", "金正恩").features.first == "listed name read as Korean (김정은)")
        #expect(NameMatcher.compare("李明博", "Lee Myung-bak").value >= ScreeningIndex.defaultThreshold)
        #expect(NameMatcher.compare("李明博", "Ri Myong Bak").value >= ScreeningIndex.defaultThreshold)
        #expect(NameMatcher.compare("金正恩", "Jin Zheng En").value == 1)
        #expect(NameMatcher.compare("田中", "Kim Jung Jong").value < ScreeningIndex.defaultThreshold)
    }

    /// A word's last ta marbuta is A, not ICU's T; a word's first ayn is A, which ICU drops,
    /// except before a lam (علي stays LY, which aligns with ALI) and an alef (عادل, ADL); a
    /// word's last heh after tah has an A before it (TAH).
    @Test func arabicTaMarbutaAndInitialAyn() {
        #expect(texts("حمزة") == ["HMZA"])
        #expect(texts("عمر") == ["AMR"])
        #expect(texts("عادل") == ["ADL"])
        #expect(texts("علي") == ["LY"])
        // Inside a word, both stay as ICU writes them.
        #expect(texts("سعد") == ["SD"])
        // طه is TAH, not the one sound TH; شحاته keeps its ending.
        #expect(texts("طه") == ["TAH"])
        #expect(texts("شحاته") == ["SHHATH"])
        #expect(NameMatcher.compare("طه ياسين رمضان الجزراوي", "TAHA YASSIN RAMADAN AL-JIZRAWI").value >= ScreeningIndex.defaultThreshold)
        #expect(NameMatcher.compare("محمد حمزة زبيدي", "MUHAMMAD HAMZA ZUBAIDI").value >= ScreeningIndex.defaultThreshold)
        #expect(NameMatcher.compare("ساجدة خير الله طلفاح", "SAJIDA KHAYRALLAH TILFAH").value >= ScreeningIndex.defaultThreshold)
        #expect(NameMatcher.compare("علي حسن المجيد التكريتي", "ALI HASSAN AL-MAJID AL-TIKRITI").value >= ScreeningIndex.defaultThreshold)
    }

    /// A name in Arabic letters is also read as Persian, Dari, Pashto and Urdu say it (FAZL, not
    /// FDL), as names from Afghanistan and Pakistan are listed; the Arabic reading stays (RAMADAN).
    @Test func arabicLettersAreAlsoReadAsPersian() {
        #expect(NameNormalizer.persianReading(of: "فضل محمد مظلوم") == "فزل محمد مزلوم")
        #expect(NameNormalizer.persianReading(of: "نور محمد ثاقب") == "نور محمد ساقب")
        #expect(NameNormalizer.persianReading(of: "محمد حسن") == nil)
        let fazl = NameMatcher.compare("فضل محمد مظلوم", "FAZL MOHAMMAD MAZLOOM")
        #expect(fazl.value >= ScreeningIndex.defaultThreshold)
        #expect(fazl.features.first == "query read as Persian (فزل محمد مزلوم)")
        #expect(NameMatcher.compare("نور محمد ثاقب", "NOOR MOHAMMAD SAQIB").value >= ScreeningIndex.defaultThreshold)
        #expect(NameMatcher.compare("رمضان", "RAMADAN").features.first?.hasPrefix("query read as") == false)
        let index = ScreeningIndex([("UN", PartyRecord(id: "TAi.023", primaryName: "FAZL MOHAMMAD MAZLOOM", type: .individual))])
        #expect(index.screen(query: "فضل محمد مظلوم").map(\.recordID) == ["TAi.023"])
        let query = ScreeningQuery(name: "فضل محمد مظلوم")
        #expect(ScreeningIndex.Searcher(index).screen(query, threshold: 0.5, limit: .max) == index.bruteForce(query, threshold: 0.5))
    }

    /// Abd al-X as Latin spellings write it, the article with ABD (ABDUL MANAN); Abdullah as it was.
    @Test func arabicAbdAlIsWrittenWithAbd() {
        #expect(texts("عبد المنان آغا") == ["ABDAL", "MNAN", "AGHA"])
        #expect(texts("عبد الله") == ["ABD", "ALLH"])
        #expect(NameMatcher.compare("عبد المنان آغا", "ABDUL MANAN AGHA").value >= ScreeningIndex.defaultThreshold)
        #expect(NameMatcher.compare("عبد الرحمن", "Abdur Rahman").value >= ScreeningIndex.defaultThreshold)
        #expect(NameMatcher.compare("عبد الملك", "Abd al-Malik").value >= ScreeningIndex.defaultThreshold)
        #expect(NameMatcher.compare("عبد الله", "Abdullah").value >= ScreeningIndex.defaultThreshold)
        // Written as one word, the same: ABDAL HLYM; Abdullah as it was.
        #expect(texts("عبدالحليم") == ["ABDAL", "HLYM"])
        #expect(texts("عبدالله") == ["ABDALLH"])
        #expect(NameMatcher.compare("عبدالخالق الحوثي", "ABD AL-KHALIQ AL-HOUTHI").value >= ScreeningIndex.defaultThreshold)
        #expect(NameMatcher.compare("عبدالحليم", "Abdelhalim").value >= ScreeningIndex.defaultThreshold)
        #expect(NameMatcher.compare("عبدالغنی برادر", "Abdul Ghani Baradar").value >= ScreeningIndex.defaultThreshold)
    }

    @Test func mapsLegalFormsToCanonicalTaggedTokens() {
        let name = NameNormalizer.normalize("Acme Trading L.L.C.")
        #expect(name.tokens == [NameToken("ACME"), NameToken("TRADING"), NameToken("LLC", kind: .legalForm)])
        #expect(NameNormalizer.normalize("Acme Trading Limited Liability Company").legalForms == ["LLC"])
        #expect(NameNormalizer.normalize("Acme Ltd.").legalForms == ["LTD"])
        #expect(NameNormalizer.normalize("Acme Limited").legalForms == ["LTD"])
        #expect(NameNormalizer.normalize("Acme Co., Ltd.").legalForms == ["CO", "LTD"])
        #expect(NameNormalizer.normalize("Acme Corporation").legalForms == ["CORP"])
        #expect(NameNormalizer.normalize("Acme Incorporated").legalForms == ["INC"])
        #expect(NameNormalizer.normalize("Romashka OOO").legalForms == ["OOO"])
        #expect(NameNormalizer.normalize("ООО Ромашка").legalForms == ["OOO"])
        #expect(NameNormalizer.normalize("Gazprom PJSC").legalForms == ["PAO"])
        #expect(NameNormalizer.normalize("Petro S.A.").legalForms == ["SA"])
        #expect(NameNormalizer.normalize("Nam Sdn. Bhd.").legalForms == ["SDN BHD"])
        #expect(NameNormalizer.normalize("Gulf FZE").legalForms == ["FZE"])
        #expect(NameNormalizer.normalize("Siemens AG").legalForms == ["AG"])
        // Ambiguous short forms count only at the end: "AS" starting a name is a word.
        #expect(NameNormalizer.normalize("AS Salam Trading").legalForms == [])
        #expect(NameNormalizer.normalize("Nordic Shipping AS").legalForms == ["AS"])
        // A name of legal-form words only keeps them as its name.
        #expect(NameNormalizer.normalize("Company Limited").nameTokens.map(\.text) == ["CO", "LTD"])
    }

    /// Legal forms as ICU transliterates them from Cyrillic, in other languages, and misspelt
    /// when long (one edit); short forms stay exact.
    @Test func legalFormsFromOtherScriptsLanguagesAndTypos() {
        #expect(NameNormalizer.normalize("ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ «Ромашка»").legalForms == ["OOO"])
        #expect(NameNormalizer.normalize("Акционерное общество Ромашка").legalForms == ["AO"])
        #expect(NameNormalizer.normalize("Публичное акционерное общество Газпром").legalForms == ["PAO"])
        #expect(NameNormalizer.normalize("АНО Искусство").legalForms == ["ANO"])
        #expect(NameNormalizer.normalize("Pro Traffic Societatea cu Răspundere Limitată").legalForms == ["SRL"])
        #expect(NameNormalizer.normalize("Bowne France S.A.R.L.").legalForms == ["SRL"])
        #expect(NameNormalizer.normalize("Siemens Aktiengeselschaft").legalForms == ["AG"])
        #expect(NameNormalizer.normalize("Acme Corporaton").legalForms == ["CORP"])
        #expect(NameNormalizer.normalize("Acme Lmited").legalForms == [])  // short: a word, not a form
    }

    /// The Arabic article in its spellings is a kind of its own; ABOU is ABU's particle.
    @Test func tagsArticles() {
        #expect(NameNormalizer.normalize("Iyad El-Tubasi").tokens.map(\.kind) == [.name, .article, .name])
        #expect(NameNormalizer.normalize("Fazal Ur Rehman ad-Din").tokens.map(\.kind) == [.name, .article, .name, .article, .name])
        #expect(NameNormalizer.normalize("Abou Bakr").tokens.map(\.kind) == [.particle, .name])
        // Nothing but an article: it is the name.
        #expect(NameNormalizer.normalize("Al").tokens.map(\.kind) == [.name])
    }

    @Test func dropsHonorificsUnlessNothingElseIsLeft() {
        #expect(texts("Mr. John Smith") == ["JOHN", "SMITH"])
        #expect(texts("Sheikh Haji Abdul Karim") == ["ABDUL", "KARIM"])
        #expect(texts("Dr Mrs Jane Doe") == ["JANE", "DOE"])
        #expect(texts("Sheikh") == ["SHEIKH"])
        // After an article, a family name: EL SAYED, as Arabic writes السيد.
        #expect(texts("Tariq Anwar El Sayed Ahmed") == ["TARIQ", "ANWAR", "EL", "SAYED", "AHMED"])
        #expect(texts("Sayed Ahmed") == ["AHMED"])
    }

    @Test func tagsParticlesAndNumberWords() {
        let name = NameNormalizer.normalize("Abu Bakr al-Baghdadi")
        #expect(name.tokens.map(\.kind) == [.particle, .name, .article, .name])
        #expect(texts("Third Street Two") == ["3", "STREET", "2"])
        #expect(texts("Citigroup Capital Trust XV") == ["CITIGROUP", "CAPITAL", "TRUST", "15"])
        #expect(texts("Brigade Forty-Four") == ["BRIGADE", "44"])
        #expect(texts("Brigade Forty 4") == ["BRIGADE", "44"])
        #expect(texts("Twenty Twenty") == ["20", "20"])
        #expect(texts("Sixty Nine Thirty") == ["69", "30"])
    }
}

@Suite struct NameSimilarityTests {
    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func jaroWinklerKnownValues() {
        #expect(abs(NameSimilarity.jaroWinkler(bytes("MARTHA"), bytes("MARHTA")) - 0.9611) < 0.001)
        #expect(abs(NameSimilarity.jaroWinkler(bytes("DWAYNE"), bytes("DUANE")) - 0.84) < 0.001)
        #expect(NameSimilarity.jaroWinkler(bytes("ABC"), bytes("XYZ")) == 0)
        #expect(NameSimilarity.jaroWinkler(bytes("SAME"), bytes("SAME")) == 1)
    }

    @Test func phoneticKeyJoinsTransliterationVariants() {
        func key(_ s: String) -> String { String(decoding: NameSimilarity.phoneticKey(bytes(s)), as: UTF8.self) }
        #expect(key("MOHAMMED") == key("MUHAMMAD"))
        #expect(key("MOHAMED") == key("MUHAMMAD"))
        #expect(key("ABDEL") == key("ABDUL"))
        #expect(key("OMAR") == key("UMAR"))
        #expect(key("YUSUF") == key("JUSUF"))
        #expect(key("SHAKIR") == key("CHAKIR"))
        #expect(key("KHALID") == key("KALID"))
        #expect(key("DMITRIJ") == key("DMITRY"))
        #expect(key("SMITH") != key("SCHMIDT"))
        #expect(key("ALI") != key("OLEG"))
    }

    @Test func editDistanceCountsTranspositionsOnce() {
        #expect(NameSimilarity.editDistance(bytes("AHMAD"), bytes("AMHAD")) == 1)
        #expect(NameSimilarity.editDistance(bytes("SANCHO"), bytes("SANCHEZ")) == 2)
        #expect(NameSimilarity.editDistance(bytes("KITTEN"), bytes("SITTING")) == 3)
        #expect(NameSimilarity.editDistance(bytes(""), bytes("ABC")) == 3)
        #expect(NameSimilarity.editDistance(bytes("ABCDEFGH"), bytes("ZYXWVUTS"), limit: 3) == 3)
    }

    @Test func consonantSkeletonReadsAbjadTransliterations() {
        func skeleton(_ s: String, _ drop: Bool) -> [UInt8] { NameSimilarity.consonantSkeleton(bytes(s), dropSemivowels: drop) }
        #expect(skeleton("MHMWD", true) == skeleton("MAHMOUD", false))
        #expect(skeleton("DWD", false) == skeleton("DAVID", false))
        #expect(skeleton("HSN", false) == skeleton("HASSAN", false))
        // A first Y is the consonant a Latin spelling writes before its vowel.
        #expect(skeleton("YWSF", true) == skeleton("YOUSSEF", false))
        #expect(skeleton("YWNS", true) == skeleton("YUNIS", false))
        #expect(skeleton("YHYY", true) == skeleton("YAHIA", false))
        #expect(NameMatcher.compare("محمد يونس أحمد", "MUHAMMAD YUNIS AHMAD").value >= ScreeningIndex.defaultThreshold)
    }

    /// A word from Arabic with the article joined to it also compares without it, as Latin
    /// spellings often leave it out; a Latin word beginning with AL does not.
    @Test func arabicArticleJoinedToTheWord() {
        #expect(NameMatcher.compare("المهدي بن محمد بن محمد كمون", "MEHDI BEN MOHAMED BEN MOHAMED KAMMOUN").value >= ScreeningIndex.defaultThreshold)
        #expect(NameMatcher.compare("زكريا الصبار", "Zakariya Essabar").value >= ScreeningIndex.defaultThreshold)
        #expect(NameMatcher.compare("Albert", "Bert").value < ScreeningIndex.defaultThreshold)
        // Where the word with its article aligns as well with the article written apart, that
        // alignment is taken: it leaves nothing over.
        // Two words written together say the article with the sun letter after it: X ud-Din.
        #expect(PreparedToken.articleAssimilated(bytes("JLALALDYN")) == bytes("JLALUDDYN"))
        #expect(PreparedToken.articleAssimilated(bytes("ALDYN")) == nil)
        #expect(PreparedToken.articleAssimilated(bytes("JLALALBYN")) == nil)
        #expect(NameMatcher.compare("جلال الدين حقانى", "JALALUDDIN HAQQANI").value >= ScreeningIndex.defaultThreshold)
        #expect(NameMatcher.compare("شمس الدین", "SHAMSUDDIN").value >= ScreeningIndex.defaultThreshold)
        #expect(NameMatcher.compare("سيف الدين", "SAIF AL-DIN").value >= ScreeningIndex.defaultThreshold)
        let score = NameMatcher.compare("الملثمون", "AL MOULATHAMOUN")
        #expect(score.value >= ScreeningIndex.defaultThreshold)
        #expect(score.features.contains("joined 'ALMLTHMWN'~'AL MOULATHAMOUN'"))
    }
}

@Suite struct NameScorerTests {
    private func score(_ a: String, _ b: String) -> NameScorer.Score { NameMatcher.compare(a, b) }

    @Test func identicalNamesScoreOne() {
        #expect(score("Vladimir Putin", "VLADIMIR PUTIN").value == 1)
        #expect(score("Vladimir Putin", "VLADIMIR PUTIN").features == ["tokens aligned 2/2"])
    }

    @Test func wordOrderDoesNotMatter() {
        let result = score("Putin Vladimir", "Vladimir Putin")
        #expect(result.value == 1)
        #expect(score("PUTIN, Vladimir", "Vladimir Putin").value == 1)
    }

    @Test func diacriticsAndTransliterationMatch() {
        #expect(score("José Núñez", "JOSE NUNEZ").value == 1)
        #expect(score("Владимир Путин", "Vladimir Putin").value == 1)
        #expect(score("Дмитрий Медведев", "Dmitry Medvedev").value > 0.9)
    }

    @Test func phoneticMatchIsExplained() {
        let result = score("Mohammed Ali", "Muhammad Ali")
        #expect(result.value >= 0.9)
        #expect(result.features.contains("phonetic match on 'MOHAMMED'~'MUHAMMAD'"))
        #expect(score("Abdel Karim", "Abdul Karim").value >= 0.9)
    }

    @Test func arabicScriptMatchesLatinThroughSkeleton() {
        let result = score("محمود عباس", "Mahmoud Abbas")
        #expect(result.value >= 0.85)
        #expect(result.features.contains { $0.hasPrefix("consonant skeleton") })
        // Two Arabic words written as one Latin word: joined, and compared by skeleton.
        #expect(score("عبد الله", "Abdullah").value >= 0.85)
    }

    @Test func droppedMiddleNameIsTolerated() {
        let result = score("John Smith", "John Michael Smith")
        #expect(result.value > 0.85)
        #expect(result.features.contains("dropped middle name 'MICHAEL'"))
        #expect(result.features.contains("tokens aligned 2/2"))
        // A different first name is not a dropped one.
        #expect(score("Olaf Scholz", "Octavian Scholz").value < 0.6)
    }

    /// An article costs nothing, whichever way it is spelt or whether it is written at all, and
    /// never stands for a name that begins like it.
    @Test func articlesCostNothing() {
        let spelt = score("Iyad El-Tubasi", "Iyad al-Tubasi")
        #expect(spelt.value == 1)
        #expect(spelt.features == ["tokens aligned 2/2", "article 'EL'~'AL'"])
        let left = score("Iyad Tubasi", "Iyad al-Tubasi")
        #expect(left.value == 1)
        #expect(left.features.contains("article 'AL' ignored"))
        #expect(score("Fazal ur-Rehman", "Fazal al-Rahman").value > 0.9)
        #expect(score("Abou Bakr al-Baghdadi", "Abu Bakr Baghdadi").value > 0.98)
        #expect(score("Al Hassan", "Ali Hassan").value < 0.8)
    }

    /// A listed name written without its middle name or patronymic costs little; a query with a
    /// name the listed one lacks costs more, as it is more often another person.
    @Test func missingAndExtraNamesCostDifferently() {
        let missing = score("Husan Gaziev", "Husan Isaevich Gaziev")
        #expect(missing.value > 0.88)
        #expect(missing.features.contains("dropped middle name 'ISAEVICH'"))
        let extra = score("Husan Isaevich Gaziev", "Husan Gaziev")
        #expect(extra.value < missing.value - 0.05)
        #expect(extra.features.contains("extra name 'ISAEVICH' in query"))
        #expect(score("Abdul Manan Arif", "Abdul Manan").value < score("Abdul Manan", "Abdul Manan Arif").value - 0.05)
    }

    @Test func joinedAndSplitWords() {
        let result = score("Xi Jin Ping", "XI JINPING")
        #expect(result.value == 1)
        #expect(result.features.contains("joined 'JIN PING'~'JINPING'"))
    }

    @Test func typosScoreHighUnrelatedLow() {
        #expect(score("Olaf Scholze", "Olaf Scholz").value > 0.9)
        #expect(score("Angela Merkel", "Angelo Mercaz").value < 0.8)
        #expect(score("Barack Obama", "Michelle Obama").value < 0.8)
        #expect(score("John Smith", "Jane Doe").value == 0)
    }

    @Test func legalFormsAreIgnoredOrCompared() {
        let ignored = score("Acme Trading LLC", "ACME TRADING")
        #expect(ignored.value == 1)
        #expect(ignored.features.contains("legal form ignored (LLC)"))
        let same = score("Acme Trading L.L.C.", "Acme Trading Limited Liability Company")
        #expect(same.value == 1)
        #expect(same.features.contains("legal form matches (LLC)"))
        let different = score("Acme Trading LLC", "Acme Trading GmbH")
        #expect(different.value == NameScorer.legalFormMismatch)
        #expect(different.features.contains { $0.hasPrefix("legal forms differ (LLC vs GMBH)") })
    }

    /// Jaro-Winkler loses `editPenalty` per edit beyond one, plus one per eight sounds, counted
    /// on sound codes: typos, transpositions and transliteration variants keep their similarity,
    /// different names with a shared start no longer align.
    @Test func spellingNeedsFewEdits() {
        func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
        func jaroWinkler(_ a: String, _ b: String) -> Double { NameSimilarity.jaroWinkler(bytes(a), bytes(b)) }
        for (a, b) in [("AHMAD", "AMHAD"), ("FABERLICK", "FABERLIC"), ("INTEGRATSIYA", "INTEGRATION"), ("ALEXANDROS", "ALEXANDER")] {
            #expect(NameScorer.spelling(bytes(a), bytes(b)) == jaroWinkler(a, b), "\(a)~\(b)")
        }
        #expect(jaroWinkler("ZUCKERMANN", "ZUCKERBERG") > NameScorer.minimumTokenSimilarity)
        #expect(NameScorer.spelling(bytes("ZUCKERMANN"), bytes("ZUCKERBERG")) < NameScorer.minimumTokenSimilarity)
        #expect(score("Mark Zuckermann", "Mark Zuckerberg").value < 0.6)
        #expect(score("Mark Zuckerberg", "Mark Zukcerberg").value > 0.9)
        #expect(score("Mark Zuckerberg", "Mark Zukcerberg").features.contains { $0.hasPrefix("spelling 'ZUCKERBERG'~'ZUKCERBERG'") })
    }

    /// The edits a typing error explains grow with the word, are counted on letters as well as
    /// on sounds, and one of them keeps even a word of three letters aligned.
    @Test func editBudgetsByWordLength() {
        #expect([3, 6, 7, 13, 14].map(NameScorer.editBudget) == [1, 1, 2, 2, 3])
        // Two typing errors in seven letters; a transposition that breaks the digraph SH.
        #expect(score("Rustam Karimov", "Rustam Karinof").value > 0.9)
        #expect(score("Kalashnikov Concern", "Kalahsnikof Concern").value > 0.9)
        // One in a short word beside a correct surname.
        let short = score("Ali Ghaleb", "Xli Ghaleb")
        #expect(short.value > 0.85)
        #expect(short.features.contains("spelling 'ALI'~'XLI' 0.80"))
        #expect(score("Mark Zuckermann", "Mark Zuckerberg").value < 0.6)
    }

    /// A one-digit number is not an initial: "Unit 2" does not align "2" with "20".
    @Test func digitsAreNotInitials() {
        #expect(!score("Unit 2", "Unit 20").features.contains { $0.hasPrefix("initial") })
        #expect(score("Unit 2", "Unit 20").value < score("J Smith", "John Smith").value)
        #expect(score("Fund 2", "Fund II").value == 1)
    }

    @Test func initialsAlignWithNames() {
        let result = score("J. Smith", "John Smith")
        #expect(result.value > 0.85)
        #expect(result.features.contains("initial 'J'~'JOHN'"))
    }

    @Test func entityTypeMismatchLowers() {
        let same = NameMatcher.compare("Ocean Star", "Ocean Star", type: .entity, candidateType: .vessel)
        let different = NameMatcher.compare("Ocean Star", "Ocean Star", type: .individual, candidateType: .entity)
        #expect(same.value == 1)
        #expect(different.value == NameScorer.entityTypeMismatch)
        #expect(different.features.contains { $0.hasPrefix("entity type differs (individual vs entity)") })
    }

    @Test func countryAndBirthYearQualifiers() {
        let record = PartyRecord(id: "1", primaryName: "Ali Hassan", type: .individual, countries: ["IR"], birthDates: ["1965-03-01"])
        let match = ScreeningQualifiers.factor(ScreeningQuery(name: "Ali Hassan", country: "ir", birthYear: 1965), record)
        #expect(match.value > 1)
        #expect(match.features == ["country matches (IR)", "birth year matches (1965)"])
        let close = ScreeningQualifiers.factor(ScreeningQuery(name: "Ali Hassan", birthYear: 1966), record)
        #expect(close.value == 1)
        let mismatch = ScreeningQualifiers.factor(ScreeningQuery(name: "Ali Hassan", country: "SY", birthYear: 1980), record)
        #expect(mismatch.value < 0.8)
        #expect(mismatch.features.count == 2)
        let unknown = ScreeningQualifiers.factor(ScreeningQuery(name: "Ali Hassan", country: "SY"), PartyRecord(id: "2", primaryName: "x", type: .individual))
        #expect(unknown.value == 1 && unknown.features.isEmpty)
    }

    @Test func deterministic() {
        let a = score("Abdul Rahman al-Hassan", "ABDULRAHMAN HASAN")
        for _ in 0..<5 { #expect(score("Abdul Rahman al-Hassan", "ABDULRAHMAN HASAN") == a) }
    }
}

@Suite struct ScreeningIndexTests {
    private let records: [(listID: String, record: PartyRecord)] = [
        ("SDN", PartyRecord(id: "1", primaryName: "MUHAMMAD ALI HASSAN", type: .individual,
                            aliases: [.init(name: "ABU HASSAN"), .init(name: "MOHAMMED ALI", strength: .weak)],
                            countries: ["IR"], birthDates: ["1965"])),
        ("SDN", PartyRecord(id: "2", primaryName: "ACME TRADING LLC", type: .entity, countries: ["AE"])),
        ("UN", PartyRecord(id: "QDi.1", primaryName: "Vladimir Putin", type: .individual)),
    ]

    @Test func findsMatchesWithExplanations() {
        let index = ScreeningIndex(records)
        let hits = index.screen(query: "Mohammed Ali Hasan", country: "IR", birthYear: 1965, type: .individual)
        #expect(hits.first?.recordID == "1")
        #expect(hits.first?.listID == "SDN")
        #expect(hits.first?.features.contains("country matches (IR)") == true)
        #expect(hits.first?.features.contains("birth year matches (1965)") == true)
        #expect(index.screen(query: "Acme Trading", type: .entity).first?.features.contains("legal form ignored (LLC)") == true)
        #expect(index.screen(query: "Владимир Путин").first?.recordID == "QDi.1")
        #expect(index.screen(query: "Nobody Inparticular").isEmpty)
    }

    @Test func weakAliasesCountLess() {
        let index = ScreeningIndex([records[0]])
        // Only the weak alias matches fully: its score is scaled down.
        let hit = index.screen(query: "Mohammed Ali", threshold: 0.5).first
        #expect(hit != nil)
        #expect(hit!.score < 1)
        let weak = index.bruteForce(ScreeningQuery(name: "Mohammed Ali"), threshold: 0.5)
        #expect(weak == index.screen(query: "Mohammed Ali", threshold: 0.5, limit: .max))
    }

    /// Readings are screened as names on both sides, through the index as by brute force.
    @Test func koreanReadingsOfHanjaAreScreened() {
        let index = ScreeningIndex([("SDN", PartyRecord(id: "K1", primaryName: "KIM, Jong Un", type: .individual)),
                                    ("UN", PartyRecord(id: "K2", primaryName: "金铁三", type: .individual)),
                                    ("UN", PartyRecord(id: "K3", primaryName: "RI Pyong Chol", type: .individual))])
        let kim = index.screen(query: "金正恩")
        #expect(kim.map(\.recordID) == ["K1"])
        #expect(kim.first?.score == 1)
        #expect(kim.first?.features.first == "query read as Korean (김정은)")
        let listed = index.screen(query: "Kim Chol Sam")
        #expect(listed.map(\.recordID) == ["K2"])
        #expect(listed.first?.name == "金铁三")
        #expect(listed.first?.features.first == "listed name read as Korean (김철삼)")
        #expect(index.screen(query: "李秉哲").map(\.recordID) == ["K3"])
        let searcher = ScreeningIndex.Searcher(index)
        for query in ["金正恩", "Kim Chol Sam", "李秉哲", "金鐵三", "Jin Tiesan", "田中"] {
            let one = ScreeningQuery(name: query)
            #expect(searcher.screen(one, threshold: 0.5, limit: .max) == index.bruteForce(one, threshold: 0.5), "\(query)")
            #expect(searcher.screen([one], threshold: 0.5, limit: .max) == [index.bruteForce(one, threshold: 0.5)], "\(query)")
        }
    }

    @Test func indexEqualsBruteForceOnGeneratedNames() {
        var random = Generator(seed: 7)
        let first = ["MOHAMMED", "MUHAMMAD", "ALI", "OMAR", "JOHN", "JON", "IVAN", "VLADIMIR", "ABDUL", "ABDEL", "KIM", "J", "A", "HASAN", "HASSAN", "YUSUF"]
        let last = ["HASSAN", "SMITH", "SMYTH", "PETROV", "PETROVA", "AL-RASHID", "RASHID", "IVANOV", "JONG UN", "KARIMI", "KARIM", "ALRASHID", "BIN LADEN", "SCHOLZ",
                    "EL RASHID", "UR REHMAN", "ABOU AL"]
        let companies = ["ACME", "GULF", "STAR", "OCEAN", "TRADING", "SHIPPING", "PETRO", "GLOBAL", "NORTH", "STARS"]
        let forms = ["LLC", "LTD", "CO", "GMBH", "", "FZE", "OOO"]
        func person() -> String {
            (0..<random.next(2...4)).map { $0 == 0 ? first[random.next(0...(first.count - 1))] : last[random.next(0...(last.count - 1))] }.joined(separator: " ")
        }
        func company() -> String {
            ((0..<random.next(1...3)).map { _ in companies[random.next(0...(companies.count - 1))] } + [forms[random.next(0...(forms.count - 1))]]).joined(separator: " ")
        }
        var entries: [(listID: String, record: PartyRecord)] = []
        for i in 0..<200 {
            let individual = i % 3 != 0
            let aliases = (0..<random.next(0...2)).map { _ in
                PartyRecord.Alias(name: individual ? person() : company(), strength: random.next(0...3) == 0 ? .weak : .strong)
            }
            entries.append((i % 2 == 0 ? "A" : "B", PartyRecord(id: String(i), primaryName: individual ? person() : company(),
                                                                 type: individual ? .individual : .entity, aliases: aliases,
                                                                 countries: random.next(0...1) == 0 ? ["IR"] : ["RU", "SY"],
                                                                 birthDates: individual ? [String(1950 + random.next(0...20))] : [])))
        }
        let index = ScreeningIndex(entries)
        let searcher = ScreeningIndex.Searcher(index)
        var compared = 0, nonEmpty = 0
        var queries: [ScreeningQuery] = []
        for i in 0..<80 {
            let individual = i % 3 != 0
            let query = ScreeningQuery(name: individual ? person() : company(), country: i % 4 == 0 ? "IR" : nil,
                                       birthYear: i % 5 == 0 ? 1960 : nil, type: i % 7 == 0 ? nil : (individual ? .individual : .entity))
            queries.append(query)
            for threshold in [0.6, 0.8, 0.9] {
                let expected = index.bruteForce(query, threshold: threshold)
                #expect(searcher.screen(query, threshold: threshold, limit: .max) == expected, "\(query.name) at \(threshold)")
                compared += 1
                if !expected.isEmpty { nonEmpty += 1 }
            }
        }
        #expect(compared == 240)
        #expect(nonEmpty > 40)
        // A batch, whose names are normalised together, gives what each query gives alone.
        queries.append(ScreeningQuery(name: "Мухаммад Хасан"))
        queries.append(ScreeningQuery(name: "محمد حسن"))
        let batch = ScreeningIndex.Searcher(index).screen(queries, threshold: 0.7, limit: .max)
        #expect(batch == queries.map { index.bruteForce($0, threshold: 0.7) })
        #expect(!batch.last!.isEmpty)
        // Searchers sharing their word alignments (the second finds every word already looked up) agree too.
        let shared = ScreeningIndex.SharedAlignments()
        for _ in 0..<2 {
            #expect(ScreeningIndex.Searcher(index, sharing: shared).screen(queries, threshold: 0.7, limit: .max) == batch)
        }
    }

    struct Generator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next(_ range: ClosedRange<Int>) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return range.lowerBound + Int((state >> 33) % UInt64(range.count))
        }
    }
}

@Suite struct TokenFrequencyTests {
    /// 60 parties named MOHAMMED X, 40 named ALI Y (X and Y each a word of its own), and
    /// MOHAMMED ALI RAHIMI: on these lists MOHAMMED and ALI are common, RAHIMI is not.
    static let index: ScreeningIndex = {
        let consonants = Array("BDFGKLMNPRTV")
        var entries: [(listID: String, record: PartyRecord)] = []
        for i in 0..<100 {
            let word = "\(consonants[i % 12])A\(consonants[i / 12])ORI"
            entries.append(("L", PartyRecord(id: String(i), primaryName: (i < 60 ? "MOHAMMED " : "ALI ") + word, type: .individual)))
        }
        entries.append(("L", PartyRecord(id: "T", primaryName: "MOHAMMED ALI RAHIMI", type: .individual)))
        return ScreeningIndex(entries)
    }()

    @Test func commonWordsCountLessByPhoneticKey() {
        func factor(_ word: String) -> Double { Self.index.frequencies.factor(PreparedToken(word, kind: .name, fromAbjad: false)) }
        #expect(factor("MUHAMMAD") == TokenFrequencies.minimumFactor)  // counted as MOHAMMED
        #expect(factor("ALI") == TokenFrequencies.minimumFactor)
        #expect(factor("RAHIMI") == 1)
        #expect(factor("NOBODY") == 1)
        #expect(TokenFrequencies.none.factor(PreparedToken("MOHAMMED", kind: .name, fromAbjad: false)) == 1)
    }

    /// A name that shares only its common words with a listed one is not taken for it; the rare
    /// word still finds it, and the explanation says which words counted less.
    @Test func aNameOfCommonWordsOnlyDoesNotMatch() {
        #expect(NameMatcher.compare("Mohammed Ali", "MOHAMMED ALI RAHIMI").value >= ScreeningIndex.defaultThreshold)
        #expect(!Self.index.screen(query: "Mohammed Ali").contains { $0.recordID == "T" })
        let found = Self.index.screen(query: "Muhammad Ali Rahimi")
        #expect(found.first?.recordID == "T")
        #expect(found.first?.features.contains("common on the lists: 'MUHAMMAD' ×0.35, 'ALI' ×0.35, 'MOHAMMED' ×0.35") == true)
        #expect(Self.index.screen(query: "Ali Rahimi").first?.recordID == "T")
        let searcher = ScreeningIndex.Searcher(Self.index)
        for name in ["Mohammed Ali", "Muhammad Ali Rahimi", "Ali Rahimi", "Mohammed Baori Rahimi", "Ali"] {
            let query = ScreeningQuery(name: name)
            #expect(searcher.screen(query, threshold: 0.5, limit: .max) == Self.index.bruteForce(query, threshold: 0.5), "\(name)")
        }
    }
}

@Suite struct QueryBoundTests {
    static let index = ScreeningIndex([
        ("T", PartyRecord(id: "1", primaryName: "ACME TRADING LLC", type: .entity)),
        ("T", PartyRecord(id: "2", primaryName: "ZEBRA", type: .entity)),
    ])

    /// Past the bound, words are not read: a query of 100 words and the same with 60 more score alike.
    @Test func wordsPastTheBoundAreNotScreened() {
        let words = ["ACME", "TRADING"] + (1...98).map { "QQQ\($0)" }
        let first100 = words.joined(separator: " ")
        let more = first100 + " " + (1...60).map { _ in "ZEBRA" }.joined(separator: " ")
        let searcher = ScreeningIndex.Searcher(Self.index)
        #expect(searcher.screen(ScreeningQuery(name: more), threshold: 0) == searcher.screen(ScreeningQuery(name: first100), threshold: 0))
        #expect(searcher.screen([ScreeningQuery(name: more)], threshold: 0) == [searcher.screen(ScreeningQuery(name: first100), threshold: 0)])
        #expect(Self.index.bruteForce(ScreeningQuery(name: more), threshold: 0) == Self.index.bruteForce(ScreeningQuery(name: first100), threshold: 0))
    }

    @Test func overlongNamesAreTold() {
        #expect(QueryBound.overlong("ACME TRADING LLC") == nil)
        #expect(QueryBound.overlong((1...100).map { "W\($0)" }.joined(separator: " ")) == nil)
        #expect(QueryBound.overlong((1...101).map { "W\($0)" }.joined(separator: "-")) == "the name has 101 words: only its first 100 are screened")
        // One character that compatibility normalisation spells as four words (ﷺ), 30 times.
        #expect(QueryBound.overlong(String(repeating: "\u{FDFA} ", count: 30)) == "the name has 120 words: only its first 100 are screened")
        #expect(QueryBound.overlong(String(repeating: "é", count: 1_001)) == "the name is longer than 1000 characters: only its first 1000 are screened")
        #expect(QueryBound.screened(String(repeating: "é", count: 1_001)).text.count == 1_000)
    }
}
