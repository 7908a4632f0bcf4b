/* The decoders' constraints (decode.c), with scores scripted per token so that the best label
 * of each token alone would make an ill-formed sequence: whatever the scores, both decoders
 * give well-formed BILOU (no I or L without an open B of its type, no entity left open at a
 * sentence's end); Viterbi can end an entity that greedy decoding must carry on. */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "decode.h"
#include "labels.h"

/* Scores: emission calls (many features) take the next token's scripted scores; transition
 * calls (Viterbi's two features per previous label) score nothing. */
typedef struct {
    const float (*em)[ETAG_NLABELS];
    size_t next, n;
} script;

static void scripted(void *ctx, const uint64_t *f, size_t n, float *out)
{
    script *s = ctx;
    (void)f;
    if (n <= 2 || s->next >= s->n) return;
    for (int l = 0; l < ETAG_NLABELS; l++) out[l] += s->em[s->next][l];
    s->next++;
}

/* A pseudo-random score in [-1, 1) from a key. */
static float noise(uint64_t k)
{
    k ^= k >> 31;
    k *= 0x9E3779B97F4A7C15u;
    k ^= k >> 29;
    return (float)(k >> 40) / (float)(1u << 23) - 1.0f;
}

/* Scores for the search test: a transition call (two features) gets a score per label that
 * depends on its features only, as a model's weights do; an emission call the next token's
 * pseudo-random scores. */
static void hashed(void *ctx, const uint64_t *f, size_t n, float *out)
{
    size_t *next = ctx;
    for (int l = 0; l < ETAG_NLABELS; l++)
        out[l] += n == 2 ? noise(f[0] * 31 + f[1] * 7 + (uint64_t)l)
                         : 4 * noise(*next * 1000 + (uint64_t)l + 1);
    if (n != 2) (*next)++;
}

/* The transition score into label l after p (ETAG_NLABELS: the sentence start) at a token of
 * case cap, as hashed() gives it for the decoder's transition features. */
static float trans_score(int p, uint8_t cap, int l)
{
    uint64_t f[2] = {etag_feat(ETAG_T_P1, (uint64_t)p, 0),
                     etag_feat(ETAG_T_P1CAP, (uint64_t)p, cap)};
    return noise(f[0] * 31 + f[1] * 7 + (uint64_t)l);
}

/* The best well-formed labelling of tokens [a, a + m) by trying every one (17^m). */
static float best_path(const uint8_t *cap, size_t a, size_t m, size_t first_emission, uint8_t *best)
{
    uint8_t cur[8] = {0};
    float top = -1e30f;
    for (;;) {
        int prev = ETAG_NLABELS, okp = 1;
        float sc = 0;
        for (size_t j = 0; j < m && okp; j++) {
            int l = cur[j], part = etag_label_part(l);
            if (!etag_label_allowed(prev == ETAG_NLABELS ? ETAG_O : prev, l) ||
                (j + 1 == m && (part == ETAG_B || part == ETAG_I)))
                okp = 0;
            sc += trans_score(prev, cap[a + j], l) +
                  4 * noise((first_emission + j) * 1000 + (uint64_t)l + 1);
            prev = l;
        }
        if (okp && sc > top) {
            top = sc;
            memcpy(best, cur, m);
        }
        size_t j = 0;
        while (j < m && ++cur[j] == ETAG_NLABELS) cur[j++] = 0;
        if (j == m) break;
    }
    return top;
}

/* Whether labels[0..n) are well formed, sentences starting where toks say. */
static int well_formed(const uint8_t *labels, const etag_tok *toks, size_t n, char *why,
                       size_t whylen)
{
    int prev = ETAG_O;
    for (size_t i = 0; i < n; i++) {
        if (toks[i].flags & ETAG_TF_SENT_START) {
            int pp = etag_label_part(prev);
            if (i > 0 && (pp == ETAG_B || pp == ETAG_I)) {
                snprintf(why, whylen, "entity open at the sentence end before token %zu", i);
                return 0;
            }
            prev = ETAG_O;
        }
        if (!etag_label_allowed(prev, labels[i])) {
            snprintf(why, whylen, "label %d after %d at token %zu", labels[i], prev, i);
            return 0;
        }
        prev = labels[i];
    }
    int pp = etag_label_part(prev);
    if (pp == ETAG_B || pp == ETAG_I) {
        snprintf(why, whylen, "entity open at the end");
        return 0;
    }
    return 1;
}

static void make_toks(etag_tok *t, const char *const *w, size_t n, const size_t *starts, size_t ns)
{
    for (size_t i = 0; i < n; i++) t[i] = (etag_tok){w[i], (uint32_t)strlen(w[i]), 0};
    for (size_t k = 0; k < ns; k++) t[starts[k]].flags = ETAG_TF_SENT_START;
}

int main(void)
{
    static const char *const words[] = {"Acme",  "Mining", "said", "on", "Friday", "that",
                                        "Peter", "Smith",  "left", ".",  "He",     "went"};
    enum { N = 12 };
    etag_tok toks[N];
    const size_t starts[] = {0, 10};
    make_toks(toks, words, N, starts, 2);
    etag_resources res = {0};
    const int I_ORG = etag_label(ETAG_ORG, ETAG_I), B_PER = etag_label(ETAG_PER, ETAG_B),
              L_LOC = etag_label(ETAG_LOC, ETAG_L), B_ORG = etag_label(ETAG_ORG, ETAG_B),
              U_ORG = etag_label(ETAG_ORG, ETAG_U), L_ORG = etag_label(ETAG_ORG, ETAG_L);

    /* every token prefers a label that cannot stand there: I or L with nothing open, B just
     * before a sentence ends */
    float em[N][ETAG_NLABELS];
    for (int i = 0; i < N; i++) {
        for (int l = 0; l < ETAG_NLABELS; l++) em[i][l] = (float)((i * 5 + l * 3) % 7) * 0.1f;
        int worst = i % 3 == 0 ? I_ORG : i % 3 == 1 ? L_LOC : B_PER;
        em[i][worst] = 10;
    }
    em[9][B_PER] = 20;  /* the last token of the first sentence */
    em[11][B_PER] = 20; /* and of the document */
    for (int method = ETAG_DEC_GREEDY; method <= ETAG_DEC_VITERBI; method++) {
        const char *name = method == ETAG_DEC_VITERBI ? "Viterbi" : "greedy";
        for (int pass = 1; pass <= 2; pass++) {
            etag_decoder d = {0};
            d.method = method;
            script s = {em, 0, N};
            int rc = etag_decode_doc(&d, &res, scripted, &s, toks, N, pass == 2);
            char why[100] = "";
            ok(rc == 0 && well_formed(d.labels, toks, N, why, sizeof why),
               "%s, %d pass%s: well formed against every token's own best label %s", name, pass,
               pass == 2 ? "es" : "", why);
            etag_decoder_free(&d);
        }
    }

    /* "Acme said": Acme alone is B-ORG by a little (5 against U-ORG 4), and "said" is clearly
     * O (10) with L-ORG at 1. Greedy takes B and must close the entity on "said"; Viterbi sees
     * the whole sentence and ends the entity on Acme (U-ORG + O = 14 against 6). */
    static const char *const w2[] = {"Acme", "said"};
    etag_tok t2[2];
    const size_t s2[] = {0};
    make_toks(t2, w2, 2, s2, 1);
    float e2[2][ETAG_NLABELS] = {{0}};
    e2[0][B_ORG] = 5;
    e2[0][U_ORG] = 4;
    e2[1][ETAG_O] = 10;
    e2[1][L_ORG] = 1;
    etag_decoder g = {0}, v = {.method = ETAG_DEC_VITERBI};
    script sg = {e2, 0, 2}, sv = {e2, 0, 2};
    ok(etag_decode_doc(&g, &res, scripted, &sg, t2, 2, 0) == 0 && g.labels[0] == B_ORG &&
           g.labels[1] == L_ORG,
       "greedy: B-ORG on Acme, then forced to close it on \"said\" (L-ORG)");
    ok(etag_decode_doc(&v, &res, scripted, &sv, t2, 2, 0) == 0 && v.labels[0] == U_ORG &&
           v.labels[1] == ETAG_O,
       "Viterbi: U-ORG on Acme, O on \"said\": the entity ends where it should");
    etag_decoder_free(&g);
    etag_decoder_free(&v);

    /* Viterbi finds the best well-formed path, checked against trying every labelling, in a
     * document of three sentences whose transition scores are looked up once per case class
     * and reused by the later sentences (tagging keeps them for the whole document). */
    static const char *const w3[] = {"Acme", "said", "IBM",  "3",   ".",    "The",
                                     "firm", "in",   "Ohio", "NEW", "Deal", "Y2K"};
    enum { N3 = 12 };
    etag_tok t3[N3];
    const size_t s3[] = {0, 5, 9};
    make_toks(t3, w3, N3, s3, 3);
    etag_decoder vd = {.method = ETAG_DEC_VITERBI};
    size_t next = 0;
    int found = etag_decode_doc(&vd, &res, hashed, &next, t3, N3, 0) == 0;
    for (size_t k = 0; k < 3 && found; k++) {
        size_t a = s3[k], b = k + 1 < 3 ? s3[k + 1] : N3;
        uint8_t want[8];
        best_path(vd.feat.cap, a, b - a, a, want);
        found = memcmp(vd.labels + a, want, b - a) == 0;
        ok(found, "Viterbi: sentence %zu labelled as the exhaustive search's best path", k + 1);
    }
    etag_decoder_free(&vd);
    return done_testing();
}
