/* Training labels from a reference summary that people wrote (abstractive: few of its
 * sentences occur in the article). Two kinds, both from ROUGE against the reference:
 * - the greedy oracle (Nallapati et al. 2017, Liu & Lapata 2019): start from nothing and add
 *   the article sentence that most raises ROUGE-1 F1 + ROUGE-2 F1 of the selection, until no
 *   sentence raises it or max_pick are chosen; the chosen sentences are the positives;
 * - soft labels: each sentence's own ROUGE-1 F1 + ROUGE-2 F1 against the reference, divided
 *   by the article's best, so the best sentence is 1 and one with no overlap 0.
 * Tokens are ROUGE token ids (rouge.h). N-grams are counted within sentences: the bigram that
 * joins two chosen sentences is left out of the overlap (it counts in the length). Used by
 * the trainer only. */
#ifndef SUMM_ORACLE_H
#define SUMM_ORACLE_H

#include <stddef.h>

#include "rouge.h"

/* Reusable scratch. Zero-initialize; release with summ_oracle_free(). */
typedef struct {
    uint64_t *refkey;         /* the reference's distinct n-grams, sorted: unigrams, bigrams */
    int32_t *refcnt, *selcnt; /* per distinct n-gram: count in reference / in selection */
    size_t nkey, capkey, capcnt;
    uint32_t *hit; /* the candidates' n-grams found in refkey, as indices into it */
    size_t caphit;
    size_t *hit0, *hit1; /* candidate k's are hit[hit0[k] .. hit1[k]) */
    size_t cap0, cap1;
    uint64_t *tmp;
    size_t captmp;
} summ_oracle;

/* Greedy oracle: sets chosen[k] = 1 for the chosen candidates (0 for the others) and returns
 * how many were chosen (0 when the reference shares no n-gram with the article), or -1 when
 * out of memory. */
long summ_oracle_greedy(summ_oracle *o, const summ_seq *ref, size_t nref, const summ_seq *cand,
                        size_t ncand, size_t max_pick, unsigned char *chosen);

/* Soft labels into gain[0..ncand), in [0, 1]. Returns 0, or -1 when out of memory. */
int summ_oracle_soft(summ_oracle *o, const summ_seq *ref, size_t nref, const summ_seq *cand,
                     size_t ncand, double *gain);

void summ_oracle_free(summ_oracle *o);

#endif
