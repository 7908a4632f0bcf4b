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

/* How long a summary may be; 0 means no limit of that kind. */
typedef struct {
    size_t sentences; /* at most this many sentences */
    size_t words;     /* about this many words (whitespace-separated, as wc -w counts) */
    size_t chars;     /* at most this many code points, counting the joining spaces */
} summ_limits;

/* Chooses candidates of the analysed article d (text[0..n) is its text), best first, until
 * one of the limits stops it:
 * - sentences: the count is reached;
 * - words: the next sentence would take the summary further from lim->words words than it
 *   is without it (gensim's word_count rule), so the summary ends near the target on either
 *   side; the first sentence is always taken;
 * - chars: a sentence that does not fit is skipped and the next best tried; if none fits,
 *   the best one is cut at a word boundary.
 * Returns 0, or -1 when out of memory. */
int summ_choose(summ_doc *d, const char *text, const summ_model *m, summ_method method,
                const summ_limits *lim, summ_choice *out);

/* The model score w . x of candidate c. */
double summ_score(const summ_model *m, const summ_cand *c);

void summ_choice_free(summ_choice *c);

#endif
