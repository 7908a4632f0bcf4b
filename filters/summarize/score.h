/* Choosing the summary sentences: the fitted linear score with MMR redundancy removal, or
 * the lead baseline; both under a sentence count and an optional length budget. */
#ifndef SUMM_SCORE_H
#define SUMM_SCORE_H

#include <stddef.h>
#include <stdint.h>

#include "analyse.h"
#include "model.h"

typedef enum { SUMM_METHOD_DEFAULT, SUMM_METHOD_LEAD } summ_method;

/* The chosen sentences as spans, in article order. Zero-initialize, reuse, release with
 * summ_choice_free(). */
typedef struct {
    uint32_t *cand;              /* candidate indices, in article order */
    uint32_t *start, *end;       /* byte spans in the text (end may be cut by max_chars) */
    uint32_t *cp_start, *cp_end; /* the same in code points */
    size_t n, cap;
    /* scratch */
    double *rel, *maxsim;
    unsigned char *state;
    size_t scap;
} summ_choice;

/* Chooses up to nsent candidates of the analysed article d (text[0..n) is its text). With
 * max_chars > 0 the summary (sentences joined by one space) has at most max_chars code
 * points: sentences that do not fit are skipped; if none fits, the best one is cut at a word
 * boundary. Returns 0, or -1 when out of memory. */
int summ_choose(summ_doc *d, const char *text, const summ_model *m, summ_method method,
                size_t nsent, size_t max_chars, summ_choice *out);

/* The model score w . x of candidate c. */
double summ_score(const summ_model *m, const summ_cand *c);

void summ_choice_free(summ_choice *c);

#endif
