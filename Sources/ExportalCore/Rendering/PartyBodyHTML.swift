import ExportalDomain

/// The stock `party-body` template, written directly from a party record instead of through
/// Mustache. A portal with the real lists has thousands of party pages, and rendering their bodies
/// through swift-mustache's context lookups was the largest part of its build. The output is the
/// template's, byte for byte: the renderer uses this only when the site's `party-body.mustache`
/// is exactly `template`, and falls back to Mustache for a customised one.
///
///     PartyBodyHTML.render(record, in: list, root: "../../")  // "<article class=\"wrap party\">\n…"
enum PartyBodyHTML {
    /// SHA-256 of Templates/party-body.mustache as shipped; a test keeps it up to date. A site whose
    /// template hashes otherwise has changed it, and gets it rendered through Mustache.
    static let stockDigest = "119615ed247ebcb019d23e257ff48bde339e32560451eac62f448c3abcf35c68"

    /// Whether `text` is the shipped template, byte for byte (String's `==` would also accept
    /// canonically equivalent text, which Mustache would copy to the page as written).
    static func isStock(_ text: String?) -> Bool {
        text.map { SHA256.hex(Array($0.utf8)) == stockDigest } ?? false
    }

    /// What the template renders for `PartyPages.values(of:in:)`. Lines holding only a
    /// section tag vanish, as Mustache's standalone tags do; a line with a false inline section
    /// keeps its indentation. An address or identifier without a country shows none.
    static func render(_ record: PartyRecord, in list: PartyList, root: String) -> String {
        func escaped(_ text: String) -> String { HTMLEscaping.escape(text) }
        var out = ""
        out.reserveCapacity(1024 + (record.remarks?.utf8.count ?? 0))
        out += "<article class=\"wrap party\">\n  <header class=\"page-header\">\n    <p class=\"eyebrow\"><a href=\""
        out += escaped(root) + escaped(PartyPages.listPath(list)) + "\">" + escaped(list.title) + "</a> · entry "
        out += escaped(record.id) + "</p>\n    <h1>" + escaped(record.primaryName) + "</h1>\n"
        out += "    <dl class=\"meta facts\">\n      <div><dt>Type</dt><dd>" + escaped(record.type.rawValue) + "</dd></div>\n      "
        if !record.programmes.isEmpty {
            out += "<div><dt>Programmes</dt><dd><ul class=\"chips\">"
            for programme in record.programmes { out += "<li>" + escaped(programme) + "</li>" }
            out += "</ul></dd></div>"
        }
        out += "\n      "
        if let listedOn = record.listedOn, !listedOn.isEmpty {
            out += "<div><dt>Listed on</dt><dd>" + escaped(listedOn) + "</dd></div>"
        }
        out += "\n      "
        if !record.countries.isEmpty {
            out += "<div><dt>Countries</dt><dd>" + escaped(record.countries.joined(separator: ", ")) + "</dd></div>"
        }
        out += "\n      "
        if !record.birthDates.isEmpty {
            out += "<div><dt>Dates of birth</dt><dd>" + escaped(record.birthDates.joined(separator: "; ")) + "</dd></div>"
        }
        out += "\n    </dl>\n  </header>\n"
        if !record.aliases.isEmpty {
            out += section("aliases", "Also known as")
            for alias in record.aliases {
                out += "<li>" + escaped(alias.name) + (alias.strength == .weak ? " <span class=\"badge\">weak alias</span>" : "") + "</li>"
            }
            out += "</ul>\n  </section>\n"
        }
        if !record.addresses.isEmpty {
            out += section("addresses", "Addresses")
            for address in record.addresses {
                out += "<li>" + escaped(address.text) + inBrackets(address.country ?? address.countryName) + "</li>"
            }
            out += "</ul>\n  </section>\n"
        }
        if !record.identifiers.isEmpty {
            out += section("identifiers", "Identifiers")
            for identifier in record.identifiers {
                out += "<li>" + escaped(identifier.kind) + ": " + escaped(identifier.value) + inBrackets(identifier.country) + "</li>"
            }
            out += "</ul>\n  </section>\n"
        }
        out += "  "
        if let remarks = record.remarks, !remarks.isEmpty {
            out += "<section aria-labelledby=\"remarks-title\"><h2 id=\"remarks-title\">Remarks</h2><p>" + escaped(remarks) + "</p></section>"
        }
        out += "\n  "
        if let source = record.sourceURL ?? list.source, !source.isEmpty {
            let source = escaped(source)
            out += "<p class=\"muted\">Source: <a href=\"" + source + "\">" + source + "</a></p>"
        }
        out += "\n</article>\n"
        return out
    }

    /// ` (COUNTRY)`, or nothing for no country: the template's `{{#country}} ({{country}}){{/country}}`.
    private static func inBrackets(_ country: String?) -> String {
        guard let country, !country.isEmpty else { return "" }
        return " (" + HTMLEscaping.escape(country) + ")"
    }

    /// The opening of an aliases, addresses or identifiers section, up to its list items.
    private static func section(_ id: String, _ heading: String) -> String {
        "  <section aria-labelledby=\"\(id)-title\">\n    <h2 id=\"\(id)-title\">\(heading)</h2>\n    <ul>"
    }
}
