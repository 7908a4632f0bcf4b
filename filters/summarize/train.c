/* Training: every candidate sentence of every tuning article is an example, labelled 1 when
 * it is one of the article's reference summary sentences. Weights are an L2-regularized
 * logistic regression fitted by Newton's method (20 features: a 20x20 solve per step, exact
 * and deterministic). Two choices are then made by a grid search on ROUGE over tuning
 * articles: a bonus for the first sentence and the redundancy penalty. The reference set
 * alone (BBC: summaries made by an extractive procedure that favours frequent words) would
 * teach the model to skip the lead, which news readers and news highlights do not; so the
 * choice must also beat the lead baseline on news articles whose headline serves as the
 * reference (title hidden, ROUGE recall). Those articles also add examples to the regression:
 * a sentence holding a third of the title's terms is positive, its title features zeroed.
 * The test parts are never looked at. */
#include "train.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "dataset.h"
#include "eval.h"
#include "exitcode.h"
#include "analyse.h"
#include "model.h"
#include "score.h"

#define NF SUMM_NFEAT

typedef struct {
    float *x; /* n x NF */
    unsigned char *y;
    size_t n, cap;
} examples;

static int push(examples *e, const float *x, int y)
{
    if (e->n == e->cap) {
        size_t c = e->cap ? e->cap * 2 : 4096;
        float *px = realloc(e->x, c * NF * sizeof *px);
        if (!px) return -1;
        e->x = px;
        unsigned char *py = realloc(e->y, c);
        if (!py) return -1;
        e->y = py;
        e->cap = c;
    }
    memcpy(e->x + e->n * NF, x, NF * sizeof *x);
    e->y[e->n++] = (unsigned char)y;
    return 0;
}

/* Is s[0..n) one of the reference sentences (or, when long enough, inside one)? */
static int in_reference(const summ_article *a, const char *s, size_t n)
{
    for (size_t k = 0; k < a->nref; k++) {
        if (a->ref_len[k] == n && memcmp(a->ref[k], s, n) == 0) return 1;
        if (n >= 25 && memmem(a->ref[k], a->ref_len[k], s, n)) return 1;
    }
    return 0;
}

/* Solves A x = b (A n x n, row-major, overwritten) by Gaussian elimination with partial
 * pivoting. Returns 0, or -1 when A is singular. */
static int solve(double *A, double *b, int n)
{
    for (int c = 0; c < n; c++) {
        int p = c;
        for (int r = c + 1; r < n; r++)
            if (fabs(A[r * n + c]) > fabs(A[p * n + c])) p = r;
        if (fabs(A[p * n + c]) < 1e-12) return -1;
        if (p != c) {
            for (int k = 0; k < n; k++) {
                double t = A[c * n + k];
                A[c * n + k] = A[p * n + k];
                A[p * n + k] = t;
            }
            double t = b[c];
            b[c] = b[p];
            b[p] = t;
        }
        for (int r = c + 1; r < n; r++) {
            double f = A[r * n + c] / A[c * n + c];
            for (int k = c; k < n; k++) A[r * n + k] -= f * A[c * n + k];
            b[r] -= f * b[c];
        }
    }
    for (int c = n - 1; c >= 0; c--) {
        for (int k = c + 1; k < n; k++) b[c] -= A[c * n + k] * b[k];
        b[c] /= A[c * n + c];
    }
    return 0;
}

/* Newton's method for L2-regularized logistic regression (the bias unpenalized). Returns the
 * final mean log loss, or -1 when a step cannot be solved. */
static double fit_logistic(const examples *e, double l2, double *w)
{
    double H[NF * NF], g[NF], loss = 0;
    memset(w, 0, NF * sizeof *w);
    for (int iter = 0; iter < 50; iter++) {
        memset(H, 0, sizeof H);
        memset(g, 0, sizeof g);
        loss = 0;
        for (size_t i = 0; i < e->n; i++) {
            const float *x = e->x + i * NF;
            double z = 0;
            for (int k = 0; k < NF; k++) z += w[k] * x[k];
            double p = 1 / (1 + exp(-z)), y = e->y[i];
            loss += y ? -log(p + 1e-15) : -log(1 - p + 1e-15);
            double r = y - p, v = p * (1 - p);
            for (int a = 0; a < NF; a++) {
                g[a] += r * x[a];
                for (int b = 0; b <= a; b++) H[a * NF + b] += v * x[a] * x[b];
            }
        }
        for (int a = 0; a < NF; a++)
            for (int b = 0; b < a; b++) H[b * NF + a] = H[a * NF + b];
        for (int k = 1; k < NF; k++) {
            g[k] -= l2 * w[k];
            H[k * NF + k] += l2;
        }
        H[0] += 1e-9;
        if (solve(H, g, NF) < 0) return -1;
        double step = 0;
        for (int k = 0; k < NF; k++) w[k] += g[k], step += fabs(g[k]);
        if (step < 1e-9) break;
    }
    return loss / (double)e->n;
}

/* Mean (R-1 + R-2 + R-L) / 3 of the default method on the articles in use, with nsent
 * sentences (0: the reference's count), F1 or recall. Negative when out of memory. */
static double objective(const summ_dataset *ds, const unsigned char *use, const summ_model *m,
                        summ_method method, size_t nsent, int measure, summ_rouge *r)
{
    if (summ_eval_articles(ds, use, m, method, nsent, r) < 0) return -1;
    return 100 * summ_eval_mean(ds, use, r, measure);
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: newspipe-summarize train --data FILE -o WEIGHTS [--headlines FILE] [--l2 X]\n"
            "Fits the summarizer's weights on the tuning part of FILE (NDJSON with title,\n"
            "body and reference; articles whose id number is not divisible by 3) and\n"
            "writes them to WEIGHTS.\n"
            "  --data FILE       the development set with reference summaries\n"
            "  --headlines FILE  news articles with titles (tuning part only): the lead\n"
            "                    bonus and the redundancy penalty must also do well there,\n"
            "                    by ROUGE recall of the title with the title hidden\n"
            "  -o, --output F    the weights file to write\n"
            "  --l2 X            L2 penalty of the logistic regression (default 1)\n");
}

int summ_train_main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"data", 1, NULL, 'd'}, {"output", 1, NULL, 'o'},    {"l2", 1, NULL, 'l'},
        {"help", 0, NULL, 'h'}, {"headlines", 1, NULL, 'H'}, {NULL, 0, NULL, 0},
    };
    const char *data = NULL, *output = NULL, *headlines = NULL;
    double l2 = 1;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (c) {
        case 'd': data = optarg; break;
        case 'o': output = optarg; break;
        case 'H': headlines = optarg; break;
        case 'l':
            if (np_parse_double(optarg, 0, 1e9, &l2) < 0) {
                np_error("--l2: expected a number >= 0");
                return NP_EX_USAGE;
            }
            break;
        case 'h': usage(stdout); return NP_EX_OK;
        default: usage(stderr); return NP_EX_USAGE;
        }
    }
    if (!data || !output || optind != argc) {
        usage(stderr);
        return NP_EX_USAGE;
    }
    char err[512];
    summ_dataset ds, hs = {0};
    if (summ_dataset_load(&ds, data, "reference", err, sizeof err) < 0) {
        np_error("%s", err);
        return NP_EX_NOINPUT;
    }
    if (headlines && summ_dataset_load(&hs, headlines, "title", err, sizeof err) < 0) {
        np_error("%s", err);
        summ_dataset_free(&ds);
        return NP_EX_NOINPUT;
    }
    int rc = NP_EX_SOFTWARE;
    examples ex = {0};
    summ_doc d = {0};
    unsigned char *use = calloc(ds.n, 1), *huse = calloc(hs.n + 1, 1);
    summ_rouge *r = calloc(ds.n > hs.n ? ds.n : hs.n, sizeof *r);
    np_buf note = {0}, head = {0};
    summ_model m = {0};
    if (!use || !huse || !r) goto out;
    size_t ntune = 0, npos = 0, nhead = 0;
    for (size_t i = 0; i < hs.n; i++) nhead += huse[i] = !summ_article_is_test(&hs.a[i]);
    for (size_t i = 0; i < ds.n; i++) {
        const summ_article *a = &ds.a[i];
        if (summ_article_is_test(a)) continue;
        use[i] = 1;
        ntune++;
        if (summ_doc_analyse(&d, a->body, a->body_len, a->title, a->title_len) < 0) goto out;
        for (size_t k = 0; k < d.ncand; k++) {
            const summ_cand *cd = &d.cand[k];
            if (cd->flags & SUMM_C_WEAK) continue;
            int y = in_reference(a, a->body + cd->start, cd->end - cd->start);
            npos += (size_t)y;
            if (push(&ex, cd->x, y) < 0) goto out;
        }
    }
    /* headline examples: a sentence is positive when it holds at least a third of the title's
     * terms; the title features are then zeroed (they gave the label away) */
    size_t hpos = 0, hex = 0;
    for (size_t i = 0; i < hs.n; i++) {
        const summ_article *a = &hs.a[i];
        if (!huse[i] || !a->title_len) continue;
        if (summ_doc_analyse(&d, a->body, a->body_len, a->title, a->title_len) < 0) goto out;
        for (size_t k = 0; k < d.ncand; k++) {
            summ_cand *cd = &d.cand[k];
            if (cd->flags & SUMM_C_WEAK) continue;
            int y = cd->x[SUMM_F_TITLE_HIT] >= 1.0f / 3;
            cd->x[SUMM_F_TITLE_HIT] = cd->x[SUMM_F_TITLE_COS] = 0;
            hpos += (size_t)y;
            hex++;
            if (push(&ex, cd->x, y) < 0) goto out;
        }
    }
    for (size_t i = 0; i < hs.n; i++)
        hs.a[i].title_len = 0; /* from now on the title is the answer */
    if (hex)
        fprintf(stderr, "train: %zu headline sentences (%zu hold a third of the title's terms)\n",
                hex, hpos);
    double loss = fit_logistic(&ex, l2, m.w);
    if (loss < 0) {
        np_error("the logistic regression did not converge (singular step)");
        rc = NP_EX_DATAERR;
        goto out;
    }
    fprintf(stderr,
            "train: %zu tuning articles, %zu sentences (%zu in references), log loss %.4f\n", ntune,
            ex.n, npos, loss);

    /* the lead baselines on the tuning parts */
    double b3 = objective(&ds, use, &m, SUMM_METHOD_LEAD, 3, 'f', r);
    double bn = objective(&ds, use, &m, SUMM_METHOD_LEAD, 0, 'f', r);
    double bh = nhead ? objective(&hs, huse, &m, SUMM_METHOD_LEAD, 3, 'r', r) : 1;
    if (b3 < 0 || bn < 0 || bh < 0) goto out;
    fprintf(stderr, "train: lead on tuning: refs F1 %.3f (3) %.3f (N); headlines recall %.3f\n", b3,
            bn, bh);
    if (np_buf_printf(&note, "lead on tuning: refs F1 %.3f (3 sentences) %.3f (reference count)",
                      b3, bn) < 0 ||
        (nhead && np_buf_printf(&note, "; headline recall %.3f (%zu articles)", bh, nhead) < 0))
        goto out;

    /* grid: lead bonus (added to the first sentence's weight) x redundancy penalty; the
     * choice maximizes the smaller relative gain over lead across the tuning sets */
    static const double bonus[] = {0, 1, 2, 3, 4, 6};
    static const double mmr[] = {0, 0.5, 1, 2, 3};
    double wfirst = m.w[SUMM_F_FIRST], best = -1e9, best_b = 0, best_m = 0;
    double best_v[3] = {0, 0, 0};
    for (size_t i = 0; i < sizeof bonus / sizeof bonus[0]; i++)
        for (size_t j = 0; j < sizeof mmr / sizeof mmr[0]; j++) {
            m.w[SUMM_F_FIRST] = wfirst + bonus[i];
            m.mmr = mmr[j];
            double v3 = objective(&ds, use, &m, SUMM_METHOD_DEFAULT, 3, 'f', r);
            double vn = objective(&ds, use, &m, SUMM_METHOD_DEFAULT, 0, 'f', r);
            double vh = nhead ? objective(&hs, huse, &m, SUMM_METHOD_DEFAULT, 3, 'r', r) : 1;
            if (v3 < 0 || vn < 0 || vh < 0) goto out;
            double g = (v3 + vn) / (b3 + bn) - 1;
            if (nhead && vh / bh - 1 < g) g = vh / bh - 1;
            fprintf(stderr, "train: bonus %.1f mmr %.1f: refs %.3f %.3f headlines %.3f -> %+.4f\n",
                    bonus[i], mmr[j], v3, vn, vh, g);
            if (g > best + 1e-12) {
                best = g, best_b = bonus[i], best_m = mmr[j];
                best_v[0] = v3, best_v[1] = vn, best_v[2] = vh;
            }
        }
    m.w[SUMM_F_FIRST] = wfirst + best_b;
    m.mmr = best_m;
    if (np_buf_printf(&note, "\nchosen on tuning: lead bonus %g, mmr %g: refs F1 %.3f (3) %.3f (N)",
                      best_b, best_m, best_v[0], best_v[1]) < 0 ||
        (nhead && np_buf_printf(&note, "; headline recall %.3f", best_v[2]) < 0))
        goto out;
    const char *base = strrchr(data, '/'), *hbase = headlines ? strrchr(headlines, '/') : NULL;
    if (np_buf_printf(&head,
                      "newspipe-summarize weights, written by `newspipe-summarize train` "
                      "(make summarize-weights)\n"
                      "data: %s, tuning part (id number not divisible by 3): %zu articles, %zu "
                      "candidate sentences, %zu in references; headlines: %s (tuning part: %zu "
                      "sentences, %zu with a third of the title's terms)\n"
                      "logistic regression, l2 %g, log loss %.4f, then the first sentence's "
                      "weight + lead bonus\n%s\n"
                      "score = w . features - mmr x (highest cosine to a chosen sentence)",
                      base ? base + 1 : data, ntune, ex.n, npos,
                      headlines ? (hbase ? hbase + 1 : headlines) : "none", hex, hpos, l2, loss,
                      note.data) < 0)
        goto out;
    if (summ_model_save(&m, output, head.data) < 0) {
        np_error("%s: cannot write", output);
        rc = NP_EX_CANTCREAT;
        goto out;
    }
    fprintf(stderr, "train: lead bonus %g, mmr %g; wrote %s\n", best_b, best_m, output);
    rc = NP_EX_OK;
out:
    if (rc == NP_EX_SOFTWARE) np_error("out of memory");
    np_buf_free(&note);
    np_buf_free(&head);
    free(ex.x);
    free(ex.y);
    free(use);
    free(huse);
    free(r);
    summ_doc_free(&d);
    summ_dataset_free(&ds);
    summ_dataset_free(&hs);
    return rc;
}
