import ExportalDomain
import ExportalMarkdown

// The values every page holds, listing their own fields to `ValueDigest` (see `Digestible`).
// Each lists every stored field under its own name: `IncrementalBuildTests` compares the names
// with reflection's for every such value on the sample portal's pages.

extension String: Digestible {
    package func digest(into digest: inout ValueDigest) { digest.add(self) }
}

extension Int: Digestible {
    package func digest(into digest: inout ValueDigest) { digest.add(self) }
}

extension Bool: Digestible {
    package func digest(into digest: inout ValueDigest) { digest.add(self) }
}

extension Page: Digestible {
    func digest(into digest: inout ValueDigest) {
        digest.fields(8)
        digest.field("path", path)
        digest.field("template", template)
        digest.field("title", title)
        digest.field("description", description as Any)
        digest.field("section", section)
        digest.field("breadcrumbs", breadcrumbs.map { [$0.title, $0.path] })
        // A page whose values are known by their fingerprint is keyed by it, whether it was taken
        // from an earlier build or read now (`BacklinkListingPages`), so both give one key.
        if let valuesFingerprint {
            digest.field("values", valuesFingerprint)
        } else {
            digest.field("values", values)
        }
        digest.field("valuesFingerprint", valuesFingerprint as Any)
    }
}

extension GuidancePages.ArticleValues: Digestible {
    func digest(into digest: inout ValueDigest) {
        digest.fields(4)
        digest.field("article", article)
        digest.field("body", body)
        digest.field("links", links)
        digest.field("toc", toc)
    }
}

extension GuidanceArticle: Digestible {
    func digest(into digest: inout ValueDigest) {
        digest.fields(9)
        digest.field("slug", slug)
        digest.field("title", title)
        digest.field("summary", summary as Any)
        digest.field("tags", tags)
        digest.field("audience", audience.map(\.rawValue))
        digest.field("updated", updated as Any)
        digest.field("draft", draft)
        digest.field("body", body)
        digest.field("related", related.map { [$0.0, $0.1] as [Any] })
    }
}

extension MarkdownSource: Digestible {
    package func digest(into digest: inout ValueDigest) {
        digest.fields(4)
        digest.field("text", text)
        digest.field("file", file)
        digest.field("firstLine", firstLine)
        digest.field("indent", indent)
    }
}

extension SourceLocation: Digestible {
    package func digest(into digest: inout ValueDigest) {
        digest.fields(3)
        digest.field("file", file)
        digest.field("line", line)
        digest.field("column", column)
    }
}

extension RenderedMarkdown: Digestible {
    package func digest(into digest: inout ValueDigest) {
        digest.fields(4)
        digest.field("html", html)
        digest.field("headings", headings)
        digest.field("plainText", plainText)
        digest.field("problems", problems)
    }
}

extension MarkdownHeading: Digestible {
    package func digest(into digest: inout ValueDigest) {
        digest.fields(5)
        digest.field("level", level)
        digest.field("text", text)
        digest.field("anchor", anchor)
        digest.field("line", line)
        digest.field("column", column)
    }
}

extension MarkdownProblem: Digestible {
    package func digest(into digest: inout ValueDigest) {
        digest.fields(4)
        digest.field("line", line)
        digest.field("column", column)
        digest.field("message", message)
        digest.field("hint", hint as Any)
    }
}

extension ReferrerGroup: Digestible {
    func digest(into digest: inout ValueDigest) {
        digest.fields(2)
        digest.field("kind", kind)
        digest.field("pages", pages)
    }
}

extension ReferrerRow: Digestible {
    func digest(into digest: inout ValueDigest) {
        digest.fields(7)
        digest.field("title", title)
        digest.field("path", path)
        digest.field("href", href)
        digest.field("kind", kind)
        digest.field("hasTargets", hasTargets)
        digest.field("targets", targets)
        // The row's HTML is the `referrer-row` template (in every page's shared fingerprint) over
        // the fields above, at the listing page's depth.
        digest.field("listing", listing.map { $0.depth } as Any)
    }
}

extension CitedID: Digestible {
    func digest(into digest: inout ValueDigest) {
        digest.fields(2)
        digest.field("id", id)
        digest.field("href", href)
    }
}

extension ArticleSummary: Digestible {
    func digest(into digest: inout ValueDigest) {
        digest.fields(6)
        digest.field("title", title)
        digest.field("summary", summary as Any)
        digest.field("path", path)
        digest.field("href", href)
        digest.field("updated", updated as Any)
        digest.field("tags", tags)
    }
}

extension PartyPages.PartyValues: Digestible {
    func digest(into digest: inout ValueDigest) {
        digest.fields(6)
        digest.field("record", record)
        digest.field("listID", listID)
        digest.field("listSource", listSource as Any)
        digest.field("summary", summary)
        digest.field("events", events)
        digest.field("removed", removed as Any)
    }
}

extension PartyRecord: Digestible {
    package func digest(into digest: inout ValueDigest) {
        let mirror = Mirror(reflecting: self)
        // A record has many optional and list fields; listing them here would duplicate the
        // domain type, so it is read by reflection once per record, field by field.
        digest.fields(mirror.children.count)
        for child in mirror.children { digest.field(child.label ?? "", child.value) }
    }
}
