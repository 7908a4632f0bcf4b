/* The record's innards, shared by record.c and the driver (filter.c) only. */
#ifndef NP_RECORD_IMPL_H
#define NP_RECORD_IMPL_H

#include <stdint.h>

#include "json.h"
#include "output.h"
#include "record.h"

typedef struct {
    const char *key;
    size_t key_len;
    const char *val;
    size_t val_len;
    const np_json_member *replace; /* member replaced in place, or NULL to append */
} np_record_edit;

typedef struct np_chunk np_chunk;

struct np_record {
    const char *line;
    size_t len;
    const char *input;
    uint64_t lineno;
    np_json_object obj;
    const char *id_field;
    np_record_edit *edits;
    size_t nedits, edits_cap;
    np_chunk *chunks, *cur;
    char msg[512];
    int fail_code;
};

/* Prepares r for a new line (clears edits and scratch memory). */
void np_record_reset(np_record *r, const char *line, size_t len, const char *input,
                     uint64_t lineno);
/* Writes the record with its edits and a newline. Returns 0 or -1 (output failed). */
int np_record_write(const np_record *r, np_output *o);
/* Frees what r owns (not r itself). */
void np_record_destroy(np_record *r);

#endif
