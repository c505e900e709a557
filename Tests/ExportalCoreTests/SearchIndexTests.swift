@testable import ExportalCore
import ExportalDomain
import Foundation
import Testing

/// The build-time half of search: terms, stems, the sharded files and what they may contain.
@Suite struct SearchIndexTests {
    /// Shared with the browser test, which checks search.js against the same expectations.
    struct SharedFixture: Decodable {
        let stems: [[String]]
        let terms: [SharedTerms]
    }

    struct SharedTerms: Decodable {
        let text: String
        let terms: [String]
        init(from decoder: Decoder) throws {
            var container = try decoder.unkeyedContainer()
            text = try container.decode(String.self)
            terms = try container.decode([String].self)
        }
    }

    static func sharedFixture() throws -> SharedFixture {
        let url = FixtureSite.repository.appendingPathComponent("Tests/Browser/search-text.json")
        return try JSONDecoder().decode(SharedFixture.self, from: Data(contentsOf: url))
    }

    @Test func stemsMatchTheFixtureSharedWithSearchJS() throws {
        let fixture = try Self.sharedFixture()
        #expect(fixture.stems.count >= 30)
        for pair in fixture.stems { #expect(SearchText.stem(pair[0]) == pair[1], "stem of \(pair[0])") }
    }

    @Test func termsMatchTheFixtureSharedWithSearchJS() throws {
        for example in try Self.sharedFixture().terms {
            #expect(SearchText.terms(example.text).map(\.text) == example.terms, "terms of \(example.text)")
        }
    }

    /// ASCII text takes a byte-level path; an em dash (a separator outside ASCII) sends the same
    /// text down the general one, and both must give the same terms.
    @Test func asciiTextGivesTheTermsTheGeneralPathGives() throws {
        let texts = try Self.sharedFixture().terms.map(\.text).filter { $0.utf8.allSatisfy { $0 < 0x80 } } + [
            "", "...", ".5A002.a.1.", "..ab..cd..", "Exporters SHIPPED the 5E002 technology; licences, processes",
            "A.B.C. o'brien-smith x1 9 a.b 123.45 5a002.a.1.b.c.d.e", "stopping\tstopped\nrunner\r\nflies\u{0B}classes",
        ]
        for text in texts {
            #expect(SearchText.terms(text) == SearchText.terms(text + "\u{2014}"), "terms of \(text)")
        }
    }

    /// Texts made of pieces that hit every rule: cases, digits, control codes, dots in every
    /// position, stemmed suffixes, and separators including "\r\n".
    static func generatedTexts(count: Int, pieces: Int, seed: UInt64) -> [String] {
        let parts = ["Exporters", "SHIPPED", "licences", "classes", "flies", "process", "Keller", "ab", "a", "Z", "x9",
                     "5A002", "5e002.ab.12", "5A002.a.1.b.c", "0E001.12", "5f002.a", "5A02", ".", "..", "...", "-", "'",
                     ",", ";", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "(", ")", "§", "2024", "1.2.3", "o'brien", "stopping"]
        var random = SplitMix(seed: seed)
        return (0..<count).map { _ in
            (0..<(1 + Int(random.next() % UInt64(pieces)))).map { _ in parts[Int(random.next() % UInt64(parts.count))] }.joined()
        }
    }

    static func collected(_ text: String, _ path: (String, (SearchText.Term) -> Void) -> Void) -> [SearchText.Term] {
        var terms: [SearchText.Term] = []
        path(text) { terms.append($0) }
        return terms
    }

    /// The byte path for ASCII and the scalar path for any text must give the same terms, or a
    /// word would be found in one document and not in another that spells it the same way.
    @Test func asciiTermsMatchTheGeneralPath() {
        let texts = Self.generatedTexts(count: 3000, pieces: 12, seed: 22).filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        #expect(texts.count > 2000)
        var codes = 0
        for text in texts {
            let ascii = Self.collected(text, SearchText.asciiTerms)
            #expect(ascii == Self.collected(text, SearchText.generalTerms), "terms of \(text.debugDescription)")
            codes += ascii.filter(\.isCode).count
        }
        #expect(codes > 100, "the corpus must exercise control codes")
    }

    /// Documents are tokenised in blocks whose term numbers are merged; the result must be what
    /// one dictionary over all documents gives, across block boundaries and in every script.
    @Test func postingsMergedFromBlocksEqualPostingsCountedInOnePass() {
        let texts = Self.generatedTexts(count: 1400, pieces: 10, seed: 3) + ["Präzision prazision", "Ёлка елка", "ﬁnance finance"]
        let documents = stride(from: 0, to: texts.count - 1, by: 2).map { index in
            SearchDocument(kind: .guidance, title: "T", path: "p\(index)", excerpt: "",
                           fields: [(.title, texts[index]), (.body, texts[index + 1]), (.alias, index % 7 == 0 ? texts[0] : "")])
        }
        var expected: [String: [Int]] = [:]
        var previous: [String: Int] = [:]
        for (number, document) in documents.enumerated() {
            var fields: [String: Int] = [:]
            for (field, text) in document.fields {
                for term in SearchText.terms(text) { fields[term.text, default: 0] |= field.rawValue }
            }
            for (term, bits) in fields {
                expected[term, default: []].append((number - (previous[term] ?? 0)) << 4 | bits)
                previous[term] = number
            }
        }
        let postings = SearchPostings(documents)
        #expect(documents.count > 600, "more than two blocks")
        #expect(postings.terms == expected.keys.sorted())
        #expect(postings.postings == postings.terms.map { expected[$0] ?? [] })
    }

    @Test func asciiWhitespaceCollapsesAsCharacterWhitespaceDoes() {
        for text in ["", " ", "a", "  a  b\t\tc\n", "\r\nx\r\n\r\ny\u{0B}\u{0C}z ", "a\u{1F}b\u{1C} c", "Entity on List. Also known as X; Y."] {
            #expect(SearchDocument.collapsingWhitespace(text) == text.split(whereSeparator: \.isWhitespace).joined(separator: " "), "\(text.debugDescription)")
        }
    }

    @Test func controlCodesStayWholeTermsAndOtherDottedTextSplits() {
        #expect(SearchText.terms("5A002.a.1").map(\.isCode) == [true])
        #expect(SearchText.terms("within 5A002.a.1.b.").map(\.text) == ["within", "5a002.a.1.b"])
        #expect(SearchText.terms("5A002.abc").map(\.text) == ["5a002", "abc"])
        #expect(SearchText.terms("5A002.a1").map(\.text) == ["5a002", "a1"])
        #expect(!SearchText.isControlCode("5a02"))
        #expect(SearchText.isControlCode("0e001.12.ab"))
    }

    @Test func anArticleIsCutIntoItsIntroAndOneSectionPerHeading() {
        let text = "Intro line.\nMore intro.\nRed flags\nCash payment.\nOdd routing\nVia a third country.\nRed flags"
        #expect(SearchDocuments.sections(text, headings: ["Red flags", "Odd routing"])
            == ["Intro line. More intro.", "Cash payment.", "Via a third country. Red flags"])
        // A heading whose line is not found still gets its (empty) section, so headings and sections pair up.
        #expect(SearchDocuments.sections("Only text", headings: ["Missing"]) == ["Only text", ""])
    }

    /// ASCII text is cut into sections on its bytes; any other text on Characters. Both must agree.
    @Test func sectionsOnBytesMatchSectionsOnCharacters() {
        var random = SplitMix(seed: 15)
        for text in Self.generatedTexts(count: 400, pieces: 40, seed: 7) {
            let lines = text.split(separator: "\n").map(String.init)
            let headings = lines.isEmpty ? ["Missing"] : lines.filter { _ in random.next() % 3 == 0 } + ["Missing"]
            let sections = SearchDocuments.sections(text, headings: headings)
            #expect(sections == SearchDocuments.characterSections(text, headings: headings), "\(text.debugDescription)")
            #expect(sections.count == headings.count + 1)
        }
    }

    /// An excerpt collapses only as much text as it can keep, and is the same as from the whole.
    @Test func excerptsFromTheStartOfATextEqualExcerptsFromTheWhole() {
        let x280 = String(repeating: "x", count: 280)
        // A combining accent joins the letter before it: after the cut it must change nothing, before it everything.
        let edges = [String(repeating: "word ", count: 56), x280, x280 + "y", x280 + "\u{301}", x280 + "y\u{301}", x280 + " y\u{301}",
                     "a\u{301} " + x280, String(x280.dropLast(2)) + " \u{301}yz", String(repeating: "ab\r\n", count: 100)]
        for text in Self.generatedTexts(count: 300, pieces: 120, seed: 9) + edges {
            let whole = SearchDocument.cut(SearchDocument.collapsingWhitespace(text))
            #expect(SearchDocument(kind: .term, title: "T", path: "p", excerpt: text, fields: []).excerpt == whole, "\(text.debugDescription)")
        }
    }

    @Test func excerptsAreCutAtAWordBoundary() {
        let long = Array(repeating: "licence", count: 60).joined(separator: "  \n ")
        let document = SearchDocument(kind: .term, title: "T", path: "p.html", excerpt: long, fields: [])
        #expect(document.excerpt.count <= SearchDocument.excerptLength + 1)
        #expect(document.excerpt.hasSuffix("licence…"))
        #expect(!document.excerpt.contains("  ") && !document.excerpt.contains("\n"))
    }

    @Test func documentsCoverEveryPublicKindWithPathsAndFields() throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(site.build().succeeded)
        let index = try PublishedIndex(site.root.appendingPathComponent("Output"))
        // Typing the code finds the sub-item, by its code field, before anything that mentions it.
        let subItem = try #require(index.documents(for: "5a002.a").first { $0.path.hasSuffix("#5A002.a") })
        #expect(subItem.kind == "entry" && subItem.title == "5A002.a Confidentiality items")
        #expect(index.fields(of: "5a002.a", in: subItem.number) & SearchDocument.Field.code.rawValue != 0)
        #expect(index.documents(for: "5a002").map(\.path) == ["controls/demo-list/5A002.html"])
        // A synonym finds its term; a stemmed body word finds the article; headings are their own results.
        #expect(index.documents(for: "control").contains { $0.kind == "term" && $0.path == "glossary.html#catch-all" })
        let flags = index.documents(for: "flag")
        #expect(flags.contains { $0.path == "guidance/end-use-checks.html#red-flags" && $0.title == "End-use checks › Red flags" })
        #expect(index.documents(for: "quot").contains { $0.path == "guidance/end-use-checks.html" && $0.kind == "guidance" })
        #expect(index.documents(for: "basic").contains { $0.kind == "module" })
        #expect(Set(index.kinds.values).isSuperset(of: ["guidance", "entry", "term", "module", "lesson"]))
        // Drafts are not published, so they are not searchable either.
        #expect(index.documents(for: "unfinish").isEmpty)
    }

    @Test func exporterProfilesNeverReachTheIndex() throws {
        let canary = """
        -- Content/exporters/canary.yml --
        name: Quokkavian Canary Instruments GmbH
        country: DE
        contact: Zorblefitz export office
        products:
          - id: widget
            name: Wobbletronic flux widget
            description: Glimmerstone resonators.
            classification: listed
            codes: [5A002.a.1]
        destinations: [US]
        parties:
          - name: Frobnitzian Trading LLC
            country: AE
            role: intermediary
        """
        let site = try FixtureSite(SmallSite.files + "\n" + canary)
        #expect(site.build().succeeded)
        let secrets = ["Quokkavian", "Zorblefitz", "Wobbletronic", "Glimmerstone", "Frobnitzian", "Acme Secret", "Hyperion", "Zephyr"]
        let search = site.root.appendingPathComponent("Output/search")
        let files = try FileManager.default.subpathsOfDirectory(atPath: search.path).filter { $0.hasSuffix(".json") }
        #expect(files.count >= 3)
        for file in files {
            let text = try String(contentsOf: search.appendingPathComponent(file), encoding: .utf8)
            for secret in secrets {
                // Both as written and as an index term (lower case, stemmed).
                let forms = [secret] + SearchText.terms(secret).map(\.text)
                for form in forms { #expect(!text.contains(form), "search/\(file) contains exporter data '\(form)'") }
            }
        }
        // The canary is real: the same words are searchable once they are public.
        try site.write("Content/glossary.yml", """
        terms:
          - term: Quokkavian widget
            definition: A canary.
        """)
        #expect(site.build().succeeded)
        #expect(!(try PublishedIndex(site.root.appendingPathComponent("Output")).documents(for: "quokkavian")).isEmpty)
    }

    @Test func sameInputGivesByteIdenticalIndexFiles() throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(site.build(output: "A").succeeded)
        #expect(site.build(output: "B").succeeded)
        let first = site.snapshot("A").filter { $0.key.hasPrefix("search/") }
        #expect(first.count >= 3)
        #expect(first == site.snapshot("B").filter { $0.key.hasPrefix("search/") })
    }

    @Test func everyPageNamesTheManifestRelativeToItsOwnFolder() throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(site.build(baseURL: "https://example.org/compliance/").succeeded)
        let pages = try PortalFiles(site.root.appendingPathComponent("Output"))
        let manifests = Set(try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent("Output/search").path)
            .filter { $0.hasPrefix("index.") })
        #expect(manifests.count == 1)
        let manifest = try #require(manifests.first)
        #expect(!pages.html.isEmpty)
        for (path, html) in pages.html where path != "404.html" {
            let root = PortalPaths.root(from: path)
            #expect(html.contains(#"data-index="\#(root)search/\#(manifest)" data-root="\#(root)""#), "\(path)")
        }
        // The 404 page is served from any depth, so it uses the base URL's path.
        #expect(pages.html["404.html"]?.contains(#"data-index="/compliance/search/\#(manifest)""#) == true)
    }

    @Test func termsInEveryScriptLandInExactlyOneShard() {
        // Hangul decomposes into jamo and Arabic keeps its vowel marks, so sorted order and prefixes disagree.
        let names = ["한국무역", "한국", "하나", "محمد", "مُحَمَّد", "Мухаммед", "Muhammad", "ﬁnance", "Ёлка", "елка"]
        let terms = Set(names.flatMap { SearchText.terms($0).map(\.text) })
        let postings = SearchPostings(terms: terms.sorted(), postings: Array(repeating: [1], count: terms.count))
        let shards = SearchIndex.shardTerms(postings, limit: 1).map { key, members in (key, members.map { postings.terms[$0] }) }
        #expect(Set(shards.map(\.0)).count == shards.count, "shard keys must be unique: \(shards.map(\.0))")
        #expect(shards.flatMap(\.1).sorted() == terms.sorted())
        for (key, members) in shards { #expect(members.allSatisfy { $0.hasPrefix(key) || $0.unicodeScalars.starts(with: key.unicodeScalars) }) }
    }

    @Test func bigShardsSplitOnLongerKeysAndEveryTermIsFoundUnderItsKey() {
        let words = (0..<600).map { "exp\(String(UnicodeScalar(UInt8(97 + $0 % 26))))\($0)word" } + ["ex", "exp", "other"]
        let documents = words.enumerated().map { index, word in
            SearchDocument(kind: .guidance, title: word, path: "p\(index).html", excerpt: "", fields: [(.title, word)])
        }
        let index = SearchIndex(documents: documents, shardLimit: 2048, chunkSize: 16)
        let files = Dictionary(uniqueKeysWithValues: index.files.map { ($0.path, $0.data) })
        let manifest = try! JSONSerialization.jsonObject(with: files[SearchIndex.manifestPath]!) as! [String: Any]
        let shards = manifest["shards"] as! [String: String]
        #expect(shards.keys.contains("ex") && shards.keys.contains("exp") && shards.keys.contains("expa"))
        #expect(shards.keys.allSatisfy { $0.count <= SearchIndex.maxKeyLength })
        #expect((manifest["docs"] as! [String]).count == (words.count + 15) / 16)
        for word in words.map({ SearchText.terms($0)[0].text }) {
            // search.js reads every shard whose key is a prefix of the term.
            let holders = shards.filter { word.hasPrefix($0.key) }.filter { key, file in
                let shard = try! JSONSerialization.jsonObject(with: files["search/s/\(file).json"]!) as! [String: Any]
                return shard[word] != nil
            }
            #expect(holders.count == 1, "\(word) is in \(holders.count) shards")
        }
    }
}

/// The published index read back the way search.js reads it.
struct PublishedIndex {
    struct Document {
        let number: Int
        let kind: String
        let title: String
        let path: String
    }

    let kinds: [Int: String]
    private let postings: [String: [(document: Int, fields: Int)]]
    private let rows: [[Any]]

    init(_ output: URL) throws {
        let folder = output.appendingPathComponent("search")
        let manifestName = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix("index.") })
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(manifestName))) as? [String: Any])
        let kindNames = try #require(manifest["kinds"] as? [String])
        kinds = Dictionary(uniqueKeysWithValues: kindNames.enumerated().map { ($0, $1) })
        var postings: [String: [(Int, Int)]] = [:]
        for file in try #require(manifest["shards"] as? [String: String]).values {
            let shard = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("s/\(file).json"))) as? [String: [Int]])
            for (term, packed) in shard {
                var document = 0
                postings[term] = packed.map { value in
                    document += value >> 4
                    return (document, value & 15)
                }
            }
        }
        self.postings = postings
        var rows: [[Any]] = []
        for file in try #require(manifest["docs"] as? [String]) {
            rows += try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("d/\(file).json"))) as? [[Any]])
        }
        self.rows = rows
    }

    func documents(for term: String) -> [Document] {
        (postings[term] ?? []).map { posting in
            let row = rows[posting.document]
            return Document(number: posting.document, kind: kinds[row[0] as? Int ?? -1] ?? "?", title: row[1] as? String ?? "",
                            path: row[2] as? String ?? "")
        }
    }

    func fields(of term: String, in document: Int) -> Int {
        postings[term]?.first { $0.document == document }?.fields ?? 0
    }
}
