/* Checking a loaded pipeline against the system without touching any state: that each
 * filter exists (newspipe-NAME) and has the options the file gives it (asked with
 * `--options`, whose answer gives each option's kind: a FILE must be readable, the STATE
 * file's directory writable), that `run:` commands exist, and that input files, output and
 * state directories are there. On success every stage gets its label, program and argv.
 * Knows no filter's option names: what it knows of a filter is its --options answer. */
#ifndef NP_RUNNER_CHECK_H
#define NP_RUNNER_CHECK_H

#include <stddef.h>

#include "diag.h"
#include "pipeline.h"

/* Checks p, recording every problem in d; fills each stage's label, exe, argv, deferred,
 * state_file and stateful. Returns 0 when no error was found. Inputs, output, reject and lock are
 * checked as p holds them, so a command line that overrides them sets them first (with a zero mark,
 * which makes the error name the option instead of a position). */
int np__pipeline_check(np_pipeline *p, np_diag *d);

/* np__pipeline_check(), and then every filter stage's option values checked by the filter
 * itself (`newspipe-NAME --parse-only OPTIONS`), which reports a value it would refuse at
 * run time ("window: 0.5s") at its position, and newspipe serve's keys (serve_conf.h), which
 * np__pipeline_check() leaves to the caller (run and test ignore them): what `newspipe
 * check` does. */
int np__pipeline_check_all(np_pipeline *p, np_diag *d);

/* What a command line puts in place of the pipeline file's own settings. */
typedef struct {
    char *const *inputs; /* input paths or globs, relative to the current directory */
    size_t ninputs;      /* 0: the file's own */
    const char *output;  /* NULL: the file's own */
} np_overrides;

/* Loads file into p, applies ov (may be NULL), checks the result (with every filter's option
 * values too when `values`: np__pipeline_check_all) and prints every error on stderr, sorted
 * by position. Returns 0, or the exit code the errors imply (np__diag_code). p is to be freed
 * with np__pipeline_free() either way. */
int np__pipeline_open(np_pipeline *p, const char *file, const np_overrides *ov, int values);

/* Expands an input glob or path: calls fn for every matching file in order. Returns the
 * number of matches (0: none), or -1 when out of memory. A path without glob characters
 * matches when it exists. "-" always matches itself. */
int np__expand_input(const char *pattern, void (*fn)(const char *path, void *arg), void *arg);

#endif
