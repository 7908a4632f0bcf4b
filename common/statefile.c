/* The state protocol's lock, pending file and --commit, for any stateful filter. */
#include "statefile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomicfile.h"
#include "cli.h"
#include "exitcode.h"

static char *concat(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *s = malloc(na + nb + 1);
    if (!s) return NULL;
    memcpy(s, a, na);
    memcpy(s + na, b, nb + 1);
    return s;
}

int np_state_set_commit(np_state *st, const char *mode)
{
    if (!strcmp(mode, "immediate"))
        st->deferred = 0;
    else if (!strcmp(mode, "deferred"))
        st->deferred = 1;
    else {
        np_error("--state-commit: '%s' is not immediate or deferred", mode);
        return NP_EX_USAGE;
    }
    return NP_EX_OK;
}

int np_state_lock(np_state *st)
{
    char *lockpath = concat(st->file, ".lock");
    st->pending = concat(st->file, ".pending");
    if (!lockpath || !st->pending) {
        free(lockpath);
        free(st->pending);
        st->pending = NULL;
        np_error("out of memory");
        return NP_EX_SOFTWARE;
    }
    char holder[160];
    int rc = NP_EX_OK;
    int lr = np_lock_acquire(&st->lock, lockpath, st->wait, holder, sizeof holder);
    if (lr == NP_LOCK_BUSY) {
        np_error("state %s is locked by %s (lock file %s); try again later or use --wait", st->file,
                 holder, lockpath);
        rc = NP_EX_TEMPFAIL;
    } else if (lr != NP_LOCK_OK) {
        np_error("state %s: cannot lock %s: %s", st->file, lockpath, strerror(errno));
        rc = NP_EX_CANTCREAT;
    }
    free(lockpath);
    if (rc) {
        free(st->pending);
        st->pending = NULL;
        return rc;
    }
    st->locked = 1;
    return NP_EX_OK;
}

const char *np_state_save_path(const np_state *st)
{
    return st->deferred ? st->pending : st->file;
}

void np_state_saved(np_state *st)
{
    if (!st->deferred && st->pending && unlink(st->pending) == 0) np_fsync_dir_of(st->pending);
}

void np_state_unlock(np_state *st)
{
    if (st->locked) np_lock_release(&st->lock);
    st->locked = 0;
    free(st->pending);
    st->pending = NULL;
}

int np_state_commit_asked(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--commit") || !strncmp(argv[i], "--commit=", 9)) return 1;
    return 0;
}

int np_state_commit_main(int argc, char **argv,
                         int (*verify)(const char *pending, char *msg, size_t len))
{
    const char *file = NULL;
    int wait = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--wait"))
            wait = 1;
        else if (!strcmp(argv[i], "--commit") && i + 1 < argc)
            file = argv[++i];
        else if (!strncmp(argv[i], "--commit=", 9))
            file = argv[i] + 9;
        else {
            np_error("--commit FILE takes no other argument but --wait (got '%s')", argv[i]);
            return NP_EX_USAGE;
        }
    }
    if (!file || !*file) {
        np_error("--commit needs the state FILE");
        return NP_EX_USAGE;
    }
    char *lockpath = concat(file, ".lock"), *pending = concat(file, ".pending");
    int rc = NP_EX_OK;
    np_lock lock = {-1};
    char holder[160], msg[512];
    if (!lockpath || !pending) {
        np_error("out of memory");
        rc = NP_EX_SOFTWARE;
        goto out;
    }
    int lr = np_lock_acquire(&lock, lockpath, wait, holder, sizeof holder);
    if (lr == NP_LOCK_BUSY) {
        np_error("state %s is locked by %s; try again later or use --wait", file, holder);
        rc = NP_EX_TEMPFAIL;
        goto out;
    }
    if (lr != NP_LOCK_OK) {
        np_error("state %s: cannot lock %s: %s", file, lockpath, strerror(errno));
        rc = NP_EX_CANTCREAT;
        goto out;
    }
    if (access(pending, F_OK) < 0 && errno == ENOENT) {
        np_error("no pending state %s: nothing to commit", pending);
        goto out;
    }
    rc = verify(pending, msg, sizeof msg);
    if (rc) {
        np_error("%s (not committed)", msg);
        goto out;
    }
    if (rename(pending, file) < 0 || np_fsync_dir_of(file) < 0) {
        np_error("state %s: cannot commit %s: %s", file, pending, strerror(errno));
        rc = NP_EX_IOERR;
    }
out:
    np_lock_release(&lock);
    free(lockpath);
    free(pending);
    return rc;
}
