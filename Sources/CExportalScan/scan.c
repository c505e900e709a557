#define _GNU_SOURCE
#include "exportal_scan.h"
#include <string.h>

static inline int is_word_byte(uint8_t b) {
    return (uint8_t)(b - '0') < 10 || (uint8_t)((b | 0x20) - 'a') < 26;
}

/// Whether the lower-cased bytes at `bytes[index..<index + EXPORTAL_TERM_PREFIX]` (each a space
/// past `end`) are the start of a first word in `prefixes` (see `exportal_term_tables`).
static inline int prefix_in(const uint8_t *prefixes, const uint8_t *bytes, size_t index, size_t end) {
    uint8_t common = 0xFF;
    for (size_t k = 0; k < EXPORTAL_TERM_PREFIX; k++) {
        uint8_t byte = (index + k < end ? bytes[index + k] : ' ') | 0x20;
        common &= prefixes[32 * k + (byte & 15)] & prefixes[32 * k + 16 + (byte >> 4)];
    }
    return common != 0;
}

#define LOWERING 0x2020202020202020ull

/// One step of `exportal_word_hash`: eight bytes more of the word.
static inline uint64_t mix_chunk(uint64_t hash, uint64_t chunk) {
    hash = (hash ^ chunk) * 0x9E3779B97F4A7C15ull;
    return hash ^ (hash >> 29);
}

uint64_t exportal_word_hash(const uint8_t *bytes, size_t count, size_t readable, uint64_t lowering) {
    uint64_t hash = (uint64_t)count * 0xC2B2AE3D27D4EB4Full;
    for (size_t index = 0; index < count; index += 8) {
        uint64_t chunk = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (readable - index >= 8) {
            memcpy(&chunk, bytes + index, 8);
        } else
#endif
        {
            for (size_t k = 0; k < 8 && index + k < readable; k++) chunk |= (uint64_t)bytes[index + k] << (8 * k);
        }
        chunk |= lowering;
        if (count - index < 8) chunk &= (1ull << (8 * (count - index))) - 1;
        hash = mix_chunk(hash, chunk);
    }
    return hash;
}

uint32_t exportal_term_word_bit(const uint8_t *lowered, size_t length) {
    return exportal_filter_bit(exportal_word_hash(lowered, length, length, 0));
}

/// An ASCII word a term scan let through: its length in letters and digits, and its hash
/// (`exportal_word_hash`, lower-cased), measured once by the filter and handed on.
typedef struct {
    size_t length;
    uint64_t hash;
} scanned_word;

/// The length and hash of the ASCII word at `bytes[index]` (its letters and digits, up to `end`),
/// a byte at a time.
static inline void measure_word(const uint8_t *bytes, size_t index, size_t end, scanned_word *word) {
    size_t length = 0;
    while (index + length < end && is_word_byte(bytes[index + length])) length++;
    // `| 0x20` lower-cases a letter and leaves a digit as it is.
    word->length = length;
    word->hash = exportal_word_hash(bytes + index, length, end - index, LOWERING);
}

/// Whether an ASCII word of hash `hash` may begin a phrase by what follows it
/// (`exportal_term_tables.follows`), the three bytes after it being `after` (the first in the low
/// byte): always, unless one space and an ASCII letter or digit follow it. Without a branch on the bytes.
static inline unsigned may_be_followed_by(const uint64_t *follows, uint32_t after, uint64_t hash) {
    unsigned checked = (unsigned)((after & 0xFF) == ' ') & (unsigned)is_word_byte((uint8_t)(after >> 8));
    uint32_t lowered = (after >> 8) | 0x2020;
    return (checked ^ 1) | (unsigned)exportal_filter_has(follows, exportal_follow_key(hash, (uint8_t)lowered, (uint8_t)(lowered >> 8)))
        | (unsigned)exportal_filter_has(follows, exportal_follow_key(hash, 0, 0));
}

/// The three bytes at `bytes[at]` (the first in the low byte), a space from `end` on: one load where four are left.
static inline uint32_t three_bytes(const uint8_t *bytes, size_t at, size_t end) {
    uint32_t three = 0;
    if (__builtin_expect(end - at >= 4, 1)) {
        memcpy(&three, bytes + at, 4);
        return three & 0xFFFFFF;
    }
    for (size_t k = 0; k < 3; k++) three |= (uint32_t)(at + k < end ? bytes[at + k] : ' ') << (8 * k);
    return three;
}

/// Whether the ASCII word at `bytes[index]` has its bit in the first-word filter and may be followed
/// by what follows it; `word` gets its length and hash either way.
static inline int word_may_begin_term(const uint8_t *bytes, size_t index, size_t end, const exportal_term_tables *tables, scanned_word *word) {
    measure_word(bytes, index, end, word);
    return exportal_filter_has(tables->words, word->hash) && may_be_followed_by(tables->follows, three_bytes(bytes, index + word->length, end), word->hash);
}

/// Whether a term may start at `index` by its byte, the byte before and the bytes of its prefix (see
/// `exportal_next_term_start`), before its word is checked against the first-word filter.
static inline int may_start_term(const uint8_t *bytes, size_t lower, size_t index, size_t end, const exportal_term_tables *tables) {
    uint8_t byte = bytes[index];
    uint8_t before = index > lower ? bytes[index - 1] : ' ';
    if (byte >= 0x80) return before < 0x80;
    if (!is_word_byte(byte) || is_word_byte(before)) return 0;
    return prefix_in(tables->prefixes, bytes, index, end);
}

static inline int is_term_start(const uint8_t *bytes, size_t lower, size_t index, size_t end, const exportal_term_tables *tables,
                                scanned_word *word) {
    return may_start_term(bytes, lower, index, end, tables) && (bytes[index] >= 0x80 || word_may_begin_term(bytes, index, end, tables, word));
}

/// Where a term scan puts what it finds, in order, until `capacity` are there.
typedef struct {
    exportal_term_word *words;
    size_t count, capacity;
    /// Whether an ASCII word that runs on into a byte of 0x80 or above is passed over (see
    /// `exportal_next_term_word`) rather than given as a start.
    int words_only;
} term_sink;

/// Puts the start at `start` (with `word`, measured by the filter, where ASCII) into `sink`; whether it is now full.
static inline int take(term_sink *sink, const uint8_t *bytes, size_t start, size_t end, const scanned_word *word) {
    exportal_term_word *out = sink->words + sink->count;
    if (bytes[start] >= 0x80) {
        out->start = start;
        out->end = start;
        out->hash = 0;
    } else {
        size_t stop = start + word->length;
        if (sink->words_only && stop < end && bytes[stop] >= 0x80) return 0;
        out->start = start;
        out->end = stop;
        out->hash = word->hash;
    }
    return ++sink->count == sink->capacity;
}

static void scan_terms_bytewise(const uint8_t *bytes, size_t lower, size_t from, size_t end, const exportal_term_tables *tables, term_sink *sink) {
    scanned_word word;
    for (size_t index = from; index < end; index++) {
        if (is_term_start(bytes, lower, index, end, tables, &word) && take(sink, bytes, index, end, &word)) return;
    }
}

static inline int is_special(uint8_t b) {
    return b == '\n' || b == '"' || b == '&' || b == '<' || b == '>';
}

static size_t next_special_bytewise(const uint8_t *bytes, size_t from, size_t end) {
    for (size_t index = from; index < end; index++) {
        if (is_special(bytes[index])) return index;
    }
    return end;
}

/// The pairs of bytes a pair scan finds (`exportal_next_code_start`, `exportal_next_double_bracket`).
typedef enum { CODE_START, DOUBLE_BRACKET } pair_kind;

static inline int is_pair(pair_kind kind, uint8_t here, uint8_t after) {
    if (kind == DOUBLE_BRACKET) return here == '[' && after == '[';
    return (uint8_t)(here - '0') < 10 && (uint8_t)(after - 'A') < 5;
}

static size_t next_pair_bytewise(pair_kind kind, const uint8_t *bytes, size_t from, size_t end) {
    for (size_t index = from; index + 1 < end; index++) {
        if (is_pair(kind, bytes[index], bytes[index + 1])) return index;
    }
    return end;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define EXPORTAL_SSE 1

// Each scanner tests sixteen positions per step, straight from the text while the bytes it reads
// are all before `end`, then once more from a padded copy of what is left.

/// 0xFF in each lane whose byte is in `lowest...lowest + span`.
static inline __m128i bytes_between(__m128i v, char lowest, char span) {
    __m128i offset = _mm_sub_epi8(v, _mm_set1_epi8(lowest));
    return _mm_cmpeq_epi8(_mm_min_epu8(offset, _mm_set1_epi8(span)), offset);
}

/// `exportal_word_hash` of the ASCII word of `length` (less than sixteen) letters and digits at
/// `bytes`, which has sixteen bytes to read: one or two steps on two eight-byte loads, without a
/// branch on the length.
static inline uint64_t short_word_hash(const uint8_t *bytes, size_t length) {
    // x86 is little-endian: the first byte loads into the lowest, as `exportal_word_hash` reads it.
    uint64_t low_bytes, high_bytes;
    memcpy(&low_bytes, bytes, 8);
    memcpy(&high_bytes, bytes + 8, 8);
    uint64_t low_mask = length >= 8 ? ~0ull : (1ull << (8 * length)) - 1;
    uint64_t one = mix_chunk((uint64_t)length * 0xC2B2AE3D27D4EB4Full, (low_bytes | LOWERING) & low_mask);
    uint64_t two = mix_chunk(one, (high_bytes | LOWERING) & ((1ull << ((8 * length - 64) & 63)) - 1));
    return length > 8 ? two : one;
}

/// The ASCII letters and digits of the sixteen bytes at `bytes`, one bit each, and the bytes of 0x80 or above.
static inline void classify16(const uint8_t *bytes, unsigned *letters, unsigned *high) {
    __m128i v = _mm_loadu_si128((const __m128i *)bytes);
    *letters = (unsigned)_mm_movemask_epi8(_mm_or_si128(bytes_between(v, '0', 9), bytes_between(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 25)));
    *high = (unsigned)_mm_movemask_epi8(v);
}

/// Puts the positions of `mask` (bit k standing for `base + k`) that are term starts, once each
/// ASCII word is checked against the first-word filter and by what follows it, into `sink`;
/// whether it is now full. Where the text has sixteen bytes left and the word is shorter, one
/// sixteen-byte load gives its length, its hash (one or two steps on the loaded bytes) and whether
/// it runs on into another script, and a start is written whether it passes or not, the count going
/// up only when it does: whether a word passes the filters is as good as random, and a branch on it
/// was mispredicted about one time in three.
static inline __attribute__((always_inline)) int take_all(term_sink *sink, const uint8_t *bytes, size_t base, uint64_t mask, size_t end,
                                                          const exportal_term_tables *tables) {
    exportal_term_word *out = sink->words;
    size_t count = sink->count;
    const unsigned words_only = sink->words_only ? 1 : 0;
    for (; mask; mask &= mask - 1) {
        size_t index = base + (size_t)__builtin_ctzll(mask);
        if (__builtin_expect(end - index >= 16, 1)) {
            unsigned letters, high;
            classify16(bytes + index, &letters, &high);
            // At most sixteen: the bits above the mask's are set once it is inverted.
            size_t length = (size_t)__builtin_ctz(~letters);
            if (__builtin_expect(length < 16, 1)) {
                uint64_t hash = short_word_hash(bytes + index, length);
                // A non-ASCII character (its first byte) is always a start; an ASCII word that runs on
                // into one is not, for a caller that wants words only.
                unsigned other = high & 1;
                unsigned runs_on = (high >> length) & words_only;
                out[count].start = index;
                out[count].end = other ? index : index + length;
                out[count].hash = other ? 0 : hash;
                unsigned passes = (unsigned)exportal_filter_has(tables->words, hash)
                    & may_be_followed_by(tables->follows, three_bytes(bytes, index + length, end), hash);
                count += other | (passes & (runs_on ^ 1));
                if (count == sink->capacity) break;
                continue;
            }
        }
        scanned_word word;
        sink->count = count;
        if ((bytes[index] >= 0x80 || word_may_begin_term(bytes, index, end, tables, &word)) && take(sink, bytes, index, end, &word)) return 1;
        count = sink->count;
    }
    sink->count = count;
    return count == sink->capacity;
}

/// The tables a term scan reads, as registers. Each byte is looked up by its two nibbles
/// (`pshufb`): once in a table of classes (bit 0 a digit, bit 1 a letter A-O or a-o, bit 2 a letter
/// P-Z or p-z, each class one row of high nibbles), so that a byte is a letter or digit when its two
/// lookups share a bit; and in the caller's prefix tables, one pair for each byte of a prefix. Those
/// are indexed by the nibbles of the lower-cased byte (`byte | 0x20`), whose high nibble is the
/// byte's with bit 1 set: their high halves are re-read here by the byte's own high nibble, so one
/// split into nibbles serves both.
typedef struct {
    __m128i nibble, zero, low_class, high_class;
    __m128i low[EXPORTAL_TERM_PREFIX], high[EXPORTAL_TERM_PREFIX];
} term_tables;

__attribute__((target("ssse3")))
static inline term_tables term_tables_from(const uint8_t *prefixes) {
    term_tables t;
    t.nibble = _mm_set1_epi8(15);
    t.zero = _mm_setzero_si128();
    t.low_class = _mm_setr_epi8(5, 7, 7, 7, 7, 7, 7, 7, 7, 7, 6, 2, 2, 2, 2, 2);
    t.high_class = _mm_setr_epi8(0, 0, 0, 1, 2, 4, 2, 4, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m128i lowered = _mm_setr_epi8(2, 3, 2, 3, 6, 7, 6, 7, 10, 11, 10, 11, 14, 15, 14, 15);
    for (int k = 0; k < EXPORTAL_TERM_PREFIX; k++) {
        t.low[k] = _mm_loadu_si128((const __m128i *)(prefixes + 32 * k));
        t.high[k] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(prefixes + 32 * k + 16)), lowered);
    }
    return t;
}

/// One bit for each of the sixteen positions after `window[0]` where a term may start, reading
/// `window[0..<16 + EXPORTAL_TERM_PREFIX]`: the byte before each position and the bytes of its prefix.
__attribute__((target("ssse3")))
static inline int term_starts(const uint8_t *window, const term_tables *t) {
    __m128i before = _mm_loadu_si128((const __m128i *)window);
    __m128i here = _mm_loadu_si128((const __m128i *)(window + 1));
    __m128i low_b = _mm_and_si128(before, t->nibble), high_b = _mm_and_si128(_mm_srli_epi16(before, 4), t->nibble);
    __m128i low_h = _mm_and_si128(here, t->nibble), high_h = _mm_and_si128(_mm_srli_epi16(here, 4), t->nibble);
    __m128i word_before = _mm_and_si128(_mm_shuffle_epi8(t->low_class, low_b), _mm_shuffle_epi8(t->high_class, high_b));
    __m128i word_here = _mm_and_si128(_mm_shuffle_epi8(t->low_class, low_h), _mm_shuffle_epi8(t->high_class, high_h));
    __m128i prefix = _mm_and_si128(_mm_shuffle_epi8(t->low[0], low_h), _mm_shuffle_epi8(t->high[0], high_h));
    for (int k = 1; k < EXPORTAL_TERM_PREFIX; k++) {
        __m128i next = _mm_loadu_si128((const __m128i *)(window + 1 + k));
        __m128i low_n = _mm_and_si128(next, t->nibble), high_n = _mm_and_si128(_mm_srli_epi16(next, 4), t->nibble);
        prefix = _mm_and_si128(prefix, _mm_and_si128(_mm_shuffle_epi8(t->low[k], low_n), _mm_shuffle_epi8(t->high[k], high_n)));
    }
    // A start: not a letter or digit before, one here, and a prefix of a first word.
    __m128i refused = _mm_or_si128(_mm_cmpeq_epi8(word_here, t->zero), _mm_cmpeq_epi8(prefix, t->zero));
    __m128i found = _mm_andnot_si128(refused, _mm_cmpeq_epi8(word_before, t->zero));
    return _mm_movemask_epi8(found) | _mm_movemask_epi8(_mm_andnot_si128(before, here));
}

/// How many bytes a scan step of `positions` positions reads: the byte before them, theirs, and
/// the rest of the last one's prefix.
#define TERM_WINDOW(positions) ((positions) + EXPORTAL_TERM_PREFIX)

__attribute__((target("ssse3")))
static void scan_terms_ssse3(const uint8_t *bytes, size_t lower, size_t from, size_t end, const exportal_term_tables *tables, term_sink *sink) {
    size_t index = from;
    if (index == lower && index < end) {
        // The first position has no byte before it to load; its word is read as the others are.
        if (may_start_term(bytes, lower, index, end, tables) && take_all(sink, bytes, index, 1, end, tables)) return;
        index++;
    }
    const term_tables narrow = term_tables_from(tables->prefixes);
    while (index - 1 + TERM_WINDOW(16) <= end) {
        if (take_all(sink, bytes, index, (uint32_t)term_starts(bytes + index - 1, &narrow), end, tables)) return;
        index += 16;
    }
    // The last positions, from a copy in which past the end reads as spaces, as in `is_term_start`.
    while (index < end) {
        uint8_t window[TERM_WINDOW(16)];
        memset(window, ' ', sizeof window);
        memcpy(window, bytes + index - 1, end - index + 1 < sizeof window ? end - index + 1 : sizeof window);
        uint32_t mask = (uint32_t)term_starts(window, &narrow);
        if (end - index < 16) mask &= (1u << (end - index)) - 1;
        if (take_all(sink, bytes, index, mask, end, tables)) return;
        index += 16;
    }
}

/// As `term_tables`, in 256-bit registers: each half holds the same sixteen-byte table, since
/// `pshufb` looks up within each half.
typedef struct {
    __m256i nibble, zero, low_class, high_class;
    __m256i low[EXPORTAL_TERM_PREFIX], high[EXPORTAL_TERM_PREFIX];
} term_tables32;

__attribute__((target("avx2")))
static inline term_tables32 term_tables32_from(const term_tables *t) {
    term_tables32 w;
    w.nibble = _mm256_broadcastsi128_si256(t->nibble);
    w.zero = _mm256_setzero_si256();
    w.low_class = _mm256_broadcastsi128_si256(t->low_class);
    w.high_class = _mm256_broadcastsi128_si256(t->high_class);
    for (int k = 0; k < EXPORTAL_TERM_PREFIX; k++) {
        w.low[k] = _mm256_broadcastsi128_si256(t->low[k]);
        w.high[k] = _mm256_broadcastsi128_si256(t->high[k]);
    }
    return w;
}

/// As `term_starts`, for the thirty-two positions after `window[0]`, reading `window[0..<TERM_WINDOW(32)]`.
__attribute__((target("avx2")))
static inline uint32_t term_starts32(const uint8_t *window, const term_tables32 *t) {
    __m256i before = _mm256_loadu_si256((const __m256i *)window);
    __m256i here = _mm256_loadu_si256((const __m256i *)(window + 1));
    __m256i low_b = _mm256_and_si256(before, t->nibble), high_b = _mm256_and_si256(_mm256_srli_epi16(before, 4), t->nibble);
    __m256i low_h = _mm256_and_si256(here, t->nibble), high_h = _mm256_and_si256(_mm256_srli_epi16(here, 4), t->nibble);
    __m256i word_before = _mm256_and_si256(_mm256_shuffle_epi8(t->low_class, low_b), _mm256_shuffle_epi8(t->high_class, high_b));
    __m256i word_here = _mm256_and_si256(_mm256_shuffle_epi8(t->low_class, low_h), _mm256_shuffle_epi8(t->high_class, high_h));
    __m256i prefix = _mm256_and_si256(_mm256_shuffle_epi8(t->low[0], low_h), _mm256_shuffle_epi8(t->high[0], high_h));
    for (int k = 1; k < EXPORTAL_TERM_PREFIX; k++) {
        __m256i next = _mm256_loadu_si256((const __m256i *)(window + 1 + k));
        __m256i low_n = _mm256_and_si256(next, t->nibble), high_n = _mm256_and_si256(_mm256_srli_epi16(next, 4), t->nibble);
        prefix = _mm256_and_si256(prefix, _mm256_and_si256(_mm256_shuffle_epi8(t->low[k], low_n), _mm256_shuffle_epi8(t->high[k], high_n)));
    }
    __m256i refused = _mm256_or_si256(_mm256_cmpeq_epi8(word_here, t->zero), _mm256_cmpeq_epi8(prefix, t->zero));
    __m256i found = _mm256_andnot_si256(refused, _mm256_cmpeq_epi8(word_before, t->zero));
    return (uint32_t)_mm256_movemask_epi8(found) | (uint32_t)_mm256_movemask_epi8(_mm256_andnot_si256(before, here));
}

/// As `scan_terms_ssse3`, thirty-two positions per step; a range shorter than one step is left to it.
__attribute__((target("avx2")))
static void scan_terms_avx2(const uint8_t *bytes, size_t lower, size_t from, size_t end, const exportal_term_tables *tables, term_sink *sink) {
    if (end - from < 32) {
        scan_terms_ssse3(bytes, lower, from, end, tables, sink);
        return;
    }
    size_t index = from;
    if (index == lower) {
        // The first position has no byte before it to load; its word is read as the others are.
        if (may_start_term(bytes, lower, index, end, tables) && take_all(sink, bytes, index, 1, end, tables)) return;
        index++;
    }
    const term_tables narrow = term_tables_from(tables->prefixes);
    const term_tables32 wide = term_tables32_from(&narrow);
    // Sixty-four positions per step, so that a step's candidates are one loop (whose exit is mispredicted) instead of two.
    while (index - 1 + TERM_WINDOW(64) <= end) {
        uint64_t mask = term_starts32(bytes + index - 1, &wide) | (uint64_t)term_starts32(bytes + index + 31, &wide) << 32;
        if (take_all(sink, bytes, index, mask, end, tables)) return;
        index += 64;
    }
    while (index - 1 + TERM_WINDOW(32) <= end) {
        if (take_all(sink, bytes, index, term_starts32(bytes + index - 1, &wide), end, tables)) return;
        index += 32;
    }
    // The last positions, from a copy in which past the end reads as spaces, as in `is_term_start`.
    while (index < end) {
        uint8_t window[TERM_WINDOW(32)];
        memset(window, ' ', sizeof window);
        memcpy(window, bytes + index - 1, end - index + 1 < sizeof window ? end - index + 1 : sizeof window);
        uint32_t mask = term_starts32(window, &wide);
        if (end - index < 32) mask &= (uint32_t)((1ull << (end - index)) - 1);
        if (take_all(sink, bytes, index, mask, end, tables)) return;
        index += 32;
    }
}

/// One bit for each of the sixteen bytes at `block` that is special (see `is_special`).
static inline int specials(const uint8_t *block) {
    __m128i v = _mm_loadu_si128((const __m128i *)block);
    __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
                                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')),
                                             _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('<')), _mm_cmpeq_epi8(v, _mm_set1_epi8('>')))));
    return _mm_movemask_epi8(hits);
}

static size_t next_special_sse2(const uint8_t *bytes, size_t from, size_t end) {
    size_t index = from;
    while (index + 16 <= end) {
        int mask = specials(bytes + index);
        if (mask) return index + (size_t)__builtin_ctz((unsigned)mask);
        index += 16;
    }
    if (index < end && end >= 16) {
        // The last sixteen bytes, read again from `end - 16`, those before `index` masked off.
        size_t first = end - 16;
        int mask = specials(bytes + first) & ~((1 << (index - first)) - 1);
        if (mask) return first + (size_t)__builtin_ctz((unsigned)mask);
        return end;
    }
    if (index < end) {
        uint8_t block[16] = {0};
        memcpy(block, bytes + index, end - index);
        int mask = specials(block);
        if (mask) return index + (size_t)__builtin_ctz((unsigned)mask);
    }
    return end;
}

/// One bit for each of the sixteen positions at `window` where a pair of `kind` starts, reading `window[0..<17]`.
static inline __attribute__((always_inline)) int pair_starts(pair_kind kind, const uint8_t *window) {
    __m128i here = _mm_loadu_si128((const __m128i *)window);
    __m128i after = _mm_loadu_si128((const __m128i *)(window + 1));
    if (kind == DOUBLE_BRACKET) {
        const __m128i bracket = _mm_set1_epi8('[');
        return _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(here, bracket), _mm_cmpeq_epi8(after, bracket)));
    }
    return _mm_movemask_epi8(_mm_and_si128(bytes_between(here, '0', 9), bytes_between(after, 'A', 4)));
}

static inline __attribute__((always_inline)) size_t next_pair_sse2(pair_kind kind, const uint8_t *bytes, size_t from, size_t end) {
    size_t index = from;
    while (index + 17 <= end) {
        int mask = pair_starts(kind, bytes + index);
        if (mask) return index + (size_t)__builtin_ctz((unsigned)mask);
        index += 16;
    }
    if (index + 1 < end && end >= 17) {
        // The last sixteen positions that have a byte after them, from `end - 17`, those before `index` masked off.
        size_t first = end - 17;
        int mask = pair_starts(kind, bytes + first) & ~((1 << (index - first)) - 1);
        if (mask) return first + (size_t)__builtin_ctz((unsigned)mask);
        return end;
    }
    if (index + 1 < end) {
        uint8_t window[17] = {0};
        memcpy(window, bytes + index, end - index);
        int mask = pair_starts(kind, window) & ((1 << (end - index - 1)) - 1);
        if (mask) return index + (size_t)__builtin_ctz((unsigned)mask);
    }
    return end;
}

/// As `next_pair_sse2`, thirty-two positions per step while the text lasts; the rest is left to it.
__attribute__((target("avx2")))
static inline __attribute__((always_inline)) size_t next_pair_avx2(pair_kind kind, const uint8_t *bytes, size_t from, size_t end) {
    size_t index = from;
    const __m256i zero = _mm256_set1_epi8('0'), nine = _mm256_set1_epi8(9), a = _mm256_set1_epi8('A'), four = _mm256_set1_epi8(4);
    const __m256i bracket = _mm256_set1_epi8('[');
    while (index + 33 <= end) {
        __m256i here = _mm256_loadu_si256((const __m256i *)(bytes + index));
        __m256i after = _mm256_loadu_si256((const __m256i *)(bytes + index + 1));
        __m256i found;
        if (kind == DOUBLE_BRACKET) {
            found = _mm256_and_si256(_mm256_cmpeq_epi8(here, bracket), _mm256_cmpeq_epi8(after, bracket));
        } else {
            here = _mm256_sub_epi8(here, zero);
            after = _mm256_sub_epi8(after, a);
            found = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(here, nine), here), _mm256_cmpeq_epi8(_mm256_min_epu8(after, four), after));
        }
        uint32_t mask = (uint32_t)_mm256_movemask_epi8(found);
        if (mask) return index + (size_t)__builtin_ctz(mask);
        index += 32;
    }
    return next_pair_sse2(kind, bytes, index, end);
}

__attribute__((target("avx2")))
static size_t next_code_start_avx2(const uint8_t *bytes, size_t from, size_t end) {
    return next_pair_avx2(CODE_START, bytes, from, end);
}

__attribute__((target("avx2")))
static size_t next_double_bracket_avx2(const uint8_t *bytes, size_t from, size_t end) {
    return next_pair_avx2(DOUBLE_BRACKET, bytes, from, end);
}

/// Whether the processor has AVX2 (most x86-64 made since about 2013), asked once.
static int has_avx2(void) {
    static int known = -1;
    int answer = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (answer < 0) {
        answer = __builtin_cpu_supports("avx2") ? 1 : 0;
        __atomic_store_n(&known, answer, __ATOMIC_RELAXED);
    }
    return answer;
}

/// Whether the processor has SSSE3 (every x86-64 made since about 2008), asked once.
static int has_ssse3(void) {
    static int known = -1;
    int answer = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (answer < 0) {
        answer = __builtin_cpu_supports("ssse3") ? 1 : 0;
        __atomic_store_n(&known, answer, __ATOMIC_RELAXED);
    }
    return answer;
}
#endif

/// Scans with the steps of at most `level` (see `exportal_next_term_start_with`) the processor has.
static void scan_terms_with(int level, const uint8_t *bytes, size_t lower, size_t from, size_t end, const exportal_term_tables *tables,
                            term_sink *sink) {
#ifdef EXPORTAL_SSE
    if (level >= 2 && has_avx2()) {
        scan_terms_avx2(bytes, lower, from, end, tables, sink);
        return;
    }
    if (level >= 1 && has_ssse3()) {
        scan_terms_ssse3(bytes, lower, from, end, tables, sink);
        return;
    }
#endif
    scan_terms_bytewise(bytes, lower, from, end, tables, sink);
}

size_t exportal_next_term_start_with(int level, const uint8_t *bytes, size_t lower, size_t from, size_t end, const exportal_term_tables *tables) {
    exportal_term_word found;
    term_sink sink = { &found, 0, 1, 0 };
    scan_terms_with(level, bytes, lower, from, end, tables, &sink);
    return sink.count ? found.start : end;
}

size_t exportal_next_term_start(const uint8_t *bytes, size_t lower, size_t from, size_t end, const exportal_term_tables *tables) {
    return exportal_next_term_start_with(2, bytes, lower, from, end, tables);
}

size_t exportal_next_term_start_bytewise(const uint8_t *bytes, size_t lower, size_t from, size_t end, const exportal_term_tables *tables) {
    return exportal_next_term_start_with(0, bytes, lower, from, end, tables);
}

/// Fills in the word after each of `words` (`next_end` and `next_hash`), which most phrases need
/// when their first word is found: here, many bytes at a time, and only for the words that passed.
static void measure_next_words(const uint8_t *bytes, size_t end, exportal_term_word *words, size_t count) {
    for (size_t k = 0; k < count; k++) {
        exportal_term_word *word = words + k;
        size_t start = word->end + 1;
        word->next_end = 0;
        word->next_hash = 0;
        if (word->end == word->start || start >= end || bytes[word->end] != ' ' || !is_word_byte(bytes[start])) continue;
#ifdef EXPORTAL_SSE
        if (end - start >= 16) {
            unsigned letters, high;
            classify16(bytes + start, &letters, &high);
            size_t length = (size_t)__builtin_ctz(~letters);
            if (length < 16) {
                if (!((high >> length) & 1)) {
                    word->next_end = start + length;
                    word->next_hash = short_word_hash(bytes + start, length);
                }
                continue;
            }
        }
#endif
        scanned_word next;
        measure_word(bytes, start, end, &next);
        size_t stop = start + next.length;
        if (stop < end && bytes[stop] >= 0x80) continue;
        word->next_end = stop;
        word->next_hash = next.hash;
    }
}

size_t exportal_term_words(const uint8_t *bytes, size_t lower, size_t from, size_t end, const exportal_term_tables *tables,
                           exportal_term_word *words, size_t capacity) {
    if (capacity == 0 || from >= end) return 0;
    term_sink sink = { words, 0, capacity, 1 };
    scan_terms_with(2, bytes, lower, from, end, tables, &sink);
    measure_next_words(bytes, end, words, sink.count);
    return sink.count;
}

size_t exportal_next_term_word(const uint8_t *bytes, size_t lower, size_t from, size_t end, const exportal_term_tables *tables,
                               exportal_term_word *word) {
    return exportal_term_words(bytes, lower, from, end, tables, word, 1) ? word->start : end;
}

/// The first pair of `kind` with the steps of at most `level` the processor has. Inlined into each
/// caller, which passes `kind` as a constant: each kind gets its own loops.
static inline __attribute__((always_inline)) size_t next_pair_with(pair_kind kind, int level, const uint8_t *bytes, size_t from, size_t end) {
#ifdef EXPORTAL_SSE
    // AVX2 code cannot be inlined into code built for any x86-64: each kind has a function of its own.
    if (level >= 2 && has_avx2()) return kind == CODE_START ? next_code_start_avx2(bytes, from, end) : next_double_bracket_avx2(bytes, from, end);
    if (level >= 1) return next_pair_sse2(kind, bytes, from, end);
#endif
    return next_pair_bytewise(kind, bytes, from, end);
}

size_t exportal_next_code_start_with(int level, const uint8_t *bytes, size_t from, size_t end) {
    return next_pair_with(CODE_START, level, bytes, from, end);
}

size_t exportal_next_code_start(const uint8_t *bytes, size_t from, size_t end) {
    return next_pair_with(CODE_START, 2, bytes, from, end);
}

size_t exportal_next_double_bracket_with(int level, const uint8_t *bytes, size_t from, size_t end) {
    return next_pair_with(DOUBLE_BRACKET, level, bytes, from, end);
}

size_t exportal_next_double_bracket(const uint8_t *bytes, size_t from, size_t end) {
    return next_pair_with(DOUBLE_BRACKET, 2, bytes, from, end);
}

size_t exportal_next_special(const uint8_t *bytes, size_t from, size_t end) {
#ifdef EXPORTAL_SSE
    return next_special_sse2(bytes, from, end);
#else
    return next_special_bytewise(bytes, from, end);
#endif
}

size_t exportal_find(const uint8_t *bytes, size_t from, size_t count, const uint8_t *pattern, size_t length) {
    if (from >= count || length == 0) return count;
    const uint8_t *hit = memmem(bytes + from, count - from, pattern, length);
    return hit ? (size_t)(hit - bytes) : count;
}
