/* Fingerprint multimap for LSH bands and the exact-duplicate indexes: see fpmap.h. The
 * home position is the fingerprint scaled to the table size, so the table can be rebuilt
 * from the entries alone and its size need not be a power of two: it grows by 1.5x, which
 * keeps the load between 0.53 and 0.8 and the memory per document low. */
#include "fpmap.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

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
    dd_fpent *e = malloc(cap * sizeof *e);
    if (!e) return NULL;
    dd_advise_huge(e, cap * sizeof *e, 1); /* written in full just below */
    for (size_t i = 0; i < cap; i++) e[i].slot = DD_NO_SLOT;
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
        if (m->e[i].slot == DD_NO_SLOT) continue;
        size_t pos = home_of(m->e[i].fp, cap);
        while (e[pos].slot != DD_NO_SLOT) pos = next_pos(pos, cap);
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
    while (m->e[pos].slot != DD_NO_SLOT) {
        if (m->e[pos].fp == fp && cap && ++same >= cap) return 1;
        pos = next_pos(pos, m->cap);
    }
    m->e[pos].fp = fp;
    m->e[pos].slot = slot;
    m->n++;
    return 0;
}

/* LSD radix sort of entries by fingerprint, 16 bits a pass. */
static void sort_by_fp(dd_fpent *e, dd_fpent *tmp, size_t n)
{
    static size_t count[1 << 16];
    dd_fpent *src = e, *dst = tmp;
    for (int shift = 0; shift < 32; shift += 16) {
        memset(count, 0, sizeof count);
        for (size_t i = 0; i < n; i++) count[(src[i].fp >> shift) & 0xffff]++;
        size_t sum = 0;
        for (size_t k = 0; k < 1 << 16; k++) {
            size_t c = count[k];
            count[k] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++) dst[count[(src[i].fp >> shift) & 0xffff]++] = src[i];
        dd_fpent *t = src;
        src = dst;
        dst = t;
    }
    /* two passes: the sorted entries are back in e */
}

void dd_advise_huge(void *p, size_t n, int populate)
{
    const uintptr_t huge = (uintptr_t)2 << 20;
    if (n < 2 * huge) return;
#ifdef MADV_HUGEPAGE
    /* Tables of many megabytes are probed at random: 2 MB pages spare a TLB miss (and a
     * page fault) on most probes. Only the 2 MB-aligned interior can be advised. */
    uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1), b = ((uintptr_t)p + n) & ~(huge - 1);
    if (b > a) (void)madvise((void *)a, b - a, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
    /* Memory about to be written in full: fault it in with one call. On virtual machines a
     * page fault can cost tens of microseconds, which made loading a million articles take
     * seconds just in faults. Ignored by kernels before 5.14. */
    if (populate) {
        uintptr_t lo = ((uintptr_t)p + 4095) & ~(uintptr_t)4095;
        uintptr_t hi = ((uintptr_t)p + n) & ~(uintptr_t)4095;
        if (hi > lo) (void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
    }
#else
    (void)populate;
#endif
}

int dd_fpmap_bulk(dd_fpmap *m, dd_fpent *e, dd_fpent *tmp, size_t n, unsigned cap)
{
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
    sort_by_fp(e, tmp, n);
    size_t next = 0, over = 0, same = 0;
    for (size_t i = 0; i < n; i++) {
        same = i && e[i].fp == e[i - 1].fp ? same + 1 : 0;
        if (cap && same >= cap) continue;
        size_t pos = home_of(e[i].fp, m->cap);
        if (pos < next) pos = next;
        if (pos >= m->cap) {
            /* The run reaches the end of the table: these wrap around, placed by the
             * ordinary probe once the rest is in (kept at the front of e meanwhile). */
            e[over++] = e[i];
            continue;
        }
        m->e[pos] = e[i];
        m->n++;
        next = pos + 1;
    }
    for (size_t i = 0; i < over; i++) {
        size_t pos = home_of(e[i].fp, m->cap);
        while (m->e[pos].slot != DD_NO_SLOT) pos = next_pos(pos, m->cap);
        m->e[pos] = e[i];
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
    while (m->e[pos].slot != DD_NO_SLOT) {
        if (m->e[pos].fp == fp && m->e[pos].slot == slot) break;
        pos = next_pos(pos, m->cap);
    }
    if (m->e[pos].slot == DD_NO_SLOT) return;
    /* Backward-shift: pull later entries of the run into the hole where that keeps each
     * reachable from its home. */
    size_t hole = pos;
    for (pos = next_pos(pos, m->cap); m->e[pos].slot != DD_NO_SLOT; pos = next_pos(pos, m->cap)) {
        size_t h = home_of(m->e[pos].fp, m->cap);
        if (stays(h, hole, pos)) continue;
        m->e[hole] = m->e[pos];
        hole = pos;
    }
    m->e[hole].slot = DD_NO_SLOT;
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
    while (m->e[it->pos].slot != DD_NO_SLOT) {
        const dd_fpent *e = &m->e[it->pos];
        it->pos = next_pos(it->pos, m->cap);
        if (e->fp == it->fp) return e->slot;
    }
    return DD_NO_SLOT;
}

size_t dd_fpmap_bytes(const dd_fpmap *m)
{
    return m->cap * sizeof(dd_fpent);
}
