@testable import ExportalCore
import ExportalDomain
import Foundation
import Testing

/// Official list files damaged in the ways a download, an editor or a hostile file damages them:
/// each is an error at its line and column, never a record read with the damage in it.
@Suite struct MalformedPartyListTests {
    static let sdnTail = #","-0- ","CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "#

    @Test func sdnRowMissingItsOpeningQuote() throws {
        let sdn = "305,\"AEROCARIBBEAN AIRLINES\"" + Self.sdnTail + "\n306,PRELASA\"" + Self.sdnTail + "\n"
        let result = try PartyData.read(.ofacSDNCSV, fixtures: ["sdn": ("sdn.csv", sdn)])
        #expect(result.diagnostics.map(\.description) == [
            "sdn.csv:2:12: error: a quote inside a field that does not start with one (quote the whole field and double the quote: \"a \"\"b\"\"\")",
        ])
        #expect(result.records.map(\.primaryName) == ["AEROCARIBBEAN AIRLINES"])
    }

    @Test func sdnRowMissingItsClosingQuote() throws {
        // The field runs on to the next quote, and the text after that quote is the damage.
        let sdn = "306,\"PRELASA,\"-0- \",\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n"
        let result = try PartyData.read(.ofacSDNCSV, fixtures: ["sdn": ("sdn.csv", sdn)])
        #expect(result.diagnostics.map(\.description) == [
            "sdn.csv:1:15: error: text after the closing quote of a field (is a quote missing?)",
        ])
        #expect(result.records.isEmpty)
    }

    @Test func spacesAfterAClosingQuoteAreStillAllowed() throws {
        let sdn = "305,\"AEROCARIBBEAN AIRLINES\" ,\"-0- \",\"CUBA\" ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n"
        let result = try PartyData.read(.ofacSDNCSV, fixtures: ["sdn": ("sdn.csv", sdn)])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.records.map(\.primaryName) == ["AEROCARIBBEAN AIRLINES"])
    }

    static let unEntry = """
    <CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>
    <FIRST_NAME>ERIC &x;</FIRST_NAME><REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>
    </INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>

    """

    @Test func xmlDocumentTypeDeclaringEntitiesIsRefused() throws {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE CONSOLIDATED_LIST [\n  <!ENTITY x \"BADEGE\">\n]>\n" + Self.unEntry
        let result = try PartyData.read(.unXML, "un.xml", xml)
        #expect(result.diagnostics.map(\.description) == [
            "un.xml:3:3: error: the document type declares entities (<!ENTITY ...>), which a list file must not do",
        ])
        #expect(result.records.isEmpty)
    }

    @Test func entitiesAreRefusedInUTF16TooAndUTF32IsRefused() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE CONSOLIDATED_LIST [\n  <!ENTITY x \"BADEGE\">\n]>\n" + Self.unEntry
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in xml.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let result = UNListReader.read(PartySource(display: "un.xml", bytes: utf16))
        #expect(result.diagnostics.map(\.description) == [
            "un.xml:3:3: error: the document type declares entities (<!ENTITY ...>), which a list file must not do",
        ])
        let utf32 = UNListReader.read(PartySource(display: "un.xml", bytes: [0, 0, 0, 0x3C, 0, 0, 0, 0x61, 0, 0, 0, 0x2F, 0, 0, 0, 0x3E]))
        #expect(utf32.diagnostics.map(\.description) == [
            "un.xml:1:1: error: the file is in UTF-32 or EBCDIC: an XML list must be in UTF-8 (or UTF-16)",
        ])
    }

    @Test func xmlExternalDocumentTypeIsRefusedWithoutBeingRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("exportal-dtd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let dtd = folder.appendingPathComponent("evil.dtd")
        try Data("<!ENTITY x \"FROM OUTSIDE\">".utf8).write(to: dtd)
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE CONSOLIDATED_LIST SYSTEM \"\(dtd.path)\">\n" + Self.unEntry
        let result = try PartyData.read(.unXML, "un.xml", xml)
        #expect(result.diagnostics.map(\.description) == [
            "un.xml:2:1: error: the document type names an external file (SYSTEM or PUBLIC), which a list file must not do: nothing outside the list file is read",
        ])
        #expect(result.records.isEmpty)

        let eu = "<?xml version=\"1.0\"?>\n<!DOCTYPE export PUBLIC \"-//x//y\" \"http://127.0.0.1:9/e.dtd\"><export xmlns=\"\(EUFSFReader.namespace)\"/>\n"
        #expect(try PartyData.read(.euFSFXML, "eu.xml", eu).diagnostics.map(\.description) == [
            "eu.xml:2:1: error: the document type names an external file (SYSTEM or PUBLIC), which a list file must not do: nothing outside the list file is read",
        ])
    }

    @Test func xmlDocumentTypeWithoutEntitiesIsRead() throws {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE CONSOLIDATED_LIST>\n" + Self.unEntry.replacingOccurrences(of: " &x;", with: "")
        let result = try PartyData.read(.unXML, "un.xml", xml)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.records.map(\.primaryName) == ["ERIC"])
    }

    @Test func controlCharactersInFieldsAreErrors() throws {
        let csv = "id,name,type,aliases,country,programmes,listed_on,remarks\nA-1,Fictional\u{1}Trading,entity,,DE,,,\nA-2,Tab\tand\u{7F}del,entity,,DE,,,\n"
        let result = try PartyData.read(.nativeCSV, "parties.csv", csv)
        #expect(result.diagnostics.map(\.description) == [
            "parties.csv:2:14: error: control character U+0001 (SOH) in the file (only tab and line breaks may appear in a list's text)",
            "parties.csv:3:12: error: control character U+007F (DEL) in the file (only tab and line breaks may appear in a list's text)",
        ])

        // Through an XML character reference: the parser decodes it, so it is caught after decoding.
        let xml = Self.unEntry.replacingOccurrences(of: "&x;", with: "&#x7F;")
        let un = try PartyData.read(.unXML, "un.xml", xml)
        #expect(un.diagnostics.map(\.description) == [
            "un.xml:2:24: error: control character U+007F (DEL) in the text (only tab and line breaks may appear in a list's text)",
        ])
        #expect(un.records.isEmpty)
    }

    /// C1 characters that Windows-1252 gives a meaning are that character, as HTML reads them in a
    /// character reference: the real 2019 CSL file has "HA\u{92}Assif" for HA’Assif.
    @Test func windows1252LeftoversAreReadAsTheirCharacterWithAWarning() throws {
        let csv = "id,name,type,aliases,country,programmes,listed_on,remarks\nA-1,Gui\u{92}an Example Co.,entity,,CN,,,\nA-2,Bad\u{81}Byte,entity,,CN,,,\n"
        let result = try PartyData.read(.nativeCSV, "parties.csv", csv)
        #expect(result.diagnostics.map(\.description) == [
            "parties.csv:2:8: warning: control character U+0092 read as '’' (U+2019), the character Windows-1252 gives it (the file was converted from Windows-1252 as if it were Latin-1)",
            "parties.csv:3:8: error: control character U+0081 in the file (only tab and line breaks may appear in a list's text)",
        ])
        #expect(result.records.first?.primaryName == "Gui’an Example Co.")

        let un = try PartyData.read(.unXML, "un.xml", Self.unEntry.replacingOccurrences(of: " &x;", with: "&#x92;S"))
        #expect(un.diagnostics.map(\.description) == [
            "un.xml:2:23: warning: control character U+0092 read as '’' (U+2019), the character Windows-1252 gives it "
                + "(the file was converted from Windows-1252 as if it were Latin-1)",
        ])
        #expect(un.records.map(\.primaryName) == ["ERIC’S"])
    }
}

/// Inputs `make fuzz` found that crashed a reader, minimised: each must be read without a crash
/// and reported at its place.
@Suite struct FuzzRegressionTests {
    /// Foundation's XML parser on Linux read a null pointer for a processing instruction without
    /// data (SIGSEGV in strlen): processing instructions are refused before it runs.
    @Test func processingInstructionWithoutData() throws {
        let crasher = "<?xm.0?>\n<!DOCTYPE NVCIIDT>0"
        #expect(UNListReader.read(PartySource(display: "un.xml", bytes: Array(crasher.utf8))).diagnostics.map(\.description) == [
            "un.xml:1:1: error: a processing instruction (<?...?>), which no list format has",
        ])
        let inside = "<?xml version=\"1.0\"?>\n<!DOCTYPE export>\n<export xmlns=\"\(EUFSFReader.namespace)\">\n  <!-- <?no?> --><![CDATA[<?no?>]]><?pi?></export>"
        #expect(EUFSFReader.read(PartySource(display: "eu.xml", bytes: Array(inside.utf8))).diagnostics.map(\.description) == [
            "eu.xml:4:36: error: a processing instruction (<?...?>), which no list format has",
        ])
    }
}

extension FuzzRegressionTests {
    /// libxml2 crashed (SIGSEGV in xmlSwitchToEncoding) switching to UTF-7: an XML list must
    /// declare the encoding it is in, UTF-8 (or UTF-16).
    @Test func declaredEncodingOtherThanUTF8() throws {
        let crasher = "<?xml version=\"1.0\" encoding=\"UTF-7\" standalone=\"yes\"?>\n<CONSOLIDATED_LIST/>"
        #expect(UNListReader.read(PartySource(display: "un.xml", bytes: Array(crasher.utf8))).diagnostics.map(\.description) == [
            "un.xml:1:1: error: the XML declaration names the encoding 'UTF-7': an XML list must be in UTF-8 (or UTF-16)",
        ])
        let utf8 = "<?xml version='1.0' encoding = 'utf-8'?>\n<CONSOLIDATED_LIST/>"
        #expect(UNListReader.read(PartySource(display: "un.xml", bytes: Array(utf8.utf8))).diagnostics.isEmpty)
    }
}

extension FuzzRegressionTests {
    /// libxml2 crashed (SIGSEGV in xmlParseChunk) on UTF-16 with a lone surrogate or an odd
    /// byte at the end: such a file is refused before it is parsed. The two crashers as found.
    @Test func invalidUTF16() {
        let loneSurrogate: [UInt8] = [0xFE, 0xFF, 0xDA, 0x01, 0x00, 0xDE, 0x3E, 0x01, 0x00, 0x00, 0x63, 0x3C]
        #expect(EUFSFReader.read(PartySource(display: "eu.xml", bytes: loneSurrogate)).diagnostics.map(\.description) == [
            "eu.xml:1:2: error: the file is not valid UTF-16 (a lone surrogate or an odd byte at the end)",
        ])
        let oddLength: [UInt8] = [0xFE, 0xFF, 0x78, 0x6D, 0x6C] + [UInt8](repeating: 0x09, count: 11) + [0xD9] + [UInt8](repeating: 0x09, count: 20)
        #expect(UNListReader.read(PartySource(display: "un.xml", bytes: oddLength)).diagnostics.map(\.description) == [
            "un.xml:1:9: error: the file is not valid UTF-16 (a lone surrogate or an odd byte at the end)",
        ])
    }
}
