/* Corpus loading: every wanted article analysed once, its candidates and term vectors copied
 * out of the analysis, token ids and oracle labels computed; then cheap re-choosing through a
 * summ_doc that borrows the kept arrays. */
#include "corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "exitcode.h"
#include "oracle.h"

/* The per-candidate arrays grow together. */
static int reserve_cand(summ_corpus *c, size_t need)
{
    size_t cap = c->capcand;
    if (np_array_reserve((void **)&c->hard, &cap, need, sizeof *c->hard) < 0) return -1;
    cap = c->capcand;
    if (np_array_reserve((void **)&c->soft, &cap, need, sizeof *c->soft) < 0) return -1;
    cap = c->capcand;
    if (np_array_reserve((void **)&c->ctok, &cap, need, sizeof *c->ctok) < 0) return -1;
    if (cap > c->capcand) memset(c->ctok + c->capcand, 0, (cap - c->capcand) * sizeof *c->ctok);
    return np_array_reserve((void **)&c->cand, &c->capcand, need, sizeof *c->cand);
}

static double count_words(const char *s, size_t n)
{
    double w = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r';
        w += !sp && !in;
        in = !sp;
    }
    return w;
}

/* The set's name: the folder that holds the file ("a/b/cnn/docs.ndjson" -> "cnn"), or the
 * file's own name. */
static void set_name(char *out, size_t len, const char *path)
{
    const char *e = strrchr(path, '/');
    const char *b = path;
    if (e && e > path) {
        const char *p = e - 1;
        while (p > path && p[-1] != '/') p--;
        b = p;
    } else {
        e = path + strlen(path);
    }
    size_t n = (size_t)(e - b);
    if (n == 0 || n >= len) b = path, n = strlen(path) < len ? strlen(path) : len - 1;
    memcpy(out, b, n);
    out[n] = '\0';
}

/* Analyses one article into the corpus. */
static int add_item(summ_corpus *c, summ_doc *d, summ_oracle *o, unsigned char **chosen,
                    double **gain, size_t *capg, int set, const summ_article *a, int fold)
{
    if (summ_doc_analyse(d, a->body, a->body_len, a->title, a->title_len) < 0) return -1;
    if (np_array_reserve((void **)&c->item, &c->capitem, c->nitem + 1, sizeof *c->item) < 0)
        return -1;
    summ_item *it = &c->item[c->nitem];
    memset(it, 0, sizeof *it);
    it->a = a;
    it->set = set;
    it->fold = fold;
    it->c0 = c->ncand;
    it->nc = d->ncand;
    it->t0 = c->nterms;
    it->nslots = d->nslots;
    if (d->nslots > c->maxslots) c->maxslots = d->nslots;
    if (reserve_cand(c, c->ncand + d->ncand) < 0 ||
        np_array_reserve((void **)&c->terms, &c->capterms, c->nterms + d->nterms + 1,
                         sizeof *c->terms) < 0)
        return -1;
    if (d->ncand) memcpy(c->cand + c->ncand, d->cand, d->ncand * sizeof *d->cand);
    if (d->nterms) memcpy(c->terms + c->nterms, d->terms, d->nterms * sizeof *d->terms);
    c->nterms += d->nterms;
    for (size_t k = 0; k < d->ncand; k++) {
        summ_ids *t = &c->ctok[c->ncand + k];
        t->n = 0;
        const summ_cand *x = &d->cand[k];
        if (summ_rouge_tokens(c->voc, a->body + x->start, x->end - x->start, t) < 0) return -1;
    }
    /* references */
    it->r0 = c->nref;
    it->nr = a->nref;
    size_t cap = c->capref;
    if (np_array_reserve((void **)&c->rtok, &cap, c->nref + a->nref, sizeof *c->rtok) < 0)
        return -1;
    if (cap > c->capref) memset(c->rtok + c->capref, 0, (cap - c->capref) * sizeof *c->rtok);
    c->capref = cap;
    for (size_t k = 0; k < a->nref; k++) {
        if (summ_rouge_tokens(c->voc, a->ref[k], a->ref_len[k], &c->rtok[c->nref + k]) < 0)
            return -1;
        it->ref_words += count_words(a->ref[k], a->ref_len[k]);
    }
    c->nref += a->nref;
    /* oracle labels */
    size_t nc = d->ncand;
    size_t capg2 = *capg;
    if (np_array_reserve((void **)&c->seq, &c->capseq, nc + a->nref + 1, sizeof *c->seq) < 0 ||
        np_array_reserve((void **)gain, &capg2, nc + 1, sizeof **gain) < 0 ||
        np_array_reserve((void **)chosen, capg, nc + 1, 1) < 0)
        return -1;
    summ_seq *rs = c->seq, *cs = c->seq + a->nref;
    for (size_t k = 0; k < a->nref; k++)
        rs[k] = (summ_seq){c->rtok[it->r0 + k].v, c->rtok[it->r0 + k].n};
    for (size_t k = 0; k < nc; k++) {
        const summ_ids *t = &c->ctok[c->ncand + k];
        /* a heading too short to be chosen is no oracle sentence either */
        int weak = (d->cand[k].flags & SUMM_C_WEAK) != 0;
        cs[k] = (summ_seq){t->v, weak ? 0 : t->n};
    }
    if (summ_oracle_greedy(o, rs, a->nref, cs, nc, SUMM_ORACLE_MAX, *chosen) < 0 ||
        summ_oracle_soft(o, rs, a->nref, cs, nc, *gain) < 0)
        return -1;
    for (size_t k = 0; k < nc; k++) {
        c->hard[c->ncand + k] = (*chosen)[k];
        c->soft[c->ncand + k] = (float)(*gain)[k];
    }
    c->ncand += nc;
    c->nitem++;
    return 0;
}

int summ_corpus_load(summ_corpus *c, const char *const *paths, size_t n, int parts, char *err,
                     size_t errlen)
{
    memset(c, 0, sizeof *c);
    if (n > SUMM_MAX_SETS) {
        snprintf(err, errlen, "at most %d data sets", SUMM_MAX_SETS);
        return NP_EX_USAGE;
    }
    if (!(c->voc = summ_vocab_new()) || !(c->sc = summ_scorer_new())) {
        snprintf(err, errlen, "out of memory");
        summ_corpus_free(c);
        return NP_EX_SOFTWARE;
    }
    summ_doc d = {0};
    summ_oracle o = {0};
    unsigned char *chosen = NULL;
    double *gain = NULL;
    size_t capg = 0;
    int rc = 0;
    for (size_t s = 0; s < n && rc == 0; s++) {
        if ((rc = summ_dataset_load(&c->set[s], paths[s], "reference", err, errlen)) != 0) break;
        c->nsets++;
        set_name(c->name[s], sizeof c->name[s], paths[s]);
        for (size_t i = 0; i < c->set[s].n && rc == 0; i++) {
            const summ_article *a = &c->set[s].a[i];
            int test = summ_article_is_test(a);
            if (!(parts & (test ? SUMM_PART_TEST : SUMM_PART_TUNE))) continue;
            if (add_item(c, &d, &o, &chosen, &gain, &capg, (int)s, a,
                         test ? -1 : summ_article_fold(a)) < 0) {
                snprintf(err, errlen, "out of memory");
                rc = NP_EX_SOFTWARE;
            }
        }
    }
    if (rc == 0 && !(c->acc = calloc(c->maxslots + 1, sizeof *c->acc))) {
        snprintf(err, errlen, "out of memory");
        rc = NP_EX_SOFTWARE;
    }
    summ_doc_free(&d);
    summ_oracle_free(&o);
    free(chosen);
    free(gain);
    if (rc) summ_corpus_free(c);
    return rc;
}

int summ_corpus_choose(summ_corpus *c, size_t i, const summ_model *m, summ_method method,
                       const summ_limits *lim, summ_choice *ch)
{
    const summ_item *it = &c->item[i];
    /* a view of the kept analysis: summ_choose reads the candidates and, for the redundancy
     * penalty, their term vectors through the scatter array; nothing here is owned */
    summ_doc d;
    memset(&d, 0, sizeof d);
    d.cand = c->cand + it->c0;
    d.ncand = it->nc;
    d.terms = c->terms + it->t0;
    d.acc = c->acc;
    return summ_choose(&d, it->a->body, m, method, lim, ch);
}

int summ_corpus_rouge(summ_corpus *c, size_t i, const summ_choice *ch, summ_rouge *out,
                      double *words)
{
    const summ_item *it = &c->item[i];
    if (np_array_reserve((void **)&c->seq, &c->capseq, it->nr + ch->n + 1, sizeof *c->seq) < 0)
        return -1;
    summ_seq *rs = c->seq, *cs = c->seq + it->nr;
    double w = 0;
    for (size_t k = 0; k < it->nr; k++)
        rs[k] = (summ_seq){c->rtok[it->r0 + k].v, c->rtok[it->r0 + k].n};
    for (size_t k = 0; k < ch->n; k++) {
        const summ_ids *t = &c->ctok[it->c0 + ch->cand[k]];
        cs[k] = (summ_seq){t->v, t->n};
        w += c->cand[it->c0 + ch->cand[k]].wwords;
    }
    if (words) *words = w;
    return summ_rouge_score(c->sc, rs, it->nr, cs, ch->n, out);
}

void summ_corpus_free(summ_corpus *c)
{
    for (size_t s = 0; s < c->nsets; s++) summ_dataset_free(&c->set[s]);
    for (size_t k = 0; k < c->capcand && c->ctok; k++) summ_ids_free(&c->ctok[k]);
    for (size_t k = 0; k < c->capref && c->rtok; k++) summ_ids_free(&c->rtok[k]);
    free(c->item);
    free(c->cand);
    free(c->hard);
    free(c->soft);
    free(c->ctok);
    free(c->rtok);
    free(c->terms);
    free(c->acc);
    free(c->seq);
    summ_vocab_free(c->voc);
    summ_scorer_free(c->sc);
    memset(c, 0, sizeof *c);
}
