/* Greedy and Viterbi BILOU decoders with label-history and document-history features (see
 * decode.h). */
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

/* Counts token i's predicted label into the document's history (and, with agg, into the
 * first pass's aggregate). Returns 0, or -1 when out of memory. */
static int note_label(etag_decoder *d, size_t i, int label, int agg)
{
    etag_features *f = &d->feat;
    if (!name_like(f->cap[i])) return 0;
    etag_docmap_entry *e = etag_docmap_get(&d->hist, f->hl[i]);
    if (!e) return -1;
    int t = etag_label_type(label) + 1;
    if (e->cnt[t] < UINT16_MAX) e->cnt[t]++;
    e->last = (uint8_t)(t + 1);
    if (agg) {
        etag_docmap_entry *g = etag_docmap_get(&d->agg, f->hl[i]);
        if (!g) return -1;
        if (g->cnt[t] < UINT16_MAX) g->cnt[t]++;
    }
    return 0;
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
        if (gold && update && gold[i] != best) {
            update(uctx, x, k, gold[i], 1);
            update(uctx, x, k, best, -1);
        }
        out[i] = (uint8_t)best;
        if (note_label(d, i, best, agg) < 0) return -1;
        p2 = p1;
        p1 = best;
    }
    return 0;
}

static int reserve_viterbi(etag_decoder *d, size_t n)
{
    if (n + 1 > d->vcap) {
        size_t cap = d->vcap ? d->vcap : 256;
        while (cap < n + 1) cap *= 2;
        float *em = realloc(d->em, cap * ETAG_NLABELS * sizeof *em);
        if (!em) return -1;
        d->em = em;
        float *dl = realloc(d->delta, cap * ETAG_NLABELS * sizeof *dl);
        if (!dl) return -1;
        d->delta = dl;
        uint8_t *b = realloc(d->back, cap * ETAG_NLABELS);
        if (!b) return -1;
        d->back = b;
        b = realloc(d->forced, cap);
        if (!b) return -1;
        d->forced = b;
        uint32_t *o = realloc(d->foff, (cap + 1) * sizeof *o);
        if (!o) return -1;
        d->foff = o;
        d->vcap = cap;
    }
    return 0;
}

/* Keeps token features for the training update: appends x[0..k) to d->fx. */
static int keep_features(etag_decoder *d, size_t at, const uint64_t *x, size_t k)
{
    if (at + k > d->fcap) {
        size_t cap = d->fcap ? d->fcap : 4096;
        while (cap < at + k) cap *= 2;
        uint64_t *p = realloc(d->fx, cap * sizeof *p);
        if (!p) return -1;
        d->fx = p;
        d->fcap = cap;
    }
    memcpy(d->fx + at, x, k * sizeof *x);
    return 0;
}

/* The transition features from label p (BOUNDARY at a sentence start) into a token of case
 * cap: written to x[0..2), hashed apart for the second pass. */
static void transition_features(int p, uint8_t cap, int pass2, uint64_t *x)
{
    x[0] = etag_feat(ETAG_T_P1, (uint64_t)p, 0);
    x[1] = etag_feat(ETAG_T_P1CAP, (uint64_t)p, cap);
    if (pass2) {
        x[0] = etag_feat(ETAG_T_PASS2, x[0], 0);
        x[1] = etag_feat(ETAG_T_PASS2, x[1], 0);
    }
}

#define NEG_INF (-1e30f)

/* Scores the tokens of the sentence toks[a..b) (see decode_range for the arguments): their
 * label scores in d->em, the tokens the second pass leaves O in d->forced, and, when
 * training (update), their features in d->fx from d->foff[j]. Fills the case classes'
 * transition scores (d->trans) the sentence needs. Returns 0, or -1 when out of memory. */
static int score_sentence(etag_decoder *d, etag_score_fn score, void *sctx, const etag_tok *toks,
                          size_t a, size_t b, size_t n, const uint8_t *pass1, int update)
{
    etag_features *f = &d->feat;
    size_t m = b - a;
    uint64_t x[ETAG_MAXFEAT + 32];
    int pass2 = pass1 != NULL;
    float(*trans)[ETAG_NLABELS + 1][ETAG_NLABELS] = d->trans;
    uint8_t *have = d->trans_have;
    size_t nf = 0;
    d->foff[0] = 0;
    for (size_t j = 0; j < m; j++) {
        size_t i = a + j;
        int closed_before = j == 0 || pass1 == NULL || pass1[i - 1] == ETAG_O ||
                            etag_label_part(pass1[i - 1]) == ETAG_L ||
                            etag_label_part(pass1[i - 1]) == ETAG_U;
        /* as in greedy decoding: in the second pass, a lower-case word or punctuation that
         * the first pass left outside any entity, after a closed one, stays O unscored */
        d->forced[j] = pass1 && pass1[i] == ETAG_O && !name_like(f->cap[i]) &&
                       f->cap[i] != ETAG_CAP_DIGIT && closed_before;
        float *e = d->em + j * ETAG_NLABELS;
        memset(e, 0, ETAG_NLABELS * sizeof *e);
        uint8_t cc = f->cap[i];
        if (!have[cc]) {
            for (int p = 0; p <= ETAG_NLABELS; p++) {
                uint64_t t[2];
                transition_features(p, cc, pass2, t);
                memset(trans[cc][p], 0, sizeof trans[cc][p]);
                score(sctx, t, 2, trans[cc][p]);
            }
            have[cc] = 1;
        }
        if (d->forced[j]) {
            d->foff[j + 1] = (uint32_t)nf;
            continue;
        }
        size_t k = etag_features_token(f, i, x);
        etag_docmap_entry *h = name_like(cc) ? etag_docmap_find(&d->hist, f->hl[i]) : NULL;
        if (h) {
            int maj = 0;
            for (int t = 1; t < 5; t++)
                if (h->cnt[t] > h->cnt[maj]) maj = t;
            x[k++] = etag_feat(ETAG_T_HMAJ, (uint64_t)maj, 0);
            x[k++] = etag_feat(ETAG_T_HLAST, h->last, 0);
            x[k++] = etag_feat(ETAG_T_HLAST_CAP, h->last, cc);
        }
        if (i + 1 < n && j + 1 < m && name_like(f->cap[i + 1])) {
            etag_docmap_entry *h1 = etag_docmap_find(&d->hist, f->hl[i + 1]);
            if (h1) x[k++] = etag_feat(ETAG_T_HNEXT, h1->last, 0);
        }
        if (pass1) {
            k = pass2_features(d, pass1, i, n, toks, x, k);
            for (size_t q = 0; q < k; q++) x[q] = etag_feat(ETAG_T_PASS2, x[q], 0);
        }
        score(sctx, x, k, e);
        if (update) {
            if (keep_features(d, nf, x, k) < 0) return -1;
            nf += k;
        }
        d->foff[j + 1] = (uint32_t)nf;
    }
    return 0;
}

/* The best well-formed labelling of the scored sentence of m tokens from toks[a] into
 * out[a..a+m): an entity opened (B, I) must go on within the sentence. */
static void best_path(etag_decoder *d, size_t a, size_t m, uint8_t *out)
{
    const uint8_t *cap = d->feat.cap;
    float(*trans)[ETAG_NLABELS + 1][ETAG_NLABELS] = d->trans;
    /* The labels each label may follow (etag_label_allowed), in increasing order so that
     * ties go to the lowest as before: O, B and U follow O, L and U; I and L follow B and I
     * of their type. */
    uint8_t closed[ETAG_NLABELS];
    int nclosed = 0;
    for (int p = 0; p < ETAG_NLABELS; p++)
        if (etag_label_allowed(p, ETAG_O)) closed[nclosed++] = (uint8_t)p;
    for (size_t j = 0; j < m; j++) {
        const float *e = d->em + j * ETAG_NLABELS;
        float *dl = d->delta + j * ETAG_NLABELS;
        uint8_t *bk = d->back + j * ETAG_NLABELS;
        uint8_t cc = cap[a + j];
        for (int l = 0; l < ETAG_NLABELS; l++) {
            dl[l] = NEG_INF;
            bk[l] = 0;
            int part = etag_label_part(l);
            if (d->forced[j] && l != ETAG_O) continue;
            if (j + 1 == m && (part == ETAG_B || part == ETAG_I)) continue;
            if (j == 0) {
                if (etag_label_allowed(ETAG_O, l)) dl[l] = e[l] + trans[cc][BOUNDARY][l];
                continue;
            }
            const float *pd = dl - ETAG_NLABELS;
            const uint8_t *ps = closed;
            int np = nclosed;
            uint8_t opened[2];
            if (part == ETAG_I || part == ETAG_L) {
                opened[0] = (uint8_t)etag_label(etag_label_type(l), ETAG_B);
                opened[1] = (uint8_t)etag_label(etag_label_type(l), ETAG_I);
                ps = opened;
                np = 2;
            }
            float best = NEG_INF;
            int arg = -1;
            for (int q = 0; q < np; q++) {
                int p = ps[q];
                if (pd[p] <= NEG_INF) continue;
                float v = pd[p] + trans[cc][p][l];
                if (arg < 0 || v > best) {
                    best = v;
                    arg = p;
                }
            }
            if (arg >= 0) {
                dl[l] = best + e[l];
                bk[l] = (uint8_t)arg;
            }
        }
    }
    const float *last = d->delta + (m - 1) * ETAG_NLABELS;
    int l = ETAG_O;
    for (int q = 0; q < ETAG_NLABELS; q++)
        if (last[q] > last[l]) l = q;
    for (size_t j = m; j-- > 0;) {
        out[a + j] = (uint8_t)l;
        l = d->back[j * ETAG_NLABELS + l];
    }
}

/* The structured perceptron's step on the sentence of m tokens from a: where the labelling
 * out differs from gold, the gold path's features and transitions up, the predicted down. */
static void learn_sentence(etag_decoder *d, size_t a, size_t m, const uint8_t *gold,
                           const uint8_t *out, int pass2, etag_update_fn update, void *uctx)
{
    for (size_t j = 0; j < m; j++) {
        size_t i = a + j;
        int gp = j ? gold[i - 1] : BOUNDARY, pp = j ? out[i - 1] : BOUNDARY;
        if (gold[i] != out[i] && d->foff[j + 1] > d->foff[j]) {
            const uint64_t *fx = d->fx + d->foff[j];
            size_t k = d->foff[j + 1] - d->foff[j];
            update(uctx, fx, k, gold[i], 1);
            update(uctx, fx, k, out[i], -1);
        }
        if (gp != pp || gold[i] != out[i]) {
            uint64_t t[2];
            transition_features(gp, d->feat.cap[i], pass2, t);
            update(uctx, t, 2, gold[i], 1);
            transition_features(pp, d->feat.cap[i], pass2, t);
            update(uctx, t, 2, out[i], -1);
        }
    }
}

/* Viterbi over the sentence toks[a..b) (see decode_range for the arguments). */
static int viterbi_sentence(etag_decoder *d, etag_score_fn score, void *sctx, const etag_tok *toks,
                            size_t a, size_t b, size_t n, const uint8_t *pass1, const uint8_t *gold,
                            etag_update_fn update, void *uctx, uint8_t *out, int agg)
{
    size_t m = b - a;
    if (reserve_viterbi(d, m) < 0) return -1;
    if (update) memset(d->trans_have, 0, sizeof d->trans_have);
    if (score_sentence(d, score, sctx, toks, a, b, n, pass1, update != NULL) < 0) return -1;
    best_path(d, a, m, out);
    if (gold && update) learn_sentence(d, a, m, gold, out, pass1 != NULL, update, uctx);
    for (size_t j = 0; j < m; j++)
        if (note_label(d, a + j, out[a + j], agg) < 0) return -1;
    return 0;
}

/* Viterbi decoding of toks[0..n) sentence by sentence (arguments as decode_range). */
static int viterbi_range(etag_decoder *d, etag_score_fn score, void *sctx, const etag_tok *toks,
                         size_t n, const uint8_t *pass1, const uint8_t *gold, etag_update_fn update,
                         void *uctx, uint8_t *out, int agg)
{
    memset(d->trans_have, 0, sizeof d->trans_have); /* the pass (pass1) is part of the key */
    for (size_t a = 0, b; a < n; a = b) {
        b = a + 1;
        while (b < n && !(toks[b].flags & ETAG_TF_SENT_START)) b++;
        if (viterbi_sentence(d, score, sctx, toks, a, b, n, pass1, gold, update, uctx, out, agg) <
            0)
            return -1;
    }
    return 0;
}

/* Labels toks[0..n) with the decoder's method (see decode_range). */
static int decode_any(etag_decoder *d, etag_score_fn score, void *sctx, const etag_tok *toks,
                      size_t n, const uint8_t *pass1, const uint8_t *gold, etag_update_fn update,
                      void *uctx, uint8_t *out, int agg)
{
    if (d->method == ETAG_DEC_VITERBI)
        return viterbi_range(d, score, sctx, toks, n, pass1, gold, update, uctx, out, agg);
    return decode_range(d, score, sctx, toks, n, pass1, gold, update, uctx, out, agg);
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
    return decode_any(d, score, sctx, toks, n, pass1, gold, update, uctx, d->labels, 0);
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
            decode_any(d, score, sctx, toks + a, b - a, NULL, NULL, NULL, NULL, d->labels + a,
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
            decode_any(d, score, sctx, toks + a, b - a, d->first + a, NULL, NULL, NULL,
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
    free(d->em);
    free(d->delta);
    free(d->back);
    free(d->forced);
    free(d->fx);
    free(d->foff);
    free(d->first);
    free(d->labels);
    memset(d, 0, sizeof *d);
}
