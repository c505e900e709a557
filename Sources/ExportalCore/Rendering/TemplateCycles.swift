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

    /// The inclusion tags of a template, in order.
    static func inclusions(in text: String) -> [Inclusion] {
        var found: [Inclusion] = []
        // Open sections and blocks: whether each is a section over data (`#`).
        var stack: [(name: String, overData: Bool)] = []
        for tag in TemplateTags.scan(text) {
            switch tag.kind {
            case "#", "^", "$":
                stack.append((tag.name, tag.kind == "#"))
            case ">", "<":
                found.append(Inclusion(name: tag.name, line: tag.line, column: tag.column, overData: stack.contains { $0.overData }))
                if tag.kind == "<" { stack.append((tag.name, false)) }
            case "/":
                if let index = stack.lastIndex(where: { $0.name == tag.name }) { stack.removeSubrange(index...) }
            default:
                break
            }
        }
        return found
    }
}
