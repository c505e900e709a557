import ExportalDomain
import Foundation
import Mustache

/// The site's Mustache templates, parsed up front so a syntax error, a missing page template,
/// an unknown partial or an unknown asset is a diagnostic before anything is rendered.
struct TemplateSet {
    /// Templates the renderers render by name (pages, and the `referrer-row` of listing pages); each must exist.
    static let pageTemplates = ["home", "guidance-index", "article", "lists-index", "list-index", "entry",
                                "training-index", "module", "lesson", "quiz", "training-record", "glossary", "not-found", "checklist",
                                "parties-index", "party-list", "party-letter", "party", "a-z-index", "references", "referrer-row",
                                "changes", "updates"]

    let library: MustacheLibrary
    /// Each template's text, as its file holds it.
    let texts: [String: String]
    /// Partials rendered once per page frame rather than once per page.
    let fragments: FrameFragments

    init(library: MustacheLibrary, texts: [String: String]) {
        self.library = library
        self.texts = texts
        fragments = FrameFragments(texts: texts)
    }

    static func load(from folder: ContentFolder, assets: AssetManifest?, report: DiagnosticSink) -> TemplateSet? {
        guard folder.isDirectory("") else {
            report.error(SourceLocation(file: folder.displayPath, line: 1, column: 1), "templates folder not found")
            return nil
        }
        HTMLEscaping.register()
        var library = MustacheLibrary()
        var sources: [String: SourceFile] = [:]
        for relative in Self.templateFiles(in: folder) {
            let name = String(relative.dropLast(".mustache".count))
            guard let file = folder.read(relative, report: report) else { continue }
            do {
                library.register(try MustacheTemplate(string: HTMLEscaping.pragma + file.text), named: name)
                sources[name] = file
            } catch let error as MustacheTemplate.ParserError {
                // Lines count from the escaping pragma's own line, put in front of the text.
                report.error(SourceLocation(file: file.path, line: max(error.context.lineNumber - 1, 1), column: error.context.columnNumber),
                             "template syntax error: \(describe(error.error))")
            } catch {
                report.error(SourceLocation(file: file.path, line: 1, column: 1), "template error: \(error)")
            }
        }
        for name in pageTemplates where sources[name] == nil && !report.report.diagnostics.contains(where: {
            $0.file == folder.display("\(name).mustache")
        }) {
            report.error(SourceLocation(file: folder.display("\(name).mustache"), line: 1, column: 1),
                         "page template '\(name)' is missing")
        }
        // Every template file counts as known, even one that failed to parse, so a syntax error is not echoed
        // as "unknown partial" by every template that includes it.
        let known = Set(templateFiles(in: folder).map { String($0.dropLast(".mustache".count)) })
        for (name, file) in sources.sorted(by: { $0.key < $1.key }) {
            checkReferences(in: file, known: known, assets: assets, templateName: name, report: report)
        }
        TemplateCycles.check(sources, report: report)
        return report.hasErrors ? nil : TemplateSet(library: library, texts: sources.mapValues(\.text))
    }

    /// All `.mustache` files below the folder, as sorted relative paths.
    static func templateFiles(in folder: ContentFolder) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.url.path) else { return [] }
        var found: [String] = []
        for case let path as String in enumerator where path.hasSuffix(".mustache") { found.append(path) }
        return found.sorted()
    }

    /// Partials (`{{> name}}`, `{{< name}}`) must name a template; `{{#asset}}path{{/asset}}` must name a file in Public/.
    static func checkReferences(in file: SourceFile, known: Set<String>, assets: AssetManifest?, templateName: String,
                                report: DiagnosticSink) {
        for (lineIndex, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(line)
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...]
                guard let close = afterOpen.range(of: "}}") else { break }
                let tag = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                let location = SourceLocation(file: file.path, line: lineIndex + 1, column: column)
                if let kind = tag.first, kind == ">" || kind == "<" {
                    let name = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                    if !known.contains(name) {
                        report.error(location, "template '\(templateName)' uses unknown partial '\(name)'",
                                     hint: Suggestions.hint(for: name, in: known))
                    }
                }
                if tag == "#asset", let assets {
                    let body = afterOpen[close.upperBound...]
                    if let end = body.range(of: "{{/asset}}") {
                        let path = body[..<end.lowerBound].trimmingCharacters(in: .whitespaces)
                        if assets.hashedPath(for: path) == nil {
                            report.error(location, "unknown asset '\(path)'",
                                         hint: Suggestions.hint(for: path, in: assets.originalPaths) ?? "assets come from the Public/ folder")
                        }
                    }
                }
                rest = afterOpen[close.upperBound...]
            }
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "a section is closed with a different name than it was opened with"
        case .unfinishedName: "a tag is not closed with '}}'"
        case .expectedSectionEnd: "a section is opened but never closed"
        case .invalidSetDelimiter: "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: "a transform cannot be applied to an inheritance section"
        case .illegalTokenInsideInheritSection: "only block definitions are allowed inside a layout inclusion"
        case .textInsideInheritSection: "text inside a layout inclusion must be inside a block ({{$name}})"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: "invalid configuration tag"
        case nil: "\(error)"
        }
    }

    func has(_ template: String) -> Bool { library.getTemplate(named: template) != nil }

    func text(of template: String) -> String? { texts[template] }

    /// The library for pages with this frame: the frame's fragments already rendered.
    func library(for frame: PageFrame) -> MustacheLibrary {
        fragments.library(library, for: frame)
    }

    func render(_ context: any MustacheParent, template: String, library: MustacheLibrary? = nil) -> String {
        guard let html = (library ?? self.library).render(context, withTemplate: template) else {
            preconditionFailure("template '\(template)' was checked at load time")
        }
        return html
    }
}
