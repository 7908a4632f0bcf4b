/* Checking a loaded pipeline against the system without touching any state: that each
 * filter exists (newspipe-NAME) and has the options the file gives it (asked with
 * `--options`), that `run:` commands exist, and that input files, output and state
 * directories are there. On success every stage gets its label, program and argv. */
#ifndef NP_RUNNER_CHECK_H
#define NP_RUNNER_CHECK_H

#include "diag.h"
#include "pipeline.h"

/* Checks p, recording every problem in d; fills each stage's label, exe, argv, deferred and
 * state_file. Returns 0 when no error was found. Inputs, output, reject and lock are checked
 * as p holds them, so a command line that overrides them sets them first (with a zero mark,
 * which makes the error name the option instead of a position). */
int np_pipeline_check(np_pipeline *p, np_diag *d);

/* Expands an input glob or path: calls fn for every matching file in order. Returns the
 * number of matches (0: none), or -1 when out of memory. A path without glob characters
 * matches when it exists. "-" always matches itself. */
int np_expand_input(const char *pattern, void (*fn)(const char *path, void *arg), void *arg);

#endif
