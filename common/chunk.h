/* The chunk protocol: how `newspipe run` hands one stage's stream to several copies of a
 * filter (`workers: N`, newspipe(1) WORKERS) and puts their outputs back in input order
 * without reading the records.
 *
 * The runner cuts the stream into chunks of whole lines and sends each chunk to one worker
 * between two marker lines; the worker (the filter driver with --chunked) processes the lines
 * as usual and echoes the end marker on its output after the chunk's last output line. The
 * runner then knows where each chunk's output ends in each worker's stream and concatenates
 * the outputs chunk by chunk, in chunk order.
 *
 * A marker is a line that starts with the ASCII record separator RS (0x1E, RFC 7464's JSON
 * text sequence separator):
 *   RS "L" N     the next line is line N of the stage's input (a chunk begins), so the worker's
 *                diagnostics and reject records give the same line numbers as one process;
 *   RS "D"       the next line is data although it starts with RS (the runner escapes such
 *                lines, which are never valid JSON, so that no input can forge a marker);
 *   RS "E" SEQ   chunk SEQ ends here: echo RS "E" SEQ once its output is written;
 * and the worker, on its output:
 *   RS "B"       written when it reads RS "L", before the chunk's output: so what a worker
 *                writes outside its chunks (a banner, a line between two) is seen as such;
 *   RS "e" SEQ   the same, and the newline just before it is not the input's (its last line
 *                had none; the runner added it so that the marker starts a line).
 * On the output side no escape is needed: a filter writes only JSON objects, in which a raw
 * RS cannot occur (control characters must be escaped in strings and are not whitespace),
 * so the runner finds the end markers with memchr alone. */
#ifndef NP_CHUNK_H
#define NP_CHUNK_H

#include <stddef.h>
#include <stdint.h>

#define NP_CHUNK_RS '\x1e'
/* Room for the longest marker line, its newline included. */
#define NP_CHUNK_MARK_MAX 32

typedef enum {
    NP_CHUNK_BEGIN, /* RS L N: *value = N */
    NP_CHUNK_DATA,  /* RS D */
    NP_CHUNK_END,   /* RS E SEQ or RS e SEQ: *value = SEQ, *added_newline 0 or 1 */
    NP_CHUNK_OPEN,  /* RS B (a worker's output) */
    NP_CHUNK_BAD,   /* starts with RS but is none of these */
} np_chunk_mark;

/* Reads a marker line (without its newline; line[0] is RS). */
np_chunk_mark np_chunk_parse(const char *line, size_t len, uint64_t *value, int *added_newline);

/* Write a marker line, newline included, into buf (NP_CHUNK_MARK_MAX bytes); return its
 * length. */
size_t np_chunk_begin(char *buf, uint64_t lineno);
size_t np_chunk_data(char *buf);
size_t np_chunk_open(char *buf);
size_t np_chunk_end(char *buf, uint64_t seq, int added_newline);

#endif
