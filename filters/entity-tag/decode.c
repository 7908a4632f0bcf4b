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

int etag_decode(etag_decoder *d, const etag_resources *r, etag_score_fn score, void *sctx,
                const etag_tok *toks, size_t n, const uint8_t *gold, etag_update_fn update,
                void *uctx)
{
    if (n + 1 > d->cap) {
        size_t cap = d->cap ? d->cap : 256;
        while (cap < n + 1) cap *= 2;
        uint8_t *p = realloc(d->labels, cap);
        if (!p) return -1;
        d->labels = p;
        d->cap = cap;
    }
    if (etag_features_compute(&d->feat, r, toks, n) < 0) return -1;
    etag_docmap_reset(&d->hist);
    etag_features *f = &d->feat;
    uint64_t x[ETAG_MAXFEAT + 16];
    int p1 = BOUNDARY, p2 = BOUNDARY;
    for (size_t i = 0; i < n; i++) {
        int start = (i == 0) || (toks[i].flags & ETAG_TF_SENT_START);
        int last = i + 1 == n || (toks[i + 1].flags & ETAG_TF_SENT_START);
        if (start) p1 = p2 = BOUNDARY;
        size_t k = etag_features_token(f, i, x);
        x[k++] = etag_feat(ETAG_T_P1, (uint64_t)p1, 0);
        x[k++] = etag_feat(ETAG_T_P2, (uint64_t)p2, 0);
        x[k++] = etag_feat(ETAG_T_P1P2, (uint64_t)p1, (uint64_t)p2);
        x[k++] = etag_feat(ETAG_T_P1W, (uint64_t)p1, f->hl[i]);
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
        d->labels[i] = (uint8_t)best;
        if (name_like(f->cap[i])) {
            etag_docmap_entry *e = etag_docmap_get(&d->hist, f->hl[i]);
            if (!e) return -1;
            int t = etag_label_type(best) + 1;
            if (e->cnt[t] < UINT16_MAX) e->cnt[t]++;
            e->last = (uint8_t)(t + 1);
        }
        p2 = p1;
        p1 = best;
    }
    return 0;
}

void etag_decoder_free(etag_decoder *d)
{
    etag_features_free(&d->feat);
    etag_docmap_free(&d->hist);
    free(d->labels);
    memset(d, 0, sizeof *d);
}
