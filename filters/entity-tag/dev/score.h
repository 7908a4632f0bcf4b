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

/* The entity names of a training set (hashes of each gold entity's words, sorted), to score
 * the entities a model never met in training ("unseen names") apart from those it did:
 * eng.testb has more of them than the folds (issue 16), and they are what features must
 * generalize to. Owned: free with etag_names_free(). */
typedef struct {
    uint64_t *key;
    size_t n;
} etag_names;

/* The names of the gold entities of documents docs[0..nd) of c (docs in increasing order;
 * NULL: every document). Returns 0, or -1 when out of memory. */
int etag_names_build(etag_names *S, const etag_corpus *c, const uint32_t *docs, uint32_t nd);
void etag_names_free(etag_names *S);
/* Counts gold[0..ng) against pred[0..np) (spans of c) twice: the entities whose words S holds
 * into sc[1], the others into sc[0] (a predicted span is classed by its own words). Returns 0,
 * or -1 when out of memory. */
int etag_score_add_by_name(etag_score sc[2], const etag_corpus *c, const etag_names *S,
                           const etag_span *gold, size_t ng, const etag_span *pred, size_t np);
/* Prints "PREFIX unseen names: precision P recall R F1 F (N gold entities, S% of all)" and
 * the same for the seen names. */
void etag_score_print_by_name(const etag_score sc[2], FILE *out, const char *prefix);

#endif
