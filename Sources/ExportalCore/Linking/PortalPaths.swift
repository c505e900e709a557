import Foundation

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

    /// Every version of every list, newest first, and the two feeds of list versions.
    static let updates = "updates.html"
    static let updatesAtom = "updates.atom"
    static let updatesJSON = "updates.json"
    /// What changed in one version of a control list or a party list: `controls/ID/changes/V.html`
    /// and `parties/ID/changes/V.html`, `V` being the version as a file name (`versionSlug`).
    static func controlChanges(list: String, version: String) -> String { "controls/\(list)/changes/\(versionSlug(version)).html" }
    static func partyChanges(list: String, version: String) -> String { "parties/\(list)/changes/\(versionSlug(version)).html" }

    /// A list version as a file name: letters and digits kept (lower-cased), every other run of
    /// characters one `-`, e.g. `2024/2547` -> `2024-2547`, `2025-11` -> `2025-11`.
    static func versionSlug(_ version: String) -> String {
        var slug = ""
        for scalar in version.lowercased().unicodeScalars {
            if scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "version" : slug
    }

    /// The prefix that leads from `page` back to the portal root, e.g. `../` for `guidance/x.html`.
    static func root(from page: String) -> String {
        String(repeating: "../", count: max(components(page).count - 1, 0))
    }

    /// The non-empty parts of a path between its slashes, found in its UTF-8 by a plain loop: the
    /// generic `split` of the UTF-8 view cost thousands of instructions per path, for every relative link.
    static func components(_ path: String) -> [Substring] {
        var parts: [Substring] = []
        let utf8 = path.utf8
        var start = utf8.startIndex, index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") {
                if start != index { parts.append(path[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start != utf8.endIndex { parts.append(path[start..<utf8.endIndex]) }
        return parts
    }

    /// An href from `page` to `target` (a page path) and optional fragment.
    static func href(from page: String, to target: String, anchor: String? = nil) -> String {
        let fragment = anchor.map { "#\($0)" } ?? ""
        if target == page { return fragment.isEmpty ? "#" : fragment }
        return root(from: page) + target + fragment
    }
}

extension PortalPaths {
    /// The relative path from a page to the portal root: "../" once per folder it is in.
    static func root(of page: String) -> String { String(repeating: "../", count: depth(of: page)) }

    /// How many folders deep a page is.
    static func depth(of page: String) -> Int { page.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 } }
}
