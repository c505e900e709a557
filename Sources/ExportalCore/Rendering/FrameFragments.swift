import Mustache

/// Partials whose output depends on nothing but a page's frame (`site`, `nav`, `root`,
/// `buildDate`, the search paths, `asset`: what its depth and section decide), rendered once per
/// frame rather than once per page. The stock header and footer are such partials; at 10,000
/// pages they were a third of the Mustache look-ups of every article.
///
/// Whether a partial qualifies is read from the templates, not assumed: every name it and the
/// partials it includes look up must be one the frame answers (or, inside `{{#nav}}` and
/// `{{#site}}`, one their items answer), and every inclusion of it must be outside any section and
/// at the start of its line, so it renders with the page context's frame and no indentation. A
/// site whose header shows `{{page.title}}` keeps it rendered on every page.
struct FrameFragments {
    /// Names of the partials that can be rendered once per frame.
    let names: [String]

    init(texts: [String: String]) {
        let tags = texts.mapValues(TemplateTags.scan)
        let included = Set(tags.values.joined().filter { $0.kind == ">" }.map(\.name))
        names = included.sorted().filter { name in
            Self.includedOnlyPlainly(name, tags: tags) && Self.readsOnlyFrame(name, tags: tags, scopes: [], visiting: [])
        }
    }

    /// The library a page with this frame renders with: the qualifying partials replaced by their
    /// output as plain text. A partial whose output holds `{{` keeps its template, as the text
    /// would be read as a tag.
    func library(_ base: MustacheLibrary, for frame: PageFrame) -> MustacheLibrary {
        var library = base
        for name in names {
            guard let output = base.render(frame, withTemplate: name), !output.contains("{{"),
                  let text = try? MustacheTemplate(string: output) else { continue }
            library.register(text, named: name)
        }
        return library
    }

    static let frameNames: Set<String> = ["root", "site", "nav", "buildDate", "searchIndex", "azIndex", "asset"]
    /// What the items of a frame section answer, by the section's name.
    static let itemNames: [String: Set<String>] = ["nav": ["title", "href", "current"],
                                                   "site": ["title", "organisation", "language", "description"]]

    /// Every `{{>name}}` outside any section and at the start of its line.
    static func includedOnlyPlainly(_ name: String, tags: [String: [TemplateTag]]) -> Bool {
        tags.values.allSatisfy { template in
            var depth = 0
            for tag in template {
                switch tag.kind {
                case "#", "^": depth += 1
                case "/": depth = max(depth - 1, 0)
                case ">" where tag.name == name: if depth > 0 || tag.column != 1 { return false }
                default: break
                }
            }
            return true
        }
    }

    /// Every name the template and what it includes look up is answered by the frame or by the
    /// items of an enclosing frame section. Layouts, blocks and delimiter changes are not followed.
    static func readsOnlyFrame(_ name: String, tags: [String: [TemplateTag]], scopes: [Set<String>], visiting: Set<String>) -> Bool {
        guard let template = tags[name], !visiting.contains(name) else { return false }
        var scopes = scopes
        for tag in template {
            let first = String(tag.name.split(separator: ".").first ?? "")
            let known = tag.name == "." || frameNames.contains(first) || scopes.contains { $0.contains(first) }
            switch tag.kind {
            case "%": continue
            case "<", "$", "=": return false
            case ">":
                guard readsOnlyFrame(tag.name, tags: tags, scopes: scopes, visiting: visiting.union([name])) else { return false }
            case "/":
                if !scopes.isEmpty { scopes.removeLast() }
            case "#", "^":
                guard known else { return false }
                scopes.append(tag.kind == "#" ? itemNames[tag.name] ?? [] : [])
            default:
                guard known else { return false }
            }
        }
        return true
    }
}
