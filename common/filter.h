/* The filter driver: everything a newspipe filter shares — options common to all filters,
 * the read/parse/write loop, gzip in and out, rejects, --strict, --stats accounting and
 * exit codes. A filter supplies its own options and a record callback; see filters/cat.c
 * for the smallest one.
 *
 * Common options: -o/--output FILE (written atomically; .gz or -z compresses), -z/--gzip,
 * --reject FILE, --strict, --stats, --max-line SIZE, --unbuffered, --id-field NAME,
 * --options (the filter described for the runner: each option with its argument's kind, and
 * whether the filter is stateful), --parse-only (check the options and exit: `newspipe
 * check` asks each filter about its own values), -h/--help, -V/--version.
 * Positional arguments are input files ("-" is stdin; none means stdin). */
#ifndef NP_FILTER_H
#define NP_FILTER_H

#include "buf.h"
#include "record.h"

typedef struct {
    const char *name;     /* long name, without "--"; NULL ends the list */
    int has_arg;          /* 0 a flag, 1 takes an argument */
    int key;              /* given back to np_filter.option; use values >= 256 */
    char short_name;      /* a one-letter alias, or 0 */
    const char *arg_name; /* "N", "FILE" in --help; its kind in --options (newspipe(7)) */
    const char *help;     /* one line for --help */
} np_option;

typedef struct {
    const char *name;         /* "cat": the program is newspipe-cat */
    const char *summary;      /* one line for --help */
    const np_option *options; /* the filter's own options, or NULL */
    /* Callbacks get the ctx passed to np_filter_main. Any may be NULL except record.
     * option: returns NP_EX_OK, or NP_EX_USAGE after printing why.
     * check: after the last option, for values that must agree with each other; returns as
     *   option does (so --parse-only refuses what a run would).
     * start: after option parsing, before any input (load a model, take a lock).
     * record: one valid JSON object record.
     * finish: always called exactly once when start succeeded, with the status the run
     *   ends with so far (NP_EX_OK when every record was read and every output byte
     *   written and committed); returns the final status. Commit state only on NP_EX_OK.
     * stats: appends extra members (",\"exact\":3") to the --stats line. */
    int (*option)(void *ctx, int key, const char *arg);
    int (*check)(void *ctx);
    int (*start)(void *ctx);
    np_verdict (*record)(void *ctx, np_record *rec);
    int (*finish)(void *ctx, int status);
    int (*stats)(void *ctx, np_buf *out);
    /* A filter keeping state across runs by the protocol of statefile.h names the option that
     * takes the state file (--options gives it the kind STATE, which tells the runner to
     * defer and commit it) and the check of a pending state file, with which the driver
     * answers `--commit FILE [--wait]` (statefile.h's np_state_commit_main). */
    const char *state_option;
    int (*state_verify)(const char *pending, char *msg, size_t len);
    /* The verdict on a record depends on the records before it, so the whole stream must go
     * through one process (--options says "stateful"). */
    int stateful;
} np_filter;

/* Runs the filter over argv and returns the process exit code. */
int np_filter_main(const np_filter *f, void *ctx, int argc, char **argv);

#endif
