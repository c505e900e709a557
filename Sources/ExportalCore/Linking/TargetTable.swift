import ExportalMarkdown

/// Every link target of a build by number, with what a link to it is written from: writing a link
/// reads one entry and a few runs of bytes of one array, and touches no target object.
///
/// A portal with thousands of entries has thousands of targets, which do not stay in cache: when
/// each link retained its target (a write to the object) and read its strings, those cache misses
/// were most of the cost of linking. Here a code in prose costs a table slot, an entry and its bytes.
///
///     let table = TargetTable()
///     let n = table.number(of: target)        // the same number for the same object
///     table.entry(n).kind                     // .entry
///
/// Numbering a new target writes to the table, so each thread that links pages numbers into a
/// `copy()` of its own: the targets numbered before the copy keep their numbers in every copy.
final class TargetTable {
    struct Entry {
        let kind: LinkTarget.Kind
        /// The number of the target's page (`page(_:)`).
        let page: Int32
        let hasAnchor: Bool
        /// Where these are (see `add`), escaped but for the title. `open`: the rest of a link's start
        /// tag after the root: `PAGE#ANCHOR"`, then ` title="TOOLTIP"` for an entry, then `>`; for a
        /// term with a tooltip, ` aria-describedby="termtip-` instead of `>`, the tooltip's number
        /// being the page's. `title`: the text of a reference written without a label, unescaped.
        /// `tipClose`: for a term with a tooltip, what follows that number in the tooltip's own
        /// tag: `">TOOLTIP</span></span>`; empty for any other target.
        let open: Span
        let title: Span
        let tipClose: Span
        /// The end of `open` after `PAGE`, from `#ANCHOR"`: for a link from the target's own page.
        let samePageOpen: Span

        /// A term shown with its tooltip.
        var hasTip: Bool { tipClose.count > 0 }

        /// The entry of no target, where a table keeps a place for one.
        static var none: Entry {
            Entry(kind: .entry, page: -1, hasAnchor: false, open: 0..<0, title: 0..<0, tipClose: 0..<0, samePageOpen: 0..<0)
        }
    }

    /// Bytes of `pool`.
    typealias Span = Range<Int>

    private(set) var targets: [LinkTarget] = []
    private var entries: [Entry] = []
    /// The targets' bytes, one after another.
    private var pool: [UInt8] = []
    private var numbers: [ObjectIdentifier: Int32] = [:]
    private var pages: [String: Int32] = [:]

    init() {}

    /// A table with the same numbers, to number more targets into without touching this one. The
    /// arrays are shared until one of the two tables grows.
    func copy() -> TargetTable {
        let copy = TargetTable()
        copy.targets = targets
        copy.entries = entries
        copy.pool = pool
        copy.numbers = numbers
        copy.pages = pages
        return copy
    }

    /// The target's number, the same for every call with the same object.
    func number(of target: LinkTarget) -> Int32 {
        if let known = numbers[ObjectIdentifier(target)] { return known }
        let number = Int32(targets.count)
        numbers[ObjectIdentifier(target)] = number
        targets.append(target)
        // Written into one array each, the strings escaped in place: a portal has thousands of targets.
        var open: [UInt8] = []
        LinkedRun.append(attribute: target.page, to: &open)
        let pageLength = open.count
        if let anchor = target.anchor {
            open.append(UInt8(ascii: "#"))
            LinkedRun.append(attribute: anchor, to: &open)
        }
        open.append(UInt8(ascii: "\""))
        if target.kind == .entry, let tooltip = target.tooltip {
            Self.append(" title=\"", to: &open)
            LinkedRun.append(attribute: tooltip, to: &open)
            open.append(UInt8(ascii: "\""))
        }
        var tipClose: [UInt8] = []
        if target.kind == .term, let tooltip = target.tooltip, !tooltip.isEmpty {
            Self.append(" aria-describedby=\"termtip-", to: &open)
            Self.append("\">", to: &tipClose)
            LinkedRun.append(attribute: tooltip, to: &tipClose)
            Self.append("</span></span>", to: &tipClose)
        } else {
            open.append(UInt8(ascii: ">"))
        }
        let openSpan = add(open)
        entries.append(Entry(kind: target.kind, page: page(target.page), hasAnchor: target.anchor != nil,
                             open: openSpan, title: add(Array(target.title.utf8)), tipClose: add(tipClose),
                             samePageOpen: (openSpan.lowerBound + pageLength)..<openSpan.upperBound))
        return number
    }

    /// The number of the page at `path`, the same for every call with the same path.
    func page(_ path: String) -> Int32 {
        if let known = pages[path] { return known }
        let number = Int32(pages.count)
        pages[path] = number
        return number
    }

    func entry(_ number: Int32) -> Entry { entries[Int(number)] }

    func target(_ number: Int32) -> LinkTarget { targets[Int(number)] }

    func bytes(_ span: Span) -> ArraySlice<UInt8> { pool[span] }

    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private func add(_ bytes: [UInt8]) -> Span {
        pool += bytes
        return (pool.count - bytes.count)..<pool.count
    }
}
