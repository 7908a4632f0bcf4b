/* One NDJSON record on its way through a filter: field lookup, decoded text, and edits
 * (fields added or replaced) that the writer splices into the original bytes.
 * A record and everything it hands out live until the next record is read. */
#ifndef NP_RECORD_H
#define NP_RECORD_H

#include <stdarg.h>
#include <stddef.h>

#include "buf.h"
#include "json.h"

typedef struct np_record np_record;

/* What a filter's record callback decides. */
typedef enum {
    NP_EMIT,   /* write the record, with the fields set by np_record_set() */
    NP_PASS,   /* write it untouched: it lacks the fields this filter reads (counted "passed") */
    NP_DROP,   /* do not write it (a duplicate); counted "dropped" */
    NP_REJECT, /* a bad record; the reason was given to np_record_reject() */
    NP_FAIL,   /* stop the run; the exit code was given to np_record_fail() */
    NP_REPLAY, /* do not write it: read only to rebuild state (dedupe --emit-from); counted
                  "replayed" */
} np_verdict;

typedef enum {
    NP_FIELD_ABSENT,     /* missing, or null */
    NP_FIELD_STRING,     /* *s, *n hold the decoded UTF-8 text */
    NP_FIELD_WRONG_TYPE, /* present but not a string */
    NP_FIELD_NOMEM,
} np_field_status;

/* The record's bytes as read (no line terminator). */
const char *np_record_bytes(const np_record *r, size_t *len);
/* 1-based line number within the current input, and the input's name ("-" for stdin). */
unsigned long long np_record_lineno(const np_record *r);
const char *np_record_input(const np_record *r);

const np_json_object *np_record_object(const np_record *r);
/* The last top-level member named key, or NULL. Spans point into the record's bytes. */
const np_json_member *np_record_get(const np_record *r, const char *key);

/* Decoded text of a string field. The text is borrowed: it points into the record or into
 * scratch memory owned by the record, valid until the next record. */
np_field_status np_record_text(np_record *r, const char *key, const char **s, size_t *n);

/* The record's id member (the --id-field option, default "id"); NULL when missing. Its
 * value is kept as JSON (a string with quotes, or a number), e.g. for "duplicate_of". */
const np_json_member *np_record_id(const np_record *r);

/* Sets field key to the JSON value json[0..n) (copied). A field already present is replaced
 * where it stands (so re-running a filter is idempotent); otherwise it is appended before
 * the closing brace. Setting the same key twice keeps the last value. Returns 0 or -1. */
int np_record_set(np_record *r, const char *key, const char *json, size_t n);

/* Records why the record is rejected and returns NP_REJECT, for `return np_record_reject(...)`. */
np_verdict np_record_reject(np_record *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Records a fatal error (message and exit code) and returns NP_FAIL. */
np_verdict np_record_fail(np_record *r, int exit_code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Scratch memory owned by the record and reset with it: for per-record work that must not
 * malloc per token. Returns NULL when out of memory. Aligned for any type. */
void *np_record_scratch(np_record *r, size_t size);

#endif
