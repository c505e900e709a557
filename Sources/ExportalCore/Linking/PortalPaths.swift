/// Where each kind of page lives in the portal, relative to its root. Page renderers, the
/// linker and the cross-reference index all build paths here, so they cannot disagree.
enum PortalPaths {
    static let home = "index.html"
    static let guidanceIndex = "guidance/index.html"
    static let listsIndex = "controls/index.html"
    static let trainingIndex = "training/index.html"
    /// The self-attested completion record, filled in the browser from saved progress.
    static let trainingRecord = "training/record.html"
    static let glossary = "glossary.html"

    static func article(_ slug: String) -> String { "guidance/\(slug).html" }
    static func list(_ id: String) -> String { "controls/\(id)/index.html" }
    static func entry(list: String, entryCode: String) -> String { "controls/\(list)/\(entryCode).html" }
    static func module(_ id: String) -> String { "training/\(id)/index.html" }
    static func lesson(module: String, _ slug: String) -> String { "training/\(module)/\(slug).html" }
    static func quiz(module: String) -> String { "training/\(module)/quiz.html" }

    /// The prefix that leads from `page` back to the portal root, e.g. `../` for `guidance/x.html`.
    static func root(from page: String) -> String {
        // One `../` per folder: the non-empty parts between slashes, less the file, counted in the UTF-8.
        var parts = 0, inPart = false
        for byte in page.utf8 {
            if byte == UInt8(ascii: "/") {
                inPart = false
            } else if !inPart {
                inPart = true
                parts += 1
            }
        }
        return String(repeating: "../", count: max(parts - 1, 0))
    }

    /// An href from `page` to `target` (a page path) and optional fragment.
    static func href(from page: String, to target: String, anchor: String? = nil) -> String {
        let fragment = anchor.map { "#\($0)" } ?? ""
        if target == page { return fragment.isEmpty ? "#" : fragment }
        return root(from: page) + target + fragment
    }
}
