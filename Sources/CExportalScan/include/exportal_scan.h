#ifndef EXPORTAL_SCAN_H
#define EXPORTAL_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// Scanning loops that look at sixteen bytes at once where the processor can (SSSE3 on x86-64, and
/// thirty-two for terms with AVX2), and one at a time elsewhere; all give the same answers.

/// How many bytes of a first word the term scan compares, many positions at a time, before it reads
/// the word: a prefix this long tells most words of prose from the first words of a glossary,
/// where two bytes let through one word in three.
#define EXPORTAL_TERM_PREFIX 4

/// What a term scan lets through: the first bytes of a phrase's first word, as nibble tables, and
/// the first word itself, as one bit of a filter.
typedef struct {
    /// 32 bytes for each of the first `EXPORTAL_TERM_PREFIX` bytes of a word: sixteen by low nibble,
    /// then sixteen by high nibble. Each first word has one of eight bits (its bucket) set in the
    /// entries of its bytes, and in every entry for the places past its end or from its first byte
    /// of 0x80 or above. A word may begin a phrase when the lookups of its bytes have a bit in
    /// common. Lower-casing is `byte | 0x20`, and past the end of a text reads as a space.
    const uint8_t *prefixes;
    /// `1 << EXPORTAL_TERM_WORD_BITS` bits, as 64-bit words: the bit `exportal_term_word_bit` of
    /// each ASCII first word is set.
    const uint64_t *words;
    /// A filter of the same size of what may follow each ASCII first word: for each phrase of two or
    /// more words, the key (`exportal_follow_key`) of its first word's hash and the first two bytes
    /// of its second word; for a phrase of one word, or whose second word is shorter or not ASCII in
    /// those bytes, the key of its first word's hash alone (both bytes 0). A first word followed by
    /// one space and an ASCII letter or digit (before the end of the text) may begin a phrase only
    /// when one of its two keys is in: most first words in prose are followed by a word that begins
    /// none of their phrases.
    const uint64_t *follows;
} exportal_term_tables;

#define EXPORTAL_TERM_WORD_BITS 15

/// The bit of a filter of `1 << EXPORTAL_TERM_WORD_BITS` bits (as 64-bit words) for a value of hash
/// `hash`: its top bits. The scan's first-word filter and the matcher's filter of word pairs.
static inline uint32_t exportal_filter_bit(uint64_t hash) {
    return (uint32_t)(hash >> (64 - EXPORTAL_TERM_WORD_BITS));
}

/// Whether `filter` has the bit of hash `hash`.
static inline int exportal_filter_has(const uint64_t *filter, uint64_t hash) {
    uint32_t bit = exportal_filter_bit(hash);
    return (int)((filter[bit >> 6] >> (bit & 63)) & 1);
}

/// The key in `exportal_term_tables.follows` of a first word of hash `word_hash` (its
/// `exportal_word_hash`, lower-cased) followed by a word whose first two bytes, lower-cased, are
/// `first` and `second`; with both 0, the key of the first word followed by anything.
static inline uint64_t exportal_follow_key(uint64_t word_hash, uint8_t first, uint8_t second) {
    // A multiple of the bytes, which the filter's top bits spread, added to the hash: for the key of
    // a word alone, a constant.
    return word_hash + ((uint64_t)first | (uint64_t)second << 8 | 1ull << 16) * 0x9E3779B97F4A7C15ull;
}

/// The bit of the first-word filter for a word of `length` bytes (at least one), already lower-cased:
/// the top bits of its `exportal_word_hash`, so that a scan that lets a word through has its hash.
uint32_t exportal_term_word_bit(const uint8_t *lowered, size_t length);

/// The first index in `[from, end)` where a glossary term may start in `bytes[lower..<end]`:
///   - an ASCII letter or digit not preceded by one (the byte before `lower` counts as a space)
///     whose first `EXPORTAL_TERM_PREFIX` bytes, lower-cased (spaces from `end` on), are in
///     `tables->prefixes`, and whose word (its ASCII letters and digits, up to `end`) has its bit in
///     `tables->words` and is followed by what may follow it (`tables->follows`); or
///   - a byte of 0x80 or above preceded by an ASCII byte: the first of a non-ASCII character,
///     which the caller reads as a whole word.
/// `end` when there is none.
size_t exportal_next_term_start(const uint8_t *bytes, size_t lower, size_t from, size_t end, const exportal_term_tables *tables);

/// As `exportal_next_term_start`, one byte at a time (for tests that compare the two).
size_t exportal_next_term_start_bytewise(const uint8_t *bytes, size_t lower, size_t from, size_t end, const exportal_term_tables *tables);

/// As `exportal_next_term_start`, with the steps of at most `level` (0: one byte, 1: sixteen with
/// SSSE3, 2: thirty-two with AVX2) where the processor has them: for tests of each.
size_t exportal_next_term_start_with(int level, const uint8_t *bytes, size_t lower, size_t from, size_t end, const exportal_term_tables *tables);

/// A word found by `exportal_next_term_word`: where it starts and ends, and its hash.
typedef struct {
    size_t start;
    size_t end;
    uint64_t hash;
    /// From `exportal_term_words`: where the word after this one ends, and its hash, when one
    /// space and then an ASCII word that does not run on into a byte of 0x80 or above follow this
    /// word; otherwise `next_end` is 0 (the caller reads on itself).
    size_t next_end;
    uint64_t next_hash;
} exportal_term_word;

/// A hash of the `count` bytes at `bytes`, each or'd with the matching byte of `lowering` (0x20 in
/// each byte lower-cases ASCII letters and digits; 0 for bytes lower-cased already), eight at a time.
/// It may read up to `readable` bytes (at least `count`) for speed; they do not change it.
uint64_t exportal_word_hash(const uint8_t *bytes, size_t count, size_t readable, uint64_t lowering);

/// As `exportal_next_term_start`, passing over an ASCII word that runs on into a byte of 0x80 or
/// above (the scan stops next at that byte, and the caller reads the word whole from there). At an
/// ASCII start, `word` gets the end of its letters and digits and `exportal_word_hash` of them
/// lower-cased; at a non-ASCII one, `word->end` is the start and its hash 0. `end` when there is none.
size_t exportal_next_term_word(const uint8_t *bytes, size_t lower, size_t from, size_t end, const exportal_term_tables *tables,
                               exportal_term_word *word);

/// The words `exportal_next_term_word` gives one after another from `from`, the first `capacity`
/// of them, into `words`: how many. Fewer than `capacity` when the range holds no more; otherwise
/// the scan goes on from the last one's start plus one. One call scans a whole run of text, where
/// one call per word set up its tables again each time.
size_t exportal_term_words(const uint8_t *bytes, size_t lower, size_t from, size_t end, const exportal_term_tables *tables,
                           exportal_term_word *words, size_t capacity);

/// The first index in `[from, end)` of a line feed, `"`, `&`, `<` or `>`: a byte that HTML text
/// escapes, or that a link label turns into a space. `end` when there is none.
size_t exportal_next_special(const uint8_t *bytes, size_t from, size_t end);

/// The first index in `[from, end - 1)` of an ASCII digit followed by one of `A` to `E`: where a
/// control code such as 5A002 may start. `end` when there is none.
size_t exportal_next_code_start(const uint8_t *bytes, size_t from, size_t end);

/// As `exportal_next_code_start`, with the steps of at most `level` (0: one byte, 1: sixteen with
/// SSE2, 2: thirty-two with AVX2) where the processor has them: for tests of each.
size_t exportal_next_code_start_with(int level, const uint8_t *bytes, size_t from, size_t end);

/// The first index in `[from, end - 1)` of `[[`, where an explicit reference starts. `end` when there is none.
size_t exportal_next_double_bracket(const uint8_t *bytes, size_t from, size_t end);
/// As `exportal_next_double_bracket`, with the steps of at most `level` (as for `exportal_next_code_start_with`).
size_t exportal_next_double_bracket_with(int level, const uint8_t *bytes, size_t from, size_t end);
/// The first index in `[from, count)` where `pattern` (of `length` bytes, at least one) starts in
/// `bytes`, with the C library's substring search; `count` when there is none.
size_t exportal_find(const uint8_t *bytes, size_t from, size_t count, const uint8_t *pattern, size_t length);

/// Asks the processor to bring the line at `address` into cache, for a read soon after.
static inline void exportal_prefetch(const void *address) {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address);
#else
    (void)address;
#endif
}

#endif
