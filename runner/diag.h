/* Errors found in a pipeline file, each with file:line:column, collected so that
 * `newspipe check` reports all of them at once instead of stopping at the first. */
#ifndef NP_RUNNER_DIAG_H
#define NP_RUNNER_DIAG_H

#include <stddef.h>
#include <stdio.h>

/* A position in the pipeline file, 1-based; line 0 means "no position" (an error that
 * belongs to the command line or the file as a whole). */
typedef struct {
    unsigned line, col;
} np_mark;

typedef struct {
    unsigned line, col;
    int code; /* the exit code this error implies: 78 config, 66 input, 73 output */
    char *msg;
} np_diag_entry;

typedef struct {
    const char *file; /* borrowed: the name errors are reported under */
    np_diag_entry *e;
    size_t n, cap;
    int nomem; /* an error could not be recorded */
} np_diag;

void np__diag_init(np_diag *d, const char *file);
/* Records an error at m (m.line 0: no position). Out of memory sets d->nomem. */
void np__diag_add(np_diag *d, np_mark m, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Prints "file:line:col: error: msg" lines, sorted by position, on f. */
void np__diag_print(np_diag *d, FILE *f);
/* The exit code the errors imply: 0 when none; 78 when any is a configuration error;
 * otherwise the first one's code. */
int np__diag_code(const np_diag *d);
void np__diag_free(np_diag *d);

#endif
