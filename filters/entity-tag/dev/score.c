/* conlleval-style entity scoring (see score.h). */
#include "score.h"

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
