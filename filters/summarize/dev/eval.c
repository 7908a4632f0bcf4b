/* `newspipe-summarize eval`: per set, three ways of summarizing the same articles (the
 * shipped default, LEAD-3, and the lead cut to the default's word target, which shows how
 * much of a gain is length alone), mean ROUGE F1 with a percentile bootstrap interval, and
 * a paired bootstrap interval for the default's difference from LEAD-3. */
#include "eval.h"

#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analyse.h"
#include "cli.h"
#include "datapath.h"
#include "dataset.h"
#include "exitcode.h"
#include "hash.h"
#include "../model.h"
#include "rouge.h"
#include "../score.h"

enum { DEFAULT, LEAD3, LEADW, NWAYS };
static const char *const way_names[NWAYS] = {"default (shipped)", "LEAD-3", "lead, same words"};

/* Scores of one way on one article: ROUGE-1, -2, -Lsum (the measure chosen) and words. */
typedef struct {
    double v[3], words;
} art_score;

typedef struct {
    summ_vocab *voc;
    summ_scorer *sc;
    summ_doc d;
    summ_choice ch;
    summ_ids *ids;
    summ_seq *seq;
    size_t cap;
} evaluator;

static double pick(const summ_prf *x, int measure)
{
    return measure == 'r' ? x->r : measure == 'p' ? x->p : x->f;
}

/* Summarizes article a one way and scores it against its reference. */
static int score_article(evaluator *e, const summ_article *a, const summ_model *m,
                         summ_method method, const summ_limits *lim, int measure, art_score *out)
{
    if (summ_doc_analyse(&e->d, a->body, a->body_len, a->title, a->title_len) < 0 ||
        summ_choose(&e->d, a->body, m, method, lim, &e->ch) < 0)
        return -1;
    size_t need = a->nref + e->ch.n;
    if (need > e->cap) {
        summ_ids *p = realloc(e->ids, need * sizeof *p);
        if (!p) return -1;
        e->ids = p;
        summ_seq *q = realloc(e->seq, need * sizeof *q);
        if (!q) return -1;
        e->seq = q;
        memset(e->ids + e->cap, 0, (need - e->cap) * sizeof *e->ids);
        e->cap = need;
    }
    out->words = 0;
    for (size_t k = 0; k < need; k++) {
        e->ids[k].n = 0;
        const char *s = k < a->nref ? a->ref[k] : a->body + e->ch.start[k - a->nref];
        size_t n = k < a->nref ? a->ref_len[k] : e->ch.end[k - a->nref] - e->ch.start[k - a->nref];
        if (summ_rouge_tokens(e->voc, s, n, &e->ids[k]) < 0) return -1;
        e->seq[k] = (summ_seq){e->ids[k].v, e->ids[k].n};
        if (k >= a->nref) out->words += e->d.cand[e->ch.cand[k - a->nref]].wwords;
    }
    summ_rouge r;
    if (summ_rouge_score(e->sc, e->seq, a->nref, e->seq + a->nref, e->ch.n, &r) < 0) return -1;
    out->v[0] = 100 * pick(&r.r1, measure);
    out->v[1] = 100 * pick(&r.r2, measure);
    out->v[2] = 100 * pick(&r.rl, measure);
    return 0;
}

static uint64_t next_rand(uint64_t *state)
{
    *state += 0x9e3779b97f4a7c15ULL;
    return np_mix64(*state);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The 2.5% and 97.5% points of v[0..n) (sorted in place). */
static void interval(double *v, size_t n, double *lo, double *hi)
{
    qsort(v, n, sizeof *v, cmp_double);
    *lo = v[(size_t)floor(0.025 * (double)(n - 1))];
    *hi = v[(size_t)ceil(0.975 * (double)(n - 1))];
}

/* Prints one set's means as tab-separated lines: set, way, R-1, R-2, R-L, words. */
static void report_tsv(const char *name, size_t n, art_score *const s[NWAYS])
{
    static const char *const ways[NWAYS] = {"default", "lead3", "lead_words"};
    for (int w = 0; w < NWAYS; w++) {
        double m[4] = {0, 0, 0, 0};
        for (size_t k = 0; k < n; k++)
            m[0] += s[w][k].v[0], m[1] += s[w][k].v[1], m[2] += s[w][k].v[2], m[3] += s[w][k].words;
        printf("%s\t%s\t%.2f\t%.2f\t%.2f\t%.1f\n", name, ways[w], m[0] / (double)n,
               m[1] / (double)n, m[2] / (double)n, m[3] / (double)n);
    }
}

/* Prints one set's table. s[w][k]: way w on the k-th article used. */
static int report(const char *name, const char *split, const summ_dataset *ds, const size_t *idx,
                  size_t n, art_score *const s[NWAYS], const summ_limits *lim, uint64_t boot,
                  uint64_t seed)
{
    double *rs = malloc((size_t)boot * sizeof *rs);
    if (!rs) return -1;
    double refw = 0, refs = 0;
    for (size_t k = 0; k < n; k++) {
        const summ_article *a = &ds->a[idx[k]];
        refs += (double)a->nref;
        for (size_t r = 0; r < a->nref; r++) {
            int in = 0;
            for (size_t i = 0; i < a->ref_len[r]; i++) {
                int sp = a->ref[r][i] == ' ' || a->ref[r][i] == '\n' || a->ref[r][i] == '\t';
                refw += !sp && !in;
                in = !sp;
            }
        }
    }
    printf("== %s: %s part, %zu articles; references %.1f words, %.2f sentences ==\n", name, split,
           n, refw / (double)n, refs / (double)n);
    printf("%-24s %-21s %-21s %-21s %6s\n", "", "ROUGE-1", "ROUGE-2", "ROUGE-Lsum", "words");
    /* resample the articles once per replicate, the same draws for every row */
    for (int w = 0; w <= NWAYS; w++) {
        char label[64];
        if (w == LEADW && lim->words)
            snprintf(label, sizeof label, "lead, about %zu words", lim->words);
        else
            snprintf(label, sizeof label, "%s", w < NWAYS ? way_names[w] : "default - LEAD-3");
        printf("%-24s", label);
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            for (size_t k = 0; k < n; k++)
                mean += w < NWAYS ? s[w][k].v[j] : s[DEFAULT][k].v[j] - s[LEAD3][k].v[j];
            mean /= (double)n;
            uint64_t state = seed;
            for (uint64_t b = 0; b < boot; b++) {
                double sum = 0;
                for (size_t k = 0; k < n; k++) {
                    size_t i = next_rand(&state) % n;
                    sum += w < NWAYS ? s[w][i].v[j] : s[DEFAULT][i].v[j] - s[LEAD3][i].v[j];
                }
                rs[b] = sum / (double)n;
            }
            double lo, hi;
            interval(rs, (size_t)boot, &lo, &hi);
            printf(w < NWAYS ? " %5.2f [%5.2f,%6.2f]" : " %+5.2f [%+5.2f,%+5.2f]", mean, lo, hi);
        }
        if (w < NWAYS) {
            double words = 0;
            for (size_t k = 0; k < n; k++) words += s[w][k].words;
            printf(" %6.1f", words / (double)n);
        }
        printf("\n");
    }
    free(rs);
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: newspipe-summarize eval --data FILE [--data FILE]... [options]\n"
            "For each development set (NDJSON with body and reference, an array of sentences),\n"
            "ROUGE-1, ROUGE-2 and ROUGE-Lsum (x100) of the summarizer as shipped, of LEAD-3 and\n"
            "of the lead cut to the same word target, on the same articles, with 95%% bootstrap\n"
            "intervals (articles resampled) and the paired interval of the difference.\n"
            "  --data FILE       a development set (repeatable)\n"
            "  --weights FILE    weights (default: summarize.weights in the data directory)\n"
            "  --split PART      test (default: the sealed test part), tune or all\n"
            "  --sentences N     at most N sentences for the default method\n"
            "  --words N         about N words for the default method (0: no target)\n"
            "                    (both default to the weights file's)\n"
            "  --limit N         only the first N articles of the part, per set\n"
            "  --bootstrap B     bootstrap resamples (default 1000)\n"
            "  --seed S          bootstrap seed (default 1)\n"
            "  --measure M       f (F1, default), r (recall) or p (precision)\n"
            "  --tsv             only the means, one line per set and way: set, way (default,\n"
            "                    lead3, lead_words), R-1, R-2, R-L, words; tab-separated\n");
}

/* What `eval` was asked for (paths borrowed from argv). */
typedef struct {
    const char *data[64], *weights, *split;
    size_t ndata;
    int measure, have_n, have_w, tsv, want_test, want_all;
    uint64_t boot, seed, nsent, nwords, limit;
} eval_args;

/* Reads the options into *a. Returns -1 to go on, or the exit status (0 after --help). */
static int parse_args(int argc, char **argv, eval_args *a)
{
    static const struct option opts[] = {
        {"data", 1, NULL, 'd'},      {"weights", 1, NULL, 'w'}, {"split", 1, NULL, 's'},
        {"sentences", 1, NULL, 'n'}, {"words", 1, NULL, 'W'},   {"limit", 1, NULL, 'l'},
        {"bootstrap", 1, NULL, 'b'}, {"seed", 1, NULL, 'r'},    {"measure", 1, NULL, 'm'},
        {"tsv", 0, NULL, 't'},       {"help", 0, NULL, 'h'},    {NULL, 0, NULL, 0},
    };
    *a = (eval_args){.split = "test", .measure = 'f', .boot = 1000, .seed = 1};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (a->ndata == 64) {
                np_error("--data: at most 64 sets");
                return NP_EX_USAGE;
            }
            a->data[a->ndata++] = optarg;
            break;
        case 'w': a->weights = optarg; break;
        case 's': a->split = optarg; break;
        case 'n':
            if (np_parse_opt_uint("sentences", optarg, 1, 100000, &a->nsent) < 0)
                return NP_EX_USAGE;
            a->have_n = 1;
            break;
        case 'W':
            if (np_parse_opt_uint("words", optarg, 0, 100000, &a->nwords) < 0) return NP_EX_USAGE;
            a->have_w = 1;
            break;
        case 'l':
            if (np_parse_opt_uint("limit", optarg, 1, UINT32_MAX, &a->limit) < 0)
                return NP_EX_USAGE;
            break;
        case 'm':
            if (strcmp(optarg, "f") != 0 && strcmp(optarg, "r") != 0 && strcmp(optarg, "p") != 0) {
                np_error("--measure: expected f, r or p");
                return NP_EX_USAGE;
            }
            a->measure = optarg[0];
            break;
        case 'b':
            if (np_parse_opt_uint("bootstrap", optarg, 1, 1000000, &a->boot) < 0)
                return NP_EX_USAGE;
            break;
        case 'r':
            if (np_parse_opt_uint("seed", optarg, 0, UINT64_MAX, &a->seed) < 0) return NP_EX_USAGE;
            break;
        case 't': a->tsv = 1; break;
        case 'h': usage(stdout); return NP_EX_OK;
        default: usage(stderr); return NP_EX_USAGE;
        }
    }
    if (!a->ndata || optind != argc) {
        usage(stderr);
        return NP_EX_USAGE;
    }
    a->want_test = strcmp(a->split, "test") == 0;
    a->want_all = strcmp(a->split, "all") == 0;
    if (!a->want_test && !a->want_all && strcmp(a->split, "tune") != 0) {
        np_error("--split: expected test, tune or all");
        return NP_EX_USAGE;
    }
    return -1;
}

/* The set's name: the folder holding its file. */
static void set_name(const char *path, char *name, size_t cap)
{
    const char *slash = strrchr(path, '/');
    if (slash && slash > path) {
        const char *b = slash - 1;
        while (b > path && b[-1] != '/') b--;
        snprintf(name, cap, "%.*s", (int)(slash - b), b);
    } else {
        snprintf(name, cap, "%s", path);
    }
}

/* The three summaries a set is scored with: the default, LEAD-3, the lead at its length. */
typedef struct {
    summ_limits dflt, lead3, leadw;
} eval_lengths;

/* Scores one set's articles of the split and reports them. Returns the exit status. */
static int eval_set(evaluator *e, const eval_args *a, const char *path, const summ_model *m,
                    const eval_lengths *len)
{
    char err[512];
    summ_dataset ds;
    int rc = summ_dataset_load(&ds, path, "reference", err, sizeof err);
    if (rc) {
        np_error("%s", err);
        return rc;
    }
    size_t *idx = calloc(ds.n, sizeof *idx), n = 0;
    art_score *s[NWAYS] = {0};
    for (int w = 0; w < NWAYS; w++) s[w] = calloc(ds.n, sizeof *s[w]);
    if (!idx || !s[0] || !s[1] || !s[2]) rc = NP_EX_SOFTWARE;
    for (size_t i = 0; i < ds.n && rc == NP_EX_OK && (!a->limit || n < a->limit); i++) {
        if (!a->want_all && summ_article_is_test(&ds.a[i]) != a->want_test) continue;
        if (score_article(e, &ds.a[i], m, SUMM_METHOD_DEFAULT, &len->dflt, a->measure,
                          &s[DEFAULT][n]) < 0 ||
            score_article(e, &ds.a[i], m, SUMM_METHOD_LEAD, &len->lead3, a->measure, &s[LEAD3][n]) <
                0 ||
            score_article(e, &ds.a[i], m, SUMM_METHOD_LEAD, &len->leadw, a->measure, &s[LEADW][n]) <
                0)
            rc = NP_EX_SOFTWARE;
        idx[n++] = i;
    }
    char name[128];
    set_name(path, name, sizeof name);
    if (rc == NP_EX_OK && n == 0) {
        np_error("%s: no articles in the %s part", path, a->split);
        rc = NP_EX_DATAERR;
    }
    if (rc == NP_EX_OK && a->tsv)
        report_tsv(name, n, s);
    else if (rc == NP_EX_OK &&
             report(name, a->split, &ds, idx, n, s, &len->dflt, a->boot, a->seed) < 0)
        rc = NP_EX_SOFTWARE;
    free(idx);
    for (int w = 0; w < NWAYS; w++) free(s[w]);
    summ_dataset_free(&ds);
    return rc;
}

int summ_eval_main(int argc, char **argv)
{
    eval_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0) return rc;
    char path[4096], err[512];
    const char *weights = a.weights;
    if (!weights) {
        if (np_data_path("summarize.weights", path, sizeof path) < 0) {
            np_error("cannot find summarize.weights (tried %s); use --weights", path);
            return NP_EX_CONFIG;
        }
        weights = path;
    }
    summ_model m;
    if (summ_model_load(&m, weights, err, sizeof err) < 0) {
        np_error("%s", err);
        return NP_EX_CONFIG;
    }
    /* the default's length as the filter would set it */
    eval_lengths len = {{m.sentences, m.words, 0}, {3, 0, 0}, {0, 0, 0}};
    if (a.have_n) len.dflt.sentences = a.nsent, len.dflt.words = a.have_w ? a.nwords : 0;
    if (a.have_w) len.dflt.words = a.nwords, len.dflt.sentences = a.have_n ? a.nsent : 0;
    len.leadw = (summ_limits){0, len.dflt.words, 0};
    if (!len.dflt.words) len.leadw = len.lead3;
    if (!a.tsv) {
        printf("weights: %s (about %zu words, at most %zu sentences; 0: no limit)\n", weights,
               len.dflt.words, len.dflt.sentences);
        printf("measure: ROUGE %s x 100, as rouge_score (Porter stemming, rougeLsum); 95%% "
               "bootstrap intervals, %lu resamples\n",
               a.measure == 'r'   ? "recall"
               : a.measure == 'p' ? "precision"
                                  : "F1",
               (unsigned long)a.boot);
    }
    evaluator e = {0};
    rc = (e.voc = summ_vocab_new()) && (e.sc = summ_scorer_new()) ? NP_EX_OK : NP_EX_SOFTWARE;
    for (size_t f = 0; f < a.ndata && rc == NP_EX_OK; f++)
        rc = eval_set(&e, &a, a.data[f], &m, &len);
    if (rc == NP_EX_SOFTWARE) np_error("out of memory");
    for (size_t k = 0; k < e.cap; k++) summ_ids_free(&e.ids[k]);
    free(e.ids);
    free(e.seq);
    summ_doc_free(&e.d);
    summ_choice_free(&e.ch);
    summ_scorer_free(e.sc);
    summ_vocab_free(e.voc);
    return rc;
}
