import ExportalDomain
import Foundation

/// Loads `controls/<id>/list.yml` and the entry files beside it.
struct ControlListLoader {
    let folder: ContentFolder
    let id: String
    let report: DiagnosticSink

    static let itemFields = ["code", "title", "reasons", "regimes", "annex_iv", "chart_columns", "requirements", "description",
                             "notes", "technical_notes", "items"]

    func load() -> ControlList? {
        let base = "controls/\(id)"
        guard folder.exists("\(base)/list.yml") else {
            report.error(SourceLocation(file: folder.display("\(base)/list.yml"), line: 1, column: 1),
                         "control list '\(id)' has no list.yml")
            report.dropped(.controls)
            return nil
        }
        guard let file = folder.read("\(base)/list.yml", report: report),
              let root = YAMLDocument.parse(file.text, file: file.path, report: report),
              let map = root.mapping("list.yml", fields: ["id", "title", "authority", "version", "effective",
                                                         "source", "description", "history"]) else {
            report.dropped(.controls)
            return nil
        }
        if let idValue = map.required("id"), let given = idValue.string("'id'"), given != id {
            report.error(idValue.location, "list id '\(given)' does not match its folder name '\(id)'")
        }
        let title = map.requiredString("title")
        let authority = map.requiredString("authority")
        let version = map.requiredString("version")
        let effective = map.required("effective")?.date("'effective'")
        let source = map.required("source")?.url("'source'")
        let description = map["description"]?.markdown("'description'")
        let entries = loadEntries(in: base, besideHistory: true)
        let history = history(in: map, version: version, effective: effective, base: base)
        let versions = history.map { ($0.version, $0.entries.snapshots) }
            + [(ListVersion(version: version ?? "", date: effective ?? ""), entries.snapshots)]
        // A list missing a field is still kept, its entries with it, so that a missing 'version' is one
        // error and not one more for every reference to its codes. The build fails on the error anyway.
        return ControlList(id: id, title: title ?? id, authority: authority ?? "", version: version ?? "", effective: effective ?? "",
                           source: source ?? "", description: description, entries: entries, location: map.location,
                           history: history, changes: ListHistory(versions: versions, matching: .controlCode))
    }

    /// The entries in every `.yml` file of a folder, sorted by code. The list folder itself also holds
    /// list.yml and the `history/` folder of earlier versions.
    private func loadEntries(in relative: String, besideHistory: Bool) -> [ControlItem] {
        var entries: [ControlItem] = []
        var seen: [ControlCode: SourceLocation] = [:]
        for name in folder.list(relative) {
            let path = "\(relative)/\(name)"
            if besideHistory, name == "list.yml" || (name == "history" && folder.isDirectory(path)) { continue }
            guard name.hasSuffix(".yml") else {
                report.error(SourceLocation(file: folder.display(path), line: 1, column: 1),
                             "only YAML entry files (.yml) belong in a control list folder")
                continue
            }
            guard let entryFile = folder.read(path, report: report),
                  let entryRoot = YAMLDocument.parse(entryFile.text, file: entryFile.path, report: report),
                  let entryMap = entryRoot.mapping("an entry file", fields: ["entries"]),
                  let items = entryMap.required("entries")?.sequence("'entries'") else {
                report.dropped(.controls)
                continue
            }
            for item in items {
                if let entry = loadItem(item, parent: nil, seen: &seen) { entries.append(entry) }
            }
        }
        return entries.sorted { $0.code < $1.code }
    }

    /// The earlier versions in list.yml's `history:`, oldest first, each read from its folder
    /// `history/<name>/`. None when one could not be read or they are out of order: those errors fail
    /// the build, and a change set would be wrong. A folder in `history/` that no version names is an
    /// error too: it is most likely a version whose item was left out.
    private func history(in map: YAMLMapping, version: String?, effective: String?, base: String) -> [ControlListVersion] {
        let errors = report.report.errorCount
        let items = ListHistoryItems(of: map, fields: ["version", "effective", "folder"], dateField: "effective",
                                     version: version, date: effective, report: report)
        var named: Set<String> = []
        let versions = items.items.compactMap { item -> ControlListVersion? in
            guard let value = item.map.required("folder"), let path = value.string("'folder'") else { return nil }
            let name = path.hasPrefix("history/") ? String(path.dropFirst("history/".count)) : ""
            guard Slug.isValid(name) else {
                report.error(value.location, "'folder' must be history/<name> in the list folder, found '\(path)'",
                             hint: "name the folder with lowercase letters, digits and hyphens, e.g. history/2024")
                return nil
            }
            guard folder.isDirectory("\(base)/\(path)") else {
                report.error(value.location, "history folder '\(path)' not found in \(folder.display(base))/")
                return nil
            }
            named.insert(name)
            return ControlListVersion(version: item.version, entries: loadEntries(in: "\(base)/\(path)", besideHistory: false),
                                      location: item.map.location)
        }
        if folder.isDirectory("\(base)/history") {
            for name in folder.list("\(base)/history") where !named.contains(name) {
                report.error(SourceLocation(file: folder.display("\(base)/history/\(name)"), line: 1, column: 1),
                             "'history/\(name)' is not the folder of any version in list.yml's 'history'",
                             hint: "add a version with folder: history/\(name) to 'history', or remove it")
            }
        }
        return items.ordered && report.report.errorCount == errors ? versions : []
    }

    private func loadItem(_ value: YAMLValue, parent: ControlItem.Inherited?, seen: inout [ControlCode: SourceLocation]) -> ControlItem? {
        let what = parent == nil ? "an entry" : "a sub-item"
        guard let map = value.mapping(what, fields: Self.itemFields) else { return nil }
        var code: ControlCode?
        if let codeValue = map.required("code"), let text = codeValue.string("'code'") {
            if let parsed = ControlCode(text) {
                if let parent, !parsed.isChild(of: parent.code) {
                    report.error(codeValue.location, "sub-item code '\(text)' does not extend its parent '\(parent.code)'",
                                 hint: "a sub-item's code is its parent's code plus one segment, e.g. \(parent.code).a")
                } else if parent == nil, !parsed.isEntry {
                    report.error(codeValue.location, "'\(text)' is a sub-item code; list it under 'items' of \(parsed.entryCode)")
                } else if let first = seen[parsed] {
                    report.error(codeValue.location, "duplicate control code '\(text)'", hint: "first defined at \(first)")
                } else {
                    seen[parsed] = codeValue.location
                    code = parsed
                }
            } else {
                report.error(codeValue.location, "'\(text)' is not a valid control code",
                             hint: "expected a category digit, a product group A-E and three digits, then sub-items such as 5A002.a.1")
            }
        }
        let codeProblem = code == nil ? report.lastError : nil
        let title = map.requiredString("title")
        let reasons: [ReasonForControl]? = parent == nil
            ? map.required("reasons").flatMap { vocabulary($0, "'reasons'", ReasonForControl.self, nonEmpty: true) }
            : map["reasons"].flatMap { vocabulary($0, "'reasons'", ReasonForControl.self, nonEmpty: true) } ?? parent?.reasons
        let regimes: [ControlRegime]? = parent == nil
            ? map.required("regimes").flatMap { vocabulary($0, "'regimes'", ControlRegime.self, nonEmpty: false) }
            : map["regimes"].flatMap { vocabulary($0, "'regimes'", ControlRegime.self, nonEmpty: false) } ?? parent?.regimes
        let annexIV = map.optionalBool("annex_iv", default: parent?.annexIV ?? false)
        let chartColumns = map["chart_columns"].flatMap { chartColumnList($0) } ?? parent?.chartColumns ?? []
        let requirements = map["requirements"]?.strings("'requirements'")?.map(\.0) ?? parent?.requirements ?? []
        let description = map["description"]?.markdown("'description'")
        let notes = markdownList(map["notes"], "'notes'")
        let technicalNotes = markdownList(map["technical_notes"], "'technical_notes'")

        // An entry whose code is sound is kept whatever else is wrong with it (those errors fail the build), so
        // references to it are not reported as well; one whose code is not is dropped, and they follow from that.
        guard let code else {
            if let codeProblem { report.markDropped(.controls, at: codeProblem) }
            return nil
        }
        let inherited = ControlItem.Inherited(code: code, reasons: reasons ?? [], regimes: regimes ?? [], annexIV: annexIV,
                                              chartColumns: chartColumns, requirements: requirements)
        let children = (map["items"]?.sequence("'items'") ?? []).compactMap { loadItem($0, parent: inherited, seen: &seen) }
        return ControlItem(code: code, title: title ?? code.description, reasons: reasons ?? [], regimes: regimes ?? [], annexIV: annexIV,
                           chartColumns: chartColumns, requirements: requirements, description: description, notes: notes, technicalNotes: technicalNotes,
                           items: children.sorted { $0.code < $1.code }, location: map.location)
    }

    /// Country Chart columns such as `NS1`: two capital letters and a digit.
    private func chartColumnList(_ value: YAMLValue) -> [String]? {
        guard let items = value.strings("'chart_columns'") else { return nil }
        var result: [String] = []
        for (text, location) in items {
            let scalars = Array(text.unicodeScalars)
            guard scalars.count == 3, scalars[0...1].allSatisfy({ ("A"..."Z").contains($0) }), scalars[2].properties.numericType != nil else {
                report.error(location, "'\(text)' is not a Country Chart column", hint: "columns are written like NS1, AT1, CB2")
                continue
            }
            if !result.contains(text) { result.append(text) }
        }
        return result
    }

    private func markdownList(_ value: YAMLValue?, _ what: String) -> [MarkdownSource] {
        value?.sequence(what)?.compactMap { $0.markdown("each of \(what)") } ?? []
    }

    private func vocabulary<T: RawRepresentable & CaseIterable & Comparable>(
        _ value: YAMLValue, _ what: String, _ type: T.Type, nonEmpty: Bool
    ) -> [T]? where T.RawValue == String {
        guard let items = value.sequence(what) else { return nil }
        if nonEmpty && items.isEmpty {
            report.error(value.location, "\(what) must name at least one reason for control")
            return nil
        }
        var result: [T] = []
        var ok = true
        for item in items {
            guard let text = item.string("each of \(what)") else { ok = false; continue }
            guard let known = T(rawValue: text) else {
                let names = T.allCases.map(\.rawValue)
                report.error(item.location, "unknown \(what == "'reasons'" ? "reason for control" : "regime") '\(text)'",
                             hint: Suggestions.hint(for: text, in: names) ?? "known: " + names.joined(separator: ", "))
                ok = false
                continue
            }
            if !result.contains(known) { result.append(known) }
        }
        return ok ? result.sorted() : nil
    }
}

extension ControlItem {
    /// What a sub-item inherits from its parent.
    struct Inherited {
        let code: ControlCode
        let reasons: [ReasonForControl]
        let regimes: [ControlRegime]
        let annexIV: Bool
        let chartColumns: [String]
        let requirements: [String]
    }
}
