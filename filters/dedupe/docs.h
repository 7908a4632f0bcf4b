/* Remembered documents, one slot each, as parallel arrays (so a remembered article costs
 * only what it needs: its signature, hashes, time, order and id text). Freed slots are
 * reused; the id texts live in one arena that is compacted when half of it is garbage. */
#ifndef DD_DOCS_H
#define DD_DOCS_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "minhash.h"
#include "shingle.h"

typedef struct {
    unsigned K;       /* signature values per slot */
    uint32_t cap;     /* slots allocated */
    uint32_t used;    /* slots ever handed out (slots [0, used) exist; some may be free) */
    uint32_t n;       /* documents held */
    dd_hval *sig;     /* K per slot; meaningful when has_sig */
    dd_evidence *ev;  /* per slot; meaningful when has_sig */
    int64_t *time;    /* published (or arrival) time, Unix seconds */
    uint64_t *seq;    /* arrival order: first seen wins ties */
    uint64_t *body;   /* exact-body hash, 0 when the document had no body text */
    uint64_t *idh;    /* hash of the id's value, 0 when it had no id */
    uint64_t *id_off; /* its id JSON text in ids */
    uint32_t *id_len; /* 0 when no id */
    uint8_t *flags;   /* DD_DOC_* */
    uint32_t *freelist;
    uint32_t nfree;
    np_buf ids;
    size_t ids_live; /* bytes of ids still referenced */
} dd_docs;

enum { DD_DOC_LIVE = 1, DD_DOC_SIG = 2 };

/* Zero-initialize with K set, or dd_docs_init(). Release with dd_docs_free(). */
int dd_docs_init(dd_docs *d, unsigned K, uint32_t expected);
void dd_docs_free(dd_docs *d);
/* Makes room for n documents in all (a load knows its count). Returns 0 or -1. */
int dd_docs_reserve(dd_docs *d, uint32_t n);

/* For a load into an empty d: makes slots [0, n) exist and live, for the caller to fill in
 * place (time, body, idh, id_off, id_len with the id texts appended to ids, and DD_DOC_SIG
 * in flags with the signature); dd_engine_adopt() does the rest. Returns 0 or -1 (out of
 * memory, or d not empty). */
int dd_docs_claim(dd_docs *d, uint32_t n);

/* Takes a free slot and fills it (sig may be NULL: no signature, and then ev is ignored;
 * id may be NULL).
 * Returns the slot, or DD_NO_SLOT (from fpmap.h) when out of memory. */
uint32_t dd_docs_add(dd_docs *d, const dd_hval *sig, const dd_evidence *ev, int64_t time,
                     uint64_t seq, uint64_t body, uint64_t idh, const char *id, size_t id_len);
/* Frees slot s (its id text becomes garbage; the arena may be compacted). */
void dd_docs_remove(dd_docs *d, uint32_t s);

static inline const char *dd_docs_id(const dd_docs *d, uint32_t s, size_t *len)
{
    *len = d->id_len[s];
    return d->id_len[s] ? d->ids.data + d->id_off[s] : NULL;
}
static inline const dd_hval *dd_docs_sig(const dd_docs *d, uint32_t s)
{
    return d->sig + (size_t)s * d->K;
}

size_t dd_docs_bytes(const dd_docs *d);

#endif
