import Foundation

/// The one place an XML list could reach outside its own file, or change its own text unseen:
/// the document type declaration. Entity declarations (`<!ENTITY x "...">`) are refused, since
/// the parser would silently drop or expand their references in names; so is a DTD named by
/// `SYSTEM` or `PUBLIC`, which would be read from a path or a URL. No official list has either:
/// the UN list and the EU file have no document type at all. A bare `<!DOCTYPE root>`, or an
/// internal subset without entities, declares nothing that changes the text and is allowed.
///
/// The declaration is found here, in the text before the root element, before `XMLParser` sees
/// anything, so nothing is ever fetched. The scan reads UTF-8 and UTF-16 (transcoded first; the
/// parser, which would read UTF-16 too, does not report entity declarations on Linux); a file in
/// UTF-32 or EBCDIC, which no list is published in, is refused rather than left unscanned.
enum XMLDocumentType {
    struct Problem: Equatable {
        let offset: Int
        let message: String
    }

    static let entities = "the document type declares entities (<!ENTITY ...>), which a list file must not do"
    static let external = "the document type names an external file (SYSTEM or PUBLIC), which a list file must not do: "
        + "nothing outside the list file is read"

    static let unreadEncoding = "the file is in UTF-32 or EBCDIC: an XML list must be in UTF-8 (or UTF-16)"

    /// What the scan reads: the bytes as UTF-8, or why the file cannot be read at all.
    enum Text {
        case utf8([UInt8], fromUTF16: Bool)
        case refused(line: Int, column: Int, message: String)
    }

    /// The text to scan, as UTF-8: `bytes` themselves, or UTF-16 transcoded. Refused: UTF-32 and
    /// EBCDIC (told by their first four bytes, as the XML specification's appendix F does), and
    /// UTF-16 that is not valid (a lone surrogate, an odd byte at the end), on which libxml2
    /// crashes (SIGSEGV in xmlParseChunk, found by `make fuzz`).
    static func text(_ bytes: [UInt8]) -> Text {
        let head = Array(bytes.prefix(4)) + [UInt8](repeating: 0xFF, count: max(0, 4 - bytes.count))
        let ucs4: [[UInt8]] = [[0, 0, 0, 0x3C], [0x3C, 0, 0, 0], [0, 0, 0x3C, 0], [0, 0x3C, 0, 0],
                               [0, 0, 0xFE, 0xFF], [0xFF, 0xFE, 0, 0], [0x4C, 0x6F, 0xA7, 0x94]]
        if ucs4.contains(head) { return .refused(line: 1, column: 1, message: unreadEncoding) }
        let bigEndian = (head[0] == 0xFE && head[1] == 0xFF) || (head[0] == 0 && head[1] == 0x3C)
        let littleEndian = (head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0x3C && head[1] == 0)
        guard bigEndian || littleEndian else { return .utf8(bytes, fromUTF16: false) }
        let (high, low) = bigEndian ? (0, 1) : (1, 0)
        let units = stride(from: 0, to: bytes.count - 1, by: 2).map { (k: Int) -> UInt16 in
            let unit: UInt16 = UInt16(bytes[k + high]) << 8
            return unit | UInt16(bytes[k + low])
        }
        var utf8: [UInt8] = []
        var parser = UTF16.ForwardParser()
        var iterator = units.makeIterator()
        var decoded = 0  // units read so far
        var line = 1, lineStart = 0
        func invalid() -> Text {
            .refused(line: line, column: decoded - lineStart + 1, message: "the file is not valid UTF-16 (a lone surrogate or an odd byte at the end)")
        }
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = UTF16.decode(encoded)
                utf8 += Array(String(scalar).utf8)
                decoded += encoded.count
                if scalar == "\n" {
                    line += 1
                    lineStart = decoded
                }
            case .emptyInput:
                break loop
            case .error:
                return invalid()
            }
        }
        return bytes.count % 2 == 0 ? .utf8(utf8, fromUTF16: true) : invalid()
    }

    static let processingInstruction = "a processing instruction (<?...?>), which no list format has"

    /// The first refused thing in UTF-8 `bytes`, by byte offset; nil when there is none.
    /// `fromUTF16`: the bytes were transcoded from UTF-16 by `text(_:)`.
    static func problem(in bytes: [UInt8], fromUTF16: Bool = false) -> Problem? {
        var scanner = Scanner(bytes: bytes)
        if scanner.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.i = 3 }  // UTF-16's byte-order mark, transcoded
        if scanner.starts(with: "<?xml"), let c = scanner.byte(at: scanner.i + 5), Scanner.isSpace(c) {
            let start = scanner.i
            scanner.skip(past: "?>")  // the XML declaration
            if let problem = declaredEncoding(bytes[start..<scanner.i], at: start, fromUTF16: fromUTF16) { return problem }
        }
        while true {
            scanner.skipSpaces()
            if scanner.starts(with: "<!--") {
                scanner.skip(past: "-->")
            } else if scanner.starts(with: "<!DOCTYPE") {
                if let problem = documentType(&scanner) { return problem }
            } else {
                return processingInstructions(&scanner)  // the root element (or not XML, which the parser reports)
            }
        }
    }

    /// The declaration's `encoding`, which must be what the bytes are: UTF-8 (or ASCII), or UTF-16
    /// for a transcoded file. libxml2 would switch to any other it knows, and crashes switching
    /// to some (`encoding="UTF-7"` in xmlSwitchToEncoding, found by `make fuzz`); no list is
    /// published in another.
    private static func declaredEncoding(_ declaration: ArraySlice<UInt8>, at start: Int, fromUTF16: Bool) -> Problem? {
        let text = String(decoding: declaration, as: UTF8.self)
        guard let key = text.range(of: "encoding") else { return nil }
        let rest = text[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }  // malformed: the parser says so
        let name = rest.dropFirst().prefix { $0 != quote }.uppercased()
        let allowed: Set<String> = fromUTF16 ? ["UTF-16", "UTF-16LE", "UTF-16BE", "UTF16"] : ["UTF-8", "UTF8", "US-ASCII", "ASCII"]
        guard !allowed.contains(name) else { return nil }
        return Problem(offset: start, message: "the XML declaration names the encoding '\(name)': an XML list must be in UTF-8 (or UTF-16)")
    }

    /// Processing instructions are refused anywhere: no list has one, and Foundation's parser on
    /// Linux reads past a null pointer for one without data (`<?x?>`, found by `make fuzz`).
    /// Outside comments and CDATA sections, `<?` can only open one (`<` is escaped in text and
    /// not allowed in attribute values).
    private static func processingInstructions(_ scanner: inout Scanner) -> Problem? {
        while let c = scanner.current {
            if c == UInt8(ascii: "<") && scanner.starts(with: "<?") {
                return Problem(offset: scanner.i, message: processingInstruction)
            } else if c == UInt8(ascii: "<") && scanner.starts(with: "<!--") {
                scanner.skip(past: "-->")
            } else if c == UInt8(ascii: "<") && scanner.starts(with: "<![CDATA[") {
                scanner.skip(past: "]]>")
            } else {
                scanner.i += 1
            }
        }
        return nil
    }

    private static func documentType(_ scanner: inout Scanner) -> Problem? {
        let start = scanner.i
        scanner.i += "<!DOCTYPE".utf8.count
        scanner.skipSpaces()
        while let c = scanner.current, !Scanner.isSpace(c), c != UInt8(ascii: "["), c != UInt8(ascii: ">") { scanner.i += 1 }
        scanner.skipSpaces()
        if scanner.starts(with: "SYSTEM") || scanner.starts(with: "PUBLIC") { return Problem(offset: start, message: external) }
        guard scanner.current == UInt8(ascii: "[") else {
            scanner.skip(past: ">")
            return nil
        }
        scanner.i += 1
        while let c = scanner.current, c != UInt8(ascii: "]") {
            if scanner.starts(with: "<!ENTITY") { return Problem(offset: scanner.i, message: entities) }
            if scanner.starts(with: "<?") { return Problem(offset: scanner.i, message: processingInstruction) }
            if scanner.starts(with: "<!--") {
                scanner.skip(past: "-->")
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                scanner.i += 1
                while let d = scanner.current, d != c { scanner.i += 1 }
                scanner.i += 1
            } else {
                scanner.i += 1
            }
        }
        scanner.skip(past: ">")
        return nil
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0

        var current: UInt8? { byte(at: i) }

        func byte(at k: Int) -> UInt8? { k < bytes.count ? bytes[k] : nil }

        static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

        func starts(with text: String) -> Bool { starts(with: Array(text.utf8)) }

        func starts(with prefix: [UInt8]) -> Bool {
            i + prefix.count <= bytes.count && bytes[i..<(i + prefix.count)].elementsEqual(prefix)
        }

        mutating func skipSpaces() { while let c = current, Self.isSpace(c) { i += 1 } }

        mutating func skip(past end: String) {
            let end = Array(end.utf8)
            while i < bytes.count && !starts(with: end) { i += 1 }
            i = min(bytes.count, i + end.count)
        }
    }
}
