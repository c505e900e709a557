import ExportalDomain
import Foundation

/// Finds templates that include themselves, directly (`{{>footer}}` in `footer.mustache`) or
/// through others, partials and layouts alike (`{{<layout}}` in a template that `layout`
/// includes). Mustache renders such a cycle until the stack runs out, so it is an error at load
/// time, at the tag that closes the cycle, with the chain of templates.
///
/// The rule that tells a recursion over data from one that never ends: an inclusion inside a
/// section (`{{#items}}{{>subitem}}{{/items}}`) renders once per item of the section's list, and
/// each level's items are the next level down, so the recursion ends with the data; an
/// inclusion outside every section, or only inside inverted sections (`{{^x}}`, rendered exactly
/// when there is nothing more), renders every time its template does. A cycle is an error when
/// every inclusion on it is of the second kind. (A section over a value that stays true at every
/// level, rather than a list, would still not end: the shipped templates recurse only over
/// `items`, the sub-items of a control-list entry.)
enum TemplateCycles {
    /// A `{{>name}}` or `{{<name}}` tag.
    struct Inclusion: Equatable {
        let name: String
        let line: Int
        let column: Int
        /// Inside a (non-inverted) section: rendered once per item of data, not every time.
        let overData: Bool
    }

    /// Reports each cycle of inclusions none of which is over data. `files` maps template names
    /// to their sources.
    static func check(_ files: [String: SourceFile], report: DiagnosticSink) {
        var edges: [String: [Inclusion]] = [:]
        for (name, file) in files {
            edges[name] = inclusions(in: file.text).filter { !$0.overData && files[$0.name] != nil }
        }
        var finished = Set<String>()
        var path: [String] = []
        func visit(_ name: String) {
            path.append(name)
            for inclusion in edges[name] ?? [] {
                if let start = path.firstIndex(of: inclusion.name) {
                    let chain = (path[start...] + [inclusion.name]).joined(separator: " → ")
                    report.error(SourceLocation(file: files[name]!.path, line: inclusion.line, column: inclusion.column),
                                 "template cycle: \(chain) (each includes the next every time it is rendered, so rendering never ends)",
                                 hint: "include a template in itself only inside a section over a list, "
                                     + "as subitem does: {{#items}}{{>subitem}}{{/items}}")
                } else if !finished.contains(inclusion.name) {
                    visit(inclusion.name)
                }
            }
            path.removeLast()
            finished.insert(name)
        }
        for name in files.keys.sorted() where !finished.contains(name) { visit(name) }
    }

    /// The inclusion tags of a template, in order, following set-delimiter tags (`{{=<% %>=}}`)
    /// and skipping comments.
    static func inclusions(in text: String) -> [Inclusion] {
        var found: [Inclusion] = []
        var open = Array("{{".utf8), close = Array("}}".utf8)
        // Open sections and blocks: whether each is a section over data (`#`).
        var stack: [(name: String, overData: Bool)] = []
        let bytes = Array(text.utf8)
        var i = 0, line = 1, lineStart = 0
        func advance(to end: Int) {
            while i < end {
                if bytes[i] == 0x0A {
                    line += 1
                    lineStart = i + 1
                }
                i += 1
            }
        }
        while let tagStart = find(open, in: bytes, from: i) {
            advance(to: tagStart)
            let tagLine = line
            let column = String(decoding: bytes[lineStart..<tagStart], as: UTF8.self).count + 1
            var contentStart = tagStart + open.count
            var closing = close
            if open == Array("{{".utf8), contentStart < bytes.count, bytes[contentStart] == UInt8(ascii: "{") {
                closing = Array("}".utf8) + close  // {{{unescaped}}}
                contentStart += 1
            }
            guard let tagEnd = find(closing, in: bytes, from: contentStart) else { break }
            let content = String(decoding: bytes[contentStart..<tagEnd], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            advance(to: tagEnd + closing.count)
            guard let kind = content.first else { continue }
            let name = content.dropFirst().trimmingCharacters(in: .whitespacesAndNewlines)
            switch kind {
            case "=":
                let parts = content.dropFirst().dropLast().split(whereSeparator: \.isWhitespace)
                if content.hasSuffix("="), parts.count == 2 {
                    open = Array(parts[0].utf8)
                    close = Array(parts[1].utf8)
                }
            case "#", "^", "$":
                stack.append((name, kind == "#"))
            case ">", "<":
                found.append(Inclusion(name: name, line: tagLine, column: column, overData: stack.contains { $0.overData }))
                if kind == "<" { stack.append((name, false)) }
            case "/":
                if let index = stack.lastIndex(where: { $0.name == name }) { stack.removeSubrange(index...) }
            default:
                break
            }
        }
        return found
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start <= bytes.count - needle.count else { return nil }
        var k = start
        while k <= bytes.count - needle.count {
            if bytes[k] == needle[0] && bytes[k..<(k + needle.count)].elementsEqual(needle) { return k }
            k += 1
        }
        return nil
    }
}
