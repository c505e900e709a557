/// Finds glossary terms (and their synonyms) in prose: whole words, case-insensitively,
/// leftmost and longest first, never overlapping.
///
///     let matcher = TermMatcher(phrases: [("end user", "end-user"), ("end-user statement", "euc")])
///     matcher.matches(in: "Ask the End User for an end-user statement.")
///     // [Match(id: "end-user", utf8Offset: 8, utf8Length: 8), Match(id: "euc", utf8Offset: 24, utf8Length: 18)]
///
/// Words are maximal runs of letters and digits of any script; between two words, any run of
/// whitespace counts as one space, and any other separator (a hyphen, `&`, `/`) must be the same
/// as in the phrase. A phrase's first word is looked up in a hash table, so the cost is linear in
/// the text, whatever the number of terms.
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

    struct Phrase: Sendable {
        let words: [String]
        let separators: [String]
        let id: String
    }

    /// Phrases by their first word, longest phrase first.
    private let byFirstWord: [String: [Phrase]]

    public init(phrases: [(text: String, id: String)]) {
        var table: [String: [Phrase]] = [:]
        for (text, id) in phrases {
            let bytes = Array(text.utf8)
            let words = Self.words(in: bytes)
            guard let first = words.first else { continue }
            let separators = zip(words, words.dropFirst()).map { Self.separator(bytes[$0.end..<$1.start]) }
            table[first.key, default: []].append(Phrase(words: words.map(\.key), separators: separators, id: id))
        }
        byFirstWord = table.mapValues { $0.sorted { ($0.words.count, $1.id) > ($1.words.count, $0.id) } }
    }

    public var isEmpty: Bool { byFirstWord.isEmpty }

    public func matches(in text: String) -> [Match] {
        guard !byFirstWord.isEmpty else { return [] }
        let bytes = Array(text.utf8)
        let words = Self.words(in: bytes)
        var found: [Match] = []
        var index = 0
        while index < words.count {
            if let candidates = byFirstWord[words[index].key],
               let phrase = candidates.first(where: { matches($0, words: words, from: index, bytes: bytes) }) {
                let last = words[index + phrase.words.count - 1]
                found.append(Match(id: phrase.id, utf8Offset: words[index].start, utf8Length: last.end - words[index].start))
                index += phrase.words.count
            } else {
                index += 1
            }
        }
        return found
    }

    private func matches(_ phrase: Phrase, words: [Word], from start: Int, bytes: [UInt8]) -> Bool {
        guard start + phrase.words.count <= words.count else { return false }
        for k in 1..<phrase.words.count {
            let previous = words[start + k - 1], word = words[start + k]
            guard word.key == phrase.words[k],
                  Self.separator(bytes[previous.end..<word.start]) == phrase.separators[k - 1] else { return false }
        }
        return true
    }

    // MARK: words

    struct Word {
        let key: String
        let start: Int
        let end: Int
    }

    static func words(in bytes: [UInt8]) -> [Word] {
        var words: [Word] = []
        var index = 0
        var start: Int?
        var ascii = true
        func close(at end: Int) {
            guard let begin = start else { return }
            words.append(Word(key: key(bytes[begin..<end], ascii: ascii), start: begin, end: end))
            start = nil
            ascii = true
        }
        while index < bytes.count {
            let (isWord, length) = wordCharacter(bytes, at: index)
            if isWord {
                if start == nil { start = index }
                if length > 1 { ascii = false }
            } else {
                close(at: index)
            }
            index += length
        }
        close(at: bytes.count)
        return words
    }

    /// Lower-cased word; ASCII words (nearly all of them) avoid the Unicode case mapping.
    private static func key(_ bytes: ArraySlice<UInt8>, ascii: Bool) -> String {
        guard ascii else { return String(decoding: bytes, as: UTF8.self).lowercased() }
        return String(decoding: bytes.map { (65...90).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Whether the character at `index` is a letter or digit, and its length in bytes.
    private static func wordCharacter(_ bytes: [UInt8], at index: Int) -> (Bool, Int) {
        let b = bytes[index]
        if b < 0x80 {
            return ((48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b), 1)
        }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        guard let scalar = String(decoding: bytes[index..<end], as: UTF8.self).unicodeScalars.first else { return (false, end - index) }
        return (scalar.properties.isAlphabetic || scalar.properties.numericType != nil, end - index)
    }

    /// Whitespace runs compare as one space; other separators compare literally.
    static func separator(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.unicodeScalars.allSatisfy(\.properties.isWhitespace) ? " " : text
    }
}
