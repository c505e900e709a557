import Foundation

/// The search index as `serve` keeps it between builds, so that an edited article's documents are
/// spliced in rather than the whole portal indexed again (`ProseSplice`): each term's postings,
/// the terms of each shard group (the terms sharing their first two characters, whose shards
/// depend on those terms alone) with the group's shards, and the document chunks. After
/// `replace`, `files` are what `SearchIndex` makes of the same documents, byte for byte.
struct SearchIndexState {
    struct Shard {
        let key: String
        let file: String
        let data: Data
        var path: String { "\(SearchIndex.folder)/s/\(file).json" }
    }

    struct Chunk {
        let file: String
        let data: Data
        var path: String { "\(SearchIndex.folder)/d/\(file).json" }
    }

    /// Each term's postings as written: `delta << 4 | fields` per document, in document order.
    private var postings: [String: [Int]]
    /// The groups' keys in order, and each group's terms in order.
    private var keys: [String]
    private var terms: [String: [String]]
    private var shards: [String: [Shard]]
    private var chunks: [Chunk]
    let chunkSize: Int
    let shardLimit: Int
    let documentCount: Int

    init(postings: SearchPostings, groups: [(key: String, members: [Int], shards: [(String, [Int])])], shards: [[Shard]],
         chunks: [Chunk], chunkSize: Int, shardLimit: Int, documentCount: Int) {
        self.postings = Dictionary(uniqueKeysWithValues: zip(postings.terms, postings.postings))
        keys = groups.map(\.key)
        terms = Dictionary(uniqueKeysWithValues: groups.map { ($0.key, $0.members.map { postings.terms[$0] }) })
        self.shards = Dictionary(uniqueKeysWithValues: zip(groups.map(\.key), shards))
        self.chunks = chunks
        self.chunkSize = chunkSize
        self.shardLimit = shardLimit
        self.documentCount = documentCount
    }

    /// The index's files: every shard, every chunk and the manifest.
    var files: [OutputFile] {
        keys.flatMap { shards[$0]! }.map { OutputFile(path: $0.path, data: $0.data) }
            + chunks.map { OutputFile(path: $0.path, data: $0.data) } + [manifest]
    }

    var manifest: OutputFile {
        OutputFile(path: SearchIndex.manifestPath, data: SearchIndex.manifest(chunkSize: chunkSize, count: documentCount,
                                                                              shards: keys.lazy.flatMap { self.shards[$0]! }, chunks: chunks))
    }

    /// Replaces the documents at `range` (`old`, as they were indexed) by `new`, as many, and
    /// returns the files that went and those that came (the manifest among them). `documents` is
    /// every document after the change, for the chunks.
    mutating func replace(_ range: Range<Int>, old: ArraySlice<SearchDocument>, new: [SearchDocument],
                          in documents: [SearchDocument]) -> (removed: [String], added: [OutputFile])? {
        guard old.count == range.count, new.count == range.count, documents.count == documentCount else { return nil }
        // Each touched term's entries in the edited documents, before and after.
        func entries(_ block: TokenisedBlock) -> [String: [(document: Int, fields: Int)]] {
            var result: [String: [(document: Int, fields: Int)]] = [:]
            var start = 0
            for (offset, end) in block.ends.enumerated() {
                for (term, fields) in block.entries[start..<end] {
                    result[block.terms[term], default: []].append((range.lowerBound + offset, fields))
                }
                start = end
            }
            return result
        }
        let before = entries(TokenisedBlock(old)), after = entries(TokenisedBlock(new[...]))
        var changedGroups: Set<String> = []
        // A term whose entries in these documents are the same before and after keeps its postings:
        // most of an edited article's words.
        for term in Set(before.keys).union(after.keys) where !Self.same(before[term], after[term]) {
            let was = postings[term] ?? []
            var list = Self.decode(was).filter { !range.contains($0.document) } + (after[term] ?? [])
            list.sort { $0.document < $1.document }
            let now = Self.encode(list)
            guard now != was else { continue }
            let key = SearchIndex.groupKey(term)
            changedGroups.insert(key)
            if now.isEmpty {
                postings[term] = nil
                terms[key]?.removeAll { $0 == term }
            } else {
                if postings[term] == nil { insert(term, into: key) }
                postings[term] = now
            }
        }
        var removed: [String] = [], added: [OutputFile] = []
        for key in changedGroups.sorted() {
            removed += (shards[key] ?? []).map(\.path)
            guard let members = terms[key], !members.isEmpty else {
                shards[key] = nil
                terms[key] = nil
                keys.removeAll { $0 == key }
                continue
            }
            let postings = postings
            shards[key] = SearchIndex.split(key, members, length: 2, limit: shardLimit, text: { $0 },
                                            size: { SearchIndex.size($0, postings[$0]!) }).map { shardKey, shardTerms in
                let data = SearchIndex.shardJSON(shardTerms) { ($0, postings[$0]!) }
                return Shard(key: shardKey, file: SearchIndex.hashName(data), data: data)
            }
            added += shards[key]!.map { OutputFile(path: $0.path, data: $0.data) }
        }
        for number in (range.lowerBound / chunkSize)...((range.upperBound - 1) / chunkSize) {
            removed.append(chunks[number].path)
            let start = number * chunkSize
            let data = SearchIndex.chunkJSON(documents[start..<min(start + chunkSize, documents.count)])
            chunks[number] = Chunk(file: SearchIndex.hashName(data), data: data)
            added.append(OutputFile(path: chunks[number].path, data: data))
        }
        return (removed, added + [manifest])
    }

    private static func same(_ a: [(document: Int, fields: Int)]?, _ b: [(document: Int, fields: Int)]?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.count == b.count && zip(a, b).allSatisfy { $0.document == $1.document && $0.fields == $1.fields }
    }

    /// A new term, in its group's order (the terms' order), the group made if it is new.
    private mutating func insert(_ term: String, into key: String) {
        if terms[key] == nil {
            terms[key] = []
            keys.insert(key, at: keys.firstIndex { $0 > key } ?? keys.count)
        }
        let place = terms[key]!.firstIndex { term < $0 } ?? terms[key]!.count
        terms[key]!.insert(term, at: place)
    }

    private static func decode(_ postings: [Int]) -> [(document: Int, fields: Int)] {
        var document = 0
        return postings.map { posting in
            document += posting >> 4
            return (document, posting & 15)
        }
    }

    private static func encode(_ entries: [(document: Int, fields: Int)]) -> [Int] {
        var previous = 0
        return entries.map { entry in
            defer { previous = entry.document }
            return (entry.document - previous) << 4 | entry.fields
        }
    }
}
