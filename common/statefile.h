/* The state protocol: how a filter that remembers across runs keeps its state file safe,
 * and lets a runner commit the state only once the run's output is in place (newspipe(7),
 * STATE):
 *   FILE.lock     locked (flock) for the whole run; it holds "pid N PROGRAM" of the holder;
 *   FILE          the committed state, which only the filter writes (atomically);
 *   FILE.pending  what a run with --state-commit=deferred saves instead of FILE;
 *   newspipe-NAME --commit FILE [--wait]  promotes FILE.pending to FILE under the lock.
 *
 * A filter takes --state FILE, --state-commit MODE and --wait into an np_state, calls
 * np_state_lock() in its start callback and saves to np_state_save_path() in its finish
 * callback; it names its state option and its pending-file check in np_filter (filter.h),
 * so that --options tells the runner which option holds state and the driver answers
 * --commit. Knows nothing of what a state file holds. */
#ifndef NP_STATEFILE_H
#define NP_STATEFILE_H

#include <stddef.h>

#include "lock.h"

typedef struct {
    const char *file; /* --state FILE (borrowed), or NULL: the filter keeps no state */
    int deferred;     /* --state-commit=deferred: save to FILE.pending */
    int wait;         /* --wait: wait for the lock instead of failing with 75 */
    /* Owned while locked: */
    int locked;
    np_lock lock;
    char *pending; /* FILE.pending */
} np_state;

/* --state-commit MODE: "immediate" (the default) or "deferred". Returns NP_EX_OK, or
 * NP_EX_USAGE after saying why. */
int np_state_set_commit(np_state *st, const char *mode);

/* Locks FILE.lock for the run. Returns NP_EX_OK, or after saying why NP_EX_TEMPFAIL (another
 * process holds it: the message names it), NP_EX_CANTCREAT or NP_EX_SOFTWARE. */
int np_state_lock(np_state *st);

/* Where the run saves its state: FILE.pending when deferred, else FILE. */
const char *np_state_save_path(const np_state *st);

/* After a successful immediate save: a pending state that an uncommitted deferred run left
 * is superseded, and removed. */
void np_state_saved(np_state *st);

/* Releases the lock and what np_state_lock() allocated. Does nothing when not locked. */
void np_state_unlock(np_state *st);

/* True when argv asks for `--commit FILE` (or --commit=FILE). */
int np_state_commit_asked(int argc, char **argv);

/* newspipe-NAME --commit FILE [--wait]: promotes FILE.pending to FILE under the lock, after
 * verify(pending) accepted it (returns 0, or an exit code with a message in msg). Nothing
 * pending: says so and exits 0. Returns the exit code. */
int np_state_commit_main(int argc, char **argv,
                         int (*verify)(const char *pending, char *msg, size_t len));

#endif
