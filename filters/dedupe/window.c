/* Eviction order heap: see window.h. */
#include "window.h"

#include <stdlib.h>

#include "fpmap.h"

static inline int older(const dd_docs *d, uint32_t a, uint32_t b)
{
    return d->time[a] < d->time[b] || (d->time[a] == d->time[b] && d->seq[a] < d->seq[b]);
}

static inline void place(dd_window *w, size_t i, uint32_t slot)
{
    w->h[i] = slot;
    w->pos[slot] = (uint32_t)i;
}

static void sift_up(dd_window *w, const dd_docs *d, size_t i, uint32_t slot)
{
    while (i) {
        size_t p = (i - 1) / 2;
        if (!older(d, slot, w->h[p])) break;
        place(w, i, w->h[p]);
        i = p;
    }
    place(w, i, slot);
}

static void sift_down(dd_window *w, const dd_docs *d, size_t i, uint32_t slot)
{
    size_t n = w->n;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && older(d, w->h[c + 1], w->h[c])) c++;
        if (!older(d, w->h[c], slot)) break;
        place(w, i, w->h[c]);
        i = c;
    }
    place(w, i, slot);
}

int dd_window_push(dd_window *w, const dd_docs *d, uint32_t slot)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 1024;
        uint32_t *h = realloc(w->h, cap * sizeof *h);
        if (!h) return -1;
        w->h = h;
        w->cap = cap;
    }
    if (slot >= w->pos_cap) {
        size_t cap = w->pos_cap ? w->pos_cap : 1024;
        while (cap <= slot) cap *= 2;
        uint32_t *p = realloc(w->pos, cap * sizeof *p);
        if (!p) return -1;
        w->pos = p;
        w->pos_cap = cap;
    }
    sift_up(w, d, w->n++, slot);
    return 0;
}

uint32_t dd_window_oldest(const dd_window *w)
{
    return w->n ? w->h[0] : DD_NO_SLOT;
}

void dd_window_remove(dd_window *w, const dd_docs *d, uint32_t slot)
{
    if (!w->n || slot >= w->pos_cap) return;
    size_t i = w->pos[slot];
    if (i >= w->n || w->h[i] != slot) return;
    uint32_t last = w->h[--w->n];
    if (i == w->n) return;
    if (i && older(d, last, w->h[(i - 1) / 2]))
        sift_up(w, d, i, last);
    else
        sift_down(w, d, i, last);
}

void dd_window_pop(dd_window *w, const dd_docs *d)
{
    if (w->n) dd_window_remove(w, d, w->h[0]);
}

void dd_window_free(dd_window *w)
{
    free(w->h);
    free(w->pos);
    w->h = w->pos = NULL;
    w->n = w->cap = w->pos_cap = 0;
}

size_t dd_window_bytes(const dd_window *w)
{
    return w->cap * sizeof *w->h + w->pos_cap * sizeof *w->pos;
}
