import ExportalDomain
import ExportalMarkdown
import Foundation
import Mustache

/// A file of the finished portal, relative to the output folder.
struct OutputFile {
    let path: String
    let data: Data
}

/// One HTML page to render: where it goes, which template, and its own context values.
struct Page {
    let path: String
    let template: String
    let title: String
    let description: String?
    /// Top navigation entry this page belongs to, e.g. "guidance".
    let section: String
    var breadcrumbs: [(title: String, path: String)] = []
    /// The page's own template values: a typed value or, for pages made once per portal, a dictionary.
    var values: any MustacheParent = [String: Any]()
    /// The fingerprint of `values`, for pages whose key holds it in place of the values themselves
    /// (listing pages, when pages get keys): taken from an earlier build when what the values are
    /// made from is unchanged, so such a page, taken from the earlier render, never makes them
    /// (`BacklinkListingPages`).
    var valuesFingerprint: Fingerprint?

    /// "../" once per folder between the page and the portal root.
    var depth: Int { PortalPaths.depth(of: path) }
}

/// Makes one page or a few, reading only the resolved graph: independent of any other maker, so
/// the makers of a portal run on every core.
typealias PageMaker = () -> [Page]

/// Turns the resolved content graph into portal files. It reads the public parts of the graph
/// only: exporter profiles are not part of any page context.
struct PortalRenderer {
    let graph: ContentGraph
    let templates: TemplateSet
    let assets: AssetManifest
    let baseURL: String
    let buildDate: String?
    /// Whether some list keeps an earlier version: the portal then has change pages, an Updates page and feeds.
    let hasHistory: Bool
    /// Told how many pages there are and each one rendered.
    let progress: BuildProgress?
    /// An earlier render's pages, reused where a page's key is unchanged (`serve`, `build --incremental`).
    let reuse: PageReuse?
    /// `serve`: the last build's tokenised search blocks.
    let searchMemo: SearchMemo?
    /// `serve`: the fingerprints of the last build's listing pages' values, by what they were made from.
    let listingMemo: ListingMemo?
    /// Whether pages get keys and the render a memo: only when a later render will read it.
    let keys: Bool

    init(graph: ContentGraph, templates: TemplateSet, assets: AssetManifest, baseURL: String, buildDate: String?,
         progress: BuildProgress? = nil, reuse: PageReuse? = nil, search: SearchMemo? = nil, listings: ListingMemo? = nil,
         keys: Bool = false) {
        self.graph = graph
        self.templates = templates
        self.assets = assets
        self.baseURL = baseURL
        self.buildDate = buildDate
        hasHistory = ChangePages.hasHistory(graph)
        self.progress = progress
        self.reuse = reuse
        searchMemo = search
        listingMemo = listings
        self.keys = keys || reuse != nil
    }

    /// The portal's files, and what the next render may reuse of them.
    struct Rendered {
        /// Every file, in path order; none when they were handed on (`render(handingOff:)`).
        let files: [OutputFile]
        /// The path of every file, in order, handed on or not.
        let paths: [String]
        let memo: RenderMemo
        let counts: RenderCounts
        /// What the search index was built from and `xref.json` with its rows, for `serve` to
        /// splice an edited article into; only when `searchMemo` is set.
        var documents: [SearchDocument] = []
        var search: SearchIndexState?
        var xref: XrefFile?
    }

    /// With `sink` (a build), each file is also handed to it on the calling thread, pages as soon
    /// as they are rendered, so that they are written while the rest render.
    func render(handingOff sink: ((OutputFile) -> Void)? = nil) -> Rendered {
        let pages = pages()
        // Every HTML page the build reports: these and the not-found page.
        progress?.pages(total: pages.count + 1)
        // Pages name the search manifest and `xref.json` by fixed paths, so the index and the
        // references (mostly serial work) are made while the pages render, and their files, a few
        // thousand, are handed on before the first page: written while the pages render too.
        let graph = graph, memo = searchMemo
        let side = Eventually { () -> (documents: [SearchDocument], search: SearchIndex, xref: XrefFile, files: [OutputFile]) in
            let documents = SearchDocuments(graph: graph).all()
            let search = SearchIndex(documents: documents, memo: memo, keepState: memo != nil)
            let xref = graph.references.xref(contentDisplayPath: graph.contentDisplayPath)
            return (documents, search, xref, search.files + [OutputFile(path: "xref.json", data: xref.data)])
        }
        // Handed on before the first page, or after the rest when there is no page.
        var sideHanded = false
        let rendered = renderInParallel(pages, handingOff: sink.map { sink in
            { page in
                if !sideHanded {
                    side.value.files.forEach(sink)
                    sideHanded = true
                }
                sink(page)
            }
        })
        let (documents, search, xref, sideFiles) = side.value
        var rest = [notFoundPage()]
        progress?.pageDone()
        rest.append(OutputFile(path: "sitemap.xml", data: Data(Sitemap.xml(baseURL: baseURL, paths: pages.map(\.path)).utf8)))
        rest.append(OutputFile(path: "robots.txt", data: Data("User-agent: *\nAllow: /\nSitemap: \(baseURL)sitemap.xml\n".utf8)))
        rest += assets.assets.map { OutputFile(path: $0.hashedPath, data: $0.data) }
        if ChangePages.hasHistory(graph) {
            rest += UpdateFeeds(updates: ListUpdates(graph: graph).all(), baseURL: baseURL, title: graph.site.title,
                                organisation: graph.site.organisation, language: graph.site.language).files()
        }
        var files: [OutputFile] = []
        if let sink {
            if !sideHanded { sideFiles.forEach(sink) }
            rest.forEach(sink)
        } else {
            files = (rendered.files + sideFiles + rest).sorted { $0.path < $1.path }
        }
        let paths = (rendered.paths + sideFiles.map(\.path) + rest.map(\.path)).sorted()
        return Rendered(files: files, paths: paths, memo: rendered.memo, counts: rendered.counts,
                        documents: searchMemo == nil ? [] : documents, search: search.state, xref: searchMemo == nil ? nil : xref)
    }

    /// One page rendered on its own, with its memo entry (`ProseSplice`).
    func renderOne(_ page: Page) -> (OutputFile, RenderMemo.Page?) {
        let frames = Frames(renderer: self, pages: [page])
        let file = renderPage(page, frames: frames, shells: partyShells([page], frames: frames))
        return (file, frames.key(of: page).map { RenderMemo.Page(key: $0, output: Fingerprint(of: file.data)) })
    }

    /// Every page of the portal but the not-found page, made on every core.
    func pages() -> [Page] {
        // Made on every core, then rendered on every core: an entry's or a listing page's values
        // rank the pages that refer to it.
        let graph = graph
        var makers: [PageMaker] = [{ [self.homePage()] }]
        makers += GuidancePages(graph: graph).makers()
        makers += ControlListPages(graph: graph).makers()
        makers += [{ TrainingPages(graph: graph).pages() }, { PartyPages(graph: graph).pages() }, { [self.glossaryPage()] },
                   { [AtoZIndexPage(graph: graph).page()] }]
        makers += BacklinkListingPages(graph: graph, templates: templates, keys: keys, memo: listingMemo).makers()
        makers += ChangePages(graph: graph).makers()
        return inParallel(makers.count) { makers[$0]() }.flatMap { $0 }
    }

    /// What every page shares beyond its frame, as one fingerprint: the templates, the assets,
    /// the site settings (page titles and descriptions fall back on them), the base URL (canonical
    /// links) and the build date.
    var sharedFingerprint: Fingerprint {
        var digest = ValueDigest()
        digest.add("exportal render memo 1")
        digest.add(any: templates.texts)
        for asset in assets.assets {
            digest.add(asset.original)
            digest.add(asset.hashedPath)
            digest.add(Fingerprint(of: asset.data))
        }
        digest.add(any: graph.site)
        digest.add(baseURL)
        digest.add(any: buildDate as Any)
        return digest.fingerprint
    }

    /// Pages are independent, so they are rendered on every core; each result goes to its own
    /// slot, so the output does not depend on the order the work finishes in.
    ///
    /// A page whose key (its frame, its own fields and values, and what every page shares) is the
    /// one an earlier render recorded is taken from that render instead (`reuse`).
    ///
    /// With `sink`, each page is handed to it on the calling thread, in order, as soon as it and
    /// the pages before it are rendered.
    func renderInParallel(_ pages: [Page], handingOff sink: ((OutputFile) -> Void)? = nil) -> Rendered {
        let frames = Frames(renderer: self, pages: pages)
        let shells = partyShells(pages, frames: frames)
        let renderer = self, shared = sharedFingerprint
        let render = { (index: Int) -> (OutputFile, RenderMemo.Page?, Bool) in
            defer { renderer.progress?.pageDone() }
            let page = pages[index]
            let key = renderer.keys ? frames.key(of: page) : nil
            if let key, let data = renderer.reuse?.reusable(page.path, key: key, shared: shared) {
                return (OutputFile(path: page.path, data: data), RenderMemo.Page(key: key, output: Fingerprint(of: data)), true)
            }
            let file = renderer.renderPage(page, frames: frames, shells: shells)
            return (file, key.map { RenderMemo.Page(key: $0, output: Fingerprint(of: file.data)) }, false)
        }
        // A page handed on is not kept: a build holds no page's bytes once they are staged.
        let made: [(path: String, file: OutputFile?, entry: RenderMemo.Page?, reused: Bool)] = if let sink {
            inParallel(pages.count, render) { file, entry, reused in
                sink(file)
                return (file.path, nil, entry, reused)
            }
        } else {
            inParallel(pages.count, render).map { file, entry, reused in (file.path, file, entry, reused) }
        }
        var memo = RenderMemo(shared: shared)
        var counts = RenderCounts()
        for page in made {
            memo.pages[page.path] = page.entry
            if page.reused { counts.reused += 1 } else { counts.rendered += 1 }
        }
        return Rendered(files: made.compactMap(\.file), paths: made.map(\.path), memo: memo, counts: counts)
    }

    private func renderPage(_ page: Page, frames: Frames, shells: [String: PartyShell]) -> OutputFile {
        let folder = String(page.path[..<(page.path.lastIndex(of: "/") ?? page.path.startIndex)])
        let html: String
        if page.template == "party", let shell = shells[folder] {
            // The body sees the page's own values and `root`; the shell already holds the rest.
            let body = templates.render(BodyContext(root: shell.root, own: page.values), template: "party-body")
            html = shell.fill(page, body: body)
        } else {
            let (frame, library) = frames.entry(page)
            html = templates.render(context(for: page, frame: frame), template: page.template, library: library)
        }
        return OutputFile(path: page.path, data: Data(html.utf8))
    }

    /// The frame of every depth and section the pages have, and the template library with that
    /// frame's fragments rendered (`FrameFragments`), made before the pages render.
    struct Frames {
        private let frames: [String: (PageFrame, MustacheLibrary)]
        /// Each frame's fingerprint: every field but the `asset` lambda, which reads the asset
        /// manifest that `sharedFingerprint` holds. Nil for a frame that cannot be read whole.
        private let fingerprints: [String: Fingerprint]

        init(renderer: PortalRenderer, pages: [Page]) {
            var frames: [String: (PageFrame, MustacheLibrary)] = [:]
            var fingerprints: [String: Fingerprint] = [:]
            for page in pages where frames[Self.key(page)] == nil {
                let frame = renderer.frame(root: PortalPaths.root(of: page.path), section: page.section)
                frames[Self.key(page)] = (frame, renderer.templates.library(for: frame))
                var digest = ValueDigest()
                for field in Mirror(reflecting: frame).children where field.label != "asset" {
                    digest.add(field.label ?? "")
                    digest.add(any: field.value)
                }
                if digest.isComplete { fingerprints[Self.key(page)] = digest.fingerprint }
            }
            self.frames = frames
            self.fingerprints = fingerprints
        }

        /// The page's key: its frame's fingerprint and every field of the page, its values among
        /// them. Nil when either cannot be read whole: such a page is always rendered.
        func key(of page: Page) -> Fingerprint? {
            guard let frame = fingerprints[Self.key(page)] else { return nil }
            var digest = ValueDigest(capacity: 16 * 1024)
            digest.add(frame)
            digest.add(any: page)
            return digest.isComplete ? digest.fingerprint : nil
        }

        subscript(page: Page) -> PageFrame { frames[Self.key(page)]!.0 }

        func entry(_ page: Page) -> (PageFrame, MustacheLibrary) { frames[Self.key(page)]! }

        private static func key(_ page: Page) -> String { "\(page.depth) \(page.section)" }
    }

    /// What a party's body template sees: its own values and `root`.
    struct BodyContext: MustacheParent {
        let root: String
        let own: any MustacheParent

        func child(named name: String) -> Any? { name == "root" ? root : own.child(named: name) }
    }

    /// The page around a party's body is the same for every party of a list but for its title,
    /// description and file name. It is rendered once per list with placeholders, so thousands of
    /// party pages each render only their body template. Lists whose shell cannot be split cleanly
    /// (a template without the `party-body` partial) render every page whole.
    struct PartyShell {
        static let title = "\u{E020}", description = "\u{E021}", name = "\u{E022}"
        enum Part { case text(String), title, description, name, body }
        /// The shell cut at its placeholders once, so filling it is plain concatenation.
        let parts: [Part]
        let root: String

        init(prefix: String, suffix: String, root: String) {
            self.root = root
            var parts: [Part] = []
            for (index, half) in [prefix, suffix].enumerated() {
                if index == 1 { parts.append(.body) }
                var literal = ""
                for scalar in half.unicodeScalars {
                    switch scalar {
                    case "\u{E020}", "\u{E021}", "\u{E022}":
                        parts.append(.text(literal))
                        literal = ""
                        parts.append(scalar == "\u{E020}" ? .title : scalar == "\u{E021}" ? .description : .name)
                    default:
                        literal.unicodeScalars.append(scalar)
                    }
                }
                parts.append(.text(literal))
            }
            self.parts = parts
        }

        func fill(_ page: Page, body: String) -> String {
            let name = String(page.path.split(separator: "/").last?.dropLast(".html".count) ?? "")
            let title = HTMLEscaping.escape(page.title), description = HTMLEscaping.escape(page.description ?? "")
            var out = ""
            out.reserveCapacity(body.utf8.count + 8192)
            for part in parts {
                switch part {
                case .text(let text): out += text
                case .title: out += title
                case .description: out += description
                case .name: out += HTMLEscaping.escape(name)
                case .body: out += body
                }
            }
            return out
        }
    }

    private func partyShells(_ pages: [Page], frames: Frames) -> [String: PartyShell] {
        var shells: [String: PartyShell] = [:]
        guard templates.has("party-body") else { return shells }
        for page in pages where page.template == "party" {
            let folder = String(page.path[..<(page.path.lastIndex(of: "/") ?? page.path.startIndex)])
            guard shells[folder] == nil else { continue }
            let sentinel = Page(path: "\(folder)/\(PartyShell.name).html", template: "party", title: PartyShell.title,
                                description: PartyShell.description, section: page.section, breadcrumbs: page.breadcrumbs,
                                values: page.values)
            let frame = frames[sentinel]
            let whole = templates.render(context(for: sentinel, frame: frame), template: "party")
            let body = templates.render(BodyContext(root: frame.root, own: sentinel.values), template: "party-body")
            guard !body.isEmpty, let range = whole.range(of: body),
                  whole[range.upperBound...].range(of: body) == nil,
                  !body.contains(PartyShell.title), !body.contains(PartyShell.name) else { continue }
            shells[folder] = PartyShell(prefix: String(whole[..<range.lowerBound]), suffix: String(whole[range.upperBound...]),
                                        root: frame.root)
        }
        return shells
    }

    // MARK: shared context

    static let navigation = [("home", "Home", "index.html"), ("guidance", "Guidance", "guidance/index.html"),
                             ("controls", "Control lists", "controls/index.html"), ("training", "Training", "training/index.html"),
                             ("glossary", "Glossary", "glossary.html")]

    /// What every page at `root` in `section` shares: `site`, `nav`, `root`, `buildDate`, the search
    /// index and A–Z paths, and the `asset` helper.
    func frame(root: String, section: String) -> PageFrame {
        let navigation = graph.partyLists.isEmpty ? Self.navigation
            : Self.navigation.dropLast() + [("parties", "Party lists", "parties/index.html"), Self.navigation.last!]
        let manifest = assets
        return PageFrame(
            root: root,
            site: SiteValues(title: graph.site.title, organisation: graph.site.organisation, language: graph.site.language,
                             description: orFalse(graph.site.description)),
            nav: navigation.map { id, title, path in NavItem(title: title, href: root + path, current: id == section) },
            buildDate: orFalse(buildDate), searchIndex: root + SearchIndex.manifestPath, azIndex: root + AtoZIndexPage.path,
            asset: MustacheLambda { text in
                let name = text.trimmed(newlines: true)
                return AssetHref(description: root + (manifest.hashedPath(for: name) ?? name))
            })
    }

    /// What the `asset` helper gives back: the asset's path from the page, printed as it is.
    /// swift-mustache parses a String that a section lambda returns as a new template, each time
    /// (about 58,000 instructions, for the three assets of the layout on every page); any other
    /// value it prints. The output is the same: a path holds no Mustache tag.
    struct AssetHref: CustomStringConvertible {
        let description: String
    }

    /// A page's frame, head (`page.*`) and breadcrumbs over its own values.
    func context(for page: Page, frame: PageFrame) -> PageContext {
        PageContext(
            frame: frame,
            head: PageHead(title: page.title,
                           fullTitle: page.path == "index.html" ? graph.site.title : "\(page.title) · \(graph.site.title)",
                           description: page.description ?? graph.site.description ?? "",
                           canonical: baseURL + Sitemap.prettyPath(page.path)),
            breadcrumbs: page.breadcrumbs.map { LinkValue(title: $0.title, href: frame.root + $0.path) },
            own: page.values)
    }

    // MARK: single pages

    func homePage() -> Page {
        let entryCount = graph.lists.reduce(0) { $0 + $1.entries.count }
        return Page(path: "index.html", template: "home", title: graph.site.title, description: graph.site.description,
                    section: "home", values: [
                        "articleCount": graph.articles.count,
                        "entryCount": entryCount,
                        "moduleCount": graph.modules.count,
                        "termCount": graph.glossary.count,
                        "articles": graph.articles.prefix(6).map { GuidancePages.summary($0.article, root: "") },
                        "lists": graph.lists.map { ControlListPages.summary($0.list) },
                        "modules": graph.modules.map { TrainingPages.summary($0.module) },
                        // The newest versions that changed something, when lists keep history.
                        "updates": hasHistory ? ListUpdates(graph: graph).all().filter { $0.path != nil }.prefix(3).map(UpdateRow.init) : [],
                        "hasUpdates": hasHistory,
                    ])
    }

    func glossaryPage() -> Page {
        var letters: [String] = []
        let terms = graph.glossary.map { term -> [String: Any] in
            let letter = String(term.term.prefix(1)).uppercased()
            let isFirst = letters.last != letter
            if isFirst { letters.append(letter) }
            return ["id": term.id, "term": term.term, "definition": term.definition.html,
                    "synonyms": term.synonyms.joined(separator: ", "), "hasSynonyms": !term.synonyms.isEmpty,
                    "letter": letter, "firstOfLetter": isFirst]
                .merging(graph.citedByValues(page: PortalPaths.glossary, anchor: term.id)) { $1 }
        }
        return Page(path: "glossary.html", template: "glossary", title: "Glossary",
                    description: "Definitions of the export-control terms used in this portal.", section: "glossary",
                    values: ["terms": terms, "letters": letters.map { ["letter": $0] }])
    }

    /// Served for any missing URL, so its links are absolute paths from the base URL.
    func notFoundPage() -> OutputFile {
        let page = Page(path: "404.html", template: "not-found", title: "Page not found", description: nil, section: "")
        let basePath = URL(string: baseURL)?.path ?? "/"
        let root = basePath.hasSuffix("/") ? basePath : basePath + "/"
        let context = context(for: page, frame: frame(root: root, section: page.section))
        return OutputFile(path: page.path, data: Data(templates.render(context, template: page.template).utf8))
    }
}

/// Strips the paragraph wrapper of a one-paragraph Markdown rendering, for inline use.
func inlineHTML(_ rendered: RenderedMarkdown) -> String {
    let html = rendered.html.trimmingCharacters(in: .whitespacesAndNewlines)
    guard html.hasPrefix("<p>"), html.hasSuffix("</p>"), html.components(separatedBy: "<p>").count == 2 else { return html }
    return String(html.dropFirst(3).dropLast(4))
}

/// Mustache treats an empty string as true, so absent or empty optional text becomes `false`
/// and `{{#summary}}<p>{{summary}}</p>{{/summary}}` renders nothing.
func orFalse(_ text: String?) -> Any {
    guard let text, !text.isEmpty else { return false }
    return text
}
