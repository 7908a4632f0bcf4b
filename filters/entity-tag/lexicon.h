/* Static hash tables from 64-bit keys to 32-bit values: the gazetteers and word clusters a
 * model carries. The same layout is built in memory by the trainer and mapped from the model
 * file at run time. */
#ifndef ETAG_LEXICON_H
#define ETAG_LEXICON_H

#include <stddef.h>
#include <stdint.h>

/* Two layouts share one type: a builder's view (64-bit keys, a power-of-two table at a load of
 * 1/2 or less) and a model's compact table (32-bit fingerprints, any number of slots, load
 * about 4/5: 8 bytes a slot instead of 12, and 60% fewer slots), so gazetteers of a million
 * name prefixes fit a 20 MB model. In the compact table the low half of a key picks the slot
 * (by multiply-shift over nslots) and the high half, | 1, is the fingerprint: two keys are
 * confused only when all 64 bits agree in practice (both halves). */
typedef struct {
    const uint64_t *keys; /* builder layout: cap slots, 0 marks an empty slot; else NULL */
    const uint32_t *fps;  /* compact layout: nslots fingerprints, 0 marks an empty slot */
    const uint32_t *vals;
    uint32_t mask;   /* builder layout: cap - 1, cap a power of two */
    uint32_t nslots; /* compact layout */
    uint32_t count;
} etag_lexicon;

/* Whether the table holds nothing. */
static inline int etag_lexicon_empty(const etag_lexicon *x)
{
    return !x->keys && !x->fps;
}

/* The compact layout's home slot and fingerprint of key (key != 0). */
static inline uint32_t etag_lexicon_home(uint64_t key, uint32_t nslots)
{
    return (uint32_t)(((key & 0xFFFFFFFFu) * (uint64_t)nslots) >> 32);
}
static inline uint32_t etag_lexicon_fp(uint64_t key)
{
    return (uint32_t)(key >> 32) | 1;
}

/* Returns the value for key, or 0 when absent (values are never 0). */
static inline uint32_t etag_lexicon_get(const etag_lexicon *x, uint64_t key)
{
    if (key == 0) key = 1;
    if (x->fps) {
        uint32_t fp = etag_lexicon_fp(key), i = etag_lexicon_home(key, x->nslots);
        for (;;) {
            uint32_t f = x->fps[i];
            if (f == fp) return x->vals[i];
            if (!f) return 0;
            if (++i == x->nslots) i = 0;
        }
    }
    if (!x->keys) return 0;
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
