/* Fingerprint multimap for LSH bands and the exact-duplicate indexes: see fpmap.h. The
 * home position is the fingerprint scaled to the table size, so the table can be rebuilt
 * from the entries alone and its size need not be a power of two: it grows by 1.5x, which
 * keeps the load between 0.53 and 0.8 and the memory per document low. */
#include "fpmap.h"

#include <stdlib.h>
#include <string.h>

#include "bigmem.h"

/* In the table an entry holds its slot + 1, so that 0 marks an empty entry. */
#define EMPTY 0

static inline size_t home_of(uint32_t fp, size_t cap)
{
    return (size_t)(((uint64_t)fp * cap) >> 32);
}

static inline size_t next_pos(size_t pos, size_t cap)
{
    return pos + 1 == cap ? 0 : pos + 1;
}

static dd_fpent *alloc_entries(size_t cap)
{
    /* All zero is all empty, so fresh pages need no pass of their own; probed at random
     * from the start, so faulted in at once. */
    dd_fpent *e = calloc(cap, sizeof *e);
    if (e) dd_prefault(e, cap * sizeof *e);
    return e;
}

int dd_fpmap_init(dd_fpmap *m, size_t expected)
{
    size_t cap = expected + expected / 2 + 16;
    m->n = 0;
    m->cap = 0;
    if (cap > UINT32_MAX) return -1;
    m->e = alloc_entries(cap);
    if (!m->e) return -1;
    m->cap = cap;
    return 0;
}

void dd_fpmap_free(dd_fpmap *m)
{
    free(m->e);
    m->e = NULL;
    m->cap = m->n = 0;
}

static int grow(dd_fpmap *m)
{
    size_t cap = m->cap < 16 ? 16 : m->cap + m->cap / 2;
    if (cap > UINT32_MAX) return -1;
    dd_fpent *e = alloc_entries(cap);
    if (!e) return -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->e[i].slot == EMPTY) continue;
        size_t pos = home_of(m->e[i].fp, cap);
        while (e[pos].slot != EMPTY) pos = next_pos(pos, cap);
        e[pos] = m->e[i];
    }
    free(m->e);
    m->e = e;
    m->cap = cap;
    return 0;
}

int dd_fpmap_add(dd_fpmap *m, uint64_t key, uint32_t slot, unsigned cap)
{
    if ((m->n + 1) * 5 > m->cap * 4 && grow(m) < 0) return -1;
    uint32_t fp = (uint32_t)(key >> 32);
    size_t pos = home_of(fp, m->cap);
    unsigned same = 0;
    while (m->e[pos].slot != EMPTY) {
        if (m->e[pos].fp == fp && cap && ++same >= cap) return 1;
        pos = next_pos(pos, m->cap);
    }
    m->e[pos].fp = fp;
    m->e[pos].slot = slot + 1;
    m->n++;
    return 0;
}

int dd_fpmap_bulk(dd_fpmap *m, dd_fpent *e, dd_fpent *tmp, size_t n, unsigned cap)
{
    enum { PART_BITS = 11, NPART = 1 << PART_BITS };
    if ((m->n + n) * 5 > m->cap * 4) {
        /* Empty by contract: size it once rather than growing step by step. */
        size_t want = n + n / 2 + 16;
        dd_fpent *fresh = want <= UINT32_MAX ? alloc_entries(want) : NULL;
        if (!fresh) return -1;
        free(m->e);
        m->e = fresh;
        m->cap = want;
        m->n = 0;
    }
    /* Entries one by one would each miss the cache on a table of many megabytes. Instead
     * they are partitioned by the top bits of the fingerprint (one counting pass, one
     * scatter): the home position grows with the fingerprint, so a partition's entries land
     * within a few cache lines, and placing them with the ordinary probe stays in cache.
     * The scatter is stable, so equal keys keep their order and the per-key cap keeps the
     * earliest, as adding them one by one would. */
    size_t *start = calloc(NPART + 1, sizeof *start);
    if (!start) return -1;
    for (size_t i = 0; i < n; i++) start[(e[i].fp >> (32 - PART_BITS)) + 1]++;
    for (size_t k = 0; k < NPART; k++) start[k + 1] += start[k];
    for (size_t i = 0; i < n; i++) tmp[start[e[i].fp >> (32 - PART_BITS)]++] = e[i];
    free(start);
    for (size_t i = 0; i < n; i++) {
        uint32_t fp = tmp[i].fp;
        size_t pos = home_of(fp, m->cap);
        unsigned same = 0;
        while (m->e[pos].slot != EMPTY) {
            if (m->e[pos].fp == fp && cap && ++same >= cap) break;
            pos = next_pos(pos, m->cap);
        }
        if (m->e[pos].slot != EMPTY) continue; /* over the cap */
        m->e[pos] = (dd_fpent){fp, tmp[i].slot + 1};
        m->n++;
    }
    return 0;
}

/* True when home h lies cyclically in (hole, pos]: the entry at pos may not move to hole. */
static inline int stays(size_t h, size_t hole, size_t pos)
{
    return hole <= pos ? (h > hole && h <= pos) : (h > hole || h <= pos);
}

void dd_fpmap_del(dd_fpmap *m, uint64_t key, uint32_t slot)
{
    if (!m->cap) return;
    uint32_t fp = (uint32_t)(key >> 32);
    size_t pos = home_of(fp, m->cap);
    while (m->e[pos].slot != EMPTY) {
        if (m->e[pos].fp == fp && m->e[pos].slot == slot + 1) break;
        pos = next_pos(pos, m->cap);
    }
    if (m->e[pos].slot == EMPTY) return;
    /* Backward-shift: pull later entries of the run into the hole where that keeps each
     * reachable from its home. */
    size_t hole = pos;
    for (pos = next_pos(pos, m->cap); m->e[pos].slot != EMPTY; pos = next_pos(pos, m->cap)) {
        size_t h = home_of(m->e[pos].fp, m->cap);
        if (stays(h, hole, pos)) continue;
        m->e[hole] = m->e[pos];
        hole = pos;
    }
    m->e[hole].slot = EMPTY;
    m->n--;
}

void dd_fpmap_find(const dd_fpmap *m, uint64_t key, dd_fpiter *it)
{
    it->m = m;
    it->fp = (uint32_t)(key >> 32);
    it->pos = m->cap ? home_of(it->fp, m->cap) : 0;
}

uint32_t dd_fpiter_next(dd_fpiter *it)
{
    const dd_fpmap *m = it->m;
    if (!m->cap) return DD_NO_SLOT;
    while (m->e[it->pos].slot != EMPTY) {
        const dd_fpent *e = &m->e[it->pos];
        it->pos = next_pos(it->pos, m->cap);
        if (e->fp == it->fp) return e->slot - 1;
    }
    return DD_NO_SLOT;
}

size_t dd_fpmap_bytes(const dd_fpmap *m)
{
    return m->cap * sizeof(dd_fpent);
}
