#ifndef EXPORTAL_SCAN_H
#define EXPORTAL_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// The next word of `bytes[from..<end]` that the glossary matcher must look up, as its start;
/// `end` when there is none. Words are runs of ASCII letters and digits, `from` counting as a
/// boundary. An ASCII word is returned only when its first two lower-cased bytes are set in
/// `prefixes` (128 * 128 bits; the second byte 0 for a one-letter word) and its length in
/// `starts[first byte]` (bit 63 for 63 and longer); `*word_end` is then its end. Where
/// non-ASCII text comes first (a byte of 0x80 or above, or a word that runs into one), the
/// start of that word or byte is returned with `*word_end` set to -1: the caller reads it with
/// its own Unicode rules.
ptrdiff_t exportal_next_term_word(const uint8_t *bytes, ptrdiff_t from, ptrdiff_t end,
                                  const uint64_t *prefixes, const uint64_t *starts,
                                  ptrdiff_t *word_end);

#endif
