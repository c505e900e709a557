import ExportalDomain
import ExportalMarkdown

/// One search result: a page or a place on a page, with the texts it is found by.
struct SearchDocument {
    /// What the result is, shown as its label; the raw value is what search.js receives.
    enum Kind: String, CaseIterable {
        case guidance, entry, term, lesson, module, party
        /// An entry or a party that an earlier version of its list held and the current one does not.
        case removedEntry = "removed-entry", removedParty = "removed-party"
    }

    /// Where a term was found; a match in a heavier field ranks higher. Stored as bits in postings.
    enum Field: Int, CaseIterable {
        case title = 1, code = 2, alias = 4, body = 8
    }

    let kind: Kind
    /// Shown as the result's heading.
    let title: String
    /// Relative to the portal root, with a fragment for a place on a page.
    let path: String
    /// The start of the text the excerpt is cut from.
    let excerpt: String
    let fields: [(Field, String)]

    /// How much text a result carries for its excerpt: enough to show a match near the start,
    /// small enough that a page of results stays a few kilobytes.
    static let excerptLength = 280

    init(kind: Kind, title: String, path: String, excerpt: String, fields: [(Field, String)]) {
        self.kind = kind
        self.title = title
        self.path = path
        self.excerpt = Self.excerpt(of: excerpt)
        self.fields = fields
    }

    /// `cut(collapsingWhitespace(text))`. Where the text is ASCII as far as the cut, only that
    /// far is read, on bytes: there each Character is one byte once whitespace has collapsed (the
    /// one ASCII Character of two bytes, "\r\n", is whitespace), so the cut falls where `cut`
    /// puts it. Excerpts are cut from whole articles, of which this reads only the first 300 or so bytes.
    static func excerpt(of text: String) -> String {
        guard let bytes = collapsedASCII(text, limit: excerptLength) else { return cut(collapsingWhitespace(text)) }
        guard bytes.count > excerptLength else { return String(decoding: bytes, as: UTF8.self) }
        let kept = bytes[..<excerptLength]
        return String(decoding: kept[..<(kept.lastIndex(of: UInt8(ascii: " ")) ?? kept.endIndex)], as: UTF8.self) + "…"
    }

    /// Runs of whitespace as one space, none at the ends.
    static func collapsingWhitespace(_ text: String) -> String {
        if let bytes = collapsedASCII(text, limit: .max) { return String(decoding: bytes, as: UTF8.self) }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `collapsingWhitespace` on bytes, where whitespace is tab to carriage return and space as
    /// `Character` sees it; it stops once the result is longer than `limit`. Nil if a byte it
    /// reads is not ASCII.
    private static func collapsedASCII(_ text: String, limit: Int) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(min(text.utf8.count, limit) + 1)
        var space = false
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            if byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte) {
                space = !out.isEmpty
            } else {
                if space { out.append(UInt8(ascii: " ")) }
                space = false
                out.append(byte)
                if out.count > limit { break }
            }
        }
        return out
    }

    /// At most `excerptLength` characters, cut at a word boundary.
    static func cut(_ text: String) -> String {
        guard text.count > excerptLength else { return text }
        let prefix = text.prefix(excerptLength)
        return String(prefix[..<(prefix.lastIndex(of: " ") ?? prefix.endIndex)]) + "…"
    }
}

/// Collects the search documents of the public portal, in page order so document numbers are
/// stable. It reads only the published parts of the graph: exporter profiles are never searched.
struct SearchDocuments {
    let graph: ContentGraph

    func all() -> [SearchDocument] {
        var documents: [SearchDocument] = []
        // Articles are most of the documents and each is cut into sections: done on every core.
        let articles = graph.articles
        for sections in inParallel(articles.count, { self.article(articles[$0]) }) { documents += sections }
        for list in graph.lists {
            for entry in list.entries {
                documents += entry.flattened.map { item(item: $0, entry: entry, list: list) }
            }
            for removed in list.removedEntries {
                documents += removed.item.flattened.map { item(item: $0, entry: removed.item, list: list, removed: removed.removal) }
            }
        }
        documents += graph.glossary.map(term)
        for module in graph.modules { documents += self.module(module) }
        for list in graph.partyLists {
            let removed = list.removedRecords
            let slugs = PartyPages.slugs(list, removed: removed)
            for (record, slug) in zip(list.records, slugs.current) {
                documents.append(party(record, path: PartyPages.path(list: list.id, slug: slug), list: list))
            }
            for (party, slug) in zip(removed, slugs.removed) {
                documents.append(self.party(party.record, path: PartyPages.path(list: list.id, slug: slug), list: list,
                                            removedIn: party.removedIn))
            }
        }
        return documents
    }

    /// The article itself, then one document per level-2 and level-3 heading, found by the
    /// heading's words and excerpted from its own section.
    func article(_ article: ResolvedArticle) -> [SearchDocument] {
        let rendered = article.body
        let path = PortalPaths.article(article.slug)
        let headings = rendered.headings.filter { (2...3).contains($0.level) }
        let sections = Self.sections(rendered.plainText, headings: headings.map(\.text))
        var documents = [SearchDocument(kind: .guidance, title: article.title, path: path,
                                        excerpt: [article.summary ?? "", sections.first ?? ""].joined(separator: " "),
                                        fields: [(.title, article.title), (.alias, article.tags.joined(separator: " ")),
                                                 (.body, article.summary ?? ""), (.body, rendered.plainText)])]
        for (heading, text) in zip(headings, sections.dropFirst()) {
            documents.append(SearchDocument(kind: .guidance, title: "\(article.title) › \(heading.text)",
                                            path: "\(path)#\(heading.anchor)", excerpt: text,
                                            fields: [(.title, heading.text)]))
        }
        return documents
    }

    /// The plain text before the first heading, then the text under each heading (one more
    /// element than `headings`). Headings are blocks of their own, so each is a line.
    static func sections(_ plainText: String, headings: [String]) -> [String] {
        // Bytes give the same lines and the same matches where all is ASCII without a "\r" (which
        // with "\n" is one Character, not a line break) and are far cheaper than Characters.
        let plain = { (text: String) in SearchText.allBytes(of: text) { $0 < 0x80 && $0 != UInt8(ascii: "\r") } }
        guard plain(plainText), headings.allSatisfy(plain) else { return characterSections(plainText, headings: headings) }
        var sections: [[UInt8]] = [[]]
        var next = 0
        var text = plainText
        text.withUTF8 { bytes in
            for line in bytes.split(separator: UInt8(ascii: "\n")) {
                if next < headings.count, line.elementsEqual(headings[next].utf8) {
                    sections.append([])
                    next += 1
                } else {
                    if !sections[sections.count - 1].isEmpty { sections[sections.count - 1].append(UInt8(ascii: " ")) }
                    sections[sections.count - 1].append(contentsOf: line)
                }
            }
        }
        while sections.count <= headings.count { sections.append([]) }
        return sections.map { String(decoding: $0, as: UTF8.self) }
    }

    /// `sections` on Characters, for any text.
    static func characterSections(_ plainText: String, headings: [String]) -> [String] {
        var sections = [""]
        var next = 0
        for line in plainText.split(separator: "\n") {
            if next < headings.count, line == headings[next] {
                sections.append("")
                next += 1
            } else {
                sections[sections.count - 1] += (sections[sections.count - 1].isEmpty ? "" : " ") + line
            }
        }
        while sections.count <= headings.count { sections.append("") }
        return sections
    }

    /// "Removed from the list on 2025-11-14 (version 2025-11)."
    static func removal(_ version: ListVersion) -> String { "Removed from the list on \(version.date) (version \(version.version))." }

    func item(item: ResolvedItem, entry: ResolvedItem, list: ResolvedList, removed: RemovedControlEntry? = nil) -> SearchDocument {
        let texts = (item.description.map { [$0] } ?? []) + item.notes + item.technicalNotes
        let body = texts.map(\.plainText).joined(separator: " ")
        var path = PortalPaths.entry(list: list.id, entryCode: entry.code.entryCode)
        if item.code != entry.code { path += "#\(item.code)" }
        let excerpt = body.isEmpty ? list.title : body
        return SearchDocument(kind: removed == nil ? .entry : .removedEntry, title: "\(item.code) \(item.title)", path: path,
                              excerpt: removed.map { Self.removal($0.removedIn) + " " + excerpt } ?? excerpt,
                              fields: [(.code, item.code.description), (.title, item.title), (.body, body)])
    }

    func term(_ term: ResolvedTerm) -> SearchDocument {
        let definition = term.definition.plainText
        return SearchDocument(kind: .term, title: term.term, path: "\(PortalPaths.glossary)#\(term.id)", excerpt: definition,
                              fields: [(.title, term.term), (.alias, term.synonyms.joined(separator: " ")), (.body, definition)])
    }

    func module(_ module: ResolvedModule) -> [SearchDocument] {
        let objectives = module.objectives.map(\.plainText).joined(separator: " ")
        var documents = [SearchDocument(kind: .module, title: module.title, path: PortalPaths.module(module.id),
                                        excerpt: module.summary ?? objectives,
                                        fields: [(.title, module.title), (.body, module.summary ?? ""), (.body, objectives)])]
        for lesson in module.lessons { documents.append(self.lesson(lesson, of: module)) }
        return documents
    }

    func lesson(_ lesson: ResolvedLesson, of module: ResolvedModule) -> SearchDocument {
        let rendered = lesson.body
        return SearchDocument(kind: .lesson, title: lesson.title, path: PortalPaths.lesson(module: module.id, lesson.slug),
                              excerpt: [lesson.summary ?? "", rendered.plainText].joined(separator: " "),
                              fields: [(.title, lesson.title), (.alias, rendered.headings.map(\.text).joined(separator: " ")),
                                       (.body, lesson.summary ?? ""), (.body, rendered.plainText)])
    }

    func party(_ record: PartyRecord, path: String, list: PartyList, removedIn: ListVersion? = nil) -> SearchDocument {
        let aliases = record.aliases.map(\.name)
        var excerpt = removedIn.map { Self.removal($0) + " \(record.type.rawValue.capitalized), was on \(list.title)." }
            ?? "\(record.type.rawValue.capitalized) on \(list.title)."
        if !aliases.isEmpty { excerpt += " Also known as \(aliases.joined(separator: "; "))." }
        if !record.countries.isEmpty { excerpt += " \(record.countries.joined(separator: ", "))." }
        return SearchDocument(kind: removedIn == nil ? .party : .removedParty, title: record.primaryName, path: path, excerpt: excerpt,
                              fields: [(.title, record.primaryName), (.alias, aliases.joined(separator: " ")),
                                       (.body, record.id)])
    }
}
