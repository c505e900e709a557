import Foundation

/// The HTML pages of a built portal, with a small link checker over them.
struct PortalFiles {
    let root: URL
    /// Page path (relative to the portal root) to its HTML.
    let html: [String: String]
    private var ids: [String: Set<String>] = [:]

    init(_ root: URL) throws {
        self.root = root
        var html: [String: String] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: root.path) where path.hasSuffix(".html") {
            html[path] = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        }
        self.html = html
        ids = html.mapValues { page in Set(page.matches(of: /\sid="([^"]*)"/).map { String($0.output.1) }) }
    }

    /// Every href of an `<a>` that stays inside the portal.
    static func links(in html: String) -> [String] {
        html.matches(of: /<a\s[^>]*href="([^"]*)"/).map { String($0.output.1) }
            .filter { !$0.hasPrefix("http://") && !$0.hasPrefix("https://") && !$0.hasPrefix("mailto:") && !$0.hasPrefix("/") }
    }

    /// Whether `href`, written on page `page`, leads to an existing file and, if it has one, an existing anchor.
    func resolves(_ href: String, from page: String) -> Bool {
        let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var target = page.split(separator: "/").dropLast().map(String.init)
        if !parts[0].isEmpty {
            for component in parts[0].split(separator: "/") {
                if component == ".." { guard !target.isEmpty else { return false }; target.removeLast() } else { target.append(String(component)) }
            }
        } else {
            target = page.split(separator: "/").map(String.init)
        }
        let path = target.joined(separator: "/")
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) else { return false }
        guard parts.count == 2, !parts[1].isEmpty else { return true }
        return ids[path]?.contains(parts[1]) == true
    }

    /// The text of `html` with the named elements (and their content) and all tags removed.
    /// An element is a tag name, optionally followed by attribute text that its start tag must begin with.
    static func text(outside elements: [String], in html: String) -> String {
        var text = html
        for element in elements {
            let name = element.prefix { $0 != " " }
            let attributes = element.dropFirst(name.count)
            text = text.replacing(try! Regex("(?s)<\(name)\(NSRegularExpression.escapedPattern(for: String(attributes)))(\\s[^>]*)?>.*?</\(name)>"),
                                  with: " ")
        }
        return text.replacing(/<[^>]*>/, with: " ")
    }
}
