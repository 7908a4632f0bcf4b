/* Line reader for NDJSON input: plain or gzip (detected by its magic bytes, concatenated
 * members allowed), LF or CRLF, bounded line length, and a hook that runs before a read that
 * may block (the driver flushes its output there, so a slow feed sees records promptly). */
#ifndef NP_INPUT_H
#define NP_INPUT_H

#include <stddef.h>
#include <stdint.h>

typedef struct np_input np_input;

typedef enum {
    NP_IN_LINE = 1,     /* *line, *len hold one line (no terminator, CR stripped) */
    NP_IN_TOO_LONG = 2, /* a line over max_line: *line holds its first bytes, *len their count;
                           np_input_long_len() gives its full length; it was skipped */
    NP_IN_EOF = 0,
    NP_IN_ERROR = -1,   /* read error or out of memory: np_input_error() says which */
    NP_IN_CORRUPT = -2, /* corrupt or truncated gzip data: np_input_error() says which */
} np_in_status;

/* Opens path ("-" is stdin). Returns NULL with errno set. max_line bounds memory: longer
 * lines are skipped (not buffered) and reported as NP_IN_TOO_LONG. Caller closes. */
np_input *np_input_open(const char *path, size_t max_line);
/* Reads the next line. The line is valid until the next call. Blank lines are returned
 * too (the caller decides); the line number counts every line. */
np_in_status np_input_next(np_input *in, const char **line, size_t *len);
/* Whether the line last returned ended at the end of the input without a newline. */
int np_input_unterminated(const np_input *in);
/* 1-based number of the line last returned. */
uint64_t np_input_lineno(const np_input *in);
uint64_t np_input_long_len(const np_input *in);
/* Bytes of (decompressed) input consumed so far. */
uint64_t np_input_bytes(const np_input *in);
/* After NP_IN_ERROR or NP_IN_CORRUPT: a static description ("truncated gzip input", strerror text).
 */
const char *np_input_error(const np_input *in);
/* Sets a function called before each read(2) that would block; a nonzero return is
 * ignored by the reader (the driver notices its own output errors). */
void np_input_set_before_block(np_input *in, int (*fn)(void *), void *arg);
void np_input_close(np_input *in);

#endif
