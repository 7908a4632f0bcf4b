/* Feature-set comparisons for the entity-tag unit tests (feature ids in any order). */
#ifndef ETAG_TEST_FEATSET_H
#define ETAG_TEST_FEATSET_H

#include <stddef.h>
#include <stdint.h>

/* Whether every feature of a[0..na) is among b[0..nb). */
static inline int feats_subset(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    for (size_t i = 0; i < na; i++) {
        int found = 0;
        for (size_t j = 0; j < nb && !found; j++) found = a[i] == b[j];
        if (!found) return 0;
    }
    return 1;
}

/* Whether a[0..na) and b[0..nb) are the same features. */
static inline int feats_same(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    return na == nb && feats_subset(a, na, b, nb);
}

#endif
