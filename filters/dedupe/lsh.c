/* LSH band tables: see lsh.h. */
#include "lsh.h"

#include <stdlib.h>

#include "hash.h"

int dd_lsh_init(dd_lsh *l, unsigned bands, unsigned rows, uint64_t seed, size_t expected)
{
    l->bands = bands;
    l->rows = rows;
    l->seed = seed;
    l->t = calloc(bands, sizeof *l->t);
    if (!l->t) return -1;
    for (unsigned b = 0; b < bands; b++)
        if (dd_fpmap_init(&l->t[b], expected) < 0) {
            dd_lsh_free(l);
            return -1;
        }
    return 0;
}

void dd_lsh_free(dd_lsh *l)
{
    if (l->t)
        for (unsigned b = 0; b < l->bands; b++) dd_fpmap_free(&l->t[b]);
    free(l->t);
    l->t = NULL;
}

uint64_t dd_lsh_key(const dd_lsh *l, const uint16_t *sig, unsigned b)
{
    const uint16_t *p = sig + (size_t)b * l->rows;
    uint64_t h = l->seed + b;
    /* Four 16-bit values fill one word: one mix per four rows (keys are never stored, so
     * this may change without a state format change). */
    for (unsigned i = 0; i < l->rows; i += 4) {
        uint64_t w = 0;
        for (unsigned j = i; j < i + 4 && j < l->rows; j++) w |= (uint64_t)p[j] << (16 * (j - i));
        h = np_mix64(h ^ w) + 0x9e3779b97f4a7c15ULL;
    }
    return h;
}

int dd_lsh_add(dd_lsh *l, const uint16_t *sig, uint32_t slot)
{
    for (unsigned b = 0; b < l->bands; b++)
        if (dd_fpmap_add(&l->t[b], dd_lsh_key(l, sig, b), slot, DD_LSH_KEY_CAP) < 0) return -1;
    return 0;
}

void dd_lsh_del(dd_lsh *l, const uint16_t *sig, uint32_t slot)
{
    for (unsigned b = 0; b < l->bands; b++) dd_fpmap_del(&l->t[b], dd_lsh_key(l, sig, b), slot);
}

size_t dd_lsh_bytes(const dd_lsh *l)
{
    size_t n = 0;
    for (unsigned b = 0; b < l->bands; b++) n += dd_fpmap_bytes(&l->t[b]);
    return n;
}
