/* LSH banding over MinHash signatures: B bands of R values each; two documents become
 * candidates when all R values of some band agree (probability 1 - (1 - J^R)^B at Jaccard
 * overlap J). One multimap per band from band key to document slot. The tables are most of
 * what a remembered article costs in memory, so an entry is 5 bytes: a byte of the key (or
 * empty, or deleted) and the slot; keys themselves are recomputed from the documents'
 * signatures whenever a table is rebuilt. */
#ifndef DD_LSH_H
#define DD_LSH_H

#include <stddef.h>
#include <stdint.h>

#include "docs.h"
#include "fpmap.h"
#include "hash.h"
#include "minhash.h"

/* Documents sharing one band value beyond this many are not added under it again (they
 * stay findable through their other bands): bounds the work of a lookup. */
#define DD_LSH_KEY_CAP 32

typedef struct {
    uint8_t *tag;   /* per entry: 0 empty, 1 deleted, else a byte of the key (2..255) */
    uint32_t *slot; /* per entry; 0 in entries not in use */
    size_t cap;     /* entries */
    size_t n, dead; /* live and deleted entries */
} dd_band;

typedef struct {
    unsigned bands, rows;
    uint64_t seed;
    dd_band *t; /* bands of them */
} dd_lsh;

/* Sets up empty tables sized for `expected` documents. Returns 0 or -1 (out of memory). */
int dd_lsh_init(dd_lsh *l, unsigned bands, unsigned rows, uint64_t seed, size_t expected);
void dd_lsh_free(dd_lsh *l);

/* The key of band b of sig (inline: a build computes 32 a document). */
static inline uint64_t dd_lsh_key(const dd_lsh *l, const dd_hval *sig, unsigned b)
{
    enum { PER_WORD = 64 / DD_HVAL_BITS };
    const dd_hval *p = sig + (size_t)b * l->rows;
    uint64_t h = l->seed + b;
    /* A word of values at a time: one mix per PER_WORD rows (keys are never stored, so
     * this may change without a state format change). */
    for (unsigned i = 0; i < l->rows; i += PER_WORD) {
        uint64_t w = 0;
        for (unsigned j = i; j < i + PER_WORD && j < l->rows; j++)
            w |= (uint64_t)p[j] << (DD_HVAL_BITS * (j - i));
        h = np_mix64(h ^ w) + 0x9e3779b97f4a7c15ULL;
    }
    return h;
}

/* Adds slot (live in d, with a signature) under each band. When a band table is full, all
 * are rebuilt from d's documents with signatures instead, this one included. d must hold
 * every document already in the tables. Returns 0, or -1 when out of memory (the slot may
 * then be in some bands: remove it with dd_lsh_del). */
int dd_lsh_add(dd_lsh *l, const dd_docs *d, uint32_t slot);
/* Removes slot (still in d with its signature) from every band. */
void dd_lsh_del(dd_lsh *l, const dd_docs *d, uint32_t slot);
/* Builds every band afresh from d's live documents with signatures (after a load, or when
 * one is full), on two threads. Returns 0, or -1 when out of memory (each band is then
 * either rebuilt or as it was). */
int dd_lsh_build(dd_lsh *l, const dd_docs *d);

/* A state load reads the band tables as they were saved instead of building them (see
 * state.c): dd_lsh_band_reset() replaces band b with an empty table of cap entries (tags
 * all empty) for the caller to fill, with n and dead set; dd_lsh_band_check() then
 * verifies it against d (live entries n, deletion markers dead, load at most 0.8, every
 * slot one of d's, 0 in entries not in use). Each returns 0 or -1 (out of memory;
 * inconsistent). An entry placed elsewhere than its key would put it, or naming another
 * document, costs only lookups (candidates are compared in full, and dd_lsh_del skips
 * what it does not find), so that is not rechecked: it would cost most of a build. */
int dd_lsh_band_reset(dd_lsh *l, unsigned b, size_t cap);
int dd_lsh_band_check(const dd_band *t, const dd_docs *d);
/* Whether a table of cap entries is worth saving for nsig documents with a signature (a
 * table emptied by evictions is rebuilt at its size instead). */
int dd_lsh_band_fits(size_t cap, size_t nsig);

/* Iterates the slots stored under a band key (and, rarely, of another key sharing its
 * position and byte: callers verify). The tables must not change while iterating. */
typedef struct {
    const dd_band *t;
    size_t pos;
    uint8_t tag;
} dd_lshiter;
void dd_lsh_find(const dd_lsh *l, unsigned b, uint64_t key, dd_lshiter *it);
/* The next slot, or DD_NO_SLOT at the end. */
uint32_t dd_lshiter_next(dd_lshiter *it);

size_t dd_lsh_bytes(const dd_lsh *l);

#endif
