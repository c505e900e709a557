import ExportalDomain

/// Finds what in an author's raw HTML (`allow_raw_html: true`) could run a script: an event
/// handler attribute (`onerror=`), a URL attribute that `URLPolicy` refuses (`href="javascript:…"`),
/// a `style` attribute naming a script URL,
/// and the elements that run or embed active content, change the whole page, or animate a link
/// into a script. Tags are read as a browser's tokenizer reads them (any case, `/` between
/// attributes, quoted or bare values); comments and end tags hold nothing to check.
///
/// It is a check, not a sanitiser: the rest of raw HTML (forms, styles, other elements) is the
/// author's own, and what it finds is an error, so a page holding it is never published.
///
///     RawHTMLCheck.findings(in: Array(#"<img src=x onerror="alert(1)">"#.utf8))
///     // [Finding(offset: 11, length: 7, message: "raw HTML attribute 'onerror' ...", hint: ...)]
enum RawHTMLCheck {
    struct Finding: Equatable {
        /// Where the offending name or value starts in the HTML, and its length, in bytes.
        let offset: Int
        let length: Int
        let message: String
        let hint: String?
    }

    /// Attributes whose value a browser loads or follows as a URL.
    static let urlAttributes: Set<String> = ["href", "src", "srcset", "action", "formaction", "data", "poster", "background",
                                             "cite", "longdesc", "codebase", "xlink:href", "ping", "manifest", "lowsrc", "dynsrc"]

    /// Elements refused outright, with why.
    static let refusedElements: [String: String] = {
        var reasons: [String: String] = [:]
        for name in ["script", "iframe", "frame", "frameset", "object", "embed", "applet"] { reasons[name] = "it runs or embeds active content" }
        // A browser reads a noscript's content as text, so a tag hidden in an attribute there is live.
        reasons["noscript"] = "its content is read otherwise than it looks, which can hide a script"
        for name in ["base", "meta"] { reasons[name] = "it changes the whole page: where its links lead, or where it goes" }
        for name in ["animate", "set", "animatemotion", "animatetransform"] { reasons[name] = "an SVG animation can turn a link into a script" }
        return reasons
    }()

    static func findings(in html: [UInt8]) -> [Finding] {
        var found: [Finding] = []
        var index = 0
        while let open = html[index...].firstIndex(of: UInt8(ascii: "<")) {
            index = open + 1
            guard index < html.count else { break }
            if html[index...].starts(with: "!--".utf8) {
                // A comment ends at the first `-->` or `--!>`, which may overlap its opening
                // (`<!-->` is a whole comment): reading past it would hide the markup after it.
                index = min(Self.index(after: Array("-->".utf8), in: html, from: index + 1),
                            Self.index(after: Array("--!>".utf8), in: html, from: index + 1))
                continue
            }
            guard html[index].isASCIILetter else {
                // An end tag, `<!DOCTYPE …>` or `<?…>`: nothing a browser runs.
                continue
            }
            let nameEnd = html[index...].firstIndex { $0.isHTMLSpace || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ">") } ?? html.count
            let name = String(decoding: html[index..<nameEnd], as: UTF8.self).lowercased()
            if let reason = refusedElements[name] {
                found.append(Finding(offset: index, length: nameEnd - index, message: "raw HTML element <\(name)> is not allowed",
                                     hint: reason))
            }
            index = attributes(of: html, from: nameEnd, into: &found)
        }
        return found
    }

    /// Reads a start tag's attributes from `start`, checking each; returns where the tag ends.
    private static func attributes(of html: [UInt8], from start: Int, into found: inout [Finding]) -> Int {
        var index = start
        while true {
            while index < html.count, html[index].isHTMLSpace || html[index] == UInt8(ascii: "/") { index += 1 }
            guard index < html.count, html[index] != UInt8(ascii: ">") else { return min(index + 1, html.count) }
            // A name runs to a space, '/', '>' or '=', though it may start with '='.
            let nameStart = index
            index += 1
            while index < html.count, !html[index].isHTMLSpace, ![UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "=")].contains(html[index]) {
                index += 1
            }
            let name = String(decoding: html[nameStart..<index], as: UTF8.self).lowercased()
            while index < html.count, html[index].isHTMLSpace { index += 1 }
            var value: Range<Int>?
            if index < html.count, html[index] == UInt8(ascii: "=") {
                index += 1
                while index < html.count, html[index].isHTMLSpace { index += 1 }
                if index < html.count, html[index] == UInt8(ascii: "\"") || html[index] == UInt8(ascii: "'") {
                    let quote = html[index]
                    let end = html[(index + 1)...].firstIndex(of: quote) ?? html.count
                    value = (index + 1)..<end
                    index = min(end + 1, html.count)
                } else {
                    let end = html[index...].firstIndex { $0.isHTMLSpace || $0 == UInt8(ascii: ">") } ?? html.count
                    value = index..<end
                    index = end
                }
            }
            check(name, at: nameStart, value: value, in: html, into: &found)
        }
    }

    private static func check(_ name: String, at nameStart: Int, value: Range<Int>?, in html: [UInt8], into found: inout [Finding]) {
        if name.hasPrefix("on") {
            found.append(Finding(offset: nameStart, length: name.utf8.count,
                                 message: "raw HTML attribute '\(name)' is an event handler, which runs a script",
                                 hint: "no script from content is published; scripts belong in the templates and Public/"))
        } else if name == "style", let value, Self.namesAScript(html[value]) {
            // No browser of today runs these from CSS, but a page that names one is not published.
            found.append(Finding(offset: value.lowerBound, length: value.count,
                                 message: "raw HTML 'style' names a script URL", hint: "a style may not name javascript:, vbscript: or expression()"))
        } else if urlAttributes.contains(name), let value {
            let text = String(decoding: html[value], as: UTF8.self)
            guard let refusal = URLPolicy.refusal(of: text, relative: true) else { return }
            found.append(Finding(offset: value.lowerBound, length: value.count,
                                 message: URLPolicy.message("raw HTML '\(name)'", found: text, relative: true), hint: refusal.description))
        }
    }

    /// Whether CSS text holds `javascript:`, `vbscript:` or `expression(`, in any case, however
    /// spaced or escaped (`java\script:`): letters, `:` and `(` are compared with the rest dropped.
    private static func namesAScript(_ css: ArraySlice<UInt8>) -> Bool {
        let letters = String(decoding: css.filter { $0.isASCIILetter || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "(") }, as: UTF8.self)
            .lowercased()
        return ["javascript:", "vbscript:", "expression("].contains { letters.contains($0) }
    }

    /// The index just past the first `pattern` at or after `start`, or the end.
    private static func index(after pattern: [UInt8], in html: [UInt8], from start: Int) -> Int {
        var index = start
        while index + pattern.count <= html.count {
            if html[index..<(index + pattern.count)].elementsEqual(pattern) { return index + pattern.count }
            index += 1
        }
        return html.count
    }
}

private extension UInt8 {
    var isASCIILetter: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }
    /// Tab, line feed, form feed, carriage return and space: what separates attributes.
    var isHTMLSpace: Bool { self == 0x09 || self == 0x0A || self == 0x0C || self == 0x0D || self == 0x20 }
}
