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

/* Documents longer than this many tokens are tagged in windows of about this size (see
 * etag_decode_doc). */
#define ETAG_WINDOW 16384

/* Working state, reused across documents: zero-initialize, free with etag_decoder_free(). */
typedef struct {
    size_t window; /* tokens per window for long documents; 0 means ETAG_WINDOW */
    etag_features feat;
    uint8_t *labels; /* the labels of the last document decoded */
    uint8_t *first;  /* scratch for two-pass tagging: the first pass's labels */
    size_t cap;
    etag_docmap hist, agg;
} etag_decoder;

/* Labels toks[0..n) into d->labels. With gold and update, calls update on each error (and
 * the history still follows the predictions). pass1 (or NULL) holds a first pass's labels
 * of the same tokens: the second pass (Ratinov & Roth's two-stage prediction aggregation)
 * adds features from them (labels around the token, and how every occurrence of the same
 * word in the document was tagged) and hashes all its features apart from the first
 * pass's, so both passes share one weight table. Returns 0, or -1 when out of memory. */
int etag_decode(etag_decoder *d, const etag_resources *r, etag_score_fn score, void *sctx,
                const etag_tok *toks, size_t n, const uint8_t *pass1, const uint8_t *gold,
                etag_update_fn update, void *uctx);

/* Tags a document with one or two passes (pass 2 when two_pass); labels in d->labels.
 * A document longer than d->window tokens is read in windows that start at sentence starts
 * (so the labels are those of reading it whole, and the feature arrays stay bounded: about
 * 2 bytes a token remain for the labels); a window without any sentence start within twice
 * the window size is cut there. */
int etag_decode_doc(etag_decoder *d, const etag_resources *r, etag_score_fn score, void *sctx,
                    const etag_tok *toks, size_t n, int two_pass);
void etag_decoder_free(etag_decoder *d);

#endif
