/* A set of 64-bit values (word hashes, usually): open addressing with linear probing, kept
 * at most three quarters full. Either it owns a heap table that doubles as it fills, or it
 * borrows a fixed table from the caller (static word lists: no allocation, nothing to free)
 * and refuses the value that would overfill it. Every value is allowed, 0 included.
 * Knows nothing of words or how they are hashed. */
#ifndef NP_WORDSET_H
#define NP_WORDSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t *slot; /* cap entries, 0 = empty; owned unless fixed */
    size_t cap, n;  /* cap is a power of two (or 0 before the first add) */
    bool has_zero;  /* the value 0, kept apart since 0 marks an empty slot */
    bool fixed;     /* slot is the caller's: never grown or freed */
} np_wordset;

/* An empty growing set: zero-initialize (np_wordset s = {0}). */

/* An empty set in the caller's table slots[0..cap) (cap a power of two, >= 4), which must
 * outlive the set; it holds at most cap * 3 / 4 values. */
void np_wordset_init_fixed(np_wordset *s, uint64_t *slots, size_t cap);

/* Adds v (no effect when present). Returns 0, or -1 when out of memory or, for a fixed set,
 * when v would fill it past three quarters (the set is unchanged then). */
int np_wordset_add(np_wordset *s, uint64_t v);

/* Adds hash(words[i], strlen(words[i])) for each of the n words. Returns 0 or -1 as
 * np_wordset_add (the words before the one that failed stay added). */
int np_wordset_add_words(np_wordset *s, const char *const *words, size_t n,
                         uint64_t (*hash)(const char *word, size_t len));

bool np_wordset_has(const np_wordset *s, uint64_t v);

/* Frees a growing set's table (a fixed set's stays the caller's) and empties the set. */
void np_wordset_free(np_wordset *s);

#endif
