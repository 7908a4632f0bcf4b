/* The dedupe decision for one article against everything remembered: exact duplicates by id
 * and by normalized body, near duplicates by MinHash + LSH and the lead sentence (same story
 * updated, not the same template's other story), the --window / --max-docs eviction, and
 * counters. Knows nothing of records, options or files. */
#ifndef DD_ENGINE_H
#define DD_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "docs.h"
#include "fpmap.h"
#include "lsh.h"
#include "minhash.h"
#include "shingle.h"
#include "window.h"

/* What makes remembered signatures comparable; saved in the state file and checked. */
typedef struct {
    unsigned hashes;  /* MinHash values per article (K) */
    unsigned shingle; /* words per shingle */
    uint64_t seed;
} dd_params;

typedef struct {
    dd_params p;
    unsigned bands;    /* LSH bands; hashes % bands == 0 */
    double threshold;  /* near duplicate when the estimated overlap is >= this */
    int64_t window;    /* seconds; 0: no time window */
    uint64_t max_docs; /* 0: no limit */
} dd_config;

#define DD_DEFAULT_SEED 0x6e65777370697065ULL /* "newspipe" */

typedef enum {
    DD_NEW,        /* not seen */
    DD_NOBODY,     /* no body text: only its id is remembered */
    DD_EXACT_ID,   /* same id as an earlier article */
    DD_EXACT_BODY, /* same normalized body */
    DD_NEAR,       /* estimated overlap >= threshold */
} dd_kind;

typedef struct {
    dd_kind kind;
    double similarity; /* 1 for exact duplicates */
    const char *of_id; /* the earlier article's id as JSON text, borrowed until the next */
    size_t of_id_len;  /* call; NULL when it had none */
} dd_result;

typedef struct {
    uint64_t evicted; /* articles forgotten: past the window or max_docs */
} dd_counts;

typedef struct {
    dd_config c;
    unsigned rows;
    dd_docs docs;
    dd_lsh lsh;
    dd_fpmap by_id, by_body, by_lead;
    dd_window win;
    uint64_t next_seq;
    int64_t watermark; /* newest time seen; the window reaches back from it */
    int have_watermark;
    dd_counts counts;
    /* scratch reused across articles */
    dd_shingles sh;
    uint64_t *work;
    dd_hval *sig;
    uint32_t *seen; /* candidate set, seen_mask + 1 entries */
    uint32_t *used; /* positions filled in seen, to clear them: (seen_mask + 1) / 2 */
    uint32_t seen_mask;
    np_buf of_id; /* the copy of a result's of_id */
} dd_engine;

/* Sets up an empty engine sized for `expected` documents. Returns 0, or -1 when out of
 * memory or the configuration is invalid (hashes not a multiple of bands, > DD_MAX_HASHES). */
int dd_engine_init(dd_engine *e, const dd_config *c, size_t expected);
void dd_engine_free(dd_engine *e);

/* Decides on one article and remembers it (every article is remembered, duplicates too:
 * see remember() in engine.c). id is its id member's JSON text (NULL:
 * none) and idkey the bytes that identify it (a string id's decoded text after a type
 * byte), body the decoded body (NULL or empty: none), time its published or arrival time.
 * Returns 0, or -1 when out of memory. */
int dd_engine_check(dd_engine *e, const char *id, size_t id_len, const char *idkey,
                    size_t idkey_len, const char *body, size_t body_len, int64_t time,
                    dd_result *r);

/* Hash of an id key, as stored (never 0). */
uint64_t dd_id_hash(const char *idkey, size_t len);

/* Remembers a document as loaded from a state file (no duplicate check; arrival order is
 * the order of calls). sig is NULL for documents without a signature, else 2 x hashes values
 * (figures set aside, then as written), and ev its evidence. The indexes are not
 * updated: call dd_engine_index() after the last one, before any check. Returns 0 or -1. */
int dd_engine_restore(dd_engine *e, const char *id, size_t id_len, uint64_t idh, uint64_t body,
                      const dd_hval *sig, const dd_evidence *ev, int64_t time);
/* Remembers the documents a load wrote in place into e->docs after dd_docs_claim() (arrival
 * order is slot order; e otherwise fresh), then builds the indexes (dd_engine_index), all
 * but the LSH tables when lsh_loaded (the load filled them: dd_lsh_band_reset()).
 * Returns 0 or -1 (out of memory). */
int dd_engine_adopt(dd_engine *e, int lsh_loaded);
/* Builds the id, body and LSH indexes of all restored documents at once (grouping entries
 * by table position, so that a million documents index in a fraction of a second instead
 * of paying a cache miss per entry). The indexes must be empty. Returns 0 or -1. */
int dd_engine_index(dd_engine *e);
/* Applies --window and --max-docs now (after restoring). Returns the number evicted. */
uint64_t dd_engine_evict(dd_engine *e);

/* Bytes of memory held for remembered documents (arrays, indexes, heap). */
size_t dd_engine_bytes(const dd_engine *e);

#endif
