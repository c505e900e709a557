import ExportalDomain
import Foundation

// Why a reader of our own rather than yaslab/CSV.swift 2.5.2 or swiftcsv/SwiftCSV 0.10.0 (both in
// the package mirror; tried on the official files, release builds, 2 cores):
//
// - Positions. Every diagnostic of the party readers points at `path:line:column`: a bad date or
//   country in field 7, a row with the wrong number of columns, a misplaced quote. A quoted field
//   may span lines, so rows cannot be mapped back to lines from outside the tokenizer. Neither
//   library reports a line, column or byte offset for a row or a field; both hand back `[String]`.
// - Broken quoting is reported, located, and costs one row. CSV.swift accepts every misplaced
//   quote silently (`1,PRELASA",x` keeps the quote; `"PRELASA,"-0- ",x` becomes the field
//   `PRELASA,"0- `). SwiftCSV throws at the first one with no position and stops reading the file.
//   Neither reports an unterminated quote: the rest of the file silently becomes one field.
// - OFAC writes a space after a closing quote (`"AERO" ,-0- ,"CUBA"`). CSV.swift, without
//   `trimFields`, drops the comma and runs on: `AERO",-0- ,"UBA`. (SwiftCSV reads it.)
// - Bytes that are not UTF-8 (a Windows-1252 export): CSV.swift gives `unicodeDecoding` with no
//   place; SwiftCSV takes a `String`, so the byte is already U+FFFD. We find it ourselves either
//   way (`SourceFile.firstInvalidUTF8`), so this alone would not decide.
// - Speed, best of 5 on the 2019 OFAC SDN files: sdn.csv (1.5 MB, 7,379 rows) 35 ms here, 355 ms
//   with CSV.swift, 429 ms with SwiftCSV; alt.csv 26 / 109 / 118 ms; add.csv 26 / 126 / 175 ms. Both
//   libraries decode scalar by scalar (CSV.swift) or Character by Character (SwiftCSV); the three
//   files would add about half a second to a portal build that takes about one.
//
// What the official files need beyond RFC 4180 lives in their readers, not here: the `-0-`
// empty marker and the missing header row (OFACSDNReader), the BIS tab-separated layout
// (DPLReader), the CSL's `; `-joined values (CSLReader). On the 2019 SDN, DPL and CSL files all
// three readers give the same fields (spaces trimmed), so a library could be swapped in if one
// grows positions.

/// One row of a comma- or tab-separated file.
struct DelimitedRow: Sendable {
    /// The line the row starts on (1-based); a quoted field may carry the row over more lines.
    let line: Int
    /// Byte offset of the start of that line.
    let lineStart: Int
    var fields: [String]
    /// Byte offset where each field starts (its opening quote, when quoted).
    var offsets: [Int]
}

/// A small RFC 4180 reader working on bytes, fast enough for the full OFAC list: fields may be
/// quoted, `""` inside quotes is one quote, quoted fields may hold separators and line breaks,
/// rows end with LF, CRLF or CR. Spaces and tabs after a closing quote are kept (OFAC writes
/// `"x" ,`). A UTF-8 byte-order mark is skipped and empty lines are left out.
///
/// A quote where RFC 4180 allows none is an error at its place and its row is left out: a quote
/// inside a field that does not start with one (`PRELASA",` lost its opening quote), or other
/// text after a closing quote (`"PRELASA,"-0- "` lost its closing one, and the field ran on to
/// the next quote). Either way the row's fields are not what the file's author wrote.
enum DelimitedText {
    struct Parsed: Sendable {
        var rows: [DelimitedRow] = []
        /// Where an unterminated quoted field began; everything after it became that field.
        var unterminatedQuote: (line: Int, column: Int)?
        /// Misplaced quotes, in file order; their rows are not in `rows`.
        var misplacedQuotes: [(line: Int, column: Int, message: String)] = []
    }

    static let quoteInsideField = "a quote inside a field that does not start with one "
        + "(quote the whole field and double the quote: \"a \"\"b\"\"\")"
    static let textAfterQuote = "text after the closing quote of a field (is a quote missing?)"

    private static let quote = UInt8(ascii: "\"")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")

    static func parse(_ bytes: [UInt8], separator: UInt8) -> Parsed {
        bytes.withUnsafeBufferPointer { parse($0, separator: separator) }
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>, separator: UInt8) -> Parsed {
        var parsed = Parsed()
        let n = b.count
        var i = (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) ? 3 : 0
        var line = 1
        var lineStart = 0
        var scratch: [UInt8] = []
        scratch.reserveCapacity(256)

        while i < n {
            let rowLine = line, rowLineStart = lineStart
            var fields: [String] = []
            var offsets: [Int] = []
            var sawQuote = false
            // The first misplaced quote of the row: where, and which mistake.
            var misplaced: (offset: Int, line: Int, lineStart: Int, message: String)?
            while true {
                offsets.append(i)
                if i < n && b[i] == quote {
                    sawQuote = true
                    let openLine = line, openColumn = column(of: i, lineStart: lineStart, in: b)
                    i += 1
                    scratch.removeAll(keepingCapacity: true)
                    var closed = false
                    while i < n {
                        let c = b[i]
                        if c == quote {
                            if i + 1 < n && b[i + 1] == quote {
                                scratch.append(quote)
                                i += 2
                                continue
                            }
                            i += 1
                            closed = true
                            break
                        }
                        if c == lf || (c == cr && (i + 1 >= n || b[i + 1] != lf)) {
                            line += 1
                            lineStart = i + 1
                        }
                        scratch.append(c)
                        i += 1
                    }
                    if !closed && parsed.unterminatedQuote == nil { parsed.unterminatedQuote = (openLine, openColumn) }
                    while i < n && b[i] != separator && b[i] != lf && b[i] != cr {
                        if b[i] != space && b[i] != tab && misplaced == nil { misplaced = (i, line, lineStart, textAfterQuote) }
                        scratch.append(b[i])
                        i += 1
                    }
                    fields.append(String(decoding: scratch, as: UTF8.self))
                } else {
                    let start = i
                    while i < n && b[i] != separator && b[i] != lf && b[i] != cr {
                        if b[i] == quote && misplaced == nil { misplaced = (i, line, lineStart, quoteInsideField) }
                        i += 1
                    }
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
                }
                if i < n && b[i] == separator {
                    i += 1
                    continue
                }
                break
            }
            if i < n {  // at CR, LF or CRLF: the row ends with its line
                if b[i] == cr && i + 1 < n && b[i + 1] == lf { i += 1 }
                i += 1
                line += 1
                lineStart = i
            }
            let empty = fields.count == 1 && fields[0].isEmpty && !sawQuote
            if let misplaced {
                parsed.misplacedQuotes.append((misplaced.line, column(of: misplaced.offset, lineStart: misplaced.lineStart, in: b),
                                               misplaced.message))
            } else if !empty {
                parsed.rows.append(DelimitedRow(line: rowLine, lineStart: rowLineStart, fields: fields, offsets: offsets))
            }
        }
        return parsed
    }

    /// The 1-based column (in characters, counting UTF-8 lead bytes) of a byte offset on a line
    /// that starts at `lineStart`.
    private static func column(of offset: Int, lineStart: Int, in b: UnsafeBufferPointer<UInt8>) -> Int {
        var column = 1
        var k = lineStart
        while k < offset && k < b.count {
            if b[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return column
    }

    /// Line and column of a byte offset, counted from a known line start before it.
    static func location(of offset: Int, from line: Int, lineStart: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        bytes.withUnsafeBufferPointer { b in
            var line = line, start = lineStart, k = lineStart
            while k < offset && k < b.count {
                if b[k] == lf || (b[k] == cr && (k + 1 >= b.count || b[k + 1] != lf)) {
                    line += 1
                    start = k + 1
                }
                k += 1
            }
            return (line, column(of: offset, lineStart: start, in: b))
        }
    }
}

/// A delimited file whose first row names the columns.
struct DelimitedTable {
    let header: DelimitedRow
    let rows: ArraySlice<DelimitedRow>
    /// Column position by (trimmed) header name; a repeated name keeps its first position.
    let index: [String: Int]

    /// Parses `source`; nil (with an error) when it is empty or lacks one of `required`.
    /// `kind` names the expected file in that error ("a Denied Persons List header").
    static func read(_ source: PartySource, separator: UInt8, required: [String], kind: String,
                     diagnostics: inout [Diagnostic]) -> DelimitedTable? {
        let rows = DelimitedText.rows(of: source, separator: separator, diagnostics: &diagnostics)
        guard let header = rows.first else {
            diagnostics.append(source.error(line: 1, column: 1, "the file is empty: expected \(kind)"))
            return nil
        }
        var index: [String: Int] = [:]
        for (position, name) in header.fields.enumerated() where index[name.trimmedSpaces] == nil {
            index[name.trimmedSpaces] = position
        }
        let missing = required.filter { index[$0] == nil }
        guard missing.isEmpty else {
            diagnostics.append(source.error(line: header.line, column: 1,
                                            "not \(kind): missing column(s) \(missing.joined(separator: ", "))"))
            return nil
        }
        return DelimitedTable(header: header, rows: rows.dropFirst(), index: index)
    }

    /// Whether a data row has as many fields as the header; if not, that is an error.
    func isComplete(_ row: DelimitedRow, _ source: PartySource, diagnostics: inout [Diagnostic]) -> Bool {
        guard row.fields.count == header.fields.count else {
            diagnostics.append(DelimitedText.columnCountError(row, expected: header.fields.count, source))
            return false
        }
        return true
    }

    /// A cell by column name, trimmed ("" for a column the file does not have).
    func cell(_ row: DelimitedRow, _ name: String) -> String {
        index[name].map { row.fields[$0].trimmedSpaces } ?? ""
    }
}

extension DelimitedText {
    /// Parses `source`, reporting bytes that are not UTF-8, control characters (`ListControlCharacters`),
    /// misplaced quotes and an unterminated quoted field. Bytes that are not UTF-8 are an error at their
    /// place: they would otherwise be read as U+FFFD and published in place of the letters.
    static func rows(of source: PartySource, separator: UInt8, diagnostics: inout [Diagnostic]) -> [DelimitedRow] {
        if let (line, column) = SourceFile.firstInvalidUTF8(in: source.bytes) {
            diagnostics.append(source.error(line: line, column: column, "file is not valid UTF-8 (save it with UTF-8 encoding)"))
        }
        let needsRepair = ListControlCharacters.check(source, diagnostics: &diagnostics)
        var parsed = parse(source.bytes, separator: separator)
        for quote in parsed.misplacedQuotes {
            diagnostics.append(source.error(line: quote.line, column: quote.column, quote.message))
        }
        if let open = parsed.unterminatedQuote {
            diagnostics.append(source.error(line: open.line, column: open.column, "quoted field is not closed before the end of the file"))
        }
        if needsRepair {
            for k in parsed.rows.indices { parsed.rows[k].fields = parsed.rows[k].fields.map(ListControlCharacters.repaired) }
        }
        return parsed.rows
    }

    /// The rows with exactly `columns` fields; each other row is an error and left out.
    static func rows(_ rows: some Sequence<DelimitedRow>, withColumns columns: Int, _ source: PartySource,
                     diagnostics: inout [Diagnostic]) -> [DelimitedRow] {
        rows.filter { row in
            guard row.fields.count == columns else {
                diagnostics.append(columnCountError(row, expected: columns, source))
                return false
            }
            return true
        }
    }

    static func columnCountError(_ row: DelimitedRow, expected: Int, _ source: PartySource) -> Diagnostic {
        source.error(line: row.line, column: 1, "expected \(expected) columns, found \(row.fields.count)")
    }
}

extension DelimitedRow {
    /// Where field `index` starts, for diagnostics (the row's start when there is no such field).
    func location(ofField index: Int, in source: PartySource) -> (line: Int, column: Int) {
        guard index < offsets.count else { return (line, 1) }
        return DelimitedText.location(of: offsets[index], from: line, lineStart: lineStart, in: source.bytes)
    }

    func error(_ source: PartySource, field index: Int, _ message: String) -> Diagnostic {
        let at = location(ofField: index, in: source)
        return source.error(line: at.line, column: at.column, message)
    }

    func warning(_ source: PartySource, field index: Int, _ message: String) -> Diagnostic {
        let at = location(ofField: index, in: source)
        return source.warning(line: at.line, column: at.column, message)
    }
}

extension String {
    /// Leading and trailing ASCII spaces and tabs removed; the common case (nothing to remove)
    /// returns the string itself without copying.
    var trimmedSpaces: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        if !isSpace(first) && !isSpace(last) { return self }
        guard let start = utf8.firstIndex(where: { !isSpace($0) }),
              let end = utf8.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }

    /// Split on a multi-character separator such as "; ", trimming each part and dropping empty ones.
    func splitList(_ separator: String) -> [String] {
        guard !isEmpty else { return [] }
        return components(separatedBy: separator).map(\.trimmedSpaces).filter { !$0.isEmpty }
    }
}
