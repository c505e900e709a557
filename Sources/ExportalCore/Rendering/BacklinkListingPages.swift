/// A page for each place whose "Referenced in" list was cut (`Backlinks.shown`), listing every
/// page that refers to it, grouped by kind of page and sorted by title as an uncut list is. The
/// places are those whose pages show such a list: articles, entries and their sub-items,
/// training modules and lessons, and glossary terms.
struct BacklinkListingPages {
    let graph: ContentGraph

    /// Something a "Referenced in" list is shown for: a page, or an anchor on it.
    struct Place {
        let page: String
        var anchor: String?
        let title: String
        let section: String
        /// The trail to the place's own page, ending with it.
        let breadcrumbs: [(title: String, path: String)]
        /// Entry pages name the codes each referring page cites.
        var showTargets = false
    }

    /// A page per place whose list was cut, as work that can be done apart, a place each.
    func makers() -> [PageMaker] {
        places().map { place in { page(for: place).map { [$0] } ?? [] } }
    }

    func page(for place: Place) -> Page? {
        // A place with no more references than a list shows cannot have had its list cut.
        guard graph.references.referenceCount(to: place.page, anchor: place.anchor) > Backlinks.shown else { return nil }
        let backlinks = graph.references.backlinks(to: place.page, anchor: place.anchor)
        guard backlinks.isCut else { return nil }
        let title = "References to \(place.title)"
        let path = BacklinkListing.path(page: place.page, anchor: place.anchor)
        let root = PortalPaths.root(of: path)
        return Page(path: path, template: "references", title: title,
                    description: "All \(backlinks.total) pages of the portal that refer to \(place.title).",
                    section: place.section, breadcrumbs: place.breadcrumbs,
                    values: ["target": ["title": place.title, "path": place.page,
                                        "href": place.page + (place.anchor.map { "#\($0)" } ?? "")] as [String: Any],
                             "total": backlinks.total,
                             "groups": CrossReferences.referencedIn(backlinks.ranked, root: root,
                                                                   targetsOn: place.showTargets ? root + place.page : nil)])
    }

    func places() -> [Place] {
        let home = (title: "Home", path: PortalPaths.home)
        var places: [Place] = []
        for article in graph.articles {
            let path = PortalPaths.article(article.slug)
            places.append(Place(page: path, title: article.title, section: "guidance",
                                breadcrumbs: [home, ("Guidance", PortalPaths.guidanceIndex), (article.title, path)]))
        }
        for list in graph.lists {
            for entry in list.entries {
                let path = PortalPaths.entry(list: list.id, entryCode: entry.code.entryCode)
                let title = "\(entry.code) \(entry.title)"
                let crumbs = [home, ("Control lists", PortalPaths.listsIndex), (list.title, PortalPaths.list(list.id)), (title, path)]
                places.append(Place(page: path, title: title, section: "controls", breadcrumbs: crumbs, showTargets: true))
                for item in entry.flattened {
                    places.append(Place(page: path, anchor: item.code.description, title: "\(item.code) \(item.title)",
                                        section: "controls", breadcrumbs: crumbs))
                }
            }
        }
        for module in graph.modules {
            let path = PortalPaths.module(module.id)
            let crumbs = [home, ("Training", PortalPaths.trainingIndex), (module.title, path)]
            places.append(Place(page: path, title: module.title, section: "training", breadcrumbs: crumbs))
            for lesson in module.lessons {
                let lessonPath = PortalPaths.lesson(module: module.id, lesson.slug)
                places.append(Place(page: lessonPath, title: lesson.title, section: "training",
                                    breadcrumbs: crumbs + [(lesson.title, lessonPath)]))
            }
        }
        for term in graph.glossary {
            places.append(Place(page: PortalPaths.glossary, anchor: term.id, title: term.term, section: "glossary",
                                breadcrumbs: [home, ("Glossary", PortalPaths.glossary)]))
        }
        return places
    }
}
