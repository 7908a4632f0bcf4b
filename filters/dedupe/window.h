/* The eviction order of remembered documents: a binary min-heap of slots keyed by
 * (time, arrival order), so that --window and --max-docs always evict the oldest. Each
 * slot's place in the heap is kept too, so that a document superseded by a newer copy of
 * itself can leave the heap at once. */
#ifndef DD_WINDOW_H
#define DD_WINDOW_H

#include <stddef.h>
#include <stdint.h>

#include "docs.h"

/* Zero-initialize; release with dd_window_free(). The heap reads keys from the docs it is
 * given, which must outlive it and not change the keys of slots in the heap. */
typedef struct {
    uint32_t *h;   /* the heap of slots */
    uint32_t *pos; /* by slot: its index in h (meaningful while the slot is in the heap) */
    size_t n, cap, pos_cap;
} dd_window;

int dd_window_push(dd_window *w, const dd_docs *d, uint32_t slot); /* 0 or -1 (memory) */
/* The oldest slot, or DD_NO_SLOT when empty. */
uint32_t dd_window_oldest(const dd_window *w);
void dd_window_pop(dd_window *w, const dd_docs *d);
/* Takes slot (in the heap) out of it. */
void dd_window_remove(dd_window *w, const dd_docs *d, uint32_t slot);
void dd_window_free(dd_window *w);
size_t dd_window_bytes(const dd_window *w);

#endif
