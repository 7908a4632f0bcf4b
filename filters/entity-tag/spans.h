/* Entities as token spans, and the BILOU labels of a tagged document turned into them: shared
 * by the tagger, the rules, and the trainer and evaluator (dev/). */
#ifndef ETAG_SPANS_H
#define ETAG_SPANS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t first, n; /* a span of tokens */
    int type;          /* ETAG_PER .. ETAG_DATE */
    uint32_t cut;      /* bytes cut from the end of the last token ("-based" of "Chicago-based":
                          published.c), or 0 */
    uint32_t coded;    /* 1: an ORG a Reuters code follows, the code's company (published.c) */
} etag_span;

/* Converts BILOU labels to spans (tolerant of ill-formed sequences: an entity ends where the
 * sequence breaks). out must hold n entries; returns the count. */
size_t etag_labels_to_spans(const uint8_t *labels, size_t n, etag_span *out);

#endif
