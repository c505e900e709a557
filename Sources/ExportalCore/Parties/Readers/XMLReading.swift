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
        start(elementName, attributes: attributeDict, namespace: namespaceURI, at: (parser.lineNumber, parser.columnNumber))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard !failed else { return }
        text = buffer.trimmedSpaces
        buffer = ""
        end(elementName)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        buffer += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        buffer += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        guard !failed else { return }
        failed = true
        let code = (parseError as NSError).code
        diagnostics.append(source.error(line: parser.lineNumber, column: parser.columnNumber, Self.message(code)))
        parser.abortParsing()
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
