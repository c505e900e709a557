import ExportalDomain
import Foundation

/// Screening against the content's restricted-party lists, shared by `exportal screen` and the
/// checklists: one index over every selected list, and links to the portal's party pages.
struct PartyScreening: Sendable {
    let lists: [PartyList]
    let index: ScreeningIndex
    /// Page path of each (list id, record id) in the portal.
    private let pages: [String: String]

    init(lists: [PartyList]) {
        self.lists = lists
        index = ScreeningIndex(lists.flatMap { list in list.records.map { (listID: list.id, record: $0) } })
        var pages: [String: String] = [:]
        for list in lists {
            for (record, slug) in zip(list.records, PartyPages.slugs(list)) {
                pages["\(list.id)\u{0}\(record.id)"] = PartyPages.path(list: list.id, slug: slug)
            }
        }
        self.pages = pages
    }

    func page(_ match: ScreeningMatch) -> String? { page(list: match.listID, record: match.recordID) }

    /// The page of a record of the current version of a list.
    func page(list: String, record: String) -> String? { pages["\(list)\u{0}\(record)"] }

    func title(ofList id: String) -> String { lists.first { $0.id == id }?.title ?? id }

    func screen(_ query: ScreeningQuery, threshold: Double, limit: Int) -> [ScreeningMatch] {
        ScreeningIndex.Searcher(index).screen(query, threshold: threshold, limit: limit)
    }

    /// Screens many queries with one searcher, which allocates index-sized buffers once and keeps
    /// its word cache across queries.
    func screen(_ queries: [ScreeningQuery], threshold: Double, limit: Int) -> [[ScreeningMatch]] {
        ScreeningIndex.Searcher(index).screen(queries, threshold: threshold, limit: limit)
    }
}

/// `exportal screen`: names against the restricted-party lists of a content folder.
public struct ScreenRequest: Sendable {
    public var content: String
    public var lists: [String]
    public var names: [String]
    /// A CSV file of names (first column; a header row named `name` is skipped; optional `country` column).
    public var namesFile: String?
    public var country: String?
    public var threshold: Double
    public var format: String
    /// A version of the one list in `lists`: report only matches against entries added or amended
    /// (in a field screening reads) since then.
    public var since: String?

    public init(content: String, lists: [String] = [], names: [String] = [], namesFile: String? = nil, country: String? = nil,
                threshold: Double = ScreeningIndex.defaultThreshold, format: String = "text", since: String? = nil) {
        self.content = content
        self.lists = lists
        self.names = names
        self.namesFile = namesFile
        self.country = country
        self.threshold = threshold
        self.format = format
        self.since = since
    }
}

public enum Screener {
    public static func run(_ request: ScreenRequest) -> DetermineResult {
        let command = CommandRun()
        let report = command.report
        func fail(_ option: String, _ message: String, hint: String? = nil) -> DetermineResult { command.fail(option, message, hint: hint) }
        guard let content = command.load(request.content, display: request.content) else { return command.stop() }
        var lists = content.partyLists.sorted { $0.id < $1.id }
        for id in request.lists where !lists.contains(where: { $0.id == id }) {
            return fail("--list", "unknown party list '\(id)'", hint: Suggestions.hint(for: id, in: lists.map(\.id))
                        ?? "lists: " + lists.map(\.id).joined(separator: ", "))
        }
        if !request.lists.isEmpty { lists = lists.filter { request.lists.contains($0.id) } }
        guard !lists.isEmpty else { return fail("--content", "no restricted-party lists in \(request.content)/parties") }
        guard (0...1).contains(request.threshold) else { return fail("--threshold", "the threshold must be between 0 and 1") }
        var since: ScreeningSince?
        if let version = request.since {
            guard request.lists.count == 1, lists.count == 1 else {
                return fail("--since", "--since needs exactly one --list: each list has its own versions")
            }
            since = ScreeningSince(list: lists[0], version: version)
            guard since != nil else {
                let labels = lists[0].changes.versions.map(\.version)
                return fail("--since", "party list '\(lists[0].id)' has no version '\(version)'",
                            hint: Suggestions.hint(for: version, in: labels) ?? "versions, oldest first: " + labels.joined(separator: ", "))
            }
        }
        if let country = request.country, !CountryCode.isAssigned(country.uppercased()) {
            return fail("--country", "'\(country)' is not an ISO 3166-1 alpha-2 country code")
        }
        var queries = request.names.map { ScreeningQuery(name: $0, country: request.country?.uppercased()) }
        for name in request.names {
            if let overlong = QueryBound.overlong(name) { report.warning(SourceLocation(file: "--name", line: 1, column: 1), overlong) }
        }
        if let file = request.namesFile {
            guard let data = FileManager.default.contents(atPath: file), String(data: data, encoding: .utf8) != nil else {
                return fail("--names", "cannot read '\(file)' as UTF-8 text")
            }
            var problems: [Diagnostic] = []
            queries += namesCSV(PartySource(display: file, bytes: Array(data)), defaultCountry: request.country?.uppercased(),
                                diagnostics: &problems)
            for problem in problems {
                let location = SourceLocation(file: problem.file, line: problem.line, column: problem.column)
                if problem.severity == .error {
                    report.error(location, problem.message, hint: problem.hint)
                } else {
                    report.warning(location, problem.message, hint: problem.hint)
                }
            }
            guard !report.hasErrors else { return command.stop() }
        }
        guard !queries.isEmpty else { return fail("--name", "give --name NAME or --names FILE.csv") }
        let screening = PartyScreening(lists: lists)
        var results = Array(zip(queries, screening.screen(queries, threshold: request.threshold, limit: since == nil ? 10 : .max)))
        if let since { results = results.map { ($0, Array($1.filter { since.change(ofRecord: $0.recordID) != nil }.prefix(10))) } }
        let output: String
        switch request.format {
        case "json": output = json(results, screening: screening, since: since)
        case "csv": output = csv(results, screening: screening, since: since)
        default: output = text(results, screening: screening, threshold: request.threshold, since: since)
        }
        return command.finish(output)
    }

    /// Names from a CSV file (quoted fields allowed): column 1 the name, optional column 2 an ISO
    /// country code; a first row whose first field is `name` is a header.
    static func namesCSV(_ source: PartySource, defaultCountry: String?, diagnostics: inout [Diagnostic]) -> [ScreeningQuery] {
        var queries: [ScreeningQuery] = []
        for (index, row) in DelimitedText.rows(of: source, separator: UInt8(ascii: ","), diagnostics: &diagnostics).enumerated() {
            let fields = row.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = fields.first, !name.isEmpty else { continue }
            if index == 0, name.lowercased() == "name" { continue }
            var country = defaultCountry
            if fields.count > 1, !fields[1].isEmpty {
                let code = fields[1].uppercased()
                guard CountryCode.isAssigned(code) else {
                    diagnostics.append(source.error(line: row.line, column: row.offsets[1] - row.lineStart + 1,
                                                    "'\(fields[1])' is not an ISO 3166-1 alpha-2 country code"))
                    continue
                }
                country = code
            }
            if let overlong = QueryBound.overlong(name) { diagnostics.append(row.warning(source, field: 0, overlong)) }
            queries.append(ScreeningQuery(name: name, country: country))
        }
        return queries
    }

    static func text(_ results: [(ScreeningQuery, [ScreeningMatch])], screening: PartyScreening, threshold: Double,
                     since: ScreeningSince? = nil) -> String {
        var lines = since.map { [$0.heading] } ?? []
        let none = since.map { "no new or amended potential match since \($0.version.version)" } ?? "no potential match"
        for (query, matches) in results {
            lines.append("\(query.name)\(query.country.map { " (\($0))" } ?? ""): "
                         + (matches.isEmpty ? "\(none) at threshold \(format(threshold))" : "\(matches.count) potential match\(matches.count == 1 ? "" : "es")"))
            for match in matches {
                lines.append("  \(format(match.score))  \(match.name)  [\(screening.title(ofList: match.listID)), entry \(match.recordID)]"
                             + (since?.note(ofRecord: match.recordID) ?? ""))
                lines.append("        " + match.features.joined(separator: "; "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ results: [(ScreeningQuery, [ScreeningMatch])], screening: PartyScreening, since: ScreeningSince? = nil) -> String {
        let object = results.map { query, matches -> [String: Any] in
            ["query": query.name, "country": query.country ?? NSNull(),
             "matches": matches.map { match -> [String: Any] in
                 var object: [String: Any] = ["score": (match.score * 1000).rounded() / 1000, "name": match.name, "list": match.listID,
                                              "entry": match.recordID, "page": screening.page(match) ?? NSNull(), "explanation": match.features]
                 if let since { object["since"] = since.jsonObject(ofRecord: match.recordID) }
                 return object
             }]
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func csv(_ results: [(ScreeningQuery, [ScreeningMatch])], screening: PartyScreening, since: ScreeningSince? = nil) -> String {
        let extra = { (id: String?) in since?.csvCells(ofRecord: id) ?? "" }
        var lines = [ScreenCSV.header + (since == nil ? "" : ScreeningSince.csvHeader)]
        for (query, matches) in results {
            if matches.isEmpty { lines.append(ScreenCSV.row(query: query.name, country: query.country) + extra(nil)) }
            for match in matches {
                lines.append(ScreenCSV.row(query: query.name, country: query.country, score: format(match.score), matchedName: match.name,
                                           list: match.listID, entry: match.recordID, explanation: match.features.joined(separator: "; "))
                             + extra(match.recordID))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func format(_ score: Double) -> String { String(format: "%.3f", score) }
}

/// The default screening threshold, for command-line defaults.
public enum ScreeningIndexDefaults {
    public static let threshold = ScreeningIndex.defaultThreshold
}
