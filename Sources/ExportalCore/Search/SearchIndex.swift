import ExportalDomain
import Foundation

/// The search index as static files, so a query downloads only what it needs:
///
///     search/index.json          manifest: shard keys -> shard files, document chunk files
///     search/s/<hash>.json       a shard: every term that starts with its key, with postings
///     search/d/<hash>.json       a chunk of `chunkSize` documents: kind, title, path, excerpt
///
/// A term lives in the shard whose key is its longest listed prefix. Keys start at two
/// characters and grow (up to `maxKeyLength`) only where a shard would exceed `shardLimit`
/// bytes, so a typical word costs one small shard. Postings are `delta << 4 | fields`: the
/// distance from the previous document number, and the bits of the fields it was found in.
/// Shards and chunks are named by their content hash and can be cached forever. The manifest keeps
/// one name, so a page does not change when only the index does (an edit re-renders the pages it
/// touches, not every page); search.js revalidates it on each load.
struct SearchIndex {
    static let folder = "search"
    static let maxKeyLength = 4
    /// The manifest, relative to the portal root; pages pass it to search.js.
    static let manifestPath = "\(folder)/index.json"

    let files: [OutputFile]
    let documentCount: Int
    let termCount: Int
    let shardCount: Int
    /// What `serve` needs to splice edited documents in (`SearchIndexState`); only when asked for.
    let state: SearchIndexState?

    init(documents: [SearchDocument], shardLimit: Int = 24 * 1024, chunkSize: Int = 32, memo: SearchMemo? = nil, keepState: Bool = false) {
        let postings = SearchPostings(documents, memo: memo)
        let groups = Self.shardGroups(postings, limit: shardLimit)
        var files: [OutputFile] = []
        var shards: [[SearchIndexState.Shard]] = []
        for group in groups {
            shards.append(group.shards.map { key, terms in
                let data = Self.shardJSON(terms, of: postings)
                let shard = SearchIndexState.Shard(key: key, file: Self.hashName(data), data: data)
                files.append(OutputFile(path: shard.path, data: data))
                return shard
            })
        }
        var chunks: [SearchIndexState.Chunk] = []
        for start in stride(from: 0, to: documents.count, by: chunkSize) {
            let data = Self.chunkJSON(documents[start..<min(start + chunkSize, documents.count)])
            let chunk = SearchIndexState.Chunk(file: Self.hashName(data), data: data)
            chunks.append(chunk)
            files.append(OutputFile(path: chunk.path, data: data))
        }
        files.append(OutputFile(path: Self.manifestPath, data: Self.manifest(chunkSize: chunkSize, count: documents.count,
                                                                             shards: shards.joined(), chunks: chunks)))
        self.files = files
        documentCount = documents.count
        termCount = postings.terms.count
        shardCount = shards.reduce(0) { $0 + $1.count }
        state = keepState ? SearchIndexState(postings: postings, groups: groups, shards: shards, chunks: chunks,
                                             chunkSize: chunkSize, shardLimit: shardLimit, documentCount: documents.count) : nil
    }

    static func manifest(chunkSize: Int, count: Int, shards: some Sequence<SearchIndexState.Shard>, chunks: [SearchIndexState.Chunk]) -> Data {
        var manifest = #"{"version":1,"chunk":\#(chunkSize),"count":\#(count),"kinds":["#
        manifest += SearchDocument.Kind.allCases.map { JSONText.string($0.rawValue) }.joined(separator: ",")
        manifest += #"],"shards":{"#
        manifest += shards.map { "\(JSONText.string($0.key)):\(JSONText.string($0.file))" }.joined(separator: ",")
        manifest += #"},"docs":["#
        manifest += chunks.map { JSONText.string($0.file) }.joined(separator: ",")
        manifest += "]}\n"
        return Data(manifest.utf8)
    }

    /// Groups the (sorted) terms under shard keys: two characters, longer where a group is too
    /// big. Terms no longer than a split key stay under that key. Members are term numbers.
    static func shardTerms(_ postings: SearchPostings, limit: Int) -> [(String, [Int])] {
        Array(shardGroups(postings, limit: limit).map(\.shards).joined())
    }

    /// `shardTerms`, kept apart by the terms' first two characters: each such group's shards
    /// depend on its own terms alone, so an edit splits again only the groups of the terms it touches.
    static func shardGroups(_ postings: SearchPostings, limit: Int) -> [(key: String, members: [Int], shards: [(String, [Int])])] {
        let terms = postings.terms
        return topGroups(Array(terms.indices), text: { terms[$0] }).map { key, members in
            (key, members, split(key, members, length: 2, limit: limit, text: { terms[$0] }, size: { size(terms[$0], postings.postings[$0]) }))
        }
    }

    /// What a term adds to its shard's size, as `split` counts it.
    static func size(_ term: String, _ postings: [Int]) -> Int { term.utf8.count + 4 + postings.count * 5 }

    /// Members grouped by their terms' first two characters, in the order of the keys; each group
    /// keeps the members' order.
    static func topGroups<Member>(_ members: [Member], text: (Member) -> String) -> [(String, [Member])] {
        group(members, length: 2, text: text)
    }

    /// The key of the group of shards a term is in: its first two characters.
    static func groupKey(_ term: String) -> String { prefix(term, 2) }

    private static func prefix(_ term: String, _ length: Int) -> String { String(String.UnicodeScalarView(term.unicodeScalars.prefix(length))) }

    private static func group<Member>(_ members: [Member], length: Int, text: (Member) -> String) -> [(String, [Member])] {
        // Grouped by key rather than by runs of the sorted list: String's order compares composed
        // characters, so decomposed terms sharing a prefix need not be neighbours.
        var order: [String] = [], groups: [String: [Member]] = [:]
        for member in members {
            let key = prefix(text(member), length)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(member)
        }
        return order.sorted().map { ($0, groups[$0]!) }
    }

    /// The shards of the group under `key`, whose members' terms share its first `length` characters.
    static func split<Member>(_ key: String, _ members: [Member], length: Int, limit: Int,
                              text: (Member) -> String, size: (Member) -> Int) -> [(String, [Member])] {
        guard length < maxKeyLength, members.count > 1, members.reduce(0, { $0 + size($1) }) > limit else { return [(key, members)] }
        let short = members.filter { text($0).unicodeScalars.count <= length }
        let long = members.filter { text($0).unicodeScalars.count > length }
        return (short.isEmpty ? [] : [(key, short)])
            + group(long, length: length + 1, text: text).flatMap { split($0, $1, length: length + 1, limit: limit, text: text, size: size) }
    }

    /// `{"term":[posting,...],\n...}` for the given term numbers, written as bytes into one
    /// buffer: the postings of a large portal are millions of numbers.
    static func shardJSON(_ members: [Int], of postings: SearchPostings) -> Data {
        shardJSON(members) { (postings.terms[$0], postings.postings[$0]) }
    }

    static func shardJSON<Member>(_ members: [Member], entry: (Member) -> (term: String, postings: [Int])) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(members.reduce(2) { total, member in
            let (term, postings) = entry(member)
            return total + term.utf8.count + 6 + postings.count * 6
        })
        out.append(UInt8(ascii: "{"))
        for (index, member) in members.enumerated() {
            if index > 0 { out += ",\n".utf8 }
            let (term, postings) = entry(member)
            JSONText.append(term, to: &out)
            out += ":[".utf8
            for (position, posting) in postings.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendDecimal(posting, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        out += "}\n".utf8
        return Data(out)
    }

    /// `[[kind number, title, path, excerpt], ...]`, the kind numbering the manifest's `kinds`.
    static func chunkJSON(_ documents: ArraySlice<SearchDocument>) -> Data {
        let kinds = SearchDocument.Kind.allCases
        var out: [UInt8] = []
        out.reserveCapacity(documents.reduce(4) { $0 + $1.title.utf8.count + $1.path.utf8.count + $1.excerpt.utf8.count + 16 })
        out.append(UInt8(ascii: "["))
        for (index, document) in documents.enumerated() {
            if index > 0 { out += ",\n".utf8 }
            out.append(UInt8(ascii: "["))
            JSONText.appendDecimal(kinds.firstIndex(of: document.kind) ?? 0, to: &out)
            for text in [document.title, document.path, document.excerpt] {
                out.append(UInt8(ascii: ","))
                JSONText.append(text, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        out += "]\n".utf8
        return Data(out)
    }

    /// 12 hex digits of the content hash: plenty to tell versions of one index apart.
    static func hashName(_ data: Data) -> String { String(ContentHash.hex(data).prefix(12)) }
}

/// JSON text written by hand, so the files are byte-for-byte stable and compact.
enum JSONText {
    static func string(_ text: String) -> String {
        // Most text needs no escape at all, and is copied whole rather than scalar by scalar.
        if !needsEscape(text) { return "\"" + text + "\"" }
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

    private static func needsEscape(_ text: String) -> Bool {
        !SearchText.allBytes(of: text) { $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") && $0 >= 0x20 }
    }

    /// `string(text)` appended as bytes, copied whole where nothing needs escaping (almost always).
    static func append(_ text: String, to out: inout [UInt8]) {
        if needsEscape(text) {
            out += string(text).utf8
        } else {
            out.append(UInt8(ascii: "\""))
            out += text.utf8
            out.append(UInt8(ascii: "\""))
        }
    }

    /// `String(number)` for a number that is never negative, appended as ASCII digits.
    static func appendDecimal(_ number: Int, to out: inout [UInt8]) {
        precondition(number >= 0, "only counts and postings are written this way")
        var power = 1
        while power <= number / 10 { power *= 10 }
        var rest = number
        while power > 0 {
            out.append(UInt8(ascii: "0") + UInt8(rest / power))
            rest %= power
            power /= 10
        }
    }
}

/// Every term of the index with its postings, in the order of the shard files: terms sorted as
/// Strings compare, each term's postings in document order.
struct SearchPostings {
    let terms: [String]
    /// `postings[n]` belongs to `terms[n]`: `delta << 4 | fields` per document the term is in.
    let postings: [[Int]]

    init(terms: [String], postings: [[Int]]) {
        self.terms = terms
        self.postings = postings
    }

    /// Consecutive documents are tokenised in blocks, on every core. Each block numbers its own
    /// terms, so a token costs one lookup in the block's table and the merge below looks up
    /// each distinct term once per block, rather than once per document it is in.
    /// `memo` (serve) gives back the blocks whose documents' fields are unchanged since the last build.
    init(_ documents: [SearchDocument], memo: SearchMemo? = nil) {
        let blockSize = 256
        let blocks = inParallel((documents.count + blockSize - 1) / blockSize) { block in
            let slice = documents[(block * blockSize)..<min((block + 1) * blockSize, documents.count)]
            return memo?.block(slice) ?? TokenisedBlock(slice)
        }
        var numbers: [String: Int] = [:]
        var terms: [String] = []
        var postings: [[Int]] = []
        var previous: [Int] = []
        for (blockNumber, block) in blocks.enumerated() {
            let global = block.terms.map { term in
                if let number = numbers[term] { return number }
                numbers[term] = terms.count
                terms.append(term)
                postings.append([])
                previous.append(0)
                return terms.count - 1
            }
            var start = 0
            for (offset, end) in block.ends.enumerated() {
                let document = blockNumber * blockSize + offset
                for (term, fields) in block.entries[start..<end] {
                    let number = global[term]
                    postings[number].append((document - previous[number]) << 4 | fields)
                    previous[number] = document
                }
                start = end
            }
        }
        let order = terms.indices.sorted { terms[$0] < terms[$1] }
        self.terms = order.map { terms[$0] }
        self.postings = order.map { postings[$0] }
    }
}

/// The terms of consecutive documents: per document, each term it contains once, with the bits
/// of the fields it is in. Terms are numbered in the order the block first meets them.
struct TokenisedBlock {
    let terms: [String]
    /// Documents' entries one after another; `ends[d]` is where document d's entries end.
    let entries: [(term: Int, fields: Int)]
    let ends: [Int]

    init(_ documents: ArraySlice<SearchDocument>) {
        // Terms numbered by their bytes in the order first met: a String is made once per term.
        var numbers = ByteKeyTable()
        var terms: [String] = []
        var entries: [(term: Int, fields: Int)] = []
        var ends: [Int] = []
        // Per term: the last document it was met in, and its entry there.
        var lastDocument: [Int] = []
        var lastEntry: [Int] = []
        for (document, searchDocument) in documents.enumerated() {
            for (field, text) in searchDocument.fields where !text.isEmpty {
                SearchText.forEachTermUTF8(in: text) { term in
                    let number = numbers.insert(term)
                    if number == terms.count {
                        terms.append(String(decoding: term, as: UTF8.self))
                        lastDocument.append(-1)
                        lastEntry.append(0)
                    }
                    if lastDocument[number] == document {
                        entries[lastEntry[number]].fields |= field.rawValue
                    } else {
                        lastDocument[number] = document
                        lastEntry[number] = entries.count
                        entries.append((number, field.rawValue))
                    }
                }
            }
            ends.append(entries.count)
        }
        self.terms = terms
        self.entries = entries
        self.ends = ends
    }
}
