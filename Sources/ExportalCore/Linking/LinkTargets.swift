import ExportalDomain
import ExportalMarkdown
import Foundation

/// A portal page that can refer to other pages, or be referred to. A class, so the references
/// found on a page share one copy; pages are equal when their paths are.
package final class PageRef: Sendable, Hashable {
    enum Kind: String, Sendable, CaseIterable {
        case guidance, entry, list, module, lesson, quiz, glossary

        /// Heading of the group in a "Referenced in" section, in display order.
        var groupTitle: String {
            switch self {
            case .guidance: "Guidance"
            case .entry: "Control-list entries"
            case .list: "Control lists"
            case .module: "Training modules"
            case .lesson: "Training lessons"
            case .quiz: "Quizzes"
            case .glossary: "Glossary"
            }
        }

        var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    }

    package let path: String
    let title: String
    let kind: Kind

    init(path: String, title: String, kind: Kind) {
        self.path = path
        self.title = title
        self.kind = kind
    }

    package static func == (a: PageRef, b: PageRef) -> Bool { a.path == b.path }
    package func hash(into hasher: inout Hasher) { hasher.combine(path) }
}

/// What a reference resolves to: a page, maybe an anchor on it, and how to show it.
/// A class, so the many references to one target share it instead of copying its strings.
package final class LinkTarget: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        case entry, guidance, module, lesson, quiz, term, glossary, list
    }

    let kind: Kind
    /// Stable id of the target: a code, slug, `module/lesson` or term id.
    package let id: String
    let page: String
    let anchor: String?
    /// Text for a reference written without a label.
    let title: String
    /// Longer text for the link's tooltip.
    let tooltip: String?

    init(kind: Kind, id: String, page: String, anchor: String?, title: String, tooltip: String?) {
        self.kind = kind
        self.id = id
        self.page = page
        self.anchor = anchor
        self.title = title
        self.tooltip = tooltip
    }

    /// The same target at another anchor of its page.
    func at(_ anchor: String?) -> LinkTarget {
        LinkTarget(kind: kind, id: id, page: page, anchor: anchor, title: title, tooltip: tooltip)
    }
}

/// Control codes by their bytes, for linking the codes written in prose: no String is made for a
/// code to look it up. A value, which each linker keeps a copy of (sharing its storage): read
/// through the `LinkTargets` class, every lookup retained and released its arrays.
struct CodeTable {
    private var keys = ByteKeyTable()
    /// For key k: the number (in the build's `TargetTable`) of its target when one list has the
    /// code; -1 - its place in `several` when more do (after `finish(table:)`).
    private var first: [Int32] = []
    /// The targets of each code in several lists.
    private var several: [[LinkTarget]] = []
    /// The targets of every key while codes are added.
    private var adding: [Int: [LinkTarget]] = [:]
    /// For each slot of `keys`, the number in `first` of the code it holds and, for a code of one
    /// list, its target's entry (made by `finish(table:)`): a lookup goes from the slot straight to
    /// the entry.
    private var bySlot: [Found] = []

    struct Found {
        let number: Int32
        let entry: TargetTable.Entry
    }

    mutating func add(_ code: String, _ target: LinkTarget, number: Int32) {
        let key = keys.insert(code)
        if key == first.count { first.append(number) }
        adding[key, default: []].append(target)
    }

    /// Marks the codes that are in several lists and places each code's entry by its slot, once
    /// every code is added.
    mutating func finish(table: TargetTable) {
        for (key, targets) in adding.sorted(by: { $0.key < $1.key }) where targets.count > 1 {
            first[key] = -1 - Int32(several.count)
            several.append(targets)
        }
        adding = [:]
        let none = TargetTable.Entry.none
        bySlot = (0..<keys.slotCount).map { slot in
            guard let key = keys.key(atSlot: slot) else { return Found(number: -1, entry: none) }
            let number = first[key]
            return Found(number: number, entry: number >= 0 ? table.entry(number) : none)
        }
    }

    /// The number of the target of the code `bytes`, preferring `preferredList`'s, and its entry;
    /// nil when no list has it.
    func target(_ bytes: UnsafeBufferPointer<UInt8>, preferredList: String?, in table: TargetTable) -> (number: Int32, entry: TargetTable.Entry)? {
        guard let slot = keys.slot(of: bytes) else { return nil }
        let found = bySlot[slot]
        guard found.number < 0 else { return (found.number, found.entry) }
        let number = table.number(of: LinkTargets.preferred(several[Int(-1 - found.number)], list: preferredList))
        return (number, table.entry(number))
    }
}

/// Explicit references to articles, modules and lessons by their bytes, each with the number (in
/// the build's `TargetTable`) of the target `LinkTargets.resolve` gives it. Only names that such a
/// reference spells exactly are added: none with a space, a tab, a colon or a slash.
struct PageReferenceTable {
    private var keys = ByteKeyTable()
    private var numbers: [Int32] = []

    mutating func add(_ prefix: String, _ names: String..., number: Int32) {
        guard names.allSatisfy({ name in !name.isEmpty && !name.utf8.contains { $0 == 32 || $0 == 9 || $0 == 58 || $0 == 47 } })
        else { return }
        let key = keys.insert(prefix + ":" + names.joined(separator: "/"))
        if key == numbers.count { numbers.append(number) }
    }

    func target(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        keys.index(of: bytes).map { numbers[$0] }
    }
}

/// A target as links and pages show it, whatever its anchor (`LinkTargets.shownTargets`).
struct TargetLook: Hashable {
    let kind: LinkTarget.Kind
    let id: String
    let page: String
    let title: String
    let tooltip: String?

    init(kind: LinkTarget.Kind, id: String, page: String, title: String, tooltip: String?) {
        self.kind = kind
        self.id = id
        self.page = page
        self.title = title
        self.tooltip = tooltip
    }

    init(_ target: LinkTarget) {
        self.init(kind: target.kind, id: target.id, page: target.page, title: target.title, tooltip: target.tooltip)
    }
}

/// Everything a reference can point at, indexed for constant-time lookups. A class: linkers
/// read it for every word, and copying its tables each time would cost more than the lookups.
package final class LinkTargets {
    /// Codes (entries and sub-items) by their text; a code may be in several lists.
    private(set) var codes: [String: [LinkTarget]] = [:]
    private(set) var codesByList: [String: [String: LinkTarget]] = [:]
    /// The same codes by their bytes, for linking codes in prose.
    private(set) var codeTable = CodeTable()
    /// Every target a link is written to, by number.
    let table = TargetTable()
    /// Each article's slug and whether it is a draft, and each module's lesson slugs: what resolving
    /// a reference asks of them. Looking a whole article or module up copied it (retaining each of
    /// its strings and arrays) for every reference resolved.
    private var articleDrafts: [String: Bool] = [:]
    private var moduleLessons: [String: [String]] = [:]
    /// The target of each published article, module and lesson (by `module/slug`), made and numbered
    /// once with the index: resolving a reference to one makes nothing.
    private var articleTargets: [String: LinkTarget] = [:]
    private var moduleTargets: [String: LinkTarget] = [:]
    private var lessonTargets: [String: LinkTarget] = [:]
    /// `guidance:SLUG`, `training:MODULE` and `training:MODULE/LESSON`, as written in `[[...]]`, by
    /// their bytes: a portal refers to most of its articles, and parsing each reference and
    /// looking its parts up by String cost more than the rest of linking it.
    private(set) var pageReferences = PageReferenceTable()
    private(set) var terms: [String: GlossaryTerm] = [:]
    /// First sentence of each term's definition, as plain text, shown in term tooltips.
    var shortDefinitions: [String: String] = [:] {
        didSet { termTargets = terms.mapValues(makeTermTarget) }
    }
    private(set) var termTargets: [String: LinkTarget] = [:] {
        didSet { termNumbers = termMatcher.ids.map { termTargets[$0].map(table.number(of:)) ?? -1 } }
    }
    /// The numbers of `termTargets` by the matcher's term index (-1 for none), so a match needs no
    /// lookup by id string.
    private(set) var termNumbers: [Int32] = []
    /// The matcher's term index of each term id.
    private(set) var termIndex: [String: Int] = [:]
    let termMatcher: TermMatcher
    /// The number of glossary terms.
    let termCount: Int
    /// Content files (relative to the content folder) that are pages, with their page paths.
    private(set) var contentPages: [String: (page: String, kind: LinkTarget.Kind, id: String, title: String)] = [:]
    /// The glossary's phrases (terms and synonyms) in the order the matcher was given them.
    private let phrases: [(text: String, id: String)]

    package init(_ content: ContentSet) {
        for list in content.controlLists.sorted(by: { $0.id < $1.id }) {
            contentPages["controls/\(list.id)/list.yml"] = (PortalPaths.list(list.id), .list, list.id, list.title)
            var listCodes: [String: LinkTarget] = [:]
            for entry in list.entries {
                // Every item of an entry is on the entry's page.
                let page = PortalPaths.entry(list: list.id, entryCode: entry.code.entryCode)
                for item in entry.flattened {
                    // A code's text is made once: it is the key of three tables and part of the target.
                    let code = item.code.description
                    let target = LinkTarget(kind: .entry, id: code, page: page, anchor: item.code.isEntry ? nil : code,
                                            title: code, tooltip: code + ": " + item.title)
                    codes[code, default: []].append(target)
                    codeTable.add(code, target, number: table.number(of: target))
                    listCodes[code] = target
                }
            }
            codesByList[list.id] = listCodes
        }
        for article in content.guidance {
            articleDrafts[article.slug] = article.draft
            if !article.draft {
                let page = PortalPaths.article(article.slug)
                contentPages["guidance/\(article.slug).md"] = (page, .guidance, article.slug, article.title)
                let target = LinkTarget(kind: .guidance, id: article.slug, page: page, anchor: nil, title: article.title,
                                        tooltip: article.summary)
                articleTargets[article.slug] = target
                pageReferences.add("guidance", article.slug, number: table.number(of: target))
            }
        }
        for module in content.modules {
            moduleLessons[module.id] = module.lessons.map(\.slug)
            contentPages["training/\(module.id)/module.yml"] = (PortalPaths.module(module.id), .module, module.id, module.title)
            let target = LinkTarget(kind: .module, id: module.id, page: PortalPaths.module(module.id), anchor: nil,
                                    title: module.title, tooltip: module.summary)
            moduleTargets[module.id] = target
            pageReferences.add("training", module.id, number: table.number(of: target))
            for lesson in module.lessons {
                let id = "\(module.id)/\(lesson.slug)", page = PortalPaths.lesson(module: module.id, lesson.slug)
                contentPages["training/\(module.id)/\(lesson.slug).md"] = (page, .lesson, id, lesson.title)
                // The first lesson of a slug wins, as a search of the module's lessons would find it.
                if lessonTargets[id] == nil {
                    let target = LinkTarget(kind: .lesson, id: id, page: page, anchor: nil, title: lesson.title, tooltip: lesson.summary)
                    lessonTargets[id] = target
                    pageReferences.add("training", module.id, lesson.slug, number: table.number(of: target))
                }
            }
            if let quiz = module.quiz {
                contentPages["training/\(module.id)/quiz.yml"] = (PortalPaths.quiz(module: module.id), .quiz, module.id, quiz.title)
            }
        }
        if !content.glossary.isEmpty { contentPages["glossary.yml"] = (PortalPaths.glossary, .glossary, "glossary", "Glossary") }
        var phrases: [(text: String, id: String)] = []
        for term in content.glossary {
            terms[term.id] = term
            phrases += ([term.term] + term.synonyms).map { ($0, term.id) }
        }
        self.phrases = phrases
        termMatcher = TermMatcher(phrases: phrases)
        termCount = terms.count
        termIndex = Dictionary(uniqueKeysWithValues: termMatcher.ids.enumerated().map { ($1, $0) })
        termTargets = terms.mapValues(makeTermTarget)
        termNumbers = termMatcher.ids.map { termTargets[$0].map(table.number(of:)) ?? -1 }
        codeTable.finish(table: table)
    }

    // MARK: what linking depends on

    /// Every name a reference can be written with and the page (and anchor) it leads to, but not
    /// how a link shows its target (titles, tooltips): two builds with the same names resolve
    /// every text to the same targets and warn of the same unknown codes, suggesting the same ones.
    /// `LinkMemo` keeps a page's linking while this holds and its targets look the same.
    ///
    /// Guidance articles are left out. A reference names an article by its exact slug
    /// (`guidance:SLUG`) or file (`guidance/SLUG.md`), which no other name can shadow, and an
    /// unknown one is an error, which keeps no page: a new article changes how no kept page links.
    /// A kept page that linked to an article now gone or a draft links to a target this build
    /// does not show, so it is linked again and reports the error. Writers add articles often,
    /// and each used to link every page again.
    var namesFingerprint: Fingerprint {
        var digest = ValueDigest(capacity: 256 * 1024)
        digest.add("link names 1")
        digest.add(codes.count)
        for (code, found) in codes.sorted(by: { $0.key < $1.key }) {
            digest.add(code)
            digest.add(found.count)
            for target in found {
                digest.add(target.page)
                digest.add(target.anchor ?? "")
            }
        }
        digest.add(moduleLessons.count)
        for (module, lessons) in moduleLessons.sorted(by: { $0.key < $1.key }) {
            digest.add(module)
            digest.add(lessons.count)
            for lesson in lessons { digest.add(lesson) }
        }
        digest.add(lessonTargets.count)
        for (id, target) in lessonTargets.sorted(by: { $0.key < $1.key }) {
            digest.add(id)
            digest.add(target.page)
        }
        digest.add(phrases.count)
        for phrase in phrases {
            digest.add(phrase.text)
            digest.add(phrase.id)
        }
        let otherPages = contentPages.filter { $0.value.kind != .guidance }
        digest.add(otherPages.count)
        for (path, page) in otherPages.sorted(by: { $0.key < $1.key }) {
            digest.add(path)
            digest.add(page.page)
            digest.add(page.kind.rawValue)
            digest.add(page.id)
        }
        return digest.fingerprint
    }

    /// How each target a reference can resolve to looks, but for its anchor: what a linked text
    /// shows of it (title, tooltip) and what the pages made from its references read. A target of
    /// an earlier build that is not among these has changed or gone.
    var shownTargets: Set<TargetLook> {
        var looks = Set<TargetLook>()
        for found in codes.values { for target in found { looks.insert(TargetLook(target)) } }
        for target in articleTargets.values { looks.insert(TargetLook(target)) }
        for target in moduleTargets.values { looks.insert(TargetLook(target)) }
        for target in lessonTargets.values { looks.insert(TargetLook(target)) }
        for target in termTargets.values { looks.insert(TargetLook(target)) }
        // Relative links make their targets from these, without a tooltip.
        for page in contentPages.values {
            looks.insert(TargetLook(kind: page.kind, id: page.id, page: page.page, title: page.title, tooltip: nil))
        }
        return looks
    }

    // MARK: resolving

    enum Failure: Error {
        /// `refersTo`: the kind of content found missing, whose failed loading may explain it.
        case message(String, hint: String? = nil, refersTo: ContentKind? = nil)
    }

    /// Resolves an explicit reference (the text inside `[[...]]` or an item of `related:`).
    /// `preferredList` breaks ties when a bare code is in several lists.
    func resolve(_ text: String, preferredList: String? = nil) -> Result<LinkTarget, Failure> {
        switch ReferenceTarget.parse(text) {
        case .failure(let error):
            return .failure(.message(error.description))
        case .success(.code(let list, let code)):
            return resolveCode(code, list: list, preferredList: preferredList)
        case .success(.guidance(let slug)):
            guard let draft = articleDrafts[slug] else {
                return .failure(.message("unknown guidance article '\(slug)'" + didYouMean(slug, in: articleDrafts.keys), refersTo: .guidance))
            }
            guard !draft else {
                return .failure(.message("guidance article '\(slug)' is a draft and is not published",
                                         hint: "publish it (draft: false) or remove the reference"))
            }
            return .success(articleTargets[slug]!)
        case .success(.module(let id)):
            guard let target = moduleTargets[id] else {
                return .failure(.message("unknown training module '\(id)'" + didYouMean(id, in: moduleLessons.keys), refersTo: .training))
            }
            return .success(target)
        case .success(.lesson(let moduleID, let slug)):
            guard let lessons = moduleLessons[moduleID] else {
                return .failure(.message("unknown training module '\(moduleID)'" + didYouMean(moduleID, in: moduleLessons.keys), refersTo: .training))
            }
            guard let lesson = lessonTargets["\(moduleID)/\(slug)"] else {
                return .failure(.message("unknown lesson '\(slug)' in training module '\(moduleID)'"
                                         + didYouMean(slug, in: lessons), refersTo: .training))
            }
            return .success(lesson)
        case .success(.term(let id)):
            guard let term = terms[id] else {
                return .failure(.message("unknown glossary term '\(id)'" + didYouMean(id, in: terms.keys), refersTo: .glossary))
            }
            return .success(termTarget(term))
        }
    }

    func termTarget(_ term: GlossaryTerm) -> LinkTarget { termTargets[term.id] ?? makeTermTarget(term) }

    private func makeTermTarget(_ term: GlossaryTerm) -> LinkTarget {
        LinkTarget(kind: .term, id: term.id, page: PortalPaths.glossary, anchor: term.id, title: term.term,
                   tooltip: shortDefinitions[term.id])
    }

    /// The target in `list` when a code is in several lists, else the first: most codes are in one
    /// list, with no preference to weigh and no prefix string to build.
    static func preferred(_ found: [LinkTarget], list: String?) -> LinkTarget {
        guard found.count > 1 else { return found[0] }
        return found.first(where: { $0.page.hasPrefix("controls/\(list ?? "")/") }) ?? found[0]
    }

    func resolveCode(_ code: String, list: String?, preferredList: String?) -> Result<LinkTarget, Failure> {
        if let list {
            guard let listCodes = codesByList[list] else {
                let names = ReferenceTarget.prefixes + codesByList.keys.sorted()
                return .failure(.message("unknown control list or reference kind '\(list)' in '\(list):\(code)'"
                                         + didYouMean(list, in: names), refersTo: .controls))
            }
            guard let target = listCodes[code] else {
                return .failure(.message("unknown control code '\(code)' in list '\(list)'" + didYouMean(code, in: listCodes.keys), refersTo: .controls))
            }
            return .success(target)
        }
        guard let found = codes[code] else {
            let hint = ControlCode(code) == nil
                ? "other pages are referenced as [[guidance:SLUG]], [[training:MODULE]], [[training:MODULE/LESSON]] or [[term:ID]]" : nil
            return .failure(.message(unknownCode(code), hint: hint, refersTo: ControlCode(code) == nil ? nil : .controls))
        }
        return .success(Self.preferred(found, list: preferredList))
    }

    /// "unknown control code '5A99' — did you mean 5A992, 5A002?"
    func unknownCode(_ code: String, _ what: String = "unknown control code '%@'") -> String {
        what.replacingOccurrences(of: "%@", with: code) + didYouMean(code, in: codes.keys)
    }

    private func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String {
        let found = Suggestions.nearest(to: word, in: candidates.sorted())
        return found.isEmpty ? "" : " — did you mean \(found.joined(separator: ", "))?"
    }
}
