/* shingle: normalization, exact-body hash and shingle counts. */
#include <stdio.h>
#include <string.h>

#include "engine.h"
#include "minhash.h"
#include "shingle.h"
#include "tap.h"

static uint64_t bh(dd_shingles *s, const char *t)
{
    dd_shingles_make(s, t, strlen(t), 5);
    return s->body_hash;
}

int main(void)
{
    dd_shingles s = {0}, t = {0};
    ok(bh(&s, "Shares ROSE  2%\n on Tuesday.") == bh(&t, " shares rose 2% on\ttuesday. "),
       "exact hash ignores case and whitespace runs");
    ok(bh(&s, "shares rose 2% on Tuesday.") != bh(&t, "shares rose 3% on Tuesday."),
       "a changed figure changes the exact hash");
    ok(bh(&s, "shares rose, on Tuesday") != bh(&t, "shares rose on Tuesday"),
       "punctuation is part of the exact text");
    ok(bh(&s, "\xc3\x89"
              "COLE Z\xc3\x9cRICH") == bh(&t, "\xc3\xa9"
                                              "cole z\xc3\xbcrich"),
       "Latin-1 capitals fold");
    dd_shingles_make(&s, "", 0, 5);
    ok(s.norm_len == 0 && s.nsh == 0 && s.body_hash == 0, "empty text: no body");
    dd_shingles_make(&s, " \n\t\xc2\xa0 ", 6, 5);
    ok(s.norm_len == 0, "whitespace only (with NBSP): no body");
    dd_shingles_make(&s, "-- ... !!", 9, 5);
    ok(s.norm_len > 0 && s.ntok == 0 && s.nsh == 0, "punctuation only: exact text, no words");
    const char *w = "one two three four five six seven";
    dd_shingles_make(&s, w, strlen(w), 5);
    ok(s.ntok == 7 && s.nsh == 3 && s.k == 5, "7 words give 3 five-word shingles");
    dd_shingles_make(&s, "alpha beta", 10, 5);
    ok(s.ntok == 2 && s.nsh == 1 && s.k == 2,
       "fewer words than the shingle size: one shingle of all");
    dd_shingles_make(&s, "U.S. it's $1.5bn", 16, 1);
    ok(s.ntok == 6, "words split at punctuation: u s it s 1 5bn (%zu)", s.ntok);
    const char *cjk = "\xe4\xb8\xad\xe5\x9b\xbd\xe7\xbb\x8f\xe6\xb5\x8e"; /* 中国经济 */
    dd_shingles_make(&s, cjk, strlen(cjk), 2);
    ok(s.ntok == 4 && s.nsh == 3, "each CJK ideograph is a word");
    const char *a = "The quick brown fox jumps over the lazy dog near the river bank today";
    dd_shingles_make(&s, a, strlen(a), 5);
    dd_shingles_make(&t, a, strlen(a), 5);
    ok(s.nsh == t.nsh && memcmp(s.sh, t.sh, s.nsh * 8) == 0, "shingling is deterministic");

    /* MinHash estimates: two sets of 600 shingles sharing 300 (J = 300/900 = 1/3). */
    enum { K = 128 };
    uint64_t A[600], B[600], work[K];
    dd_hval sa[K], sb[K];
    for (int i = 0; i < 600; i++) {
        A[i] = 1000000 + (uint64_t)i;
        B[i] = 1000000 + 300 + (uint64_t)i;
    }
    dd_minhash(A, 600, K, 1, work, sa);
    dd_minhash(B, 600, K, 1, work, sb);
    double j = dd_sig_estimate(dd_sig_matches(sa, sb, K), K);
    ok(j > 0.2 && j < 0.47, "estimate of J = 1/3 is %.3f", j);
    dd_minhash(A, 600, K, 1, work, sb);
    ok(dd_sig_matches(sa, sb, K) == K, "equal sets, equal signatures");
    for (int i = 0; i < 600; i++) B[i] = 5000000 + (uint64_t)i;
    dd_minhash(B, 600, K, 1, work, sb);
    ok(dd_sig_estimate(dd_sig_matches(sa, sb, K), K) < 0.05, "disjoint sets estimate near 0");
    /* Densification: 3 shingles in 128 bins still yield a full, comparable signature. */
    dd_minhash(A, 3, K, 1, work, sa);
    dd_minhash(A, 3, K, 1, work, sb);
    ok(dd_sig_matches(sa, sb, K) == K, "short texts densify deterministically");
    ok(dd_minhash(A, 0, K, 1, work, sa) == 0, "no shingles, no signature");
    /* A minimum copied into many bins by the densification keeps independent bits in each:
     * otherwise one chance agreement of two 8-bit values spans dozens of bins. */
    uint8_t seen[256] = {0};
    unsigned distinct = 0;
    for (unsigned i = 0; i < K; i++) distinct += !seen[sa[i]]++;
    ok(distinct > 64, "a 3-shingle signature has %u distinct values of %d", distinct, K);
    /* 3,000 unrelated seven-word texts (three shingles each, no shingle in common): no pair
     * may look alike. Before the bits were hashed with the bin, one pair estimated 0.53. */
    enum { NT = 3000 };
    static dd_hval sig[NT][K];
    for (int i = 0; i < NT; i++) {
        char text[96];
        snprintf(text, sizeof text, "Record number %d is about company %d.", i, i % 97);
        dd_shingles_make(&s, text, strlen(text), 5);
        dd_minhash(s.sh_raw, s.nsh, K, DD_DEFAULT_SEED, work, sig[i]);
    }
    unsigned worst = 0;
    for (int i = 0; i < NT; i++)
        for (int k = i + 1; k < NT; k++) {
            unsigned m = dd_sig_matches(sig[i], sig[k], K);
            if (m > worst) worst = m;
        }
    ok(dd_sig_estimate(worst, K) < 0.2, "unrelated short texts: the closest pair estimates %.3f",
       dd_sig_estimate(worst, K));

    /* Figures normalized, dates kept; the evidence. */
    const char *e1 = "NEW YORK (Reuters) - Archer Daniels Midland Co ( ADM.N ) said on Tuesday its "
                     "profit rose 12 percent to $1.2 billion on Oct. 1, beating forecasts. Shares "
                     "rose 3 percent <BG.N>.",
               *e2 = "NEW YORK (Reuters) - Archer Daniels Midland Co ( ADM.N ) said on Tuesday its "
                     "profit rose 14 percent to $1.7 billion on Oct. 1, beating forecasts. Shares "
                     "fell.",
               *e3 = "NEW YORK (Reuters) - Archer Daniels Midland Co ( ADM.N ) said on Tuesday its "
                     "profit rose 14 percent to $1.7 billion on Oct. 2, beating forecasts.";
    dd_shingles_make(&s, e1, strlen(e1), 5);
    dd_evidence v1 = s.ev;
    int differs = s.sh != s.sh_raw;
    dd_shingles_make(&t, e2, strlen(e2), 5);
    ok(differs && v1.lead && v1.lead == t.ev.lead,
       "the lead sentence's key ignores figures and the dateline");
    ok(v1.wdays == 2 && v1.tickers && (v1.tickers & t.ev.tickers) && v1.tickers != t.ev.tickers,
       "evidence: Tuesday, and the instruments ( ADM.N ) and <BG.N>");
    size_t same = 0;
    for (size_t i = 0; i < 10; i++) same += s.sh[i] == t.sh[i];
    ok(same == 10, "the first ten shingles (figures normalized) agree");
    dd_shingles_make(&t, e3, strlen(e3), 5);
    ok(t.ev.lead != v1.lead, "a date is not a figure: Oct. 2 is another lead");
    const char *f = "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 a b c.";
    dd_shingles_make(&t, f, strlen(f), 5);
    ok(t.ev.lead == 0, "a lead of figures has no key");
    dd_shingles_free(&s);
    dd_shingles_free(&t);
    return done_testing();
}
