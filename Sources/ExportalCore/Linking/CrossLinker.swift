import ExportalDomain
import ExportalMarkdown
import Foundation

/// One reference found in the content: which page refers to which target, and from where.
struct CrossReference: Sendable {
    enum Via: String, Sendable {
        /// A control code in prose, linked automatically.
        case code
        /// A glossary term in prose, linked automatically on its first occurrence in a page.
        case term
        /// `[[...]]`.
        case explicit
        /// A relative Markdown link to another content file.
        case link
        /// An item of a front-matter `related:` list.
        case related
    }

    let source: PageRef
    let location: SourceLocation
    let target: LinkTarget
    let via: Via
}

/// State shared by every page of one build: the targets, the diagnostics, and what was found.
final class LinkSession {
    let targets: LinkTargets
    let report: DiagnosticSink
    /// Where diagnostics in content files are shown from, e.g. `Content`.
    let contentDisplayPath: String
    private(set) var references: [CrossReference] = []
    /// Explicit references written without a label or spaces, by their text and the page's preferred
    /// list: most are written many times, and resolving parses and allocates.
    var explicitTargets: [ExplicitKey: LinkTarget] = [:]

    struct ExplicitKey: Hashable {
        let reference: String
        let preferredList: String?
    }

    /// Anchors each page really has (headings and structural ids), for checking `#fragments`.
    var anchors: [String: Set<String>] = [:]
    private var fragmentChecks: [(page: String, fragment: String, shownAs: String, location: SourceLocation)] = []

    init(targets: LinkTargets, report: DiagnosticSink, contentDisplayPath: String) {
        self.targets = targets
        self.report = report
        self.contentDisplayPath = contentDisplayPath
    }

    func record(_ reference: CrossReference) { references.append(reference) }

    func checkFragmentLater(_ fragment: String, on page: String, shownAs: String, at location: SourceLocation) {
        fragmentChecks.append((page, fragment, shownAs, location))
    }

    /// Runs once every page has been rendered and its anchors are known.
    func checkFragments() {
        for check in fragmentChecks {
            let known = anchors[check.page] ?? []
            guard !known.contains(check.fragment) else { continue }
            let near = Suggestions.nearest(to: check.fragment, in: known.sorted())
            report.error(check.location, "unknown anchor '#\(check.fragment)' in \(check.shownAs)"
                         + (near.isEmpty ? "" : " — did you mean \(near.map { "#\($0)" }.joined(separator: ", "))?"))
        }
    }
}

/// Per-page linking state: which terms are already linked, and a counter for tooltip ids.
final class PageLinkState {
    let page: PageRef
    /// False for drafts: their references are checked but nobody links to or from them.
    let published: Bool
    /// The control list whose codes win when a bare code is in several lists.
    let preferredList: String?
    /// Terms already linked on this page, one bit per term index of `TermMatcher.ids`: tested for every match.
    private var linkedTermBits: [UInt64] = []
    private(set) var linkedTermCount = 0
    var tooltips = 0
    /// The glossary term whose own definition is being rendered; it does not link to itself.
    var ownTerm: String?
    var linksTerms = true
    /// The relative path from this page back to the portal root, and its number of `../`.
    let root: String
    let depth: Int
    /// `root` escaped for an `href`, once per page.
    let rootHTML: [UInt8]

    init(page: PageRef, published: Bool = true, preferredList: String? = nil) {
        self.page = page
        root = PortalPaths.root(from: page.path)
        rootHTML = LinkedRun.attribute(root)
        depth = root.utf8.count / 3
        self.published = published
        self.preferredList = preferredList
    }

    func isTermLinked(_ index: Int) -> Bool {
        index >> 6 < linkedTermBits.count && linkedTermBits[index >> 6] & (1 << (index & 63)) != 0
    }

    func markTermLinked(_ index: Int) {
        guard !isTermLinked(index) else { return }
        if index >> 6 >= linkedTermBits.count { linkedTermBits += Array(repeating: 0, count: index >> 6 - linkedTermBits.count + 1) }
        linkedTermBits[index >> 6] |= 1 << (index & 63)
        linkedTermCount += 1
    }
}

/// Links one Markdown text of a page: explicit `[[...]]` references, control codes, glossary
/// terms and relative links between content files. Problems are reported at their exact place
/// in the source file; a reference that does not resolve is an error, a code-shaped word that
/// names no entry is a warning.
struct CrossLinker: MarkdownLinker {
    let session: LinkSession
    let state: PageLinkState
    let source: MarkdownSource

    private var targets: LinkTargets { session.targets }
    private var page: PageRef { state.page }

    mutating func link(_ run: TextRun, into output: inout LinkedRun) -> Bool {
        let bytes = run.utf8
        guard run.context == .prose else {
            if let open = ByteSearch.firstIndex(of: Self.openBrackets, in: bytes) {
                let place = run.context == .heading ? "a heading" : "a link's text"
                session.report.error(location(run, open, length: 2), "a [[reference]] in \(place) is not linked",
                                     hint: "move the reference into the text around it")
            }
            return false
        }
        var changed = false
        var cursor = 0
        while let open = ByteSearch.firstIndex(of: Self.openBrackets, in: bytes, from: cursor) {
            guard let close = ByteSearch.firstIndex(of: Self.closeBrackets, in: bytes, from: open + 2) else {
                session.report.error(location(run, open, length: 2), "unclosed reference: '[[' without ']]'")
                break
            }
            changed = autolink(bytes, cursor..<open, run: run, into: &output) || changed
            if explicitReference(bytes, open..<(close + 2), run: run, into: &output) {
                changed = true
            } else {
                output.appendText(open..<(close + 2))
            }
            cursor = close + 2
        }
        changed = autolink(bytes, cursor..<bytes.count, run: run, into: &output) || changed
        return changed
    }

    private static let openBrackets: [UInt8] = Array("[[".utf8)
    private static let closeBrackets: [UInt8] = Array("]]".utf8)

    /// Writes the link for `[[...]]` at `range`; false (with an error reported) when it does not resolve.
    private mutating func explicitReference(_ bytes: [UInt8], _ range: Range<Int>, run: TextRun, into output: inout LinkedRun) -> Bool {
        let inner = (range.lowerBound + 2)..<(range.upperBound - 2)
        // The common `[[CODE]]` and `[[kind:slug]]`: no label, newline or padding, so the reference is
        // the inner text itself and its resolution can be reused.
        let plain = !inner.isEmpty && bytes[inner].allSatisfy { $0 != UInt8(ascii: "|") && $0 != 10 }
            && ![32, 9].contains(bytes[inner.lowerBound]) && ![32, 9].contains(bytes[inner.upperBound - 1])
        var key: LinkSession.ExplicitKey?
        if plain {
            key = LinkSession.ExplicitKey(reference: String(decoding: bytes[inner], as: UTF8.self), preferredList: state.preferredList)
            if let key, let target = session.explicitTargets[key] {
                element(for: target, label: .text(target.title), via: .explicit,
                        at: location(run, range.lowerBound, length: inner.upperBound - range.lowerBound), into: &output)
                return true
            }
        }
        // A plain reference is its own text, with nothing to split off or trim.
        let (reference, label) = key.map { ($0.reference, String?.none) }
            ?? Self.splitLabel(String(decoding: bytes[inner].map { $0 == 10 ? 32 : $0 }, as: UTF8.self))
        let here = key == nil ? location(run, range.lowerBound, "[[" + reference)
            : location(run, range.lowerBound, length: inner.upperBound - range.lowerBound)
        switch targets.resolve(reference, preferredList: state.preferredList) {
        case .success(let target):
            if let key { session.explicitTargets[key] = target }
            element(for: target, label: .text(label ?? target.title), via: .explicit, at: here, into: &output)
            return true
        case .failure(.message(let message, let hint)):
            session.report.error(here, message, hint: hint)
            return false
        }
    }

    static func splitLabel(_ inner: String) -> (String, String?) {
        guard let bar = inner.utf8.firstIndex(of: UInt8(ascii: "|")) else { return (inner.trimmingWhitespace(), nil) }
        let label = inner[inner.index(after: bar)...].trimmingWhitespace()
        return (inner[..<bar].trimmingWhitespace(), label.isEmpty ? nil : label)
    }

    /// Links control codes, then glossary terms in the text between them. Returns whether anything was linked.
    private mutating func autolink(_ bytes: [UInt8], _ range: Range<Int>, run: TextRun, into output: inout LinkedRun) -> Bool {
        guard !range.isEmpty else { return false }
        var changed = false
        var cursor = range.lowerBound
        for token in CodeScanner.tokens(in: bytes, range) {
            let tokenRange = token.utf8Offset..<(token.utf8Offset + token.utf8Length)
            guard let found = targets.codes[token.text] else {
                session.report.warning(location(run, token.utf8Offset, length: token.utf8Length),
                                       targets.unknownCode(token.text, "control code '%@' names no loaded entry and is not linked"),
                                       hint: "write it in `backticks` if it is not meant to name an entry")
                continue
            }
            let target = found.count == 1 ? found[0]
                : found.first(where: { $0.page.hasPrefix("controls/\(state.preferredList ?? "")/") }) ?? found[0]
            changed = linkTerms(bytes, cursor..<token.utf8Offset, run: run, into: &output) || changed
            element(for: target, label: .run(tokenRange), via: .code,
                    at: location(run, token.utf8Offset, length: token.utf8Length), into: &output)
            changed = true
            cursor = tokenRange.upperBound
        }
        changed = linkTerms(bytes, cursor..<range.upperBound, run: run, into: &output) || changed
        return changed
    }

    /// Links the first occurrence on this page of each glossary term; everything else stays text.
    private mutating func linkTerms(_ bytes: [UInt8], _ range: Range<Int>, run: TextRun, into output: inout LinkedRun) -> Bool {
        guard !range.isEmpty else { return false }
        var changed = false
        var cursor = range.lowerBound
        let targets = session.targets
        if state.linksTerms, state.linkedTermCount < targets.terms.count {
            let ownTerm = state.ownTerm.flatMap { targets.termIndex[$0] }
            for match in targets.termMatcher.indexedMatches(in: bytes, range)
            where !state.isTermLinked(match.term) && match.term != ownTerm {
                guard let termTarget = targets.termTargetsByIndex[match.term] else { continue }
                let start = match.utf8Offset, end = start + match.utf8Length
                // The position is looked up by the label's first line.
                let firstLine = bytes[start..<end].firstIndex(of: 10) ?? end
                if cursor < start { output.appendText(cursor..<start) }
                element(for: termTarget, label: .run(start..<end), via: .term,
                        at: location(run, start, length: firstLine - start), term: match.term, into: &output)
                cursor = end
                changed = true
            }
        }
        if cursor < range.upperBound { output.appendText(cursor..<range.upperBound) }
        return changed
    }

    /// A link's label: text of its own, or bytes of the run.
    private enum Label {
        case text(String)
        case run(Range<Int>)
    }

    /// Writes the HTML for a link to `target`, recording the reference. `term` is the target's term
    /// index when the caller knows it, which saves looking its id up.
    private mutating func element(for target: LinkTarget, label: Label, via: CrossReference.Via, at location: SourceLocation,
                                  term: Int? = nil, into output: inout LinkedRun) {
        var target = target
        if target.page == page.path && target.anchor == nil {
            // An entry's code on its own page leads to its heading; other pages do not link to themselves.
            guard target.kind == .entry else {
                switch label {
                case .text(let text): output.appendText(text)
                case .run(let range): output.appendText(range)
                }
                return
            }
            target = target.at(target.id)
        }
        if state.published { session.record(CrossReference(source: page, location: location, target: target, via: via)) }
        // `<a class="ref ref-KIND" href="HREF" title="TOOLTIP">LABEL</a>`, the title for entries only; a term
        // with a tooltip is wrapped with its tooltip, which the link names by a number unique on the page.
        // Written piece by piece into the run's HTML from bytes each target keeps: nothing is built or escaped per link.
        let samePage = target.page == page.path
        let termTip = target.kind == .term ? target.tooltip : nil
        var tooltipID = ""
        if target.kind == .term {
            if let index = term ?? targets.termIndex[target.id] { state.markTermLinked(index) }
            if termTip != nil {
                state.tooltips += 1
                tooltipID = String(state.tooltips)
                output.appendRaw("<span class=\"term-ref\">")
            }
        }
        output.appendRaw(target.linkHead)
        if !samePage {
            // The tag's bytes were made with the target: only the root is the page's own.
            output.appendRaw(state.rootHTML)
            output.appendRaw(target.linkTail)
        } else {
            output.appendRaw("#")
            if let anchor = target.anchor { output.appendAttribute(anchor) }
            output.appendRaw("\"")
            if target.kind == .entry, let tooltip = target.tooltip {
                output.appendRaw(" title=\"")
                output.appendAttribute(tooltip)
                output.appendRaw("\"")
            }
        }
        if termTip != nil {
            output.appendRaw(" aria-describedby=\"termtip-")
            output.appendRaw(tooltipID)
            output.appendRaw("\"")
        }
        output.appendRaw(">")
        switch label {
        case .text(let text): output.appendLabel(text)
        case .run(let range): output.appendLabel(range)
        }
        output.appendRaw("</a>")
        if termTip != nil {
            output.appendRaw("<span class=\"term-tip\" role=\"tooltip\" id=\"termtip-")
            output.appendRaw(tooltipID)
            output.appendRaw("\">")
            output.appendRaw(target.tipHTML)
            output.appendRaw("</span></span>")
        }
    }

    // MARK: relative links

    mutating func destination(forLink url: String, at position: MarkdownPosition) -> String? {
        let here = source.location(line: position.line, column: position.column)
        if url.hasPrefix("#") {
            if state.published {
                session.checkFragmentLater(String(url.dropFirst()), on: page.path, shownAs: "this page", at: here)
            }
            return nil
        }
        guard !Self.isAbsolute(url) else { return nil }
        let (pathPart, fragment) = Self.splitFragment(url)
        guard let resolved = resolveRelative(pathPart) else {
            session.report.error(here, "link '\(url)' leads outside the content folder")
            return nil
        }
        guard let target = targets.contentPages[resolved] ?? targets.contentPages[resolved + "/module.yml"]
                ?? targets.contentPages[resolved + "/list.yml"] else {
            let near = Suggestions.nearest(to: resolved, in: targets.contentPages.keys.sorted())
            session.report.error(here, "link '\(url)' does not lead to a page of the portal"
                                 + (near.isEmpty ? "" : " — did you mean \(near.joined(separator: ", "))?"),
                                 hint: "link to a content file (.md, module.yml, quiz.yml, list.yml, glossary.yml) or use an absolute URL")
            return nil
        }
        if let fragment {
            session.checkFragmentLater(fragment, on: target.page, shownAs: resolved, at: here)
        }
        let linkTarget = LinkTarget(kind: target.kind, id: target.id, page: target.page, anchor: fragment, title: target.title,
                                    tooltip: nil)
        if state.published { session.record(CrossReference(source: page, location: here, target: linkTarget, via: .link)) }
        return PortalPaths.href(from: page.path, to: target.page, anchor: fragment)
    }

    static func isAbsolute(_ url: String) -> Bool {
        if url.hasPrefix("/") { return true }
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        return !scheme.isEmpty && !scheme.contains("/") && scheme.first?.isLetter == true
    }

    static func splitFragment(_ url: String) -> (String, String?) {
        let withoutQuery = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard let hash = url.firstIndex(of: "#") else { return (String(withoutQuery), nil) }
        let path = String(url[..<hash]).split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let fragment = String(url[url.index(after: hash)...])
        return (String(path), fragment.isEmpty ? nil : (fragment.removingPercentEncoding ?? fragment))
    }

    /// The content-relative path `relative` leads to from this source file; nil when it leaves the folder.
    private func resolveRelative(_ relative: String) -> String? {
        let prefix = session.contentDisplayPath.isEmpty ? "" : session.contentDisplayPath + "/"
        let file = source.file.hasPrefix(prefix) ? String(source.file.dropFirst(prefix.count)) : source.file
        var parts = file.split(separator: "/").dropLast().map(String.init)
        let decoded = relative.removingPercentEncoding ?? relative
        for part in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    // MARK: helpers

    private func location(_ run: TextRun, _ offset: Int, _ needle: String) -> SourceLocation {
        let position = run.position(ofUTF8Offset: offset, needle: needle)
        return source.location(line: position.line, column: position.column)
    }

    /// The location of the run's own bytes at `offset`, which are the needle: no String is made.
    private func location(_ run: TextRun, _ offset: Int, length: Int) -> SourceLocation {
        let position = run.position(ofUTF8Offset: offset, length: length)
        return source.location(line: position.line, column: position.column)
    }

}
