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

int dd_lsh_add(dd_lsh *l, const dd_hval *sig, uint32_t slot)
{
    for (unsigned b = 0; b < l->bands; b++)
        if (dd_fpmap_add(&l->t[b], dd_lsh_key(l, sig, b), slot, DD_LSH_KEY_CAP) < 0) return -1;
    return 0;
}

void dd_lsh_del(dd_lsh *l, const dd_hval *sig, uint32_t slot)
{
    for (unsigned b = 0; b < l->bands; b++) dd_fpmap_del(&l->t[b], dd_lsh_key(l, sig, b), slot);
}

size_t dd_lsh_bytes(const dd_lsh *l)
{
    size_t n = 0;
    for (unsigned b = 0; b < l->bands; b++) n += dd_fpmap_bytes(&l->t[b]);
    return n;
}
