/* Streaming gunzip: the one place that knows how a gzip input is inflated, for the reader
 * that pulls (input.c) and the runner's pump that pushes. Concatenated members are one
 * stream, as gzip(1) reads them; an input that ends inside a member is truncated. Knows
 * nothing of files, lines or records: bytes in, bytes out. */
#ifndef NP_GUNZIP_H
#define NP_GUNZIP_H

#include <stddef.h>
#include <zlib.h>

/* The first bytes of every gzip member. */
#define NP_GZIP_MAGIC0 0x1f
#define NP_GZIP_MAGIC1 0x8b

typedef struct {
    z_stream z;
    int member_done; /* the last member ended: more input starts another */
    int in_member;   /* bytes of a member have been read and it has not ended */
} np_gunzip;

/* Returns 0, or -1 when zlib cannot allocate its state. Caller calls np_gunzip_end. */
int np_gunzip_init(np_gunzip *g);
/* Inflates from *in (n bytes, advanced past what was read) into out (cap bytes, cap > 0).
 * Returns the bytes written to out, or -1 when the data is no gzip stream. 0 with *n == 0:
 * it needs more input (or, called with none, holds no more output); 0 with input left: it
 * read a header or a member's end without output, so call again. */
long np_gunzip_step(np_gunzip *g, const unsigned char **in, size_t *n, unsigned char *out,
                    size_t cap);
/* Whether the input, now at its end, stopped inside a member. */
int np_gunzip_truncated(const np_gunzip *g);
void np_gunzip_end(np_gunzip *g);

#endif
