/* Parts of an article that name its publisher or its staff rather than its subjects: the
 * dateline ("BEIJING (Reuters) -") and credit lines ("(Reporting by ...; Editing by ...)").
 * Names found there are not linked. */
#ifndef TL_ZONES_H
#define TL_ZONES_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t b0, b1; /* byte span, end exclusive */
} tl_zone;

/* Finds the zones of valid UTF-8 s[0..n), in order, at most max; returns how many. */
size_t tl_find_zones(const char *s, size_t n, tl_zone *z, size_t max);

/* True when byte offset b falls in one of z[0..nz). */
int tl_in_zone(const tl_zone *z, size_t nz, uint32_t b);

#endif
