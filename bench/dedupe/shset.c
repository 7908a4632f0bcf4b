/* Exact shingle sets and their Jaccard overlap, for the dedupe evaluation tools. */
#include "shset.h"

#include <stdlib.h>
#include <string.h>

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int ddb_shset_make(ddb_shset *set, dd_shingles *s, const char *text, size_t len)
{
    set->n = 0;
    if (dd_shingles_make(s, text, len, 5) < 0) return -1;
    set->h = malloc((s->nsh + 1) * sizeof *set->h);
    if (!set->h) return -1;
    memcpy(set->h, s->sh_raw, s->nsh * sizeof *set->h);
    qsort(set->h, s->nsh, sizeof *set->h, cmp_u64);
    for (size_t i = 0; i < s->nsh; i++)
        if (!set->n || set->h[set->n - 1] != set->h[i]) set->h[set->n++] = set->h[i];
    return 0;
}

double ddb_jaccard(const ddb_shset *a, const ddb_shset *b)
{
    size_t i = 0, j = 0, inter = 0;
    while (i < a->n && j < b->n) {
        if (a->h[i] == b->h[j])
            inter++, i++, j++;
        else if (a->h[i] < b->h[j])
            i++;
        else
            j++;
    }
    size_t uni = a->n + b->n - inter;
    return uni ? (double)inter / (double)uni : 0;
}
