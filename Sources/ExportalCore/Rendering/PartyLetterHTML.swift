import ExportalDomain

/// The rows of the stock `party-letter` template, written directly instead of through Mustache.
/// A list's letter pages hold a row for each of its thousands of parties, and rendering those
/// rows was most of the Mustache work of a real-list build. Mustache still renders the page
/// around them, with one placeholder row that is then replaced by the rows; the renderer does
/// this only while the site's `party-letter.mustache` is exactly `template`.
///
///     PartyLetterHTML.row(.init(name: "ACME", type: "entity", path: "parties/l/a.html", programmes: "SDGT"), root: "../../")
///     // <li><a href="../../parties/l/a.html">ACME</a> <span class="muted">entity · SDGT</span></li>
enum PartyLetterHTML {
    /// SHA-256 of Templates/party-letter.mustache as shipped (see `PartyBodyHTML.stockDigest`).
    static let stockDigest = "21a681b27bd66966b5c93ad0eff2fad6e983ad3b65ec991295709ecf49079318"

    /// One entry of a letter page, as the template's `entries` hold it.
    struct Row {
        let name: String
        let type: String
        let path: String
        /// The party's programmes joined with ", ".
        let programmes: String

        var values: [String: Any] { ["name": name, "type": type, "path": path, "programmes": orFalse(programmes)] }
    }

    /// Compared byte for byte, as `PartyBodyHTML.isStock` is.
    static func isStock(_ text: String?) -> Bool {
        text.map { SHA256.hex(Array($0.utf8)) == stockDigest } ?? false
    }

    /// The template's `{{#entries}}` section for one row; a party with no programmes has no separator.
    static func row(_ row: Row, root: String) -> String {
        "<li><a href=\"" + HTMLEscaping.escape(root) + HTMLEscaping.escape(row.path) + "\">" + HTMLEscaping.escape(row.name)
            + "</a> <span class=\"muted\">" + HTMLEscaping.escape(row.type)
            + (row.programmes.isEmpty ? "" : " · " + HTMLEscaping.escape(row.programmes)) + "</span></li>"
    }

    /// The whole page: `render` is Mustache given the `entries` to render, called once with a
    /// placeholder row, which must come out exactly once and as `row` writes it; nil otherwise,
    /// so the caller renders the page through Mustache instead.
    static func page(_ rows: [Row], root: String, render: ([[String: Any]]) -> String) -> String? {
        let placeholder = Row(name: "\u{E031}", type: "\u{E032}", path: "\u{E030}", programmes: "\u{E033}")
        let shell = render([placeholder.values])
        let expected = row(placeholder, root: root)
        guard let range = shell.range(of: expected), shell[range.upperBound...].range(of: expected) == nil else { return nil }
        var out = String(shell[..<range.lowerBound])
        out.reserveCapacity(shell.utf8.count + rows.count * 160)
        for entry in rows { out += row(entry, root: root) }
        out += shell[range.upperBound...]
        return out
    }
}
