/* ROUGE-1, ROUGE-2 and summary-level ROUGE-L (F1), scored the way Google's rouge_score
 * package scores them: lower-cased text with every character outside [a-z0-9] a separator,
 * Porter stemming of tokens longer than 3 characters, n-gram counts clipped by the other
 * side, and ROUGE-L as the union LCS of each reference sentence against all candidate
 * sentences with each token counted at most as often as it occurs (rougeLsum). ROUGE-1/2
 * treat each side as one token stream, so bigrams run across sentence boundaries.
 * Used by the evaluation and the trainer, not by the filter's record path. */
#ifndef SUMM_ROUGE_H
#define SUMM_ROUGE_H

#include <stddef.h>
#include <stdint.h>

/* A growable array of token ids. Zero-initialize; free with summ_ids_free(). */
typedef struct {
    uint32_t *v;
    size_t n, cap;
} summ_ids;

int summ_ids_push(summ_ids *a, uint32_t x);
void summ_ids_free(summ_ids *a);

/* Interns stemmed tokens as small integer ids. */
typedef struct summ_vocab summ_vocab;

/* Returns a new vocabulary (caller frees with summ_vocab_free), or NULL. */
summ_vocab *summ_vocab_new(void);
void summ_vocab_free(summ_vocab *v);

/* Appends the ROUGE token ids of the UTF-8 text s[0..n) to out. Returns 0, or -1 when out
 * of memory. */
int summ_rouge_tokens(summ_vocab *v, const char *s, size_t n, summ_ids *out);

/* One sentence as token ids (borrowed). */
typedef struct {
    const uint32_t *t;
    size_t n;
} summ_seq;

typedef struct {
    double p, r, f;
} summ_prf;

typedef struct {
    summ_prf r1, r2, rl;
} summ_rouge;

/* Scratch memory reused across scorings. */
typedef struct summ_scorer summ_scorer;

/* Returns a new scorer (caller frees with summ_scorer_free), or NULL. */
summ_scorer *summ_scorer_new(void);
void summ_scorer_free(summ_scorer *sc);

/* Scores the candidate sentences against the reference sentences into *out. Returns 0, or
 * -1 when out of memory. */
int summ_rouge_score(summ_scorer *sc, const summ_seq *ref, size_t nref, const summ_seq *cand,
                     size_t ncand, summ_rouge *out);

#endif
