/* A file of JSON objects, one a line, read for the programs' learning and development
 * subcommands (the record path itself is filter.c's, which keeps every byte): each line
 * that is a JSON object is parsed and handed to the caller; blank lines are skipped, and
 * other lines are counted and, when the caller names the stream, reported. */
#ifndef NP_JSONLINES_H
#define NP_JSONLINES_H

#include "json.h"

/* Called with each object (its spans borrowed until the call returns) and its line number,
 * counted from 1; a nonzero return stops the walk and is what np_jsonlines_each returns (-1
 * meaning out of memory, as np_jsonlines_each's own -1 does). */
typedef int (*np_jsonlines_fn)(void *ctx, const np_json_object *obj, unsigned long line);

typedef struct {
    const char *name;     /* the stream's name for messages; NULL: bad lines skipped quietly */
    unsigned long report; /* with a name, report at most this many bad lines (np_error) */
    unsigned long bad;    /* out: the lines that are no JSON object */
    const char *why;      /* out: after a negative return, why (static text) */
} np_jsonlines_opts;

/* Returned when the file cannot be read, when it cannot be opened, and when its gzip data is
 * damaged (truncated or corrupt). */
#define NP_JSONLINES_UNREAD  (-2)
#define NP_JSONLINES_NOFILE  (-3)
#define NP_JSONLINES_DAMAGED (-4)

/* Reads the file at path ("-": standard input) to its end with the filters' line reader
 * (gzip detected, LF or CRLF) and calls fn for each object. Returns 0, fn's nonzero return,
 * -1 when out of memory, NP_JSONLINES_NOFILE, NP_JSONLINES_UNREAD or NP_JSONLINES_DAMAGED
 * (opts->why says why in each case; the objects of the lines before the damage were handed
 * over). opts may be NULL. */
int np_jsonlines_each(const char *path, np_jsonlines_fn fn, void *ctx, np_jsonlines_opts *opts);

/* The exit status for np_jsonlines_each's own negative returns, as the filters give them
 * (newspipe(7)): 70 out of memory, 66 cannot be opened, 65 damaged gzip, 74 read error. */
int np_jsonlines_exit(int rc);

#endif
