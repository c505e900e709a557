import Foundation
import ExportalMarkdown

/// The search index as static files, so a query downloads only what it needs:
///
///     search/index.<hash>.json   manifest: shard keys -> shard files, document chunk files
///     search/s/<hash>.json       a shard: every term that starts with its key, with postings
///     search/d/<hash>.json       a chunk of `chunkSize` documents: kind, title, path, excerpt
///
/// A term lives in the shard whose key is its longest listed prefix. Keys start at two
/// characters and grow (up to `maxKeyLength`) only where a shard would exceed `shardLimit`
/// bytes, so a typical word costs one small shard. Postings are `delta << 4 | fields`: the
/// distance from the previous document number, and the bits of the fields it was found in.
/// Every file is named by its content hash and can be cached forever; pages name the manifest.
struct SearchIndex {
    static let folder = "search"
    static let maxKeyLength = 4

    let files: [OutputFile]
    /// The manifest, relative to the portal root; pages pass it to search.js.
    let manifestPath: String
    let documentCount: Int
    let termCount: Int
    let shardCount: Int

    init(documents: [SearchDocument], shardLimit: Int = 24 * 1024, chunkSize: Int = 32) {
        let postings = Self.postings(documents)
        var shards: [(key: String, file: String)] = []
        var files: [OutputFile] = []
        for (key, terms) in Self.shardTerms(postings.keys.sorted(), postings: postings, limit: shardLimit) {
            let data = Self.shardJSON(terms, postings: postings)
            let name = Self.hashName(data)
            shards.append((key, name))
            files.append(OutputFile(path: "\(Self.folder)/s/\(name).json", data: data))
        }
        var chunks: [String] = []
        for start in stride(from: 0, to: documents.count, by: chunkSize) {
            let data = Self.chunkJSON(documents[start..<min(start + chunkSize, documents.count)])
            let name = Self.hashName(data)
            chunks.append(name)
            files.append(OutputFile(path: "\(Self.folder)/d/\(name).json", data: data))
        }
        var manifest = #"{"version":1,"chunk":\#(chunkSize),"count":\#(documents.count),"kinds":["#
        manifest += SearchDocument.Kind.allCases.map { JSONText.string($0.rawValue) }.joined(separator: ",")
        manifest += #"],"shards":{"#
        manifest += shards.map { "\(JSONText.string($0.key)):\(JSONText.string($0.file))" }.joined(separator: ",")
        manifest += #"},"docs":["#
        manifest += chunks.map(JSONText.string).joined(separator: ",")
        manifest += "]}\n"
        let data = Data(manifest.utf8)
        manifestPath = "\(Self.folder)/index.\(Self.hashName(data)).json"
        files.append(OutputFile(path: manifestPath, data: data))
        self.files = files
        documentCount = documents.count
        termCount = postings.count
        shardCount = shards.count
    }

    /// Term -> packed postings. Documents are tokenised on every core; the merge is in document order.
    static func postings(_ documents: [SearchDocument]) -> [String: [Int]] {
        let slots = inParallel(documents.count) { index in
            var fields: [String: Int] = [:]
            for (field, text) in documents[index].fields where !text.isEmpty {
                for term in SearchText.terms(text) { fields[term.text, default: 0] |= field.rawValue }
            }
            return fields
        }
        var postings: [String: [Int]] = [:]
        var previous: [String: Int] = [:]
        for (document, fields) in slots.enumerated() {
            for (term, bits) in fields {
                let delta = document - (previous[term] ?? 0)
                previous[term] = document
                postings[term, default: []].append(delta << 4 | bits)
            }
        }
        return postings
    }

    /// Groups sorted terms under shard keys: two characters, longer where a group is too big.
    /// Terms no longer than a split key stay under that key.
    static func shardTerms(_ terms: [String], postings: [String: [Int]], limit: Int) -> [(String, [String])] {
        func size(_ term: String) -> Int { term.utf8.count + 4 + (postings[term]?.count ?? 0) * 5 }
        func prefix(_ term: String, _ length: Int) -> String { String(String.UnicodeScalarView(term.unicodeScalars.prefix(length))) }
        func split(_ terms: [String], length: Int) -> [(String, [String])] {
            // Grouped by key rather than by runs of the sorted list: String's order compares composed
            // characters, so decomposed terms sharing a prefix need not be neighbours.
            let groups = Dictionary(grouping: terms) { prefix($0, length) }.sorted { $0.key < $1.key }
            return groups.flatMap { key, members -> [(String, [String])] in
                guard length < maxKeyLength, members.count > 1, members.reduce(0, { $0 + size($1) }) > limit else { return [(key, members)] }
                let short = members.filter { $0.unicodeScalars.count <= length }
                let long = members.filter { $0.unicodeScalars.count > length }
                return (short.isEmpty ? [] : [(key, short)]) + split(long, length: length + 1)
            }
        }
        return split(terms, length: 2)
    }

    /// Written as bytes: the party lists add tens of thousands of postings, and a String per
    /// number was most of the time spent here.
    static func shardJSON(_ terms: [String], postings: [String: [Int]]) -> Data {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (index, term) in terms.enumerated() {
            if index > 0 { out += ",\n".utf8 }
            out += JSONText.string(term).utf8
            out += ":[".utf8
            for (position, posting) in (postings[term] ?? []).enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                appendDecimal(posting, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        out += "}\n".utf8
        return Data(out)
    }

    /// `String(number)` for a posting (never negative), appended as bytes.
    private static func appendDecimal(_ number: Int, to out: inout [UInt8]) {
        precondition(number >= 0, "postings are never negative")
        LinkedRun.forEachDigit(of: number) { out.append($0) }
    }

    /// `[[kind number, title, path, excerpt], ...]`, the kind numbering the manifest's `kinds`.
    static func chunkJSON(_ documents: ArraySlice<SearchDocument>) -> Data {
        let kinds = SearchDocument.Kind.allCases
        let rows = documents.map { document in
            "[\(kinds.firstIndex(of: document.kind) ?? 0),\(JSONText.string(document.title)),\(JSONText.string(document.path)),\(JSONText.string(document.excerpt))]"
        }
        return Data(("[" + rows.joined(separator: ",\n") + "]\n").utf8)
    }

    /// 12 hex digits of the content hash: plenty to tell versions of one index apart.
    static func hashName(_ data: Data) -> String { String(ContentHash.hex(data).prefix(12)) }
}

/// JSON text written by hand, so the files are byte-for-byte stable and compact.
enum JSONText {
    static func string(_ text: String) -> String {
        // Most text needs no escape at all, and is copied whole rather than scalar by scalar.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
