/* ROUGE scorer against hand-computed cases (ROUGE-1/2 clipped counts, stemming, and the
 * summary-level union LCS example of Lin 2004, section 3.2). */
#include <math.h>
#include <string.h>

#include "rouge.h"
#include "tap.h"

static summ_vocab *voc;
static summ_scorer *sc;

/* Scores "|"-separated sentences of cand against those of ref. */
static summ_rouge score(const char *ref, const char *cand)
{
    summ_ids ids[2][8] = {{{0}}};
    summ_seq seq[2][8];
    size_t ns[2] = {0, 0};
    const char *txt[2] = {ref, cand};
    for (int side = 0; side < 2; side++) {
        const char *p = txt[side];
        while (*p && ns[side] < 8) {
            const char *e = strchr(p, '|');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            summ_ids *a = &ids[side][ns[side]];
            if (summ_rouge_tokens(voc, p, len, a) < 0) break;
            seq[side][ns[side]] = (summ_seq){a->v, a->n};
            ns[side]++;
            p += len + (e != NULL);
        }
    }
    summ_rouge r;
    memset(&r, 0, sizeof r);
    if (summ_rouge_score(sc, seq[0], ns[0], seq[1], ns[1], &r) < 0) ok(0, "score: out of memory");
    for (int side = 0; side < 2; side++)
        for (size_t i = 0; i < ns[side]; i++) summ_ids_free(&ids[side][i]);
    return r;
}

static int near(double a, double b)
{
    return fabs(a - b) < 1e-9;
}

static void check(summ_prf got, double p, double r, const char *what)
{
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    if (!ok(near(got.p, p) && near(got.r, r) && near(got.f, f), "%s", what))
        printf("#   got p=%.6f r=%.6f f=%.6f, want p=%.6f r=%.6f f=%.6f\n", got.p, got.r, got.f, p,
               r, f);
}

int main(void)
{
    voc = summ_vocab_new();
    sc = summ_scorer_new();
    if (!voc || !sc) return 1;

    summ_rouge r = score("The cat sat on the mat.", "The cat sat on the mat.");
    check(r.r1, 1, 1, "identical: ROUGE-1");
    check(r.r2, 1, 1, "identical: ROUGE-2");
    check(r.rl, 1, 1, "identical: ROUGE-L");

    /* ref: the cat sat on the mat; cand: the cat lay on the mat.
     * unigrams: the x2, cat, on, mat = 5 of 6; bigrams: the-cat, on-the, the-mat = 3 of 5;
     * LCS: the cat on the mat = 5 */
    r = score("the cat sat on the mat", "the cat lay on the mat");
    check(r.r1, 5.0 / 6, 5.0 / 6, "one word changed: ROUGE-1");
    check(r.r2, 3.0 / 5, 3.0 / 5, "one word changed: ROUGE-2");
    check(r.rl, 5.0 / 6, 5.0 / 6, "one word changed: ROUGE-L");

    /* clipping: cand "the the the the" against ref with two "the": 2 hits of 4 */
    r = score("the cat sat on the mat", "the the the the");
    check(r.r1, 2.0 / 4, 2.0 / 6, "clipped unigram counts");

    /* case, punctuation and stemming: banks->bank, raised/raising->rais, rates/rate->rate */
    r = score("Banks raised rates.", "bank RAISING rate");
    check(r.r1, 1, 1, "lower case and Porter stemming");
    /* tokens of 3 characters or fewer are not stemmed: "ads" stays, "ad" differs */
    r = score("ads", "ad");
    check(r.r1, 0, 0, "short tokens unstemmed");
    /* non-alphanumerics separate tokens: U.S. -> u s; 2.5% -> 2 5; cafe\xcc\x81 -> cafe */
    r = score("U.S. GDP rose 2.5%", "u s gdp rose 2 5");
    check(r.r1, 1, 1, "punctuation separates tokens");
    r = score("caf\xc3\xa9 au lait", "caf au lait");
    check(r.r1, 1, 1, "non-ASCII letters separate tokens");

    /* bigrams run across sentence boundaries: ref "aa bb|cc dd" has aa-bb, bb-cc, cc-dd */
    r = score("aa bb|cc dd", "bb cc");
    check(r.r2, 1, 1.0 / 3, "bigram across a sentence boundary");

    /* Lin 2004 section 3.2: r = w1 w2 w3 w4 w5, c1 = w1 w2 w6 w7 w8, c2 = w1 w3 w8 w9 w5;
     * LCS(r,c1) = w1 w2, LCS(r,c2) = w1 w3 w5, union = 4 of 5 reference tokens, 10 in cand */
    r = score("aa bb cc dd ee", "aa bb ff gg hh|aa cc hh ii ee");
    check(r.rl, 4.0 / 10, 4.0 / 5, "union LCS (Lin 2004 example)");
    /* plain LCS over the joined candidate would be 4 as well here; this one differs:
     * r = aa bb, c1 = bb, c2 = aa: union {aa, bb} = 2 hits; joined "bb aa" LCS = 1 */
    r = score("aa bb", "bb|aa");
    check(r.rl, 1, 1, "union LCS is order-free across candidate sentences");
    /* each token counted at most as often as it occurs on either side: two reference
     * sentences "aa bb" share one candidate "aa bb": 2 hits of 4 */
    r = score("aa bb|aa bb", "aa bb");
    check(r.rl, 1, 2.0 / 4, "union LCS hits clipped by token counts");

    r = score("the cat", "");
    check(r.r1, 0, 0, "empty candidate: ROUGE-1");
    check(r.rl, 0, 0, "empty candidate: ROUGE-L");
    r = score("", "the cat");
    check(r.r2, 0, 0, "empty reference: ROUGE-2");

    summ_scorer_free(sc);
    summ_vocab_free(voc);
    return done_testing();
}
