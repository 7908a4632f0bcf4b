/* Reading annotated text in CoNLL column format: one token per line, the token in the first
 * column and its IOB1, IOB2 or IO entity tag in the last; blank lines end sentences and
 * "-DOCSTART-" lines start documents. */
#ifndef ETAG_CONLL_H
#define ETAG_CONLL_H

#include <stddef.h>
#include <stdint.h>

#include "../spans.h"

typedef struct {
    char *text;        /* all token strings, NUL-separated; owned */
    uint32_t *tok;     /* offset of each token's string in text */
    uint32_t *tok_len; /* its length in bytes */
    uint8_t *gold;     /* BILOU label per token (labels.h) */
    uint32_t ntok;
    uint32_t *sent; /* first token of each sentence, plus ntok at the end */
    uint32_t nsent;
    uint32_t *doc; /* first sentence of each document, plus nsent at the end */
    uint32_t ndoc;
    etag_span *spans; /* gold entities in token order */
    uint32_t nspans;
} etag_corpus;

/* Reads path into c (zeroed by the caller). Returns 0, or the exit status with a message in
 * err: 66 it cannot be opened, 65 a line is malformed ("FILE:LINE: unknown tag X"), 74 a read
 * error, 70 out of memory. Free with etag_corpus_free(). */
int etag_corpus_read(const char *path, etag_corpus *c, char *err, size_t errlen);
void etag_corpus_free(etag_corpus *c);

#endif
