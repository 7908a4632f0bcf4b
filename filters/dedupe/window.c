/* Eviction order heap: see window.h. */
#include "window.h"

#include <stdlib.h>

#include "fpmap.h"

static inline int older(const dd_docs *d, uint32_t a, uint32_t b)
{
    return d->time[a] < d->time[b] || (d->time[a] == d->time[b] && d->seq[a] < d->seq[b]);
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
    size_t i = w->n++;
    while (i) {
        size_t p = (i - 1) / 2;
        if (!older(d, slot, w->h[p])) break;
        w->h[i] = w->h[p];
        i = p;
    }
    w->h[i] = slot;
    return 0;
}

uint32_t dd_window_oldest(const dd_window *w)
{
    return w->n ? w->h[0] : DD_NO_SLOT;
}

void dd_window_pop(dd_window *w, const dd_docs *d)
{
    if (!w->n) return;
    uint32_t last = w->h[--w->n];
    size_t i = 0, n = w->n;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && older(d, w->h[c + 1], w->h[c])) c++;
        if (!older(d, w->h[c], last)) break;
        w->h[i] = w->h[c];
        i = c;
    }
    if (n) w->h[i] = last;
}

void dd_window_free(dd_window *w)
{
    free(w->h);
    w->h = NULL;
    w->n = w->cap = 0;
}

size_t dd_window_bytes(const dd_window *w)
{
    return w->cap * sizeof *w->h;
}
