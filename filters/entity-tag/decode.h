/* BILOU decoding of a document, in one of two ways:
 * - greedy, left to right (Ratinov & Roth 2009): each token's label is the best-scoring one
 *   that keeps the sequence well formed, given its static features, the two previous labels
 *   and how the same word was tagged earlier in the document;
 * - Viterbi over each sentence: the best well-formed label sequence under per-token scores
 *   (static features and the document's history up to the previous sentence) plus scores of
 *   label transitions (previous label, and previous label with the token's case), so an
 *   entity can end where a later token shows it should (greedy decoding, once it has opened
 *   an entity, must carry it on to some token that can close it).
 * The trainer uses the same code with an update callback (a structured perceptron for
 * Viterbi: the whole predicted sentence against the gold one), so training sees what tagging
 * sees. */
#ifndef ETAG_DECODE_H
#define ETAG_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "docmap.h"
#include "feature.h"
#include "labels.h"

/* Scores features: adds each label's weight to out[0..ETAG_NLABELS). */
typedef void (*etag_score_fn)(void *ctx, const uint64_t *f, size_t n, float *out);
/* Training: adds delta (+1 or -1) to the weight of label for each feature f[0..n): called
 * with +1 for the gold label and -1 for the predicted one where they differ. */
typedef void (*etag_update_fn)(void *ctx, const uint64_t *f, size_t n, int label, int delta);

enum { ETAG_DEC_GREEDY, ETAG_DEC_VITERBI };

/* Documents longer than this many tokens are tagged in windows of about this size (see
 * etag_decode_doc). */
#define ETAG_WINDOW 16384

/* Working state, reused across documents: zero-initialize, free with etag_decoder_free(). */
typedef struct {
    size_t window; /* tokens per window for long documents; 0 means ETAG_WINDOW */
    int method;    /* ETAG_DEC_GREEDY or ETAG_DEC_VITERBI (set by the caller) */
    etag_features feat;
    uint8_t *labels; /* the labels of the last document decoded */
    uint8_t *first;  /* scratch for two-pass tagging: the first pass's labels */
    size_t cap;
    etag_docmap hist, agg;
    /* Viterbi: per sentence, per token and label */
    float *em, *delta;      /* emission scores, best path scores */
    uint8_t *back, *forced; /* best previous label; token forced to O */
    uint64_t *fx;           /* training: each token's features ... */
    uint32_t *foff;         /* ... from fx[foff[i]] to fx[foff[i + 1]] */
    size_t vcap, fcap;
    /* Viterbi: transition scores by the token's case class and the previous label (or the
     * sentence boundary), scored when a class first occurs; kept for a whole range when
     * tagging (the weights are fixed), for one sentence when training (they change) */
    float trans[ETAG_CAP_OTHER + 1][ETAG_NLABELS + 1][ETAG_NLABELS];
    uint8_t trans_have[ETAG_CAP_OTHER + 1];
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
