/// Finds glossary terms (and their synonyms) in prose: whole words, case-insensitively,
/// leftmost and longest first, never overlapping.
///
///     let matcher = TermMatcher(phrases: [("end user", "end-user"), ("end-user statement", "euc")])
///     matcher.matches(in: "Ask the End User for an end-user statement.")
///     // [Match(id: "end-user", utf8Offset: 8, utf8Length: 8), Match(id: "euc", utf8Offset: 24, utf8Length: 18)]
///
/// Words are maximal runs of letters and digits of any script; between two words, any run of
/// whitespace counts as one space, and any other separator (a hyphen, `&`, `/`) must be the same
/// as in the phrase. Each word of the text is hashed once as it is read and looked up among the
/// phrases' first words, so the cost is linear in the text, whatever the number of terms.
public struct TermMatcher: Sendable {
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

    struct Phrase: Sendable {
        /// Lower-cased words, and the separators between them (" " for any whitespace).
        let words: [[UInt8]]
        let separators: [[UInt8]]
        let id: String
        /// Index of `id` in `ids`.
        let term: Int
    }

    /// The distinct ids of the phrases, in the order they were first given.
    public let ids: [String]
    public let isEmpty: Bool
    /// The phrases of more than one word of each first word, longest first (the first id of equal ones).
    private let longer: [[Phrase]]
    /// The hashes of their second words, one group after another, and where each group's end.
    private let secondWords: [UInt64]
    private let secondEnds: [Int]
    /// The term of the first phrase of each first word alone, or -1.
    private let singles: [Int]
    /// Each group's first word by its hash (`FirstWords`): most words of prose begin no phrase,
    /// and are turned away by one probe.
    private let firstWords: FirstWords

    public init(phrases: [(text: String, id: String)]) {
        var byFirstWord: [[UInt8]: [Phrase]] = [:]
        var ids: [String] = [], index: [String: Int] = [:]
        for (text, id) in phrases {
            let term = index[id] ?? ids.count
            if term == ids.count {
                index[id] = term
                ids.append(id)
            }
            let bytes = Array(text.utf8)
            let (words, separators) = bytes.withUnsafeBufferPointer { buffer in
                let words = Self.words(in: buffer)
                return (words.map { Self.lowered(buffer, $0) }, zip(words, words.dropFirst()).map { Self.separator(buffer, $0.end..<$1.start) })
            }
            guard let first = words.first else { continue }
            byFirstWord[first, default: []].append(Phrase(words: words, separators: separators, id: id, term: term))
        }
        let sorted = byFirstWord.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        var longer: [[Phrase]] = [], secondWords: [UInt64] = [], secondEnds: [Int] = [], singles: [Int] = []
        for (_, phrases) in sorted {
            let ordered = phrases.sorted { ($0.words.count, $1.id) > ($1.words.count, $0.id) }
            longer.append(ordered.filter { $0.words.count > 1 })
            secondWords += Set(ordered.filter { $0.words.count > 1 }.map { Self.hash($0.words[1]) }).sorted()
            secondEnds.append(secondWords.count)
            singles.append(ordered.first { $0.words.count == 1 }?.term ?? -1)
        }
        self.longer = longer
        self.secondWords = secondWords
        self.secondEnds = secondEnds
        self.singles = singles
        firstWords = FirstWords(sorted.map(\.key))
        isEmpty = sorted.isEmpty
        self.ids = ids
    }

    public func matches(in text: String) -> [Match] {
        let bytes = Array(text.utf8)
        return matches(in: bytes, 0..<bytes.count)
    }

    /// Matches in `bytes[range]`; offsets are indices into `bytes`.
    public func matches(in bytes: [UInt8], _ range: Range<Int>) -> [Match] {
        indexedMatches(in: bytes, range).map { Match(id: ids[$0.term], utf8Offset: $0.utf8Offset, utf8Length: $0.utf8Length) }
    }

    /// Matches in `bytes[range]` by term index; offsets are indices into `bytes`.
    public func indexedMatches(in bytes: [UInt8], _ range: Range<Int>) -> [IndexedMatch] {
        var found: [IndexedMatch] = []
        bytes.withUnsafeBufferPointer { indexedMatches(in: $0, range, into: &found) }
        return found
    }

    /// Appends the matches in `bytes[range]` to `found`, which a caller may empty and reuse. Bytes
    /// outside the range count as spaces: a word starts where the range starts.
    public func indexedMatches(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into found: inout [IndexedMatch]) {
        guard !isEmpty, !range.isEmpty else { return }
        let end = range.upperBound
        var index = range.lowerBound
        while true {
            index = ByteLanes.next(in: bytes, from: index, end: end, stoppingAtWordBytes: true)
            guard index < end else { return }
            let b = bytes[index]
            // An ASCII word whose first two bytes begin no phrase's first word is passed over unhashed;
            // another is lower-cased and hashed as it is read. One with a character of another script
            // in it, or a character of another script, is read again whole.
            var word: Word?
            if b < 0x80, !firstWords.mayBegin(b, index + 1 < end ? bytes[index + 1] : 32) {
                let stop = ByteLanes.next(in: bytes, from: index + 1, end: end, stoppingAtWordBytes: false)
                index = stop < end && bytes[stop] >= 0x80 ? Self.word(in: bytes, from: index, end: end, hashed: false)?.end ?? end : stop
                continue
            }
            if b < 0x80 {
                var hash = Self.hashSeed, stop = index
                while stop < end, Self.isASCIIWord(bytes[stop]) {
                    hash = Self.hash(hash, bytes[stop] | 0x20)
                    stop += 1
                }
                if stop == end || bytes[stop] < 0x80 { word = Word(start: index, end: stop, hash: hash, ascii: true) }
            }
            guard let word = word ?? Self.word(in: bytes, from: index, end: end) else { return }
            // Most words begin no phrase, and go no further than this probe.
            guard let group = firstWords.group(of: word, in: bytes) else {
                index = word.end
                continue
            }
            index = lookUp(word, group: group, bytes: bytes, end: end, into: &found) ?? word.end
        }
    }

    /// Tries the phrases of `group`, which start with `word`, longest first; the end of the one that
    /// matches, recorded in `found`. Most first words in prose are followed by a word that begins
    /// none of their longer phrases: the hash of the word after tells, before any phrase is tried.
    /// Kept out of the loop over words, as the reading of other scripts it may need is.
    @inline(never)
    private func lookUp(_ word: Word, group: Int, bytes: UnsafeBufferPointer<UInt8>, end: Int, into found: inout [IndexedMatch]) -> Int? {
        let seconds = (group > 0 ? secondEnds[group - 1] : 0)..<secondEnds[group]
        if !seconds.isEmpty, let second = Self.word(in: bytes, from: word.end, end: end),
           seconds.contains(where: { secondWords[$0] == second.hash }) {
            for phrase in longer[group] {
                var previous = word, matched = true
                for k in 1..<phrase.words.count {
                    guard let next = k == 1 ? second : Self.word(in: bytes, from: previous.end, end: end, hashed: false),
                          Self.separatorMatches(bytes, previous.end..<next.start, phrase.separators[k - 1]),
                          Self.equalLowered(bytes, next, phrase.words[k]) else {
                        matched = false
                        break
                    }
                    previous = next
                }
                if matched {
                    found.append(IndexedMatch(term: phrase.term, utf8Offset: word.start, utf8Length: previous.end - word.start))
                    return previous.end
                }
            }
        }
        guard singles[group] >= 0 else { return nil }
        found.append(IndexedMatch(term: singles[group], utf8Offset: word.start, utf8Length: word.end - word.start))
        return word.end
    }

    // MARK: words

    struct Word {
        let start: Int
        let end: Int
        /// `hash` of the lower-cased word (0 when not asked for).
        let hash: UInt64
        let ascii: Bool
    }

    static func words(in bytes: UnsafeBufferPointer<UInt8>) -> [Word] {
        var words: [Word] = []
        var index = 0
        while let word = word(in: bytes, from: index, end: bytes.count) {
            words.append(word)
            index = word.end
        }
        return words
    }

    /// The next word at or after `start`, with its hash unless `hashed` is false (then 0).
    @inline(never)
    static func word(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, hashed: Bool = true) -> Word? {
        var index = start
        while index < end {
            let (isWord, length) = wordCharacter(bytes, at: index, end: end)
            if isWord { break }
            index += length
        }
        guard index < end else { return nil }
        let begin = index
        var ascii = true
        while index < end {
            let (inWord, length) = wordCharacter(bytes, at: index, end: end)
            guard inWord else { break }
            if length > 1 { ascii = false }
            index += length
        }
        let word = Word(start: begin, end: index, hash: 0, ascii: ascii)
        guard hashed else { return word }
        guard ascii else { return Word(start: begin, end: index, hash: hash(lowered(bytes, word)), ascii: false) }
        var hash = hashSeed
        for k in begin..<index { hash = Self.hash(hash, bytes[k] | 0x20) }
        return Word(start: begin, end: index, hash: hash, ascii: true)
    }

    /// FNV-1a over a word's lower-cased bytes: the same whether the word is read from prose
    /// (lower-cased as it is read) or from a phrase.
    static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func hash(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }

    static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.reduce(hashSeed, hash) }

    /// Whether ASCII byte `b` is a letter or digit.
    @inline(__always)
    static func isASCIIWord(_ b: UInt8) -> Bool {
        (b &- 48) < 10 || ((b | 0x20) &- 97) < 26
    }

    /// The word's bytes lower-cased: ASCII letters by `| 0x20`, other scripts as Swift lower-cases them.
    static func lowered(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Word) -> [UInt8] {
        word.ascii ? bytes[word.start..<word.end].map { $0 | 0x20 }
                   : Array(String(decoding: bytes[word.start..<word.end], as: UTF8.self).lowercased().utf8)
    }

    @inline(__always)
    static func equalLowered(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Word, _ key: [UInt8]) -> Bool {
        guard word.ascii else { return equalLoweredOther(bytes, word, key) }
        guard word.end - word.start == key.count else { return false }
        for k in 0..<key.count where bytes[word.start + k] | 0x20 != key[k] { return false }
        return true
    }

    @inline(never)
    private static func equalLoweredOther(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Word, _ key: [UInt8]) -> Bool {
        lowered(bytes, word) == key
    }

    /// Whether the character at `index` is a letter or digit, and its length in bytes.
    @inline(__always)
    private static func wordCharacter(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> (Bool, Int) {
        let b = bytes[index]
        if b < 0x80 { return (isASCIIWord(b), 1) }
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
    static func separator(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
        let text = String(decoding: bytes[range], as: UTF8.self)
        return text.unicodeScalars.allSatisfy(\.properties.isWhitespace) ? [32] : Array(bytes[range])
    }

    private static func separatorMatches(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ expected: [UInt8]) -> Bool {
        // Most often one space, between words of prose and of the phrase alike.
        if range.count == 1 && expected.count == 1 && bytes[range.lowerBound] == expected[0] { return true }
        // ASCII is whitespace (tab to carriage return, and space) or compared byte for byte, without
        // making a String; other characters need Unicode's whitespace property.
        guard bytes[range].allSatisfy({ $0 < 0x80 }) else { return separator(bytes, range) == expected }
        if bytes[range].allSatisfy({ $0 == 32 || (9...13).contains($0) }) { return expected == [32] }
        return bytes[range].elementsEqual(expected)
    }
}

/// The phrases' first words, lower-cased, by their hash (`TermMatcher.hash`): open addressing in
/// one array, which a word of prose that begins no phrase leaves after one or two probes.
private struct FirstWords: Sendable {
    private let words: [[UInt8]]
    /// One bit for each pair of lower-cased first two bytes of a word (the second 0 for a word of
    /// one letter) that begins some first word: most words of prose are turned away by it unhashed.
    private let pairs: [UInt64]
    private let hashes: [UInt64]
    /// For each slot, the index of its word in `words`, or -1 when empty.
    private let slots: [Int32]

    init(_ words: [[UInt8]]) {
        var size = 16
        while size < words.count * 2 { size *= 2 }
        var hashes = [UInt64](repeating: 0, count: size), slots = [Int32](repeating: -1, count: size)
        for (index, word) in words.enumerated() {
            let hash = TermMatcher.hash(word)
            var slot = Self.start(hash, size)
            while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            hashes[slot] = hash
            slots[slot] = Int32(index)
        }
        var pairs = [UInt64](repeating: 0, count: 1024)
        for word in words where word[0] < 0x80 {
            // A first word whose second byte is of another script is found without this filter.
            guard word.count == 1 || word[1] < 0x80 else { continue }
            let pair = Self.pair(word[0], word.count > 1 ? word[1] : 32)
            pairs[pair >> 6] |= 1 << UInt64(pair & 63)
        }
        self.pairs = pairs
        self.words = words
        self.hashes = hashes
        self.slots = slots
    }

    /// The pair of an ASCII word's first byte and the byte after it (which is not lower-cased when
    /// it is no letter or digit, and reads as 0 then).
    @inline(__always)
    private static func pair(_ first: UInt8, _ second: UInt8) -> Int {
        Int(first | 0x20) << 8 | (TermMatcher.isASCIIWord(second) ? Int(second | 0x20) : 0)
    }

    /// Whether an ASCII word that starts with `first`, then `second` (the byte after it, 32 past
    /// the end of the text), may begin a phrase. A second byte of another script always may.
    @inline(__always)
    func mayBegin(_ first: UInt8, _ second: UInt8) -> Bool {
        guard second < 0x80 else { return true }
        let pair = Self.pair(first, second)
        return pairs[pair >> 6] & 1 << UInt64(pair & 63) != 0
    }

    /// The slot where a lookup of `hash` starts: its top bits, which FNV mixes best.
    @inline(__always)
    private static func start(_ hash: UInt64, _ size: Int) -> Int { Int(truncatingIfNeeded: hash >> 40) & (size - 1) }

    /// The index of `word`'s group of phrases, if it begins any.
    @inline(__always)
    func group(of word: TermMatcher.Word, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = Self.start(word.hash, slots.count)
        while slots[slot] >= 0 {
            if hashes[slot] == word.hash, TermMatcher.equalLowered(bytes, word, words[Int(slots[slot])]) { return Int(slots[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }
}

/// Eight bytes of text at a time, as one 64-bit word: which of them are ASCII letters or digits.
/// Prose is mostly such words and the spaces and punctuation between them, so the scan over
/// either goes eight bytes a step instead of a branch a byte.
enum ByteLanes {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let high: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `x` (the first byte of the text in the lowest) that is an ASCII
    /// letter or digit. Each byte is tested on its low seven bits, so no sum carries into the next
    /// byte: `y + (0x80 - lo)` has its high bit set when `y >= lo`.
    @inline(__always)
    static func wordBytes(_ x: UInt64) -> UInt64 {
        let y = x & ~high
        let digits = (y &+ ones &* (0x80 - 0x30)) & ~(y &+ ones &* (0x7F - 0x39))
        let z = y | ones &* 0x20
        let letters = (z &+ ones &* (0x80 - 0x61)) & ~(z &+ ones &* (0x7F - 0x7A))
        return (digits | letters) & ~x & high
    }

    /// The first index at or after `start` (before `end`) whose byte is an ASCII letter or digit or
    /// of 0x80 or above, when `stoppingAtWordBytes`; otherwise, whose byte is neither. `end` when none is.
    @inline(__always)
    static func next(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, stoppingAtWordBytes: Bool) -> Int {
        var index = start
        #if _endian(little)
        if let base = bytes.baseAddress {
            while index + 8 <= end {
                let x = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let words = wordBytes(x)
                let stops = stoppingAtWordBytes ? words | x & high : ~words & high
                if stops != 0 { return index + stops.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        #endif
        if stoppingAtWordBytes {
            while index < end, bytes[index] < 0x80, !TermMatcher.isASCIIWord(bytes[index]) { index += 1 }
        } else {
            while index < end, TermMatcher.isASCIIWord(bytes[index]) { index += 1 }
        }
        return index
    }
}
