/* A run as a transaction: staged rejects, the stages' command lines, and the state commits
 * a successful run owes. */
#include "commit.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "findprog.h"
#include "proc.h"

/* A new empty file for the staged rejects: dir/name (replacing one a crashed run left: a
 * stage orphaned by the crash may still hold it open), or final.tmp.PID.XXXXXX. */
static char *stage_file(const char *final, const char *dir, const char *name)
{
    size_t n = dir ? strlen(dir) + strlen(name) + 2 : strlen(final) + 40;
    char *path = malloc(n);
    if (!path) return NULL;
    int fd;
    if (dir) {
        snprintf(path, n, "%s/%s", dir, name);
        unlink(path);
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    } else {
        np_atomic_sweep(final); /* those of runs killed before their end: same naming */
        snprintf(path, n, "%s.tmp.%ld.XXXXXX", final, (long)getpid());
        fd = mkostemp(path, O_CLOEXEC);
    }
    if (fd < 0) {
        int e = errno;
        free(path);
        errno = e;
        return NULL;
    }
    close(fd);
    return path;
}

int np__txn_begin(np_txn *t, const np_pipeline *p, const char *dir, const char *name)
{
    memset(t, 0, sizeof *t);
    t->p = p;
    if (!p->reject) return 0;
    struct stat st;
    if (stat(p->reject, &st) == 0 && !S_ISREG(st.st_mode)) {
        t->reject = p->reject; /* /dev/null, a FIFO: passed as it is */
        return 0;
    }
    if (!(t->reject_tmp = stage_file(p->reject, dir, name))) return -1;
    t->reject = t->reject_tmp;
    return 0;
}

/* Stage st's argv with the runtime options: st->argv, then for a filter --reject, --stats,
 * --max-diagnostics and --state-commit=deferred as they apply, and --chunked for workers.
 * The strings are borrowed from st and t, but for the workers' share of max_diagnostics,
 * made in *diag_arg (the caller frees it). */
static char **stage_command(const np_txn *t, const np_stage *st, int stats, char **diag_arg)
{
    char **v = malloc((st->argc + 9) * sizeof *v);
    if (!v) return NULL;
    size_t n = 0;
    for (size_t i = 0; i < st->argc; i++) v[n++] = st->argv[i];
    if (st->kind == NP_STAGE_FILTER) {
        if (t->reject) {
            v[n++] = "--reject";
            v[n++] = (char *)t->reject;
        }
        if (stats) v[n++] = "--stats";
        if (st->workers > 1 && t->p->max_diag) {
            /* The stage's workers share its cap: each shows its share (rounded up). */
            uint64_t share = (t->p->max_diag + st->workers - 1) / st->workers;
            if (!(*diag_arg = malloc(24))) {
                free(v);
                return NULL;
            }
            snprintf(*diag_arg, 24, "%" PRIu64, share);
            v[n++] = "--max-diagnostics";
            v[n++] = *diag_arg;
        } else if (t->p->max_diag_arg) {
            v[n++] = "--max-diagnostics";
            v[n++] = t->p->max_diag_arg;
        }
        if (st->deferred) v[n++] = "--state-commit=deferred";
    }
    if (st->workers > 1) v[n++] = "--chunked"; /* the hand-off's protocol (workers.h) */
    v[n] = NULL;
    return v;
}

const np_chain_stage *np__txn_stages(np_txn *t, int stats)
{
    const np_pipeline *p = t->p;
    size_t n = p->nstages ? p->nstages : 1;
    if (!(t->stages = calloc(n, sizeof *t->stages)) || !(t->argvs = calloc(n, sizeof *t->argvs)) ||
        !(t->owes = calloc(n, sizeof *t->owes)) ||
        !(t->diag_args = calloc(n, sizeof *t->diag_args)))
        return NULL;
    t->n = p->nstages;
    for (size_t i = 0; i < p->nstages; i++) {
        const np_stage *st = &p->stages[i];
        if (!(t->argvs[i] = stage_command(t, st, stats, &t->diag_args[i]))) return NULL;
        t->stages[i] = (np_chain_stage){st->label, st->exe,     t->argvs[i],
                                        stats,     st->workers, st->kind == NP_STAGE_FILTER};
    }
    return t->stages;
}

void np__txn_ended(np_txn *t, const np_chain *c)
{
    for (size_t i = 0; t->owes && i < t->n && i < np__chain_size(c); i++) {
        if (!t->p->stages[i].deferred) continue;
        const np_stage_status *s = np__chain_status(c, i);
        t->owes[i] = s->exited && !s->term_signal && s->exit_status == 0 ? 1 : -1;
    }
}

int np__txn_owes_state(const np_txn *t, size_t i)
{
    return t->owes && i < t->n ? t->owes[i] : 0;
}

int np__txn_state_commits(const np_txn *t, char ***lines, size_t *n)
{
    const np_pipeline *p = t->p;
    char **v = calloc(t->n ? t->n : 1, sizeof *v);
    size_t k = 0;
    if (!v) goto nomem;
    for (size_t i = 0; i < t->n; i++) {
        const np_stage *st = &p->stages[i];
        if (np__txn_owes_state(t, i) != 1) continue;
        char *state = np__path_join(p->dir, st->state_file);
        size_t len = strlen(st->exe) + (state ? strlen(state) : 0) + 2;
        char *line = state ? malloc(len) : NULL;
        if (line) snprintf(line, len, "%s\t%s", st->exe, state);
        free(state);
        if (!line) goto nomem;
        v[k++] = line;
    }
    *lines = v;
    *n = k;
    return 0;
nomem:
    while (k) free(v[--k]);
    free(v);
    errno = ENOMEM;
    return -1;
}

int np__txn_commit_rejects(np_txn *t)
{
    if (!t->reject_tmp) return 0;
    int rc = -1, in = open(t->reject_tmp, O_RDONLY | O_CLOEXEC), out = -1;
    struct stat st;
    if (in < 0 || fstat(in, &st) < 0) goto done;
    if (st.st_size == 0) {
        rc = 0;
        goto done;
    }
    out = open(t->p->reject, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    if (out < 0) goto done;
    char buf[65536];
    for (;;) {
        ssize_t k = read(in, buf, sizeof buf);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) goto done;
        if (k == 0) break;
        if (np_write_all(out, buf, (size_t)k) < 0) goto done;
    }
    rc = fsync(out);
done:;
    int e = errno;
    if (in >= 0) close(in);
    if (out >= 0 && close(out) < 0 && rc == 0) {
        e = errno;
        rc = -1;
    }
    if (rc == 0) {
        unlink(t->reject_tmp);
        free(t->reject_tmp);
        t->reject_tmp = NULL;
    } else {
        t->reject_kept = 1;
    }
    errno = e;
    return rc;
}

int np__commit_state(const char *program, const char *state, const char *cwd, int *status)
{
    char *argv[] = {(char *)program, "--commit", (char *)state, NULL};
    return np__proc_run(argv, cwd, NULL, 0, status);
}

void np__txn_end(np_txn *t)
{
    for (size_t i = 0; t->argvs && i < t->n; i++) free(t->argvs[i]);
    for (size_t i = 0; t->diag_args && i < t->n; i++) free(t->diag_args[i]);
    free(t->argvs);
    free(t->diag_args);
    free(t->stages);
    free(t->owes);
    if (t->reject_tmp && !t->reject_kept) unlink(t->reject_tmp);
    free(t->reject_tmp);
    memset(t, 0, sizeof *t);
}
