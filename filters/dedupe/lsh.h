/* LSH banding over MinHash signatures: B bands of R values each; two documents become
 * candidates when all R values of some band agree (probability 1 - (1 - J^R)^B at Jaccard
 * overlap J). One fingerprint multimap per band. */
#ifndef DD_LSH_H
#define DD_LSH_H

#include <stdint.h>

#include "fpmap.h"

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
/* The key of band b of sig. */
uint64_t dd_lsh_key(const dd_lsh *l, const uint16_t *sig, unsigned b);
/* Adds slot under each band of sig. Returns 0, or -1 when out of memory (the slot may then
 * be in some bands: remove it with dd_lsh_del). */
int dd_lsh_add(dd_lsh *l, const uint16_t *sig, uint32_t slot);
void dd_lsh_del(dd_lsh *l, const uint16_t *sig, uint32_t slot);
size_t dd_lsh_bytes(const dd_lsh *l);

#endif
