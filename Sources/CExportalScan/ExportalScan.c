#include "ExportalScan.h"

#include <string.h>

// Eight bytes at a time ("SWAR"), as ByteClasses does in Swift: each mask has the high bit of
// every byte in the class. Exact because no byte's arithmetic carries into its neighbour.
static const uint64_t ones = 0x0101010101010101ULL;
static const uint64_t high = 0x8080808080808080ULL;

static inline uint64_t between(uint64_t word, uint8_t lower, uint8_t upper) {
    uint64_t x = word & (ones * 0x7F);
    return (ones * (128 + (uint64_t)upper) - x) & (x + ones * (128 - (uint64_t)lower)) & ~word & high;
}

static inline uint64_t alphanumerics(uint64_t word) {
    return between(word, 48, 57) | between(word | (ones * 0x20), 97, 122);
}

static inline int is_word(uint8_t b) {
    return (uint8_t)(b - 48) < 10 || (uint8_t)((b | 0x20) - 97) < 26;
}

static inline uint8_t lower(uint8_t b) { return (uint8_t)(b - 65) < 26 ? (b | 0x20) : b; }

/// Bytes `index..<index + 8`, little-endian; bytes at `end` or later read as 0.
static inline uint64_t load(const uint8_t *bytes, ptrdiff_t index, ptrdiff_t end) {
    uint64_t word = 0;
    if (end - index >= 8) {
        memcpy(&word, bytes + index, 8);
    } else {
        for (ptrdiff_t k = 0; k < end - index; k++) word |= (uint64_t)bytes[index + k] << (8 * k);
    }
    return word;
}

ptrdiff_t exportal_next_term_word(const uint8_t *bytes, ptrdiff_t from, ptrdiff_t end,
                                  const uint64_t *prefixes, const uint64_t *starts,
                                  ptrdiff_t *word_end) {
    ptrdiff_t index = from;
    uint64_t carry = 0;  // the high bit of byte 0 when the byte before the chunk is in a word
    while (index < end) {
        uint64_t chunk = load(bytes, index, end);
        uint64_t words = alphanumerics(chunk);
        uint64_t word_starts = words & ~((words << 8) | carry);
        uint64_t non_ascii = chunk & high;
        if (non_ascii) {
            // Only the word starts before the first non-ASCII byte are read here.
            int before = __builtin_ctzll(non_ascii) - 7;  // bits of the bytes before it
            word_starts &= before == 0 ? 0 : ((1ULL << before) - 1);
        }
        carry = words >> 56;
        while (word_starts) {
            ptrdiff_t start = index + __builtin_ctzll(word_starts) / 8;
            word_starts &= word_starts - 1;
            uint8_t second = start + 1 < end ? bytes[start + 1] : 0;
            if (second < 0x80) {
                unsigned pair = (unsigned)lower(bytes[start]) * 128 + (is_word(second) ? lower(second) : 0);
                if (!(prefixes[pair >> 6] & (1ULL << (pair & 63)))) continue;
            }
            ptrdiff_t stop = start + 1;
            while (stop < end && is_word(bytes[stop])) stop++;
            if (stop < end && bytes[stop] >= 0x80) {
                *word_end = -1;
                return start;
            }
            ptrdiff_t length = stop - start;
            if (!(starts[lower(bytes[start])] & (1ULL << (length < 63 ? length : 63)))) continue;
            *word_end = stop;
            return start;
        }
        if (non_ascii) {
            // The word this byte ends or continues, if it began at or after `from`.
            ptrdiff_t at = index + __builtin_ctzll(non_ascii) / 8;
            while (at > from && is_word(bytes[at - 1])) at--;
            *word_end = -1;
            return at;
        }
        index += 8;
    }
    return end;
}
