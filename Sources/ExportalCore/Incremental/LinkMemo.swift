import ExportalDomain
import ExportalMarkdown
import Foundation

/// `serve`'s linked pages: a rebuild renders and links again only the pages whose texts changed
/// or whose links would show something else, and takes every other page's linking from the last
/// build.
///
/// Linking a page reads its own texts and, of the rest of the portal, two things: the names a
/// reference can be written with and where each leads (`LinkTargets.namesFingerprint`: codes,
/// terms and their synonyms, modules, lessons, content files), and how each target it leads to
/// looks (title, tooltip). A page is kept by its texts and the names; it is taken again while every
/// target its references lead to looks as it did (`LinkTargets.shownTargets`). Editing an article's
/// summary thus links again the pages that link to it; a glossary definition, the pages whose
/// tooltips show it; a new term, every page, since any text may now name it.
///
/// What a kept page recorded (its references, the `#fragment`s to check, its diagnostics) is
/// recorded again in its place, so the graph and the report are a clean build's.
/// `IncrementalBuildTests` compares both after every edit of its walk.
package final class LinkMemo: @unchecked Sendable {
    private let pages: CarriedMemo<Fingerprint, LinkedPage>
    private let lock = NSLock()
    private var linked: [String] = []

    package init(after earlier: LinkMemo? = nil) {
        pages = CarriedMemo(after: earlier?.pages)
    }

    func forgetEarlier() { pages.forgetEarlier() }

    /// How many pages this build linked rather than took from the last build.
    var linkedCount: Int { lock.withLock { linked.count } }

    /// The paths of the pages this build linked, sorted.
    var linkedPages: [String] { lock.withLock { linked.sorted() } }

    /// What the pages of one build are linked against: the names, and how the targets look.
    struct Build {
        let names: Fingerprint
        let shown: Set<TargetLook>

        /// Whether `target` looks in this build as it did when a page was linked to it, asked of
        /// each object once per run of pages (`looks` is the run's own).
        func shows(_ target: LinkTarget, looks: inout [ObjectIdentifier: Bool]) -> Bool {
            if let known = looks[ObjectIdentifier(target)] { return known }
            let shows = shown.contains(TargetLook(target))
            looks[ObjectIdentifier(target)] = shows
            return shows
        }

        init(targets: LinkTargets, allowRawHTML: Bool, contentDisplayPath: String) {
            var digest = ValueDigest()
            digest.add("exportal link memo 1")
            digest.add(targets.namesFingerprint)
            digest.add(allowRawHTML)
            digest.add(contentDisplayPath)
            names = digest.fingerprint
            shown = targets.shownTargets
        }
    }

    /// The page's linking from the last build when it is `key`'s and `reusable` accepts it, else
    /// `link()`; `reused` says which.
    func page(_ path: String, key: Fingerprint, reusable: (LinkedPage) -> Bool, link: () -> LinkedPage) -> (page: LinkedPage, reused: Bool) {
        let found = pages.value(for: key, reusable: reusable, make: link)
        if !found.reused { noteLinked(path) }
        return (found.value, found.reused)
    }

    /// A page this build linked; a draft (whose references are not recorded) never goes through `page`.
    func noteLinked(_ path: String) {
        lock.withLock { linked.append(path) }
    }

    /// Everything of `page` that linking it reads, with the build's names.
    static func key(of page: PagePlan.PlannedPage, in build: Build) -> Fingerprint {
        var digest = ValueDigest(capacity: 8 * 1024)
        digest.add(build.names)
        digest.add(page.ref.path)
        digest.add(page.ref.title)
        digest.add(page.ref.kind.rawValue)
        digest.add(page.published)
        add(page.list, to: &digest)
        digest.add(page.sources.count)
        for part in page.sources {
            part.source.digest(into: &digest)
            add(part.title, to: &digest)
            add(part.ownTerm, to: &digest)
        }
        return digest.fingerprint
    }

    private static func add(_ text: String?, to digest: inout ValueDigest) {
        digest.add(text != nil)
        digest.add(text ?? "")
    }
}

/// What linking one page gave, for a later build to take again (`LinkMemo`).
struct LinkedPage {
    /// Each of the page's texts, rendered and linked, in the plan's order.
    let rendered: [RenderedMarkdown]
    /// Its references, in the order they were recorded.
    let references: [CrossReference]
    let fragments: [LinkSession.FragmentCheck]
    /// What rendering and linking its texts reported.
    let diagnostics: [Diagnostic]
    /// The targets its references lead to, each object once.
    let targets: [LinkTarget]
    /// Whether a later build may take it: a published page (a draft's references are not recorded,
    /// so what it depends on is not known), with no error, whose texts were rendered for it (a text
    /// met twice in one run of pages is rendered for the first page only).
    let keepable: Bool

    /// Whether a build that shows its targets as `shows` does shows this page's links as it was
    /// linked. Pages share their target objects, so `shows` is asked once per object.
    func reusable(shows: (LinkTarget) -> Bool) -> Bool {
        keepable && targets.allSatisfy(shows)
    }

    /// The distinct objects among `references`' targets.
    static func targets(of references: [CrossReference]) -> [LinkTarget] {
        var seen = Set<ObjectIdentifier>()
        return references.map(\.target).filter { seen.insert(ObjectIdentifier($0)).inserted }
    }
}
