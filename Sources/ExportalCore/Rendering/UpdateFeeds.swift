import ExportalMarkdown
import Foundation

/// The feeds of list versions: Atom (RFC 4287, `updates.atom`) and JSON Feed 1.1 (`updates.json`),
/// one item per version that has a change page, newest first, summarising its change set.
///
/// URLs are absolute, from the site's base URL; an item's id is its change page's URL, which stays
/// the same from build to build. Dates are the versions' own, at midnight UTC (RFC 3339), so the
/// same content gives the same bytes.
struct UpdateFeeds {
    let updates: [ListUpdate]
    let baseURL: String
    let title: String
    let organisation: String
    let language: String

    /// Versions with a change page: a list's oldest kept version has none.
    var items: [ListUpdate] { updates.filter { $0.path != nil } }

    static func timestamp(_ date: String) -> String { "\(date)T00:00:00Z" }

    var feedTitle: String { "\(title): list updates" }

    /// The newest item's date; with no item, the newest version's (every list has one).
    var updated: String { Self.timestamp(items.first?.version.date ?? updates.map(\.version.date).max() ?? "1970-01-01") }

    static func itemTitle(_ update: ListUpdate) -> String { "\(update.listTitle): version \(update.version.version)" }

    /// "2 added, 1 removed, 3 amended. Added: NB-003 ...; Removed: ...; and 2 more."
    static func summary(_ update: ListUpdate) -> String {
        var text = update.counts + "."
        if !update.highlights.isEmpty { text += " " + update.highlights.joined(separator: "; ") }
        if update.more > 0 { text += "; and \(update.more) more" }
        return update.highlights.isEmpty ? text : text + "."
    }

    func files() -> [OutputFile] {
        [OutputFile(path: PortalPaths.updatesAtom, data: Data(atom().utf8)),
         OutputFile(path: PortalPaths.updatesJSON, data: Data(json().utf8))]
    }

    func atom() -> String {
        func text(_ value: String) -> String { HTMLText.escape(value, apostrophe: false) }
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(text(language))\">\n"
        out += "  <id>\(text(baseURL + PortalPaths.updatesAtom))</id>\n"
        out += "  <title>\(text(feedTitle))</title>\n"
        out += "  <updated>\(updated)</updated>\n"
        out += "  <author><name>\(text(organisation))</name></author>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(text(baseURL + PortalPaths.updatesAtom))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(text(baseURL + PortalPaths.updates))\"/>\n"
        out += "  <generator>Exportal</generator>\n"
        for item in items {
            let url = text(baseURL + (item.path ?? ""))
            out += "  <entry>\n"
            out += "    <id>\(url)</id>\n"
            out += "    <title>\(text(Self.itemTitle(item)))</title>\n"
            out += "    <updated>\(Self.timestamp(item.version.date))</updated>\n"
            out += "    <published>\(Self.timestamp(item.version.date))</published>\n"
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(url)\"/>\n"
            out += "    <summary type=\"text\">\(text(Self.summary(item)))</summary>\n"
            out += "  </entry>\n"
        }
        out += "</feed>\n"
        return out
    }

    func json() -> String {
        var out = "{\n"
        out += "  \"version\": \"https://jsonfeed.org/version/1.1\",\n"
        out += "  \"title\": \(JSONText.string(feedTitle)),\n"
        out += "  \"home_page_url\": \(JSONText.string(baseURL + PortalPaths.updates)),\n"
        out += "  \"feed_url\": \(JSONText.string(baseURL + PortalPaths.updatesJSON)),\n"
        out += "  \"language\": \(JSONText.string(language)),\n"
        out += "  \"authors\": [{\"name\": \(JSONText.string(organisation))}],\n"
        out += "  \"items\": ["
        out += items.map { item in
            let url = JSONText.string(baseURL + (item.path ?? ""))
            return "\n    {\"id\": \(url), \"url\": \(url), \"title\": \(JSONText.string(Self.itemTitle(item))), "
                + "\"content_text\": \(JSONText.string(Self.summary(item))), "
                + "\"date_published\": \"\(Self.timestamp(item.version.date))\"}"
        }.joined(separator: ",")
        out += items.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }
}
