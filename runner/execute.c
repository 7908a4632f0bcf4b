/* One run of a pipeline: set up the head (a stoppable pump), the output (temporary file,
 * optionally gzip or counted through a sink pump), the chain, the signal handlers; then
 * judge the result and commit output, rejects and state in that order, or nothing. */
#include "execute.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <uv.h>

#include "atomicfile.h"
#include "buf.h"
#include "chain.h"
#include "check.h"
#include "cli.h"
#include "commit.h"
#include "exitcode.h"
#include "lock.h"
#include "progress.h"
#include "pump.h"
#include "stats.h"

#define PROGRESS_MS    250
#define HEAD_PIPE_SIZE (1 << 20)

typedef struct {
    np_pipeline *p;
    const np_exec_opts *o;
    np_txn *txn;
    uv_loop_t loop;
    np_chain *chain;
    np_pump *feed, *sink;
    int chain_done, feed_done, sink_done;
    uv_signal_t sigs[3];
    int nsigs;
    uv_timer_t tick;
    int tick_open;
    /* Closing the signal handles waits for the end of the loop iteration that finished the
     * run and one more non-blocking poll (closer_idle keeps it from blocking, closer_check
     * counts the polls): libuv dispatches the signals a poll read after that poll's other
     * callbacks, and a signal handle closed by one of those drops its signal. */
    uv_idle_t closer_idle;
    uv_check_t closer_check;
    int closer_open, closer_polls;
    int interrupted; /* the first signal received */
    /* From the moment the signal handles close to the end of the commit, SIGINT, SIGTERM and
     * SIGHUP are blocked (their default would kill the runner mid-commit): one that comes
     * before the commit interrupts the run, one during it waits for its end. */
    int sigs_blocked;
    sigset_t old_mask;
    int failing; /* a stage failed: the run is being wound down */
    np_progress pr;
    /* Results copied out of the pumps before they are freed: */
    int feed_status, sink_status;
    char feed_msg[320], sink_msg[320];
    uint64_t in_lines, out_lines;
} run_state;

/* The signals a run stops on. */
static sigset_t stop_signals(void)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGINT);
    sigaddset(&s, SIGTERM);
    sigaddset(&s, SIGHUP);
    return s;
}

static void block_stop_signals(run_state *r)
{
    if (r->sigs_blocked) return;
    sigset_t s = stop_signals();
    pthread_sigmask(SIG_BLOCK, &s, &r->old_mask);
    r->sigs_blocked = 1;
}

/* Takes a stop signal that came while they were blocked: its number, or 0. */
static int take_stop_signal(void)
{
    sigset_t s = stop_signals();
    struct timespec now = {0, 0};
    int sig, got = 0;
    while ((sig = sigtimedwait(&s, NULL, &now)) > 0)
        if (!got) got = sig;
    return got;
}

static void close_loop_handles(run_state *r)
{
    block_stop_signals(r); /* before the handles go: none falls to the default action */
    for (int i = 0; i < r->nsigs; i++) uv_close((uv_handle_t *)&r->sigs[i], NULL);
    r->nsigs = 0;
    if (r->tick_open) {
        uv_close((uv_handle_t *)&r->tick, NULL);
        r->tick_open = 0;
    }
    if (r->closer_open) {
        uv_close((uv_handle_t *)&r->closer_idle, NULL);
        uv_close((uv_handle_t *)&r->closer_check, NULL);
        r->closer_open = 0;
    }
}

static void on_closer_idle(uv_idle_t *h)
{
    (void)h; /* only there to make the next poll non-blocking */
}

static void on_closer_check(uv_check_t *h)
{
    run_state *r = h->data;
    if (++r->closer_polls >= 2) close_loop_handles(r);
}

static void maybe_finished(run_state *r)
{
    if (!r->chain_done || !r->feed_done || !r->sink_done || !r->closer_open) return;
    if (uv_is_active((uv_handle_t *)&r->closer_check)) return;
    uv_idle_start(&r->closer_idle, on_closer_idle);
    uv_check_start(&r->closer_check, on_closer_check);
}

static void save_pump(np_pump *p, int *status, char *msg, uint64_t *lines)
{
    const char *m;
    *status = np__pump_status(p, &m);
    snprintf(msg, 320, "%s", m);
    *lines = np__pump_lines(p);
}

static void on_feed_done(np_pump *p, void *arg)
{
    run_state *r = arg;
    save_pump(p, &r->feed_status, r->feed_msg, &r->in_lines);
    r->feed_done = 1;
    maybe_finished(r);
}

static void on_sink_done(np_pump *p, void *arg)
{
    run_state *r = arg;
    save_pump(p, &r->sink_status, r->sink_msg, &r->out_lines);
    r->sink_done = 1;
    maybe_finished(r);
}

static void on_chain_done(np_chain *c, void *arg)
{
    (void)c;
    run_state *r = arg;
    r->chain_done = 1;
    /* Every stage has ended: nobody is left to feed (only something a stage left running in
     * the background could still hold the head pipe open, and it must not hold the run). */
    if (r->feed && !r->feed_done) np__pump_abort(r->feed);
    maybe_finished(r);
}

static void wind_down(run_state *r)
{
    if (r->feed && !r->feed_done) np__pump_abort(r->feed);
    np__chain_shutdown(r->chain);
}

static void on_stage_exit(np_chain *c, size_t i, void *arg)
{
    run_state *r = arg;
    const np_stage_status *st = np__chain_status(c, i);
    int piped = st->term_signal ? st->term_signal == SIGPIPE : st->exit_status == 128 + SIGPIPE;
    int failed = (st->term_signal || st->exit_status) && !(piped && st->reader_gone);
    /* A failed stage dooms the run: stop the input and give the others shutdown_timeout to
     * end, rather than wait for a stage that might never see EOF. */
    if (failed && !r->failing) {
        r->failing = 1;
        wind_down(r);
    }
}

static void on_escalated(np_chain *c, int level, void *arg)
{
    (void)c;
    run_state *r = arg;
    if (r->feed && !r->feed_done) np__pump_abort(r->feed);
    np__progress_clear(&r->pr);
    np_error("%s: stages still running: sent %s", r->p->name, level == 1 ? "SIGTERM" : "SIGKILL");
}

static void on_signal(uv_signal_t *h, int signum)
{
    run_state *r = h->data;
    np__progress_clear(&r->pr);
    if (!r->interrupted) {
        r->interrupted = signum;
        /* The input is stopped before the message says so: a producer that waits for the
         * message knows that what it writes next is not read past the line in progress. */
        if (r->feed && !r->feed_done) np__pump_stop(r->feed);
        np_error("%s: SIG%s: stopping: input closed, letting the stages drain (a second signal "
                 "stops them now)",
                 r->p->name, sigabbrev_np(signum) ? sigabbrev_np(signum) : "?");
        if (r->chain) np__chain_shutdown(r->chain);
    } else if (r->chain && !r->chain_done) {
        np__chain_escalate(r->chain);
    }
}

static void on_tick(uv_timer_t *t)
{
    run_state *r = t->data;
    np__progress_draw(&r->pr);
}

static void log_with_progress(void *arg, const char *label, const char *line, size_t n)
{
    run_state *r = arg;
    np__progress_clear(&r->pr);
    if (r->o->log_line) {
        r->o->log_line(r->o->log_arg, label, line, n);
        return;
    }
    np__chain_write_stage_line(label, line, n);
}

typedef struct {
    char **v;
    size_t n, cap;
    int nomem;
} strvec;

static void add_input(const char *path, void *arg)
{
    strvec *sv = arg;
    if (sv->n == sv->cap) {
        size_t cap = sv->cap ? sv->cap * 2 : 8;
        char **v = realloc(sv->v, cap * sizeof *v);
        if (!v) {
            sv->nomem = 1;
            return;
        }
        sv->v = v;
        sv->cap = cap;
    }
    if (!(sv->v[sv->n] = strdup(path)))
        sv->nomem = 1;
    else
        sv->n++;
}

static void free_strvec(strvec *sv)
{
    for (size_t i = 0; i < sv->n; i++) free(sv->v[i]);
    free(sv->v);
}

static int is_gz(const char *path)
{
    size_t n = strlen(path);
    return n > 3 && !strcmp(path + n - 3, ".gz");
}

/* Tells what went wrong with the chain, stage by stage. */
static void report_failure(run_state *r, size_t culprit)
{
    np_pipeline *p = r->p;
    char how[256];
    np__chain_describe(r->chain, culprit, how, sizeof how);
    np_error("%s: stage %zu (%s) %s", p->name, culprit + 1, p->stages[culprit].label, how);
    const np_stage_status *st = np__chain_status(r->chain, culprit);
    for (int k = 0; k < NP_TAIL_LINES; k++)
        if (st->tail[k]) np_error("%s:   [%s] %s", p->name, p->stages[culprit].label, st->tail[k]);
    for (size_t i = 0; i < np__chain_size(r->chain); i++) {
        const np_stage_status *o = np__chain_status(r->chain, i);
        if (i == culprit || (o->exited && !o->term_signal && o->exit_status == 0)) continue;
        np__chain_describe(r->chain, i, how, sizeof how);
        np_error("%s: stage %zu (%s) %s%s", p->name, i + 1, p->stages[i].label, how,
                 o->term_signal == SIGPIPE && o->reader_gone ? ": its reader had stopped first"
                                                             : "");
    }
}

/* Commits the state of every stage that deferred it (the last step of the commit). */
static int commit_states(run_state *r)
{
    np_pipeline *p = r->p;
    int rc = 0;
    for (size_t i = 0; i < p->nstages; i++) {
        np_stage *st = &p->stages[i];
        int owes = np__txn_owes_state(r->txn, i);
        if (!owes) continue;
        if (owes < 0) {
            np_error("%s: stage %zu (%s) stopped early: its state is not advanced", p->name, i + 1,
                     st->label);
            continue;
        }
        int status = 0;
        if (np__commit_state(st->exe, st->state_file, p->dir, &status) < 0 || status != 0) {
            np_error("%s: stage %zu (%s): committing state %s failed (%s %d); the output is "
                     "in place but the state did not advance",
                     p->name, i + 1, st->label, st->state_file, status ? "exit code" : "errno",
                     status ? status : errno);
            rc = NP_EX_IOERR; /* newspipe(1): 74, a state commit failed (the message has why) */
        }
    }
    return rc;
}

/* The signal handlers come first, before the pump opens the input (a FIFO's writer learns
 * that the run has started when that open() returns) and before the stages are spawned: a
 * signal caught here is handled once the loop runs. Until then the inherited disposition
 * applies, and a shell starts a background job with SIGINT ignored: a SIGINT that came
 * between the open() and the handlers was lost, and the run waited for an EOF forever. */
static void install_signals(run_state *r)
{
    uv_idle_init(&r->loop, &r->closer_idle);
    uv_check_init(&r->loop, &r->closer_check);
    r->closer_check.data = r;
    r->closer_open = 1;
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (int i = 0; i < 3; i++) {
        uv_signal_init(&r->loop, &r->sigs[i]);
        r->sigs[i].data = r;
        uv_signal_start(&r->sigs[i], on_signal, signals[i]);
        r->nsigs++;
    }
}

/* The head: a pump the runner can stop at a line boundary, from the inputs into a pipe whose
 * reading end is *head_rd (the first stage's input). Returns 0, or a libuv error with
 * nothing left open. */
static int start_feed(run_state *r, strvec *inputs, int *head_rd)
{
    int head[2] = {-1, -1}, rc;
    if ((rc = uv_pipe(head, 0, 0)) != 0) return rc;
    /* A bigger head pipe: the first stage reads in large blocks, as from a file, instead of
     * waking up for every page the pump moves. Best effort. */
    fcntl(head[1], F_SETPIPE_SZ, HEAD_PIPE_SIZE);
    np_pump_config fc = {.inputs = (const char *const *)inputs->v,
                         .ninputs = inputs->n,
                         .out_fd = head[1],
                         .out_nonblock = 1,
                         .count = r->o->progress};
    if ((rc = np__pump_start(&r->feed, &r->loop, &fc, on_feed_done, r)) != 0) {
        close(head[1]);
        close(head[0]);
        return rc;
    }
    *head_rd = head[0];
    return 0;
}

/* The tail: straight into the output file (or stdout), unless it must be compressed or
 * counted, when a second pump reads a pipe. *chain_out is the last stage's output. Returns
 * 0, or a libuv error with nothing of its own left open. */
static int start_tail(run_state *r, np_atomic_file *af, int have_af, int *chain_out)
{
    int count = r->o->progress, tail[2] = {-1, -1}, rc;
    int out_fd = dup(have_af ? af->fd : 1);
    if (out_fd < 0) return -errno;
    fcntl(out_fd, F_SETFD, FD_CLOEXEC);
    int gz = have_af && is_gz(af->path);
    r->sink_done = 1;
    if (!gz && !count) {
        *chain_out = out_fd;
        return 0;
    }
    if ((rc = uv_pipe(tail, 0, 0)) != 0) {
        close(out_fd);
        return rc;
    }
    np_pump_config sc = {.in_fd = tail[0], .out_fd = out_fd, .gzip_out = gz, .count = count};
    if ((rc = np__pump_start(&r->sink, &r->loop, &sc, on_sink_done, r)) != 0) {
        close(tail[0]);
        close(tail[1]);
        close(out_fd);
        return rc;
    }
    r->sink_done = 0;
    *chain_out = tail[1];
    return 0;
}

/* Spawns the stages between head_rd and chain_out (both given to the chain, closed on
 * failure) and starts the progress line. Returns 0, or a libuv error after stopping the feed. */
static int start_stages(run_state *r, int head_rd, int chain_out)
{
    np_pipeline *p = r->p;
    const np_exec_opts *o = r->o;
    int count = o->progress, rc;
    const np_chain_stage *cs = np__txn_stages(r->txn, o->stats);
    np_chain_config cc = {.loop = &r->loop,
                          .cwd = p->dir,
                          .stages = cs,
                          .n = p->nstages,
                          .in_fd = head_rd,
                          .out_fd = chain_out,
                          .count = count,
                          .shutdown_ms = p->shutdown_ms,
                          .max_log_lines = p->max_diag,
                          .log_line = (count || o->log_line) ? log_with_progress : NULL,
                          .exited = on_stage_exit,
                          .escalated = on_escalated,
                          .done = on_chain_done,
                          .arg = r};
    if (!cs) {
        rc = UV_ENOMEM;
        close(head_rd);
        close(chain_out);
    } else {
        rc = np__chain_start(&r->chain, &cc); /* on failure it has closed both fds */
    }
    if (rc) {
        /* The pumps see EPIPE / EOF and finish. */
        np__pump_abort(r->feed);
        r->chain_done = 1;
        return rc;
    }
    for (size_t i = 0; i < p->nstages; i++)
        if (np__chain_status(r->chain, i)->spawn_error && !r->failing) {
            r->failing = 1;
            wind_down(r);
        }
    if (o->progress) {
        r->pr = (np_progress){p, r->chain, r->feed, r->sink, uv_hrtime(), 0};
        uv_timer_init(&r->loop, &r->tick);
        r->tick.data = r;
        r->tick_open = 1;
        uv_timer_start(&r->tick, on_tick, PROGRESS_MS, PROGRESS_MS);
    }
    return 0;
}

/* One run: the signals, the feed, the tail and the stages, then the loop until all are done.
 * Returns 0 (the run's own verdict is in r), or NP_EX_OSERR when it could not start. */
static int run(run_state *r, np_atomic_file *af, int have_af, strvec *inputs)
{
    np_pipeline *p = r->p;
    int head_rd = -1, chain_out = -1;
    install_signals(r);
    int rc = start_feed(r, inputs, &head_rd);
    if (rc) goto oserr;
    if ((rc = start_tail(r, af, have_af, &chain_out)) != 0) {
        close(head_rd);
        goto oserr_fed;
    }
    rc = start_stages(r, head_rd, chain_out);
    uv_run(&r->loop, UV_RUN_DEFAULT);
    np__progress_clear(&r->pr);
    if (rc) {
        np_error("%s: cannot start the stages: %s", p->name, uv_strerror(rc));
        return NP_EX_OSERR;
    }
    return 0;

oserr_fed:
    np__pump_abort(r->feed);
    r->chain_done = r->sink_done = 1;
    uv_run(&r->loop, UV_RUN_DEFAULT);
oserr:
    close_loop_handles(r); /* the signal handlers (nothing else is left to close them) */
    np_error("%s: cannot set up the run: %s", p->name, uv_strerror(rc));
    return NP_EX_OSERR;
}

static double cpu_seconds(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) < 0) return 0;
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* Takes the pipeline's lock: file, when it names one. Returns 0, or the exit code after
 * saying why. */
static int take_lock(const np_pipeline *p, np_lock *lock)
{
    if (!p->lock) return 0;
    char holder[256] = "";
    int lr = np_lock_acquire(lock, p->lock, 0, holder, sizeof holder);
    if (lr == NP_LOCK_BUSY) {
        np_error("%s: already running: lock %s is held by %s", p->name, p->lock, holder);
        return NP_EX_TEMPFAIL;
    }
    if (lr != NP_LOCK_OK) {
        np_error("%s: cannot take lock %s: %s", p->name, p->lock, strerror(errno));
        return NP_EX_CANTCREAT;
    }
    return 0;
}

/* The pipeline's inputs, globs expanded, into inputs. Returns 0, or the exit code after
 * saying why (a pattern that matches nothing is an error). */
static int expand_inputs(const np_pipeline *p, strvec *inputs)
{
    for (size_t i = 0; i < p->ninputs; i++) {
        int n = np__expand_input(p->inputs[i], add_input, inputs);
        if (n < 0 || inputs->nomem) {
            np_error("%s: out of memory", p->name);
            return NP_EX_SOFTWARE;
        }
        if (n == 0) {
            np_error("%s: input %s: %s", p->name, p->inputs[i],
                     strpbrk(p->inputs[i], "*?[") ? "no file matches" : strerror(errno));
            return NP_EX_NOINPUT;
        }
    }
    return 0;
}

/* What a run that started its stages ended with: a signal, the output's or the input's
 * failure, then the stages' verdict; said once, with what was not committed. */
static int run_verdict(run_state *r, int have_af)
{
    const np_pipeline *p = r->p;
    size_t culprit = 0;
    int pipe_out = 0, status = 0;
    int verdict = r->chain ? np__chain_verdict(r->chain, &culprit, &pipe_out) : NP_EX_OSERR;
    if (r->interrupted) {
        status = 128 + r->interrupted;
        np_error("%s: interrupted by SIG%s: %s, state not committed", p->name,
                 sigabbrev_np(r->interrupted),
                 have_af ? "output not written" : "output incomplete");
    } else if (r->sink_status) {
        status = r->sink_status;
        np_error("%s: writing %s: %s", p->name, have_af ? p->output : "standard output",
                 r->sink_msg);
    } else if (r->feed_status) {
        status = r->feed_status;
        np_error("%s: input %s", p->name, r->feed_msg);
        if (verdict) report_failure(r, culprit);
    } else if (verdict && pipe_out && !have_af) {
        status = verdict; /* our reader went away: no message, like any filter */
    } else if (verdict) {
        status = verdict;
        report_failure(r, culprit);
    }
    if (status && !(pipe_out && status == 128 + SIGPIPE) && !r->interrupted)
        np_error("%s: failed: %s, state not committed", p->name,
                 have_af ? "output not written (the old one is untouched)" : "output incomplete");
    return status;
}

/* Commits a successful run, in this order: the output file (renamed into place), the rejects
 * (appended), the stages' state files. *have_af is cleared once the output is committed or
 * aborted. Returns 0, or the exit code after saying what was not committed. */
static int commit_run(run_state *r, np_atomic_file *af, int *have_af, np_txn *txn)
{
    const np_pipeline *p = r->p;
    if (*have_af) {
        *have_af = 0; /* committed or aborted by np_atomic_commit */
        if (np_atomic_commit(af) < 0) {
            np_error("%s: cannot write %s: %s; state not committed", p->name, p->output,
                     strerror(errno));
            return NP_EX_IOERR;
        }
    }
    if (np__txn_commit_rejects(txn) < 0) {
        np_error("%s: cannot append the rejects to %s: %s (kept in %s)", p->name, p->reject,
                 strerror(errno), txn->reject_tmp);
        return NP_EX_IOERR;
    }
    return r->chain ? commit_states(r) : 0;
}

int np__execute(np_pipeline *p, const np_exec_opts *o)
{
    uint64_t t0 = uv_hrtime();
    double cpu0 = cpu_seconds();
    np_lock lock = {-1};
    int status = take_lock(p, &lock);
    if (status) return status;

    strvec inputs = {0};
    status = expand_inputs(p, &inputs);
    if (status) goto out_inputs;

    np_atomic_file af = {.fd = -1};
    int have_af = strcmp(p->output, "-") != 0;
    /* What a run killed before its end left beside the output (its stages died with it). */
    if (have_af) np_atomic_sweep(p->output);
    if (have_af && np_atomic_open(&af, p->output) < 0) {
        np_error("%s: cannot create output %s: %s", p->name, p->output, strerror(errno));
        status = NP_EX_CANTCREAT;
        goto out_inputs;
    }
    np_txn txn;
    if (np__txn_begin(&txn, p, NULL, NULL) < 0) {
        np_error("%s: cannot create a file beside %s: %s", p->name, p->reject, strerror(errno));
        status = NP_EX_CANTCREAT;
        goto out_output;
    }

    run_state *r = calloc(1, sizeof *r);
    if (!r || uv_loop_init(&r->loop) != 0) {
        free(r);
        np_error("%s: cannot set up the event loop", p->name);
        status = NP_EX_OSERR;
        goto out_reject;
    }
    r->p = p;
    r->o = o;
    r->txn = &txn;
    status = run(r, &af, have_af, &inputs);
    block_stop_signals(r);
    if (r->chain) np__txn_ended(&txn, r->chain);
    if (status == 0) status = run_verdict(r, have_af);
    int sig = status == 0 ? take_stop_signal() : 0;
    if (sig) { /* after the stages ended, before anything was committed */
        np_error("%s: interrupted by SIG%s: output not written, state not committed", p->name,
                 sigabbrev_np(sig) ? sigabbrev_np(sig) : "?");
        status = 128 + sig;
    }
    if (status == 0) status = commit_run(r, &af, &have_af, &txn);
    if (status == 0 && (sig = take_stop_signal()) != 0)
        np_error("%s: SIG%s came while the run was committing: the commit was finished", p->name,
                 sigabbrev_np(sig) ? sigabbrev_np(sig) : "?");
    if (o->stats && r->chain) {
        np_stats_counts counts = {o->progress, r->in_lines, r->out_lines, cpu_seconds() - cpu0};
        np_buf line = {0};
        if (np__stats_json(&line, p, r->chain, status, (double)(uv_hrtime() - t0) / 1e9, &counts) ==
                0 &&
            np_buf_putc(&line, '\n') == 0)
            np_write_all(2, line.data, line.len);
        np_buf_free(&line);
    }
    if (r->chain) np__chain_free(r->chain);
    if (r->feed) np__pump_free(r->feed);
    if (r->sink) np__pump_free(r->sink);
    uv_run(&r->loop, UV_RUN_DEFAULT);
    if (uv_loop_close(&r->loop) != 0) np_error("%s: internal: handles left open", p->name);
    if (r->sigs_blocked) {
        take_stop_signal(); /* one that came after the commit: the run has ended already */
        pthread_sigmask(SIG_SETMASK, &r->old_mask, NULL);
    }
    free(r);
out_reject:
    np__txn_end(&txn); /* after np__chain_free(): the chain borrowed the stages */
out_output:
    if (have_af) np_atomic_abort(&af);
out_inputs:
    free_strvec(&inputs);
    if (p->lock) np_lock_release(&lock);
    return status;
}
