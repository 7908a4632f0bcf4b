/* Averaged-perceptron training (Collins 2002) with greedy BILOU decoding. Averaging uses the
 * usual trick: alongside each weight w keep u = sum of (step * update); the average after c
 * steps is w - u / c. Documents are visited in an order shuffled by the seed, so a run is
 * deterministic for a given seed and input. After each epoch the averaged weights are pruned
 * and quantized exactly as they will be shipped, and that model is scored on the dev file. */
#include "train.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "conll.h"
#include "../decode.h"
#include "exitcode.h"
#include "../model.h"
#include "../resources.h"
#include "score.h"

typedef struct {
    uint64_t *keys; /* feature hash per slot, 0 = empty */
    uint32_t *idx;  /* row per slot */
    uint32_t mask, count;
    float *w;  /* count * ETAG_NLABELS */
    double *u; /* same */
    size_t cap_rows;
    uint64_t step;
    int nomem;
    const etag_lexicon *counts; /* occurrences of each static feature in training, or NULL */
    uint32_t min_count;         /* features seen fewer times are never given weight */
} weights;

static int64_t find(const weights *W, uint64_t h)
{
    if (!W->keys) return -1;
    uint32_t i = (uint32_t)h & W->mask;
    for (;;) {
        if (W->keys[i] == h) return W->idx[i];
        if (!W->keys[i]) return -1;
        i = (i + 1) & W->mask;
    }
}

static int grow_table(weights *W)
{
    uint32_t cap = W->keys ? (W->mask + 1) * 2 : 1u << 20;
    uint64_t *keys = calloc(cap, sizeof *keys);
    uint32_t *idx = malloc(cap * sizeof *idx);
    if (!keys || !idx) {
        free(keys);
        free(idx);
        return -1;
    }
    if (W->keys)
        for (uint32_t i = 0; i <= W->mask; i++) {
            if (!W->keys[i]) continue;
            uint32_t j = (uint32_t)W->keys[i] & (cap - 1);
            while (keys[j]) j = (j + 1) & (cap - 1);
            keys[j] = W->keys[i];
            idx[j] = W->idx[i];
        }
    free(W->keys);
    free(W->idx);
    W->keys = keys;
    W->idx = idx;
    W->mask = cap - 1;
    return 0;
}

static int64_t insert(weights *W, uint64_t h)
{
    int64_t r = find(W, h);
    if (r >= 0) return r;
    if (!W->keys || (W->count + 1) * 2 > W->mask + 1)
        if (grow_table(W) < 0) return -1;
    if (W->count == W->cap_rows) {
        size_t cap = W->cap_rows ? W->cap_rows * 2 : 1u << 18;
        float *w = realloc(W->w, cap * ETAG_NLABELS * sizeof *w);
        if (!w) return -1;
        W->w = w;
        double *u = realloc(W->u, cap * ETAG_NLABELS * sizeof *u);
        if (!u) return -1;
        W->u = u;
        W->cap_rows = cap;
    }
    uint32_t i = (uint32_t)h & W->mask;
    while (W->keys[i]) i = (i + 1) & W->mask;
    W->keys[i] = h;
    W->idx[i] = W->count;
    memset(W->w + (size_t)W->count * ETAG_NLABELS, 0, ETAG_NLABELS * sizeof *W->w);
    memset(W->u + (size_t)W->count * ETAG_NLABELS, 0, ETAG_NLABELS * sizeof *W->u);
    return W->count++;
}

static void train_score(void *ctx, const uint64_t *f, size_t n, float *out)
{
    weights *W = ctx;
    W->step++; /* called once per token: the averaging clock */
    for (size_t k = 0; k < n; k++) {
        int64_t r = find(W, f[k]);
        if (r < 0) continue;
        const float *w = W->w + (size_t)r * ETAG_NLABELS;
        for (int l = 0; l < ETAG_NLABELS; l++) out[l] += w[l];
    }
}

static void train_update(void *ctx, const uint64_t *f, size_t n, int label, int delta)
{
    weights *W = ctx;
    for (size_t k = 0; k < n; k++) {
        if (W->counts) { /* a rare feature: counted, but fewer times than min_count */
            uint32_t c = etag_lexicon_get(W->counts, f[k]);
            if (c && c < W->min_count) continue;
        }
        int64_t r = insert(W, f[k]);
        if (r < 0) {
            W->nomem = 1;
            return;
        }
        W->w[(size_t)r * ETAG_NLABELS + label] += (float)delta;
        W->u[(size_t)r * ETAG_NLABELS + label] += (double)delta * (double)W->step;
    }
}

static void model_score(void *ctx, const uint64_t *f, size_t n, float *out)
{
    etag_model_score(ctx, f, n, out);
}

/* Token views of one document of a corpus. */
static size_t doc_tokens(const etag_corpus *c, uint32_t d, etag_tok *out, uint32_t *first)
{
    uint32_t s0 = c->doc[d], s1 = c->doc[d + 1];
    uint32_t t0 = c->sent[s0], t1 = c->sent[s1];
    *first = t0;
    for (uint32_t s = s0; s < s1; s++)
        for (uint32_t t = c->sent[s]; t < c->sent[s + 1]; t++)
            out[t - t0] = (etag_tok){c->text + c->tok[t], c->tok_len[t],
                                     (uint8_t)(t == c->sent[s] ? ETAG_TF_SENT_START : 0)};
    return t1 - t0;
}

/* Counts how often each static feature occurs in the training corpus (also under the
 * second pass's hashing), so that features seen once can be left out: a simple
 * regularizer for the perceptron. Values saturate at 255. */
static int count_features(const etag_corpus *c, const etag_resources *res, etag_tok *toks,
                          etag_lexicon_builder *counts)
{
    etag_features f = {0};
    uint64_t x[ETAG_MAXFEAT];
    int rc = 0;
    for (uint32_t d = 0; d < c->ndoc && rc == 0; d++) {
        uint32_t s0 = c->doc[d], s1 = c->doc[d + 1], t0 = c->sent[s0];
        size_t n = c->sent[s1] - t0;
        for (uint32_t s = s0; s < s1; s++)
            for (uint32_t t = c->sent[s]; t < c->sent[s + 1]; t++)
                toks[t - t0] = (etag_tok){c->text + c->tok[t], c->tok_len[t],
                                          (uint8_t)(t == c->sent[s] ? ETAG_TF_SENT_START : 0)};
        if (etag_features_compute(&f, res, toks, n) < 0) {
            rc = -1;
            break;
        }
        for (size_t i = 0; i < n && rc == 0; i++) {
            size_t k = etag_features_token(&f, i, x);
            for (size_t j = 0; j < k; j++) {
                uint64_t h[2] = {x[j], etag_feat(ETAG_T_PASS2, x[j], 0)};
                for (int v = 0; v < 2; v++) {
                    etag_lexicon view = etag_lexicon_view(counts);
                    uint32_t cur = etag_lexicon_get(&view, h[v]);
                    if (cur < 255 && etag_lexicon_set(counts, h[v], cur + 1) < 0) {
                        rc = -1;
                        break;
                    }
                }
            }
        }
    }
    etag_features_free(&f);
    return rc;
}

#define MAX_CV_EVAL 8 /* --cv-eval files */
/* Default size budget of the gazetteers, in keys (one per name prefix): a model's gazetteer
 * table takes 10 bytes a key (8-byte slots at a load of 4/5; model.c), so 1,100,000 keys
 * take 11 MB, and the whole model (8.4 MB of weights at the default --max-features) stays
 * under 20 MB. */
#define ETAG_GAZ_BUDGET 1100000

/* Shared state of one training run. */
typedef struct {
    const etag_corpus *tr, *dv;
    etag_resources res;
    etag_decoder dec;
    etag_tok *toks;
    etag_span *spans;
    uint64_t rng;
    size_t max_rows;
    etag_lexicon counts; /* see count_features(); empty when not used */
    uint32_t min_count;
    int verbose; /* progress lines on stderr */
} run;

/* Fisher-Yates with xorshift64*: the same seed gives the same order. */
static void shuffle(run *R, uint32_t *order, uint32_t n)
{
    for (uint32_t d = n; d > 1; d--) {
        R->rng ^= R->rng >> 12;
        R->rng ^= R->rng << 25;
        R->rng ^= R->rng >> 27;
        uint32_t j = (uint32_t)((R->rng * 0x2545F4914F6CDD1DULL >> 33) % d);
        uint32_t tmp = order[d - 1];
        order[d - 1] = order[j];
        order[j] = tmp;
    }
}

/* One epoch over docs[0..nd) of the training corpus: pass1 (labels for every training
 * token, or NULL) selects second-pass training. Returns token errors, or -1. */
static long epoch(run *R, weights *W, uint32_t *docs, uint32_t nd, const uint8_t *pass1)
{
    const etag_corpus *c = R->tr;
    long errors = 0;
    shuffle(R, docs, nd);
    for (uint32_t k = 0; k < nd; k++) {
        uint32_t first;
        size_t n = doc_tokens(c, docs[k], R->toks, &first);
        if (etag_decode(&R->dec, &R->res, train_score, W, R->toks, n, pass1 ? pass1 + first : NULL,
                        c->gold + first, train_update, W) < 0 ||
            W->nomem)
            return -1;
        for (size_t i = 0; i < n; i++) errors += R->dec.labels[i] != c->gold[first + i];
    }
    return errors;
}

/* Averaged weights of every row of W, appended to rows (grown). */
static int averaged(const weights *W, etag_row **rows, size_t *nrows)
{
    etag_row *r = realloc(*rows, (*nrows + W->count + 1) * sizeof *r);
    if (!r) return -1;
    *rows = r;
    r += *nrows;
    double c = (double)(W->step ? W->step : 1);
    for (uint32_t i = 0; W->keys && i <= W->mask; i++) {
        if (!W->keys[i]) continue;
        uint32_t k = W->idx[i];
        r[k].h = W->keys[i];
        for (int l = 0; l < ETAG_NLABELS; l++)
            r[k].w[l] = (float)(W->w[(size_t)k * ETAG_NLABELS + l] -
                                W->u[(size_t)k * ETAG_NLABELS + l] / c);
    }
    *nrows += W->count;
    return 0;
}

/* Builds the shippable model from one or two weight sets. */
static int build(run *R, const weights *A, const weights *B, etag_model *m)
{
    etag_row *rows = NULL;
    size_t n = 0;
    if (averaged(A, &rows, &n) < 0 || (B && averaged(B, &rows, &n) < 0)) {
        free(rows);
        return -1;
    }
    int rc = etag_model_build(m, rows, n, R->max_rows, &R->res, B ? 2 : 1, R->dec.method,
                              R->dec.feat.context);
    free(rows);
    return rc;
}

/* Tags documents docs[0..nd) of c (all of them when docs is NULL) with model m and scores
 * them; with names (the training set's entity names), also into by_name (see
 * etag_score_add_by_name). */
static int evaluate(run *R, const etag_corpus *c, const uint32_t *docs, uint32_t nd,
                    const etag_model *m, etag_score *sc, const etag_names *names,
                    etag_score by_name[2])
{
    memset(sc, 0, sizeof *sc);
    for (uint32_t k = 0; k < nd; k++) {
        uint32_t d = docs ? docs[k] : k, first;
        size_t n = doc_tokens(c, d, R->toks, &first);
        if (etag_decode_doc(&R->dec, &m->res, model_score, (void *)m, R->toks, n, m->passes == 2) <
            0)
            return -1;
        size_t np = etag_labels_to_spans(R->dec.labels, n, R->spans);
        for (size_t j = 0; j < np; j++) R->spans[j].first += first;
        /* the gold spans of the document: the first at or after its first token */
        size_t lo = 0, hi = c->nspans;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (c->spans[mid].first < first)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t g = lo;
        while (g < c->nspans && c->spans[g].first < first + n) g++;
        etag_score_add(sc, c->spans + lo, g - lo, R->spans, np);
        if (names &&
            etag_score_add_by_name(by_name, c, names, c->spans + lo, g - lo, R->spans, np) < 0)
            return -1;
    }
    return 0;
}

static void weights_free(weights *W)
{
    free(W->keys);
    free(W->idx);
    free(W->w);
    free(W->u);
    memset(W, 0, sizeof *W);
}

/* Prints one epoch's progress line, with dev scores of the model built so far. */
static int report(run *R, const char *what, uint64_t ep, uint64_t epochs, double secs, long errors,
                  const weights *A, const weights *B, etag_model *keep)
{
    etag_model m;
    if (build(R, A, B, &m) < 0) return -1;
    if (errors >= 0)
        fprintf(stderr,
                "%s epoch %llu/%llu: %.1fs, train token errors %ld (%.2f%%), %u features "
                "(%u kept)",
                what, (unsigned long long)ep, (unsigned long long)epochs, secs, errors,
                100.0 * (double)errors / (R->tr->ntok ? R->tr->ntok : 1),
                A->count + (B ? B->count : 0), m.nrows);
    else /* a mean of several models: no epoch of its own */
        fprintf(stderr, "%s: %u features (%u kept)", what, A->count + (B ? B->count : 0), m.nrows);
    if (R->dv->ntok) {
        etag_score sc;
        if (evaluate(R, R->dv, NULL, R->dv->ndoc, &m, &sc, NULL, NULL) < 0) {
            etag_model_close(&m);
            return -1;
        }
        double p, r, f = etag_score_f1(&sc, -1, &p, &r);
        fprintf(stderr, "; dev P %.2f R %.2f F1 %.2f [", p, r, f);
        for (int t = 0; t < ETAG_NMODEL; t++)
            fprintf(stderr, "%s%s %.2f", t ? " " : "", etag_type_name(t),
                    etag_score_f1(&sc, t, NULL, NULL));
        fprintf(stderr, "]");
    }
    fprintf(stderr, "\n");
    etag_model_close(keep);
    *keep = m;
    return 0;
}

/* Adds scale times W's averaged weights into S (a sum table: u stays 0, so its "average" is
 * its plain weight). Returns 0 or -1. */
static int accumulate(weights *S, const weights *W, double scale)
{
    double c = (double)(W->step ? W->step : 1);
    for (uint32_t i = 0; W->keys && i <= W->mask; i++) {
        if (!W->keys[i]) continue;
        size_t k = W->idx[i];
        int64_t r = insert(S, W->keys[i]);
        if (r < 0) return -1;
        for (int l = 0; l < ETAG_NLABELS; l++)
            S->w[(size_t)r * ETAG_NLABELS + l] +=
                (float)(scale * (W->w[k * ETAG_NLABELS + l] - W->u[k * ETAG_NLABELS + l] / c));
    }
    return 0;
}

/* Trains `members` perceptrons on docs[0..nd), each with its own document orders, and leaves
 * the mean of their averaged weights in out (one model: averaging the weights of perceptrons
 * trained on different orders removes much of the order's luck at no cost when tagging).
 * pass1 selects second-pass training (then A is the first pass, for the progress lines).
 * what != NULL prints a progress line per epoch with dev scores (keep gets the last model
 * built). Returns 0 or -1. */
static int train_members(run *R, uint32_t *docs, uint32_t nd, const uint8_t *pass1, uint64_t epochs,
                         int members, weights *out, const weights *A, const char *what,
                         etag_model *keep)
{
    weights W = {.counts = R->counts.keys ? &R->counts : NULL, .min_count = R->min_count};
    out->counts = NULL;
    for (int m = 0; m < members; m++) {
        for (uint64_t ep = 1; ep <= epochs; ep++) {
            clock_t t0 = clock();
            long errors = epoch(R, &W, docs, nd, pass1);
            if (errors < 0) goto fail;
            if (!what) continue;
            char label[64];
            if (members > 1)
                snprintf(label, sizeof label, "%s model %d/%d", what, m + 1, members);
            else
                snprintf(label, sizeof label, "%s", what);
            if (report(R, label, ep, epochs, (double)(clock() - t0) / CLOCKS_PER_SEC, errors,
                       pass1 ? A : &W, pass1 ? &W : NULL, keep) < 0)
                goto fail;
        }
        if (members == 1) { /* the mean of one: take the table as it is */
            *out = W;
            return 0;
        }
        if (accumulate(out, &W, 1.0 / members) < 0) goto fail;
        weights_free(&W);
        W = (weights){.counts = R->counts.keys ? &R->counts : NULL, .min_count = R->min_count};
        if (what && m + 1 == members) {
            char label[64];
            snprintf(label, sizeof label, "%s mean of %d models", what, members);
            if (report(R, label, epochs, epochs, 0, -1, pass1 ? A : out, pass1 ? out : NULL, keep) <
                0)
                goto fail;
        }
    }
    return 0;
fail:
    weights_free(&W);
    return -1;
}

/* First-pass labels for every token of docs[0..nd) from models that did not see its document
 * (K-fold jackknife: the i-th document of the list is in fold i % folds), so the second pass
 * learns from first-pass errors as they will occur on new text. */
static int jackknife(run *R, const uint32_t *docs, uint32_t nd, uint64_t epochs, int members,
                     int folds, uint8_t *pass1)
{
    const etag_corpus *c = R->tr;
    uint32_t *sub = malloc((nd + 1) * sizeof *sub);
    if (!sub) return -1;
    for (int k = 0; k < folds; k++) {
        weights W = {0};
        uint32_t ns = 0;
        for (uint32_t i = 0; i < nd; i++)
            if ((int)(i % (uint32_t)folds) != k) sub[ns++] = docs[i];
        clock_t t0 = clock();
        if (train_members(R, sub, ns, NULL, epochs, members, &W, NULL, NULL, NULL) < 0) goto fail;
        etag_model m;
        if (build(R, &W, NULL, &m) < 0) goto fail;
        for (uint32_t i = (uint32_t)k; i < nd; i += (uint32_t)folds) {
            uint32_t first;
            size_t n = doc_tokens(c, docs[i], R->toks, &first);
            if (etag_decode(&R->dec, &m.res, model_score, &m, R->toks, n, NULL, NULL, NULL, NULL) <
                0) {
                etag_model_close(&m);
                goto fail;
            }
            memcpy(pass1 + first, R->dec.labels, n);
        }
        etag_model_close(&m);
        weights_free(&W);
        if (R->verbose)
            fprintf(stderr, "first-pass fold %d/%d: %.1fs\n", k + 1, folds,
                    (double)(clock() - t0) / CLOCKS_PER_SEC);
        continue;
    fail:
        weights_free(&W);
        free(sub);
        return -1;
    }
    free(sub);
    return 0;
}

/* How a model is trained: the settings of one run of the trainer. */
typedef struct {
    uint64_t epochs, passes, members, folds;
} recipe;

/* Trains a model by recipe rc on docs[0..nd) of the training corpus (docs is reordered).
 * what != NULL prints progress lines (with dev scores) and leaves the model of the last line
 * in out; else out is built from the final weights. Returns 0 or -1. */
static int train_recipe(run *R, uint32_t *docs, uint32_t nd, const recipe *rc, const char *what,
                        etag_model *out)
{
    weights A = {.counts = R->counts.keys ? &R->counts : NULL, .min_count = R->min_count};
    weights B = A;
    uint8_t *pass1 = NULL;
    int members = (int)rc->members, rcode = -1;
    memset(out, 0, sizeof *out);
    if (rc->passes == 2) {
        pass1 = malloc(R->tr->ntok + 1);
        if (!pass1 || jackknife(R, docs, nd, rc->epochs, members, (int)rc->folds, pass1) < 0)
            goto done;
    }
    if (train_members(R, docs, nd, NULL, rc->epochs, members, &A, NULL,
                      what ? (rc->passes == 2 ? "pass 1" : "") : NULL, out) < 0)
        goto done;
    if (rc->passes == 2 && train_members(R, docs, nd, pass1, rc->epochs, members, &B, &A,
                                         what ? "pass 2" : NULL, out) < 0)
        goto done;
    if (!what) {
        etag_model_close(out);
        if (build(R, &A, rc->passes == 2 ? &B : NULL, out) < 0) goto done;
    }
    rcode = 0;
done:
    weights_free(&A);
    weights_free(&B);
    free(pass1);
    return rcode;
}

/* Cross-validation over the training corpus: document d is in fold d % k (a fixed
 * assignment); each fold is tagged by a model trained by rc on the other folds, and so is
 * every corpus of extra[0..nextra) (its figure is the mean over the fold models). Prints one
 * line per fold and the means. Returns 0 or -1. */
static int cross_validate(run *R, const recipe *rc, int k, const etag_corpus *extra,
                          const char *const *names, int nextra)
{
    const etag_corpus *c = R->tr;
    uint32_t *train = malloc((c->ndoc + 1) * sizeof *train);
    uint32_t *test = malloc((c->ndoc + 1) * sizeof *test);
    double sum[1 + MAX_CV_EVAL] = {0}, sq[1 + MAX_CV_EVAL] = {0};
    etag_score total = {0}, by_name[1 + MAX_CV_EVAL][2];
    etag_names seen_names = {0};
    int rcode = -1;
    memset(by_name, 0, sizeof by_name);
    if (!train || !test || nextra > MAX_CV_EVAL) goto done;
    for (int f = 0; f < k; f++) {
        uint32_t ntr = 0, nte = 0;
        for (uint32_t d = 0; d < c->ndoc; d++)
            if ((int)(d % (uint32_t)k) == f)
                test[nte++] = d;
            else
                train[ntr++] = d;
        clock_t t0 = clock();
        etag_names_free(&seen_names);
        if (etag_names_build(&seen_names, c, train, ntr) < 0) goto done;
        etag_model m;
        if (train_recipe(R, train, ntr, rc, NULL, &m) < 0) goto done;
        etag_score sc;
        if (evaluate(R, c, test, nte, &m, &sc, &seen_names, by_name[0]) < 0) {
            etag_model_close(&m);
            goto done;
        }
        for (int t = 0; t < ETAG_NMODEL; t++) {
            total.tp[t] += sc.tp[t];
            total.fp[t] += sc.fp[t];
            total.fn[t] += sc.fn[t];
        }
        double f1 = etag_score_f1(&sc, -1, NULL, NULL);
        sum[0] += f1;
        sq[0] += f1 * f1;
        printf("cv fold %d/%d: %u documents, F1 %.2f [", f + 1, k, nte, f1);
        for (int t = 0; t < ETAG_NMODEL; t++)
            printf("%s%s %.2f", t ? " " : "", etag_type_name(t), etag_score_f1(&sc, t, NULL, NULL));
        printf("]");
        for (int e = 0; e < nextra; e++) {
            if (evaluate(R, &extra[e], NULL, extra[e].ndoc, &m, &sc, &seen_names, by_name[1 + e]) <
                0) {
                etag_model_close(&m);
                goto done;
            }
            f1 = etag_score_f1(&sc, -1, NULL, NULL);
            sum[1 + e] += f1;
            sq[1 + e] += f1 * f1;
            printf("; %s F1 %.2f", names[e], f1);
        }
        printf("; %.0fs\n", (double)(clock() - t0) / CLOCKS_PER_SEC);
        fflush(stdout);
        etag_model_close(&m);
    }
    printf("cv mean of %d folds: F1 %.2f (sd %.2f; pooled %.2f [", k, sum[0] / k,
           sqrt(fmax(0, sq[0] / k - (sum[0] / k) * (sum[0] / k))),
           etag_score_f1(&total, -1, NULL, NULL));
    for (int t = 0; t < ETAG_NMODEL; t++)
        printf("%s%s %.2f", t ? " " : "", etag_type_name(t), etag_score_f1(&total, t, NULL, NULL));
    printf("])");
    for (int e = 0; e < nextra; e++) printf("; %s F1 %.2f", names[e], sum[1 + e] / k);
    printf("\n");
    /* the entities whose words the fold's training documents never give as an entity:
     * eng.testb has more of them than the folds (46% against 32% in eng.testa) */
    for (int e = 0; e <= nextra; e++) {
        const etag_score *u = &by_name[e][0], *sn = &by_name[e][1];
        unsigned long gu = 0, gs = 0;
        for (int t = 0; t < ETAG_NMODEL; t++) {
            gu += u->tp[t] + u->fn[t];
            gs += sn->tp[t] + sn->fn[t];
        }
        printf("%s %s: unseen names F1 %.2f (%.1f%% of the entities), seen %.2f\n",
               e ? "cv fold models on" : "cv", e ? names[e - 1] : "folds pooled",
               etag_score_f1(u, -1, NULL, NULL),
               100.0 * (double)gu / (double)(gu + gs ? gu + gs : 1),
               etag_score_f1(sn, -1, NULL, NULL));
    }
    rcode = 0;
done:
    etag_names_free(&seen_names);
    free(train);
    free(test);
    return rcode;
}

static void usage(void)
{
    fprintf(stderr,
            "usage: newspipe-entity-tag train --train FILE --out MODEL [--dev FILE] [--epochs N]\n"
            "         [--seed N] [--max-features N] [--gazetteer CATEGORY=FILE]... "
            "[--clusters FILE [--clusters FILE]] [--passes 1|2]\n"
            "         [--min-feature-count N] [--average N]\n"
            "         [--folds N] [--cv K [--cv-eval FILE]...]\n"
            "         [--gazetteer-budget KEYS] [--decoder greedy|viterbi] [--context]\n"
            "  CATEGORY: org, country, city, region, first, misc, wikiorg, wikiloc, person,\n"
            "            orgname, lower, acronym\n");
}

/* What `train` was asked for. */
typedef struct {
    const char *train, *dev, *out, *clusters[2]; /* borrowed from argv */
    const char *gaz[32], *cv_paths[MAX_CV_EVAL];
    int ngaz, ncv_eval, method, context;
    uint64_t epochs, seed, max_rows, passes, min_count, members, folds, cv, gaz_budget;
} train_args;

/* Reads the options into *a. Returns -1 to go on, or the exit status (0 after --help). */
static int parse_args(int argc, char **argv, train_args *a)
{
    static const struct option longopts[] = {
        {"train", 1, NULL, 't'},     {"dev", 1, NULL, 'd'},
        {"out", 1, NULL, 'o'},       {"epochs", 1, NULL, 'e'},
        {"seed", 1, NULL, 's'},      {"max-features", 1, NULL, 'm'},
        {"gazetteer", 1, NULL, 'g'}, {"gazetteer-budget", 1, NULL, 'B'},
        {"clusters", 1, NULL, 'c'},  {"help", 0, NULL, 'h'},
        {"passes", 1, NULL, 'P'},    {"min-feature-count", 1, NULL, 'M'},
        {"average", 1, NULL, 'A'},   {"folds", 1, NULL, 'F'},
        {"cv", 1, NULL, 'C'},        {"decoder", 1, NULL, 'D'},
        {"cv-eval", 1, NULL, 'E'},   {"context", 0, NULL, 'x'},
        {NULL, 0, NULL, 0},
    };
    *a = (train_args){.epochs = 10,
                      .seed = 1,
                      .max_rows = 200000,
                      .passes = 2,
                      .min_count = 1,
                      .members = 1,
                      .folds = 5,
                      .method = ETAG_DEC_GREEDY,
                      .gaz_budget = ETAG_GAZ_BUDGET};
    int opt, bad = 0;
    optind = 1;
    while (!bad && (opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (opt) {
        case 't': a->train = optarg; break;
        case 'd': a->dev = optarg; break;
        case 'o': a->out = optarg; break;
        case 'c': /* a second table is a second family of classes */
            if (a->clusters[1]) {
                np_error("--clusters: at most two tables");
                return NP_EX_USAGE;
            }
            a->clusters[a->clusters[0] != NULL] = optarg;
            break;
        case 'M':
            bad = np_parse_opt_uint("min-feature-count", optarg, 1, 255, &a->min_count);
            break;
        case 'F': bad = np_parse_opt_uint("folds", optarg, 2, 100, &a->folds); break;
        case 'C': bad = np_parse_opt_uint("cv", optarg, 2, 100, &a->cv); break;
        case 'A': bad = np_parse_opt_uint("average", optarg, 1, 64, &a->members); break;
        case 'P': bad = np_parse_opt_uint("passes", optarg, 1, 2, &a->passes); break;
        case 'e': bad = np_parse_opt_uint("epochs", optarg, 1, 1000, &a->epochs); break;
        case 's': bad = np_parse_opt_uint("seed", optarg, 0, UINT32_MAX, &a->seed); break;
        case 'm': bad = np_parse_opt_uint("max-features", optarg, 1, 1u << 28, &a->max_rows); break;
        case 'B':
            bad = np_parse_opt_uint("gazetteer-budget", optarg, 1, 1u << 28, &a->gaz_budget);
            break;
        case 'E':
            if (a->ncv_eval == MAX_CV_EVAL) {
                np_error("--cv-eval: at most %d", MAX_CV_EVAL);
                return NP_EX_USAGE;
            }
            a->cv_paths[a->ncv_eval++] = optarg;
            break;
        case 'g':
            if (a->ngaz == 32) {
                np_error("--gazetteer: at most 32");
                return NP_EX_USAGE;
            }
            a->gaz[a->ngaz++] = optarg;
            break;
        case 'D':
            if (strcmp(optarg, "greedy") == 0)
                a->method = ETAG_DEC_GREEDY;
            else if (strcmp(optarg, "viterbi") == 0)
                a->method = ETAG_DEC_VITERBI;
            else {
                np_error("--decoder: expected greedy or viterbi");
                return NP_EX_USAGE;
            }
            break;
        case 'x': a->context = 1; break;
        case 'h': usage(); return NP_EX_OK;
        default: usage(); return NP_EX_USAGE;
        }
    }
    if (bad) return NP_EX_USAGE;
    if (!a->train || (!a->out && !a->cv) || optind < argc) {
        usage();
        return NP_EX_USAGE;
    }
    return -1;
}

/* Reads the corpora and the lists the options name. Returns 0 or the exit status (the
 * message printed). */
static int load_inputs(const train_args *a, etag_corpus *tr, etag_corpus *dv, etag_corpus *cv_corp,
                       const char **cv_names, etag_resource_builder *rb)
{
    char err[512];
    int rc = etag_corpus_read(a->train, tr, err, sizeof err);
    if (!rc && tr->ntok == 0) { /* a model of no features would tag nothing */
        snprintf(err, sizeof err, "%s: no tokens to learn from", a->train);
        rc = NP_EX_DATAERR;
    }
    if (!rc && a->dev) rc = etag_corpus_read(a->dev, dv, err, sizeof err);
    if (rc) {
        np_error("%s", err);
        return rc;
    }
    for (int e = 0; e < a->ncv_eval; e++) {
        if ((rc = etag_corpus_read(a->cv_paths[e], &cv_corp[e], err, sizeof err)) != 0) {
            np_error("%s", err);
            return rc;
        }
        const char *base = strrchr(a->cv_paths[e], '/');
        cv_names[e] = base ? base + 1 : a->cv_paths[e];
    }
    rb->max_keys = (size_t)a->gaz_budget;
    for (int g = 0; g < a->ngaz; g++) {
        const char *eq = strchr(a->gaz[g], '=');
        char name[32];
        size_t nl = eq ? (size_t)(eq - a->gaz[g]) : 0;
        if (!eq || nl >= sizeof name) {
            np_error("--gazetteer: expected CATEGORY=FILE, got %s", a->gaz[g]);
            return NP_EX_USAGE;
        }
        memcpy(name, a->gaz[g], nl);
        name[nl] = '\0';
        int cat = etag_gaz_category(name);
        if (cat < 0) {
            np_error("--gazetteer: unknown category %s", name);
            return NP_EX_USAGE;
        }
        int r = etag_resources_add_gazetteer(rb, cat, eq + 1, err, sizeof err);
        if (r < 0) {
            np_error("%s", err);
            return r == -2 ? NP_EX_DATAERR : NP_EX_NOINPUT;
        }
    }
    for (int fam = 0; fam < 2; fam++)
        if (a->clusters[fam] &&
            etag_resources_add_clusters(rb, a->clusters[fam], fam, err, sizeof err) < 0) {
            np_error("%s", err);
            return NP_EX_NOINPUT;
        }
    return 0;
}

int etag_train_main(int argc, char **argv)
{
    train_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0) return rc;
    etag_corpus tr = {0}, dv = {0};
    etag_resource_builder rb = {0};
    etag_lexicon_builder counts = {0};
    run R = {0};
    uint32_t *docs = NULL;
    etag_model final = {0};
    etag_corpus cv_corp[MAX_CV_EVAL] = {0};
    const char *cv_names[MAX_CV_EVAL];
    if ((rc = load_inputs(&a, &tr, &dv, cv_corp, cv_names, &rb)) != 0) goto out;
    rc = NP_EX_SOFTWARE;
    R.tr = &tr;
    R.dv = &dv;
    R.dec.method = a.method;
    R.dec.feat.context = a.context;
    R.res = etag_resources_view(&rb);
    R.rng = a.seed * 0x9E3779B97F4A7C15ULL + 0x1234567;
    R.max_rows = a.max_rows;
    fprintf(stderr,
            "train: %u documents, %u sentences, %u tokens, %u entities; dev: %u tokens, %u "
            "entities; gazetteer %zu names (%u keys; %zu lines skipped), clusters %u words; %s\n",
            tr.ndoc, tr.nsent, tr.ntok, tr.nspans, dv.ntok, dv.nspans, rb.gaz_entries, rb.gaz.count,
            rb.gaz_skipped, rb.clusters.count, a.passes == 2 ? "two passes" : "one pass");
    fprintf(stderr, "decoder: %s%s\n", R.dec.method == ETAG_DEC_VITERBI ? "Viterbi" : "greedy",
            R.dec.feat.context ? "; context aggregation" : "");
    size_t maxn = tr.ntok > dv.ntok ? tr.ntok : dv.ntok;
    for (int e = 0; e < a.ncv_eval; e++)
        if (cv_corp[e].ntok > maxn) maxn = cv_corp[e].ntok;
    R.toks = malloc((maxn + 1) * sizeof *R.toks);
    R.spans = malloc((maxn + 1) * sizeof *R.spans);
    docs = malloc((tr.ndoc + 1) * sizeof *docs);
    if (!R.toks || !R.spans || !docs) goto nomem;
    if (a.min_count > 1) {
        if (count_features(&tr, &R.res, R.toks, &counts) < 0) goto nomem;
        R.counts = etag_lexicon_view(&counts);
        R.min_count = (uint32_t)a.min_count;
    }
    recipe rcp = {a.epochs, a.passes, a.members, a.folds};
    if (a.cv > tr.ndoc) { /* an empty fold would count as F1 0 in the mean */
        np_error("--cv %llu: %s has %u documents", (unsigned long long)a.cv, a.train, tr.ndoc);
        rc = NP_EX_USAGE;
        goto out;
    }
    if (a.cv) {
        if (cross_validate(&R, &rcp, (int)a.cv, cv_corp, cv_names, a.ncv_eval) < 0) goto nomem;
        rc = NP_EX_OK;
        goto out;
    }
    R.verbose = 1;
    for (uint32_t d = 0; d < tr.ndoc; d++) docs[d] = d;
    if (train_recipe(&R, docs, tr.ndoc, &rcp, "", &final) < 0) goto nomem;
    char err[512];
    if ((rc = etag_model_write(&final, a.out, err, sizeof err)) != 0) {
        np_error("%s", err);
        goto out;
    }
    fprintf(stderr, "wrote %s (%u features, %d pass%s)\n", a.out, final.nrows, final.passes,
            final.passes == 2 ? "es" : "");
    rc = NP_EX_OK;
    goto out;
nomem:
    np_error("out of memory");
    rc = NP_EX_SOFTWARE;
out:
    etag_model_close(&final);
    etag_corpus_free(&tr);
    etag_corpus_free(&dv);
    etag_resources_builder_free(&rb);
    etag_decoder_free(&R.dec);
    for (int e = 0; e < a.ncv_eval; e++) etag_corpus_free(&cv_corp[e]);
    free(R.toks);
    free(R.spans);
    free(docs);
    etag_lexicon_builder_free(&counts);
    return rc;
}
