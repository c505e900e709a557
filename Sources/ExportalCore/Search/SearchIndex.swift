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

    init(documents: [SearchDocument], shardLimit: Int = 24 * 1024, chunkSize: Int = 32, memo: SearchMemo? = nil) {
        let postings = SearchPostings(documents, memo: memo)
        var shards: [(key: String, file: String)] = []
        var files: [OutputFile] = []
        for (key, terms) in Self.shardTerms(postings, limit: shardLimit) {
            let data = Self.shardJSON(terms, of: postings)
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
        files.append(OutputFile(path: Self.manifestPath, data: data))
        self.files = files
        documentCount = documents.count
        termCount = postings.terms.count
        shardCount = shards.count
    }

    /// Groups the (sorted) terms under shard keys: two characters, longer where a group is too
    /// big. Terms no longer than a split key stay under that key. Members are term numbers.
    static func shardTerms(_ postings: SearchPostings, limit: Int) -> [(String, [Int])] {
        let terms = postings.terms
        func size(_ term: Int) -> Int { terms[term].utf8.count + 4 + postings.postings[term].count * 5 }
        func prefix(_ term: Int, _ length: Int) -> String { String(String.UnicodeScalarView(terms[term].unicodeScalars.prefix(length))) }
        func split(_ members: [Int], length: Int) -> [(String, [Int])] {
            // Grouped by key rather than by runs of the sorted list: String's order compares composed
            // characters, so decomposed terms sharing a prefix need not be neighbours.
            let groups = Dictionary(grouping: members) { prefix($0, length) }.sorted { $0.key < $1.key }
            return groups.flatMap { key, members -> [(String, [Int])] in
                guard length < maxKeyLength, members.count > 1, members.reduce(0, { $0 + size($1) }) > limit else { return [(key, members)] }
                let short = members.filter { terms[$0].unicodeScalars.count <= length }
                let long = members.filter { terms[$0].unicodeScalars.count > length }
                return (short.isEmpty ? [] : [(key, short)]) + split(long, length: length + 1)
            }
        }
        return split(Array(terms.indices), length: 2)
    }

    /// `{"term":[posting,...],\n...}` for the given term numbers, written as bytes into one
    /// buffer: the postings of a large portal are millions of numbers.
    static func shardJSON(_ members: [Int], of postings: SearchPostings) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(members.reduce(2) { $0 + postings.terms[$1].utf8.count + 6 + postings.postings[$1].count * 6 })
        out.append(UInt8(ascii: "{"))
        for (index, term) in members.enumerated() {
            if index > 0 { out += ",\n".utf8 }
            JSONText.append(postings.terms[term], to: &out)
            out += ":[".utf8
            for (position, posting) in postings.postings[term].enumerated() {
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
        var numbers: [String: Int] = [:]
        var terms: [String] = []
        var entries: [(term: Int, fields: Int)] = []
        var ends: [Int] = []
        // Per term: the last document it was met in, and its entry there.
        var lastDocument: [Int] = []
        var lastEntry: [Int] = []
        for (document, searchDocument) in documents.enumerated() {
            for (field, text) in searchDocument.fields where !text.isEmpty {
                SearchText.forEachTerm(in: text) { term in
                    let number: Int
                    if let known = numbers[term.text] {
                        number = known
                    } else {
                        number = terms.count
                        numbers[term.text] = number
                        terms.append(term.text)
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
