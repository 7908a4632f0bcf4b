/* Exact shingle sets for the dedupe evaluation tools: the ground truth that MinHash
 * estimates (true Jaccard overlap of word 5-shingles). */
#ifndef DDB_SHSET_H
#define DDB_SHSET_H

#include <stddef.h>
#include <stdint.h>

#include "shingle.h"

typedef struct {
    uint64_t *h; /* sorted, distinct; owned */
    size_t n;
} ddb_shset;

/* The distinct 5-shingle hashes of text as written (figures not normalized), made with s
 * (reused scratch). Returns 0, or -1 when
 * out of memory. The caller frees set->h. */
int ddb_shset_make(ddb_shset *set, dd_shingles *s, const char *text, size_t len);

/* |a ∩ b| / |a ∪ b|; 0 for two empty sets. */
double ddb_jaccard(const ddb_shset *a, const ddb_shset *b);

#endif
