/* ROUGE scoring for development: tokenization with stemming into interned ids, clipped
 * n-gram overlap by sorting, and rouge_score's summary-level union LCS. */
#include "rouge.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "porter.h"

int summ_ids_push(summ_ids *a, uint32_t x)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 64;
        uint32_t *p = realloc(a->v, cap * sizeof *p);
        if (!p) return -1;
        a->v = p;
        a->cap = cap;
    }
    a->v[a->n++] = x;
    return 0;
}

void summ_ids_free(summ_ids *a)
{
    free(a->v);
    a->v = NULL;
    a->n = a->cap = 0;
}

/* ---- vocabulary: open addressing over offsets into one string arena ---------------------- */

struct summ_vocab {
    char *arena; /* token bytes, each NUL-terminated */
    size_t alen, acap;
    uint32_t *off; /* id -> offset in arena */
    size_t n, ncap;
    uint32_t *slot; /* hash slot -> id + 1, 0 empty */
    size_t nslot;   /* a power of two */
};

summ_vocab *summ_vocab_new(void)
{
    return calloc(1, sizeof(summ_vocab));
}

void summ_vocab_free(summ_vocab *v)
{
    if (!v) return;
    free(v->arena);
    free(v->off);
    free(v->slot);
    free(v);
}

static int vocab_grow(summ_vocab *v)
{
    size_t ns = v->nslot ? v->nslot * 2 : 1024;
    uint32_t *slot = calloc(ns, sizeof *slot);
    if (!slot) return -1;
    for (size_t id = 0; id < v->n; id++) {
        const char *w = v->arena + v->off[id];
        size_t h = np_hash64(w, strlen(w), 0) & (ns - 1);
        while (slot[h]) h = (h + 1) & (ns - 1);
        slot[h] = (uint32_t)id + 1;
    }
    free(v->slot);
    v->slot = slot;
    v->nslot = ns;
    return 0;
}

/* The id of w[0..n), added when new. Returns 0 or -1. */
static int vocab_id(summ_vocab *v, const char *w, size_t n, uint32_t *id)
{
    if (v->n * 2 >= v->nslot && vocab_grow(v) < 0) return -1;
    size_t h = np_hash64(w, n, 0) & (v->nslot - 1);
    while (v->slot[h]) {
        const char *x = v->arena + v->off[v->slot[h] - 1];
        if (strncmp(x, w, n) == 0 && x[n] == '\0') {
            *id = v->slot[h] - 1;
            return 0;
        }
        h = (h + 1) & (v->nslot - 1);
    }
    if (v->alen + n + 1 > v->acap) {
        size_t cap = v->acap ? v->acap * 2 : 4096;
        while (cap < v->alen + n + 1) cap *= 2;
        char *p = realloc(v->arena, cap);
        if (!p) return -1;
        v->arena = p;
        v->acap = cap;
    }
    if (v->n == v->ncap) {
        size_t cap = v->ncap ? v->ncap * 2 : 1024;
        uint32_t *p = realloc(v->off, cap * sizeof *p);
        if (!p) return -1;
        v->off = p;
        v->ncap = cap;
    }
    memcpy(v->arena + v->alen, w, n);
    v->arena[v->alen + n] = '\0';
    v->off[v->n] = (uint32_t)v->alen;
    v->alen += n + 1;
    v->slot[h] = (uint32_t)v->n + 1;
    *id = (uint32_t)v->n++;
    return 0;
}

int summ_rouge_tokens(summ_vocab *v, const char *s, size_t n, summ_ids *out)
{
    char w[64];
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            i++;
            continue;
        }
        size_t a = i, k = 0;
        while (i < n) {
            c = (unsigned char)s[i];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
                break;
            if (k < sizeof w) w[k] = (char)c;
            k++;
            i++;
        }
        /* a token longer than the buffer is kept whole by hashing its raw bytes */
        size_t len = k;
        if (k > sizeof w) {
            uint64_t h = np_hash64(s + a, i - a, 7);
            for (int b = 0; b < 16; b++) w[b] = "0123456789abcdef"[(h >> (4 * b)) & 15];
            memcpy(w + 16, "#long", 5);
            len = 21;
        } else if (k > 3) {
            len = summ_porter_stem(w, k);
        }
        uint32_t id;
        if (vocab_id(v, w, len, &id) < 0 || summ_ids_push(out, id) < 0) return -1;
    }
    return 0;
}

/* ---- scoring ---------------------------------------------------------------------------- */

struct summ_scorer {
    uint64_t *a, *b; /* n-gram keys of each side */
    size_t acap, bcap;
    int32_t *cnt_r, *cnt_c; /* token counts by id, all zero between calls */
    size_t rcap, ccap;
    uint32_t *table; /* LCS table */
    size_t tcap;
    unsigned char *mark; /* union LCS positions of one reference sentence */
    size_t mcap;
};

summ_scorer *summ_scorer_new(void)
{
    return calloc(1, sizeof(summ_scorer));
}

void summ_scorer_free(summ_scorer *sc)
{
    if (!sc) return;
    free(sc->a);
    free(sc->b);
    free(sc->cnt_r);
    free(sc->cnt_c);
    free(sc->table);
    free(sc->mark);
    free(sc);
}

/* Grows a count array to at least need entries, the new ones zero. */
static int grow_zeroed(int32_t **p, size_t *cap, size_t need)
{
    if (need <= *cap) return 0;
    size_t c = *cap ? *cap : 1024;
    while (c < need) c *= 2;
    int32_t *q = realloc(*p, c * sizeof *q);
    if (!q) return -1;
    memset(q + *cap, 0, (c - *cap) * sizeof *q);
    *p = q;
    *cap = c;
    return 0;
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

static double fmeasure(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

/* Fills keys with the n-grams (n = 1 or 2) of the sentences read as one stream; returns the
 * count. */
static size_t ngrams(const summ_seq *x, size_t nx, int order, uint64_t *keys)
{
    size_t k = 0;
    uint64_t prev = 0;
    int have = 0;
    for (size_t s = 0; s < nx; s++)
        for (size_t i = 0; i < x[s].n; i++) {
            uint64_t t = x[s].t[i];
            if (order == 1)
                keys[k++] = t;
            else if (have)
                keys[k++] = (prev << 32) | t;
            prev = t;
            have = 1;
        }
    return k;
}

static size_t total_tokens(const summ_seq *x, size_t nx)
{
    size_t n = 0;
    for (size_t s = 0; s < nx; s++) n += x[s].n;
    return n;
}

static int ngram_prf(summ_scorer *sc, const summ_seq *ref, size_t nref, const summ_seq *cand,
                     size_t ncand, int order, summ_prf *out)
{
    size_t tr = total_tokens(ref, nref), tc = total_tokens(cand, ncand);
    if (np_array_reserve((void **)&sc->a, &sc->acap, tr + 1, sizeof(uint64_t)) < 0 ||
        np_array_reserve((void **)&sc->b, &sc->bcap, tc + 1, sizeof(uint64_t)) < 0)
        return -1;
    size_t na = ngrams(ref, nref, order, sc->a), nb = ngrams(cand, ncand, order, sc->b);
    qsort(sc->a, na, sizeof(uint64_t), cmp_u64);
    qsort(sc->b, nb, sizeof(uint64_t), cmp_u64);
    size_t i = 0, j = 0, hits = 0;
    while (i < na && j < nb) {
        if (sc->a[i] < sc->b[j])
            i++;
        else if (sc->a[i] > sc->b[j])
            j++;
        else
            hits++, i++, j++; /* equal runs pair off one by one: min of the counts */
    }
    out->p = (double)hits / (double)(nb ? nb : 1);
    out->r = (double)hits / (double)(na ? na : 1);
    out->f = fmeasure(out->p, out->r);
    return 0;
}

/* Marks in sc->mark the positions of r that are on rouge_score's backtracked LCS with c. */
static int lcs_mark(summ_scorer *sc, summ_seq r, summ_seq c)
{
    size_t w = c.n + 1;
    if (np_array_reserve((void **)&sc->table, &sc->tcap, (r.n + 1) * w, sizeof(uint32_t)) < 0)
        return -1;
    uint32_t *t = sc->table;
    for (size_t j = 0; j <= c.n; j++) t[j] = 0;
    for (size_t i = 1; i <= r.n; i++) {
        t[i * w] = 0;
        for (size_t j = 1; j <= c.n; j++) {
            if (r.t[i - 1] == c.t[j - 1])
                t[i * w + j] = t[(i - 1) * w + j - 1] + 1;
            else {
                uint32_t up = t[(i - 1) * w + j], left = t[i * w + j - 1];
                t[i * w + j] = up > left ? up : left;
            }
        }
    }
    size_t i = r.n, j = c.n;
    while (i > 0 && j > 0) {
        if (r.t[i - 1] == c.t[j - 1]) {
            sc->mark[i - 1] = 1;
            i--, j--;
        } else if (t[i * w + j - 1] > t[(i - 1) * w + j]) {
            j--;
        } else {
            i--;
        }
    }
    return 0;
}

static int lsum_prf(summ_scorer *sc, const summ_seq *ref, size_t nref, const summ_seq *cand,
                    size_t ncand, summ_prf *out)
{
    size_t m = total_tokens(ref, nref), n = total_tokens(cand, ncand);
    memset(out, 0, sizeof *out);
    if (!nref || !ncand || !m || !n) return 0;
    uint32_t maxid = 0;
    for (size_t s = 0; s < nref; s++)
        for (size_t i = 0; i < ref[s].n; i++) maxid = ref[s].t[i] > maxid ? ref[s].t[i] : maxid;
    for (size_t s = 0; s < ncand; s++)
        for (size_t i = 0; i < cand[s].n; i++) maxid = cand[s].t[i] > maxid ? cand[s].t[i] : maxid;
    if (grow_zeroed(&sc->cnt_r, &sc->rcap, (size_t)maxid + 1) < 0 ||
        grow_zeroed(&sc->cnt_c, &sc->ccap, (size_t)maxid + 1) < 0)
        return -1;
    for (size_t s = 0; s < nref; s++)
        for (size_t i = 0; i < ref[s].n; i++) sc->cnt_r[ref[s].t[i]]++;
    for (size_t s = 0; s < ncand; s++)
        for (size_t i = 0; i < cand[s].n; i++) sc->cnt_c[cand[s].t[i]]++;
    size_t hits = 0;
    int rc = 0;
    for (size_t s = 0; s < nref && rc == 0; s++) {
        if (np_array_reserve((void **)&sc->mark, &sc->mcap, ref[s].n + 1, 1) < 0) {
            rc = -1;
            break;
        }
        memset(sc->mark, 0, ref[s].n);
        for (size_t c = 0; c < ncand && rc == 0; c++) rc = lcs_mark(sc, ref[s], cand[c]);
        for (size_t i = 0; i < ref[s].n && rc == 0; i++) {
            uint32_t t = ref[s].t[i];
            if (sc->mark[i] && sc->cnt_c[t] > 0 && sc->cnt_r[t] > 0) {
                hits++;
                sc->cnt_c[t]--;
                sc->cnt_r[t]--;
            }
        }
    }
    /* back to all zeros for the next call */
    for (size_t s = 0; s < nref; s++)
        for (size_t i = 0; i < ref[s].n; i++) sc->cnt_r[ref[s].t[i]] = 0;
    for (size_t s = 0; s < ncand; s++)
        for (size_t i = 0; i < cand[s].n; i++) sc->cnt_c[cand[s].t[i]] = 0;
    if (rc) return rc;
    out->r = (double)hits / (double)m;
    out->p = (double)hits / (double)n;
    out->f = fmeasure(out->p, out->r);
    return 0;
}

int summ_rouge_score(summ_scorer *sc, const summ_seq *ref, size_t nref, const summ_seq *cand,
                     size_t ncand, summ_rouge *out)
{
    if (ngram_prf(sc, ref, nref, cand, ncand, 1, &out->r1) < 0) return -1;
    if (ngram_prf(sc, ref, nref, cand, ncand, 2, &out->r2) < 0) return -1;
    return lsum_prf(sc, ref, nref, cand, ncand, &out->rl);
}
