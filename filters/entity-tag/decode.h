/* Greedy left-to-right BILOU decoding of a document (Ratinov & Roth 2009): each token's label
 * is the best-scoring one that keeps the sequence well formed, given its static features,
 * the two previous labels and how the same word was tagged earlier in the document. The
 * trainer uses the same loop, with an update callback, so training sees what tagging sees. */
#ifndef ETAG_DECODE_H
#define ETAG_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "docmap.h"
#include "feature.h"

/* Scores features: adds each label's weight to out[0..ETAG_NLABELS). */
typedef void (*etag_score_fn)(void *ctx, const uint64_t *f, size_t n, float *out);
/* Training: called for a token whose predicted label differs from the gold one. */
typedef void (*etag_update_fn)(void *ctx, const uint64_t *f, size_t n, int gold, int pred);

/* Working state, reused across documents: zero-initialize, free with etag_decoder_free(). */
typedef struct {
    etag_features feat;
    uint8_t *labels; /* the labels of the last document decoded */
    size_t cap;
    etag_docmap hist;
} etag_decoder;

/* Labels toks[0..n) into d->labels. With gold and update, calls update on each error (and
 * the history still follows the predictions). Returns 0, or -1 when out of memory. */
int etag_decode(etag_decoder *d, const etag_resources *r, etag_score_fn score, void *sctx,
                const etag_tok *toks, size_t n, const uint8_t *gold, etag_update_fn update,
                void *uctx);
void etag_decoder_free(etag_decoder *d);

#endif
