/* `newspipe-summarize eval`: both methods on the same articles with the same number of
 * sentences, mean ROUGE F1, and a paired bootstrap over articles for the difference. */
#include "eval.h"

#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "datapath.h"
#include "exitcode.h"
#include "analyse.h"
#include "hash.h"
#include "rouge.h"

int summ_eval_articles(const summ_dataset *ds, const unsigned char *use, const summ_model *m,
                       summ_method method, size_t nsent, summ_rouge *out)
{
    summ_doc d = {0};
    summ_choice ch = {0};
    summ_vocab *voc = summ_vocab_new();
    summ_scorer *sc = summ_scorer_new();
    summ_ids *ids = NULL;
    summ_seq *seq = NULL;
    size_t cap = 0;
    int rc = voc && sc ? 0 : -1;
    for (size_t i = 0; i < ds->n && rc == 0; i++) {
        if (!use[i]) continue;
        const summ_article *a = &ds->a[i];
        size_t want = nsent ? nsent : a->nref;
        if (summ_doc_analyse(&d, a->body, a->body_len, a->title, a->title_len) < 0 ||
            summ_choose(&d, a->body, m, method, want, 0, &ch) < 0) {
            rc = -1;
            break;
        }
        size_t need = a->nref + ch.n;
        if (need > cap) {
            summ_ids *p = realloc(ids, need * sizeof *p);
            summ_seq *q = p ? realloc(seq, need * sizeof *q) : NULL;
            if (p) ids = p;
            if (!p || !q) {
                rc = -1;
                break;
            }
            seq = q;
            memset(ids + cap, 0, (need - cap) * sizeof *ids);
            cap = need;
        }
        for (size_t k = 0; k < need && rc == 0; k++) {
            ids[k].n = 0;
            const char *s = k < a->nref ? a->ref[k] : a->body + ch.start[k - a->nref];
            size_t n = k < a->nref ? a->ref_len[k] : ch.end[k - a->nref] - ch.start[k - a->nref];
            rc = summ_rouge_tokens(voc, s, n, &ids[k]);
            seq[k] = (summ_seq){ids[k].v, ids[k].n};
        }
        if (rc == 0 && summ_rouge_score(sc, seq, a->nref, seq + a->nref, ch.n, &out[i]) < 0)
            rc = -1;
    }
    for (size_t k = 0; k < cap; k++) summ_ids_free(&ids[k]);
    free(ids);
    free(seq);
    summ_scorer_free(sc);
    summ_vocab_free(voc);
    summ_choice_free(&ch);
    summ_doc_free(&d);
    return rc;
}

static double pick(const summ_prf *x, int measure)
{
    return measure == 'r' ? x->r : measure == 'p' ? x->p : x->f;
}

double summ_eval_mean(const summ_dataset *ds, const unsigned char *use, const summ_rouge *r,
                      int measure)
{
    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < ds->n; i++) {
        if (!use[i]) continue;
        sum += (pick(&r[i].r1, measure) + pick(&r[i].r2, measure) + pick(&r[i].rl, measure)) / 3;
        n++;
    }
    return n ? sum / (double)n : 0;
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

static void usage(FILE *f)
{
    fprintf(f, "usage: newspipe-summarize eval --data FILE [options]\n"
               "ROUGE-1/2/L F1 (x100) of the summarizer and of the lead baseline on the same\n"
               "articles with the same number of sentences, and a paired bootstrap 95%% interval\n"
               "for the difference (articles resampled).\n"
               "  --data FILE       NDJSON with title, body and reference (array of sentences)\n"
               "  --weights FILE    weights (default: summarize.weights in the data directory)\n"
               "  --split PART      test (default), tune or all; test = id number divisible by 3\n"
               "  --sentences N     sentences per summary, or \"ref\" (default): as many as the\n"
               "                    article's reference summary has\n"
               "  --bootstrap B     bootstrap resamples (default 1000)\n"
               "  --seed S          bootstrap seed (default 1)\n"
               "  --reference FIELD the reference summary: an array of sentences or one string\n"
               "                    (default reference; e.g. title for a headline check)\n"
               "  --no-title        do not give the title to the summarizer\n"
               "  --measure M       f (F1, default), r (recall) or p (precision)\n");
}

int summ_eval_main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"data", 1, NULL, 'd'},      {"weights", 1, NULL, 'w'},   {"split", 1, NULL, 's'},
        {"sentences", 1, NULL, 'n'}, {"bootstrap", 1, NULL, 'b'}, {"seed", 1, NULL, 'r'},
        {"reference", 1, NULL, 'f'}, {"no-title", 0, NULL, 't'},  {"measure", 1, NULL, 'm'},
        {"help", 0, NULL, 'h'},      {NULL, 0, NULL, 0},
    };
    const char *data = NULL, *weights = NULL, *split = "test", *sentences = "ref";
    const char *ref_field = "reference";
    int no_title = 0, measure = 'f';
    uint64_t boot = 1000, seed = 1, nsent = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': data = optarg; break;
        case 'w': weights = optarg; break;
        case 's': split = optarg; break;
        case 'n': sentences = optarg; break;
        case 'f': ref_field = optarg; break;
        case 't': no_title = 1; break;
        case 'm':
            if (strcmp(optarg, "f") != 0 && strcmp(optarg, "r") != 0 && strcmp(optarg, "p") != 0) {
                np_error("--measure: expected f, r or p");
                return NP_EX_USAGE;
            }
            measure = optarg[0];
            break;
        case 'b':
            if (np_parse_uint(optarg, 1, 1000000, &boot) < 0) {
                np_error("--bootstrap: expected 1..1000000");
                return NP_EX_USAGE;
            }
            break;
        case 'r':
            if (np_parse_uint(optarg, 0, UINT64_MAX, &seed) < 0) {
                np_error("--seed: expected a number");
                return NP_EX_USAGE;
            }
            break;
        case 'h': usage(stdout); return NP_EX_OK;
        default: usage(stderr); return NP_EX_USAGE;
        }
    }
    if (!data || optind != argc) {
        usage(stderr);
        return NP_EX_USAGE;
    }
    if (strcmp(sentences, "ref") != 0 && np_parse_uint(sentences, 1, 1000, &nsent) < 0) {
        np_error("--sentences: expected 1..1000 or ref");
        return NP_EX_USAGE;
    }
    int want_test = strcmp(split, "test") == 0, want_all = strcmp(split, "all") == 0;
    if (!want_test && !want_all && strcmp(split, "tune") != 0) {
        np_error("--split: expected test, tune or all");
        return NP_EX_USAGE;
    }
    char path[4096], err[512];
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
    summ_dataset ds;
    if (summ_dataset_load(&ds, data, ref_field, err, sizeof err) < 0) {
        np_error("%s", err);
        return NP_EX_NOINPUT;
    }
    if (no_title)
        for (size_t i = 0; i < ds.n; i++) ds.a[i].title_len = 0;
    unsigned char *use = calloc(ds.n, 1);
    summ_rouge *ra = calloc(ds.n, sizeof *ra), *rb = calloc(ds.n, sizeof *rb);
    size_t *idx = calloc(ds.n, sizeof *idx);
    double *diffs = calloc((size_t)boot * 3, sizeof *diffs);
    int rc = NP_EX_SOFTWARE;
    if (!use || !ra || !rb || !idx || !diffs) goto out;
    size_t n = 0, refsum = 0;
    for (size_t i = 0; i < ds.n; i++) {
        use[i] = want_all || summ_article_is_test(&ds.a[i]) == want_test;
        if (use[i]) idx[n++] = i, refsum += ds.a[i].nref;
    }
    if (n == 0) {
        np_error("no articles in the %s split", split);
        rc = NP_EX_DATAERR;
        goto out;
    }
    if (summ_eval_articles(&ds, use, &m, SUMM_METHOD_DEFAULT, (size_t)nsent, ra) < 0 ||
        summ_eval_articles(&ds, use, &m, SUMM_METHOD_LEAD, (size_t)nsent, rb) < 0)
        goto out;
    double mean[2][3] = {{0}};
    for (size_t k = 0; k < n; k++) {
        size_t i = idx[k];
        mean[0][0] += pick(&ra[i].r1, measure), mean[0][1] += pick(&ra[i].r2, measure),
            mean[0][2] += pick(&ra[i].rl, measure);
        mean[1][0] += pick(&rb[i].r1, measure), mean[1][1] += pick(&rb[i].r2, measure),
            mean[1][2] += pick(&rb[i].rl, measure);
    }
    uint64_t state = seed;
    for (uint64_t b = 0; b < boot; b++) {
        double s[3] = {0, 0, 0};
        for (size_t k = 0; k < n; k++) {
            size_t i = idx[next_rand(&state) % n];
            s[0] += pick(&ra[i].r1, measure) - pick(&rb[i].r1, measure);
            s[1] += pick(&ra[i].r2, measure) - pick(&rb[i].r2, measure);
            s[2] += pick(&ra[i].rl, measure) - pick(&rb[i].rl, measure);
        }
        for (int j = 0; j < 3; j++) diffs[j * boot + b] = 100 * s[j] / (double)n;
    }
    printf("data: %s\nweights: %s\nreference: %s%s\n", data, weights, ref_field,
           no_title ? " (title not given to the summarizer)" : "");
    printf("split: %s (%zu articles; test = id number divisible by 3)\n", split, n);
    if (nsent)
        printf("sentences per summary: %lu for both methods\n", (unsigned long)nsent);
    else
        printf("sentences per summary: the reference's sentence count, for both methods "
               "(mean %.2f)\n",
               (double)refsum / (double)n);
    printf("measure: ROUGE %s x 100\n", measure == 'r'   ? "recall"
                                        : measure == 'p' ? "precision"
                                                         : "F1");
    printf("%-22s %7s %7s %7s\n", "method", "R-1", "R-2", "R-L");
    printf("%-22s %7.2f %7.2f %7.2f\n", "default", 100 * mean[0][0] / n, 100 * mean[0][1] / n,
           100 * mean[0][2] / n);
    printf("%-22s %7.2f %7.2f %7.2f\n", nsent ? "lead" : "lead (LEAD-N)", 100 * mean[1][0] / n,
           100 * mean[1][1] / n, 100 * mean[1][2] / n);
    const char *names[3] = {"R-1", "R-2", "R-L"};
    for (int j = 0; j < 3; j++) {
        double *v = diffs + j * boot;
        qsort(v, (size_t)boot, sizeof *v, cmp_double);
        double lo = v[(size_t)floor(0.025 * (double)(boot - 1))];
        double hi = v[(size_t)ceil(0.975 * (double)(boot - 1))];
        printf("difference %s: %+.2f  95%% bootstrap interval [%+.2f, %+.2f] (%lu resamples)\n",
               names[j], 100 * (mean[0][j] - mean[1][j]) / n, lo, hi, (unsigned long)boot);
    }
    rc = NP_EX_OK;
out:
    if (rc == NP_EX_SOFTWARE) np_error("out of memory");
    free(use);
    free(ra);
    free(rb);
    free(idx);
    free(diffs);
    summ_dataset_free(&ds);
    return rc;
}
