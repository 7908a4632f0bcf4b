/* Averaged-perceptron training (Collins 2002) with greedy BILOU decoding. Averaging uses the
 * usual trick: alongside each weight w keep u = sum of (step * update); the average after c
 * steps is w - u / c. Documents are visited in an order shuffled by the seed, so a run is
 * deterministic for a given seed and input. After each epoch the averaged weights are pruned
 * and quantized exactly as they will be shipped, and that model is scored on the dev file. */
#include "train.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "conll.h"
#include "decode.h"
#include "exitcode.h"
#include "model.h"
#include "resources.h"
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
    for (size_t k = 0; k < n; k++) {
        int64_t r = find(W, f[k]);
        if (r < 0) continue;
        const float *w = W->w + (size_t)r * ETAG_NLABELS;
        for (int l = 0; l < ETAG_NLABELS; l++) out[l] += w[l];
    }
}

static void train_update(void *ctx, const uint64_t *f, size_t n, int gold, int pred)
{
    weights *W = ctx;
    for (size_t k = 0; k < n; k++) {
        int64_t r = insert(W, f[k]);
        if (r < 0) {
            W->nomem = 1;
            return;
        }
        float *w = W->w + (size_t)r * ETAG_NLABELS;
        double *u = W->u + (size_t)r * ETAG_NLABELS;
        w[gold] += 1;
        u[gold] += (double)W->step;
        w[pred] -= 1;
        u[pred] -= (double)W->step;
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

/* Tags every document of c with model m and scores it. */
static int evaluate(const etag_corpus *c, const etag_model *m, etag_decoder *dec, etag_tok *toks,
                    etag_span *spans, etag_score *sc)
{
    memset(sc, 0, sizeof *sc);
    size_t g = 0;
    for (uint32_t d = 0; d < c->ndoc; d++) {
        uint32_t first;
        size_t n = doc_tokens(c, d, toks, &first);
        if (etag_decode(dec, &m->res, model_score, (void *)m, toks, n, NULL, NULL, NULL) < 0)
            return -1;
        size_t np = etag_labels_to_spans(dec->labels, n, spans);
        for (size_t k = 0; k < np; k++) spans[k].first += first;
        size_t g0 = g;
        while (g < c->nspans && c->spans[g].first < first + n) g++;
        etag_score_add(sc, c->spans + g0, g - g0, spans, np);
    }
    return 0;
}

/* Averaged weights of every row, for etag_model_build(). */
static etag_row *averaged(const weights *W)
{
    etag_row *rows = malloc((W->count ? W->count : 1) * sizeof *rows);
    if (!rows) return NULL;
    double c = (double)(W->step ? W->step : 1);
    for (uint32_t i = 0; i <= W->mask && W->keys; i++) {
        if (!W->keys[i]) continue;
        uint32_t r = W->idx[i];
        rows[r].h = W->keys[i];
        for (int l = 0; l < ETAG_NLABELS; l++)
            rows[r].w[l] = (float)(W->w[(size_t)r * ETAG_NLABELS + l] -
                                   W->u[(size_t)r * ETAG_NLABELS + l] / c);
    }
    return rows;
}

static void usage(void)
{
    fprintf(stderr,
            "usage: newspipe-entity-tag train --train FILE --out MODEL [--dev FILE] [--epochs N]\n"
            "         [--seed N] [--max-features N] [--gazetteer CATEGORY=FILE]... "
            "[--clusters FILE]\n"
            "  CATEGORY: org, country, city, region, first, misc\n");
}

int etag_train_main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"train", 1, NULL, 't'},     {"dev", 1, NULL, 'd'},      {"out", 1, NULL, 'o'},
        {"epochs", 1, NULL, 'e'},    {"seed", 1, NULL, 's'},     {"max-features", 1, NULL, 'm'},
        {"gazetteer", 1, NULL, 'g'}, {"clusters", 1, NULL, 'c'}, {"help", 0, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *train_path = NULL, *dev_path = NULL, *out_path = NULL, *clusters = NULL;
    uint64_t epochs = 10, seed = 1, max_rows = 400000;
    const char *gaz[32];
    int ngaz = 0;
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (opt) {
        case 't': train_path = optarg; break;
        case 'd': dev_path = optarg; break;
        case 'o': out_path = optarg; break;
        case 'c': clusters = optarg; break;
        case 'e':
            if (np_parse_uint(optarg, 1, 1000, &epochs) < 0) {
                np_error("--epochs: expected 1..1000");
                return NP_EX_USAGE;
            }
            break;
        case 's':
            if (np_parse_uint(optarg, 0, UINT32_MAX, &seed) < 0) {
                np_error("--seed: expected a non-negative integer");
                return NP_EX_USAGE;
            }
            break;
        case 'm':
            if (np_parse_uint(optarg, 1, 1u << 28, &max_rows) < 0) {
                np_error("--max-features: expected 1..268435456");
                return NP_EX_USAGE;
            }
            break;
        case 'g':
            if (ngaz == 32) {
                np_error("--gazetteer: at most 32");
                return NP_EX_USAGE;
            }
            gaz[ngaz++] = optarg;
            break;
        case 'h': usage(); return NP_EX_OK;
        default: usage(); return NP_EX_USAGE;
        }
    }
    if (!train_path || !out_path || optind < argc) {
        usage();
        return NP_EX_USAGE;
    }
    char err[512];
    int rc = NP_EX_SOFTWARE;
    etag_corpus tr = {0}, dv = {0};
    etag_resource_builder rb = {0};
    weights W = {0};
    etag_decoder dec = {0};
    etag_tok *toks = NULL;
    etag_span *spans = NULL;
    uint32_t *order = NULL;
    etag_model best = {0};
    if (etag_corpus_read(train_path, &tr, err, sizeof err) < 0 ||
        (dev_path && etag_corpus_read(dev_path, &dv, err, sizeof err) < 0)) {
        np_error("%s", err);
        rc = NP_EX_DATAERR;
        goto out;
    }
    for (int g = 0; g < ngaz; g++) {
        const char *eq = strchr(gaz[g], '=');
        char name[32];
        size_t nl = eq ? (size_t)(eq - gaz[g]) : 0;
        if (!eq || nl >= sizeof name) {
            np_error("--gazetteer: expected CATEGORY=FILE, got %s", gaz[g]);
            rc = NP_EX_USAGE;
            goto out;
        }
        memcpy(name, gaz[g], nl);
        name[nl] = '\0';
        int cat = etag_gaz_category(name);
        if (cat < 0) {
            np_error("--gazetteer: unknown category %s", name);
            rc = NP_EX_USAGE;
            goto out;
        }
        if (etag_resources_add_gazetteer(&rb, cat, eq + 1, err, sizeof err) < 0) {
            np_error("%s", err);
            rc = NP_EX_NOINPUT;
            goto out;
        }
    }
    if (clusters && etag_resources_add_clusters(&rb, clusters, err, sizeof err) < 0) {
        np_error("%s", err);
        rc = NP_EX_NOINPUT;
        goto out;
    }
    etag_resources res = etag_resources_view(&rb);
    fprintf(stderr,
            "train: %u documents, %u sentences, %u tokens, %u entities; dev: %u tokens, %u "
            "entities; gazetteer %zu names, clusters %u words\n",
            tr.ndoc, tr.nsent, tr.ntok, tr.nspans, dv.ntok, dv.nspans, rb.gaz_entries,
            rb.clusters.count);
    size_t maxn = tr.ntok > dv.ntok ? tr.ntok : dv.ntok;
    toks = malloc((maxn + 1) * sizeof *toks);
    spans = malloc((maxn + 1) * sizeof *spans);
    order = malloc((tr.ndoc + 1) * sizeof *order);
    if (!toks || !spans || !order) goto nomem;
    for (uint32_t d = 0; d < tr.ndoc; d++) order[d] = d;
    uint64_t rng = seed * 0x9E3779B97F4A7C15ULL + 0x1234567;
    for (uint64_t ep = 1; ep <= epochs; ep++) {
        clock_t t0 = clock();
        /* Fisher-Yates with xorshift64*: the same seed gives the same order */
        for (uint32_t d = tr.ndoc; d > 1; d--) {
            rng ^= rng >> 12;
            rng ^= rng << 25;
            rng ^= rng >> 27;
            uint32_t j = (uint32_t)((rng * 0x2545F4914F6CDD1DULL >> 33) % d);
            uint32_t tmp = order[d - 1];
            order[d - 1] = order[j];
            order[j] = tmp;
        }
        unsigned long errors = 0;
        for (uint32_t k = 0; k < tr.ndoc; k++) {
            uint32_t first;
            size_t n = doc_tokens(&tr, order[k], toks, &first);
            /* one decoding pass per document; the step counts tokens */
            if (etag_decode(&dec, &res, train_score, &W, toks, n, tr.gold + first, train_update,
                            &W) < 0 ||
                W.nomem)
                goto nomem;
            for (size_t i = 0; i < n; i++) errors += dec.labels[i] != tr.gold[first + i];
            W.step += n;
        }
        etag_row *rows = averaged(&W);
        if (!rows) goto nomem;
        etag_model m;
        int brc = etag_model_build(&m, rows, W.count, max_rows, &res);
        free(rows);
        if (brc < 0) goto nomem;
        double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        fprintf(stderr,
                "epoch %llu/%llu: %.1fs, train token errors %lu (%.2f%%), %u features "
                "(%u kept)",
                (unsigned long long)ep, (unsigned long long)epochs, secs, errors,
                100.0 * (double)errors / (tr.ntok ? tr.ntok : 1), W.count, m.nrows);
        if (dv.ntok) {
            etag_score sc;
            if (evaluate(&dv, &m, &dec, toks, spans, &sc) < 0) goto nomem;
            double p, r, f = etag_score_f1(&sc, -1, &p, &r);
            fprintf(stderr, "; dev P %.2f R %.2f F1 %.2f [", p, r, f);
            for (int t = 0; t < ETAG_NMODEL; t++)
                fprintf(stderr, "%s%s %.2f", t ? " " : "", etag_type_name(t),
                        etag_score_f1(&sc, t, NULL, NULL));
            fprintf(stderr, "]");
        }
        fprintf(stderr, "\n");
        etag_model_close(&best);
        best = m;
    }
    if (etag_model_write(&best, out_path, err, sizeof err) < 0) {
        np_error("%s", err);
        rc = NP_EX_CANTCREAT;
        goto out;
    }
    fprintf(stderr, "wrote %s\n", out_path);
    rc = NP_EX_OK;
    goto out;
nomem:
    np_error("out of memory");
    rc = NP_EX_SOFTWARE;
out:
    etag_model_close(&best);
    etag_corpus_free(&tr);
    etag_corpus_free(&dv);
    etag_resources_builder_free(&rb);
    etag_decoder_free(&dec);
    free(W.keys);
    free(W.idx);
    free(W.w);
    free(W.u);
    free(toks);
    free(spans);
    free(order);
    return rc;
}
