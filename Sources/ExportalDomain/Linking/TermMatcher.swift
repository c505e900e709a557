import CExportalScan

/// Finds glossary terms (and their synonyms) in prose: whole words, case-insensitively,
/// leftmost and longest first, never overlapping.
///
///     let matcher = TermMatcher(phrases: [("end user", "end-user"), ("end-user statement", "euc")])
///     matcher.matches(in: "Ask the End User for an end-user statement.")
///     // [Match(id: "end-user", utf8Offset: 8, utf8Length: 8), Match(id: "euc", utf8Offset: 24, utf8Length: 18)]
///
/// Words are maximal runs of letters and digits of any script; between two words, any run of
/// whitespace counts as one space, and any other separator (a hyphen, `&`, `/`) must be the same
/// as in the phrase. Each word of the text is hashed once, without allocating, and looked up
/// in a table of phrases by first word, so the cost is linear in the text, whatever the number
/// of terms.
///
/// Sendable by hand: the tables read for every word are kept as raw pointers into memory that
/// `storage` owns and nobody writes after `init`. Read through arrays, each call retained and
/// released them, which cost more than the short scans between two codes.
public struct TermMatcher: @unchecked Sendable {
    public struct Match: Sendable, Equatable {
        public let id: String
        public let utf8Offset: Int
        public let utf8Length: Int

        public init(id: String, utf8Offset: Int, utf8Length: Int) {
            self.id = id
            self.utf8Offset = utf8Offset
            self.utf8Length = utf8Length
        }
    }

    /// A match by the index of its id in `ids`, so callers can keep per-term state in arrays
    /// instead of hashing id strings for every match.
    public struct IndexedMatch: Sendable {
        public let term: Int
        public let utf8Offset: Int
        public let utf8Length: Int
    }

    struct FlatPhrase {
        let term: Int32
        let words: Int32
        let firstPart: Int32
    }

    struct Part {
        let start: Int32
        let length: Int32
    }

    struct Phrase: Sendable {
        /// Lower-cased words and the separators between them (" " for any whitespace).
        let words: [[UInt8]]
        let secondHash: UInt64
        let separators: [[UInt8]]
        let id: String
        /// Index of `id` in `ids`.
        let term: Int
    }

    /// The distinct ids of the phrases, in the order they were first given.
    public let ids: [String]

    /// Groups of phrases (see `init`: by the hash of their one word, or of their first two), as open
    /// addressing on the key's low bits: the slots' keys, and for each its phrases (see `flat`). A
    /// Dictionary hashed its UInt64 key again (SipHash) for every word looked up.
    private let slotHashes: UnsafePointer<UInt64>
    /// For each slot, where its phrases start in `flat` (-1 when empty), and how many there are.
    private let slotFirst: UnsafePointer<Int32>
    private let slotCount: UnsafePointer<Int32>
    /// For each slot of a first word, whether it begins phrases of more words.
    private let slotBeginsLonger: UnsafePointer<Bool>
    private let slotMask: Int
    /// One bit (`exportal_filter_bit`) for the key of each group of phrases of two or more words.
    private let pairFilter: UnsafePointer<UInt64>
    /// Every phrase, those of one first word together, longest first, as plain numbers: its term, its
    /// number of words, and where its parts are in `parts`, which are ranges of `pool` holding each
    /// word, then the separator before the next word. Read for every candidate word, without
    /// reference counting.
    private let flat: UnsafePointer<FlatPhrase>
    private let parts: UnsafePointer<Part>
    private let pool: UnsafePointer<UInt8>
    /// What `exportal_next_term_start` lets through, which finds the word starts that may begin a
    /// phrase many bytes at a time: the first four bytes of first words, lower-cased, as nibble
    /// tables (shared by eight buckets); then, for each word start that passes, the word itself, by
    /// one bit of a filter of first words, and the first two bytes of the word after it, by a filter
    /// of what follows each first word in its phrases. Real glossaries begin their phrases with the
    /// words prose is made of ("export", "end", "control"): in the benchmark's prose, about one word
    /// in six passes the prefixes, one in nine the first-word filter, and one in forty what follows.
    /// Never stricter than the lookup, which checks its hits by hash and bytes.
    private let scanTables: UnsafePointer<exportal_term_tables>
    /// Owns the memory of the pointers above.
    private let storage: FrozenTables

    public init(phrases: [(text: String, id: String)]) {
        var table: [UInt64: [Phrase]] = [:]
        var ids: [String] = [], index: [String: Int] = [:]
        for (text, id) in phrases {
            let term = index[id] ?? ids.count
            if term == ids.count {
                index[id] = term
                ids.append(id)
            }
            let bytes = Array(text.utf8)
            let words = Self.words(in: bytes, 0..<bytes.count)
            guard let first = words.first else { continue }
            let (keys, separators) = bytes.withUnsafeBufferPointer { buffer in
                (words.map { Self.lowered(buffer, $0) }, zip(words, words.dropFirst()).map { Self.separator(buffer, $0.end..<$1.start) })
            }
            table[first.hash, default: []].append(Phrase(words: keys, secondHash: words.count > 1 ? words[1].hash : 0,
                                                         separators: separators, id: id, term: term))
        }
        // The groups a lookup reads: the phrases of one word, by its hash, and those of more, by the
        // hashes of their first two words (`pairKey`). Every first word has its group, empty when all
        // its phrases are longer, and marked when it begins longer ones. A lookup tries the longer
        // phrases that begin with the two words of the text, then those of the one word: longest
        // first, as if all phrases of the first word were tried, without passing over each of them.
        var groups: [UInt64: [Phrase]] = [:]
        var beginsLonger: Set<UInt64> = []
        for (hash, phrases) in table {
            groups[hash, default: []] += phrases.filter { $0.words.count == 1 }
            for phrase in phrases where phrase.words.count > 1 {
                groups[Self.pairKey(hash, phrase.secondHash), default: []].append(phrase)
                beginsLonger.insert(hash)
            }
        }
        // Longest phrase first.
        let byKey = groups.mapValues { $0.sorted { ($0.words.count, $1.id) > ($1.words.count, $0.id) } }
        isEmpty = table.isEmpty
        var size = 16
        while size < byKey.count * 2 { size *= 2 }
        var hashes = [UInt64](repeating: 0, count: size), firsts = [Int32](repeating: -1, count: size)
        var counts = [Int32](repeating: 0, count: size), longer = [Bool](repeating: false, count: size)
        var flat: [FlatPhrase] = [], parts: [Part] = [], pool: [UInt8] = []
        func part(_ bytes: [UInt8]) {
            parts.append(Part(start: Int32(pool.count), length: Int32(bytes.count)))
            pool += bytes
        }
        for (hash, phrases) in byKey.sorted(by: { $0.key < $1.key }) {
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            while firsts[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            hashes[slot] = hash
            firsts[slot] = Int32(flat.count)
            counts[slot] = Int32(phrases.count)
            longer[slot] = beginsLonger.contains(hash)
            // Phrases with the same first word share its bytes in `pool`, so a lookup compares it once.
            var shared: (word: [UInt8], part: Part)?
            for phrase in phrases {
                flat.append(FlatPhrase(term: Int32(phrase.term), words: Int32(phrase.words.count), firstPart: Int32(parts.count)))
                for (k, word) in phrase.words.enumerated() {
                    if k == 0, let shared, shared.word == word {
                        parts.append(shared.part)
                    } else {
                        part(word)
                        if k == 0 { shared = (word, parts[parts.count - 1]) }
                    }
                    if k < phrase.separators.count { part(phrase.separators[k]) }
                }
            }
        }
        let storage = FrozenTables()
        slotHashes = storage.keep(hashes)
        slotFirst = storage.keep(firsts)
        slotCount = storage.keep(counts)
        slotBeginsLonger = storage.keep(longer)
        slotMask = size - 1
        var pairBits = [UInt64](repeating: 0, count: Self.filterWords)
        for (key, phrases) in byKey where phrases.contains(where: { $0.words.count > 1 }) { Self.set(exportal_filter_bit(key), in: &pairBits) }
        pairFilter = storage.keep(pairBits)
        self.flat = storage.keep(flat)
        self.parts = storage.keep(parts)
        self.pool = storage.keep(pool)
        let firstWords = table.values.joined().map { $0.words[0] }
        let prefixTables = storage.keep(Self.prefixTables(firstWords: firstWords))
        let wordFilter = storage.keep(Self.firstWordFilter(firstWords: firstWords))
        let followFilter = storage.keep(Self.followFilter(phrases: table.values.joined().map(\.words)))
        scanTables = storage.keep([exportal_term_tables(prefixes: prefixTables, words: wordFilter, follows: followFilter)])
        self.storage = storage
        self.ids = ids
    }

    /// Nibble tables (`exportal_term_tables.prefixes`) that let through the first
    /// `EXPORTAL_TERM_PREFIX` bytes, lower-cased, of every first word, followed by anything where
    /// the word is shorter or has a byte of 0x80 or above. A word that starts with a non-ASCII
    /// character needs no entry: the scanner stops at every such character.
    ///
    /// A bucket lets through every mix of its words' nibbles at each place, so the words are spread
    /// over the eight buckets to keep the mixes few: each, longest first, goes to the bucket whose
    /// prefixes of letters it widens least. Put by first letter, "control", "catch", "competent" and
    /// "chemical" shared a bucket, which let "concern" and "check" through.
    static func prefixTables(firstWords: some Sequence<[UInt8]>) -> [UInt8] {
        let width = Int(EXPORTAL_TERM_PREFIX)
        var buckets = [PrefixBucket](repeating: PrefixBucket(width: width), count: 8)
        let words = Set(firstWords.filter { !$0.isEmpty && $0[0] < 0x80 }.map { Array($0.prefix(width)) })
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
        for word in words {
            let places = (0..<width).map { place in place < word.count && word[place] < 0x80 ? word[place] | 0x20 : nil }
            let widened = buckets.map { $0.adding(places).letterPrefixes - $0.letterPrefixes }
            let chosen = widened.indices.min { widened[$0] < widened[$1] }!
            buckets[chosen] = buckets[chosen].adding(places)
        }
        // Each bucket's bit in the entries of the nibbles it has at each place, or in all of them.
        var tables = [UInt8](repeating: 0, count: 32 * width)
        for (index, bucket) in buckets.enumerated() {
            for place in 0..<width {
                for nibble in 0..<16 {
                    if bucket.anything[place] || bucket.low[place] & 1 << nibble != 0 { tables[32 * place + nibble] |= 1 << index }
                    if bucket.anything[place] || bucket.high[place] & 1 << nibble != 0 { tables[32 * place + 16 + nibble] |= 1 << index }
                }
            }
        }
        return tables
    }

    /// The nibbles one bucket of the prefix tables has at each place, or that it takes anything there.
    private struct PrefixBucket {
        var low: [UInt16]
        var high: [UInt16]
        var anything: [Bool]

        init(width: Int) {
            low = Array(repeating: 0, count: width)
            high = Array(repeating: 0, count: width)
            anything = Array(repeating: false, count: width)
        }

        /// With a word's lower-cased bytes at each place (nil: anything) let through as well.
        func adding(_ places: [UInt8?]) -> PrefixBucket {
            var bucket = self
            for (place, byte) in places.enumerated() {
                if let byte {
                    bucket.low[place] |= 1 << (byte & 15)
                    bucket.high[place] |= 1 << (byte >> 4)
                } else {
                    bucket.anything[place] = true
                }
            }
            return bucket
        }

        /// How many prefixes of lower-case letters it lets through (anything counting as any letter or a
        /// space): a measure of how much prose it lets through.
        var letterPrefixes: Int {
            var count = 1
            for place in low.indices {
                count *= anything[place] ? 27
                    : (UInt8(ascii: "a")...UInt8(ascii: "z")).count { low[place] & 1 << ($0 & 15) != 0 && high[place] & 1 << ($0 >> 4) != 0 }
            }
            return count
        }
    }

    /// The first-word filter of `exportal_term_tables`: the bit of each first word that is all ASCII.
    /// (A word with other letters is found where the scanner stops at them.)
    static func firstWordFilter(firstWords: some Sequence<[UInt8]>) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: filterWords)
        for word in firstWords where !word.isEmpty && word.allSatisfy({ $0 < 0x80 }) {
            set(word.withUnsafeBufferPointer { exportal_term_word_bit($0.baseAddress, $0.count) }, in: &bits)
        }
        return bits
    }

    /// The filter of what may follow a first word (`exportal_term_tables.follows`), for phrases given
    /// as their lower-cased words.
    static func followFilter(phrases: some Sequence<[[UInt8]]>) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: filterWords)
        for words in phrases where !words[0].isEmpty && words[0].allSatisfy({ $0 < 0x80 }) {
            let hash = words[0].withUnsafeBufferPointer { exportal_word_hash($0.baseAddress, $0.count, $0.count, 0) }
            let second = words.count > 1 ? words[1] : []
            let key = second.count >= 2 && second[0] < 0x80 && second[1] < 0x80
                ? exportal_follow_key(hash, second[0] | 0x20, second[1] | 0x20) : exportal_follow_key(hash, 0, 0)
            set(exportal_filter_bit(key), in: &bits)
        }
        return bits
    }

    public let isEmpty: Bool

    /// The number of 64-bit words of a filter of `EXPORTAL_TERM_WORD_BITS` bits.
    static var filterWords: Int { (1 << EXPORTAL_TERM_WORD_BITS) / 64 }

    static func set(_ bit: UInt32, in filter: inout [UInt64]) { filter[Int(bit >> 6)] |= 1 << UInt64(bit & 63) }

    public func matches(in text: String) -> [Match] {
        let bytes = Array(text.utf8)
        return matches(in: bytes, 0..<bytes.count)
    }

    /// Matches in `bytes[range]`; offsets are indices into `bytes`.
    public func matches(in bytes: [UInt8], _ range: Range<Int>) -> [Match] {
        indexedMatches(in: bytes, range).map { Match(id: ids[$0.term], utf8Offset: $0.utf8Offset, utf8Length: $0.utf8Length) }
    }

    /// Matches in `bytes[range]` by term index; offsets are indices into `bytes`. One pass: the
    /// scanner (`exportal_term_words`) finds the ASCII words that may begin a phrase, by their
    /// first four bytes many at a time, then by the word's bit in the first-word filter and by the
    /// word after it, and hands them over hashed, with the word after each. Text in other scripts goes word by word through `word(in:from:end:)`.
    public func indexedMatches(in bytes: [UInt8], _ range: Range<Int>) -> [IndexedMatch] {
        var found: [IndexedMatch] = []
        bytes.withUnsafeBufferPointer { indexedMatches(in: $0, range, into: &found) }
        return found
    }

    /// Appends the matches in `bytes[range]` to `found`, which a caller empties and reuses so that
    /// scanning a run of text allocates nothing.
    public func indexedMatches(in buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into found: inout [IndexedMatch]) {
        guard !isEmpty, !range.isEmpty, let base = buffer.baseAddress else { return }
        let end = range.upperBound
        // The scan's words, a batch at a time: those before `index` are inside a phrase found or
        // words of another script read already, and are passed over.
        withUnsafeTemporaryAllocation(of: exportal_term_word.self, capacity: Self.batch) { words in
            var index = range.lowerBound, from = range.lowerBound
            while from < end {
                let count = exportal_term_words(base, range.lowerBound, from, end, scanTables, words.baseAddress, Self.batch)
                for scanned in words[..<count] where scanned.start >= index {
                    let start = scanned.start
                    guard buffer[start] < 0x80 else {
                        // A character of another script: word by word, from the start of the word it is
                        // in, until the text is ASCII again.
                        var at = start
                        while at > range.lowerBound, Self.isASCIIWord(buffer[at - 1]) { at -= 1 }
                        repeat {
                            guard let word = Self.word(in: buffer, from: at, end: end) else { return }
                            index = lookUp(word, bytes: buffer, end: end, into: &found) ?? word.end
                            at = index
                        } while index < end && buffer[index] >= 0x80
                        continue
                    }
                    let word = Word(start: start, end: scanned.end, hash: scanned.hash, ascii: true)
                    let next = scanned.next_end > 0 ? Word(start: scanned.end + 1, end: scanned.next_end, hash: scanned.next_hash, ascii: true) : nil
                    index = lookUp(word, next: next, bytes: buffer, end: end, into: &found) ?? word.end
                }
                guard count == Self.batch else { return }
                from = words[count - 1].start + 1
            }
        }
    }

    /// Words handed over by one call of the scan: most runs of prose have fewer. At 40 bytes a word,
    /// 24 fit the 1 KiB that `withUnsafeTemporaryAllocation` keeps on the stack; more were a `malloc`.
    private static var batch: Int { 24 }

    /// Tries the phrases that start with `word`, longest first; the end of the one that matches, recorded in `found`.
    /// Common first words begin several phrases ("export licence", "export authorisation", ...):
    /// those of two or more words are looked up by the text's first two words, so a lookup tries
    /// only the phrases that can match, however many a first word begins; then those of one word.
    /// `next` is the word after `word` when the scan measured it already: where it did not (another
    /// separator than one space, or a word of another script), the word after is read here.
    @inline(__always)
    private func lookUp(_ word: Word, next measured: Word? = nil, bytes: UnsafeBufferPointer<UInt8>, end: Int,
                        into found: inout [IndexedMatch]) -> Int? {
        guard let slot = slot(for: word.hash) else { return nil }
        var compared: (start: Int32, equal: Bool) = (-1, false)
        var second: Word?
        if slotBeginsLonger[slot], let next = measured ?? Self.word(in: bytes, from: word.end, end: end) {
            second = next
            // Most first words are followed by a word that begins none of their phrases: the pair
            // filter says so without probing the table, whose misses end after a varying number of slots.
            let key = Self.pairKey(word.hash, next.hash)
            if exportal_filter_has(pairFilter, key) != 0, let pairs = self.slot(for: key),
               let matched = tryPhrases(in: pairs, word, second, bytes: bytes, end: end, compared: &compared, into: &found) {
                return matched
            }
        }
        // Most first words begin no phrase of one word: their group is empty, and not worth a call.
        guard slotCount[slot] > 0 else { return nil }
        return tryPhrases(in: slot, word, second, bytes: bytes, end: end, compared: &compared, into: &found)
    }

    /// Tries the phrases of `slot`, longest first, at `word` (and `second`, the word after it, when
    /// found already); the end of the one that matches, recorded in `found`. `compared` is the
    /// first word's bytes last compared, and whether they were equal: phrases of one first word
    /// share its bytes in `pool`, so it is compared once.
    @inline(__always)
    private func tryPhrases(in slot: Int, _ word: Word, _ second: Word?, bytes: UnsafeBufferPointer<UInt8>, end: Int,
                            compared: inout (start: Int32, equal: Bool), into found: inout [IndexedMatch]) -> Int? {
        let first = Int(slotFirst[slot])
        for candidate in first..<(first + Int(slotCount[slot])) {
            let phrase = flat[candidate]
            let start = parts[Int(phrase.firstPart)].start
            if start != compared.start { compared = (start, Self.equalLowered(bytes, word, part(phrase.firstPart))) }
            guard compared.equal else { continue }
            var previous = word, matched = true
            for k in 1..<Int(phrase.words) {
                guard let next = k == 1 && second != nil ? second : Self.word(in: bytes, from: previous.end, end: end, hashed: false),
                      Self.separatorMatches(bytes, previous.end..<next.start, part(phrase.firstPart + Int32(2 * k - 1))),
                      Self.equalLowered(bytes, next, part(phrase.firstPart + Int32(2 * k))) else {
                    matched = false
                    break
                }
                previous = next
            }
            if matched {
                found.append(IndexedMatch(term: Int(phrase.term), utf8Offset: word.start, utf8Length: previous.end - word.start))
                return previous.end
            }
        }
        return nil
    }

    /// The key of the group of phrases whose first two words have hashes `first` and `second`.
    @inline(__always)
    static func pairKey(_ first: UInt64, _ second: UInt64) -> UInt64 {
        (first ^ 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9 ^ second
    }

    /// The bytes of part `index` of a phrase: a lower-cased word, or a separator (" " for any whitespace).
    @inline(__always)
    private func part(_ index: Int32) -> UnsafeBufferPointer<UInt8> {
        let part = parts[Int(index)]
        return UnsafeBufferPointer(start: pool + Int(part.start), count: Int(part.length))
    }

    /// The slot of the group of phrases with key `hash` (see `init`), if there is one.
    @inline(__always)
    private func slot(for hash: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & slotMask
        while slotFirst[slot] >= 0 {
            if slotHashes[slot] == hash { return slot }
            slot = (slot + 1) & slotMask
        }
        return nil
    }

    // MARK: words

    struct Word {
        let start: Int
        let end: Int
        /// `exportal_word_hash` of the lower-cased word.
        let hash: UInt64
        let ascii: Bool
    }

    static func words(in bytes: [UInt8], _ range: Range<Int>) -> [Word] {
        bytes.withUnsafeBufferPointer { buffer in
            var words: [Word] = []
            var index = range.lowerBound
            while let word = word(in: buffer, from: index, end: range.upperBound) {
                words.append(word)
                index = word.end
            }
            return words
        }
    }

    /// The next word at or after `start`, with its hash unless `hashed` is false (then 0).
    @inline(__always)
    static func word(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, hashed: Bool = true) -> Word? {
        var index = start
        while index < end {
            let b = bytes[index]
            if b < 0x80 {
                if isASCIIWord(b) { break }
                index += 1
            } else {
                let (isWord, length) = wordCharacter(bytes, at: index, end: end)
                if isWord { break }
                index += length
            }
        }
        guard index < end else { return nil }
        let begin = index
        var ascii = true
        while index < end {
            let b = bytes[index]
            if b < 0x80 {
                guard isASCIIWord(b) else { break }
                index += 1
            } else {
                let (inWord, size) = wordCharacter(bytes, at: index, end: end)
                guard inWord else { break }
                ascii = false
                index += size
            }
        }
        guard hashed else { return Word(start: begin, end: index, hash: 0, ascii: ascii) }
        guard !ascii else { return Word(start: begin, end: index, hash: asciiHash(bytes, begin..<index), ascii: true) }
        return Word(start: begin, end: index, hash: loweredHash(bytes, begin..<index), ascii: false)
    }

    /// `exportal_word_hash` of a word of other scripts, lower-cased as Swift lower-cases it.
    @inline(never)
    private static func loweredHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        let lowered = Array(String(decoding: bytes[range], as: UTF8.self).lowercased().utf8)
        return lowered.withUnsafeBufferPointer { exportal_word_hash($0.baseAddress, $0.count, $0.count, 0) }
    }

    /// `exportal_word_hash` of an ASCII word (letters and digits), lower-cased by `| 0x20` as it is
    /// read: the same as of the word lower-cased first, which is how phrases are found by their words.
    @inline(__always)
    private static func asciiHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        exportal_word_hash(bytes.baseAddress! + range.lowerBound, range.count, bytes.count - range.lowerBound, asciiLowering)
    }

    /// 0x20 in each byte: the `lowering` of `exportal_word_hash` for ASCII read as it is.
    static var asciiLowering: UInt64 { 0x2020_2020_2020_2020 }

    /// Whether ASCII byte `b` is a letter or digit, without touching a global.
    @inline(__always)
    private static func isASCIIWord(_ b: UInt8) -> Bool {
        (b &- 48) < 10 || ((b | 0x20) &- 97) < 26
    }

    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 { (b &- 65) < 26 ? b | 0x20 : b }

    // The paths for other scripts are kept out of line (`@inline(never)`): inlined into the loops
    // that read ASCII prose, their Unicode property look-ups made every call set up type metadata.

    @inline(never)
    private static func lowered(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Word) -> [UInt8] {
        word.ascii ? bytes[word.start..<word.end].map(lower)
                   : Array(String(decoding: bytes[word.start..<word.end], as: UTF8.self).lowercased().utf8)
    }

    private static func equalLowered(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Word, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.ascii else { return lowered(bytes, word).elementsEqual(key) }
        let count = key.count
        guard word.end - word.start == count, let textBase = bytes.baseAddress, let keyBase = key.baseAddress else {
            return word.end - word.start == count
        }
        // An ASCII word is letters and digits, which `| 0x20` lower-cases (a digit has that bit
        // already): compared eight or four bytes at a time, the last load overlapping the one
        // before, so that nothing past the word is read.
        let text = UnsafeRawPointer(textBase + word.start), want = UnsafeRawPointer(keyBase)
        if count >= 8 {
            var k = 0
            while k + 8 < count {
                guard text.loadUnaligned(fromByteOffset: k, as: UInt64.self) | asciiLowering
                        == want.loadUnaligned(fromByteOffset: k, as: UInt64.self) else { return false }
                k += 8
            }
            return text.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) | asciiLowering
                == want.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count >= 4 {
            let lowering = UInt32(truncatingIfNeeded: asciiLowering)
            return text.loadUnaligned(as: UInt32.self) | lowering == want.loadUnaligned(as: UInt32.self)
                && text.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) | lowering
                    == want.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        for k in 0..<count where bytes[word.start + k] | 0x20 != key[k] { return false }
        return true
    }

    /// Whether the character at `index` is a letter or digit, and its length in bytes.
    private static func wordCharacter(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> (Bool, Int) {
        let b = bytes[index]
        if b < 0x80 {
            return ((48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b), 1)
        }
        return otherWordCharacter(bytes, at: index, end: end)
    }

    @inline(never)
    private static func otherWordCharacter(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> (Bool, Int) {
        var next = index + 1
        while next < end, bytes[next] & 0xC0 == 0x80 { next += 1 }
        guard let scalar = scalar(bytes, index..<next) else { return (false, next - index) }
        return (scalar.properties.isAlphabetic || scalar.properties.numericType != nil, next - index)
    }

    /// The character of the UTF-8 bytes `range` (a lead byte and its continuation bytes), decoded
    /// in place; nil for a malformed sequence, which is no letter (as its replacement character is not).
    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Unicode.Scalar? {
        let lead = bytes[range.lowerBound]
        let (length, bits, least): (Int, UInt8, UInt32) = lead >= 0xF0 ? (4, 0x07, 0x10000) : lead >= 0xE0 ? (3, 0x0F, 0x800)
            : lead >= 0xC0 ? (2, 0x1F, 0x80) : (0, 0, 0)
        guard range.count == length, lead < 0xF8 else { return nil }
        var value = UInt32(lead & bits)
        for index in (range.lowerBound + 1)..<range.upperBound { value = value << 6 | UInt32(bytes[index] & 0x3F) }
        guard value >= least else { return nil }
        return Unicode.Scalar(value)
    }

    /// Whitespace runs compare as one space; other separators compare literally.
    @inline(never)
    static func separator(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
        let text = String(decoding: bytes[range], as: UTF8.self)
        return text.unicodeScalars.allSatisfy(\.properties.isWhitespace) ? [32] : Array(bytes[range])
    }

    private static func separatorMatches(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ expected: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most often one space, between words of prose and of the phrase alike.
        if range.count == 1 && expected.count == 1 && bytes[range.lowerBound] == expected[0] { return true }
        // ASCII is whitespace (tab to carriage return, and space) or compared byte for byte, without
        // making a String; other characters need Unicode's whitespace property.
        guard bytes[range].allSatisfy({ $0 < 0x80 }) else { return separator(bytes, range).elementsEqual(expected) }
        if bytes[range].allSatisfy({ $0 == 32 || (9...13).contains($0) }) {
            return !range.isEmpty && expected.count == 1 && expected[0] == 32
        }
        return bytes[range].elementsEqual(expected)
    }
}

/// Copies of small tables in memory of their own, freed with this object: read through raw
/// pointers, they cost no reference counting.
final class FrozenTables: @unchecked Sendable {
    private var blocks: [UnsafeMutableRawPointer] = []

    /// A pointer to a copy of `values`, valid while this object lives.
    func keep<Element: BitwiseCopyable>(_ values: [Element]) -> UnsafePointer<Element> {
        let copy = UnsafeMutablePointer<Element>.allocate(capacity: max(values.count, 1))
        values.withUnsafeBufferPointer { if let base = $0.baseAddress { copy.initialize(from: base, count: values.count) } }
        blocks.append(UnsafeMutableRawPointer(copy))
        return UnsafePointer(copy)
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}
