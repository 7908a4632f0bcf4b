/* LSH banding over MinHash signatures: B bands of R values each; two documents become
 * candidates when all R values of some band agree (probability 1 - (1 - J^R)^B at Jaccard
 * overlap J). One fingerprint multimap per band. */
#ifndef DD_LSH_H
#define DD_LSH_H

#include <stdint.h>

#include "fpmap.h"
#include "hash.h"
#include "minhash.h"

/* Documents sharing one band value beyond this many are not added under it again (they
 * stay findable through their other bands): bounds the work of a lookup. */
#define DD_LSH_KEY_CAP 32

typedef struct {
    unsigned bands, rows;
    uint64_t seed;
    dd_fpmap *t; /* bands of them */
} dd_lsh;

int dd_lsh_init(dd_lsh *l, unsigned bands, unsigned rows, uint64_t seed, size_t expected);
void dd_lsh_free(dd_lsh *l);
/* The key of band b of sig (inline: an index build computes 32 a document). */
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
/* Adds slot under each band of sig. Returns 0, or -1 when out of memory (the slot may then
 * be in some bands: remove it with dd_lsh_del). */
int dd_lsh_add(dd_lsh *l, const dd_hval *sig, uint32_t slot);
void dd_lsh_del(dd_lsh *l, const dd_hval *sig, uint32_t slot);
size_t dd_lsh_bytes(const dd_lsh *l);

#endif
