/* Greedy BILOU decoder with label-history and document-history features (see decode.h). */
#include "decode.h"

#include <stdlib.h>
#include <string.h>

#include "labels.h"

#define BOUNDARY ETAG_NLABELS /* "label" before a sentence's first token */

static int name_like(uint8_t cap)
{
    return cap == ETAG_CAP_INIT || cap == ETAG_CAP_ALL || cap == ETAG_CAP_MIXED ||
           cap == ETAG_CAP_ONE;
}

static int reserve(etag_decoder *d, size_t n)
{
    if (n + 1 <= d->cap) return 0;
    size_t cap = d->cap ? d->cap : 256;
    while (cap < n + 1) cap *= 2;
    uint8_t *p = realloc(d->labels, cap);
    if (!p) return -1;
    d->labels = p;
    p = realloc(d->first, cap);
    if (!p) return -1;
    d->first = p;
    d->cap = cap;
    return 0;
}

/* Second-pass features of token i from the first pass's labels. */
static size_t pass2_features(etag_decoder *d, const uint8_t *p1, size_t i, size_t n,
                             const etag_tok *toks, uint64_t *x, size_t k)
{
    etag_features *f = &d->feat;
    int start = (i == 0) || (toks[i].flags & ETAG_TF_SENT_START);
    int last = i + 1 == n || (toks[i + 1].flags & ETAG_TF_SENT_START);
    int lm1 = start ? BOUNDARY : p1[i - 1], lp1 = last ? BOUNDARY : p1[i + 1];
    x[k++] = etag_feat(ETAG_T_S1, p1[i], 0);
    x[k++] = etag_feat(ETAG_T_S1W, (uint64_t)lm1 * 32 + p1[i], (uint64_t)lp1);
    if (name_like(f->cap[i])) {
        etag_docmap_entry *e = etag_docmap_find(&d->agg, f->hl[i]);
        if (e) {
            int any = 0;
            for (int t = 1; t < 5; t++)
                if (e->cnt[t]) {
                    x[k++] = etag_feat(ETAG_T_AGG, (uint64_t)t, e->cnt[t] > 2 ? 3 : e->cnt[t]);
                    any = 1;
                }
            if (!any) x[k++] = etag_feat(ETAG_T_AGG, 0, e->cnt[0] > 2 ? 3 : e->cnt[0]);
            int maj = 0;
            for (int t = 1; t < 5; t++)
                if (e->cnt[t] > e->cnt[maj]) maj = t;
            x[k++] = etag_feat(ETAG_T_AGGMAJ, (uint64_t)maj, f->cap[i]);
        }
    }
    return k;
}

/* Labels toks[0..n), whose features d->feat holds, into out[0..n) (see etag_decode). With
 * agg, also counts each name-like word's labels into d->agg (a first pass of a document
 * read in windows, for its second pass). */
static int decode_range(etag_decoder *d, etag_score_fn score, void *sctx, const etag_tok *toks,
                        size_t n, const uint8_t *pass1, const uint8_t *gold, etag_update_fn update,
                        void *uctx, uint8_t *out, int agg)
{
    etag_features *f = &d->feat;
    uint64_t x[ETAG_MAXFEAT + 32];
    int p1 = BOUNDARY, p2 = BOUNDARY;
    for (size_t i = 0; i < n; i++) {
        int start = (i == 0) || (toks[i].flags & ETAG_TF_SENT_START);
        int last = i + 1 == n || (toks[i + 1].flags & ETAG_TF_SENT_START);
        if (start) p1 = p2 = BOUNDARY;
        /* Second pass: a lower-case word or punctuation that the first pass left outside
         * any entity, after a closed entity or none, stays O without being scored again;
         * the second pass changes little there and this halves its cost (training skips
         * the same tokens, so it learns the pass it will run). */
        if (pass1 && pass1[i] == ETAG_O && !name_like(f->cap[i]) && f->cap[i] != ETAG_CAP_DIGIT &&
            (p1 == BOUNDARY || etag_label_part(p1) == ETAG_L || etag_label_part(p1) == ETAG_U ||
             p1 == ETAG_O)) {
            out[i] = ETAG_O;
            p2 = p1;
            p1 = ETAG_O;
            continue;
        }
        size_t k = etag_features_token(f, i, x);
        x[k++] = etag_feat(ETAG_T_P1, (uint64_t)p1, 0);
        x[k++] = etag_feat(ETAG_T_P2, (uint64_t)p2, 0);
        x[k++] = etag_feat(ETAG_T_P1P2, (uint64_t)p1, (uint64_t)p2);
        x[k++] = etag_feat(ETAG_T_P1W, (uint64_t)p1, f->hl[i]);
        x[k++] = etag_feat(ETAG_T_P1CAP, (uint64_t)p1, f->cap[i]);
        etag_docmap_entry *h = name_like(f->cap[i]) ? etag_docmap_find(&d->hist, f->hl[i]) : NULL;
        if (h) {
            int maj = 0;
            for (int t = 1; t < 5; t++)
                if (h->cnt[t] > h->cnt[maj]) maj = t;
            x[k++] = etag_feat(ETAG_T_HMAJ, (uint64_t)maj, 0);
            x[k++] = etag_feat(ETAG_T_HLAST, h->last, 0);
            x[k++] = etag_feat(ETAG_T_HLAST_CAP, h->last, f->cap[i]);
        }
        if (i + 1 < n && !last && name_like(f->cap[i + 1])) {
            etag_docmap_entry *h1 = etag_docmap_find(&d->hist, f->hl[i + 1]);
            if (h1) x[k++] = etag_feat(ETAG_T_HNEXT, h1->last, 0);
        }
        if (pass1) {
            k = pass2_features(d, pass1, i, n, toks, x, k);
            for (size_t j = 0; j < k; j++) x[j] = etag_feat(ETAG_T_PASS2, x[j], 0);
        }
        float s[ETAG_NLABELS] = {0};
        score(sctx, x, k, s);
        int prev = p1 == BOUNDARY ? ETAG_O : p1;
        int best = -1;
        for (int l = 0; l < ETAG_NLABELS; l++) {
            if (!etag_label_allowed(prev, l)) continue;
            int part = etag_label_part(l);
            if (last && (part == ETAG_B || part == ETAG_I)) continue;
            if (best < 0 || s[l] > s[best]) best = l;
        }
        if (gold && update && gold[i] != best) update(uctx, x, k, gold[i], best);
        out[i] = (uint8_t)best;
        if (name_like(f->cap[i])) {
            etag_docmap_entry *e = etag_docmap_get(&d->hist, f->hl[i]);
            if (!e) return -1;
            int t = etag_label_type(best) + 1;
            if (e->cnt[t] < UINT16_MAX) e->cnt[t]++;
            e->last = (uint8_t)(t + 1);
            if (agg) {
                etag_docmap_entry *g = etag_docmap_get(&d->agg, f->hl[i]);
                if (!g) return -1;
                if (g->cnt[t] < UINT16_MAX) g->cnt[t]++;
            }
        }
        p2 = p1;
        p1 = best;
    }
    return 0;
}

int etag_decode(etag_decoder *d, const etag_resources *r, etag_score_fn score, void *sctx,
                const etag_tok *toks, size_t n, const uint8_t *pass1, const uint8_t *gold,
                etag_update_fn update, void *uctx)
{
    if (reserve(d, n) < 0) return -1;
    if (etag_features_compute(&d->feat, r, toks, n) < 0) return -1;
    etag_docmap_reset(&d->hist);
    etag_features *f = &d->feat;
    if (pass1) {
        /* how each name-like word was tagged anywhere in the document */
        etag_docmap_reset(&d->agg);
        for (size_t i = 0; i < n; i++) {
            if (!name_like(f->cap[i])) continue;
            etag_docmap_entry *e = etag_docmap_get(&d->agg, f->hl[i]);
            if (!e) return -1;
            int t = etag_label_type(pass1[i]) + 1;
            if (e->cnt[t] < UINT16_MAX) e->cnt[t]++;
        }
    }
    return decode_range(d, score, sctx, toks, n, pass1, gold, update, uctx, d->labels, 0);
}

/* End of the window of a long document that starts at a: the first sentence start at least
 * w tokens on, or a forced cut at 2w tokens (a "sentence" that long is not prose). */
static size_t window_end(const etag_tok *toks, size_t n, size_t a, size_t w)
{
    size_t b = a + w;
    if (b >= n) return n;
    while (b < n && b < a + 2 * w && !(toks[b].flags & ETAG_TF_SENT_START)) b++;
    return b;
}

/* Tags a document longer than one window (see etag_decoder.window): the same labels as
 * reading it whole, with per-token feature arrays for one window only. */
static int decode_windows(etag_decoder *d, const etag_resources *r, etag_score_fn score, void *sctx,
                          const etag_tok *toks, size_t n, int two_pass, size_t w)
{
    if (reserve(d, n) < 0) return -1;
    if (etag_features_scan(&d->feat, toks, n, w) < 0) return -1;
    etag_docmap_reset(&d->hist);
    if (two_pass) etag_docmap_reset(&d->agg);
    for (size_t a = 0, b; a < n; a = b) {
        b = window_end(toks, n, a, w);
        if (etag_features_window(&d->feat, r, toks + a, b - a) < 0 ||
            decode_range(d, score, sctx, toks + a, b - a, NULL, NULL, NULL, NULL, d->labels + a,
                         two_pass) < 0)
            return -1;
    }
    if (!two_pass) return 0;
    uint8_t *tmp = d->first; /* swap: the first pass's labels become the input */
    d->first = d->labels;
    d->labels = tmp;
    etag_docmap_reset(&d->hist);
    for (size_t a = 0, b; a < n; a = b) {
        b = window_end(toks, n, a, w);
        if (etag_features_window(&d->feat, r, toks + a, b - a) < 0 ||
            decode_range(d, score, sctx, toks + a, b - a, d->first + a, NULL, NULL, NULL,
                         d->labels + a, 0) < 0)
            return -1;
    }
    return 0;
}

int etag_decode_doc(etag_decoder *d, const etag_resources *r, etag_score_fn score, void *sctx,
                    const etag_tok *toks, size_t n, int two_pass)
{
    size_t w = d->window ? d->window : ETAG_WINDOW;
    if (n > w) return decode_windows(d, r, score, sctx, toks, n, two_pass, w);
    if (etag_decode(d, r, score, sctx, toks, n, NULL, NULL, NULL, NULL) < 0) return -1;
    if (!two_pass) return 0;
    uint8_t *tmp = d->first; /* swap: the first pass's labels become the input */
    d->first = d->labels;
    d->labels = tmp;
    return etag_decode(d, r, score, sctx, toks, n, d->first, NULL, NULL, NULL);
}

void etag_decoder_free(etag_decoder *d)
{
    etag_features_free(&d->feat);
    etag_docmap_free(&d->hist);
    etag_docmap_free(&d->agg);
    free(d->first);
    free(d->labels);
    memset(d, 0, sizeof *d);
}
