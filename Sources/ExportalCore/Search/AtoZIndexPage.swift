/// The A–Z index: every article, entry, term (and synonym), module and lesson by title, on one
/// page built at build time. It is what the search box links to without JavaScript, and it
/// needs no server. Parties are reached through their lists' own letter pages.
struct AtoZIndexPage {
    static let path = "a-z.html"
    let graph: ContentGraph

    struct Item {
        let title: String
        let kind: String
        let path: String
        var detail = ""
        var code = ""
    }

    func items() -> [Item] {
        var items = graph.articles.map { Item(title: $0.title, kind: "Guidance", path: PortalPaths.article($0.slug)) }
        for list in graph.lists {
            items += list.entries.map {
                Item(title: $0.title, kind: "Entry", path: PortalPaths.entry(list: list.id, entryCode: $0.code.entryCode),
                     code: $0.code.description)
            }
        }
        for term in graph.glossary {
            let path = "\(PortalPaths.glossary)#\(term.id)"
            items.append(Item(title: term.term, kind: "Term", path: path))
            items += term.synonyms.map { Item(title: $0, kind: "Term", path: path, detail: "see \(term.term)") }
        }
        for module in graph.modules {
            items.append(Item(title: module.title, kind: "Module", path: PortalPaths.module(module.id)))
            items += module.lessons.map { Item(title: $0.title, kind: "Lesson", path: PortalPaths.lesson(module: module.id, $0.slug)) }
        }
        return items.sorted {
            (SearchText.normalise($0.title), $0.path, $0.detail) < (SearchText.normalise($1.title), $1.path, $1.detail)
        }
    }

    func page() -> Page {
        let byLetter = Dictionary(grouping: items()) { PartyPages.letter(of: SearchText.normalise($0.title)) }
        let letters = byLetter.keys.sorted().map { letter -> [String: Any] in
            ["letter": letter, "id": letter == "#" ? "other" : letter.lowercased(),
             "items": (byLetter[letter] ?? []).map { item -> [String: Any] in
                 ["title": item.title, "kind": item.kind, "path": item.path, "detail": orFalse(item.detail),
                  "code": orFalse(item.code)]
             }]
        }
        return Page(path: Self.path, template: "a-z-index", title: "A–Z index",
                    description: "Every guidance article, control-list entry, glossary term and training lesson by title.",
                    section: "", breadcrumbs: [("Home", "index.html")],
                    values: ["letters": letters, "partyLists": graph.partyLists.map { ["title": $0.title, "path": "parties/\($0.id)/index.html"] },
                             "hasPartyLists": !graph.partyLists.isEmpty])
    }
}
