import Foundation

/// A tag of a Mustache template: its sigil (`#`, `^`, `/`, `>`, `<`, `$`, `&`, `=`, `%`; nil for a
/// variable, `{` for `{{{unescaped}}}`), its name and where it starts.
struct TemplateTag: Equatable {
    let kind: Character?
    let name: String
    let line: Int
    let column: Int
}

enum TemplateTags {
    /// The tags of a template, in order, following set-delimiter tags (`{{=<% %>=}}`) and skipping
    /// comments. For checks made when templates load; rendering is swift-mustache's.
    static func scan(_ text: String) -> [TemplateTag] {
        var found: [TemplateTag] = []
        var open = Array("{{".utf8), close = Array("}}".utf8)
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
            var unescaped = false
            if open == Array("{{".utf8), contentStart < bytes.count, bytes[contentStart] == UInt8(ascii: "{") {
                closing = Array("}".utf8) + close  // {{{unescaped}}}
                contentStart += 1
                unescaped = true
            }
            guard let tagEnd = find(closing, in: bytes, from: contentStart) else { break }
            let content = String(decoding: bytes[contentStart..<tagEnd], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            advance(to: tagEnd + closing.count)
            guard let first = content.first else { continue }
            let kind: Character? = unescaped ? "{" : sigils.contains(first) ? first : nil
            if kind == "!" { continue }
            let name = kind == nil || kind == "{" ? content : content.dropFirst().trimmingCharacters(in: .whitespacesAndNewlines)
            if kind == "=" {
                let parts = content.dropFirst().dropLast().split(whereSeparator: \.isWhitespace)
                if content.hasSuffix("="), parts.count == 2 {
                    open = Array(parts[0].utf8)
                    close = Array(parts[1].utf8)
                }
            }
            found.append(TemplateTag(kind: kind, name: name, line: tagLine, column: column))
        }
        return found
    }

    private static let sigils: Set<Character> = ["#", "^", "/", ">", "<", "$", "&", "=", "%", "!"]

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
