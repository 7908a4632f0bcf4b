/* `newspipe serve FILE`: the long-lived server. Loads and checks the pipeline, takes the
 * state directory's lock, finishes what a crash left half-done, starts the source, the
 * processor and the metrics endpoint, speaks sd_notify, and handles signals:
 *   SIGTERM/SIGINT  stop intake, let the batch in hand finish and commit (within most of
 *                   shutdown_timeout; else its stages are stopped and it is replayed at the
 *                   next start), exit 0; a second signal stops the batch at once;
 *   SIGHUP          re-read and check the file; if it passes, the next batch runs the new
 *                   stages; if not, or if it changes what cannot change while running
 *                   (input, output, state_dir, metrics), the old pipeline keeps running. */
#include "serve.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "cli.h"
#include "exitcode.h"
#include "findprog.h"
#include "lock.h"
#include "notify.h"

#define STATUS_MS 2000

typedef struct {
    np_server s;
    np_notify notify;
    uv_signal_t sigs[3];
    uv_timer_t status_timer;
    int second_signal;
    char last_status[256];
    char *const *requeue; /* --requeue: the batch files to put back, instead of serving */
    size_t nrequeue;
} server_main;

static server_main *M(np_server *s)
{
    return (server_main *)s;
}

/* A listener other hosts can reach (serve_conf.h), said at every start. */
static void log_exposed(void *arg, np_mark m, const char *key, const char *addr)
{
    (void)m;
    np__serve_log(arg, NP_LOG_WARNING, "%s: %s", key, np__serve_exposed_why(key, addr));
}

/* ---- loading ----------------------------------------------------------------------------- */

/* Loads and checks file into p; prints every error. Returns 0 or the exit code. */
static int load(np_pipeline *p, const char *file)
{
    np_diag d;
    np__diag_init(&d, file);
    if (np__pipeline_load(p, file, &d) == 0 && !d.nomem) {
        np__pipeline_check(p, &d);
        if (p->serve) np__serve_conf_check(p->serve, &d);
    }
    int code = np__diag_code(&d);
    if (code) np__diag_print(&d, stderr);
    np__diag_free(&d);
    return code;
}

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* What a reload cannot change, or NULL when nothing of it changed. */
static const char *fixed_change(const np_pipeline *a, const np_pipeline *b)
{
    const np_serve_conf *x = a->serve, *y = b->serve;
    if (!y || x->src != y->src || !same_str(x->src_path, y->src_path) ||
        !same_str(x->done_dir, y->done_dir) || x->done_remove != y->done_remove ||
        x->socket_mode != y->socket_mode || !same_str(x->socket_group, y->socket_group) ||
        (x->src == NP_SRC_REDIS && !np__redis_conf_same(&x->rin, &y->rin)))
        return "input";
    if (x->sink != y->sink || !same_str(x->sink_path, y->sink_path) ||
        x->rotate_size != y->rotate_size || x->rotate_secs != y->rotate_secs ||
        !same_str(a->output, b->output) ||
        (x->sink == NP_SINK_REDIS && !np__redis_conf_same(&x->rout, &y->rout)))
        return "output";
    if (!same_str(x->state_dir, y->state_dir)) return "state_dir";
    if (!same_str(x->metrics, y->metrics)) return "metrics";
    if (!same_str(a->reject, b->reject)) return "reject";
    return NULL;
}

static void reload(np_server *s)
{
    server_main *m = M(s);
    np__notify_send(&m->notify, "RELOADING=1\nMONOTONIC_USEC=%" PRIu64 "\nSTATUS=reloading %s",
                    np__notify_monotonic_usec(), s->file);
    np__serve_log(s, NP_LOG_INFO, "SIGHUP: reloading %s", s->file);
    np_pipeline *np = calloc(1, sizeof *np);
    int code = np ? load(np, s->file) : NP_EX_SOFTWARE;
    const char *fixed = NULL;
    if (!code && (!np->serve || np->serve->src == NP_SRC_NONE))
        fixed = "input";
    else if (!code)
        fixed = fixed_change(s->p, np);
    if (code || fixed) {
        if (code)
            np__serve_log(s, NP_LOG_ERR,
                          "reload refused: %s has errors (above); still running the previous "
                          "pipeline",
                          s->file);
        else
            np__serve_log(s, NP_LOG_ERR,
                          "reload refused: '%s' changed, which needs a restart; still running "
                          "the previous pipeline",
                          fixed);
        s->stats.reload_failures++;
        if (np) np__pipeline_free(np);
        free(np);
        np__notify_send(&m->notify,
                        "READY=1\nSTATUS=reload refused (%s); running the previous "
                        "pipeline",
                        code ? "errors in the file" : fixed);
        return;
    }
    s->stats.reloads++;
    np__batch_reload(s, np);
    np__notify_send(&m->notify, "READY=1\nSTATUS=reloaded");
}

/* ---- stopping ---------------------------------------------------------------------------- */

static void close_all(np_server *s)
{
    server_main *m = M(s);
    for (int i = 0; i < 3; i++) uv_close((uv_handle_t *)&m->sigs[i], NULL);
    uv_close((uv_handle_t *)&m->status_timer, NULL);
    np__http_close(s);
    np__notify_close(&m->notify);
    np__intake_close(s);
    np__batch_free(s);
    s->src->free(s);
}

static void processor_stopped(np_server *s)
{
    np__serve_log(s, NP_LOG_INFO,
                  "stopped: %" PRIu64 " batches, %" PRIu64 " records in, %" PRIu64
                  " out since the start",
                  s->stats.batches, s->stats.records_in, s->stats.records_out);
    close_all(s);
}

static void source_stopped(np_server *s)
{
    np__batch_stop(s, processor_stopped);
}

static void begin_stop(np_server *s, const char *why)
{
    server_main *m = M(s);
    if (s->stopping) return;
    s->stopping = 1;
    np__notify_send(&m->notify, "STOPPING=1\nSTATUS=stopping (%s)", why);
    np__serve_log(s, NP_LOG_INFO, "%s: stopping: intake closed, finishing the batch in hand", why);
    s->src->stop(s, source_stopped);
}

/* s->fail: the intake cannot write its queue (74: a restart salvages what was read). */
static void serve_fail(np_server *s, int code, const char *why)
{
    /* Also while stopping (the last cut failed): exit 0 would say all read was queued. */
    if (!s->stop_code) s->stop_code = code;
    if (s->stopping) return;
    begin_stop(s, why);
}

/* A signal that arrives while the server is still starting (loading the file, asking the
 * filters for their options, recovering a crashed run) would otherwise take the default
 * action and kill it with nothing wrong: it is noted here and acted on once the loop's own
 * handlers are in place. Handlers do not survive exec, so stages start with the defaults. */
static volatile sig_atomic_t early_signal;

static void note_early_signal(int signum)
{
    if (early_signal != SIGTERM && early_signal != SIGINT) early_signal = signum;
}

static void catch_early_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = note_early_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static void on_signal(uv_signal_t *h, int signum)
{
    np_server *s = h->data;
    if (signum == SIGHUP) {
        if (!s->stopping) reload(s);
        return;
    }
    if (s->stopping) {
        np__serve_log(s, NP_LOG_WARNING, "second signal: stopping the batch in hand now");
        np__batch_stop(s, processor_stopped);
        return;
    }
    begin_stop(s, signum == SIGTERM ? "SIGTERM" : "SIGINT");
}

static void on_status(uv_timer_t *t)
{
    np_server *s = t->data;
    server_main *m = M(s);
    const char *why;
    unsigned failing = np__batch_failures(s, &why);
    char status[256];
    if (failing)
        snprintf(status, sizeof status, "retrying a batch (%u failures): %.150s", failing, why);
    else
        snprintf(status, sizeof status,
                 "%" PRIu64 " batches, %" PRIu64 " records in, %" PRIu64 " out; %" PRIu64 " queued",
                 s->stats.batches, s->stats.records_in, s->stats.records_out, s->queued);
    if (strcmp(status, m->last_status) != 0) {
        np__notify_send(&m->notify, "STATUS=%s", status);
        snprintf(m->last_status, sizeof m->last_status, "%s", status);
    }
}

/* ---- starting ---------------------------------------------------------------------------- */

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/%s", a, b);
    return p;
}

static int make_dir(np_server *s, const char *path)
{
    if (mkdir(path, 0755) == 0 || errno == EEXIST) return 0;
    np__serve_log(s, NP_LOG_ERR, "cannot create %s: %s", path, strerror(errno));
    return -1;
}

/* Stages run with NEWSPIPE_SERVE_STATE=<state dir> in their environment. A server killed
 * with SIGKILL leaves its stages running (they lead their own process groups); the next
 * server on the same directory (the lock says there is no other) stops them before it
 * replays their batch, so that none of them can write a stage's state after it. */
static void kill_orphans(np_server *s, const char *state_dir)
{
    char want[4200];
    int wn = snprintf(want, sizeof want, "NEWSPIPE_SERVE_STATE=%s", state_dir);
    DIR *d = opendir("/proc");
    if (!d) return;
    struct dirent *e;
    char *env = malloc(1 << 16);
    int killed = 0;
    while (env && (e = readdir(d))) {
        char *end;
        long pid = strtol(e->d_name, &end, 10);
        if (*end || pid <= 1 || pid == (long)getpid()) continue;
        char path[64];
        snprintf(path, sizeof path, "/proc/%ld/environ", pid);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        ssize_t n = read(fd, env, (1 << 16) - 1);
        close(fd);
        if (n <= 0) continue;
        env[n] = '\0';
        for (const char *v = env; v < env + n; v += strlen(v) + 1)
            if ((int)strlen(v) == wn && !memcmp(v, want, (size_t)wn)) {
                kill((pid_t)pid, SIGKILL);
                killed++;
                break;
            }
    }
    free(env);
    closedir(d);
    if (killed)
        np__serve_log(s, NP_LOG_INFO, "stopped %d stage process%s a previous server left running",
                      killed, killed == 1 ? "" : "es");
}

/* Empties state_dir/tmp: what a crashed server's batches left there is not committed. */
static void clean_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            unlinkat(dirfd(d), e->d_name, 0);
    closedir(d);
}

/* Finds the state directory (state_opt, the file's state_dir:, or systemd's first
 * StateDirectory=), writes its real path to real[0..4096) and makes its queue/, tmp/ and
 * failed/ (and the server's paths to them). Returns 0, or the exit code after logging why. */
static int open_state_dir(np_server *s, const np_serve_conf *sc, const char *file,
                          const char *state_opt, char *real)
{
    const char *sd = state_opt ? state_opt : sc->state_dir;
    char *env_sd = NULL;
    if (!sd && getenv("STATE_DIRECTORY") && *getenv("STATE_DIRECTORY")) {
        /* systemd's StateDirectory=: the first of a colon-separated list. */
        env_sd = strdup(getenv("STATE_DIRECTORY"));
        if (env_sd && strchr(env_sd, ':')) *strchr(env_sd, ':') = '\0';
        sd = env_sd;
    }
    if (!sd) {
        np__serve_log(s, NP_LOG_ERR,
                      "no state directory: set 'state_dir:' in %s, give "
                      "--state-dir DIR, or run under systemd with StateDirectory=",
                      file);
        return NP_EX_CONFIG;
    }
    if (!realpath(sd, real)) {
        np__serve_log(s, NP_LOG_ERR, "state directory %s: %s", sd, strerror(errno));
        free(env_sd);
        return NP_EX_CANTCREAT;
    }
    free(env_sd);
    s->state_dir = strdup(real);
    s->queue_dir = join(real, "queue");
    s->tmp_dir = join(real, "tmp");
    s->failed_dir = join(real, "failed");
    /* The spool's path cannot change on reload, but the pipeline holding it can: a copy. */
    s->waiting_dir = sc->src == NP_SRC_SPOOL   ? strdup(sc->src_path)
                     : sc->src == NP_SRC_REDIS ? join(real, "redis")
                                               : strdup(s->queue_dir);
    if (!s->state_dir || !s->queue_dir || !s->tmp_dir || !s->failed_dir || !s->waiting_dir)
        return NP_EX_SOFTWARE;
    if (make_dir(s, s->queue_dir) < 0 || make_dir(s, s->tmp_dir) < 0 ||
        make_dir(s, s->failed_dir) < 0)
        return NP_EX_CANTCREAT;
    return 0;
}

/* Takes the state directory's lock (one server per directory) and the pipeline's lock:
 * file, if it names one; on failure neither is held. Returns 0, or the exit code after
 * logging why. */
static int take_locks(server_main *m, const np_pipeline *p, const char *real, np_lock *lock,
                      np_lock *plock)
{
    np_server *s = &m->s;
    char holder[256] = "";
    char *lockpath = join(real, "lock");
    int lr = lockpath ? np_lock_acquire(lock, lockpath, 0, holder, sizeof holder) : NP_LOCK_ERROR;
    free(lockpath);
    if (lr == NP_LOCK_BUSY) {
        np__serve_log(s, NP_LOG_ERR, "state directory %s is in use by %s%s", real, holder,
                      m->nrequeue ? " (stop the server to requeue)" : "");
        return NP_EX_TEMPFAIL;
    }
    if (lr != NP_LOCK_OK) {
        np__serve_log(s, NP_LOG_ERR, "cannot lock %s: %s", real, strerror(errno));
        return NP_EX_CANTCREAT;
    }
    if (p->lock) {
        lr = np_lock_acquire(plock, p->lock, 0, holder, sizeof holder);
        if (lr != NP_LOCK_OK) {
            np__serve_log(s, NP_LOG_ERR, "lock %s: %s", p->lock,
                          lr == NP_LOCK_BUSY ? holder : strerror(errno));
            np_lock_release(lock);
            return lr == NP_LOCK_BUSY ? NP_EX_TEMPFAIL : NP_EX_CANTCREAT;
        }
    }
    return 0;
}

/* Starts the source, the batches a previous run left, the metrics endpoint, the signals and
 * the status timer, and runs the event loop until the server stops. Returns the exit code. */
static int run_loop(server_main *m, const np_pipeline *p, const char *file, const char *real)
{
    np_server *s = &m->s;
    const np_serve_conf *sc = p->serve;
    int code = 0;
    uv_loop_t loop;
    uv_loop_init(&loop);
    s->loop = &loop;
    s->start_ns = uv_hrtime();
    if (np__notify_init(&m->notify, &loop) < 0)
        np__serve_log(s, NP_LOG_WARNING, "NOTIFY_SOCKET is set but unusable: not notifying");
    for (int i = 0; i < 3; i++) {
        static const int signals[] = {SIGTERM, SIGINT, SIGHUP};
        uv_signal_init(&loop, &m->sigs[i]);
        m->sigs[i].data = s;
        uv_signal_start(&m->sigs[i], on_signal, signals[i]);
    }
    uv_timer_init(&loop, &m->status_timer);
    m->status_timer.data = s;

    int started = np__batch_init(s) == 0 && np__batch_recover(s) == 0;
    if (!started) code = NP_EX_TEMPFAIL;
    if (started) {
        if (s->src->start(s) < 0) {
            started = 0;
            code = NP_EX_CANTCREAT;
        }
    }
    if (started && sc->metrics && np__http_start(s, sc->metrics) < 0) {
        started = 0;
        code = NP_EX_CANTCREAT;
    }
    if (!started) {
        s->stop_code = code;
        begin_stop(s, "cannot start");
    } else {
        uv_timer_start(&m->status_timer, on_status, STATUS_MS, STATUS_MS);
        /* Batches a previous run left in the queue wait for no new input. */
        np__batch_kick(s);
        np__serve_log(s, NP_LOG_INFO,
                      "serving %s: %zu stage%s, state in %s, %" PRIu64 " batches committed so far",
                      file, p->nstages, p->nstages == 1 ? "" : "s", real, s->j.batches);
        np__serve_conf_exposed(sc, log_exposed, s);
        np__notify_send(&m->notify, "READY=1\nSTATUS=serving (%" PRIu64 " queued)", s->queued);
        if (early_signal == SIGTERM || early_signal == SIGINT)
            begin_stop(s, early_signal == SIGTERM ? "SIGTERM" : "SIGINT");
        else if (early_signal == SIGHUP)
            reload(s);
    }
    uv_run(&loop, UV_RUN_DEFAULT);
    if (uv_loop_close(&loop) != 0) np__serve_log(s, NP_LOG_ERR, "internal: handles left open");
    if (!code) code = s->stop_code;
    return code;
}

static int serve(server_main *m, np_pipeline *p, const char *file, const char *state_opt)
{
    np_server *s = &m->s;
    const np_serve_conf *sc = p->serve;
    char real[4096];
    int code = open_state_dir(s, sc, file, state_opt, real);
    if (code) return code;
    np_lock lock = {-1}, plock = {-1};
    code = take_locks(m, p, real, &lock, &plock);
    if (code) return code;
    kill_orphans(s, real);
    setenv("NEWSPIPE_SERVE_STATE", real, 1);
    clean_dir(s->tmp_dir);

    char err[512];
    int jr = np__journal_load(&s->j, real, err, sizeof err);
    if (jr < 0) {
        np__serve_log(s, NP_LOG_ERR,
                      "%s: refusing to start (to start afresh without losing acknowledged "
                      "batches: move the state directory aside, then requeue its queue/ and "
                      "failed/ into a new one with newspipe serve FILE --requeue BATCH...)",
                      err);
        code = NP_EX_DATAERR;
        goto unlock;
    }
    if (m->nrequeue) {
        code = np__serve_requeue(s, m->requeue, m->nrequeue);
        goto unlock;
    }
    if (sc->src == NP_SRC_SPOOL && !sc->done_remove) {
        /* Processed spool files go to done/ in the spool unless told otherwise. */
        s->done_dir = sc->done_dir ? strdup(sc->done_dir) : join(sc->src_path, "done");
        if (!s->done_dir || make_dir(s, s->done_dir) < 0) {
            code = NP_EX_CANTCREAT;
            goto unlock;
        }
    }

    code = run_loop(m, p, file, real);
unlock:
    np__journal_free(&s->j);
    np_lock_release(&plock); /* p may have been replaced by a reload: not used here */
    np_lock_release(&lock);
    return code;
}

/* The source backend for the configured input (serve.h): the one place that asks. */
static const np_source_ops *source_of(const np_serve_conf *sc)
{
    switch (sc->src) {
    case NP_SRC_SPOOL: return &np__source_spool;
    case NP_SRC_FOLLOW: return &np__source_follow;
    case NP_SRC_LISTEN: return &np__source_socket;
    case NP_SRC_REDIS: return &np__source_redis;
    case NP_SRC_NONE: break;
    }
    return NULL;
}

int np__serve_run(const char *file, const char *state_dir, char *const *requeue, size_t nrequeue)
{
    server_main *m = calloc(1, sizeof *m);
    np_pipeline *p = calloc(1, sizeof *p);
    if (!m || !p) {
        free(m);
        free(p);
        return NP_EX_SOFTWARE;
    }
    m->requeue = requeue;
    m->nrequeue = nrequeue;
    catch_early_signals();
    np_server *s = &m->s;
    s->log_prefix = getenv("JOURNAL_STREAM") != NULL;
    s->batch_waiting = np__batch_kick;
    s->fail = serve_fail;
    int code = load(p, file);
    if (!code && (!p->serve || !(s->src = source_of(p->serve)))) {
        np_error("serve: %s has no live source: give 'input:' as {spool: DIR}, {follow: FILE}, "
                 "{listen: ADDRESS} or {redis: {...}} (see newspipe-pipeline(5))",
                 file);
        code = NP_EX_CONFIG;
    }
    if (!code) {
        s->p = p;
        s->sc = p->serve;
        s->file = strdup(file);
        code = s->file ? serve(m, p, file, state_dir) : NP_EX_SOFTWARE;
        p = s->p; /* a reload may have replaced it */
    }
    np__pipeline_free(p);
    free(p);
    for (size_t i = 0; i < s->stats.nstages; i++) free(s->stats.stages[i].label);
    free(s->stats.stages);
    free(s->file);
    free(s->state_dir);
    free(s->queue_dir);
    free(s->tmp_dir);
    free(s->failed_dir);
    free(s->done_dir);
    free(s->waiting_dir);
    free(m);
    return code;
}
