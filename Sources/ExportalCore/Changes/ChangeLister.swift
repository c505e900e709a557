import ExportalDomain

/// `exportal changes`: what changed in one list between two of its versions.
public struct ChangesRequest: Sendable {
    public var content: String
    /// A party list or control list id; `parties/ID` or `controls/ID` when both kinds use the id.
    public var list: String
    /// The older version; by default the one before `to`.
    public var from: String?
    /// The newer version; by default the current one.
    public var to: String?
    /// `text`, `json` or `csv`.
    public var format: String

    public init(content: String, list: String, from: String? = nil, to: String? = nil, format: String = "text") {
        self.content = content
        self.list = list
        self.from = from
        self.to = to
        self.format = format
    }
}

public enum ChangeLister {
    public static func run(_ request: ChangesRequest) -> DetermineResult {
        let command = CommandRun()
        func fail(_ option: String, _ message: String, hint: String? = nil) -> DetermineResult { command.fail(option, message, hint: hint) }
        guard let content = command.load(request.content, display: request.content) else { return command.stop() }

        let parties = content.partyLists.map(\.id).sorted(), controls = content.controlLists.map(\.id).sorted()
        let named = ListName(request.list)
        let inParties = named.kind != .controls && parties.contains(named.id)
        let inControls = named.kind != .parties && controls.contains(named.id)
        if inParties && inControls {
            return fail("--list", "'\(named.id)' is both a party list and a control list",
                        hint: "write parties/\(named.id) or controls/\(named.id)")
        }
        guard inParties || inControls else {
            let known = parties.map { "parties/\($0)" } + controls.map { "controls/\($0)" }
            let ids = named.kind == .controls ? controls : named.kind == .parties ? parties : parties + controls
            return fail("--list", "unknown list '\(request.list)'",
                        hint: Suggestions.hint(for: named.id, in: ids) ?? (known.isEmpty ? "the content has no lists" : "lists: " + known.joined(separator: ", ")))
        }

        let report: ChangeReport
        if inParties, let list = content.partyLists.first(where: { $0.id == named.id }) {
            let versions = list.history.map { ($0.version, $0.records) } + [(ListVersion(version: list.version, date: list.date), list.records)]
            guard let (older, newer) = pick(versions.map(\.0), request, list: "parties/\(list.id)", command) else { return command.stop() }
            let changes = ChangeSet(from: versions[older].0, to: versions[newer].0, old: versions[older].1, new: versions[newer].1,
                                    matching: list.changes.matching)
            report = ChangeReport(kind: .parties, listID: list.id, listTitle: list.title, changes: changes,
                                  page: newer == older + 1 ? PortalPaths.partyChanges(list: list.id, version: changes.to.version) : nil)
        } else if let list = content.controlLists.first(where: { $0.id == named.id }) {
            let versions = list.history.map { ($0.version, $0.entries.snapshots) } + [(ListVersion(version: list.version, date: list.effective), list.entries.snapshots)]
            guard let (older, newer) = pick(versions.map(\.0), request, list: "controls/\(list.id)", command) else { return command.stop() }
            let changes = ChangeSet(from: versions[older].0, to: versions[newer].0, old: versions[older].1, new: versions[newer].1,
                                    matching: list.changes.matching)
            report = ChangeReport(kind: .controls, listID: list.id, listTitle: list.title, changes: changes,
                                  page: newer == older + 1 ? PortalPaths.controlChanges(list: list.id, version: changes.to.version) : nil)
        } else {
            return fail("--list", "unknown list '\(request.list)'")
        }
        switch request.format {
        case "json": return command.finish(ChangeReportJSON.render(report))
        case "csv": return command.finish(ChangeReportCSV.render(report))
        default: return command.finish(ChangeReportText.render(report))
        }
    }

    /// The indices of the two versions to compare, oldest first; nil after reporting why not.
    static func pick(_ versions: [ListVersion], _ request: ChangesRequest, list: String, _ command: CommandRun) -> (Int, Int)? {
        let labels = versions.map(\.version)
        func index(of version: String, option: String) -> Int? {
            if let found = labels.firstIndex(of: version) { return found }
            _ = command.fail(option, "\(list) has no version '\(version)'",
                             hint: Suggestions.hint(for: version, in: labels) ?? "versions, oldest first: " + labels.joined(separator: ", "))
            return nil
        }
        guard versions.count > 1 else {
            _ = command.fail("--list", "\(list) keeps one version (\(versions[0])), and a change set needs two",
                             hint: "earlier versions are listed under 'history:' in its list.yml (see docs/content-format.md, List history)")
            return nil
        }
        guard let newer = request.to.map({ index(of: $0, option: "--to") }) ?? versions.count - 1 else { return nil }
        guard let older = request.from.map({ index(of: $0, option: "--from") }) ?? (newer > 0 ? newer - 1 : nil) else {
            if request.from == nil {
                _ = command.fail("--to", "version '\(labels[newer])' is the oldest version of \(list): there is none before it to compare with")
            }
            return nil
        }
        guard older < newer else {
            _ = command.fail("--from", "version '\(labels[older])' (\(versions[older].date)) is not older than version '\(labels[newer])' (\(versions[newer].date))",
                             hint: "--from names the older version, --to the newer; versions, oldest first: " + labels.joined(separator: ", "))
            return nil
        }
        return (older, newer)
    }
}

/// `--list ID`, or `parties/ID` and `controls/ID` to say which kind of list is meant.
private struct ListName {
    let kind: ChangeReport.Kind?
    let id: String

    init(_ text: String) {
        for kind in [ChangeReport.Kind.parties, .controls] where text.hasPrefix(kind.rawValue + "/") {
            self.kind = kind
            id = String(text.dropFirst(kind.rawValue.count + 1))
            return
        }
        kind = nil
        id = text
    }
}
