/* The name index: a hash table from name keys (hashed word sequences, see names.h) to the
 * aliases that carry them, plus every proper prefix of a longer name, so that the text
 * scanner extends a match word by word and stops at the first word no name continues with.
 * A bitmap of first words lets the scanner skip most words with one cache-friendly probe. */
#ifndef TL_MATCHER_H
#define TL_MATCHER_H

#include <stddef.h>
#include <stdint.h>

#include "names.h"

typedef struct {
    uint32_t issuer; /* index into the table's issuers */
    uint8_t flags;   /* TL_KEY_* */
    uint8_t nwords;
    uint8_t curated;   /* from an alias column, not derived from a name */
    uint8_t with_form; /* curated strong with a legal form the one-word key dropped */
    const char *raw;   /* the name as written, for exact-case checks (borrowed) */
    uint32_t raw_len;
} tl_alias;

typedef struct {
    uint64_t key;
    uint32_t first;  /* first alias with this key in tl_matcher.alias */
    uint16_t count;  /* aliases with exactly this key; 0 when only a prefix */
    uint16_t prefix; /* nonzero when some longer name starts with this key */
} tl_slot;

typedef struct {
    tl_slot *slot;
    size_t mask;
    tl_alias *alias;
    size_t n_alias;
    uint64_t *first_bits; /* bitmap over first-word hashes */
    size_t first_mask;
} tl_matcher;

/* Collects aliases before the index is built. Zero-initialize. */
typedef struct {
    struct tl_pending *p;
    size_t n, cap;
    uint64_t *prefixes;
    size_t np, pcap;
} tl_matcher_builder;

/* Adds one key of an alias (issuer, flags) with the words that make it up. blocked removes
 * the key for that issuer instead. Returns 0, or -1 when out of memory. */
int tl_matcher_add(tl_matcher_builder *b, const tl_name_key *k, const tl_alias *a, int blocked);
/* Pre-sizes the builder for about this many alias keys and prefix keys. Returns 0 or -1. */
int tl_matcher_reserve(tl_matcher_builder *b, size_t aliases, size_t prefixes);
/* Builds m from b (b is freed). Returns 0, or -1 when out of memory. */
int tl_matcher_build(tl_matcher_builder *b, tl_matcher *m);
void tl_matcher_builder_free(tl_matcher_builder *b);
void tl_matcher_free(tl_matcher *m);

/* The slot for key, or NULL. */
const tl_slot *tl_matcher_find(const tl_matcher *m, uint64_t key);

/* False when no name starts with this word (a fast reject). */
static inline int tl_matcher_may_start(const tl_matcher *m, uint64_t word_hash)
{
    if (!m->first_bits) return 0;
    size_t bit = (size_t)(word_hash >> 7) & m->first_mask;
    return (int)((m->first_bits[bit >> 6] >> (bit & 63)) & 1);
}

#endif
