/* Entity-level scoring with conlleval semantics: an entity counts as found only when its
 * first token, last token and type all match; micro-averaged P/R/F1 overall and per type. */
#ifndef ETAG_SCORE_H
#define ETAG_SCORE_H

#include <stdio.h>

#include "conll.h"
#include "../labels.h"

typedef struct {
    unsigned long tp[ETAG_NMODEL], fp[ETAG_NMODEL], fn[ETAG_NMODEL];
} etag_score;

/* Counts gold[0..ng) against pred[0..np); both sorted by first token. */
void etag_score_add(etag_score *s, const etag_span *gold, size_t ng, const etag_span *pred,
                    size_t np);
/* F1 in percent over all types (type < 0) or one type. */
double etag_score_f1(const etag_score *s, int type, double *p, double *r);
/* Prints "overall P R F1" and one line per type (with a prefix such as "dev"). */
void etag_score_print(const etag_score *s, FILE *out, const char *prefix);

#endif
