#define _GNU_SOURCE
#include "exportal_scan.h"
#include <string.h>

static inline int is_word_byte(uint8_t b) {
    return (uint8_t)(b - '0') < 10 || (uint8_t)((b | 0x20) - 'a') < 26;
}

static inline int pair_in(const uint8_t *pairs, uint8_t first, uint8_t second) {
    first |= 0x20;
    second |= 0x20;
    return (pairs[first & 15] & pairs[16 + (first >> 4)] & pairs[32 + (second & 15)] & pairs[48 + (second >> 4)]) != 0;
}

static inline int is_term_start(const uint8_t *bytes, size_t lower, size_t index, size_t end, const uint8_t *pairs) {
    uint8_t byte = bytes[index];
    uint8_t before = index > lower ? bytes[index - 1] : ' ';
    if (byte >= 0x80) return before < 0x80;
    if (!is_word_byte(byte) || is_word_byte(before)) return 0;
    return pair_in(pairs, byte, index + 1 < end ? bytes[index + 1] : ' ');
}

size_t exportal_next_term_start_bytewise(const uint8_t *bytes, size_t lower, size_t from, size_t end, const uint8_t *pairs) {
    for (size_t index = from; index < end; index++) {
        if (is_term_start(bytes, lower, index, end, pairs)) return index;
    }
    return end;
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

static size_t next_code_start_bytewise(const uint8_t *bytes, size_t from, size_t end) {
    for (size_t index = from; index + 1 < end; index++) {
        if ((uint8_t)(bytes[index] - '0') < 10 && (uint8_t)(bytes[index + 1] - 'A') < 5) return index;
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

/// 0xFF in each lane whose byte is an ASCII letter or digit.
static inline __m128i word_bytes(__m128i v) {
    return _mm_or_si128(bytes_between(v, '0', 9), bytes_between(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 25));
}

/// For each lane, the bits the two nibble tables give its lower-cased byte.
__attribute__((target("ssse3")))
static inline __m128i nibble_bits(__m128i v, __m128i low, __m128i high) {
    __m128i lowered = _mm_or_si128(v, _mm_set1_epi8(0x20));
    __m128i nibbles = _mm_set1_epi8(15);
    return _mm_and_si128(_mm_shuffle_epi8(low, _mm_and_si128(lowered, nibbles)),
                         _mm_shuffle_epi8(high, _mm_and_si128(_mm_srli_epi16(lowered, 4), nibbles)));
}

/// One bit for each of the sixteen positions after `window[0]` where a term may start, reading
/// `window[0..<18]`: the byte before each position and the byte after each.
__attribute__((target("ssse3")))
static inline int term_starts(const uint8_t *window, __m128i low0, __m128i high0, __m128i low1, __m128i high1) {
    __m128i before = _mm_loadu_si128((const __m128i *)window);
    __m128i here = _mm_loadu_si128((const __m128i *)(window + 1));
    __m128i after = _mm_loadu_si128((const __m128i *)(window + 2));
    __m128i starts = _mm_andnot_si128(word_bytes(before), word_bytes(here));
    __m128i pair = _mm_and_si128(nibble_bits(here, low0, high0), nibble_bits(after, low1, high1));
    __m128i found = _mm_andnot_si128(_mm_cmpeq_epi8(pair, _mm_setzero_si128()), starts);
    return _mm_movemask_epi8(found) | _mm_movemask_epi8(_mm_andnot_si128(before, here));
}

__attribute__((target("ssse3")))
static size_t next_term_start_ssse3(const uint8_t *bytes, size_t lower, size_t from, size_t end, const uint8_t *pairs) {
    size_t index = from;
    // The first byte of the range has no byte before it to load.
    if (index == lower && index < end) {
        if (is_term_start(bytes, lower, index, end, pairs)) return index;
        index++;
    }
    const __m128i low0 = _mm_loadu_si128((const __m128i *)pairs), high0 = _mm_loadu_si128((const __m128i *)(pairs + 16));
    const __m128i low1 = _mm_loadu_si128((const __m128i *)(pairs + 32)), high1 = _mm_loadu_si128((const __m128i *)(pairs + 48));
    while (index + 17 <= end) {
        int mask = term_starts(bytes + index - 1, low0, high0, low1, high1);
        if (mask) return index + (size_t)__builtin_ctz((unsigned)mask);
        index += 16;
    }
    if (index < end && end >= 18) {
        // The last sixteen positions but one, read from the eighteen bytes that end at `end` (bytes
        // before `index` are the text's, and their positions are masked off); the last position
        // has no byte after it, which reads as a space, so it is tested on its own.
        size_t first = end - 17;
        int mask = term_starts(bytes + first - 1, low0, high0, low1, high1) & ~((1 << (index - first)) - 1);
        if (mask) return first + (size_t)__builtin_ctz((unsigned)mask);
        return is_term_start(bytes, lower, end - 1, end, pairs) ? end - 1 : end;
    }
    if (index < end) {
        // A short text: past the end reads as spaces, as in `is_term_start`.
        uint8_t window[18];
        memset(window, ' ', sizeof window);
        memcpy(window, bytes + index - 1, end - index + 1);
        int mask = term_starts(window, low0, high0, low1, high1) & ((1 << (end - index)) - 1);
        if (mask) return index + (size_t)__builtin_ctz((unsigned)mask);
    }
    return end;
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

/// One bit for each of the sixteen positions at `window` with a digit followed by A to E, reading `window[0..<17]`.
static inline int code_starts(const uint8_t *window) {
    __m128i here = _mm_loadu_si128((const __m128i *)window);
    __m128i after = _mm_loadu_si128((const __m128i *)(window + 1));
    return _mm_movemask_epi8(_mm_and_si128(bytes_between(here, '0', 9), bytes_between(after, 'A', 4)));
}

static size_t next_code_start_sse2(const uint8_t *bytes, size_t from, size_t end) {
    size_t index = from;
    while (index + 17 <= end) {
        int mask = code_starts(bytes + index);
        if (mask) return index + (size_t)__builtin_ctz((unsigned)mask);
        index += 16;
    }
    if (index + 1 < end && end >= 17) {
        // The last sixteen positions that have a byte after them, from `end - 17`, those before `index` masked off.
        size_t first = end - 17;
        int mask = code_starts(bytes + first) & ~((1 << (index - first)) - 1);
        if (mask) return first + (size_t)__builtin_ctz((unsigned)mask);
        return end;
    }
    if (index + 1 < end) {
        uint8_t window[17] = {0};
        memcpy(window, bytes + index, end - index);
        int mask = code_starts(window) & ((1 << (end - index - 1)) - 1);
        if (mask) return index + (size_t)__builtin_ctz((unsigned)mask);
    }
    return end;
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

size_t exportal_next_term_start(const uint8_t *bytes, size_t lower, size_t from, size_t end, const uint8_t *pairs) {
#ifdef EXPORTAL_SSE
    if (has_ssse3()) return next_term_start_ssse3(bytes, lower, from, end, pairs);
#endif
    return exportal_next_term_start_bytewise(bytes, lower, from, end, pairs);
}

size_t exportal_next_code_start(const uint8_t *bytes, size_t from, size_t end) {
#ifdef EXPORTAL_SSE
    return next_code_start_sse2(bytes, from, end);
#else
    return next_code_start_bytewise(bytes, from, end);
#endif
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
