/* Buffered record output to stdout or to a file written atomically, optionally gzip
 * compressed. Errors are sticky: after a failed write every call fails, and the caller
 * exits 74 instead of pretending the output is complete. */
#ifndef NP_OUTPUT_H
#define NP_OUTPUT_H

#include <stddef.h>
#include <stdint.h>

typedef struct np_output np_output;

/* path NULL or "-" is stdout; otherwise a temporary beside path that np_output_close(o, 1)
 * renames into place. gzip compresses. Returns NULL with errno set. Caller closes. */
np_output *np_output_open(const char *path, int gzip);
/* Queues bytes. Returns 0, or -1 once any write has failed (see np_output_error). */
int np_output_write(np_output *o, const void *p, size_t n);
/* Writes out what is buffered (a gzip stream gets a sync flush so the reader can decode
 * what it has). Returns 0 or -1. */
int np_output_flush(np_output *o);
/* Total bytes handed to np_output_write. */
uint64_t np_output_bytes(const np_output *o);
/* errno of the first failure, or 0. */
int np_output_error(const np_output *o);
/* Finishes the stream. commit=1: flush, finish gzip, and for a path fsync + rename; commit=0:
 * discard a path's temporary (stdout is only flushed). Frees o. Returns 0 or -1 (errno). */
int np_output_close(np_output *o, int commit);

#endif
