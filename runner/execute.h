/* Running a checked pipeline once, with the cron guarantees: a non-blocking lock, output
 * written to a temporary file and renamed into place only when every stage succeeded,
 * rejects appended and stage state committed only after that, and SIGINT/SIGTERM/SIGHUP
 * stopping the run by draining it (the output and state are then left untouched). */
#ifndef NP_RUNNER_EXECUTE_H
#define NP_RUNNER_EXECUTE_H

#include <stddef.h>

#include "pipeline.h"

typedef struct {
    int stats;    /* print the per-stage accounting as one JSON line on stderr at the end */
    int progress; /* draw the status line on stderr (and count lines to do it) */
    /* Where the stages' stderr lines go; NULL: "[label] line" on stderr. */
    void (*log_line)(void *arg, const char *label, const char *line, size_t n);
    void *log_arg;
} np_exec_opts;

/* Runs p, which np__pipeline_check() accepted. Returns the exit code for the run: 0, the
 * failing stage's code (128 + signal when killed), 75 when the lock is held, 66 when an input
 * is missing, 73 when the output cannot be created, 74 when it cannot be committed,
 * 128 + signal when a signal interrupted the run, 141 (quietly) when the reader of the
 * output went away. Messages go to stderr. */
int np__execute(np_pipeline *p, const np_exec_opts *o);

#endif
