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
        #expect(PartyBodyHTML.isStock(templates.text(of: "party-body")))
        #expect(!PartyBodyHTML.isStock(PartyBodyHTML.template.replacingOccurrences(of: "Type", with: "Kind")))
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
