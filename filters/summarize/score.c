/* Sentence choice: greedy maximal marginal relevance over the fitted score (each step takes
 * the sentence with the best score minus mmr x its highest cosine similarity to the ones
 * already taken), or plain article order for the lead baseline. */
#include "score.h"

#include <stdlib.h>
#include <string.h>

enum { AVAIL, TAKEN, OFF, TOO_LONG };

double summ_score(const summ_model *m, const summ_cand *c)
{
    double s = 0;
    for (int k = 0; k < SUMM_NFEAT; k++) s += m->w[k] * c->x[k];
    return s;
}

static int grow(void **p, size_t need, size_t size)
{
    void *q = realloc(*p, need * size);
    if (!q) return -1;
    *p = q;
    return 0;
}

static int reserve(summ_choice *o, size_t nc)
{
    if (nc <= o->cap) return 0;
    size_t c = o->cap ? o->cap : 16;
    while (c < nc) c *= 2;
    if (grow((void **)&o->cand, c, sizeof *o->cand) ||
        grow((void **)&o->start, c, sizeof *o->start) ||
        grow((void **)&o->end, c, sizeof *o->end) ||
        grow((void **)&o->cp_start, c, sizeof *o->cp_start) ||
        grow((void **)&o->cp_end, c, sizeof *o->cp_end) ||
        grow((void **)&o->rel, c, sizeof *o->rel) ||
        grow((void **)&o->maxsim, c, sizeof *o->maxsim) ||
        grow((void **)&o->state, c, sizeof *o->state))
        return -1;
    o->cap = c;
    return 0;
}

/* Cuts candidate c to at most limit code points, at the last space that keeps it within the
 * limit (mid-word only when the first word alone is too long). */
static void cut(const summ_cand *c, const char *text, size_t limit, uint32_t *end, uint32_t *cp_end)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = c->start, cps = 0, sp = 0, sp_cps = 0;
    while (i < c->end && cps < limit) {
        if (s[i] == ' ' && i > c->start) sp = i, sp_cps = cps;
        i++;
        while (i < c->end && (s[i] & 0xC0) == 0x80) i++;
        cps++;
    }
    if (i < c->end && s[i] != ' ' && sp > 0) i = sp, cps = sp_cps;
    while (i > c->start && s[i - 1] == ' ') i--, cps--;
    *end = (uint32_t)i;
    *cp_end = c->cp_start + (uint32_t)cps;
}

int summ_choose(summ_doc *d, const char *text, const summ_model *m, summ_method method,
                const summ_limits *lim, summ_choice *out)
{
    size_t nc = d->ncand, max_chars = lim->chars, nsent = lim->sentences ? lim->sentences : nc;
    out->n = 0;
    if (nc == 0) return 0;
    if (reserve(out, nc) < 0) return -1;
    int strong = 0;
    for (size_t i = 0; i < nc; i++) strong |= !(d->cand[i].flags & SUMM_C_WEAK);
    for (size_t i = 0; i < nc; i++) {
        out->state[i] = (strong && (d->cand[i].flags & SUMM_C_WEAK)) ? OFF : AVAIL;
        out->rel[i] = method == SUMM_METHOD_LEAD ? -(double)i : summ_score(m, &d->cand[i]);
        out->maxsim[i] = 0;
    }
    int use_mmr = method == SUMM_METHOD_DEFAULT && m->mmr != 0;
    size_t used = 0, picks = 0, words = 0;
    while (picks < nsent) {
        long best = -1;
        double bestv = 0;
        size_t bestneed = 0;
        for (size_t i = 0; i < nc; i++) {
            if (out->state[i] != AVAIL) continue;
            size_t need = used + (picks ? 1 : 0) + (d->cand[i].cp_end - d->cand[i].cp_start);
            if (max_chars && need > max_chars) {
                out->state[i] = TOO_LONG; /* the summary only grows: it never fits later */
                continue;
            }
            double v = out->rel[i] - (use_mmr ? m->mmr * out->maxsim[i] : 0);
            if (best < 0 || v > bestv) best = (long)i, bestv = v, bestneed = need;
        }
        if (best < 0) break;
        if (lim->words && picks) {
            /* stop when taking it would end further from the target than stopping here */
            size_t w = words + d->cand[best].wwords, target = lim->words;
            size_t with = w > target ? w - target : target - w;
            size_t without = words > target ? words - target : target - words;
            if (with > without) break;
        }
        words += d->cand[best].wwords;
        out->state[best] = TAKEN;
        used = bestneed;
        picks++;
        if (use_mmr && picks < nsent) {
            summ_doc_scatter(d, (size_t)best);
            for (size_t i = 0; i < nc; i++) {
                if (out->state[i] != AVAIL) continue;
                double sim = summ_doc_dot(d, i);
                if (sim > out->maxsim[i]) out->maxsim[i] = sim;
            }
            summ_doc_unscatter(d, (size_t)best);
        }
    }
    if (picks == 0 && max_chars > 0) {
        /* nothing fits whole: cut the best sentence to the budget */
        long best = -1;
        for (size_t i = 0; i < nc; i++)
            if (out->state[i] == TOO_LONG && (best < 0 || out->rel[i] > out->rel[best]))
                best = (long)i;
        if (best < 0) return 0;
        const summ_cand *c = &d->cand[best];
        out->cand[0] = (uint32_t)best;
        out->start[0] = c->start;
        out->cp_start[0] = c->cp_start;
        cut(c, text, max_chars, &out->end[0], &out->cp_end[0]);
        out->n = out->end[0] > out->start[0];
        return 0;
    }
    for (size_t i = 0; i < nc; i++) {
        if (out->state[i] != TAKEN) continue;
        const summ_cand *c = &d->cand[i];
        size_t k = out->n++;
        out->cand[k] = (uint32_t)i;
        out->start[k] = c->start;
        out->end[k] = c->end;
        out->cp_start[k] = c->cp_start;
        out->cp_end[k] = c->cp_end;
    }
    return 0;
}

void summ_choice_free(summ_choice *c)
{
    free(c->cand);
    free(c->start);
    free(c->end);
    free(c->cp_start);
    free(c->cp_end);
    free(c->rel);
    free(c->maxsim);
    free(c->state);
    memset(c, 0, sizeof *c);
}
