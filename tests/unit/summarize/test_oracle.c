/* Oracle labeller: greedy ROUGE-1+2 selection against an abstractive reference (what it
 * picks, when it stops, the pick limit) and the soft labels, checked by hand and against the
 * ROUGE scorer itself. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "oracle.h"
#include "rouge.h"
#include "tap.h"

#define MAXS 16

static summ_vocab *voc;
static summ_scorer *sc;
static summ_oracle orc;

typedef struct {
    summ_ids ids[MAXS];
    summ_seq seq[MAXS];
    size_t n;
} sents;

/* Splits "|"-separated text into token sequences. */
static void load(sents *x, const char *text)
{
    for (size_t i = 0; i < x->n; i++) summ_ids_free(&x->ids[i]);
    memset(x, 0, sizeof *x);
    const char *p = text;
    while (*p && x->n < MAXS) {
        const char *e = strchr(p, '|');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (summ_rouge_tokens(voc, p, len, &x->ids[x->n]) < 0) break;
        x->seq[x->n] = (summ_seq){x->ids[x->n].v, x->ids[x->n].n};
        x->n++;
        p += len + (e != NULL);
    }
}

/* The chosen candidates as "0,2" (article order). */
static const char *greedy(const char *ref, const char *art, size_t max_pick, long *picks)
{
    static char out[64];
    static sents r, a;
    unsigned char chosen[MAXS];
    load(&r, ref);
    load(&a, art);
    *picks = summ_oracle_greedy(&orc, r.seq, r.n, a.seq, a.n, max_pick, chosen);
    out[0] = '\0';
    for (size_t k = 0; k < a.n; k++)
        if (chosen[k])
            snprintf(out + strlen(out), sizeof out - strlen(out), "%s%zu", *out ? "," : "", k);
    return out;
}

/* ROUGE-1 F1 + ROUGE-2 F1 of the single sentence s against ref, by the real scorer. */
static double real_score(const sents *ref, const summ_seq *s)
{
    summ_rouge x;
    if (summ_rouge_score(sc, ref->seq, ref->n, s, 1, &x) < 0) return -1;
    return x.r1.f + x.r2.f;
}

int main(void)
{
    voc = summ_vocab_new();
    sc = summ_scorer_new();
    if (!voc || !sc) return 1;
    long n;

    const char *got = greedy("the cat sat on the mat",
                             "Dogs bark loudly at night.|The cat sat on the mat.|A cat.", 3, &n);
    ok(strcmp(got, "1") == 0 && n == 1, "the sentence the reference repeats, nothing more (%s)",
       got);

    /* a two-part abstractive reference: one article sentence for each part; of the two that
     * say the first part, the shorter (better precision, same overlap), and not the other */
    const char *art = "Profits rose sharply in March, the company said.|The weather was fine.|"
                      "Its chief executive resigned on Friday after ten years.|"
                      "In March, profits rose sharply.";
    got = greedy("Profits rose sharply .|Chief executive resigned after a decade .", art, 5, &n);
    ok(strcmp(got, "2,3") == 0 && n == 2, "one sentence per part of the reference (%s)", got);
    got = greedy("Profits rose sharply .|Chief executive resigned after a decade .", art, 1, &n);
    ok(n == 1, "max_pick 1: one sentence (%s)", got);

    got = greedy("Nothing in common here .", "Shares fell.|Bonds rallied.", 3, &n);
    ok(n == 0 && *got == '\0', "no shared word: nothing chosen");
    got = greedy("Shares fell .", "", 3, &n);
    ok(n == 0, "empty article: nothing chosen");

    /* the first greedy pick is the sentence with the best ROUGE-1 F1 + ROUGE-2 F1 by the real
     * scorer, and the soft labels are those scores over the best one */
    static sents r, a;
    const char *ref = "Police arrested two men after a robbery at a bank in the city centre .|"
                      "Cash was taken .";
    const char *body = "Two men were arrested on Monday.|A bank in the city centre was robbed "
                       "and cash was taken, police said.|The robbery happened at noon.|"
                       "Police arrested two men after the robbery at the bank.|"
                       "Officers appealed for witnesses.";
    load(&r, ref);
    load(&a, body);
    double best = -1, real[MAXS], soft[MAXS];
    size_t argmax = 0;
    for (size_t k = 0; k < a.n; k++) {
        real[k] = real_score(&r, &a.seq[k]);
        if (real[k] > best) best = real[k], argmax = k;
    }
    unsigned char chosen[MAXS];
    summ_oracle_greedy(&orc, r.seq, r.n, a.seq, a.n, 1, chosen);
    ok(chosen[argmax], "first pick = the real scorer's best sentence (%zu)", argmax);
    ok(summ_oracle_soft(&orc, r.seq, r.n, a.seq, a.n, soft) == 0, "soft labels");
    int same = 1;
    for (size_t k = 0; k < a.n; k++) same &= fabs(soft[k] - real[k] / best) < 1e-9;
    ok(same, "soft labels = real ROUGE-1 F1 + ROUGE-2 F1 / the article's best");
    ok(fabs(soft[argmax] - 1) < 1e-12, "the best sentence's soft label is 1");

    /* the greedy selection's score, rescored by the real scorer, is what the oracle saw (the
     * joining bigram aside: it rarely matches) and no single sentence beats it */
    summ_oracle_greedy(&orc, r.seq, r.n, a.seq, a.n, 5, chosen);
    summ_seq sel[MAXS];
    size_t ns = 0;
    for (size_t k = 0; k < a.n; k++)
        if (chosen[k]) sel[ns++] = a.seq[k];
    summ_rouge x;
    summ_rouge_score(sc, r.seq, r.n, sel, ns, &x);
    ok(x.r1.f + x.r2.f >= best - 1e-12,
       "greedy selection (%zu sentences) >= best single (%.3f >= %.3f)", ns, x.r1.f + x.r2.f, best);

    /* clipping: a sentence that repeats the reference's words twice gains nothing from the
     * second copy */
    load(&r, "rates rise");
    load(&a, "rates rise rates rise|rates rise");
    summ_oracle_soft(&orc, r.seq, r.n, a.seq, a.n, soft);
    ok(soft[1] == 1 && soft[0] < soft[1],
       "clipped counts: the exact sentence beats the doubled one");

    summ_oracle_free(&orc);
    summ_scorer_free(sc);
    summ_vocab_free(voc);
    return done_testing();
}
