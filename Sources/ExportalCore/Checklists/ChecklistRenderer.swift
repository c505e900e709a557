import ExportalDomain
import Foundation

/// Renders every exporter's checklist (HTML and JSON) for the separate, private checklists folder.
struct ChecklistRenderer {
    let graph: ContentGraph
    let content: ContentFolder
    let templates: TemplateSet
    let baseURL: String
    let buildDate: String?
    let paper: Paper

    enum Paper: String, Sendable, CaseIterable {
        case a4, letter
        var cssSize: String { self == .a4 ? "A4" : "letter" }
    }

    func render() -> [OutputFile] {
        let screening = graph.partyLists.isEmpty ? nil : PartyScreening(lists: graph.partyLists)
        // Shared by every profile, so built and read once: the licensing facts per ruleset and
        // the party lists' files, which for official lists run to megabytes.
        var contexts: [String: LicensingContext] = [:]
        let partyFiles = Self.partyListsDigest(graph.partyLists)
        return graph.exporters.sorted { $0.id < $1.id }.flatMap { profile -> [OutputFile] in
            let jurisdiction = profile.jurisdiction ?? graph.site.jurisdiction
            guard let ruleset = graph.rulesets.first(where: { $0.id == jurisdiction }) else {
                preconditionFailure("profiles without a ruleset are rejected while loading")
            }
            let context = contexts[ruleset.id] ?? LicensingContext(ruleset: ruleset, lists: graph.lists.map(\.list))
            contexts[ruleset.id] = context
            let checklist = ChecklistBuilder(profile: profile, context: context, graph: graph, baseURL: baseURL, buildDate: buildDate,
                                             fingerprint: fingerprint(profile, ruleset: ruleset, partyLists: partyFiles),
                                             screening: screening).build()
            var page = checklist.templateContext
            page["language"] = graph.site.language
            page["paperSize"] = paper.cssSize
            page["runningHeader"] = Self.cssString(profile.name)
            page["shortFingerprint"] = String(checklist.fingerprint.prefix(16))
            let html = templates.render(page, template: "checklist")
            guard let json = try? checklist.json() else { preconditionFailure("a checklist is strings, numbers and arrays") }
            return [OutputFile(path: "\(profile.id)/index.html", data: Data(html.utf8)),
                    OutputFile(path: "\(profile.id)/checklist.json", data: json)]
        }
    }

    /// SHA-256 over the profile (its dispositions and `reviewed:` included), the ruleset and its lists'
    /// files with their earlier versions (path, size, bytes, in path order), the digest of the party
    /// lists' files and the tool version.
    func fingerprint(_ profile: ExporterProfile, ruleset: Ruleset, partyLists: String) -> String {
        var paths = ["exporters/\(profile.id).yml", "rules/\(ruleset.id).yml"]
        for list in ruleset.lists.sorted() { paths += yamlFiles(under: "controls/\(list)") }
        var hash = SHA256()
        hash.update("exportal \(ExportalVersion.current)\n")
        for path in paths.sorted() {
            let bytes = (try? Data(contentsOf: content.url(path))) ?? Data()
            hash.update("\(path)\n\(bytes.count)\n")
            hash.update(bytes)
        }
        hash.update("party lists \(partyLists)\n")
        return hash.hexDigest()
    }

    /// A list's YAML files, its earlier versions' folders included: "Changes since your last review"
    /// is built from them.
    private func yamlFiles(under folder: String) -> [String] {
        content.list(folder).flatMap { name -> [String] in
            let path = "\(folder)/\(name)"
            if content.isDirectory(path) { return yamlFiles(under: path) }
            return name.hasSuffix(".yml") ? [path] : []
        }
    }

    /// SHA-256 over the restricted-party lists screened against (label, size, bytes), official files
    /// kept elsewhere included. They run to megabytes, so every profile's fingerprint takes this
    /// one digest rather than hashing them again.
    static func partyListsDigest(_ lists: [PartyList]) -> String {
        var hash = SHA256()
        for list in lists {
            for url in list.files {
                let bytes = (try? Data(contentsOf: url)) ?? Data()
                hash.update("parties/\(list.id)/\(url.lastPathComponent)\n\(bytes.count)\n")
                hash.update(bytes)
            }
        }
        return hash.hexDigest()
    }

    /// A CSS string body: quotes, backslashes and anything that could close the style element are escaped.
    static func cssString(_ text: String) -> String {
        text.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\"", "\\", "<", ">", "&", "\n", "\r":
                return "\\" + String(scalar.value, radix: 16) + " "
            default:
                return String(scalar)
            }
        }.joined()
    }
}
