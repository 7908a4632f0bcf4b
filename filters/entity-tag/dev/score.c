/* conlleval-style entity scoring (see score.h). */
#include "score.h"

#include <stdlib.h>

#include "hash.h"

void etag_score_add(etag_score *s, const etag_span *gold, size_t ng, const etag_span *pred,
                    size_t np)
{
    size_t i = 0, j = 0;
    while (i < ng || j < np) {
        if (j >= np || (i < ng && gold[i].first < pred[j].first)) {
            s->fn[gold[i++].type]++;
        } else if (i >= ng || pred[j].first < gold[i].first) {
            s->fp[pred[j++].type]++;
        } else { /* same first token */
            if (gold[i].n == pred[j].n && gold[i].type == pred[j].type) {
                s->tp[gold[i].type]++;
            } else {
                s->fn[gold[i].type]++;
                s->fp[pred[j].type]++;
            }
            i++;
            j++;
        }
    }
}

double etag_score_f1(const etag_score *s, int type, double *p, double *r)
{
    unsigned long tp = 0, fp = 0, fn = 0;
    for (int t = 0; t < ETAG_NMODEL; t++)
        if (type < 0 || t == type) {
            tp += s->tp[t];
            fp += s->fp[t];
            fn += s->fn[t];
        }
    double pp = tp + fp ? 100.0 * (double)tp / (double)(tp + fp) : 0;
    double rr = tp + fn ? 100.0 * (double)tp / (double)(tp + fn) : 0;
    if (p) *p = pp;
    if (r) *r = rr;
    return pp + rr > 0 ? 2 * pp * rr / (pp + rr) : 0;
}

void etag_score_print(const etag_score *s, FILE *out, const char *prefix)
{
    double p, r, f = etag_score_f1(s, -1, &p, &r);
    unsigned long g = 0;
    for (int t = 0; t < ETAG_NMODEL; t++) g += s->tp[t] + s->fn[t];
    fprintf(out, "%s overall: precision %.2f recall %.2f F1 %.2f (%lu gold entities)\n", prefix, p,
            r, f, g);
    for (int t = 0; t < ETAG_NMODEL; t++) {
        f = etag_score_f1(s, t, &p, &r);
        fprintf(out, "%s %-4s   : precision %.2f recall %.2f F1 %.2f (%lu gold)\n", prefix,
                etag_type_name(t), p, r, f, s->tp[t] + s->fn[t]);
    }
}

static uint64_t span_key(const etag_corpus *c, const etag_span *sp)
{
    uint64_t h = 0x5EE2ULL;
    for (uint32_t t = sp->first; t < sp->first + sp->n; t++)
        h = np_hash64(c->text + c->tok[t], c->tok_len[t], h);
    return h;
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

static int has_name(const etag_names *S, uint64_t k)
{
    return S->n && bsearch(&k, S->key, S->n, sizeof k, cmp_u64) != NULL;
}

int etag_names_build(etag_names *S, const etag_corpus *c, const uint32_t *docs, uint32_t nd)
{
    S->n = 0;
    S->key = malloc((c->nspans + 1) * sizeof *S->key);
    if (!S->key) return -1;
    if (!docs) {
        for (uint32_t g = 0; g < c->nspans; g++) S->key[S->n++] = span_key(c, &c->spans[g]);
    } else {
        size_t g = 0;
        for (uint32_t k = 0; k < nd; k++) {
            uint32_t t0 = c->sent[c->doc[docs[k]]], t1 = c->sent[c->doc[docs[k] + 1]];
            while (g < c->nspans && c->spans[g].first < t0) g++;
            for (; g < c->nspans && c->spans[g].first < t1; g++)
                S->key[S->n++] = span_key(c, &c->spans[g]);
        }
    }
    qsort(S->key, S->n, sizeof *S->key, cmp_u64);
    return 0;
}

void etag_names_free(etag_names *S)
{
    free(S->key);
    S->key = NULL;
    S->n = 0;
}

int etag_score_add_by_name(etag_score sc[2], const etag_corpus *c, const etag_names *S,
                           const etag_span *gold, size_t ng, const etag_span *pred, size_t np)
{
    etag_span *part = malloc((ng + np + 1) * sizeof *part);
    if (!part) return -1;
    for (int seen = 0; seen < 2; seen++) {
        size_t a = 0, b = ng;
        for (size_t j = 0; j < ng; j++)
            if (has_name(S, span_key(c, &gold[j])) == seen) part[a++] = gold[j];
        for (size_t j = 0; j < np; j++)
            if (has_name(S, span_key(c, &pred[j])) == seen) part[b++] = pred[j];
        etag_score_add(&sc[seen], part, a, part + ng, b - ng);
    }
    free(part);
    return 0;
}

void etag_score_print_by_name(const etag_score sc[2], FILE *out, const char *prefix)
{
    unsigned long g[2] = {0, 0};
    for (int seen = 0; seen < 2; seen++)
        for (int t = 0; t < ETAG_NMODEL; t++) g[seen] += sc[seen].tp[t] + sc[seen].fn[t];
    for (int seen = 0; seen < 2; seen++) {
        double p, r, f = etag_score_f1(&sc[seen], -1, &p, &r);
        fprintf(out,
                "%s %s names: precision %.2f recall %.2f F1 %.2f (%lu gold entities, %.1f%%)\n",
                prefix, seen ? "seen" : "unseen", p, r, f, g[seen],
                100.0 * (double)g[seen] / (double)(g[0] + g[1] ? g[0] + g[1] : 1));
    }
}
