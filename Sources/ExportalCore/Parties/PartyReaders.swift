import ExportalDomain
import Foundation

/// The official (and our own) formats a restricted-party list can arrive in.
package enum PartyListFormat: String, CaseIterable, Sendable {
    /// UN Security Council Consolidated List, XML (`sc-sanctions.xsd`).
    case unXML = "un-xml"
    /// OFAC SDN list in its legacy CSV form: `sdn.csv` plus `alt.csv` and `add.csv`.
    case ofacSDNCSV = "ofac-sdn-csv"
    /// US Consolidated Screening List CSV, with or without the `_id` column.
    case cslCSV = "csl-csv"
    /// BIS Denied Persons List, tab-separated.
    case bisDPL = "bis-dpl"
    /// EU Financial Sanctions File XML (namespace `http://eu.europa.ec/fpi/fsd/export`).
    case euFSFXML = "eu-fsf-xml"
    /// An association's own list: `id,name,type,aliases,country,programmes,listed_on,remarks`.
    case nativeCSV = "csv"

    /// How entries are paired across versions: by the list's own ids, except for the Denied Persons
    /// List, which gives none (its reader's ids hash the name and effective date, which an
    /// amendment may change).
    package var entryMatching: EntryMatching { self == .bisDPL ? .nameAndAddress : .listID }
}

/// What a reader produced: the records in source order and every problem it found.
package struct PartyReadResult: Sendable {
    package var records: [PartyRecord]
    package var diagnostics: [Diagnostic]

    init(records: [PartyRecord] = [], diagnostics: [Diagnostic] = []) {
        self.records = records
        self.diagnostics = diagnostics
    }
}

/// Reads a restricted-party list file (or, for OFAC, a set of files) into `PartyRecord`s.
///
///     let result = PartyReaders.read(.unXML, files: ["main": url], display: ["main": "lists/un.xml"])
///     result.diagnostics  // e.g. lists/un.xml:812:14: error: XML ends before the document is complete
///
/// Every reader is deterministic: records come in source order and ids do not depend on the run.
/// Problems in the data are diagnostics, never crashes: a row that cannot be read is reported and
/// skipped, and a value that cannot be understood (a date with an impossible year, say) is a
/// warning and the record is still read.
package enum PartyReaders {
    /// `files` maps a role to a file: for most formats just `["main": url]`; the OFAC SDN legacy
    /// CSV set takes `["sdn": ..., "alt": ..., "add": ..., "comments": ...]` (all but `sdn` optional;
    /// `comments` is `sdn_comments.csv`, where OFAC continues remarks too long for `sdn.csv`).
    /// `display` maps the same roles to the path to print in diagnostics.
    package static func read(_ format: PartyListFormat, files: [String: URL], display: [String: String]) -> PartyReadResult {
        var loader = SourceLoader(files: files, display: display)
        let result: PartyReadResult
        if format == .ofacSDNCSV {
            guard let sdn = loader.load("sdn") else { return loader.failure() }
            result = OFACSDNReader.read(sdn: sdn, alt: loader.loadIfGiven("alt"), add: loader.loadIfGiven("add"),
                                        comments: loader.loadIfGiven("comments"))
        } else {
            guard let main = loader.load("main") else { return loader.failure() }
            result = singleFileReader(format)(main)
        }
        return PartyReadResult(records: result.records, diagnostics: loader.diagnostics + result.diagnostics)
    }

    private static func singleFileReader(_ format: PartyListFormat) -> (PartySource) -> PartyReadResult {
        switch format {
        case .unXML: UNListReader.read
        case .cslCSV: CSLReader.read
        case .bisDPL: DPLReader.read
        case .euFSFXML: EUFSFReader.read
        case .nativeCSV: NativePartyCSVReader.read
        case .ofacSDNCSV: { _ in PartyReadResult() }  // several files: read in `read`
        }
    }
}

/// One input file's bytes and the path to print for it.
struct PartySource: Sendable {
    let display: String
    let bytes: [UInt8]

    func error(line: Int, column: Int, _ message: String) -> Diagnostic {
        Diagnostic(.error, display, line: line, column: column, message)
    }

    func warning(line: Int, column: Int, _ message: String) -> Diagnostic {
        Diagnostic(.warning, display, line: line, column: column, message)
    }
}

/// Reads the role files a format asks for, reporting missing roles and unreadable files.
private struct SourceLoader {
    let files: [String: URL]
    let display: [String: String]
    var diagnostics: [Diagnostic] = []

    init(files: [String: URL], display: [String: String]) {
        self.files = files
        self.display = display
    }

    private func shown(_ role: String) -> String { display[role] ?? files[role]?.path ?? role }

    mutating func load(_ role: String) -> PartySource? {
        guard let url = files[role] else {
            let given = files.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
            diagnostics.append(Diagnostic(.error, shown(role), line: 1, column: 1, "no '\(role)' file given to the party-list reader",
                                          hint: given.isEmpty ? nil : "given: \(given)"))
            return nil
        }
        return read(role, url)
    }

    mutating func loadIfGiven(_ role: String) -> PartySource? {
        guard let url = files[role] else { return nil }
        return read(role, url)
    }

    private mutating func read(_ role: String, _ url: URL) -> PartySource? {
        switch InputFile.read(at: url.path) {
        case .success(let data):
            return PartySource(display: shown(role), bytes: Array(data))
        case .failure(let failure):
            diagnostics.append(Diagnostic(.error, shown(role), line: 1, column: 1, "cannot read file: \(failure)"))
            return nil
        }
    }

    func failure() -> PartyReadResult { PartyReadResult(records: [], diagnostics: diagnostics) }
}
