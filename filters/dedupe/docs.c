/* Remembered documents as parallel arrays: see docs.h. */
#include "docs.h"

#include <stdlib.h>
#include <string.h>

#include "bigmem.h"
#include "fpmap.h"

#define GROW(arr, cap)                                                                             \
    do {                                                                                           \
        void *p_ = realloc((arr), (size_t)(cap) * sizeof *(arr));                                  \
        if (!p_) return -1;                                                                        \
        (arr) = p_;                                                                                \
    } while (0)

static int grow(dd_docs *d, uint32_t want)
{
    uint32_t cap = d->cap ? d->cap : 1024;
    while (cap < want) {
        if (cap > UINT32_MAX / 2) return -1;
        cap *= 2;
    }
    if (cap == d->cap) return 0;
    void *p = realloc(d->sig, (size_t)cap * d->K * sizeof *d->sig);
    if (!p) return -1;
    d->sig = p;
    GROW(d->time, cap);
    GROW(d->seq, cap);
    GROW(d->body, cap);
    GROW(d->idh, cap);
    GROW(d->id_off, cap);
    GROW(d->id_len, cap);
    GROW(d->flags, cap);
    GROW(d->ev, cap);
    GROW(d->freelist, cap);
    d->cap = cap;
    return 0;
}

int dd_docs_reserve(dd_docs *d, uint32_t n)
{
    if (n <= d->cap) return 0;
    if (grow(d, n) < 0) return -1;
    /* A load fills the reserved slots: fault the big arrays in at once. */
    size_t c = d->cap;
    dd_prefault(d->sig, c * d->K * sizeof *d->sig);
    dd_prefault(d->time, c * sizeof *d->time);
    dd_prefault(d->seq, c * sizeof *d->seq);
    dd_prefault(d->body, c * sizeof *d->body);
    dd_prefault(d->idh, c * sizeof *d->idh);
    dd_prefault(d->id_off, c * sizeof *d->id_off);
    return 0;
}

int dd_docs_claim(dd_docs *d, uint32_t n)
{
    if (d->used || d->nfree || n > DD_NO_SLOT - 1 || dd_docs_reserve(d, n) < 0) return -1;
    memset(d->flags, DD_DOC_LIVE, n);
    memset(d->id_len, 0, (size_t)n * sizeof *d->id_len);
    d->used = d->n = n;
    return 0;
}

int dd_docs_init(dd_docs *d, unsigned K, uint32_t expected)
{
    memset(d, 0, sizeof *d);
    d->K = K;
    return expected ? grow(d, expected) : 0;
}

void dd_docs_free(dd_docs *d)
{
    free(d->sig);
    free(d->time);
    free(d->seq);
    free(d->body);
    free(d->idh);
    free(d->id_off);
    free(d->id_len);
    free(d->flags);
    free(d->ev);
    free(d->freelist);
    np_buf_free(&d->ids);
    unsigned K = d->K;
    memset(d, 0, sizeof *d);
    d->K = K;
}

/* Rewrites the arena with live ids only; runs when garbage exceeds the live bytes, so its
 * cost is amortized over the removals that made the garbage. */
static int compact(dd_docs *d)
{
    np_buf fresh = {0};
    if (np_buf_reserve(&fresh, d->ids_live + 1) < 0) return -1;
    for (uint32_t s = 0; s < d->used; s++) {
        if (!(d->flags[s] & DD_DOC_LIVE) || !d->id_len[s]) continue;
        uint64_t off = fresh.len;
        np_buf_append(&fresh, d->ids.data + d->id_off[s], d->id_len[s]);
        d->id_off[s] = off;
    }
    np_buf_free(&d->ids);
    d->ids = fresh;
    return 0;
}

uint32_t dd_docs_add(dd_docs *d, const dd_hval *sig, const dd_evidence *ev, int64_t time,
                     uint64_t seq, uint64_t body, uint64_t idh, const char *id, size_t id_len)
{
    if (id_len > UINT32_MAX) return DD_NO_SLOT;
    if (!d->nfree && d->used == d->cap) {
        if (d->used == DD_NO_SLOT - 1 || grow(d, d->used + 1) < 0) return DD_NO_SLOT;
    }
    uint64_t off = d->ids.len;
    if (id_len && np_buf_append(&d->ids, id, id_len) < 0) return DD_NO_SLOT;
    uint32_t s = d->nfree ? d->freelist[--d->nfree] : d->used++;
    d->time[s] = time;
    d->seq[s] = seq;
    d->body[s] = body;
    d->idh[s] = idh;
    d->id_off[s] = off;
    d->id_len[s] = (uint32_t)id_len;
    d->flags[s] = DD_DOC_LIVE | (sig ? DD_DOC_SIG : 0);
    if (sig) {
        memcpy(d->sig + (size_t)s * d->K, sig, d->K * sizeof *sig);
        d->ev[s] = *ev;
    }
    d->ids_live += id_len;
    d->n++;
    return s;
}

void dd_docs_remove(dd_docs *d, uint32_t s)
{
    if (s >= d->used || !(d->flags[s] & DD_DOC_LIVE)) return;
    d->flags[s] = 0;
    d->ids_live -= d->id_len[s];
    d->id_len[s] = 0;
    d->freelist[d->nfree++] = s;
    d->n--;
    /* Failure to compact only delays reclaiming garbage. */
    if (d->ids.len > 4096 && d->ids.len - d->ids_live > d->ids_live) (void)compact(d);
}

size_t dd_docs_bytes(const dd_docs *d)
{
    size_t per = d->K * sizeof(dd_hval) + sizeof(dd_evidence) + sizeof(int64_t) +
                 4 * sizeof(uint64_t) + 2 * sizeof(uint32_t) + 1;
    return (size_t)d->cap * per + d->ids.cap;
}
