import ExportalDomain
import ExportalMarkdown
import Foundation

/// One reference found in the content: which page refers to which target, and from where.
package struct CrossReference: Sendable {
    package enum Via: String, Sendable, BitwiseCopyable {
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

    package let source: PageRef
    let location: SourceLocation
    package let target: LinkTarget
    package let via: Via
}

/// State shared by the pages that one thread links: the targets, the diagnostics, and what was
/// found. A build links its pages in runs, a session each (`ContentGraph.resolve`), and merges
/// what the sessions found (`references(of:)`).
final class LinkSession {
    let targets: LinkTargets
    /// The session's own copy of `targets.table`, which linking numbers new targets into.
    let table: TargetTable
    let report: DiagnosticSink
    /// Where diagnostics in content files are shown from, e.g. `Content`.
    let contentDisplayPath: String
    /// Every reference, as plain numbers (of the page, the source file and the target in
    /// `targets.table`): a large portal has a hundred thousand, and a `CrossReference` for each (two
    /// strings, a page and a target retained, and a bigger array to grow) cost more than finding
    /// them. `references` sorts them by numbers and makes the full values once.
    private var found: [FoundReference] = []
    /// The pages and source files that `found` numbers. One may have several numbers (a page's own
    /// state numbers it apart from the other references to it, and a file read again after another
    /// gets a new one): `references` ranks them by their paths, so the numbers only need to be cheap.
    private var pages: [PageRef] = []
    private var pageNumbers: [ObjectIdentifier: Int32] = [:]
    private var files: [String] = []
    private var lastFile: (name: String, number: Int32)?
    /// Explicit references written without a label or spaces, by their bytes, one table per
    /// preferred list: most are written many times, and resolving parses and allocates.
    private var explicitCaches: [String: ExplicitCache] = [:]

    struct FoundReference {
        let target: Int32
        let page: Int32
        let file: Int32
        let line: Int32
        let column: Int32
        let via: CrossReference.Via
    }

    /// Relative links already resolved, by the file they are written in and their text.
    var relativeLinks: [RelativeLink: ResolvedLink] = [:]

    /// Anchors each page really has (headings and structural ids), for checking `#fragments`.
    var anchors: [String: Set<String>] = [:]
    private var fragmentChecks: [FragmentCheck] = []

    /// A `#fragment` to look for on `page` once every page's anchors are known.
    typealias FragmentCheck = (page: String, fragment: String, shownAs: String, location: SourceLocation)

    /// How far the session's records go, for `LinkMemo` to take one page's share of them.
    struct Mark {
        let found: Int
        let fragments: Int
    }

    var mark: Mark { Mark(found: found.count, fragments: fragmentChecks.count) }

    /// The references recorded since `mark`, in the order they were recorded.
    func references(since mark: Mark) -> [CrossReference] {
        found[mark.found...].map { reference in
            CrossReference(source: pages[Int(reference.page)],
                           location: SourceLocation(file: files[Int(reference.file)], line: Int(reference.line), column: Int(reference.column)),
                           target: table.target(reference.target), via: reference.via)
        }
    }

    func fragmentChecks(since mark: Mark) -> [FragmentCheck] { Array(fragmentChecks[mark.fragments...]) }

    /// Records again what linking a page recorded in an earlier build (`LinkMemo`), as from `page`.
    func replay(_ references: [CrossReference], from page: PageRef, fragments: [FragmentCheck]) {
        for reference in references {
            record(CrossReference(source: page, location: reference.location, target: reference.target, via: reference.via))
        }
        fragmentChecks += fragments
    }

    init(targets: LinkTargets, report: DiagnosticSink, contentDisplayPath: String) {
        self.targets = targets
        table = targets.table.copy()
        self.report = report
        self.contentDisplayPath = contentDisplayPath
        // Grown from empty, the table was rehashed at 1, 2, 4, 8... links, and each rehash hashed every
        // file and URL again: more than resolving the links themselves.
        relativeLinks.reserveCapacity(256)
    }

    /// Every reference the sessions recorded, in `CrossReferences` order: by source page path,
    /// file, line, column, target page and anchor, and in the order of the sessions and of
    /// recording when all of these are equal. Each distinct page, file and target is ranked by its
    /// strings once, so the sort compares integers.
    static func references(of sessions: [LinkSession]) -> [CrossReference] {
        // Each session numbers its pages, files and targets from 0: numbered here one after another.
        var pages: [PageRef] = [], files: [String] = [], targets: [LinkTarget] = []
        var found: [(reference: FoundReference, page: Int, file: Int, target: Int)] = []
        for session in sessions {
            let pageBase = pages.count, fileBase = files.count
            pages += session.pages
            files += session.files
            // Only the targets the session's references lead to: its table holds every target of
            // the portal, and ranking them all again for each session cost more than the rest.
            let table = session.table.targets
            var number = [Int](repeating: -1, count: table.count)
            for reference in session.found {
                let local = Int(reference.target)
                if number[local] < 0 {
                    number[local] = targets.count
                    targets.append(table[local])
                }
                found.append((reference, pageBase + Int(reference.page), fileBase + Int(reference.file), number[local]))
            }
        }
        let pageRank = ranks(pages.map(\.path))
        let fileRank = ranks(files)
        let targetRank = ranks(targets.map { TargetPlace(page: $0.page, anchor: $0.anchor ?? "") })
        let keys = found.map { reference in
            (pageRank[reference.page], fileRank[reference.file], Int(reference.reference.line), Int(reference.reference.column),
             targetRank[reference.target])
        }
        return found.indices.sorted { a, b in keys[a] != keys[b] ? keys[a] < keys[b] : a < b }.map { index in
            let (reference, page, file, target) = found[index]
            return CrossReference(source: pages[page],
                                  location: SourceLocation(file: files[file], line: Int(reference.line), column: Int(reference.column)),
                                  target: targets[target], via: reference.via)
        }
    }

    private struct TargetPlace: Comparable {
        let page: String
        let anchor: String
        static func < (a: Self, b: Self) -> Bool { (a.page, a.anchor) < (b.page, b.anchor) }
    }

    /// The rank of each value among `values` in ascending order, equal values ranked equal.
    private static func ranks<Value: Comparable>(_ values: [Value]) -> [Int] {
        var ranks = [Int](repeating: 0, count: values.count)
        let order = values.indices.sorted { values[$0] < values[$1] }
        var rank = 0
        for (position, index) in order.enumerated() {
            if position > 0 && values[order[position - 1]] < values[index] { rank += 1 }
            ranks[index] = rank
        }
        return ranks
    }

    /// A reference made elsewhere than in prose (`related:` lists, links between files).
    func record(_ reference: CrossReference) {
        record(table.number(of: reference.target), page: number(of: reference.source),
               file: number(ofFile: reference.location.file), line: reference.location.line, column: reference.location.column,
               via: reference.via)
    }

    @inline(__always)
    func record(_ target: Int32, page: Int32, file: Int32, line: Int, column: Int, via: CrossReference.Via) {
        found.append(FoundReference(target: target, page: page, file: file, line: Int32(truncatingIfNeeded: line),
                                    column: Int32(truncatingIfNeeded: column), via: via))
    }

    /// The number `found` gives the page of `state`, kept in the state: a page is linked once, so
    /// its state numbers it without looking it up.
    func number(of state: PageLinkState) -> Int32 {
        if state.number < 0 {
            state.number = Int32(pages.count)
            pages.append(state.page)
        }
        return state.number
    }

    func number(of page: PageRef) -> Int32 {
        if let known = pageNumbers[ObjectIdentifier(page)] { return known }
        let number = Int32(pages.count)
        pageNumbers[ObjectIdentifier(page)] = number
        pages.append(page)
        return number
    }

    /// The number `found` gives a source file.
    func number(ofFile file: String) -> Int32 {
        // Texts come file by file (a list's entries, a module's lessons): most ask for the file before.
        if let last = lastFile, last.name == file { return last.number }
        let number = Int32(files.count)
        files.append(file)
        lastFile = (file, number)
        return number
    }

    func explicitCache(for preferredList: String?) -> ExplicitCache {
        if let cache = explicitCaches[preferredList ?? ""] { return cache }
        let cache = ExplicitCache()
        explicitCaches[preferredList ?? ""] = cache
        return cache
    }

    func checkFragmentLater(_ fragment: String, on page: String, shownAs: String, at location: SourceLocation) {
        fragmentChecks.append((page, fragment, shownAs, location))
    }

    /// Runs once every page has been rendered and its anchors, `anchors` of every session, are
    /// known; reports to `report`, so that these come after every session's other diagnostics.
    func checkFragments(anchors: [String: Set<String>], report: DiagnosticSink) {
        for check in fragmentChecks {
            let known = anchors[check.page] ?? []
            guard !known.contains(check.fragment) else { continue }
            let near = Suggestions.nearest(to: check.fragment, in: known.sorted())
            report.error(check.location, "unknown anchor '#\(check.fragment)' in \(check.shownAs)"
                         + (near.isEmpty ? "" : " — did you mean \(near.map { "#\($0)" }.joined(separator: ", "))?"))
        }
    }
}

/// A relative Markdown link as written, and the file it is written in.
struct RelativeLink: Hashable {
    let file: String
    let url: String
}

/// Where a relative link leads: its target (with the link's `#fragment` as anchor) and the
/// content path that diagnostics about the fragment name.
struct ResolvedLink {
    let target: LinkTarget
    let shownAs: String
}

/// Resolved `[[reference]]` texts by their bytes (see `LinkSession.explicitCaches`).
final class ExplicitCache {
    var keys = ByteKeyTable()
    /// Target numbers, by key.
    var targets: [Int32] = []
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
    /// The start of a link from this page to each kind of target, up to the target's own part of
    /// its `href`: `<a class="ref ref-KIND" href="ROOT`, ROOT escaped, made once per page and
    /// written with one copy: the starts one after another, and where each ends
    /// (`LinkTarget.Kind.number`, then `termWithTipStart`).
    private let linkStarts: [UInt8]
    private let linkStartEnds: [Int]
    /// The page's number in its session's found references; -1 until it has one.
    var number: Int32 = -1
    /// Its session's resolved explicit references for `preferredList`, fetched on first use.
    var explicitCache: ExplicitCache?

    init(page: PageRef, published: Bool = true, preferredList: String? = nil) {
        self.page = page
        // The relative path from this page back to the portal root, escaped for an `href`.
        let root = LinkedRun.attribute(PortalPaths.root(from: page.path))
        var starts: [UInt8] = [], ends: [Int] = []
        // Each kind in turn, then a term shown with its tooltip, in the span that holds both.
        let kinds = LinkTarget.Kind.allCases.sorted { $0.number < $1.number }.map { ("", $0) } + [("<span class=\"term-ref\">", .term)]
        for (before, kind) in kinds {
            let head = CrossLinker.linkHead(kind)
            starts += Array(before.utf8) + UnsafeBufferPointer(start: head.utf8Start, count: head.utf8CodeUnitCount) + root
            ends.append(starts.count)
        }
        linkStarts = starts
        linkStartEnds = ends
        self.published = published
        self.preferredList = preferredList
    }

    /// `<a class="ref ref-KIND" href="ROOT` for a target of `kind`.
    func linkStart(_ kind: LinkTarget.Kind) -> ArraySlice<UInt8> {
        linkStart(number: kind.number)
    }

    /// `<span class="term-ref"><a class="ref ref-term" href="ROOT`, for a term with its tooltip.
    var termWithTipStart: ArraySlice<UInt8> { linkStart(number: Self.termWithTipNumber) }
    private static let termWithTipNumber = LinkTarget.Kind.allCases.count

    private func linkStart(number: Int) -> ArraySlice<UInt8> {
        linkStarts[(number > 0 ? linkStartEnds[number - 1] : 0)..<linkStartEnds[number]]
    }

    func isTermLinked(_ index: Int) -> Bool {
        index >> 6 < linkedTermBits.count && linkedTermBits[index >> 6] & (1 << (index & 63)) != 0
    }

    /// Makes room for `count` terms at once, so marking them never grows the bits.
    func reserveTerms(_ count: Int) {
        let words = (count + 63) >> 6
        if linkedTermBits.count < words { linkedTermBits += Array(repeating: 0, count: words - linkedTermBits.count) }
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
///
/// It runs for every run of text in the portal, so it works on the run's bytes: codes and
/// references are looked up by their bytes (`ByteKeyTable`), and nothing is allocated per run.
struct CrossLinker: MarkdownLinker {
    let session: LinkSession
    let state: PageLinkState
    let source: MarkdownSource
    private let targets: LinkTargets
    private let table: TargetTable
    /// Copies of the tables read for every run and word (their storage shared), so that a lookup
    /// reads them straight from the linker.
    private let codes: CodeTable
    private let pageReferences: PageReferenceTable
    private let termMatcher: TermMatcher
    private let termNumbers: [Int32]
    private let termCount: Int
    /// The number of this page in `table`.
    private let pageNumber: Int32
    /// The term of `state.ownTerm`, by its matcher index.
    private let ownTerm: Int?
    /// Reused by every run: the term matches of the text being linked.
    private var termMatches: [TermMatcher.IndexedMatch] = []
    /// The source file's and the page's numbers in the session's references, once they have them.
    private var file: Int32 = -1
    private var recordedPage: Int32 = -1

    init(session: LinkSession, state: PageLinkState, source: MarkdownSource) {
        self.session = session
        self.state = state
        self.source = source
        targets = session.targets
        table = session.table
        codes = targets.codeTable
        pageReferences = targets.pageReferences
        termMatcher = targets.termMatcher
        termNumbers = targets.termNumbers
        termCount = targets.termCount
        pageNumber = table.page(state.page.path)
        ownTerm = state.ownTerm.flatMap { session.targets.termIndex[$0] }
        state.reserveTerms(termCount)
    }

    private var page: PageRef { state.page }

    mutating func link(_ run: TextRun, into output: inout LinkedRun) -> Bool {
        let bytes = run.utf8
        guard run.context == .prose else {
            if let open = ByteSearch.doubleBracket(in: bytes, from: 0) {
                let place = run.context == .heading ? "a heading" : "a link's text"
                session.report.error(location(run, open, length: 2), "a [[reference]] in \(place) is not linked",
                                     hint: "move the reference into the text around it")
            }
            return false
        }
        var changed = false
        var cursor = 0
        while let open = ByteSearch.doubleBracket(in: bytes, from: cursor) {
            guard let close = ByteSearch.firstIndex(of: Self.closeBrackets, in: bytes, from: open + 2) else {
                session.report.error(location(run, open, length: 2), "unclosed reference: '[[' without ']]'")
                break
            }
            changed = autolink(run, cursor..<open, into: &output) || changed
            if explicitReference(run, open..<(close + 2), into: &output) {
                changed = true
            } else {
                output.appendText(open..<(close + 2))
            }
            cursor = close + 2
        }
        changed = autolink(run, cursor..<bytes.count, into: &output) || changed
        return changed
    }

    private static let closeBrackets: StaticString = "]]"

    /// Writes the link for `[[...]]` at `range`; false (with an error reported) when it does not resolve.
    private mutating func explicitReference(_ run: TextRun, _ range: Range<Int>, into output: inout LinkedRun) -> Bool {
        let bytes = run.utf8
        let inner = (range.lowerBound + 2)..<(range.upperBound - 2)
        // The common `[[CODE]]` and `[[kind:slug]]`: no label, newline or padding, so the reference is
        // the inner text itself and its resolution can be reused.
        let plain = !inner.isEmpty && !bytes[inner].contains(where: { $0 == UInt8(ascii: "|") || $0 == 10 })
            && !Self.isBlank(bytes[inner.lowerBound]) && !Self.isBlank(bytes[inner.upperBound - 1])
        let key = UnsafeBufferPointer(rebasing: bytes[inner])
        var cache: ExplicitCache?
        // A plain reference is located by its own bytes, once, whichever way it resolves.
        let plainHere = plain ? position(run, range.lowerBound, length: inner.upperBound - range.lowerBound) : nil
        if let here = plainHere {
            // A bare code that a list has, or an article, module or lesson, each resolved as `resolve`
            // would resolve it, without parsing: their own tables answer in one lookup. A code's
            // title is the code, which the reference spells: its label is the run's own bytes.
            if let code = codes.target(key, preferredList: state.preferredList, in: table) {
                element(code.number, entry: code.entry, label: .run(inner), via: .explicit, at: here, into: &output)
                return true
            }
            if let page = pageReferences.target(key) {
                element(page, label: .title, via: .explicit, at: here, into: &output)
                return true
            }
            // Any other reference seen before.
            cache = state.explicitCache ?? session.explicitCache(for: state.preferredList)
            state.explicitCache = cache
            if let cache, let known = cache.keys.index(of: key).map({ cache.targets[$0] }) {
                element(known, label: .title, via: .explicit, at: here, into: &output)
                return true
            }
        }
        // A plain reference is its own text, with nothing to split off or trim.
        let (reference, label) = plain ? (String(decoding: key, as: UTF8.self), String?.none)
            : Self.splitLabel(String(decoding: bytes[inner].map { $0 == 10 ? 32 : $0 }, as: UTF8.self))
        let here = plainHere ?? position(run, range.lowerBound, "[[" + reference)
        switch targets.resolve(reference, preferredList: state.preferredList) {
        case .success(let target):
            let number = table.number(of: target)
            if let cache {
                cache.keys.insert(key)
                cache.targets.append(number)
            }
            element(number, label: label.map(Label.text) ?? .title, via: .explicit, at: here, into: &output)
            return true
        case .failure(.message(let message, let hint, let kind)):
            session.report.error(SourceLocation(file: source.file, line: here.line, column: here.column), message, hint: hint, refersTo: kind)
            return false
        }
    }

    /// A space or a tab.
    private static func isBlank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 }

    static func splitLabel(_ inner: String) -> (String, String?) {
        guard let bar = inner.utf8.firstIndex(of: UInt8(ascii: "|")) else { return (inner.trimmingWhitespace(), nil) }
        let label = inner[inner.index(after: bar)...].trimmingWhitespace()
        return (inner[..<bar].trimmingWhitespace(), label.isEmpty ? nil : label)
    }

    /// Links control codes, then glossary terms in the text between them. Returns whether anything was linked.
    private mutating func autolink(_ run: TextRun, _ range: Range<Int>, into output: inout LinkedRun) -> Bool {
        guard !range.isEmpty else { return false }
        var changed = false
        var cursor = range.lowerBound
        // The terms are written once the code is known to link; before a code that names no entry,
        // the text goes on to the next code, and its terms are found again from the same place.
        var next = CodeScanner.nextToken(in: run.utf8, range, from: range.lowerBound)
        while let token = next {
            let code = UnsafeBufferPointer(rebasing: run.utf8[token])
            findTerms(run, cursor..<token.lowerBound)
            next = CodeScanner.nextToken(in: run.utf8, range, from: token.upperBound)
            guard let target = codes.target(code, preferredList: state.preferredList, in: table) else {
                let text = String(decoding: code, as: UTF8.self)
                session.report.warning(location(run, token.lowerBound, length: token.count),
                                       targets.unknownCode(text, "control code '%@' names no loaded entry and is not linked"),
                                       hint: "write it in `backticks` if it is not meant to name an entry", refersTo: .controls)
                continue
            }
            changed = writeTerms(run, cursor..<token.lowerBound, into: &output) || changed
            element(target.number, entry: target.entry, label: .run(token), via: .code, at: position(run, token.lowerBound, length: token.count), into: &output)
            changed = true
            cursor = token.upperBound
        }
        changed = linkTerms(run, cursor..<range.upperBound, into: &output) || changed
        return changed
    }

    /// Links the first occurrence on this page of each glossary term; everything else stays text.
    private mutating func linkTerms(_ run: TextRun, _ range: Range<Int>, into output: inout LinkedRun) -> Bool {
        findTerms(run, range)
        return writeTerms(run, range, into: &output)
    }

    /// Finds the glossary terms in `range` into `termMatches`: none once this page links no more terms.
    private mutating func findTerms(_ run: TextRun, _ range: Range<Int>) {
        if !termMatches.isEmpty { termMatches.removeAll(keepingCapacity: true) }
        guard !range.isEmpty, state.linksTerms, state.linkedTermCount < termCount else { return }
        termMatcher.indexedMatches(in: run.utf8, range, into: &termMatches)
    }

    /// Writes `range` with the first occurrence on this page of each term `findTerms` found in it linked.
    private mutating func writeTerms(_ run: TextRun, _ range: Range<Int>, into output: inout LinkedRun) -> Bool {
        guard !range.isEmpty else { return false }
        var changed = false
        var cursor = range.lowerBound
        for index in termMatches.indices {
            let match = termMatches[index]
            let termTarget = termNumbers[match.term]
            guard termTarget >= 0, !state.isTermLinked(match.term), match.term != ownTerm else { continue }
            let start = match.utf8Offset, end = start + match.utf8Length
            // The position is looked up by the label's first line.
            let firstLine = run.utf8[start..<end].firstIndex(of: 10) ?? end
            if cursor < start { output.appendText(cursor..<start) }
            element(termTarget, label: .run(start..<end), via: .term,
                    at: position(run, start, length: firstLine - start), term: match.term, into: &output)
            cursor = end
            changed = true
        }
        if cursor < range.upperBound { output.appendText(cursor..<range.upperBound) }
        return changed
    }

    /// A link's label: text of its own, bytes of the run, or the target's title.
    private enum Label {
        case text(String)
        case run(Range<Int>)
        case title
    }

    /// Writes the HTML for a link to target `number`, recording the reference found at `position`
    /// (line and column in the source file). `entry` is the target's entry and `term` its term
    /// index when the caller has them, which saves looking them up.
    private mutating func element(_ number: Int32, entry known: TargetTable.Entry? = nil, label: Label, via: CrossReference.Via,
                                  at position: FilePosition, term: Int? = nil, into output: inout LinkedRun) {
        var number = number
        var entry = known ?? table.entry(number)
        let samePage = entry.page == pageNumber
        if samePage && !entry.hasAnchor {
            // An entry's code on its own page leads to its heading; other pages do not link to themselves.
            guard entry.kind == .entry else {
                switch label {
                case .text(let text): output.appendText(text)
                case .run(let range): output.appendText(range)
                case .title: output.appendText(table.bytes(entry.title))
                }
                return
            }
            let target = table.target(number)
            number = table.number(of: target.at(target.id))
            entry = table.entry(number)
        }
        if state.published {
            if file < 0 {
                file = session.number(ofFile: source.file)
                recordedPage = session.number(of: state)
            }
            session.record(number, page: recordedPage, file: file, line: position.line, column: position.column, via: via)
        }
        // `<a class="ref ref-KIND" href="HREF" title="TOOLTIP">LABEL</a>`, the title for entries only; a term
        // with a tooltip is wrapped with its tooltip, which the link names by a number unique on the page.
        // Written in a few copies of bytes made with the page and with each target: nothing is built or
        // escaped per link.
        let termTip = entry.hasTip
        if entry.kind == .term {
            if let index = term ?? targets.termIndex[table.target(number).id] { state.markTermLinked(index) }
            if termTip { state.tooltips += 1 }
        }
        if !samePage {
            output.appendRaw(termTip ? state.termWithTipStart : state.linkStart(entry.kind))
            output.appendRaw(table.bytes(entry.open))
        } else {
            // To the anchor on this page, which every target linked from its own page has (above).
            if termTip { output.appendRaw("<span class=\"term-ref\">") }
            output.appendRaw(Self.linkHead(entry.kind))
            output.appendRaw(table.bytes(entry.samePageOpen))
        }
        if termTip {
            output.appendDecimal(state.tooltips)
            output.appendRaw("\">")
        }
        switch label {
        case .text(let text): output.appendLabel(text)
        case .run(let range): output.appendLabel(range)
        case .title: output.appendLabel(table.bytes(entry.title))
        }
        if termTip {
            output.appendRaw("</a><span class=\"term-tip\" role=\"tooltip\" id=\"termtip-")
            output.appendDecimal(state.tooltips)
            output.appendRaw(table.bytes(entry.tipClose))
        } else {
            output.appendRaw("</a>")
        }
    }

    /// The start of a link to a target of `kind`, up to its `href` value.
    static func linkHead(_ kind: LinkTarget.Kind) -> StaticString {
        switch kind {
        case .entry: "<a class=\"ref ref-entry\" href=\""
        case .guidance: "<a class=\"ref ref-guidance\" href=\""
        case .module: "<a class=\"ref ref-module\" href=\""
        case .lesson: "<a class=\"ref ref-lesson\" href=\""
        case .quiz: "<a class=\"ref ref-quiz\" href=\""
        case .term: "<a class=\"ref ref-term\" href=\""
        case .glossary: "<a class=\"ref ref-glossary\" href=\""
        case .list: "<a class=\"ref ref-list\" href=\""
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
        // The same link from the same file leads to the same place: resolved once (with its target,
        // made and numbered once), then only checked and recorded where it is written.
        let key = RelativeLink(file: source.file, url: url)
        let link: ResolvedLink
        if let known = session.relativeLinks[key] {
            link = known
        } else {
            guard let resolved = resolve(url, at: here) else { return nil }
            session.relativeLinks[key] = resolved
            link = resolved
        }
        if let fragment = link.target.anchor {
            session.checkFragmentLater(fragment, on: link.target.page, shownAs: link.shownAs, at: here)
        }
        if state.published { session.record(CrossReference(source: page, location: here, target: link.target, via: .link)) }
        return PortalPaths.href(from: page.path, to: link.target.page, anchor: link.target.anchor)
    }

    /// The target of a relative link from this file, or nil with an error reported.
    private func resolve(_ url: String, at here: SourceLocation) -> ResolvedLink? {
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
                                 hint: "link to a content file (.md, module.yml, quiz.yml, list.yml, glossary.yml) or use an absolute URL",
                                 refersTo: ContentKind(contentPath: resolved))
            return nil
        }
        return ResolvedLink(target: LinkTarget(kind: target.kind, id: target.id, page: target.page, anchor: fragment,
                                               title: target.title, tooltip: nil),
                            shownAs: resolved)
    }

    /// `text` with its `%XX` escapes decoded; most links have none, and Foundation's decoder is slow.
    static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        return text.removingPercentEncoding ?? text
    }

    /// A URL with a scheme (`https:`, `mailto:`) or from the server's root. The delimiters are
    /// ASCII, so they are looked for in the UTF-8: searching by Character was most of the cost.
    static func isAbsolute(_ url: String) -> Bool {
        let bytes = url.utf8
        if bytes.first == UInt8(ascii: "/") { return true }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let scheme = url[..<colon]
        return !scheme.isEmpty && !scheme.utf8.contains(UInt8(ascii: "/")) && scheme.first?.isLetter == true
    }

    /// The path of a relative URL (before any `?query` or `#fragment`) and its fragment, decoded.
    static func splitFragment(_ url: String) -> (String, String?) {
        let hash = url.utf8.firstIndex(of: UInt8(ascii: "#"))
        let beforeFragment = hash.map { url[..<$0] } ?? url[...]
        let path = beforeFragment.utf8.firstIndex(of: UInt8(ascii: "?")).map { beforeFragment[..<$0] } ?? beforeFragment
        guard let hash else { return (String(path), nil) }
        let fragment = String(url[url.utf8.index(after: hash)...])
        return (String(path), fragment.isEmpty ? nil : Self.percentDecoded(fragment))
    }

    /// The content-relative path `relative` leads to from this source file; nil when it leaves the folder.
    private func resolveRelative(_ relative: String) -> String? {
        let prefix = session.contentDisplayPath.isEmpty ? "" : session.contentDisplayPath + "/"
        let file = source.file.hasPrefix(prefix) ? String(source.file.dropFirst(prefix.count)) : source.file
        var parts = PortalPaths.components(file).dropLast()
        for part in PortalPaths.components(Self.percentDecoded(relative)) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    // MARK: helpers

    /// A line and column in the source file (not the Markdown text).
    typealias FilePosition = (line: Int, column: Int)

    private func position(_ run: TextRun, _ offset: Int, _ needle: String) -> FilePosition {
        inFile(run.position(ofUTF8Offset: offset, needle: needle))
    }

    /// The position of the run's own bytes at `offset`, which are the needle: no String is made.
    private func position(_ run: TextRun, _ offset: Int, length: Int) -> FilePosition {
        inFile(run.position(ofUTF8Offset: offset, length: length))
    }

    /// As `MarkdownSource.location(line:column:)` computes it, without making a location.
    private func inFile(_ position: MarkdownPosition) -> FilePosition {
        (source.firstLine + position.line - 1, position.column + source.indent)
    }

    private func location(_ run: TextRun, _ offset: Int, length: Int) -> SourceLocation {
        let position = run.position(ofUTF8Offset: offset, length: length)
        return source.location(line: position.line, column: position.column)
    }
}

extension LinkTarget.Kind {
    /// The kind's place among the kinds, from 0, for tables of one value per kind.
    var number: Int {
        switch self {
        case .entry: 0
        case .guidance: 1
        case .module: 2
        case .lesson: 3
        case .quiz: 4
        case .term: 5
        case .glossary: 6
        case .list: 7
        }
    }
}
