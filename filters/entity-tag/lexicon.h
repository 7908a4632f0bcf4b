/* Static hash tables from 64-bit keys to 32-bit values: the gazetteers and word clusters a
 * model carries. The same layout is built in memory by the trainer and mapped from the model
 * file at run time. */
#ifndef ETAG_LEXICON_H
#define ETAG_LEXICON_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const uint64_t *keys; /* cap slots; 0 marks an empty slot */
    const uint32_t *vals;
    uint32_t mask; /* cap - 1, cap a power of two; cap 0 means empty table */
    uint32_t count;
} etag_lexicon;

/* Returns the value for key, or 0 when absent (values are never 0). */
static inline uint32_t etag_lexicon_get(const etag_lexicon *x, uint64_t key)
{
    if (!x->keys) return 0;
    if (key == 0) key = 1;
    uint32_t i = (uint32_t)key & x->mask;
    for (;;) {
        uint64_t k = x->keys[i];
        if (k == key) return x->vals[i];
        if (k == 0) return 0;
        i = (i + 1) & x->mask;
    }
}

/* A growable table for building one. */
typedef struct {
    uint64_t *keys;
    uint32_t *vals;
    uint32_t mask, count;
} etag_lexicon_builder;

/* ORs bits into the value of key (inserting it). Returns 0 or -1 (out of memory). */
int etag_lexicon_or(etag_lexicon_builder *b, uint64_t key, uint32_t bits);
/* Sets key to val, replacing any value. Returns 0 or -1. */
int etag_lexicon_set(etag_lexicon_builder *b, uint64_t key, uint32_t val);
/* A read-only view of the builder's table. */
etag_lexicon etag_lexicon_view(const etag_lexicon_builder *b);
void etag_lexicon_builder_free(etag_lexicon_builder *b);

#endif
