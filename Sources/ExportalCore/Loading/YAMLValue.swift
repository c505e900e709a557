import ExportalDomain
import Foundation
import Yams

/// Parses YAML text into a Yams node tree, turning syntax errors into diagnostics.
enum YAMLDocument {
    /// - Parameter firstLine: the file line on which `text` starts (2 for front matter).
    static func parse(_ text: String, file: String, firstLine: Int = 1, report: DiagnosticSink) -> YAMLValue? {
        do {
            // The encoding is named: Yams's default reads the whole process environment on every parse
            // (2 % of a 10,000-article build). Tags are not resolved (`.basic`): every field is read
            // from its text (`isNull`, `bool`, `date`, ...), and Yams's default resolver tried up to
            // seven regular expressions on every mapping key to compare keys for duplicates, about 40 %
            // of the time spent reading an article's front matter. Keys are then compared as text
            // alone, so `no` and `"no"` are one key twice, not YAML 1.1's false and a text.
            guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else {
                report.error(SourceLocation(file: file, line: firstLine, column: 1), "no YAML fields found")
                return nil
            }
            return YAMLValue(node: node, file: file, lineOffset: firstLine - 1, report: report,
                             lines: YAMLLines(text.split(separator: "\n", omittingEmptySubsequences: false)))
        } catch let error as YamlError {
            var (mark, message) = describe(error)
            var line = mark?.line ?? 1, column = mark?.column ?? 1
            if case let .duplicatedKeysInMapping(duplicates, context) = error, let key = duplicates.sorted().first,
               let second = secondKey(key, in: text, mappingAt: context.mark) {
                (line, column) = second
                message = "duplicate key '\(key)'"
                mark = nil
            }
            report.error(SourceLocation(file: file, line: line + firstLine - 1, column: column), "invalid YAML: \(message)",
                         hint: message.hasPrefix("duplicate key") ? "each field may appear once" : nil)
            return nil
        } catch {
            report.error(SourceLocation(file: file, line: firstLine, column: 1), "invalid YAML: \(error)")
            return nil
        }
    }

    /// Where `key` is written the second time among the keys of the block mapping that starts at `mark`:
    /// Yams reports a duplicate at the mapping, which may be a screen away from it. Nil when the mapping
    /// is not laid out one key a line (a flow mapping `{a: 1, a: 2}`); the mapping's place is used then.
    static func secondKey(_ key: String, in text: String, mappingAt mark: Mark) -> (Int, Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let indent = mark.column - 1
        var seen = 0
        for index in (mark.line - 1)..<lines.count {
            let line = lines[index]
            let leading = line.prefix(while: { $0 == " " }).count
            let rest = line.dropFirst(leading)
            if index >= mark.line, leading < indent, !rest.isEmpty, !rest.hasPrefix("#") { break }
            // The first key of a mapping in a list item stands after "- ".
            let body = index == mark.line - 1 ? line.dropFirst(min(indent, line.count)) : (leading == indent ? rest : "")
            for written in [key, "\"\(key)\"", "'\(key)'"] where body.hasPrefix(written + ":") {
                seen += 1
                if seen == 2 { return (index + 1, indent + 1) }
            }
        }
        return nil
    }

    private static func describe(_ error: YamlError) -> (Mark?, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return (mark, prefix + problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            return (context.mark, "duplicate key " + duplicates.map { "'\($0)'" }.joined(separator: ", "))
        case let .reader(problem, _, _, _):
            return (nil, problem)
        default:
            return (nil, "\(error)")
        }
    }
}

/// A YAML node with its source position and typed, diagnosing accessors.
/// Every accessor reports what was wrong and where, and returns nil so loading can continue.
struct YAMLValue {
    let node: Node
    let file: String
    let lineOffset: Int
    let report: DiagnosticSink
    /// The YAML text's lines, to find where a block scalar's content really starts.
    let lines: YAMLLines

    var location: SourceLocation {
        SourceLocation(file: file, line: (node.mark?.line ?? 1) + lineOffset, column: node.mark?.column ?? 1)
    }

    func child(_ node: Node) -> YAMLValue {
        YAMLValue(node: node, file: file, lineOffset: lineOffset, report: report, lines: lines)
    }

    func mapping(_ what: String, fields: [String]) -> YAMLMapping? {
        guard case .mapping(let mapping) = node else {
            report.error(location, "\(what) must be a mapping of fields (name: value)")
            return nil
        }
        return YAMLMapping(value: self, mapping: mapping, what: what, fields: fields)
    }

    func string(_ what: String) -> String? {
        guard case .scalar(let scalar) = node, !isNull else {
            report.error(location, "\(what) must be text")
            return nil
        }
        let value = scalar.string.trimmed(newlines: true)
        if value.isEmpty {
            report.error(location, "\(what) must not be empty")
            return nil
        }
        return scalar.string
    }

    /// An ISO 3166-1 alpha-2 country code.
    func countryCode(_ what: String) -> String? {
        guard let text = string(what) else { return nil }
        guard CountryCode.isAssigned(text) else {
            let hint = text == "UK" ? "the United Kingdom's ISO code is GB" : "use an ISO 3166-1 alpha-2 code such as DE or US"
            report.error(location, "'\(text)' is not an ISO 3166-1 alpha-2 country code", hint: hint)
            return nil
        }
        return text
    }

    /// A mapping whose keys are data (country codes, reasons), not field names.
    func keyedValues(_ what: String) -> [(key: String, keyLocation: SourceLocation, value: YAMLValue)]? {
        if isNull { return [] }
        guard case .mapping(let mapping) = node else {
            report.error(location, "\(what) must be a mapping (key: value)")
            return nil
        }
        return mapping.map { key, value in (key.scalar?.string ?? "", child(key).location, child(value)) }
    }

    /// A whole number, zero or more.
    func weight(_ what: String) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string), value >= 0 else {
            report.error(location, "\(what) must be a whole number, 0 or more")
            return nil
        }
        return value
    }

    /// Text that must be a slug (lowercase letters, digits, single hyphens).
    func slug(_ what: String) -> String? {
        guard let text = string(what) else { return nil }
        guard Slug.isValid(text) else {
            report.error(location, "\(what) must be a slug (lowercase letters, digits, hyphens), found '\(text)'")
            return nil
        }
        return text
    }

    var isNull: Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func bool(_ what: String) -> Bool? {
        guard case .scalar(let scalar) = node, scalar.style == .plain,
              ["true", "false"].contains(scalar.string) else {
            report.error(location, "\(what) must be true or false")
            return nil
        }
        return scalar.string == "true"
    }

    func positiveInt(_ what: String) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string), value > 0 else {
            report.error(location, "\(what) must be a positive whole number")
            return nil
        }
        return value
    }

    /// A calendar date written YYYY-MM-DD.
    func date(_ what: String) -> String? {
        guard case .scalar(let scalar) = node, Self.isValidDate(scalar.string) else {
            let found = node.scalar?.string ?? "a \(kindName)"
            report.error(location, "\(what) must be a date in the form YYYY-MM-DD, found '\(found)'")
            return nil
        }
        return scalar.string
    }

    static func isValidDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    func sequence(_ what: String) -> [YAMLValue]? {
        if isNull { return [] }
        guard case .sequence(let sequence) = node else {
            report.error(location, "\(what) must be a list")
            return nil
        }
        return sequence.map(child)
    }

    /// A list of texts; a single text is not accepted, to keep files uniform.
    func strings(_ what: String) -> [(String, SourceLocation)]? {
        guard let items = sequence(what) else { return nil }
        var result: [(String, SourceLocation)] = []
        for item in items {
            if let text = item.string("each item of \(what)") { result.append((text, item.location)) }
        }
        return result
    }

    /// Markdown in a YAML scalar, positioned so diagnostics inside it point at the file.
    func markdown(_ what: String) -> MarkdownSource? {
        guard let text = string(what), case .scalar(let scalar) = node else { return nil }
        switch scalar.style {
        case .literal, .folded:
            // Content starts on the line after the `|` or `>`, indented; the indentation is stripped from the text.
            let index = (node.mark?.line ?? 1)
            let indent = index < lines.lines.count ? lines.lines[index].prefix(while: { $0 == " " }).count : 0
            return MarkdownSource(text: text, file: file, firstLine: location.line + 1, indent: indent)
        case .singleQuoted, .doubleQuoted:
            return MarkdownSource(text: text, file: file, firstLine: location.line, indent: location.column)
        default:
            return MarkdownSource(text: text, file: file, firstLine: location.line, indent: location.column - 1)
        }
    }

    var kindName: String {
        switch node {
        case .mapping: "mapping"
        case .sequence: "list"
        case .scalar: "text"
        case .alias: "alias"
        }
    }
}

/// Lines of a YAML text, shared by every value parsed from it.
final class YAMLLines {
    let lines: [Substring]
    init(_ lines: [Substring]) { self.lines = lines }
}

/// A YAML mapping whose fields are read by name; `finish()` reports every field nobody asked for.
final class YAMLMapping {
    let value: YAMLValue
    let what: String
    private let fields: [String]
    private var entries: [(key: String, keyLocation: SourceLocation, value: YAMLValue)] = []
    /// Fields an unknown key was taken for ("did you mean 'rules'?"): that error says the field is
    /// missing already, so `required` does not say it again.
    private var suggested: Set<String> = []

    init(value: YAMLValue, mapping: Node.Mapping, what: String, fields: [String]) {
        self.value = value
        self.what = what
        self.fields = fields
        for (key, item) in mapping {
            let keyValue = value.child(key)
            entries.append((key.scalar?.string ?? "", keyValue.location, value.child(item)))
        }
        for entry in entries where !fields.contains(entry.key) {
            let near = Suggestions.nearest(to: entry.key, in: fields)
            suggested.formUnion(near)
            value.report.error(entry.keyLocation, "unknown field '\(entry.key)' in \(what)",
                               hint: Suggestions.hint(for: entry.key, in: fields) ?? "allowed fields: \(fields.joined(separator: ", "))")
        }
    }

    var location: SourceLocation { value.location }

    subscript(key: String) -> YAMLValue? {
        precondition(fields.contains(key), "field '\(key)' is not declared for \(what)")
        guard let found = entries.first(where: { $0.key == key })?.value, !found.isNull else { return nil }
        return found
    }

    func required(_ key: String) -> YAMLValue? {
        if let found = self[key] { return found }
        if !suggested.contains(key) { value.report.error(location, "\(what) is missing the required field '\(key)'") }
        return nil
    }

    func requiredString(_ key: String) -> String? { required(key)?.string("'\(key)'") }
    func optionalString(_ key: String) -> String? { self[key]?.string("'\(key)'") }
    func optionalBool(_ key: String, default fallback: Bool) -> Bool { self[key]?.bool("'\(key)'") ?? fallback }
}
