/* A multimap from 64-bit keys to 32-bit document slots, for the exact-duplicate indexes (id
 * hash, body hash): 8 bytes an entry (a 32-bit fingerprint of the key and the slot), open
 * addressing with linear probing and backward-shift deletion (no tombstones). Equal keys
 * may repeat; an optional per-key cap keeps pathological keys from turning lookups
 * quadratic. (The LSH bands have their own smaller tables: lsh.h.) */
#ifndef DD_FPMAP_H
#define DD_FPMAP_H

#include <stddef.h>
#include <stdint.h>

#define DD_NO_SLOT UINT32_MAX

typedef struct {
    uint32_t fp;   /* high 32 bits of the key; also gives the home position */
    uint32_t slot; /* in a table slot + 1, 0 when the entry is empty; given to bulk: the slot */
} dd_fpent;

/* Zero-initialize, or dd_fpmap_init() to presize; release with dd_fpmap_free(). */
typedef struct {
    dd_fpent *e;
    size_t cap; /* number of entries (not a power of two: growth is 1.5x) */
    size_t n;   /* entries in use */
} dd_fpmap;

/* Sizes the map for `expected` entries. Returns 0, or -1 when out of memory. */
int dd_fpmap_init(dd_fpmap *m, size_t expected);
void dd_fpmap_free(dd_fpmap *m);

/* Adds (key, slot) unless `cap` entries with key's fingerprint are already present (cap 0
 * means no limit). Returns 0 when added, 1 when skipped for the cap, -1 when out of memory. */
int dd_fpmap_add(dd_fpmap *m, uint64_t key, uint32_t slot, unsigned cap);
/* Fills an empty map (fresh from dd_fpmap_init) with n entries at once, each given as
 * (fingerprint = key >> 32, slot) in e, in the order adds would have come (tmp is scratch
 * for n entries). Grouping them by home position first keeps placement in cache: far
 * faster than n adds on large tables. cap as in dd_fpmap_add. Returns 0, or -1 when out
 * of memory. */
int dd_fpmap_bulk(dd_fpmap *m, dd_fpent *e, dd_fpent *tmp, size_t n, unsigned cap);
/* Removes the entry (key, slot) if present. */
void dd_fpmap_del(dd_fpmap *m, uint64_t key, uint32_t slot);

/* Iterates the slots stored under key (and, rarely, under another key with the same
 * position and fingerprint: callers verify). The map must not change while iterating. */
typedef struct {
    const dd_fpmap *m;
    size_t pos;
    uint32_t fp;
} dd_fpiter;
void dd_fpmap_find(const dd_fpmap *m, uint64_t key, dd_fpiter *it);
/* The next slot, or DD_NO_SLOT at the end. */
uint32_t dd_fpiter_next(dd_fpiter *it);

/* Bytes of memory the map holds. */
size_t dd_fpmap_bytes(const dd_fpmap *m);

#endif
