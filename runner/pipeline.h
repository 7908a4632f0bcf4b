/* The pipeline file model: what a newspipe pipeline YAML file says, read with libyaml, with
 * the position of every key and value so that errors can point at them.
 *
 * Loading checks the file's shape (keys, types, ${VAR} expansion); np__pipeline_check()
 * (check.h) then checks it against the system (programs, options, files). */
#ifndef NP_RUNNER_PIPELINE_H
#define NP_RUNNER_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

typedef enum {
    NP_VAL_NULL,   /* `key:` or `key: ~` */
    NP_VAL_TRUE,   /* plain true */
    NP_VAL_FALSE,  /* plain false */
    NP_VAL_STRING, /* any other scalar, numbers included, kept as written */
    NP_VAL_LIST,   /* a sequence of scalars; `value` holds them comma-joined */
} np_val_kind;

/* One option of a filter stage: `window: 72h`. */
typedef struct {
    char *key;
    np_mark key_mark;
    np_val_kind kind;
    char *value; /* NP_VAL_STRING and NP_VAL_LIST; NULL otherwise */
    np_mark value_mark;
} np_stage_option;

typedef enum { NP_STAGE_FILTER, NP_STAGE_RUN } np_stage_kind;

typedef struct {
    np_stage_kind kind;
    char *name; /* the filter name ("dedupe"), or "run" */
    np_mark mark;
    np_stage_option *opts; /* filter options in file order */
    size_t nopts;
    char **cmd; /* run: the command's argv, NULL-terminated */
    size_t ncmd;
    np_mark *cmd_marks;

    /* Filled in by np__pipeline_check(): */
    char *label; /* "dedupe", "cat#2", "jq": the name used in messages */
    char *exe;   /* full path of the program */
    char **argv; /* argv[0] = exe, options; NULL-terminated (runtime options not included) */
    size_t argc;
    int deferred;     /* the stage sets the filter's STATE option (the state protocol) */
    char *state_file; /* that option's value (relative to the pipeline's directory) */
    int stateful;     /* the filter says it is stateful: one process must see the stream */
    size_t workers;   /* the `workers` option: copies to run (0 or 1: one process) */
} np_stage;

typedef struct {
    char *file; /* the path it was loaded from, as given */
    char *dir;  /* absolute directory of the file: relative paths in it are relative to this */
    char *name;
    char **inputs; /* paths or globs, resolved against dir; "-" is stdin */
    size_t ninputs;
    np_mark input_mark;
    np_mark *input_marks; /* each input's own position (as inputs), or NULL: input_mark */
    char *output;         /* resolved path, or "-" */
    np_mark output_mark;
    char *reject; /* resolved path, or NULL */
    np_mark reject_mark;
    char *lock; /* resolved path, or NULL */
    np_mark lock_mark;
    long long shutdown_ms;
    /* max_diagnostics: each stage's per-record diagnostics shown (diagcap.h); 0: all. A
     * filter gets it as --max-diagnostics when the file gives it (max_diag_arg). */
    uint64_t max_diag;
    char *max_diag_arg;
    np_stage *stages;
    size_t nstages;
    struct np_serve_conf *serve; /* newspipe serve's keys (serve_conf.h), or NULL */
    /* Set by newspipe test before checking: the file of a stage's STATE option becomes
     * state_sandbox/state-N (stage N), so that a case starts from no state. Borrowed. */
    const char *state_sandbox;
} np_pipeline;

#define NP_DEFAULT_SHUTDOWN_MS 10000

/* Loads file into p. Every problem found goes to d (with positions). Returns 0 when the file
 * could be read and parsed as YAML (d may still hold errors), -1 when it could not (d says
 * why). p is always left valid for np__pipeline_free(). */
int np__pipeline_load(np_pipeline *p, const char *file, np_diag *d);
void np__pipeline_free(np_pipeline *p);

#endif
