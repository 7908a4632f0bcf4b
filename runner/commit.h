/* One run of a pipeline as a transaction: the part `newspipe run` (execute.c) and
 * `newspipe serve` (batch.c) share.
 *
 * Begin: the rejects are staged (the stages append them to a temporary file), and every
 * stage gets its command line with the runtime options (--reject, --stats,
 * --state-commit=deferred for a stage keeping state, which then writes STATE.pending instead
 * of STATE: the state protocol of newspipe(7); and --chunked for a stage with workers).
 *
 * Commit, only when every stage succeeded, in this order: the output, then the staged
 * rejects (appended to the pipeline's reject file), then each deferred state
 * (`newspipe-NAME --commit STATE`), so that no state runs ahead of the output it was built
 * with. A run that fails commits none of them: the staged rejects are removed, and a pending
 * state is overwritten by the next run.
 *
 * Knows nothing of the event loop or of where the output goes: the caller commits the
 * output (run renames a temporary file; serve appends to its sink and records every step in
 * its journal, so that a restart can finish a commit a crash interrupted). */
#ifndef NP_RUNNER_COMMIT_H
#define NP_RUNNER_COMMIT_H

#include <stddef.h>

#include "chain.h"
#include "pipeline.h"

typedef struct {
    const np_pipeline *p; /* borrowed: a pipeline np__pipeline_check() accepted */
    /* What the filters get as --reject: reject_tmp; the pipeline's reject file itself when it
     * is not a regular file (/dev/null, a FIFO: nothing to stage); or NULL (no reject file). */
    const char *reject;
    char *reject_tmp;       /* the staged rejects (owned), or NULL */
    int reject_kept;        /* its commit failed: the file is the only copy, np__txn_end keeps it */
    size_t n;               /* the pipeline's stages, when np__txn_stages() was called */
    np_chain_stage *stages; /* one per pipeline stage, for np_chain_config (owned) */
    char ***argvs;          /* their argv arrays (owned; the strings are the pipeline's) */
    char **diag_args;       /* per stage, the --max-diagnostics share of workers (owned) */
    signed char *owes;      /* per stage, after np__txn_ended(): see np__txn_owes_state() */
} np_txn;

/* Begins a run of p: stages the rejects in a new empty file, named `name` in directory dir,
 * or beside the reject file under a unique name when dir is NULL. Returns 0, or -1 with errno
 * (t is then left as np__txn_end() expects it). */
int np__txn_begin(np_txn *t, const np_pipeline *p, const char *dir, const char *name);

/* The chain's stages (p->nstages of them): every stage's argv with the runtime options.
 * stats: start the filters with --stats, and keep every stage's stats line. Borrowed until
 * np__txn_end(). NULL when out of memory. */
const np_chain_stage *np__txn_stages(np_txn *t, int stats);

/* Notes how the stages of chain c (started with np__txn_stages()) ended; call once the chain
 * is done, before it is freed. */
void np__txn_ended(np_txn *t, const np_chain *c);

/* Whether stage i owes a state commit after a successful run: 1 it deferred its state and
 * exited 0; -1 it deferred its state but stopped early (ended by SIGPIPE under head
 * semantics): it wrote no pending state, and one an earlier failed run left must not be
 * promoted; 0 it keeps no deferred state. */
int np__txn_owes_state(const np_txn *t, size_t i);

/* The state commits a successful run owes (np__txn_owes_state() 1), as "PROGRAM\tSTATE" lines
 * with STATE absolute: what serve's journal records so that a restart can redo them. Returns
 * 0 with *lines (the caller frees each line and the array) and *n, or -1 with errno ENOMEM. */
int np__txn_state_commits(const np_txn *t, char ***lines, size_t *n);

/* Commit, second step (the output is the first): appends the staged rejects to the reject
 * file and fsyncs it, then removes the temporary file. Returns 0, or -1 with errno: the
 * temporary file t->reject_tmp is then kept, being the only copy. */
int np__txn_commit_rejects(np_txn *t);

/* Commit, third step: runs `PROGRAM --commit STATE` in directory cwd (NULL: the current
 * one), which promotes STATE.pending to STATE under the state's lock. Returns 0 with
 * *status the program's exit code (0: committed), or -1 with errno when it cannot run. */
int np__commit_state(const char *program, const char *state, const char *cwd, int *status);

/* Ends the transaction: frees the stages (after np__chain_free(): the chain borrows them) and
 * removes staged rejects that were not committed. t can then begin again. */
void np__txn_end(np_txn *t);

#endif
