/* The processor: one batch at a time through a fresh chain of the pipeline's stages, then
 * the commit sequence (see serve.h). A failed run is retried with exponential backoff; a
 * batch whose stages keep exiting with an error code is moved to the failed/ directory
 * after batch.attempts runs. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomicfile.h"
#include "chain.h"
#include "commit.h"
#include "diagcap.h"
#include "exitcode.h"
#include "gunzip.h"
#include "json.h"
#include "serve.h"
#include "sink.h"

#define BACKOFF_FIRST_MS 100
#define MERGE_MAX        8 /* waiting queue batches run through one chain at most */
#define BACKOFF_MAX_MS   30000

enum { P_IDLE, P_RUNNING, P_BACKOFF, P_COMMIT_RETRY, P_STOPPED };

typedef struct {
    np_server *s;
    int state;
    np_sink sink;
    /* The batch in hand: one file, or several waiting batches from the queue run together
     * (their concatenation `joined` is then the chain's input). */
    char **files;
    uint64_t *inos;
    size_t nfiles;
    char *joined;
    char *name; /* its name in the output spool */
    uint64_t seq, in_lines, in_bytes;
    char *out_tmp;
    unsigned attempts, code_failures;
    char why[320];
    uint64_t t0;
    /* Its run: the stages' command lines and staged rejects (commit.h), and the chain. */
    np_txn txn;
    np_chain *chain;
    uv_timer_t retry, deadline, stop_timer;
    /* The stages' stderr lines logged, over all batches: max_diagnostics an hour, then
     * counts (each batch's chain caps its own run too, but a server runs for months). */
    np_diagcap stage_lines;
    time_t stage_lines_hour;
    void (*stop_done)(np_server *s);
    np_pipeline *reloaded; /* checked, waiting for the batch boundary */
} processor;

static processor *P(const np_server *s)
{
    return s->processor;
}

static void start_next(processor *b);

static const char *input_path(const processor *b)
{
    return b->joined ? b->joined : b->nfiles ? b->files[0] : "?";
}

/* Keeps the first n files of the batch (n < nfiles: the rest stay in the queue). */
static void keep_files(processor *b, size_t n)
{
    while (b->nfiles > n) free(b->files[--b->nfiles]);
    if (b->joined) {
        unlink(b->joined);
        free(b->joined);
        b->joined = NULL;
    }
}

static int add_file(processor *b, const char *path)
{
    char **v = realloc(b->files, (b->nfiles + 1) * sizeof *v);
    if (!v) return -1;
    b->files = v;
    uint64_t *w = realloc(b->inos, (b->nfiles + 1) * sizeof *w);
    if (!w) return -1;
    b->inos = w;
    if (!(v[b->nfiles] = strdup(path))) return -1;
    w[b->nfiles++] = 0;
    return 0;
}

/* One of the batch's files is out of the queue or spool (committed, set aside or gone). */
static void consumed_one(np_server *s)
{
    if (s->intake)
        np__intake_consumed(s);
    else if (s->src->consumed)
        s->src->consumed(s);
    else if (s->queued)
        s->queued--;
}

static void consumed(processor *b)
{
    for (size_t i = 0; i < b->nfiles; i++) consumed_one(b->s);
}

static uint64_t queue_seq_of(const char *path)
{
    const char *base = strrchr(path, '/');
    return strtoull(base ? base + 1 : path, NULL, 10);
}

static void clear_batch(processor *b)
{
    if (b->out_tmp) unlink(b->out_tmp);
    free(b->out_tmp);
    np__txn_end(&b->txn);
    keep_files(b, 0);
    free(b->files);
    free(b->inos);
    b->files = NULL;
    b->inos = NULL;
    free(b->name);
    b->out_tmp = b->name = NULL;
    b->attempts = b->code_failures = 0;
    b->why[0] = '\0';
}

np_stage_counters *np__serve_stage_counters(np_server *s, const char *label)
{
    np_serve_stats *st = &s->stats;
    for (size_t i = 0; i < st->nstages; i++)
        if (!strcmp(st->stages[i].label, label)) return &st->stages[i];
    np_stage_counters *v = realloc(st->stages, (st->nstages + 1) * sizeof *v);
    if (!v) return NULL;
    st->stages = v;
    np_stage_counters *c = &v[st->nstages];
    memset(c, 0, sizeof *c);
    if (!(c->label = strdup(label))) return NULL;
    st->nstages++;
    return c;
}

static uint64_t member_u64(const np_json_object *o, const char *key)
{
    const np_json_member *m = np_json_object_get(o, key);
    if (!m || m->type != NP_JSON_NUMBER) return 0;
    return strtoull(m->val, NULL, 10);
}

/* Adds a stage's --stats line to its counters. */
static void add_stats(np_stage_counters *c, const char *line)
{
    np_json_object o = {0};
    np_json_error err;
    if (np_json_parse_object(line, strlen(line), &o, &err) == NP_JSON_OK) {
        c->in += member_u64(&o, "in");
        c->out += member_u64(&o, "out");
        c->dropped += member_u64(&o, "dropped");
        c->rejected += member_u64(&o, "rejected");
        c->bytes_in += member_u64(&o, "bytes_in");
        c->bytes_out += member_u64(&o, "bytes_out");
    }
    np_json_object_free(&o);
}

static void stage_lines_summary(processor *b, int final)
{
    uint64_t k = np_diagcap_due(&b->stage_lines, final);
    if (k)
        np__serve_log(b->s, NP_LOG_WARNING,
                      "%" PRIu64 " more stage line%s not shown (max_diagnostics: %" PRIu64
                      " an hour)",
                      k, k == 1 ? "" : "s", b->stage_lines.limit);
}

static void stage_log(void *arg, const char *label, const char *line, size_t n)
{
    processor *b = arg;
    time_t now = time(NULL);
    b->stage_lines.limit = b->s->p->max_diag;
    if (now - b->stage_lines_hour >= 3600) {
        stage_lines_summary(b, 1);
        b->stage_lines.shown = 0;
        b->stage_lines_hour = now;
    }
    if (!np_diagcap_take(&b->stage_lines)) return stage_lines_summary(b, 0);
    np__serve_log(b->s, NP_LOG_WARNING, "[%s] %.*s", label, (int)(n > 4000 ? 4000 : n), line);
}

/* ---- picking the next batch ---------------------------------------------------------- */

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static int pick(processor *b)
{
    np_server *s = b->s;
    char path[4200], name[4200];
    if (s->src->next) {
        const char *next = s->src->next(s);
        if (!next) return 0;
        const char *base = strrchr(next, '/');
        b->seq = s->j.seq + 1;
        snprintf(name, sizeof name, "%016" PRIu64 "-%s", b->seq, base ? base + 1 : next);
        if (add_file(b, next) < 0 || !(b->name = strdup(name))) return -1;
        return 1;
    }
    /* The oldest waiting batches, up to MERGE_MAX of them: under a backlog one chain run
     * takes them all, which saves the stages' start-up and the commits per batch. */
    DIR *d = opendir(s->queue_dir);
    if (!d) return 0;
    struct dirent *e;
    char *names[256];
    size_t n = 0;
    int rc = 0;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l != 23 || strcmp(e->d_name + 16, ".ndjson") != 0 || e->d_name[0] == '.') continue;
        if (n == sizeof names / sizeof *names) {
            /* Keep the smallest names: replace the largest one if this is smaller. */
            qsort(names, n, sizeof *names, by_name);
            if (strcmp(e->d_name, names[n - 1]) >= 0) continue;
            free(names[--n]);
        }
        if (!(names[n] = strdup(e->d_name))) {
            rc = -1;
            break;
        }
        n++;
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, by_name);
    size_t take = n < MERGE_MAX ? n : MERGE_MAX;
    for (size_t i = 0; rc == 0 && i < take; i++) {
        snprintf(path, sizeof path, "%s/%s", s->queue_dir, names[i]);
        if (add_file(b, path) < 0) rc = -1;
    }
    if (rc == 0 && take) {
        b->seq = strtoull(names[take - 1], NULL, 10);
        if (!(b->name = strdup(names[0]))) rc = -1;
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    return rc < 0 ? -1 : take > 0;
}

/* Is the file at path gzip data (its first two bytes)? */
static int is_gzip(const char *path)
{
    unsigned char m[2];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t k = read(fd, m, 2);
    close(fd);
    return k == 2 && m[0] == NP_GZIP_MAGIC0 && m[1] == NP_GZIP_MAGIC1;
}

/* Copies fd's bytes to out, inflating them when gz (buf: 2 x 256 KiB of room); *last gets the
 * last byte written. Returns 0, -1 on a read, write or memory error, -2 when the gzip data is
 * truncated, -3 when it is corrupt. */
static int copy_text(int fd, int gz, int out, unsigned char *buf, char *last)
{
    enum { HALF = 1 << 18 };
    np_gunzip g;
    if (gz && np_gunzip_init(&g) < 0) return -1;
    unsigned char *text = buf + HALF;
    int rc = 0;
    for (int eof = 0; rc == 0 && !eof;) {
        ssize_t k = read(fd, buf, HALF);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) {
            rc = -1;
            break;
        }
        eof = k == 0;
        if (!gz) {
            if (k > 0) *last = (char)buf[k - 1];
            if (k > 0 && np_write_all(out, buf, (size_t)k) < 0) rc = -1;
            continue;
        }
        /* all of what was read, and at the end what zlib still holds */
        const unsigned char *in = buf;
        size_t n = (size_t)k;
        for (;;) {
            long got = np_gunzip_step(&g, &in, &n, text, HALF);
            if (got < 0) rc = -3;
            if (got < 0 || (got == 0 && n == 0)) break;
            if (got == 0) continue; /* a header or a member's end */
            *last = (char)text[got - 1];
            if (np_write_all(out, text, (size_t)got) < 0) {
                rc = -1;
                break;
            }
        }
    }
    if (gz) {
        if (rc == 0 && np_gunzip_truncated(&g)) rc = -2;
        np_gunzip_end(&g);
    }
    return rc;
}

/* Puts the batch's files, gzip ones inflated, into one file in the temporary directory (the
 * stages read it: a run: stage knows nothing of gzip, and the raw bytes of files of both
 * kinds would not make one stream). Returns 0, -1 on an I/O or memory error, or copy_text's
 * -2 or -3 for damaged gzip data (*bad: the file). */
static int join_files(processor *b, const char **bad)
{
    size_t n = strlen(b->s->tmp_dir) + 48;
    if (!(b->joined = malloc(n))) return -1;
    snprintf(b->joined, n, "%s/in-%" PRIu64, b->s->tmp_dir, b->seq);
    unlink(b->joined);
    int out = open(b->joined, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (out < 0) return -1;
    unsigned char *buf = malloc(1 << 19);
    int rc = buf ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < b->nfiles; i++) {
        int gz = is_gzip(b->files[i]);
        int in = open(b->files[i], O_RDONLY | O_CLOEXEC);
        if (in < 0) {
            rc = -1;
            break;
        }
        char last = '\n';
        rc = copy_text(in, gz, out, buf, &last);
        if (rc < -1) *bad = b->files[i];
        /* Queue batches end with a newline; make sure one line never runs into the next. */
        if (rc == 0 && last != '\n' && np_write_all(out, "\n", 1) < 0) rc = -1;
        close(in);
    }
    free(buf);
    if (close(out) < 0 && rc == 0) rc = -1;
    return rc;
}

/* ---- running it ------------------------------------------------------------------------ */

static void on_chain_done(np_chain *c, void *arg);

/* A timer ran out: stops the running batch's stages, if any, and says why (a batch stopped at
 * the shutdown is replayed at the next start; one over batch.timeout fails). */
static void stop_running(processor *b, int level, const char *why)
{
    if (b->state != P_RUNNING || !b->chain) return;
    np__serve_log(b->s, level, "batch %" PRIu64 " %s: stopping its stages%s", b->seq, why,
                  level == NP_LOG_ERR ? "" : "; it will be replayed at the next start");
    np__chain_shutdown(b->chain);
    np__chain_escalate(b->chain);
}

static void on_deadline(uv_timer_t *t)
{
    stop_running(t->data, NP_LOG_ERR, "is taking longer than batch.timeout");
}

static int open_tmp(const char *path)
{
    unlink(path); /* a stage orphaned by a crash may still hold the old one */
    return open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
}

static void fail(processor *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void quarantine(processor *b);

/* Ends the batch's output with a line end if its last line has none (a run: stage's output
 * of an input without one): the sink appends batches one after another, and a record must
 * not run into the next batch's first. Returns 0 or -1 (errno). */
static int end_line(const char *path)
{
    int fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC);
    if (fd < 0) return -1;
    char last = '\n';
    off_t size = lseek(fd, 0, SEEK_END);
    int rc = size < 0 ? -1 : 0;
    if (rc == 0 && size > 0 && pread(fd, &last, 1, size - 1) != 1) rc = -1;
    if (rc == 0 && last != '\n' && np_write_all(fd, "\n", 1) < 0) rc = -1;
    if (close(fd) < 0) rc = -1;
    return rc;
}

static void run_batch(processor *b)
{
    np_server *s = b->s;
    np_pipeline *p = s->p;
    struct stat st;
    for (size_t i = 0; i < b->nfiles; i++) {
        if (stat(b->files[i], &st) == 0) {
            b->inos[i] = (uint64_t)st.st_ino;
            continue;
        }
        /* Taken away (a spool file removed by someone): forget it. */
        np__serve_log(s, NP_LOG_WARNING, "batch %s: %s: skipped", b->files[i], strerror(errno));
        consumed_one(s);
        keep_files(b, i);
        break;
    }
    if (!b->nfiles) {
        clear_batch(b);
        b->state = P_IDLE;
        start_next(b);
        return;
    }
    b->attempts++;
    if ((b->nfiles > 1 || is_gzip(b->files[0])) && !b->joined) {
        const char *bad = NULL;
        int j = join_files(b, &bad);
        if (j < -1) {
            char why[PATH_MAX + 64];
            snprintf(why, sizeof why, "%s: %s gzip data", bad, j == -2 ? "truncated" : "corrupt");
            keep_files(b, b->nfiles); /* the partial joined file goes */
            /* Bad data, as a stage's exit code would say: set aside after batch.attempts. */
            b->code_failures++;
            fail(b, "%s", why);
            if (b->state == P_BACKOFF && b->code_failures >= s->sc->attempts_max) {
                uv_timer_stop(&b->retry);
                quarantine(b);
            }
            return;
        }
        if (j < 0) { /* no room for the joined file: this batch is its first file */
            keep_files(b, 1);
            b->seq = s->src->next ? b->seq : queue_seq_of(b->files[0]);
        }
    }
    int in_fd = open(input_path(b), O_RDONLY | O_CLOEXEC);
    if (in_fd < 0) return fail(b, "cannot open %s: %s", input_path(b), strerror(errno));
    if (np__count_lines(input_path(b), &b->in_lines, &b->in_bytes) < 0)
        b->in_lines = b->in_bytes = 0;
    b->t0 = uv_hrtime();
    if (!b->out_tmp && !(b->out_tmp = np__sink_tmp_path(&b->sink, s->tmp_dir, b->name))) {
        close(in_fd);
        return fail(b, "out of memory");
    }
    int out_fd = open_tmp(b->out_tmp);
    if (out_fd < 0) {
        close(in_fd);
        return fail(b, "cannot create %s: %s", b->out_tmp, strerror(errno));
    }
    char name[48];
    snprintf(name, sizeof name, "reject-%" PRIu64, b->seq);
    if (np__txn_begin(&b->txn, p, s->tmp_dir, name) < 0) {
        close(in_fd);
        close(out_fd);
        return fail(b, "cannot create a reject file in %s", s->tmp_dir);
    }
    const np_chain_stage *cs = np__txn_stages(&b->txn, 1);
    if (!cs) {
        close(in_fd);
        close(out_fd);
        return fail(b, "out of memory");
    }
    long long stop_ms = p->shutdown_ms / 10;
    np_chain_config cc = {.loop = s->loop,
                          .cwd = p->dir,
                          .stages = cs,
                          .n = p->nstages,
                          .in_fd = in_fd,
                          .out_fd = out_fd,
                          .shutdown_ms = stop_ms < 100 ? 100 : stop_ms,
                          .max_log_lines = p->max_diag,
                          .log_line = stage_log,
                          .done = on_chain_done,
                          .arg = b};
    b->state = P_RUNNING;
    int rc = np__chain_start(&b->chain, &cc);
    if (rc) {
        b->chain = NULL;
        return fail(b, "cannot start the stages: %s", uv_strerror(rc));
    }
    if (s->sc->timeout_ms > 0)
        uv_timer_start(&b->deadline, on_deadline, (uint64_t)s->sc->timeout_ms, 0);
    if (s->stopping && b->stop_done) {
        /* Stopping already: the chain gets what is left of the shutdown time. */
        np__chain_shutdown(b->chain);
    }
}

static void on_retry(uv_timer_t *t);

static void schedule_retry(processor *b, int state)
{
    unsigned k = b->attempts ? b->attempts - 1 : 0;
    uint64_t ms = BACKOFF_FIRST_MS;
    while (k-- && ms < BACKOFF_MAX_MS) ms *= 2;
    if (ms > BACKOFF_MAX_MS) ms = BACKOFF_MAX_MS;
    b->state = state;
    uv_timer_start(&b->retry, on_retry, ms, 0);
}

static void stopped(processor *b)
{
    b->state = P_STOPPED;
    uv_timer_stop(&b->retry);
    uv_timer_stop(&b->deadline);
    uv_timer_stop(&b->stop_timer);
    if (b->stop_done) {
        void (*done)(np_server *) = b->stop_done;
        b->stop_done = NULL;
        done(b->s);
    }
}

static void fail(processor *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b->why, sizeof b->why, fmt, ap);
    va_end(ap);
    b->s->stats.batch_failures++;
    np__serve_log(b->s, NP_LOG_ERR, "batch %" PRIu64 " (%s%s) failed (attempt %u): %s", b->seq,
                  b->nfiles ? b->files[0] : "?", b->nfiles > 1 ? " and the batches after it" : "",
                  b->attempts, b->why);
    if (b->nfiles > 1) {
        /* Run together, the batches failed: go on with the first alone, so that one bad
         * batch holds up (or is set aside) by itself. */
        keep_files(b, 1);
        b->seq = queue_seq_of(b->files[0]);
    }
    if (b->out_tmp) unlink(b->out_tmp);
    np__txn_end(&b->txn);
    if (b->s->stopping) {
        /* Left where it is: the next start replays it. */
        clear_batch(b);
        return stopped(b);
    }
    schedule_retry(b, P_BACKOFF);
}

/* Moves a batch that keeps failing out of the way (it is kept, not lost). */
static void quarantine(processor *b)
{
    np_server *s = b->s;
    char dest[4200];
    const char *path = b->files[0];
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(dest, sizeof dest, "%s/%s", s->failed_dir, b->name ? b->name : base);
    if (rename(path, dest) < 0 || np_fsync_dir_of(dest) < 0 || np_fsync_dir_of(path) < 0) {
        np__serve_log(s, NP_LOG_ERR, "cannot move %s to %s: %s", path, dest, strerror(errno));
        schedule_retry(b, P_BACKOFF);
        return;
    }
    np__serve_log(s, NP_LOG_ERR,
                  "batch %" PRIu64 " failed %u times (%s): moved to %s; the server goes on with "
                  "the next batch",
                  b->seq, b->code_failures, b->why, dest);
    s->stats.quarantined++;
    consumed(b);
    clear_batch(b);
    b->state = P_IDLE;
    start_next(b);
}

/* ---- committing ------------------------------------------------------------------------ */

/* Runs the state commits in j.commits. Returns 0, or -1 (why in msg). */
static int commit_states(np_server *s, char *msg, size_t len)
{
    for (size_t i = 0; i < s->j.ncommits; i++) {
        char *line = strdup(s->j.commits[i]);
        if (!line) {
            snprintf(msg, len, "out of memory");
            return -1;
        }
        char *tab = strchr(line, '\t');
        *tab = '\0';
        int status = 0;
        int rc = np__commit_state(line, tab + 1, NULL, &status);
        if (rc < 0 || status != 0) {
            snprintf(msg, len, "%s --commit %s: %s %d", line, tab + 1,
                     rc < 0 ? "cannot run it: errno" : "exit status", rc < 0 ? errno : status);
            free(line);
            return -1;
        }
        free(line);
    }
    return 0;
}

/* Takes the batch file out of its source: deleted from the queue, or moved to done/ (or
 * deleted) from a spool. Returns 0 or -1. */
static int commit_source(np_server *s, const char *path, uint64_t ino, char *msg, size_t len)
{
    struct stat st;
    if (stat(path, &st) < 0 || (uint64_t)st.st_ino != ino) return 0; /* already done */
    if (s->done_dir) {
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        char dest[4200];
        snprintf(dest, sizeof dest, "%s/%s", s->done_dir, base);
        for (int i = 1; i < 10000 && lstat(dest, &st) == 0; i++)
            snprintf(dest, sizeof dest, "%s/%s.%d", s->done_dir, base, i);
        if (rename(path, dest) < 0 || np_fsync_dir_of(dest) < 0) {
            snprintf(msg, len, "cannot move %.200s to %.200s: %s", path, dest, strerror(errno));
            return -1;
        }
    } else if (unlink(path) < 0) {
        snprintf(msg, len, "cannot remove %s: %s", path, strerror(errno));
        return -1;
    }
    if (np_fsync_dir_of(path) < 0) {
        snprintf(msg, len, "%s: fsync of its directory: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* The part of the commit after the output: state, source, journal DONE. */
static int finish_commit(np_server *s, char *msg, size_t len)
{
    if (commit_states(s, msg, len) < 0) return -1;
    for (size_t i = 0; i < s->j.nsrcs; i++)
        if (commit_source(s, s->j.srcs[i], s->j.src_inos[i], msg, len) < 0) return -1;
    s->j.phase = NP_JOURNAL_DONE;
    np__journal_clear_srcs(&s->j);
    np__journal_set_commits(&s->j, NULL, 0);
    if (np__journal_save(&s->j, s->state_dir) < 0) {
        snprintf(msg, len, "cannot write the journal: %s", strerror(errno));
        return -1;
    }
    return 0;
}

int np__batch_recover(np_server *s)
{
    if (s->j.phase != NP_JOURNAL_OUTPUT) return 0;
    char msg[512];
    np__serve_log(s, NP_LOG_INFO,
                  "finishing the commit of batch %" PRIu64 " that a crash interrupted", s->j.seq);
    /* A stage orphaned by the crash may hold a state lock for a moment. */
    for (int i = 0; i < 100; i++) {
        if (finish_commit(s, msg, sizeof msg) == 0) return 0;
        usleep(100000);
    }
    np__serve_log(s, NP_LOG_ERR, "cannot finish the commit of batch %" PRIu64 ": %s", s->j.seq,
                  msg);
    return -1;
}

static void done_batch(processor *b, uint64_t out_lines)
{
    np_server *s = b->s;
    s->stats.batches++;
    s->stats.records_in += b->in_lines;
    s->stats.records_out += out_lines;
    s->stats.batch_seconds += (double)(uv_hrtime() - b->t0) / 1e9;
    consumed(b);
    clear_batch(b);
    b->state = P_IDLE;
}

static void on_commit_retry(processor *b)
{
    char msg[512];
    if (finish_commit(b->s, msg, sizeof msg) < 0) {
        np__serve_log(b->s, NP_LOG_ERR, "batch %" PRIu64 ": output committed, but: %s (retrying)",
                      b->seq, msg);
        snprintf(b->why, sizeof b->why, "%.300s", msg);
        b->attempts++;
        if (b->s->stopping) {
            /* The journal says OUTPUT: the next start finishes it. */
            clear_batch(b);
            return stopped(b);
        }
        return schedule_retry(b, P_COMMIT_RETRY);
    }
    done_batch(b, 0);
    if (b->s->stopping) return stopped(b);
    start_next(b);
}

static void commit(processor *b)
{
    np_server *s = b->s;
    np_pipeline *p = s->p;
    char msg[512] = "";
    np_jfile out0 = s->j.out, rej0 = s->j.rej;
    uint64_t out_lines = 0;
    char *rotated = NULL;
    if (np__sink_rotate(&b->sink, &s->j.out, &rotated, msg, sizeof msg) < 0) {
        free(rotated);
        return fail(b, "%s", msg);
    }
    int did_rotate = rotated != NULL;
    if (rotated) {
        np__serve_log(s, NP_LOG_INFO, "rotated %s to %s", b->sink.path, rotated);
        free(rotated);
    }
    /* The journal must know every file before the first byte is appended to it (a new
     * file, a rotated one, one that replaced the file it knew): a crash during the append
     * is then cut off at the next start, never kept beside the batch's replay. */
    int rej_new = 0, out_new = 0;
    if ((b->txn.reject_tmp &&
         np__append_prepare(p->reject, &s->j.rej, &rej_new, msg, sizeof msg) < 0) ||
        np__sink_prepare(&b->sink, &s->j.out, &out_new, msg, sizeof msg) < 0) {
        s->j.out = out0;
        s->j.rej = rej0;
        return fail(b, "%s", msg);
    }
    if (did_rotate || rej_new || out_new) {
        if (np__journal_save(&s->j, s->state_dir) < 0) {
            s->j.out = out0;
            s->j.rej = rej0;
            return fail(b, "cannot write the journal: %s", strerror(errno));
        }
        out0 = s->j.out;
        rej0 = s->j.rej;
    }
    if (b->txn.reject_tmp &&
        np__append_commit(p->reject, b->txn.reject_tmp, &s->j.rej, NULL, msg, sizeof msg) < 0) {
        s->j.rej = rej0;
        return fail(b, "%s", msg);
    }
    if (np__sink_commit(&b->sink, b->out_tmp, b->name, &s->j.out, &out_lines, msg, sizeof msg) <
        0) {
        s->j.out = out0;
        s->j.rej = rej0;
        return fail(b, "%s", msg);
    }
    /* The deferred states to commit, with absolute paths (the journal outlives the pipeline
     * file's current contents). */
    char **commits = NULL;
    size_t nc = 0;
    int jr = np__txn_state_commits(&b->txn, &commits, &nc);
    s->j.seq = b->seq;
    s->j.phase = NP_JOURNAL_OUTPUT;
    s->j.batches++;
    s->j.records_in += b->in_lines;
    s->j.records_out += out_lines;
    np__journal_clear_srcs(&s->j);
    for (size_t i = 0; jr == 0 && i < b->nfiles; i++)
        jr = np__journal_add_src(&s->j, b->files[i], b->inos[i]);
    if (jr == 0) jr = np__journal_set_commits(&s->j, commits, nc);
    if (jr == 0) jr = np__journal_save(&s->j, s->state_dir);
    for (size_t i = 0; i < nc; i++) free(commits[i]);
    free(commits);
    if (jr < 0) {
        s->j.phase = NP_JOURNAL_DONE;
        s->j.batches--;
        s->j.records_in -= b->in_lines;
        s->j.records_out -= out_lines;
        s->j.out = out0;
        s->j.rej = rej0;
        np__journal_clear_srcs(&s->j);
        np__journal_set_commits(&s->j, NULL, 0);
        return fail(b, "cannot write the journal: %s", strerror(errno));
    }
    /* From here on the batch is delivered; what is left can only be retried. */
    if (finish_commit(s, msg, sizeof msg) < 0) {
        np__serve_log(s, NP_LOG_ERR, "batch %" PRIu64 ": output committed, but: %s (retrying)",
                      b->seq, msg);
        snprintf(b->why, sizeof b->why, "%.300s", msg);
        if (s->stopping) {
            clear_batch(b);
            return stopped(b);
        }
        return schedule_retry(b, P_COMMIT_RETRY);
    }
    done_batch(b, out_lines);
    if (s->stopping) return stopped(b);
    start_next(b);
}

static void on_chain_done(np_chain *c, void *arg)
{
    processor *b = arg;
    np_server *s = b->s;
    uv_timer_stop(&b->deadline);
    size_t culprit = 0;
    int pipe_out = 0;
    int verdict = np__chain_verdict(c, &culprit, &pipe_out);
    char how[256] = "";
    int code_failure = 0;
    if (verdict) {
        np__chain_describe(c, culprit, how, sizeof how);
        const np_stage_status *st = np__chain_status(c, culprit);
        /* A stage that exits with an error code (other than "try again later") blames the
         * batch; one killed by a signal blames nothing in it. */
        code_failure = st->started && !st->term_signal && st->exit_status != NP_EX_TEMPFAIL;
        np_stage_counters *sc = np__serve_stage_counters(s, b->txn.stages[culprit].label);
        if (sc) sc->restarts++;
        for (int k = 0; k < NP_TAIL_LINES; k++)
            if (st->tail[k])
                np__serve_log(s, NP_LOG_ERR, "  [%s] %s", b->txn.stages[culprit].label,
                              st->tail[k]);
    } else {
        for (size_t i = 0; i < b->txn.n; i++) {
            const np_stage_status *st = np__chain_status(c, i);
            np_stage_counters *sc = np__serve_stage_counters(s, b->txn.stages[i].label);
            if (!sc) continue;
            sc->seconds += st->seconds;
            if (st->stats)
                add_stats(sc, st->stats);
            else {
                /* A `run:` stage says nothing: count what went in and out of the chain
                 * where that is known. */
                if (i == 0) sc->in += b->in_lines;
            }
        }
    }
    char label[128];
    snprintf(label, sizeof label, "%s", verdict ? b->txn.stages[culprit].label : "");
    np__txn_ended(&b->txn, c);
    np__chain_free(c);
    b->chain = NULL;
    if (verdict) {
        if (code_failure) b->code_failures++;
        fail(b, "stage %zu (%s) %s", culprit + 1, label, how);
        if (code_failure && b->state == P_BACKOFF && b->code_failures >= s->sc->attempts_max) {
            uv_timer_stop(&b->retry);
            quarantine(b);
        }
        return;
    }
    if (end_line(b->out_tmp) < 0)
        return fail(b, "cannot complete %s: %s", b->out_tmp, strerror(errno));
    commit(b);
}

static void on_retry(uv_timer_t *t)
{
    processor *b = t->data;
    if (b->state == P_COMMIT_RETRY) return on_commit_retry(b);
    if (b->state == P_BACKOFF) {
        np__serve_log(b->s, NP_LOG_INFO, "batch %" PRIu64 ": running it again (attempt %u)", b->seq,
                      b->attempts + 1);
        run_batch(b);
    }
}

/* Between batches: switches to a reloaded pipeline if one waits. */
static void apply_reload(processor *b)
{
    np_server *s = b->s;
    if (!b->reloaded) return;
    np_pipeline *old = s->p;
    s->p = b->reloaded;
    s->sc = s->p->serve;
    b->reloaded = NULL;
    np__pipeline_free(old);
    free(old);
    np__serve_log(s, NP_LOG_INFO, "reloaded: now running %zu stage%s", s->p->nstages,
                  s->p->nstages == 1 ? "" : "s");
}

static void start_next(processor *b)
{
    np_server *s = b->s;
    if (b->state != P_IDLE) return;
    if (s->stopping) return stopped(b);
    apply_reload(b);
    int r = pick(b);
    if (r < 0) {
        np__serve_log(s, NP_LOG_ERR, "out of memory");
        clear_batch(b);
        return;
    }
    if (r == 0) return;
    run_batch(b);
}

/* ---- the interface --------------------------------------------------------------------- */

int np__batch_init(np_server *s)
{
    processor *b = calloc(1, sizeof *b);
    if (!b) return -1;
    b->s = s;
    const np_serve_conf *sc = s->sc;
    /* The sink cannot change on reload, but the pipeline holding its path can: copy it. */
    const char *path = NULL;
    if (sc->sink == NP_SINK_SPOOL) {
        b->sink.kind = NP_OUT_SPOOL;
        path = sc->sink_path;
    } else if (sc->sink == NP_SINK_FILE) {
        b->sink.kind = NP_OUT_FILE;
        path = sc->sink_path;
        b->sink.rotate_size = sc->rotate_size;
        b->sink.rotate_secs = sc->rotate_secs;
    } else if (sc->sink == NP_SINK_REDIS) {
        b->sink.kind = NP_OUT_REDIS;
        if (!(b->sink.redis = np__redis_out_new(&sc->rout))) {
            free(b);
            return -1;
        }
    } else if (strcmp(s->p->output, "-") != 0) {
        b->sink.kind = NP_OUT_FILE;
        path = s->p->output;
    } else {
        b->sink.kind = NP_OUT_STDOUT;
    }
    if (path && !(b->sink.path = strdup(path))) {
        free(b);
        return -1;
    }
    uv_timer_init(s->loop, &b->retry);
    uv_timer_init(s->loop, &b->deadline);
    uv_timer_init(s->loop, &b->stop_timer);
    b->retry.data = b->deadline.data = b->stop_timer.data = b;
    s->processor = b;
    np__sink_clean(&b->sink);
    /* Sink and reject files back to what the journal says is committed. */
    char msg[512];
    if (b->sink.kind == NP_OUT_FILE) {
        if (np__append_recover(b->sink.path, &s->j.out, msg, sizeof msg) < 0) {
            np__serve_log(s, NP_LOG_ERR, "%s", msg);
            return -1;
        }
        if (msg[0]) np__serve_log(s, NP_LOG_INFO, "%s", msg);
    }
    if (s->p->reject) {
        struct stat st;
        if (!(stat(s->p->reject, &st) == 0 && !S_ISREG(st.st_mode))) {
            if (np__append_recover(s->p->reject, &s->j.rej, msg, sizeof msg) < 0) {
                np__serve_log(s, NP_LOG_ERR, "%s", msg);
                return -1;
            }
            if (msg[0]) np__serve_log(s, NP_LOG_INFO, "%s", msg);
        }
    }
    return 0;
}

void np__batch_kick(np_server *s)
{
    processor *b = P(s);
    if (b && b->state == P_IDLE) start_next(b);
}

static void drop_reloaded(processor *b)
{
    if (!b->reloaded) return;
    np__pipeline_free(b->reloaded);
    free(b->reloaded);
    b->reloaded = NULL;
}

void np__batch_reload(np_server *s, np_pipeline *p)
{
    processor *b = P(s);
    if (!b) {
        np__pipeline_free(p);
        free(p);
        return;
    }
    drop_reloaded(b);
    b->reloaded = p;
    if (np__batch_idle(s))
        apply_reload(b);
    else
        np__serve_log(s, NP_LOG_INFO, "reload checked: it applies from the next batch");
}

int np__batch_idle(const np_server *s)
{
    const processor *b = P(s);
    return !b || b->state == P_IDLE || b->state == P_STOPPED;
}

unsigned np__batch_failures(const np_server *s, const char **why)
{
    const processor *b = P(s);
    *why = b && b->why[0] ? b->why : "";
    if (!b || (b->state != P_BACKOFF && b->state != P_COMMIT_RETRY && b->state != P_RUNNING))
        return 0;
    return b->state == P_RUNNING ? (b->attempts > 1 ? b->attempts - 1 : 0) : b->attempts;
}

static void on_stop_timer(uv_timer_t *t)
{
    stop_running(t->data, NP_LOG_WARNING, "has not finished within the shutdown time");
}

void np__batch_stop(np_server *s, void (*done)(np_server *s))
{
    processor *b = P(s);
    if (!b) return done(s);
    if (b->stop_done && b->state == P_RUNNING) {
        /* Asked twice: stop the stages now. */
        uv_timer_stop(&b->stop_timer);
        return on_stop_timer(&b->stop_timer);
    }
    b->stop_done = done;
    switch (b->state) {
    case P_RUNNING: {
        /* Let it finish and commit, within most of shutdown_timeout. */
        uint64_t ms = (uint64_t)(s->p->shutdown_ms * 8 / 10);
        uv_timer_start(&b->stop_timer, on_stop_timer, ms, 0);
        return;
    }
    case P_COMMIT_RETRY: uv_timer_stop(&b->retry); return on_commit_retry(b);
    case P_BACKOFF: clear_batch(b); /* fall through */
    default: stopped(b);
    }
}

static void on_closed(uv_handle_t *h)
{
    /* The timers close in order; the last one releases the processor. */
    processor *b = h->data;
    if (h == (uv_handle_t *)&b->stop_timer) {
        drop_reloaded(b);
        free(b->sink.path);
        np__redis_out_free(b->sink.redis);
        free(b);
    }
}

void np__batch_free(np_server *s)
{
    processor *b = P(s);
    if (!b) return;
    stage_lines_summary(b, 1);
    s->processor = NULL;
    clear_batch(b);
    uv_close((uv_handle_t *)&b->retry, NULL);
    uv_close((uv_handle_t *)&b->deadline, NULL);
    uv_close((uv_handle_t *)&b->stop_timer, on_closed);
}
