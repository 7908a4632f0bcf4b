/* A file of JSON objects, one a line, read for the programs' learning and development
 * subcommands (the record path itself is filter.c's, which keeps every byte): each line
 * that is a JSON object is parsed and handed to the caller; blank lines are skipped, and
 * other lines are counted and, when the caller names the stream, reported. */
#ifndef NP_JSONLINES_H
#define NP_JSONLINES_H

#include <stdio.h>

#include "json.h"

/* Called with each object (its spans borrowed until the call returns) and its line number,
 * counted from 1; a nonzero return stops the walk and is what np_jsonlines_each returns. */
typedef int (*np_jsonlines_fn)(void *ctx, const np_json_object *obj, unsigned long line);

typedef struct {
    const char *name;     /* the stream's name for messages; NULL: bad lines skipped quietly */
    unsigned long report; /* with a name, report at most this many bad lines (np_error) */
    unsigned long bad;    /* out: the lines that are no JSON object */
} np_jsonlines_opts;

/* Reads f to its end and calls fn for each object. Returns 0, fn's nonzero return, or -1
 * when out of memory or on a read error (ferror(f) tells which). opts may be NULL. */
int np_jsonlines_each(FILE *f, np_jsonlines_fn fn, void *ctx, np_jsonlines_opts *opts);

#endif
