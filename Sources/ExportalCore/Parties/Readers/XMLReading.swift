import ExportalDomain
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The part of an XML list reader that is the same for every list: it runs Foundation's
/// `XMLParser`, gathers each element's text and turns the first parse error into a diagnostic
/// at the parser's line and column. Readers subclass it and override `start` and `end`.
///
/// (On Linux `XMLParser.parse()` can return true after reporting an error, so the error is
/// taken from the delegate callback, never from the return value.)
class XMLListHandler: NSObject, XMLParserDelegate {
    let source: PartySource
    private(set) var diagnostics: [Diagnostic] = []
    /// The text of the element being closed, trimmed (valid inside `end`).
    private(set) var text = ""
    private var buffer = ""
    private(set) var failed = false
    /// The name of the root element, once seen.
    private(set) var root: String?

    init(source: PartySource) {
        self.source = source
    }

    /// Parses the whole source; returns false when the XML was malformed (the error is in `diagnostics`).
    @discardableResult
    func run(processNamespaces: Bool = false) -> Bool {
        switch XMLDocumentType.text(source.bytes) {
        case .refused(let line, let column, let message):
            error((line, column), message)
            failed = true
            return false
        case .utf8(let text, let fromUTF16):
            if let refused = XMLDocumentType.problem(in: text, fromUTF16: fromUTF16) {
                error(DelimitedText.location(of: refused.offset, from: 1, lineStart: 0, in: text), refused.message)
                failed = true
                return false
            }
        }
        let parser = XMLParser(data: Data(source.bytes))
        parser.shouldProcessNamespaces = processNamespaces
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        _ = parser.parse()
        if !failed && root == nil {
            diagnostics.append(source.error(line: 1, column: 1, "the file holds no XML element"))
            failed = true
        }
        return !failed
    }

    func start(_ name: String, attributes: [String: String], namespace: String?, at location: (line: Int, column: Int)) {}
    func end(_ name: String) {}

    func warning(_ location: (line: Int, column: Int), _ message: String) {
        diagnostics.append(source.warning(line: location.line, column: location.column, message))
    }

    func error(_ location: (line: Int, column: Int), _ message: String) {
        diagnostics.append(source.error(line: location.line, column: location.column, message))
    }

    // MARK: XMLParserDelegate

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes attributeDict: [String: String] = [:]) {
        guard !failed else { return }
        if root == nil { root = elementName }
        buffer = ""
        var attributes = attributeDict
        for (key, value) in attributeDict.sorted(by: { $0.key < $1.key }) {  // sorted: the same diagnostics every run
            guard let readable = readable(value, parser) else { return }
            attributes[key] = readable
        }
        start(elementName, attributes: attributes, namespace: namespaceURI, at: (parser.lineNumber, parser.columnNumber))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard !failed else { return }
        text = buffer.trimmedSpaces
        buffer = ""
        end(elementName)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !failed, let readable = readable(string, parser) else { return }
        buffer += readable
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !failed, let readable = readable(String(decoding: CDATABlock, as: UTF8.self), parser) else { return }
        buffer += readable
    }

    /// Text as the parser decoded it (character references included), checked for control
    /// characters (`ListControlCharacters`): nil, after an error that stops the parse, when it
    /// holds one that cannot be read.
    private func readable(_ text: String, _ parser: XMLParser) -> String? {
        guard text.unicodeScalars.contains(where: { ListControlCharacters.kind(of: $0) != .allowed }) else { return text }
        let at = (parser.lineNumber, parser.columnNumber)
        if let forbidden = ListControlCharacters.firstForbidden(in: text) {
            stop(parser, at, ListControlCharacters.forbiddenMessage(forbidden, in: "the text"))
            return nil
        }
        for scalar in text.unicodeScalars {
            if case .windows1252(let character) = ListControlCharacters.kind(of: scalar) {
                warning(at, ListControlCharacters.readAsMessage(scalar, character))
            }
        }
        return ListControlCharacters.repaired(text)
    }

    /// The first error ends the parse: what follows it cannot be trusted.
    private func stop(_ parser: XMLParser, _ at: (line: Int, column: Int), _ message: String) {
        guard !failed else { return }
        failed = true
        error(at, message)
        parser.abortParsing()
    }

    // Entity declarations never get here: `XMLDocumentType` refuses them first. Apple's parser
    // reports them too, a second guard there (the Linux parser calls none of these).
    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        stop(parser, (parser.lineNumber, parser.columnNumber), XMLDocumentType.entities)
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        stop(parser, (parser.lineNumber, parser.columnNumber), XMLDocumentType.entities)
    }

    func parser(_ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?, systemID: String?,
                notationName: String?) {
        stop(parser, (parser.lineNumber, parser.columnNumber), XMLDocumentType.entities)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        stop(parser, (parser.lineNumber, parser.columnNumber), Self.message((parseError as NSError).code))
    }

    /// Plain words for the parse errors a damaged list file produces. The codes are libxml2's
    /// error numbers, which `XMLParser` reports on every platform (and Apple's `XMLParser.ErrorCode`
    /// mirrors); the Linux enum numbers its cases differently, so it is not used here.
    static func message(_ code: Int) -> String {
        switch code {
        case 4: "the file holds no XML"
        case 5, 77: "XML ends before the document is complete (is the file truncated?)"
        case 76: "closing tag does not match the element it closes"
        case 73: "'>' expected"
        case 26, 37: "unknown or unfinished entity reference"
        case 38...43: "malformed attribute"
        case 9: "invalid character in XML"
        case 86: "content after the end of the root element"
        default: "malformed XML (XML parser error \(code))"
        }
    }
}
