/* The model file: quantized feature weights, gazetteers and word clusters in one versioned,
 * checksummed binary that is read into memory as it is (nothing is parsed or rebuilt at load
 * time: one read and one checksum pass, a few milliseconds).
 *
 * Layout (little-endian): a 64-byte header (magic "NPETAGM\n", version, table sizes, payload
 * length, np_hash64 of the payload), then the weight table (32-byte slots: 32-bit fingerprint,
 * float scale, one int8 weight per label), the gazetteer table and the cluster table (32-bit
 * fingerprints, then 32-bit values: lexicon.h's compact layout). Version 2: compact lexicon
 * tables and the decoder in the header. */
#ifndef ETAG_MODEL_H
#define ETAG_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "feature.h"
#include "labels.h"

#define ETAG_MODEL_VERSION 2u

typedef struct {
    uint32_t fp; /* fingerprint: high half of the feature hash, | 1; 0 = empty */
    float scale;
    int8_t w[ETAG_NLABELS];
    uint8_t pad[32 - 8 - ETAG_NLABELS];
} etag_slot;

typedef struct {
    const etag_slot *slots;
    uint32_t mask;
    uint32_t nrows;
    int passes;  /* 1, or 2 for two-pass tagging (etag_decode_doc) */
    int method;  /* the decoder it was trained with: ETAG_DEC_GREEDY or ETAG_DEC_VITERBI */
    int context; /* trained with context aggregation features (etag_features.context) */
    etag_resources res;
    /* private */
    void *owned;      /* heap memory: the built image, or the payload copied at open */
    size_t image_len; /* header + payload when built by etag_model_build, else 0 */
} etag_model;

/* Reads and checks the model file. Returns 0, or -1 with a one-line reason in err (missing,
 * unreadable, not a model, wrong version, corrupt). Release with etag_model_close(). */
int etag_model_open(etag_model *m, const char *path, char *err, size_t errlen);
void etag_model_close(etag_model *m);

/* Adds each feature's weights to out[0..ETAG_NLABELS) (which the caller zeroes). The table is
 * larger than the caches and each probe is a miss: the features' slots are prefetched a
 * batch at a time so that the misses overlap instead of waiting one after another. */
#define ETAG_SCORE_BATCH 32
static inline void etag_model_score(const etag_model *m, const uint64_t *f, size_t n, float *out)
{
    for (size_t a = 0; a < n; a += ETAG_SCORE_BATCH) {
        size_t b = n - a < ETAG_SCORE_BATCH ? n : a + ETAG_SCORE_BATCH;
#if defined(__GNUC__)
        for (size_t k = a; k < b; k++) __builtin_prefetch(&m->slots[(uint32_t)f[k] & m->mask]);
#endif
        for (size_t k = a; k < b; k++) {
            uint64_t h = f[k];
            uint32_t fp = (uint32_t)(h >> 32) | 1, i = (uint32_t)h & m->mask;
            const etag_slot *s;
            while ((s = &m->slots[i])->fp && s->fp != fp) i = (i + 1) & m->mask;
            if (!s->fp) continue;
            float sc = s->scale;
            for (int l = 0; l < ETAG_NLABELS; l++) out[l] += sc * (float)s->w[l];
        }
    }
}

/* One trained feature: its hash and averaged weights, for etag_model_build(). */
typedef struct {
    uint64_t h;
    float w[ETAG_NLABELS];
} etag_row;

/* Builds the model image from rows (pruned to at most max_rows by weight mass), the
 * resources, the number of tagging passes, the decoding method (decode.h) and whether the
 * features include context aggregation, into a heap buffer owned by m (usable like an opened
 * model). Returns 0 or -1. */
int etag_model_build(etag_model *m, const etag_row *rows, size_t nrows, size_t max_rows,
                     const etag_resources *res, int passes, int method, int context);
/* Writes a built model to path (atomically: temporary file and rename). Returns 0, or the
 * exit code with the reason in err: NP_EX_SOFTWARE (no model built), NP_EX_CANTCREAT (cannot
 * create the file), NP_EX_IOERR (writing it failed; path untouched, no temporary left). */
int etag_model_write(const etag_model *m, const char *path, char *err, size_t errlen);

#endif
