/* Oracle labels: the reference's distinct n-grams are sorted once; each candidate sentence
 * becomes the list of reference n-grams it holds, so trying a sentence against the current
 * selection costs its own length (clipped counts kept per n-gram), not a rescoring. */
#include "oracle.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* A unigram's key is its id; a bigram's has the first id + 1 in the upper half, so every
 * bigram sorts after every unigram. */
static uint64_t bigram_key(uint32_t a, uint32_t b)
{
    return ((uint64_t)a + 1) << 32 | b;
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* Index of key in the sorted refkey[0..n), or -1. */
static long find(const uint64_t *k, size_t n, uint64_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (k[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && k[lo] == key ? (long)lo : -1;
}

typedef struct {
    size_t ref1, ref2; /* reference unigrams and bigrams (the reference read as one stream) */
    size_t nuni;       /* distinct reference unigrams: indices below this are unigrams */
} totals;

/* Builds the reference table and every candidate's hit list. */
static int prepare(summ_oracle *o, const summ_seq *ref, size_t nref, const summ_seq *cand,
                   size_t ncand, totals *t)
{
    size_t nt = 0;
    for (size_t s = 0; s < nref; s++) nt += ref[s].n;
    t->ref1 = nt;
    t->ref2 = nt ? nt - 1 : 0;
    if (np_array_reserve((void **)&o->tmp, &o->captmp, 2 * nt + 1, sizeof *o->tmp) < 0) return -1;
    size_t k = 0;
    int have = 0;
    uint32_t prev = 0;
    for (size_t s = 0; s < nref; s++)
        for (size_t i = 0; i < ref[s].n; i++) {
            o->tmp[k++] = ref[s].t[i];
            if (have) o->tmp[k++] = bigram_key(prev, ref[s].t[i]);
            prev = ref[s].t[i];
            have = 1;
        }
    qsort(o->tmp, k, sizeof *o->tmp, cmp_u64);
    if (np_array_reserve((void **)&o->refkey, &o->capkey, k + 1, sizeof *o->refkey) < 0) return -1;
    size_t capcnt = o->capcnt;
    if (np_array_reserve((void **)&o->refcnt, &capcnt, k + 1, sizeof *o->refcnt) < 0 ||
        np_array_reserve((void **)&o->selcnt, &o->capcnt, k + 1, sizeof *o->selcnt) < 0)
        return -1;
    size_t nk = 0;
    t->nuni = 0;
    for (size_t i = 0; i < k; i++) {
        if (nk && o->refkey[nk - 1] == o->tmp[i]) {
            o->refcnt[nk - 1]++;
            continue;
        }
        o->refkey[nk] = o->tmp[i];
        o->refcnt[nk] = 1;
        o->selcnt[nk] = 0;
        if (o->tmp[i] >> 32 == 0) t->nuni = nk + 1;
        nk++;
    }
    o->nkey = nk;

    if (np_array_reserve((void **)&o->hit0, &o->cap0, ncand + 1, sizeof *o->hit0) < 0 ||
        np_array_reserve((void **)&o->hit1, &o->cap1, ncand + 1, sizeof *o->hit1) < 0)
        return -1;
    size_t nh = 0;
    for (size_t c = 0; c < ncand; c++) {
        o->hit0[c] = nh;
        if (np_array_reserve((void **)&o->hit, &o->caphit, nh + 2 * cand[c].n + 1, sizeof *o->hit) <
            0)
            return -1;
        for (size_t i = 0; i < cand[c].n; i++) {
            long x = find(o->refkey, nk, cand[c].t[i]);
            if (x >= 0) o->hit[nh++] = (uint32_t)x;
            if (i == 0) continue;
            x = find(o->refkey, nk, bigram_key(cand[c].t[i - 1], cand[c].t[i]));
            if (x >= 0) o->hit[nh++] = (uint32_t)x;
        }
        o->hit1[c] = nh;
    }
    return 0;
}

static double f1(size_t overlap, size_t a, size_t b)
{
    return a + b ? 2.0 * (double)overlap / (double)(a + b) : 0;
}

/* ROUGE-1 F1 + ROUGE-2 F1 of the selection (overlaps o1, o2 and tokens n) plus candidate c;
 * c = SIZE_MAX: the selection alone. Leaves selcnt as it found it. */
static double score_with(summ_oracle *o, const totals *t, const summ_seq *cand, size_t c, size_t o1,
                         size_t o2, size_t n)
{
    if (c != SIZE_MAX) {
        for (size_t h = o->hit0[c]; h < o->hit1[c]; h++) {
            uint32_t x = o->hit[h];
            if (o->selcnt[x]++ < o->refcnt[x]) x < t->nuni ? o1++ : o2++;
        }
        for (size_t h = o->hit0[c]; h < o->hit1[c]; h++) o->selcnt[o->hit[h]]--;
        n += cand[c].n;
    }
    return f1(o1, n, t->ref1) + f1(o2, n ? n - 1 : 0, t->ref2);
}

long summ_oracle_greedy(summ_oracle *o, const summ_seq *ref, size_t nref, const summ_seq *cand,
                        size_t ncand, size_t max_pick, unsigned char *chosen)
{
    totals t;
    memset(chosen, 0, ncand);
    if (prepare(o, ref, nref, cand, ncand, &t) < 0) return -1;
    size_t o1 = 0, o2 = 0, n = 0;
    long picks = 0;
    double cur = 0;
    while ((size_t)picks < max_pick) {
        long best = -1;
        double bestv = cur;
        for (size_t c = 0; c < ncand; c++) {
            if (chosen[c] || cand[c].n == 0) continue;
            double v = score_with(o, &t, cand, c, o1, o2, n);
            if (v > bestv + 1e-12) best = (long)c, bestv = v;
        }
        if (best < 0) break;
        for (size_t h = o->hit0[best]; h < o->hit1[best]; h++) {
            uint32_t x = o->hit[h];
            if (o->selcnt[x]++ < o->refcnt[x]) x < t.nuni ? o1++ : o2++;
        }
        n += cand[best].n;
        chosen[best] = 1;
        cur = bestv;
        picks++;
    }
    return picks;
}

int summ_oracle_soft(summ_oracle *o, const summ_seq *ref, size_t nref, const summ_seq *cand,
                     size_t ncand, double *gain)
{
    totals t;
    if (prepare(o, ref, nref, cand, ncand, &t) < 0) return -1;
    double max = 0;
    for (size_t c = 0; c < ncand; c++) {
        gain[c] = cand[c].n ? score_with(o, &t, cand, c, 0, 0, 0) : 0;
        if (gain[c] > max) max = gain[c];
    }
    for (size_t c = 0; c < ncand; c++) gain[c] = max > 0 ? gain[c] / max : 0;
    return 0;
}

void summ_oracle_free(summ_oracle *o)
{
    free(o->refkey);
    free(o->refcnt);
    free(o->selcnt);
    free(o->hit);
    free(o->hit0);
    free(o->hit1);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}
