import ExportalDomain

/// The `history:` of a party or control list.yml: earlier versions, oldest first, each a mapping with
/// `version`, the list's date field (`date` for parties, `effective` for controls) and where that
/// version's entries are. Read here for both kinds of list, so both say the same about their order.
///
///     history:
///       - version: "2025-05"
///         date: 2025-05-02
///         entries: [...]
struct ListHistoryItems {
    struct Item {
        let version: ListVersion
        let map: YAMLMapping
    }

    let items: [Item]
    /// False when a version is written twice or the dates do not increase: no change set is made then.
    let ordered: Bool

    /// - Parameters:
    ///   - list: list.yml's mapping, which declares `history` and `version`.
    ///   - fields: every field an item may have, `version` and `dateField` among them.
    ///   - version, date: the current version's, when list.yml gives them.
    init(of list: YAMLMapping, fields: [String], dateField: String, version: String?, date: String?, report: DiagnosticSink) {
        let value = list["history"]
        let current = version.flatMap { version in
            date.map { (ListVersion(version: version, date: $0), list["version"]?.location ?? list.location) }
        }
        var items: [Item] = []
        var ordered = true
        var seen: [String: SourceLocation] = [:]
        // Each version has a change page named by `PortalPaths.versionSlug`: two must not share it.
        var pageNames: [String: (version: String, location: SourceLocation)] = [:]
        if let (version, location) = current {
            seen[version.version] = location
            pageNames[PortalPaths.versionSlug(version.version)] = (version.version, location)
        }
        var previous: (ListVersion, SourceLocation)?
        for value in value?.sequence("'history'") ?? [] {
            guard let map = value.mapping("a version in 'history'", fields: fields) else { ordered = false; continue }
            let versionValue = map.required("version"), dateValue = map.required(dateField)
            guard let versionValue, let version = versionValue.string("'version'"),
                  let dateValue, let date = dateValue.date("'\(dateField)'") else { ordered = false; continue }
            if let first = seen[version] {
                let what = first == current?.1 ? "the current version" : "an earlier version"
                report.error(versionValue.location, "version '\(version)' appears twice: it is also \(what)",
                             hint: "first at \(first); 'history' holds the versions before the current one, each once")
                ordered = false
            } else {
                seen[version] = versionValue.location
                let name = PortalPaths.versionSlug(version)
                if let other = pageNames[name] {
                    report.error(versionValue.location, "version '\(version)' would have the same change page as version '\(other.version)' ('\(name).html')",
                                 hint: "versions are told apart by their letters and digits; first at \(other.location)")
                    ordered = false
                } else {
                    pageNames[name] = (version, versionValue.location)
                }
            }
            if let (before, _) = previous, date <= before.date {
                report.error(dateValue.location, "'history' is oldest first: \(date) (version '\(version)') must be after \(before.date) (version '\(before.version)')")
                ordered = false
            }
            let label = ListVersion(version: version, date: date)
            previous = (label, dateValue.location)
            items.append(Item(version: label, map: map))
        }
        if let (version, location) = current, let (last, lastLocation) = previous, last.date >= version.date {
            report.error(lastLocation, "version '\(last.version)' in 'history' is dated \(last.date), not before the current version '\(version.version)' (\(version.date))",
                         hint: "the current version, at \(location), is the newest")
            ordered = false
        }
        self.items = items
        self.ordered = ordered
    }
}
