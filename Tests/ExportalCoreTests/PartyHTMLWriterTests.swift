@testable import ExportalCore
import ExportalDomain
import Foundation
import Testing

/// The party body written without Mustache must be the stock template's output, byte for byte,
/// and must be used only while the site's template is the stock one.
@Suite struct PartyBodyHTMLTests {
    static let everyField = PartyRecord(
        id: "SDN-36", primaryName: "AEROCARIBBEAN AIRLINES", type: .entity,
        aliases: [.init(name: "AERO-CARIBBEAN"), .init(name: "A.C. Air", strength: .weak)],
        addresses: [.init(text: "Havana", country: "CU"), .init(text: "Box 12, Port Louis", country: nil, countryName: "Atlantis"),
                    .init(text: "Somewhere", country: nil)],
        countries: ["CU", "MU"], birthDates: ["1960", "1961-02"],
        identifiers: [.init(kind: "IMO", value: "9000001", country: "PA"), .init(kind: "Passport", value: "A1")],
        programmes: ["CUBA", "SDGT"], listedOn: "2019-01-01", remarks: "Line one\nline two; a.k.a. 'AC'.",
        sourceURL: "https://example.org/list?a=1&b=2")

    static let records: [PartyRecord] = [
        everyField,
        PartyRecord(id: "X", primaryName: "Plain Name", type: .individual),
        PartyRecord(id: "E-1", primaryName: "", type: .unknown, aliases: [.init(name: "")], addresses: [.init(text: "", country: "")],
                    countries: [""], birthDates: [""], identifiers: [.init(kind: "", value: "", country: "")], programmes: [""],
                    listedOn: "", remarks: "", sourceURL: ""),
        PartyRecord(id: "<id>&\"'", primaryName: "O'Brien & Sons <Holdings> \"Ltd\"", type: .vessel,
                    aliases: [.init(name: "R&D <lab>", strength: .weak)], addresses: [.init(text: "1 \"Main\" St & Co", country: "GB")],
                    identifiers: [.init(kind: "<kind>", value: "a&b", country: "'x'")], programmes: ["<P>"], listedOn: "2020-02-02",
                    remarks: "{{not a tag}} & <b>bold</b>", sourceURL: "https://e.org/?q=\"x\"&y='z'"),
        PartyRecord(id: "QDi.001", primaryName: "Владимир Путин", type: .individual,
                    aliases: [.init(name: "김정은"), .init(name: "محمد علي", strength: .weak), .init(name: "Ünïcödé — 東京")],
                    addresses: [.init(text: "ул. Ленина, 1", country: "RU")], countries: ["RU"], remarks: "备注 · note"),
        PartyRecord(id: "A", primaryName: "Aircraft", type: .aircraft, identifiers: [.init(kind: "Tail", value: "N1")]),
    ]

    static func list(source: String?) -> PartyList {
        PartyList(id: "watch", title: "Watch <list> & \"co\" 'x'", authority: "A", version: "1", date: "2026-01-01",
                  source: source, format: "native", records: records,
                  location: SourceLocation(file: "Content/parties/watch/list.yml", line: 1, column: 1))
    }

    static func stockTemplates() throws -> TemplateSet {
        let folder = ContentFolder(url: FixtureSite.repository.appendingPathComponent("Templates"), displayPath: "Templates")
        return try #require(TemplateSet.load(from: folder, assets: nil, report: DiagnosticSink()))
    }

    @Test func theWrittenTemplateIsTheShippedOne() throws {
        let templates = try Self.stockTemplates()
        let stock = try #require(templates.text(of: "party-body"))
        #expect(PartyBodyHTML.isStock(stock))
        #expect(!PartyBodyHTML.isStock(stock.replacingOccurrences(of: "Type", with: "Kind")))
        #expect(!PartyBodyHTML.isStock(nil))
    }

    @Test(arguments: [nil, "https://list.example/<src>&x"])
    func writesExactlyWhatMustacheRenders(source: String?) throws {
        let templates = try Self.stockTemplates()
        let list = Self.list(source: source)
        for record in list.records {
            for root in ["../../", ""] {
                var values = PartyPages.values(of: record, in: list)
                values["root"] = root
                let mustache = templates.render(values, template: "party-body")
                let direct = PartyBodyHTML.render(record, in: list, root: root)
                #expect(Array(direct.utf8) == Array(mustache.utf8), "record \(record.id), root '\(root)'")
            }
        }
    }

    /// An address or identifier without a country reads as it is, with no empty "()" after it.
    @Test func aMissingCountryLeavesNoEmptyBrackets() {
        let html = PartyBodyHTML.render(Self.everyField, in: Self.list(source: nil), root: "")
        #expect(html.contains("<li>Havana (CU)</li>") && html.contains("<li>Box 12, Port Louis (Atlantis)</li>"))
        #expect(html.contains("<li>Somewhere</li>") && html.contains("<li>Passport: A1</li>"))
        #expect(!html.contains("()"))
    }

    /// A site that changes `party-body` gets its own template: the direct writer is for the stock one only.
    @Test func aCustomisedBodyTemplateIsRenderedByMustache() throws {
        let site = try FixtureSite(ScreeningSite.files)
        let body = try site.read("Templates/party-body.mustache")
        try site.write("Templates/party-body.mustache", body.replacingOccurrences(of: "<dt>Type</dt>", with: "<dt>Kind of party</dt>"))
        #expect(site.build().succeeded)
        let page = try site.read("Output/parties/watch/w-1.html")
        #expect(page.contains("<dt>Kind of party</dt><dd>entity</dd>") && !page.contains("<dt>Type</dt>"))
    }
}

/// Letter-page rows written without Mustache must be the stock template's, byte for byte.
@Suite struct PartyLetterHTMLTests {
    static let rows: [PartyLetterHTML.Row] = [
        .init(name: "AEROCARIBBEAN AIRLINES", type: "entity", path: "parties/watch/sdn-36.html", programmes: "CUBA, SDGT"),
        .init(name: "O'Brien & Sons <Holdings> \"Ltd\"", type: "vessel", path: "parties/watch/a&b.html", programmes: "<P>"),
        .init(name: "Владимир Путин", type: "individual", path: "parties/watch/qdi-001.html", programmes: ""),
        .init(name: "김정은 · محمد علي", type: "unknown", path: "", programmes: "DPRK"),
        .init(name: "", type: "", path: "", programmes: ""),
    ]

    @Test func theWrittenTemplateIsTheShippedOne() throws {
        let stock = try #require(try PartyBodyHTMLTests.stockTemplates().text(of: "party-letter"))
        #expect(PartyLetterHTML.isStock(stock))
        #expect(!PartyLetterHTML.isStock(stock + " "))
    }

    /// A party with no programmes shows its type alone, with no dangling separator.
    @Test func noProgrammesNoSeparator() {
        #expect(PartyLetterHTML.row(Self.rows[2], root: "") == "<li><a href=\"parties/watch/qdi-001.html\">Владимир Путин</a> <span class=\"muted\">individual</span></li>")
    }

    @Test(arguments: [[], Array(rows.prefix(1)), rows])
    func writesTheRowsMustacheRenders(rows: [PartyLetterHTML.Row]) throws {
        let templates = try PartyBodyHTMLTests.stockTemplates()
        var context: [String: Any] = ["root": "../../", "list": ["title": "Watch <list> & 'co'"], "letter": "A",
                                      "page": ["title": "Watch: A"], "site": ["title": "Portal"]]
        let written = PartyLetterHTML.page(rows, root: "../../") { entries in
            context["entries"] = entries
            return templates.render(context, template: "party-letter")
        }
        context["entries"] = rows.map(\.values)
        let mustache = templates.render(context, template: "party-letter")
        #expect(written.map { Array($0.utf8) } == Array(mustache.utf8))
    }

    /// A customised letter template (here only a comment line more, which renders nothing) goes
    /// through Mustache, and gives the same page.
    @Test func aCustomisedLetterTemplateIsRenderedByMustacheAndAgrees() throws {
        let stock = try FixtureSite(ScreeningSite.files)
        let custom = try FixtureSite(ScreeningSite.files)
        try custom.write("Templates/party-letter.mustache", "{{! customised }}\n" + custom.read("Templates/party-letter.mustache"))
        #expect(stock.build().succeeded && custom.build().succeeded)
        let a = stock.snapshot("Output").filter { $0.key.contains("/letter-") }
        let b = custom.snapshot("Output").filter { $0.key.contains("/letter-") }
        #expect(!a.isEmpty && a == b)
    }
}
