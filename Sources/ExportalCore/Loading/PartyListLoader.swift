import ExportalDomain
import Foundation

/// A restricted-party list declared in `parties/<list-id>/list.yml`.
struct PartyList: Sendable {
    let id: String
    let title: String
    let authority: String
    let version: String
    let date: String
    let source: String?
    /// `native` for entries written in list.yml, else the official format read from `files`.
    let format: String
    let records: [PartyRecord]
    let location: SourceLocation
    /// list.yml and any official files it reads, for checklist fingerprints.
    var files: [URL] = []
    /// Earlier versions from list.yml's `history:`, oldest first.
    var history: [PartyListVersion] = []
    /// Every version, the current one last, and what changed between each two.
    var changes: ListHistory<PartyRecord>
}

/// An earlier version of a party list, kept beside the current one.
struct PartyListVersion: Sendable {
    let version: ListVersion
    let records: [PartyRecord]
    /// The version's item in list.yml's `history:`.
    let location: SourceLocation
}

/// Reads `parties/<list-id>/list.yml`: the list's metadata and either native entries or an
/// official file in a named format, so a regulator can drop in a newly published file and rebuild.
struct PartyListLoader {
    let folder: ContentFolder
    let report: DiagnosticSink

    static let fields = ["id", "title", "authority", "version", "date", "source", "format", "file", "files", "entries", "history"]
    static let historyFields = ["version", "date", "file", "files", "entries"]
    static let entryFields = ["id", "name", "type", "aliases", "weak_aliases", "countries", "addresses", "birth_dates",
                              "identifiers", "programmes", "listed_on", "remarks", "source"]

    /// Lists are independent, and an official one is megabytes of XML or CSV: they are read on
    /// every core, each reporting to its own sink, merged in folder order.
    func loadAll() -> [PartyList] {
        let names = folder.list("parties")
        let folder = folder
        let loaded = inParallel(names.count) { index -> (PartyList?, DiagnosticReport) in
            let sink = DiagnosticSink()
            let list = PartyListLoader(folder: folder, report: sink).load(folder: names[index])
            if list == nil { sink.dropped(.parties) }
            return (list, sink.report)
        }
        for (_, diagnostics) in loaded { report.add(diagnostics) }
        return loaded.compactMap(\.0)
    }

    private func load(folder name: String) -> PartyList? {
        guard folder.isDirectory("parties/\(name)") else {
            report.error(SourceLocation(file: folder.display("parties/\(name)"), line: 1, column: 1),
                         "a party list is a folder parties/<list-id>/ holding list.yml")
            return nil
        }
        return load(name)
    }

    private func load(_ id: String) -> PartyList? {
        let relative = "parties/\(id)/list.yml"
        guard folder.exists(relative) else {
            report.error(SourceLocation(file: folder.display(relative), line: 1, column: 1), "party list '\(id)' has no list.yml")
            return nil
        }
        guard let file = folder.read(relative, report: report),
              let root = YAMLDocument.parse(file.text, file: file.path, report: report),
              let map = root.mapping("a party list", fields: Self.fields) else { return nil }
        if let value = map["id"], let given = value.slug("'id'"), given != id {
            report.error(value.location, "party list id '\(given)' does not match its folder '\(id)'")
        }
        let title = map.requiredString("title")
        let authority = map.requiredString("authority")
        let version = map.requiredString("version")
        let date = map.required("date")?.date("'date'")
        let format = map["format"]?.string("'format'") ?? "native"
        let known = format == "native" || PartyListFormat(rawValue: format) != nil
        if !known {
            let names = ["native"] + PartyListFormat.allCases.map(\.rawValue)
            report.error(map["format"]?.location ?? map.location, "unknown party list format '\(format)'",
                         hint: Suggestions.hint(for: format, in: names) ?? "use one of: " + names.joined(separator: ", "))
        }
        var files = [folder.url(relative)]
        let records = known ? self.records(format, in: map, listFolder: "parties/\(id)", files: &files) : nil
        let history = history(in: map, format: known ? format : nil, version: version, date: date, listFolder: "parties/\(id)")
        guard let title, let authority, let version, let date, let records else { return nil }
        let versions = history.map { ($0.version, $0.records) } + [(ListVersion(version: version, date: date), records)]
        return PartyList(id: id, title: title, authority: authority, version: version, date: date,
                         source: map["source"]?.url("'source'"), format: format, records: records, location: map.location,
                         files: files, history: history,
                         changes: ListHistory(versions: versions, matching: PartyListFormat(rawValue: format)?.entryMatching ?? .listID))
    }

    /// The earlier versions in list.yml's `history:`, oldest first. None when one of them could not be
    /// read or they are out of order: those errors fail the build, and a change set would be wrong.
    private func history(in map: YAMLMapping, format: String?, version: String?, date: String?, listFolder: String) -> [PartyListVersion] {
        let errors = report.report.errorCount
        let items = ListHistoryItems(of: map, fields: Self.historyFields, dateField: "date", version: version, date: date, report: report)
        let versions = items.items.compactMap { item -> PartyListVersion? in
            guard let format, let records = records(format, in: item.map, listFolder: listFolder) else { return nil }
            return PartyListVersion(version: item.version, records: records, location: item.map.location)
        }
        return items.ordered && report.report.errorCount == errors ? versions : []
    }

    /// The entries of one version: written under `entries` in a native list, else read from the
    /// official file `map` names. `map` is list.yml itself or one of its `history:` items.
    private func records(_ format: String, in map: YAMLMapping, listFolder: String) -> [PartyRecord]? {
        var files: [URL] = []
        return records(format, in: map, listFolder: listFolder, files: &files)
    }

    private func records(_ format: String, in map: YAMLMapping, listFolder: String, files: inout [URL]) -> [PartyRecord]? {
        guard let known = PartyListFormat(rawValue: format) else { return nativeEntries(in: map) }
        guard let records = official(known, map: map, listFolder: listFolder, files: &files) else { return nil }
        checkUniqueIDs(records, map: map)
        return records
    }

    private func nativeEntries(in map: YAMLMapping) -> [PartyRecord] {
        if let extra = map["file"] ?? map["files"] {
            report.error(extra.location, "a native list writes its entries in 'entries'; 'file' needs a 'format'")
        }
        let values = map.required("entries")?.sequence("'entries'") ?? []
        let records = values.compactMap(entry)
        // Said at the second entry's id, where the reader would look for it.
        var first: [String: SourceLocation] = [:]
        for value in values {
            guard case .mapping(let mapping) = value.node, let idNode = mapping["id"], let text = idNode.string else { continue }
            let location = value.child(idNode).location
            if let earlier = first[text] {
                report.error(location, "entry id '\(text)' appears twice in the list", hint: "first used at \(earlier)")
            } else {
                first[text] = location
            }
        }
        return records
    }

    private func checkUniqueIDs(_ records: [PartyRecord], map: YAMLMapping) {
        var seen = Set<String>()
        for record in records where !seen.insert(record.id).inserted {
            report.error(map.location, "entry id '\(record.id)' appears twice in the list")
        }
    }

    /// An entry written in list.yml.
    private func entry(_ value: YAMLValue) -> PartyRecord? {
        guard let map = value.mapping("a party", fields: Self.entryFields) else { return nil }
        let id = map.requiredString("id")
        let name = map.requiredString("name")
        let type = map.required("type").flatMap { value -> PartyRecord.EntityType? in
            guard let text = value.string("'type'") else { return nil }
            let names = PartyRecord.EntityType.allCases.map(\.rawValue).filter { $0 != "unknown" }
            guard let type = PartyRecord.EntityType(rawValue: text), names.contains(text) else {
                report.error(value.location, "unknown party type '\(text)'",
                             hint: Suggestions.hint(for: text, in: names) ?? "use one of: " + names.joined(separator: ", "))
                return nil
            }
            return type
        }
        let aliases = (map["aliases"]?.strings("'aliases'") ?? []).map { PartyRecord.Alias(name: $0.0, strength: .strong) }
            + (map["weak_aliases"]?.strings("'weak_aliases'") ?? []).map { PartyRecord.Alias(name: $0.0, strength: .weak) }
        let countries = map["countries"]?.sequence("'countries'")?.compactMap { $0.countryCode("each country") } ?? []
        let addresses = (map["addresses"]?.sequence("'addresses'") ?? []).compactMap { value -> PartyRecord.Address? in
            guard let address = value.mapping("an address", fields: ["text", "country"]) else { return nil }
            let country = address["country"]?.countryCode("'country'")
            return PartyRecord.Address(text: address.optionalString("text") ?? "", country: country)
        }
        let identifiers = (map["identifiers"]?.sequence("'identifiers'") ?? []).compactMap { value -> PartyRecord.Identifier? in
            guard let identifier = value.mapping("an identifier", fields: ["kind", "value", "country"]),
                  let kind = identifier.requiredString("kind"), let number = identifier.requiredString("value") else { return nil }
            return PartyRecord.Identifier(kind: kind, value: number, country: identifier["country"]?.countryCode("'country'"))
        }
        let birthDates = map["birth_dates"]?.strings("'birth_dates'")?.map(\.0) ?? []
        let programmes = map["programmes"]?.strings("'programmes'")?.map(\.0) ?? []
        let listedOn = map["listed_on"]?.date("'listed_on'")
        guard let id, let name, let type else { return nil }
        return PartyRecord(id: id, primaryName: name, type: type, aliases: aliases, addresses: addresses, countries: countries,
                           birthDates: birthDates, identifiers: identifiers, programmes: programmes, listedOn: listedOn,
                           remarks: map.optionalString("remarks"), sourceURL: map["source"]?.url("'source'"))
    }

    /// An official file (or, for the OFAC legacy set, several) in a named format. Paths are relative
    /// to the list folder; an absolute path reads a file kept outside the content folder.
    private func official(_ known: PartyListFormat, map: YAMLMapping, listFolder: String, files: inout [URL]) -> [PartyRecord]? {
        let format = known.rawValue
        if let entries = map["entries"] {
            report.error(entries.location, "a list in format '\(format)' is read from its file; 'entries' belongs to native lists")
        }
        var roles: [(String, String, SourceLocation)] = []
        if let file = map["file"], let path = file.string("'file'") { roles.append(("main", path, file.location)) }
        for (role, location, value) in map["files"]?.keyedValues("'files'") ?? [] {
            if let path = value.string("the '\(role)' file") { roles.append((role, path, location)) }
        }
        guard !roles.isEmpty else {
            report.error(map.location, "a list in format '\(format)' needs 'file' (or 'files' for the OFAC legacy set)")
            return nil
        }
        var urls: [String: URL] = [:], display: [String: String] = [:]
        for (role, path, location) in roles {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.url("\(listFolder)/\(path)")
            guard FileManager.default.fileExists(atPath: url.path) else {
                report.error(location, "party list file '\(path)' not found")
                return nil
            }
            // A relative path stays inside the content folder; only an absolute one names a file kept elsewhere.
            if !path.hasPrefix("/"), case .success(let real) = InputFile.realPath(url.path), !RealPath.isInside(real, folder.realPath) {
                report.error(location, "party list file '\(path)' leads outside the content folder",
                             hint: "give an absolute path to read a list kept elsewhere")
                return nil
            }
            urls[role] = url
            display[role] = path.hasPrefix("/") ? path : folder.display("\(listFolder)/\(path)")
        }
        files += urls.keys.sorted().compactMap { urls[$0] }
        let result = PartyReaders.read(known, files: urls, display: display)
        for diagnostic in result.diagnostics {
            let location = SourceLocation(file: diagnostic.file, line: diagnostic.line, column: diagnostic.column)
            if diagnostic.severity == .error {
                report.error(location, diagnostic.message, hint: diagnostic.hint)
            } else {
                report.warning(location, diagnostic.message, hint: diagnostic.hint)
            }
        }
        checkSourceURLs(of: result.records, in: display, at: roles.first?.2 ?? map.location)
        return result.records
    }

    /// An official file's own links (a CSL row's `source_information_url`, an EU regulation's
    /// `publicationUrl`) are published like an author's, so they pass the same check. A record
    /// keeps no line of its file, so the error is at the list's `file`.
    private func checkSourceURLs(of records: [PartyRecord], in display: [String: String], at location: SourceLocation) {
        let files = display.keys.sorted().compactMap { display[$0] }.joined(separator: "', '")
        for record in records {
            guard let url = record.sourceURL, let refusal = URLPolicy.refusal(of: url, relative: false) else { continue }
            report.error(location, URLPolicy.message("the source URL of entry '\(record.id)' in '\(files)'", found: url, relative: false),
                         hint: refusal.description)
        }
    }
}
