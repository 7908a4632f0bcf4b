/* Reading the Reuters sample (articles.ndjson + labels.ndjson) for the dedupe evaluation
 * and benchmark tools. */
#ifndef DDB_CORPUS_H
#define DDB_CORPUS_H

#include <stddef.h>

typedef struct {
    char *id, *title, *body, *date, *story, *md5, *rics; /* owned; rics "A.N,B.N" */
} ddb_article;

/* Reads both files (lines matched by id). Returns the count and sets *out (caller frees
 * with ddb_free), or -1 with a message on stderr. */
long ddb_read(const char *articles, const char *labels, ddb_article **out);
void ddb_free(ddb_article *a, long n);

/* Deterministic PRNG (splitmix64). */
typedef struct {
    unsigned long long s;
} ddb_rng;
unsigned long long ddb_next(ddb_rng *r);
/* Uniform in [0, n). */
unsigned long ddb_below(ddb_rng *r, unsigned long n);
double ddb_unit(ddb_rng *r);

#endif
