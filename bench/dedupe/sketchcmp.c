/* dedupe-sketchcmp: MinHash against SimHash on the development set, pair by pair (no LSH):
 * positives are each republication with its original; negatives are all pairs of templated
 * items of one template family and 20000 random pairs of originals. The sketches are of the
 * text as written, so the kinds that only the figure-blind evidence of the filter catches
 * (update-all, short-*, templated-update) are left out. For each sketch the
 * best-F1 threshold is found and its precision and recall printed.
 *
 *   dedupe-sketchcmp DEVSET
 *
 * Sketches: exact Jaccard of word 5-shingles (the reference), our one-permutation MinHash
 * (128 x 8 bits, as the filter), classic MinHash (128 independent hash functions), and
 * 64-bit SimHash (Charikar) over the same 5-shingles and over tf-weighted words (Manku et
 * al.'s feature choice); SimHash similarity is 1 - Hamming distance / 64. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "corpus.h"
#include "hash.h"
#include "json.h"
#include "engine.h"
#include "minhash.h"
#include "shingle.h"
#include "shset.h"

#define K 128
enum { M_EXACT, M_OPH, M_CLASSIC, M_SIM_SH, M_SIM_W, NM };
static const char *names[NM] = {"exact Jaccard (5-shingles)", "MinHash, one permutation (filter)",
                                "MinHash, 128 hash functions", "SimHash-64, 5-shingles",
                                "SimHash-64, tf-weighted words"};

typedef struct {
    char *cluster, *kind;
    ddb_shset set;
    dd_hval oph[K];
    uint32_t classic[K];
    uint64_t sim_sh, sim_w;
} item;

static uint64_t simhash(const uint64_t *f, size_t n)
{
    int v[64] = {0};
    for (size_t i = 0; i < n; i++) {
        uint64_t h = np_mix64(f[i] ^ 0x51u);
        for (int b = 0; b < 64; b++) v[b] += (h >> b & 1) ? 1 : -1;
    }
    uint64_t r = 0;
    for (int b = 0; b < 64; b++)
        if (v[b] > 0) r |= 1ULL << b;
    return r;
}

static double sim(const item *a, const item *b, int m)
{
    switch (m) {
    case M_EXACT: return ddb_jaccard(&a->set, &b->set);
    case M_OPH: return dd_sig_estimate(dd_sig_matches(a->oph, b->oph, K), K);
    case M_CLASSIC: {
        int m2 = 0;
        for (int i = 0; i < K; i++) m2 += a->classic[i] == b->classic[i];
        return (double)m2 / K;
    }
    case M_SIM_SH: return 1 - __builtin_popcountll(a->sim_sh ^ b->sim_sh) / 64.0;
    default: return 1 - __builtin_popcountll(a->sim_w ^ b->sim_w) / 64.0;
    }
}

typedef struct {
    double s[NM];
    int pos;
    int tpl;
} pair;

static int by_score;
static int cmp_pair(const void *a, const void *b)
{
    double x = ((const pair *)a)->s[by_score], y = ((const pair *)b)->s[by_score];
    return x > y ? -1 : x < y;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: dedupe-sketchcmp DEVSET\n");
        return 64;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) return 66;
    item *it = NULL;
    size_t n = 0, cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    np_json_object o = {0}, e = {0};
    np_json_error err;
    dd_shingles sh = {0};
    uint64_t work[K];
    while ((len = getline(&line, &lcap, f)) > 0) {
        if (np_json_parse_object(line, (size_t)len, &o, &err) != NP_JSON_OK) continue;
        const np_json_member *em = np_json_object_get(&o, "eval"),
                             *bm = np_json_object_get(&o, "body");
        if (!em || !bm || np_json_parse_object(em->val, em->val_len, &e, &err) != NP_JSON_OK)
            continue;
        np_buf body = {0}, cl = {0}, kd = {0};
        np_json_decode_string(bm->val, bm->val_len, &body);
        np_json_decode_string(np_json_object_get(&e, "cluster")->val,
                              np_json_object_get(&e, "cluster")->val_len, &cl);
        np_json_decode_string(np_json_object_get(&e, "kind")->val,
                              np_json_object_get(&e, "kind")->val_len, &kd);
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            it = realloc(it, cap * sizeof *it);
        }
        item *x = &it[n++];
        x->cluster = cl.data;
        x->kind = kd.data;
        if (ddb_shset_make(&x->set, &sh, body.data ? body.data : "", body.len) < 0) {
            fputs("dedupe-sketchcmp: out of memory\n", stderr);
            return 70;
        }
        dd_minhash(sh.sh_raw, sh.nsh, K, DD_DEFAULT_SEED, work, x->oph);
        for (int k = 0; k < K; k++) {
            uint32_t mn = UINT32_MAX;
            for (size_t i = 0; i < x->set.n; i++) {
                uint32_t v = (uint32_t)np_mix64(x->set.h[i] ^ (0x1234567ULL * (uint64_t)(k + 1)));
                if (v < mn) mn = v;
            }
            x->classic[k] = mn;
        }
        x->sim_sh = simhash(x->set.h, x->set.n);
        /* tf-weighted words: each word hash once per occurrence */
        x->sim_w = simhash(sh.tok, sh.ntok);
        np_buf_free(&body);
    }
    fclose(f);
    pair *p = NULL;
    size_t np = 0, pcap = 0;
#define ADD(a, b, ispos, istpl)                                                                    \
    do {                                                                                           \
        if (np == pcap) {                                                                          \
            pcap = pcap ? pcap * 2 : 65536;                                                        \
            p = realloc(p, pcap * sizeof *p);                                                      \
        }                                                                                          \
        for (int m_ = 0; m_ < NM; m_++) p[np].s[m_] = sim(&it[a], &it[b], m_);                     \
        p[np].pos = ispos;                                                                         \
        p[np].tpl = istpl;                                                                         \
        np++;                                                                                      \
    } while (0)
    /* positives: a near-duplicate kind with the first item of its cluster */
    for (size_t i = 0; i < n; i++) {
        const char *k = it[i].kind;
        if (!strncmp(k, "exact-", 6) || !strcmp(k, "original") || !strcmp(k, "same-company") ||
            !strncmp(k, "templated-e", 11) || !strncmp(k, "templated-m", 11) ||
            !strcmp(k, "templated-update") || !strncmp(k, "short-", 6) || !strcmp(k, "update-all"))
            continue;
        if (!strcmp(k, "templated-commodity")) continue;
        for (size_t j = 0; j < i; j++)
            if (!strcmp(it[j].cluster, it[i].cluster)) {
                ADD(j, i, 1, !strcmp(k, "templated-correction"));
                break;
            }
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (!strcmp(it[i].kind, it[j].kind) && (!strcmp(it[i].kind, "templated-earnings") ||
                                                    !strcmp(it[i].kind, "templated-market")))
                ADD(i, j, 0, 1);
    ddb_rng r = {99};
    size_t *orig = malloc(n * sizeof *orig), no = 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(it[i].kind, "original") || !strcmp(it[i].kind, "same-company")) orig[no++] = i;
    for (int t = 0; t < 20000 && no > 1; t++) {
        size_t a = orig[ddb_below(&r, no)], b = orig[ddb_below(&r, no)];
        if (a != b) ADD(a, b, 0, 0);
    }
    size_t npos = 0;
    for (size_t i = 0; i < np; i++) npos += p[i].pos;
    printf("pairs: %zu positive (republication, original), %zu negative (templated pairs and "
           "random originals)\n",
           npos, np - npos);
    for (int m = 0; m < NM; m++) {
        by_score = m;
        qsort(p, np, sizeof *p, cmp_pair);
        size_t tp = 0, fp = 0, best_i = 0;
        double best_f = -1;
        for (size_t i = 0; i < np; i++) {
            tp += p[i].pos;
            fp += !p[i].pos;
            if (i + 1 < np && p[i + 1].s[m] == p[i].s[m]) continue;
            double prec = (double)tp / (tp + fp), rec = (double)tp / npos,
                   f1 = 2 * prec * rec / (prec + rec);
            if (f1 > best_f) best_f = f1, best_i = i;
        }
        tp = fp = 0;
        size_t tplfp = 0;
        for (size_t i = 0; i <= best_i; i++) {
            tp += p[i].pos;
            fp += !p[i].pos;
            tplfp += !p[i].pos && p[i].tpl;
        }
        printf("%-34s best F1 %.4f at similarity >= %.3f: precision %.4f, recall %.4f (%zu false "
               "positives, %zu of them templated)\n",
               names[m], best_f, p[best_i].s[m], (double)tp / (tp + fp), (double)tp / npos, fp,
               tplfp);
        if (m == M_OPH) {
            tp = fp = 0;
            for (size_t i = 0; i < np; i++)
                if (p[i].s[m] >= 0.5) tp += p[i].pos, fp += !p[i].pos;
            printf("%-34s at the filter's default 0.5: precision %.4f, recall %.4f\n", "",
                   (double)tp / (tp + fp), (double)tp / npos);
        }
    }
    printf("memory per article: MinHash %d bytes (128 x %d bits), SimHash 8 bytes\n",
           K * (int)sizeof(dd_hval), DD_HVAL_BITS);
    return 0;
}
