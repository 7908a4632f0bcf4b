/* A per-document map from word keys to small label counts. Starting a new document is O(1)
 * (a generation stamp), so tagging many short articles never clears a large table. */
#ifndef ETAG_DOCMAP_H
#define ETAG_DOCMAP_H

#include <stdint.h>

typedef struct {
    uint64_t key;
    uint32_t gen;
    uint16_t cnt[7]; /* per label type +1 (0 = O), plus two free counters for callers (the
                        entry is 32 bytes with 6 or 7) */
    uint8_t last;    /* last type seen + 1, 0 = none */
} etag_docmap_entry;

typedef struct {
    etag_docmap_entry *e;
    uint32_t mask, count, gen;
} etag_docmap;

/* Forgets all entries (new document). */
void etag_docmap_reset(etag_docmap *m);
/* The entry for key in the current document, or NULL. */
etag_docmap_entry *etag_docmap_find(etag_docmap *m, uint64_t key);
/* The entry for key, created zeroed when absent; NULL when out of memory. */
etag_docmap_entry *etag_docmap_get(etag_docmap *m, uint64_t key);
void etag_docmap_free(etag_docmap *m);

#endif
