/* Checking a pipeline against the system: programs, options and files. Nothing here writes
 * anything; the only processes started are `newspipe-NAME --options`. */
#include "check.h"

#include <errno.h>
#include <glob.h>
#include <libgen.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "exitcode.h"
#include "findprog.h"
#include "proc.h"
#include "serve_conf.h"
#include "workers.h"

/* One option a filter says it has (a line of its --options output, newspipe(7)). */
typedef struct {
    char *name;
    int has_arg;
    char *kind; /* the argument's kind ("FILE", "STATE", "DURATION"...), or NULL */
} filter_opt;

/* What `--options` said, per filter program (a pipeline may use a filter twice). */
typedef struct {
    char *name;
    char *exe; /* NULL: not found */
    filter_opt *opts;
    size_t nopts;
    int ok;         /* --options answered */
    int stateful;   /* it says so */
    int parse_only; /* it can check its option values (--parse-only) */
} filter_info;

typedef struct {
    filter_info *f; /* one per distinct filter, in order of first use */
    size_t n;
} filter_cache;

/* Options the runner sets itself, and why a pipeline file cannot. */
static const struct {
    const char *name, *why;
} RESERVED[] = {
    {"output", "a stage's output is the next stage's input; set the pipeline's 'output:'"},
    {"o", "a stage's output is the next stage's input; set the pipeline's 'output:'"},
    {"gzip", "set an 'output:' ending in .gz instead"},
    {"z", "set an 'output:' ending in .gz instead"},
    {"reject", "set the pipeline's 'reject:' (every stage's rejects go there)"},
    {"stats", "use 'newspipe run --stats'"},
    {"options", "it is not a stage option"},
    {"help", "it is not a stage option"},
    {"version", "it is not a stage option"},
    {"state-commit", "the runner commits state itself after a successful run"},
    {"commit", "the runner commits state itself after a successful run"},
    {"chunked", "it is the runner's protocol with a stage's workers: set 'workers'"},
    {"parse-only", "newspipe check asks the filter itself (the stage would read nothing)"},
};

/* Levenshtein distance, capped: good enough for "did you mean". */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63) return 99;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best) best = row[j] + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static int close_enough(const char *typo, const char *cand)
{
    size_t d = distance(typo, cand);
    return d <= 2 && d < strlen(cand);
}

/* Reads a filter's --options answer: "NAME\tflag" or "NAME\targ\tKIND" per option, and
 * lines without a tab saying what the filter is ("stateful"). Returns 0 or -1 (no memory). */
static int parse_options(filter_info *fi, const char *text)
{
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *tab = memchr(p, '\t', len), *end = p + len;
        if (!tab) {
            if (len == 8 && !memcmp(p, "stateful", 8)) fi->stateful = 1;
        } else if (tab > p) {
            filter_opt *v = realloc(fi->opts, (fi->nopts + 1) * sizeof *v);
            if (!v) return -1;
            fi->opts = v;
            const char *tab2 = memchr(tab + 1, '\t', (size_t)(end - tab - 1));
            const char *how_end = tab2 ? tab2 : end;
            int flag = how_end - tab - 1 == 4 && !memcmp(tab + 1, "flag", 4);
            char *name = strndup(p, (size_t)(tab - p));
            char *kind =
                tab2 && tab2 + 1 < end ? strndup(tab2 + 1, (size_t)(end - tab2 - 1)) : NULL;
            if (!name || (tab2 && tab2 + 1 < end && !kind)) {
                free(name);
                free(kind);
                return -1;
            }
            fi->opts[fi->nopts++] = (filter_opt){name, !flag, kind};
            if (!strcmp(name, "parse-only")) fi->parse_only = 1;
        }
        p += len + (nl != NULL);
    }
    return 0;
}

/* The cached answer for filter name; NULL when it was never asked. */
static filter_info *find_filter(const filter_cache *c, const char *name)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->f[i].name, name)) return &c->f[i];
    return NULL;
}

/* Asks every filter the pipeline gives options to for its option list, all at once (each
 * answer costs a process start, which dominates `newspipe run`'s start-up). */
static void ask_filters(filter_cache *c, const np_pipeline *p, np_diag *d)
{
    pid_t *pids = calloc(p->nstages ? p->nstages : 1, sizeof *pids);
    int *fds = calloc(p->nstages ? p->nstages : 1, sizeof *fds);
    if (!pids || !fds || !(c->f = calloc(p->nstages ? p->nstages : 1, sizeof *c->f))) {
        free(pids);
        free(fds);
        d->nomem = 1;
        return;
    }
    for (size_t i = 0; i < p->nstages; i++) {
        const np_stage *st = &p->stages[i];
        if (st->kind != NP_STAGE_FILTER || !np__filter_name_ok(st->name) ||
            find_filter(c, st->name))
            continue;
        filter_info *fi = &c->f[c->n];
        memset(fi, 0, sizeof *fi);
        if (!(fi->name = strdup(st->name))) {
            d->nomem = 1;
            break;
        }
        fds[c->n] = -1;
        c->n++;
        if (!(fi->exe = np__find_filter(st->name))) continue;
        /* A filter used without options has nothing to check against its list: spare the
         * process start. */
        int has_opts = 0;
        for (size_t j = i; j < p->nstages; j++)
            if (p->stages[j].kind == NP_STAGE_FILTER && !strcmp(p->stages[j].name, st->name) &&
                p->stages[j].nopts)
                has_opts = 1;
        if (!has_opts) {
            fi->ok = 1;
            continue;
        }
        char *argv[] = {fi->exe, "--options", NULL};
        if (np__proc_start(argv, NULL, &pids[c->n - 1], &fds[c->n - 1]) < 0) pids[c->n - 1] = 0;
    }
    for (size_t i = 0; i < c->n; i++) {
        if (!pids[i]) continue;
        np_buf out = {0};
        int status = -1;
        if (np__proc_finish(pids[i], fds[i], &out, 1 << 16, &status) == 0 && status == 0) {
            c->f[i].ok = 1;
            if (parse_options(&c->f[i], out.data ? out.data : "") < 0) d->nomem = 1;
        }
        np_buf_free(&out);
    }
    free(pids);
    free(fds);
}

static void free_cache(filter_cache *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->f[i].name);
        free(c->f[i].exe);
        for (size_t j = 0; j < c->f[i].nopts; j++) {
            free(c->f[i].opts[j].name);
            free(c->f[i].opts[j].kind);
        }
        free(c->f[i].opts);
    }
    free(c->f);
}

/* Suggests an installed filter close to a misspelt name. */
typedef struct {
    const char *typo;
    char best[80];
    size_t best_d;
} suggest;

static void suggest_filter(const char *name, const char *path, void *arg)
{
    (void)path;
    suggest *s = arg;
    size_t dd = distance(s->typo, name);
    if (close_enough(s->typo, name) && dd < s->best_d) {
        s->best_d = dd;
        snprintf(s->best, sizeof s->best, "%s", name);
    }
}

static void unknown_filter(const np_stage *st, np_diag *d)
{
    suggest s = {.typo = st->name, .best_d = 99};
    np__each_filter(suggest_filter, &s);
    const char *self = np__self_dir();
    if (s.best[0])
        np__diag_add(d, st->mark, NP_EX_CONFIG,
                     "unknown filter '%s' (did you mean '%s'?): no newspipe-%s next to "
                     "newspipe%s%s or in PATH",
                     st->name, s.best, st->name, self ? " in " : "", self ? self : "");
    else
        np__diag_add(d, st->mark, NP_EX_CONFIG,
                     "unknown filter '%s': no newspipe-%s next to newspipe%s%s or in PATH "
                     "(newspipe list shows the filters; use 'run: [...]' for other programs)",
                     st->name, st->name, self ? " in " : "", self ? self : "");
}

static void unknown_option(const np_stage *st, const np_stage_option *o, const filter_info *fi,
                           np_diag *d)
{
    const char *best = NULL;
    size_t best_d = 99;
    np_buf list = {0};
    for (size_t i = 0; i < fi->nopts; i++) {
        const char *name = fi->opts[i].name;
        int reserved = 0;
        for (size_t r = 0; r < sizeof RESERVED / sizeof *RESERVED; r++)
            if (!strcmp(RESERVED[r].name, name)) reserved = 1;
        if (reserved || strlen(name) == 1) continue;
        size_t dd = distance(o->key, name);
        if (close_enough(o->key, name) && dd < best_d) {
            best = name;
            best_d = dd;
        }
        if (list.len) np_buf_puts(&list, ", ");
        np_buf_puts(&list, name);
    }
    if (best)
        np__diag_add(d, o->key_mark, NP_EX_CONFIG,
                     "filter '%s' has no option '%s' (did you mean '%s'?)", st->name, o->key, best);
    else
        np__diag_add(d, o->key_mark, NP_EX_CONFIG, "filter '%s' has no option '%s' (it has: %s)",
                     st->name, o->key, list.data ? list.data : "none");
    np_buf_free(&list);
}

static int dir_exists(const char *path, int writable)
{
    char *copy = strdup(path);
    if (!copy) return 0;
    const char *dir = dirname(copy);
    struct stat st;
    int ok = stat(dir, &st) == 0 && S_ISDIR(st.st_mode) && (!writable || access(dir, W_OK) == 0);
    free(copy);
    return ok;
}

/* An option whose argument is a FILE must name one that can be read; the STATE file is
 * written, so its directory must exist and be writable. */
static void check_file_option(const np_pipeline *p, const np_stage_option *o, const filter_opt *fo,
                              np_diag *d)
{
    if (o->kind != NP_VAL_STRING || !fo->kind) return;
    int reads = !strcmp(fo->kind, "FILE");
    int writes = !strcmp(fo->kind, "STATE");
    if (!reads && !writes) return;
    char *path = np__path_join(p->dir, o->value);
    if (!path) {
        d->nomem = 1;
        return;
    }
    if (reads && access(path, R_OK) != 0)
        np__diag_add(d, o->value_mark, NP_EX_CONFIG, "%s file '%s': %s", o->key, path,
                     strerror(errno));
    if (writes && !dir_exists(path, 1))
        np__diag_add(d, o->value_mark, NP_EX_CONFIG,
                     "%s file '%s': its directory does not exist or is not writable", o->key, path);
    free(path);
}

static int push_arg(np_stage *st, const char *s, np_diag *d)
{
    char **v = realloc(st->argv, (st->argc + 2) * sizeof *v);
    if (!v) {
        d->nomem = 1;
        return -1;
    }
    st->argv = v;
    if (!(v[st->argc] = strdup(s))) {
        d->nomem = 1;
        return -1;
    }
    v[++st->argc] = NULL;
    return 0;
}

/* The CPUs this process may run on, as nproc(1) counts them (a cpuset or taskset limits
 * them), or else the online ones. */
static size_t cpu_count(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (size_t)CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

static int has_option(const filter_info *fi, const char *name)
{
    for (size_t i = 0; i < fi->nopts; i++)
        if (!strcmp(fi->opts[i].name, name)) return 1;
    return 0;
}

/* The value of `workers: N` or `workers: auto`: sets *n and returns 1 when the stage asks
 * for more than one process (auto always does, so that a file refused on a machine with more
 * CPUs is refused on every machine), 0 for one, -1 after reporting a bad value. */
static int workers_value(np_stage *st, const np_stage_option *o, uint64_t *n, np_diag *d)
{
    if (o->kind == NP_VAL_STRING && !strcmp(o->value, "auto")) {
        *n = cpu_count();
        if (*n > NP_WORKERS_MAX) *n = NP_WORKERS_MAX;
        return 1;
    }
    if (o->kind != NP_VAL_STRING || np_parse_uint(o->value, 1, NP_WORKERS_MAX, n) < 0) {
        np__diag_add(d, o->value_mark, NP_EX_CONFIG,
                     "stage '%s': workers must be a whole number from 1 to %d, or auto, not %s",
                     st->label, NP_WORKERS_MAX,
                     o->kind == NP_VAL_STRING ? o->value
                     : o->kind == NP_VAL_LIST ? "a list"
                                              : "true, false or nothing");
        return -1;
    }
    return *n > 1;
}

/* The stage option `workers: N` or `workers: auto`, which the runner takes for itself
 * (newspipe(1), WORKERS). More than one copy needs a filter that speaks the chunk protocol
 * (its --options lists `chunked`, as every filter built on the common driver does) and keeps
 * no state from one record to the next, or each copy would see only part of the stream. */
static void check_workers(np_stage *st, const np_stage_option *o, const filter_info *fi, np_diag *d)
{
    uint64_t n = 1;
    int many = workers_value(st, o, &n, d);
    if (many <= 0) {
        if (many == 0) st->workers = 1;
        return;
    }
    if (!has_option(fi, "chunked")) {
        np__diag_add(d, o->key_mark, NP_EX_CONFIG,
                     "stage '%s': '%s' cannot run as workers: its --options does not list "
                     "'chunked' (it was not built with newspipe's filter driver)",
                     st->label, st->exe ? st->exe : st->name);
        return;
    }
    if (fi->stateful || st->deferred) {
        char why[300];
        if (fi->stateful)
            snprintf(why, sizeof why,
                     "%s is stateful (its --options says so: a record's verdict depends on the "
                     "records before it)",
                     st->argv && st->argv[0] ? st->argv[0] : st->name);
        else
            snprintf(why, sizeof why, "the stage keeps state in '%s'",
                     st->state_file ? st->state_file : "?");
        np__diag_add(d, o->key_mark, NP_EX_CONFIG,
                     "stage '%s': workers: %s cannot be used: %s, and each copy would see only "
                     "part of the stream; it must run as one process",
                     st->label, o->value, why);
        return;
    }
    st->workers = n;
}

static void check_filter_stage(np_pipeline *p, np_stage *st, filter_cache *cache, np_diag *d)
{
    if (!np__filter_name_ok(st->name)) return; /* reported while loading */
    filter_info *fi = find_filter(cache, st->name);
    if (!fi) return; /* out of memory, recorded */
    if (!fi->exe) return unknown_filter(st, d);
    if (!fi->ok) {
        np__diag_add(d, st->mark, NP_EX_CONFIG,
                     "%s --options failed: it is not a newspipe filter or is broken", fi->exe);
        return;
    }
    if (!(st->exe = strdup(fi->exe))) {
        d->nomem = 1;
        return;
    }
    char argv0[96];
    snprintf(argv0, sizeof argv0, "newspipe-%s", st->name);
    if (push_arg(st, argv0, d) < 0) return;
    st->stateful = fi->stateful;
    const np_stage_option *workers = NULL;
    for (size_t i = 0; i < st->nopts; i++) {
        const np_stage_option *o = &st->opts[i];
        const char *why = NULL;
        if (!strcmp(o->key, "workers")) {
            workers = o; /* the runner's option, checked once the others are known */
            continue;
        }
        for (size_t r = 0; r < sizeof RESERVED / sizeof *RESERVED; r++)
            if (!strcmp(RESERVED[r].name, o->key)) why = RESERVED[r].why;
        if (why) {
            np__diag_add(d, o->key_mark, NP_EX_CONFIG, "option '%s' cannot be set here: %s", o->key,
                         why);
            continue;
        }
        const filter_opt *fo = NULL;
        for (size_t j = 0; j < fi->nopts; j++)
            if (!strcmp(fi->opts[j].name, o->key)) fo = &fi->opts[j];
        if (!fo) {
            unknown_option(st, o, fi, d);
            continue;
        }
        char flag[160];
        snprintf(flag, sizeof flag, "--%s", o->key);
        if (!fo->has_arg) {
            if (o->kind == NP_VAL_TRUE)
                push_arg(st, flag, d);
            else if (o->kind != NP_VAL_FALSE)
                np__diag_add(d, o->value_mark, NP_EX_CONFIG,
                             "option '%s' of '%s' is a flag: give it true or false", o->key,
                             st->name);
            continue;
        }
        const char *value = o->value;
        if (o->kind == NP_VAL_TRUE)
            value = "true";
        else if (o->kind == NP_VAL_FALSE)
            value = "false";
        if (!value) {
            np__diag_add(d, o->value_mark, NP_EX_CONFIG, "option '%s' of '%s' needs a value",
                         o->key, st->name);
            continue;
        }
        int state = fo->kind && !strcmp(fo->kind, "STATE");
        char sandboxed[4200];
        if (state && p->state_sandbox && o->kind == NP_VAL_STRING) {
            snprintf(sandboxed, sizeof sandboxed, "%s/state-%zu", p->state_sandbox,
                     (size_t)(st - p->stages) + 1);
            value = sandboxed;
        } else {
            check_file_option(p, o, fo, d);
        }
        if (push_arg(st, flag, d) < 0 || push_arg(st, value, d) < 0) return;
        if (state) {
            st->deferred = 1;
            free(st->state_file);
            if (!(st->state_file = strdup(value))) d->nomem = 1;
        }
    }
    if (workers) check_workers(st, workers, fi, d);
}

/* `run: {argv: [PROGRAM, ...], workers: N}`: a command runs as workers only when it is a
 * newspipe filter after all (a filter of one's own, called by its path), which its
 * --options answer says; an arbitrary command does not speak the chunk protocol. PROGRAM is
 * asked only when more than one worker is asked for. */
static void check_run_workers(np_pipeline *p, np_stage *st, const np_stage_option *o, np_diag *d)
{
    uint64_t n = 1;
    int many = workers_value(st, o, &n, d);
    if (many <= 0) {
        if (many == 0) st->workers = 1;
        return;
    }
    if (st->ncmd == 3 && !strcmp(st->cmd[0], "sh") && !strcmp(st->cmd[1], "-c")) {
        np__diag_add(d, o->key_mark, NP_EX_CONFIG,
                     "stage '%s': a shell command line cannot run as workers: give argv as a "
                     "list naming a newspipe filter",
                     st->label);
        return;
    }
    filter_info fi = {0};
    char *argv[] = {st->exe, "--options", NULL};
    np_buf out = {0};
    int status = -1;
    if (np__proc_run(argv, p->dir, &out, 1 << 16, &status) == 0 && status == 0)
        fi.ok = parse_options(&fi, out.data ? out.data : "") == 0;
    np_buf_free(&out);
    if (!fi.ok)
        np__diag_add(d, o->key_mark, NP_EX_CONFIG,
                     "stage '%s': '%s --options' failed: a command that is not a newspipe filter "
                     "cannot run as workers (it does not speak their protocol)",
                     st->label, st->exe);
    else
        check_workers(st, o, &fi, d);
    st->stateful = fi.stateful;
    for (size_t j = 0; j < fi.nopts; j++) {
        free(fi.opts[j].name);
        free(fi.opts[j].kind);
    }
    free(fi.opts);
}

static void check_run_stage(np_pipeline *p, np_stage *st, np_diag *d)
{
    if (!st->ncmd) return; /* already reported while loading */
    st->exe = np__find_command(st->cmd[0], p->dir);
    if (!st->exe) {
        np__diag_add(d, st->cmd_marks[0], NP_EX_CONFIG, "run: command '%s' not found%s", st->cmd[0],
                     strchr(st->cmd[0], '/') ? "" : " in PATH");
        return;
    }
    for (size_t i = 0; i < st->ncmd; i++)
        if (push_arg(st, st->cmd[i], d) < 0) return;
    const np_stage_option *workers = NULL;
    for (size_t i = 0; i < st->nopts; i++) {
        if (!strcmp(st->opts[i].key, "workers"))
            workers = &st->opts[i];
        else
            np__diag_add(d, st->opts[i].key_mark, NP_EX_CONFIG,
                         "'run' takes 'argv' and 'workers', not '%s' (the command's own options "
                         "go in argv)",
                         st->opts[i].key);
    }
    if (workers) check_run_workers(p, st, workers, d);
}

static void count_match(const char *path, void *arg)
{
    (void)path;
    (void)arg;
}

int np__expand_input(const char *pattern, void (*fn)(const char *path, void *arg), void *arg)
{
    if (!strcmp(pattern, "-")) {
        fn(pattern, arg);
        return 1;
    }
    if (!strpbrk(pattern, "*?[")) {
        struct stat st;
        if (stat(pattern, &st) != 0) return 0;
        fn(pattern, arg);
        return 1;
    }
    glob_t g;
    int rc = glob(pattern, GLOB_ERR, NULL, &g);
    if (rc == GLOB_NOSPACE) return -1;
    if (rc != 0) return 0;
    size_t n = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        struct stat st;
        if (stat(g.gl_pathv[i], &st) == 0 && S_ISDIR(st.st_mode)) continue;
        fn(g.gl_pathv[i], arg);
        n++;
    }
    globfree(&g);
    return (int)n;
}

/* Do paths a and b (b relative to dir) name one file: the same text, or the same inode? */
static int same_file(const char *a, const char *dir, const char *b, np_diag *d)
{
    char *full = np__path_join(dir, b);
    if (!full) {
        d->nomem = 1;
        return 0;
    }
    struct stat sa, sb;
    int same = !strcmp(a, full) || (stat(a, &sa) == 0 && stat(full, &sb) == 0 &&
                                    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino);
    free(full);
    return same;
}

/* The lock file is truncated to say who holds it: it must be no file the run reads or
 * writes, nor the lock a stage takes on its own state file. */
static void check_lock_file(np_pipeline *p, np_diag *d)
{
    const char *what = NULL, *why = "the lock is written with its holder, over what it held";
    for (size_t i = 0; i < p->ninputs && !what; i++)
        if (same_file(p->lock, NULL, p->inputs[i], d)) what = "an input";
    if (!what && p->output && strcmp(p->output, "-") && same_file(p->lock, NULL, p->output, d))
        what = "the output";
    if (!what && p->reject && same_file(p->lock, NULL, p->reject, d)) what = "the reject file";
    for (size_t i = 0; i < p->nstages && !what; i++) {
        const char *sf = p->stages[i].state_file;
        if (!sf) continue;
        char lk[4200];
        snprintf(lk, sizeof lk, "%s.lock", sf);
        if (same_file(p->lock, p->dir, sf, d)) {
            what = "a stage's state file";
        } else if (same_file(p->lock, p->dir, lk, d)) {
            what = "the lock of a stage's state file";
            why = "the stage could never take it while the run holds it";
        }
    }
    if (what)
        np__diag_add(d, p->lock_mark, NP_EX_CONFIG, "lock file '%s' is also %s: %s", p->lock, what,
                     why);
}

static void check_paths(np_pipeline *p, np_diag *d)
{
    for (size_t i = 0; i < p->ninputs; i++) {
        const char *in = p->inputs[i];
        np_mark at = p->input_marks ? p->input_marks[i] : p->input_mark;
        int n = np__expand_input(in, count_match, NULL);
        struct stat st;
        if (n < 0)
            d->nomem = 1;
        else if (n == 0)
            np__diag_add(d, at, NP_EX_NOINPUT, "input '%s': %s", in,
                         strpbrk(in, "*?[") ? "no file matches" : strerror(errno));
        else if (!strpbrk(in, "*?[") && strcmp(in, "-") && stat(in, &st) == 0 &&
                 S_ISDIR(st.st_mode))
            np__diag_add(d, at, NP_EX_NOINPUT, "input '%s' is a directory", in);
    }
    struct stat st;
    if (p->output && strcmp(p->output, "-")) {
        if (stat(p->output, &st) == 0 && S_ISDIR(st.st_mode))
            np__diag_add(d, p->output_mark, NP_EX_CANTCREAT, "output '%s' is a directory",
                         p->output);
        else if (!dir_exists(p->output, 1))
            np__diag_add(d, p->output_mark, NP_EX_CANTCREAT,
                         "output '%s': its directory does not exist or is not writable", p->output);
    }
    if (p->reject && !dir_exists(p->reject, 1))
        np__diag_add(d, p->reject_mark, NP_EX_CANTCREAT,
                     "reject file '%s': its directory does not exist or is not writable",
                     p->reject);
    if (p->lock && !dir_exists(p->lock, 0))
        np__diag_add(d, p->lock_mark, NP_EX_CANTCREAT,
                     "lock file '%s': its directory does not exist", p->lock);
    if (p->lock) check_lock_file(p, d);
}

/* "dedupe", or "cat#3" when the pipeline has more than one stage called cat. */
static void label_stages(np_pipeline *p, np_diag *d)
{
    for (size_t i = 0; i < p->nstages; i++) {
        np_stage *st = &p->stages[i];
        const char *base = st->name;
        if (st->kind == NP_STAGE_RUN && st->ncmd) {
            base = strrchr(st->cmd[0], '/');
            base = base ? base + 1 : st->cmd[0];
        }
        int dups = 0;
        for (size_t j = 0; j < p->nstages; j++) {
            const np_stage *o = &p->stages[j];
            const char *ob = o->name;
            if (o->kind == NP_STAGE_RUN && o->ncmd) {
                ob = strrchr(o->cmd[0], '/');
                ob = ob ? ob + 1 : o->cmd[0];
            }
            if (!strcmp(ob, base)) dups++;
        }
        char label[128];
        if (dups > 1)
            snprintf(label, sizeof label, "%s#%zu", base, i + 1);
        else
            snprintf(label, sizeof label, "%s", base);
        free(st->label);
        if (!(st->label = strdup(label))) d->nomem = 1;
    }
}

/* Reports what a filter said about its option values (lines "OPTION\tmessage" from
 * --parse-only), at the value it refused. */
static void report_values(const np_stage *st, const char *out, int status, np_diag *d)
{
    int said = 0;
    for (const char *p = out; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *tab = memchr(p, '\t', len);
        if (tab) {
            np_mark m = st->mark;
            for (size_t i = 0; i < st->nopts; i++)
                if (tab > p && strlen(st->opts[i].key) == (size_t)(tab - p) &&
                    !memcmp(st->opts[i].key, p, (size_t)(tab - p)))
                    m = st->opts[i].value_mark;
            np__diag_add(d, m, NP_EX_CONFIG, "%s: %.*s", st->name,
                         (int)(len - (size_t)(tab - p) - 1), tab + 1);
            said = 1;
        }
        p += len + (nl != NULL);
    }
    if (!said)
        np__diag_add(d, st->mark, NP_EX_CONFIG, "%s refused its options (%s --parse-only: %s %d)",
                     st->name, st->exe, status > 128 ? "signal" : "exit code",
                     status > 128 ? status - 128 : status);
}

/* Has every filter stage's program check the stage's option values itself (--parse-only: it
 * parses them as it would for a run, and exits), all at once. Only stages whose options
 * passed the other checks are asked. */
static void check_values(np_pipeline *p, const filter_cache *c, const unsigned char *clean,
                         np_diag *d)
{
    pid_t *pids = calloc(p->nstages ? p->nstages : 1, sizeof *pids);
    int *fds = calloc(p->nstages ? p->nstages : 1, sizeof *fds);
    if (!pids || !fds) {
        free(pids);
        free(fds);
        d->nomem = 1;
        return;
    }
    for (size_t i = 0; i < p->nstages; i++) {
        np_stage *st = &p->stages[i];
        const filter_info *fi = st->kind == NP_STAGE_FILTER ? find_filter(c, st->name) : NULL;
        if (!clean[i] || !fi || !fi->parse_only || !st->exe || !st->nopts || !st->argc) continue;
        char **argv = calloc(st->argc + 2, sizeof *argv);
        if (!argv) {
            d->nomem = 1;
            break;
        }
        argv[0] = st->exe;
        argv[1] = "--parse-only";
        for (size_t j = 1; j < st->argc; j++) argv[j + 1] = st->argv[j];
        if (np__proc_start(argv, p->dir, &pids[i], &fds[i]) < 0) pids[i] = 0;
        free(argv);
    }
    for (size_t i = 0; i < p->nstages; i++) {
        if (!pids[i]) continue;
        np_buf out = {0};
        int status = -1;
        if (np__proc_finish(pids[i], fds[i], &out, 1 << 16, &status) == 0 && status != 0)
            report_values(&p->stages[i], out.data ? out.data : "", status, d);
        np_buf_free(&out);
    }
    free(pids);
    free(fds);
}

static int check(np_pipeline *p, np_diag *d, int values)
{
    size_t before = d->n;
    filter_cache cache = {0};
    unsigned char *clean = calloc(p->nstages ? p->nstages : 1, 1);
    if (!clean) d->nomem = 1;
    label_stages(p, d);
    ask_filters(&cache, p, d);
    for (size_t i = 0; i < p->nstages; i++) {
        np_stage *st = &p->stages[i];
        size_t errors = d->n;
        if (st->kind == NP_STAGE_FILTER)
            check_filter_stage(p, st, &cache, d);
        else
            check_run_stage(p, st, d);
        if (clean) clean[i] = d->n == errors && !d->nomem;
    }
    if (values && clean) check_values(p, &cache, clean, d);
    free(clean);
    free_cache(&cache);
    check_paths(p, d);
    /* newspipe serve's keys are checked by check and serve; run and test ignore them. */
    if (p->serve && values) np__serve_conf_check(p->serve, d);
    return d->n > before || d->nomem ? -1 : 0;
}

int np__pipeline_check(np_pipeline *p, np_diag *d)
{
    return check(p, d, 0);
}

int np__pipeline_check_all(np_pipeline *p, np_diag *d)
{
    return check(p, d, 1);
}

int np__pipeline_open(np_pipeline *p, const char *file, const np_overrides *ov, int values)
{
    np_diag d;
    np__diag_init(&d, file);
    if (np__pipeline_load(p, file, &d) == 0) {
        /* Paths given on the command line are relative to the current directory and
         * replace the file's; a zero mark makes their errors name them, not a line. */
        if (ov && ov->ninputs) {
            for (size_t i = 0; i < p->ninputs; i++) free(p->inputs[i]);
            free(p->inputs);
            free(p->input_marks);
            p->input_marks = NULL;
            p->inputs = calloc(ov->ninputs, sizeof *p->inputs);
            p->ninputs = 0;
            for (size_t i = 0; p->inputs && i < ov->ninputs; i++)
                if ((p->inputs[p->ninputs] = strdup(ov->inputs[i]))) p->ninputs++;
            if (!p->inputs || p->ninputs != ov->ninputs) d.nomem = 1;
            p->input_mark = (np_mark){0, 0};
        }
        if (ov && ov->output) {
            free(p->output);
            if (!(p->output = strdup(ov->output))) d.nomem = 1;
            p->output_mark = (np_mark){0, 0};
        }
        if (!d.nomem) check(p, &d, values);
    }
    int code = np__diag_code(&d);
    if (code) np__diag_print(&d, stderr);
    np__diag_free(&d);
    return code;
}
