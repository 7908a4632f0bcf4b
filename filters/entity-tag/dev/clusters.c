/* Exchange-algorithm word clustering (see clusters.h). Texts: NDJSON files (their "title"
 * and "body" strings) or CoNLL files (--conll), tokenized with the tagger's tokenizer and
 * lower-cased. Words seen fewer than --min-count times share one "rare word" entry. */
#include "clusters.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "atomicfile.h"
#include "buf.h"
#include "cli.h"
#include "conll.h"
#include "exitcode.h"
#include "hash.h"
#include "ndjson.h"
#include "tokenize.h"

#define MAX_GRAN 3
#define BOUNDARY 0 /* word id of the sentence/document boundary */

/* Vocabulary: lower-cased word -> id, with counts. */
typedef struct {
    char **word;
    uint64_t *cnt;
    uint32_t n, cap;
    uint64_t *hkeys; /* hash table of word hashes -> id+1 */
    uint32_t *hval;
    uint32_t hmask;
} vocab;

static int vocab_grow(vocab *v)
{
    uint32_t cap = v->hkeys ? (v->hmask + 1) * 2 : 1u << 16;
    uint64_t *k = calloc(cap, sizeof *k);
    uint32_t *x = calloc(cap, sizeof *x);
    if (!k || !x) {
        free(k);
        free(x);
        return -1;
    }
    for (uint32_t i = 0; v->hkeys && i <= v->hmask; i++) {
        if (!v->hval[i]) continue;
        uint32_t j = (uint32_t)v->hkeys[i] & (cap - 1);
        while (x[j]) j = (j + 1) & (cap - 1);
        k[j] = v->hkeys[i];
        x[j] = v->hval[i];
    }
    free(v->hkeys);
    free(v->hval);
    v->hkeys = k;
    v->hval = x;
    v->hmask = cap - 1;
    return 0;
}

/* Id of word s[0..n) (added when new), or -1 when out of memory. */
static int64_t vocab_id(vocab *v, const char *s, size_t n)
{
    if (!v->hkeys || (v->n + 1) * 2 > v->hmask + 1)
        if (vocab_grow(v) < 0) return -1;
    uint64_t h = np_hash64(s, n, 77);
    uint32_t i = (uint32_t)h & v->hmask;
    while (v->hval[i]) {
        uint32_t id = v->hval[i] - 1;
        if (v->hkeys[i] == h && strlen(v->word[id]) == n && memcmp(v->word[id], s, n) == 0)
            return id;
        i = (i + 1) & v->hmask;
    }
    if (v->n == v->cap) {
        uint32_t cap = v->cap ? v->cap * 2 : 4096;
        char **w = realloc(v->word, cap * sizeof *w);
        if (!w) return -1;
        v->word = w;
        uint64_t *c = realloc(v->cnt, cap * sizeof *c);
        if (!c) return -1;
        v->cnt = c;
        v->cap = cap;
    }
    char *copy = malloc(n + 1);
    if (!copy) return -1;
    memcpy(copy, s, n);
    copy[n] = '\0';
    v->word[v->n] = copy;
    v->cnt[v->n] = 0;
    v->hkeys[i] = h;
    v->hval[i] = v->n + 1;
    return v->n++;
}

/* The corpus as word ids. */
typedef struct {
    uint32_t *id;
    size_t n, cap;
} seq;

static int seq_push(seq *q, uint32_t id)
{
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 1 << 20;
        uint32_t *p = realloc(q->id, cap * sizeof *p);
        if (!p) return -1;
        q->id = p;
        q->cap = cap;
    }
    q->id[q->n++] = id;
    return 0;
}

/* ASCII lower-casing (the tagger's key lower-cases more, but clusters are looked up by the
 * same etag_word_key, which lower-cases this text again: ASCII case is what matters here). */
static int add_text(vocab *v, seq *q, const char *s, size_t n, np_tokens *toks, np_buf *low)
{
    if (np_tokenize(s, n, toks) < 0) return -1;
    for (size_t i = 0; i < toks->n; i++) {
        if (toks->t[i].flags & NP_TOK_PARA_BEFORE)
            if (seq_push(q, BOUNDARY) < 0) return -1;
        size_t len = toks->t[i].end - toks->t[i].start;
        np_buf_clear(low);
        if (np_buf_append(low, s + toks->t[i].start, len) < 0) return -1;
        for (size_t k = 0; k < len; k++)
            if (low->data[k] >= 'A' && low->data[k] <= 'Z') low->data[k] += 32;
        int64_t id = vocab_id(v, low->data, len);
        if (id < 0 || seq_push(q, (uint32_t)id) < 0) return -1;
        v->cnt[id]++;
    }
    return seq_push(q, BOUNDARY);
}

struct ndjson_ctx {
    vocab *v;
    seq *q;
    np_tokens toks;
    np_buf low;
};

static int add_record(void *vctx, const char *const texts[2], const size_t lens[2], char *err,
                      size_t errlen)
{
    struct ndjson_ctx *c = vctx;
    for (int k = 0; k < 2; k++)
        if (texts[k] && add_text(c->v, c->q, texts[k], lens[k], &c->toks, &c->low) < 0) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
    return 0;
}

static int read_ndjson(const char *path, vocab *v, seq *q, char *err, size_t errlen)
{
    struct ndjson_ctx c = {v, q, {0}, {0}};
    int rc = etag_ndjson_each(path, add_record, &c, err, errlen);
    np_tokens_free(&c.toks);
    np_buf_free(&c.low);
    return rc;
}

static int read_conll(const char *path, vocab *v, seq *q, char *err, size_t errlen)
{
    etag_corpus c = {0};
    int rc = etag_corpus_read(path, &c, err, errlen);
    if (rc) return rc;
    np_buf low = {0};
    for (uint32_t s = 0; s < c.nsent && rc == 0; s++) {
        for (uint32_t t = c.sent[s]; t < c.sent[s + 1]; t++) {
            const char *w = c.text + c.tok[t];
            size_t len = c.tok_len[t];
            np_buf_clear(&low);
            if (np_buf_append(&low, w, len) < 0) {
                rc = -1;
                break;
            }
            for (size_t k = 0; k < len; k++)
                if (low.data[k] >= 'A' && low.data[k] <= 'Z') low.data[k] += 32;
            int64_t id = vocab_id(v, low.data, len);
            if (id < 0 || seq_push(q, (uint32_t)id) < 0) {
                rc = -1;
                break;
            }
            v->cnt[id]++;
        }
        if (rc == 0 && seq_push(q, BOUNDARY) < 0) rc = -1;
    }
    if (rc < 0) snprintf(err, errlen, "out of memory");
    np_buf_free(&low);
    etag_corpus_free(&c);
    return rc < 0 ? NP_EX_SOFTWARE : NP_EX_OK;
}

/* Word bigrams as adjacency lists (both directions), over the compacted vocabulary. */
typedef struct {
    uint32_t *off;      /* per word: start in nb/cnt, n + 1 entries */
    uint32_t *nb, *cnt; /* neighbour word and bigram count */
} adj;

typedef struct {
    uint64_t key; /* a << 32 | b */
    uint32_t cnt;
} pair;

static int by_key(const void *a, const void *b)
{
    uint64_t x = ((const pair *)a)->key, y = ((const pair *)b)->key;
    return x < y ? -1 : x > y;
}

/* Builds right (a -> b) adjacency from sorted unique pairs. */
static int build_adj(const pair *p, size_t np, uint32_t nw, adj *out)
{
    out->off = calloc((size_t)nw + 1, sizeof *out->off);
    out->nb = malloc((np + 1) * sizeof *out->nb);
    out->cnt = malloc((np + 1) * sizeof *out->cnt);
    if (!out->off || !out->nb || !out->cnt) return -1;
    for (size_t i = 0; i < np; i++) out->off[(p[i].key >> 32) + 1]++;
    for (uint32_t w = 0; w < nw; w++) out->off[w + 1] += out->off[w];
    for (size_t i = 0; i < np; i++) {
        out->nb[i] = (uint32_t)p[i].key;
        out->cnt[i] = p[i].cnt;
    }
    return 0;
}

static void adj_free(adj *a)
{
    free(a->off);
    free(a->nb);
    free(a->cnt);
}

static double *flog_table;
#define FLOG_N (1u << 22)
static inline double flog(double x)
{
    if (x < FLOG_N) return flog_table[(uint32_t)x];
    return x * log(x);
}

/* One clustering into C classes. cls[w] gets each word's class. Word 0 (boundary) stays in
 * class 0 alone. */
static int exchange(uint32_t nw, const uint64_t *wcnt, const adj *R, const adj *L,
                    const uint32_t *selfc, uint32_t C, int iters, uint32_t *cls)
{
    double *N2 = calloc((size_t)C * C, sizeof *N2);
    double *N1 = calloc(C, sizeof *N1);
    double *rc = calloc(C, sizeof *rc), *lc = calloc(C, sizeof *lc);
    uint32_t *rlist = malloc(C * sizeof *rlist), *llist = malloc(C * sizeof *llist);
    if (!N2 || !N1 || !rc || !lc || !rlist || !llist) {
        free(N2);
        free(N1);
        free(rc);
        free(lc);
        free(rlist);
        free(llist);
        return -1;
    }
    /* words are sorted by frequency (id 1 most frequent): round-robin initial classes */
    cls[0] = 0;
    for (uint32_t w = 1; w < nw; w++) cls[w] = 1 + (w - 1) % (C - 1);
    for (uint32_t w = 0; w < nw; w++) {
        N1[cls[w]] += (double)wcnt[w];
        for (uint32_t k = R->off[w]; k < R->off[w + 1]; k++)
            N2[(size_t)cls[w] * C + cls[R->nb[k]]] += R->cnt[k];
    }
    for (int it = 0; it < iters; it++) {
        clock_t t0 = clock();
        uint32_t moves = 0;
        for (uint32_t w = 1; w < nw; w++) {
            uint32_t a = cls[w];
            double nwc = (double)wcnt[w], s = selfc[w];
            /* class counts of w's neighbours (excluding w itself) */
            uint32_t nr = 0, nl = 0;
            for (uint32_t k = R->off[w]; k < R->off[w + 1]; k++) {
                if (R->nb[k] == w) continue;
                uint32_t c = cls[R->nb[k]];
                if (rc[c] == 0) rlist[nr++] = c;
                rc[c] += R->cnt[k];
            }
            for (uint32_t k = L->off[w]; k < L->off[w + 1]; k++) {
                if (L->nb[k] == w) continue;
                uint32_t c = cls[L->nb[k]];
                if (lc[c] == 0) llist[nl++] = c;
                lc[c] += L->cnt[k];
            }
            /* remove w from a */
            for (uint32_t i = 0; i < nr; i++) N2[(size_t)a * C + rlist[i]] -= rc[rlist[i]];
            for (uint32_t i = 0; i < nl; i++) N2[(size_t)llist[i] * C + a] -= lc[llist[i]];
            N2[(size_t)a * C + a] -= s;
            N1[a] -= nwc;
            /* best class to put it in */
            uint32_t best = a;
            double best_gain = -HUGE_VAL;
            for (uint32_t b = 1; b < C; b++) {
                double g = 0;
                for (uint32_t i = 0; i < nr; i++) {
                    uint32_t c = rlist[i];
                    if (c == b) continue;
                    double x = N2[(size_t)b * C + c];
                    g += flog(x + rc[c]) - flog(x);
                }
                for (uint32_t i = 0; i < nl; i++) {
                    uint32_t c = llist[i];
                    if (c == b) continue;
                    double x = N2[(size_t)c * C + b];
                    g += flog(x + lc[c]) - flog(x);
                }
                double xbb = N2[(size_t)b * C + b];
                g += flog(xbb + rc[b] + lc[b] + s) - flog(xbb);
                g -= 2 * (flog(N1[b] + nwc) - flog(N1[b]));
                if (g > best_gain + 1e-9 || (b == a && g >= best_gain - 1e-9)) {
                    best_gain = g;
                    best = b;
                }
            }
            for (uint32_t i = 0; i < nr; i++) N2[(size_t)best * C + rlist[i]] += rc[rlist[i]];
            for (uint32_t i = 0; i < nl; i++) N2[(size_t)llist[i] * C + best] += lc[llist[i]];
            N2[(size_t)best * C + best] += s;
            N1[best] += nwc;
            if (best != a) moves++;
            cls[w] = best;
            for (uint32_t i = 0; i < nr; i++) rc[rlist[i]] = 0;
            for (uint32_t i = 0; i < nl; i++) lc[llist[i]] = 0;
        }
        fprintf(stderr, "clusters %u: iteration %d: %u words moved (%.1fs)\n", C, it + 1, moves,
                (double)(clock() - t0) / CLOCKS_PER_SEC);
        if (moves == 0) break;
    }
    free(N2);
    free(N1);
    free(rc);
    free(lc);
    free(rlist);
    free(llist);
    return 0;
}

static int by_count(const void *a, const void *b, void *arg)
{
    const uint64_t *cnt = arg;
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    if (cnt[x] != cnt[y]) return cnt[x] > cnt[y] ? -1 : 1;
    return x < y ? -1 : x > y; /* first seen first: deterministic */
}

static int by_word(const void *a, const void *b, void *arg)
{
    char **w = arg;
    return strcmp(w[*(const uint32_t *)a], w[*(const uint32_t *)b]);
}

static void usage(void)
{
    fprintf(stderr, "usage: newspipe-entity-tag clusters --out FILE [--classes 64,256,1024] "
                    "[--min-count N] [--iterations N] [--conll FILE]... [NDJSON-FILE]...\n");
}

/* What `clusters` was asked for (paths borrowed from argv). */
typedef struct {
    const char *out, *conll[16];
    int nconll, ngran, first_file; /* argv[first_file..] are NDJSON files */
    uint64_t minc, iters;
    uint32_t gran[MAX_GRAN];
} clusters_args;

/* Reads --classes N[,N[,N]] into a->gran. Returns 0 or -1 (said). */
static int parse_classes(const char *arg, clusters_args *a)
{
    char *st;
    const char *it[MAX_GRAN];
    int n = np_split_list(arg, &st, it, MAX_GRAN);
    if (n < 1) {
        np_error("--classes: expected one to three numbers, as 64,256,1024");
        return -1;
    }
    for (int k = 0; k < n; k++) {
        uint64_t x;
        if (np_parse_uint(it[k], 2, k == 0 ? 63 + 1 : k == 1 ? 256 : 1024, &x) < 0) {
            np_error("--classes: at most 64, 256, 1024 for the three granularities");
            free(st);
            return -1;
        }
        a->gran[k] = (uint32_t)x;
    }
    a->ngran = n;
    free(st);
    return 0;
}

/* Reads the options into *a. Returns -1 to go on, or the exit status (0 after --help). */
static int parse_args(int argc, char **argv, clusters_args *a)
{
    static const struct option longopts[] = {
        {"out", 1, NULL, 'o'},        {"classes", 1, NULL, 'c'}, {"min-count", 1, NULL, 'm'},
        {"iterations", 1, NULL, 'i'}, {"conll", 1, NULL, 'C'},   {"help", 0, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    *a = (clusters_args){.minc = 3, .iters = 12, .gran = {64, 256, 1024}, .ngran = 3};
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'o': a->out = optarg; break;
        case 'C':
            if (a->nconll == 16) {
                np_error("--conll: at most 16 files");
                return NP_EX_USAGE;
            }
            a->conll[a->nconll++] = optarg;
            break;
        case 'm':
            if (np_parse_opt_uint("min-count", optarg, 1, 1000000, &a->minc) < 0)
                return NP_EX_USAGE;
            break;
        case 'i':
            if (np_parse_opt_uint("iterations", optarg, 1, 1000, &a->iters) < 0) return NP_EX_USAGE;
            break;
        case 'c':
            if (parse_classes(optarg, a) < 0) return NP_EX_USAGE;
            break;
        case 'h': usage(); return NP_EX_OK;
        default: usage(); return NP_EX_USAGE;
        }
    }
    if (!a->out || (optind >= argc && a->nconll == 0)) {
        usage();
        return NP_EX_USAGE;
    }
    a->first_file = optind;
    return -1;
}

/* The text as word ids, compacted: frequent words by count from id 2, the rare ones share id
 * 1 ("<rare>"), id 0 the sentence boundary. */
typedef struct {
    uint32_t *order, *map; /* by vocabulary id: the compact id */
    uint64_t *wcnt;        /* by compact id: its count */
    uint32_t *orig;        /* by compact id: the vocabulary id of a frequent word */
    uint32_t nw;           /* compact ids */
} compact;

static int compact_words(const vocab *v, seq *q, uint64_t minc, compact *c)
{
    c->order = malloc(v->n * sizeof *c->order);
    c->map = malloc(v->n * sizeof *c->map);
    if (!c->order || !c->map) return -1;
    for (uint32_t w = 0; w < v->n; w++) c->order[w] = w;
    qsort_r(c->order + 1, v->n - 1, sizeof *c->order, by_count, v->cnt);
    c->nw = 2;
    c->map[0] = 0;
    for (uint32_t k = 1; k < v->n; k++) {
        uint32_t w = c->order[k];
        c->map[w] = v->cnt[w] >= minc ? c->nw++ : 1;
    }
    c->wcnt = calloc(c->nw, sizeof *c->wcnt);
    c->orig = calloc(c->nw, sizeof *c->orig);
    if (!c->wcnt || !c->orig) return -1;
    for (uint32_t w = 0; w < v->n; w++) {
        c->wcnt[c->map[w]] += v->cnt[w];
        if (c->map[w] > 1) c->orig[c->map[w]] = w;
    }
    for (size_t i = 0; i < q->n; i++) q->id[i] = c->map[q->id[i]];
    c->wcnt[0] = 1;
    return 0;
}

/* The bigram counts as right (R) and left (L) adjacency, and each word's count next to
 * itself. Returns the number of distinct bigrams, or -1 when out of memory. */
static long long bigrams(const seq *q, uint32_t nw, adj *R, adj *L, uint32_t *selfc)
{
    pair *p = malloc((q->n + 1) * sizeof *p), *pl = malloc((q->n + 1) * sizeof *pl);
    long long rc = -1;
    if (!p || !pl) goto out;
    size_t np = 0;
    for (size_t i = 0; i + 1 < q->n; i++)
        p[np++] = (pair){(uint64_t)q->id[i] << 32 | q->id[i + 1], 1};
    qsort(p, np, sizeof *p, by_key);
    size_t u = 0;
    for (size_t i = 0; i < np; i++) {
        if (u && p[u - 1].key == p[i].key)
            p[u - 1].cnt++;
        else
            p[u++] = p[i];
    }
    np = u;
    for (size_t i = 0; i < np; i++) pl[i] = (pair){(p[i].key << 32) | (p[i].key >> 32), p[i].cnt};
    qsort(pl, np, sizeof *pl, by_key);
    if (build_adj(p, np, nw, R) < 0 || build_adj(pl, np, nw, L) < 0) goto out;
    for (size_t i = 0; i < np; i++)
        if ((uint32_t)(p[i].key >> 32) == (uint32_t)p[i].key) selfc[(uint32_t)p[i].key] = p[i].cnt;
    rc = (long long)np;
out:
    free(p);
    free(pl);
    return rc;
}

/* The table: word<TAB>class per granularity, sorted by word, built whole and then written
 * atomically (a failed run leaves the old table as it was). Returns the exit status. */
static int write_classes(const clusters_args *a, const vocab *v, const compact *c,
                         uint32_t *const *cls, size_t ntok)
{
    uint32_t *ws = malloc(c->nw * sizeof *ws), nws = 0;
    np_buf b = {0};
    int rc = NP_EX_SOFTWARE;
    if (!ws) goto nomem;
    for (uint32_t w = 2; w < c->nw; w++) ws[nws++] = c->orig[w];
    qsort_r(ws, nws, sizeof *ws, by_word, v->word);
    int e = np_buf_puts(&b, "# newspipe-entity-tag clusters: exchange algorithm, classes");
    for (int g = 0; g < a->ngran; g++) e |= np_buf_printf(&b, " %u", a->gran[g]);
    e |= np_buf_printf(&b, "; %zu tokens; min count %llu\n", ntok, (unsigned long long)a->minc);
    for (uint32_t k = 0; k < nws && !e; k++) {
        uint32_t w = ws[k];
        if (strchr(v->word[w], '\t') || strchr(v->word[w], '\n')) continue;
        e |= np_buf_puts(&b, v->word[w]);
        for (int g = 0; g < a->ngran; g++) e |= np_buf_printf(&b, "\t%u", cls[g][c->map[w]]);
        e |= np_buf_putc(&b, '\n');
    }
    if (e) goto nomem;
    rc = np_write_result(a->out, b.data, b.len);
    if (rc == 0) fprintf(stderr, "wrote %s (%u words)\n", a->out, nws);
    goto out;
nomem:
    np_error("out of memory");
out:
    np_buf_free(&b);
    free(ws);
    return rc;
}

int etag_clusters_main(int argc, char **argv)
{
    clusters_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0) return rc;
    char err[512];
    vocab v = {0};
    seq q = {0};
    compact c = {0};
    adj R = {0}, L = {0};
    uint32_t *selfc = NULL, *cls[MAX_GRAN] = {0};
    if (vocab_id(&v, "<s>", 3) != BOUNDARY) goto nomem;
    rc = NP_EX_OK;
    for (int i = a.first_file; i < argc && rc == NP_EX_OK; i++)
        rc = read_ndjson(argv[i], &v, &q, err, sizeof err);
    for (int i = 0; i < a.nconll && rc == NP_EX_OK; i++)
        rc = read_conll(a.conll[i], &v, &q, err, sizeof err);
    if (rc != NP_EX_OK) {
        np_error("%s", err);
        goto done;
    }
    if (compact_words(&v, &q, a.minc, &c) < 0 || !(selfc = calloc(c.nw, sizeof *selfc))) goto nomem;
    long long np = bigrams(&q, c.nw, &R, &L, selfc);
    if (np < 0) goto nomem;
    fprintf(stderr, "clusters: %zu tokens, %u words (%u seen at least %llu times), %lld bigrams\n",
            q.n, v.n - 1, c.nw - 2, (unsigned long long)a.minc, np);
    flog_table = malloc(FLOG_N * sizeof *flog_table);
    if (!flog_table) goto nomem;
    flog_table[0] = 0;
    for (uint32_t x = 1; x < FLOG_N; x++) flog_table[x] = x * log((double)x);
    for (int g = 0; g < a.ngran; g++) {
        cls[g] = malloc(c.nw * sizeof *cls[g]);
        if (!cls[g] || exchange(c.nw, c.wcnt, &R, &L, selfc, a.gran[g], (int)a.iters, cls[g]) < 0)
            goto nomem;
    }
    rc = write_classes(&a, &v, &c, cls, q.n);
    goto done;
nomem:
    np_error("out of memory");
    rc = NP_EX_SOFTWARE;
done:
    for (int g = 0; g < MAX_GRAN; g++) free(cls[g]);
    free(flog_table);
    flog_table = NULL;
    adj_free(&R);
    adj_free(&L);
    free(selfc);
    free(c.wcnt);
    free(c.orig);
    free(c.order);
    free(c.map);
    for (uint32_t w = 0; w < v.n; w++) free(v.word[w]);
    free(v.word);
    free(v.cnt);
    free(v.hkeys);
    free(v.hval);
    free(q.id);
    return rc;
}
