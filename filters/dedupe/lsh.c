/* LSH band tables: see lsh.h. Each band is open addressing with linear probing over two
 * arrays, the tag bytes and the slots: a lookup scans tags (64 entries a cache line) and
 * reads a slot only where the tag matches. The home position comes from the key's high 32
 * bits scaled to the table size, the tag from its low byte. A deletion leaves a marker
 * (emptying it when the run ends there); a table whose live and deleted entries pass 0.8
 * of it is rebuilt from the signatures, sized 1.5 times its live entries. */
#include "lsh.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "bigmem.h"

#define EMPTY 0
#define DEAD  1

/* A band key reduced to what a table needs, and the slot it belongs to. */
typedef struct {
    uint32_t hi;
    uint32_t slot;
} kslot;

static inline uint8_t tag_of(uint32_t hi)
{
    return (uint8_t)(2 + (hi & 0xff) % 254);
}

static inline size_t home_of(uint32_t hi, size_t cap)
{
    return (size_t)(((uint64_t)hi * cap) >> 32);
}

static inline size_t next_pos(size_t pos, size_t cap)
{
    return pos + 1 == cap ? 0 : pos + 1;
}

static int band_alloc(dd_band *t, size_t cap)
{
    memset(t, 0, sizeof *t);
    /* Tags all zero (empty) and slots 0 straight from calloc (an entry not in use holds
     * slot 0, so that a state file can take the array as it is); both arrays are probed
     * at random from the start, so they are faulted in at once. */
    t->tag = calloc(cap, 1);
    t->slot = calloc(cap, sizeof *t->slot);
    if (!t->tag || !t->slot) {
        free(t->tag);
        free(t->slot);
        t->tag = NULL;
        t->slot = NULL;
        return -1;
    }
    dd_prefault(t->tag, cap);
    dd_prefault(t->slot, cap * sizeof *t->slot);
    t->cap = cap;
    return 0;
}

static void band_free(dd_band *t)
{
    free(t->tag);
    free(t->slot);
    memset(t, 0, sizeof *t);
}

static size_t cap_for(size_t n)
{
    return n + n / 2 + 16;
}

/* Adds (hi, slot) unless DD_LSH_KEY_CAP entries with its tag are already on its run. The
 * caller has made room. */
static void band_put(dd_band *t, uint32_t hi, uint32_t slot)
{
    uint8_t tag = tag_of(hi);
    size_t pos = home_of(hi, t->cap), hole = SIZE_MAX;
    unsigned same = 0;
    for (; t->tag[pos] != EMPTY; pos = next_pos(pos, t->cap)) {
        if (t->tag[pos] == DEAD) {
            if (hole == SIZE_MAX) hole = pos;
        } else if (t->tag[pos] == tag && ++same >= DD_LSH_KEY_CAP) {
            return;
        }
    }
    if (hole != SIZE_MAX) {
        pos = hole;
        t->dead--;
    }
    t->tag[pos] = tag;
    t->slot[pos] = slot;
    t->n++;
}

/* Documents that belong in the tables: live, with a signature. */
static size_t count_sigs(const dd_docs *d)
{
    size_t n = 0;
    for (uint32_t s = 0; s < d->used; s++)
        n += (d->flags[s] & (DD_DOC_LIVE | DD_DOC_SIG)) == (DD_DOC_LIVE | DD_DOC_SIG);
    return n;
}

enum { PART_BITS = 11, NPART = 1 << PART_BITS, GROUP = 8 };

/* Fills an empty table from the n keys (high halves) in hi, the k-th belonging to
 * slots[k], in the order adds would have come. One by one they would each miss the cache
 * on a table of megabytes; scattered first by the top bits of hi (a stable scatter into
 * tmp, count holding each partition's size), a partition's pairs land within a few
 * kilobytes of the table. */
static void band_fill(dd_band *t, const uint32_t *hi, const uint32_t *slots, size_t n,
                      size_t *count, kslot *tmp)
{
    size_t sum = 0;
    for (size_t p = 0; p < NPART; p++) {
        size_t c = count[p];
        count[p] = sum;
        sum += c;
    }
    for (size_t k = 0; k < n; k++)
        tmp[count[hi[k] >> (32 - PART_BITS)]++] = (kslot){hi[k], slots[k]};
    for (size_t k = 0; k < n; k++) band_put(t, tmp[k].hi, tmp[k].slot);
}

/* Builds bands [b0, b1) afresh from d: the keys of GROUP bands per pass over the
 * signatures (one or two cache lines of each instead of a strided pass per band), with
 * their partition sizes counted on the way. */
static int build_range(dd_lsh *l, const dd_docs *d, unsigned b0, unsigned b1)
{
    size_t n = count_sigs(d), m = n ? n : 1;
    unsigned ng = b1 - b0 < GROUP ? b1 - b0 : GROUP;
    /* Scratch is written in full at once: see bigmem.h for why it is not plain malloc. */
    uint32_t *slots = dd_alloc_filled(m * sizeof *slots), *hi[GROUP] = {0};
    kslot *tmp = dd_alloc_filled(m * sizeof *tmp);
    size_t(*count)[NPART] = malloc(ng * sizeof *count);
    int rc = -1;
    if (!slots || !tmp || !count) goto out;
    for (unsigned j = 0; j < ng; j++)
        if (!(hi[j] = dd_alloc_filled(m * sizeof *hi[j]))) goto out;
    size_t k = 0;
    for (uint32_t s = 0; s < d->used; s++)
        if ((d->flags[s] & (DD_DOC_LIVE | DD_DOC_SIG)) == (DD_DOC_LIVE | DD_DOC_SIG))
            slots[k++] = s;
    for (unsigned b = b0; b < b1; b += GROUP) {
        unsigned nb = b1 - b < GROUP ? b1 - b : GROUP;
        memset(count, 0, nb * sizeof *count);
        for (k = 0; k < n; k++) {
            const dd_hval *sig = dd_docs_sig(d, slots[k]);
            for (unsigned j = 0; j < nb; j++) {
                uint32_t h = (uint32_t)(dd_lsh_key(l, sig, b + j) >> 32);
                hi[j][k] = h;
                count[j][h >> (32 - PART_BITS)]++;
            }
        }
        for (unsigned j = 0; j < nb; j++) {
            dd_band fresh;
            if (band_alloc(&fresh, cap_for(n)) < 0) goto out;
            band_fill(&fresh, hi[j], slots, n, count[j], tmp);
            band_free(&l->t[b + j]);
            l->t[b + j] = fresh;
        }
    }
    rc = 0;
out:
    for (unsigned j = 0; j < GROUP; j++) free(hi[j]);
    free(slots);
    free(tmp);
    free(count);
    return rc;
}

int dd_lsh_init(dd_lsh *l, unsigned bands, unsigned rows, uint64_t seed, size_t expected)
{
    l->bands = bands;
    l->rows = rows;
    l->seed = seed;
    l->t = calloc(bands, sizeof *l->t);
    if (!l->t) return -1;
    for (unsigned b = 0; b < bands; b++)
        if (band_alloc(&l->t[b], cap_for(expected)) < 0) {
            dd_lsh_free(l);
            return -1;
        }
    return 0;
}

void dd_lsh_free(dd_lsh *l)
{
    if (l->t)
        for (unsigned b = 0; b < l->bands; b++) band_free(&l->t[b]);
    free(l->t);
    l->t = NULL;
}

int dd_lsh_add(dd_lsh *l, const dd_docs *d, uint32_t slot)
{
    const dd_hval *sig = dd_docs_sig(d, slot);
    for (unsigned b = 0; b < l->bands; b++) {
        dd_band *t = &l->t[b];
        if ((t->n + t->dead + 1) * 5 > t->cap * 4) {
            /* Full (or clogged with deletion markers). The bands hold the same documents,
             * so the others are about as full: all are rebuilt in one pass over the
             * signatures (this slot included) rather than one pass per band. */
            return dd_lsh_build(l, d);
        }
        band_put(t, (uint32_t)(dd_lsh_key(l, sig, b) >> 32), slot);
    }
    return 0;
}

void dd_lsh_del(dd_lsh *l, const dd_docs *d, uint32_t slot)
{
    const dd_hval *sig = dd_docs_sig(d, slot);
    for (unsigned b = 0; b < l->bands; b++) {
        dd_band *t = &l->t[b];
        if (!t->cap) continue;
        uint32_t hi = (uint32_t)(dd_lsh_key(l, sig, b) >> 32);
        uint8_t tag = tag_of(hi);
        size_t pos = home_of(hi, t->cap);
        while (t->tag[pos] != EMPTY && !(t->tag[pos] == tag && t->slot[pos] == slot))
            pos = next_pos(pos, t->cap);
        if (t->tag[pos] == EMPTY) continue; /* never added (over the cap) */
        t->n--;
        t->slot[pos] = 0;
        if (t->tag[next_pos(pos, t->cap)] != EMPTY) {
            t->tag[pos] = DEAD; /* the run goes on: lookups must still pass here */
            t->dead++;
            continue;
        }
        /* The run ends here: this entry and the markers just before it become empty. */
        t->tag[pos] = EMPTY;
        for (pos = pos ? pos - 1 : t->cap - 1; t->tag[pos] == DEAD;
             pos = pos ? pos - 1 : t->cap - 1) {
            t->tag[pos] = EMPTY;
            t->dead--;
        }
    }
}

int dd_lsh_band_reset(dd_lsh *l, unsigned b, size_t cap)
{
    dd_band fresh;
    if (!cap || cap > UINT32_MAX || band_alloc(&fresh, cap) < 0) return -1;
    band_free(&l->t[b]);
    l->t[b] = fresh;
    return 0;
}

int dd_lsh_band_check(const dd_band *t, const dd_docs *d)
{
    if (!t->cap || (t->n + t->dead) * 5 > t->cap * 4) return -1;
    /* Branch-free passes (this runs over 48 million entries for a million documents). */
    size_t empty = 0, dead = 0;
    uint32_t top = 0, stray = 0;
    for (size_t i = 0; i < t->cap; i++) {
        empty += t->tag[i] == EMPTY;
        dead += t->tag[i] == DEAD;
    }
    for (size_t i = 0; i < t->cap; i++) {
        uint32_t s = t->slot[i];
        top = s > top ? s : top;
        stray |= t->tag[i] <= DEAD ? s : 0; /* entries not in use hold slot 0 */
    }
    if (empty + dead + t->n != t->cap || dead != t->dead || stray || (t->n && top >= d->used))
        return -1;
    /* Every slot indexes d's arrays; one not live, or without a signature, is only a
     * candidate that compares badly (dd_lsh_del never visits it): not worth a random
     * read per entry to rule out. */
    return 0;
}

int dd_lsh_band_fits(size_t cap, size_t nsig)
{
    return cap <= 2 * cap_for(nsig);
}

typedef struct {
    dd_lsh *l;
    const dd_docs *d;
    unsigned b0, b1;
    int rc;
} build_job;

static void *build_job_run(void *arg)
{
    build_job *j = arg;
    j->rc = build_range(j->l, j->d, j->b0, j->b1);
    return NULL;
}

int dd_lsh_build(dd_lsh *l, const dd_docs *d)
{
    /* The bands are independent: a second thread builds half of them (on a 2-core
     * machine this halves a million-article load). Without the thread, one does all. */
    unsigned half = l->bands / 2;
    build_job jobs[2] = {{l, d, 0, half, -1}, {l, d, half, l->bands, -1}};
    pthread_t t;
    int threaded = pthread_create(&t, NULL, build_job_run, &jobs[1]) == 0;
    build_job_run(&jobs[0]);
    if (threaded)
        pthread_join(t, NULL);
    else
        build_job_run(&jobs[1]);
    return jobs[0].rc < 0 || jobs[1].rc < 0 ? -1 : 0;
}

void dd_lsh_find(const dd_lsh *l, unsigned b, uint64_t key, dd_lshiter *it)
{
    uint32_t hi = (uint32_t)(key >> 32);
    it->t = &l->t[b];
    it->tag = tag_of(hi);
    it->pos = it->t->cap ? home_of(hi, it->t->cap) : 0;
}

uint32_t dd_lshiter_next(dd_lshiter *it)
{
    const dd_band *t = it->t;
    if (!t->cap) return DD_NO_SLOT;
    while (t->tag[it->pos] != EMPTY) {
        size_t pos = it->pos;
        it->pos = next_pos(pos, t->cap);
        if (t->tag[pos] == it->tag) return t->slot[pos];
    }
    return DD_NO_SLOT;
}

size_t dd_lsh_bytes(const dd_lsh *l)
{
    size_t n = 0;
    for (unsigned b = 0; b < l->bands; b++) n += l->t[b].cap * (1 + sizeof *l->t[b].slot);
    return n;
}
