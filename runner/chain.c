/* The stage chain: processes, the pipes between them, their stderr, shutdown escalation.
 * A stage is one process, or with workers several and the hand-off thread between them
 * (workers.h); its status is then theirs taken together (see aggregate()). */
#include "chain.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomicfile.h"
#include "buf.h"
#include "diagcap.h"
#include "exitcode.h"
#include "pump.h"
#include "spawn.h"
#include "statmerge.h"
#include "workers.h"

#define MAX_LOG_LINE (64 * 1024)

/* One process: a stage, or one of a stage's workers. */
typedef struct {
    np_chain *chain;
    size_t index;    /* its stage */
    size_t worker;   /* its number among the stage's workers (0 without workers) */
    np_child *child; /* NULL once closed */
    uv_pipe_t err;
    int err_open; /* the stderr handle is initialized and not yet closed */
    int err_eof;
    np_buf line;
    uint64_t started_ns;
    /* A copy of its output (a stage without workers: the pipe to the next stage, or the
     * run's output), held until it ends so that its end can ask whether a pipe still had a
     * reader (reader_gone()); -1 otherwise. */
    int watch_fd;
    np_stage_status st;
} proc;

typedef struct {
    proc *procs; /* its process, or its workers (in the chain's procs) */
    size_t nprocs;
    /* Its processes' stderr lines, all workers together, when the stage does not cap its own;
     * summed up when the last of them closes (errs_open). */
    np_diagcap cap;
    size_t errs_open;
    np_pump *relay; /* counting pump from this stage to the next */
    int relay_done;
    /* With workers: */
    np_workers *group; /* the hand-off thread (NULL once done) */
    int group_failed;  /* it failed: group_msg says why */
    char group_msg[300];
    unsigned group_seq;  /* when it failed, in the order of the processes' exits */
    np_stage_status agg; /* the workers' statuses together (aggregate()) */
    size_t culprit;      /* the worker agg's ending is that of, or (size_t)-1: the hand-off's */
} stage;

struct np_chain {
    np_chain_config cfg;
    stage *stages;
    size_t n;
    proc *procs; /* every process, stage by stage */
    size_t nprocs;
    unsigned exits;
    size_t outstanding; /* open process/stderr handles and running relays */
    int level;          /* shutdown: 0 none, 1 draining, 2 SIGTERM sent, 3 SIGKILL sent */
    uv_timer_t shutdown_timer, linger_timer, kick_timer;
    int timers_open;
    int done_called, freeing;
};

static void finish_aggregate(stage *g);

static void check_done(np_chain *c)
{
    if (c->outstanding || c->done_called) return;
    c->done_called = 1;
    for (size_t i = 0; i < c->n; i++)
        if (c->stages[i].nprocs > 1) finish_aggregate(&c->stages[i]);
    uv_timer_stop(&c->shutdown_timer);
    uv_timer_stop(&c->linger_timer);
    if (c->cfg.done) c->cfg.done(c, c->cfg.arg);
}

static void on_handle_closed(uv_handle_t *h)
{
    proc *s = h->data;
    np_chain *c = s->chain;
    c->outstanding--;
    check_done(c);
}

static void remember_line(proc *s, const char *line, size_t n)
{
    char *copy = strndup(line, n);
    if (!copy) return;
    np_stage_status *st = &s->st;
    if (st->tail[NP_TAIL_LINES - 1]) {
        free(st->tail[0]);
        memmove(st->tail, st->tail + 1, (NP_TAIL_LINES - 1) * sizeof *st->tail);
        st->tail[NP_TAIL_LINES - 1] = NULL;
    }
    for (int i = 0; i < NP_TAIL_LINES; i++)
        if (!st->tail[i]) {
            st->tail[i] = copy;
            break;
        }
}

static void forward(np_chain *c, const char *label, const char *line, size_t n)
{
    if (c->cfg.log_line)
        c->cfg.log_line(c->cfg.arg, label, line, n);
    else
        np__chain_write_stage_line(label, line, n);
}

/* The count of stage s's stderr lines the cap held back, when one is due. */
static void cap_summary(proc *s, int final)
{
    np_chain *c = s->chain;
    np_diagcap *cap = &c->stages[s->index].cap;
    uint64_t k = np_diagcap_due(cap, final);
    if (!k) return;
    char msg[160];
    int n =
        snprintf(msg, sizeof msg, "%llu more line%s on stderr not shown (max_diagnostics: %llu)",
                 (unsigned long long)k, k == 1 ? "" : "s", (unsigned long long)cap->limit);
    forward(c, c->cfg.stages[s->index].label, msg, (size_t)n);
}

static void log_line(proc *s, const char *line, size_t n)
{
    np_chain *c = s->chain;
    const char *label = c->cfg.stages[s->index].label;
    if (c->cfg.stages[s->index].stats && n > 10 && !memcmp(line, "{\"filter\"", 9)) {
        char *copy = strndup(line, n);
        if (copy) {
            free(s->st.stats);
            s->st.stats = copy;
        }
        return;
    }
    remember_line(s, line, n); /* (the last lines explain a failure, shown or not) */
    if (!np_diagcap_take(&c->stages[s->index].cap)) return cap_summary(s, 0);
    forward(c, label, line, n);
}

void np__chain_write_stage_line(const char *label, const char *line, size_t n)
{
    np_buf out = {0};
    if (np_buf_printf(&out, "[%s] ", label) == 0 && np_buf_append(&out, line, n) == 0 &&
        np_buf_putc(&out, '\n') == 0)
        np_write_all(2, out.data, out.len);
    np_buf_free(&out);
}

static void flush_lines(proc *s, int all)
{
    np_buf *b = &s->line;
    size_t start = 0;
    for (;;) {
        char *nl = b->len > start ? memchr(b->data + start, '\n', b->len - start) : NULL;
        if (!nl) break;
        size_t end = (size_t)(nl - b->data);
        size_t n = end - start;
        if (n && b->data[start + n - 1] == '\r') n--;
        log_line(s, b->data + start, n);
        start = end + 1;
    }
    if ((all || b->len - start >= MAX_LOG_LINE) && b->len > start) {
        log_line(s, b->data + start, b->len - start);
        start = b->len;
    }
    if (start) {
        memmove(b->data, b->data + start, b->len - start);
        b->len -= start;
        if (b->cap) b->data[b->len] = '\0';
    }
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    (void)suggested;
    proc *s = h->data;
    if (np_buf_reserve(&s->line, 4096) < 0) {
        *buf = uv_buf_init(NULL, 0);
        return;
    }
    *buf = uv_buf_init(s->line.data + s->line.len, (unsigned)(s->line.cap - s->line.len - 1));
}

static void close_err(proc *s)
{
    if (!s->err_open) return;
    s->err_open = 0;
    uv_read_stop((uv_stream_t *)&s->err);
    flush_lines(s, 1);
    if (!--s->chain->stages[s->index].errs_open) cap_summary(s, 1);
    uv_close((uv_handle_t *)&s->err, on_handle_closed);
}

static void on_read(uv_stream_t *h, ssize_t nread, const uv_buf_t *buf)
{
    (void)buf;
    proc *s = h->data;
    if (nread > 0) {
        s->line.len += (size_t)nread;
        s->line.data[s->line.len] = '\0';
        flush_lines(s, 0);
        return;
    }
    if (nread < 0) { /* UV_EOF, or an error: either way this stderr is finished */
        s->err_eof = 1;
        close_err(s);
    }
}

static void on_linger(uv_timer_t *t)
{
    /* The stages have exited but something they started still holds stderr open. */
    np_chain *c = t->data;
    for (size_t i = 0; i < c->nprocs; i++) close_err(&c->procs[i]);
}

static void on_child_closed(void *arg)
{
    proc *s = arg;
    s->chain->outstanding--;
    check_done(s->chain);
}

static int proc_ok(const np_stage_status *st)
{
    return st->started && st->exited && st->exit_status == 0 && st->term_signal == 0;
}

static int by_sigpipe(const np_stage_status *st)
{
    /* A shell stage reports its command's SIGPIPE as exit code 141. */
    return st->term_signal == SIGPIPE || (!st->term_signal && st->exit_status == 128 + SIGPIPE);
}

/* A stage with workers ends as the first of its workers to fail (not by SIGPIPE), else as
 * its hand-off if that failed (exit code 70), else as a worker ended by SIGPIPE (so that head
 * semantics apply to the stage), else as its last worker. It has ended when every worker has
 * and the hand-off is done. */
static void aggregate(stage *g)
{
    np_stage_status *a = &g->agg;
    const proc *bad = NULL, *piped = NULL, *last = NULL;
    a->started = 1;
    a->exited = !g->group;
    a->spawn_error = 0;
    for (size_t k = 0; k < g->nprocs; k++) {
        const proc *p = &g->procs[k];
        const np_stage_status *s = &p->st;
        if (!s->started && !a->spawn_error) a->spawn_error = s->spawn_error;
        if (!s->started) a->started = 0;
        if (s->started && !s->exited) a->exited = 0;
        if (s->seconds > a->seconds) a->seconds = s->seconds;
        if (s->started && !s->exited) continue;
        if (!proc_ok(s) && !by_sigpipe(s) && (!bad || s->exit_seq < bad->st.exit_seq)) bad = p;
        if (by_sigpipe(s) && (!piped || s->exit_seq < piped->st.exit_seq)) piped = p;
        if (!last || s->exit_seq > last->st.exit_seq) last = p;
    }
    const proc *from = bad;
    if (!from && !g->group_failed) from = piped ? piped : last;
    if (from) {
        a->exit_status = from->st.exit_status;
        a->term_signal = from->st.term_signal;
        a->exit_seq = from->st.exit_seq;
        a->reader_gone = from->st.reader_gone;
        g->culprit = from->worker;
    } else if (g->group_failed) {
        a->exit_status = NP_EX_SOFTWARE;
        a->term_signal = 0;
        a->exit_seq = g->group_seq;
        g->culprit = (size_t)-1;
    }
}

/* The stage's results once everything has ended: the workers' --stats lines merged, and the
 * failing worker's last stderr lines. */
static void finish_aggregate(stage *g)
{
    aggregate(g);
    np_stage_status *a = &g->agg;
    if (g->culprit != (size_t)-1)
        for (int k = 0; k < NP_TAIL_LINES; k++) a->tail[k] = g->procs[g->culprit].st.tail[k];
    char **lines = calloc(g->nprocs, sizeof *lines);
    if (!lines) return;
    for (size_t k = 0; k < g->nprocs; k++) lines[k] = g->procs[k].st.stats;
    free(a->stats);
    a->stats = np__stats_merge(lines, g->nprocs);
    free(lines);
}

static void close_fd(int *fd)
{
    if (*fd >= 0) close(*fd);
    *fd = -1;
}

/* Had the reader of process s's output gone when s ended, as it must have for a SIGPIPE that
 * a stage below caused? The order in which the loop learns of exits cannot say (several are
 * reaped in one turn, and a reader such as head closes its input before it exits), so the
 * pipe itself is asked: its write end polls as an error once no reader is left. A stage
 * that kills itself by SIGPIPE, or exits 141, while its reader still reads is a failure
 * like any other. A worker's output goes to the hand-off, which closes its ends only when
 * it stops (np__workers_closed). */
static int reader_gone(const np_chain *c, const proc *s)
{
    const stage *g = &c->stages[s->index];
    if (g->nprocs > 1) return !g->group || np__workers_closed(g->group);
    if (s->watch_fd < 0) return 1; /* not started */
    /* a file or a device never loses its reader: only a pipe can */
    struct pollfd pf = {s->watch_fd, POLLOUT, 0};
    return poll(&pf, 1, 0) == 1 && (pf.revents & POLLERR);
}

static void on_stage_exited(np_child *ch, int64_t status, int term_signal, void *arg)
{
    proc *s = arg;
    np_chain *c = s->chain;
    s->st.exited = 1;
    s->st.exit_status = status;
    s->st.term_signal = term_signal;
    s->st.exit_seq = ++c->exits;
    if (by_sigpipe(&s->st)) s->st.reader_gone = reader_gone(c, s);
    close_fd(&s->watch_fd); /* now the next stage may see EOF */
    s->st.seconds = (double)(uv_hrtime() - s->started_ns) / 1e9;
    s->child = NULL;
    np__child_close(ch, on_child_closed, s);
    stage *g = &c->stages[s->index];
    if (g->nprocs > 1) aggregate(g);
    if (c->cfg.exited) c->cfg.exited(c, s->index, c->cfg.arg);
    if (np__chain_running(c) == 0) uv_timer_start(&c->linger_timer, on_linger, 1000, 0);
}

static void on_relay_done(np_pump *p, void *arg)
{
    (void)p;
    stage *s = arg;
    s->relay_done = 1;
    proc *first = s->procs;
    first->chain->outstanding--;
    check_done(first->chain);
}

static void on_group_done(np_workers *w, void *arg)
{
    stage *g = arg;
    np_chain *c = g->procs->chain;
    size_t bad;
    const char *msg;
    if (np__workers_status(w, &bad, &msg) < 0) {
        g->group_failed = 1;
        g->group_seq = ++c->exits;
        snprintf(g->group_msg, sizeof g->group_msg, "%s", msg);
    }
    np__workers_free(w);
    g->group = NULL;
    c->outstanding--;
    aggregate(g);
    size_t i = g->procs->index;
    if (g->group_failed && c->cfg.exited) c->cfg.exited(c, i, c->cfg.arg);
    check_done(c);
}

static void signal_all(np_chain *c, int sig)
{
    for (size_t i = 0; i < c->nprocs; i++) {
        proc *s = &c->procs[i];
        /* Each stage leads its own process group (spawn.h), so the signal also reaches what
         * a `run: sh -c` stage started. */
        if (s->child) np__child_kill(s->child, sig);
    }
    if (sig == SIGKILL)
        for (size_t i = 0; i < c->n; i++)
            if (c->stages[i].group) np__workers_abort(c->stages[i].group);
}

static void on_shutdown_timer(uv_timer_t *t);

/* One shutdown step: draining -> SIGTERM -> SIGKILL. */
static void step(np_chain *c)
{
    if (c->done_called || c->level >= 3) return;
    if (c->level < 1) c->level = 1;
    c->level++;
    signal_all(c, c->level == 2 ? SIGTERM : SIGKILL);
    if (c->cfg.escalated) c->cfg.escalated(c, c->level - 1, c->cfg.arg);
    if (c->level == 2) {
        uint64_t ms = c->cfg.shutdown_ms > 0 ? (uint64_t)c->cfg.shutdown_ms : 0;
        uv_timer_start(&c->shutdown_timer, on_shutdown_timer, ms, 0);
    }
}

static void on_shutdown_timer(uv_timer_t *t)
{
    step(t->data);
}

void np__chain_shutdown(np_chain *c)
{
    if (c->level || c->done_called) return;
    c->level = 1;
    uint64_t ms = c->cfg.shutdown_ms > 0 ? (uint64_t)c->cfg.shutdown_ms : 0;
    uv_timer_start(&c->shutdown_timer, on_shutdown_timer, ms, 0);
}

void np__chain_escalate(np_chain *c)
{
    uv_timer_stop(&c->shutdown_timer);
    step(c);
}

static void on_kick(uv_timer_t *t)
{
    check_done(t->data);
}

static int make_pipe(int fds[2], int read_flags)
{
    return uv_pipe(fds, read_flags, 0);
}

static int spawn_failed(np_chain *c, proc *s, int err)
{
    s->st.spawn_error = err;
    s->st.exit_seq = ++c->exits;
    return err;
}

/* Spawns process s with the given stdin and stdout (both handed over). */
static void spawn_proc(np_chain *c, proc *s, int in_fd, int out_fd)
{
    const np_chain_stage *cs = &c->cfg.stages[s->index];
    int efds[2] = {-1, -1};
    int err = make_pipe(efds, UV_NONBLOCK_PIPE);
    if (err == 0 && (err = uv_pipe_init(c->cfg.loop, &s->err, 0)) == 0) {
        s->err.data = s;
        if ((err = uv_pipe_open(&s->err, efds[0])) == 0) efds[0] = -1;
        s->err_open = 1;
        c->stages[s->index].errs_open++;
        c->outstanding++;
    }
    if (err == 0 && (s->watch_fd = fcntl(out_fd, F_DUPFD_CLOEXEC, 3)) < 0)
        err = uv_translate_sys_error(errno);
    if (err == 0) {
        np_child_opts o = {cs->file, cs->argv, c->cfg.cwd, {in_fd, out_fd, efds[1]}};
        s->started_ns = uv_hrtime();
        err = np__child_spawn(&s->child, c->cfg.loop, &o, on_stage_exited, s);
        if (err == 0) {
            s->st.started = 1;
            c->outstanding++;
        }
    }
    if (err) {
        close_fd(&s->watch_fd);
        spawn_failed(c, s, err);
    }
    if (s->err_open) {
        if (err == 0)
            uv_read_start((uv_stream_t *)&s->err, on_alloc, on_read);
        else
            close_err(s);
    }
    close_fd(&efds[0]);
    close_fd(&efds[1]);
    close_fd(&in_fd);
    close_fd(&out_fd);
}

/* Spawns stage g's workers, each with a pipe from the hand-off and one back to it, and
 * starts the hand-off between in_fd and out_fd (all handed over). A worker that cannot be
 * started fails the stage; the others still run and see EOF. */
static void spawn_workers(np_chain *c, stage *g, int in_fd, int out_fd)
{
    size_t n = g->nprocs;
    int *to = malloc(n * sizeof *to), *from = malloc(n * sizeof *from);
    if (!to || !from) {
        free(to);
        free(from);
        for (size_t k = 0; k < n; k++) spawn_failed(c, &g->procs[k], UV_ENOMEM);
        close_fd(&in_fd);
        close_fd(&out_fd);
        return;
    }
    for (size_t k = 0; k < n; k++) {
        /* The runner's ends are non-blocking (the hand-off polls them), the worker's not. */
        int a[2] = {-1, -1}, b[2] = {-1, -1};
        int err = uv_pipe(a, 0, UV_NONBLOCK_PIPE);
        if (!err && (err = uv_pipe(b, UV_NONBLOCK_PIPE, 0)) != 0) {
            close_fd(&a[0]);
            close_fd(&a[1]);
        }
        /* Room for the chunks a worker is given ahead, so that handing them out does not
         * wait for it to read, and for its output, read back in fewer, larger reads (best
         * effort: pipe sizes have a per-user limit). */
        if (!err) {
            fcntl(a[1], F_SETPIPE_SZ, NP_WORKERS_PIPE);
            fcntl(b[0], F_SETPIPE_SZ, NP_WORKERS_PIPE);
        }
        to[k] = a[1];
        from[k] = b[0];
        if (err)
            spawn_failed(c, &g->procs[k], err);
        else
            spawn_proc(c, &g->procs[k], a[0], b[1]);
    }
    np_workers_config wc = {in_fd, out_fd, n, to, from};
    int err = np__workers_start(&g->group, c->cfg.loop, &wc, on_group_done, g);
    if (err == 0) {
        c->outstanding++;
    } else {
        g->group = NULL;
        g->group_failed = 1;
        g->group_seq = ++c->exits;
        snprintf(g->group_msg, sizeof g->group_msg, "cannot start the hand-off: %s",
                 uv_strerror(err));
    }
    free(to);
    free(from);
}

int np__chain_start(np_chain **out, const np_chain_config *cfg)
{
    np_chain *c = calloc(1, sizeof *c);
    size_t nprocs = 0;
    for (size_t i = 0; i < cfg->n; i++)
        nprocs += cfg->stages[i].workers > 1 ? cfg->stages[i].workers : 1;
    if (!c || !(c->stages = calloc(cfg->n ? cfg->n : 1, sizeof *c->stages)) ||
        !(c->procs = calloc(nprocs ? nprocs : 1, sizeof *c->procs))) {
        if (c) free(c->stages);
        free(c);
        if (cfg->in_fd >= 0) close(cfg->in_fd);
        if (cfg->out_fd >= 0) close(cfg->out_fd);
        return UV_ENOMEM;
    }
    c->cfg = *cfg;
    c->n = cfg->n;
    c->nprocs = nprocs;
    for (size_t i = 0, k = 0; i < c->n; i++) {
        stage *g = &c->stages[i];
        g->procs = &c->procs[k];
        g->nprocs = cfg->stages[i].workers > 1 ? cfg->stages[i].workers : 1;
        for (size_t w = 0; w < g->nprocs; w++, k++)
            c->procs[k] = (proc){.chain = c, .index = i, .worker = w, .watch_fd = -1};
        /* A filter caps its own per-record diagnostics (--max-diagnostics). */
        if (!cfg->stages[i].caps_itself) g->cap.limit = cfg->max_log_lines;
    }
    uv_timer_init(cfg->loop, &c->shutdown_timer);
    uv_timer_init(cfg->loop, &c->linger_timer);
    uv_timer_init(cfg->loop, &c->kick_timer);
    c->shutdown_timer.data = c->linger_timer.data = c->kick_timer.data = c;
    c->timers_open = 3;

    int next_in = cfg->in_fd;
    for (size_t i = 0; i < c->n; i++) {
        int in_fd = next_in, out_fd = -1;
        next_in = -1;
        if (i + 1 == c->n) {
            out_fd = cfg->out_fd;
        } else {
            int p[2];
            if (make_pipe(p, 0) == 0) {
                out_fd = p[1];
                next_in = p[0];
                int q[2];
                if (cfg->count && make_pipe(q, 0) == 0) {
                    np_pump_config pc = {.in_fd = p[0], .out_fd = q[1], .count = 1};
                    if (np__pump_start(&c->stages[i].relay, cfg->loop, &pc, on_relay_done,
                                       &c->stages[i]) == 0) {
                        c->outstanding++;
                        next_in = q[0];
                    } else {
                        close(q[0]);
                        close(q[1]);
                    }
                }
            }
        }
        stage *g = &c->stages[i];
        if (out_fd < 0 && i + 1 < c->n) {
            /* No pipe (out of fds): this stage cannot run, the next one sees EOF. */
            for (size_t k = 0; k < g->nprocs; k++) spawn_failed(c, &g->procs[k], UV_EMFILE);
            if (g->nprocs > 1) aggregate(g);
            close_fd(&in_fd);
            continue;
        }
        if (g->nprocs > 1) {
            spawn_workers(c, g, in_fd, out_fd);
            aggregate(g);
        } else {
            spawn_proc(c, g->procs, in_fd, out_fd);
        }
    }
    /* done is always called from the loop, even if nothing could be started. */
    uv_timer_start(&c->kick_timer, on_kick, 0, 0);
    *out = c;
    return 0;
}

size_t np__chain_size(const np_chain *c)
{
    return c->n;
}

const np_stage_status *np__chain_status(const np_chain *c, size_t i)
{
    const stage *g = &c->stages[i];
    return g->nprocs > 1 ? &g->agg : &g->procs[0].st;
}

size_t np__chain_workers(const np_chain *c, size_t i)
{
    return c->stages[i].nprocs > 1 ? c->stages[i].nprocs : 0;
}

const np_stage_status *np__chain_worker_status(const np_chain *c, size_t i, size_t k)
{
    return &c->stages[i].procs[k].st;
}

uint64_t np__chain_lines(const np_chain *c, size_t i)
{
    return i < c->n && c->stages[i].relay ? np__pump_lines(c->stages[i].relay) : 0;
}

size_t np__chain_running(const np_chain *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nprocs; i++)
        if (c->procs[i].st.started && !c->procs[i].st.exited) n++;
    return n;
}

static int stage_ok(const np_stage_status *st)
{
    return proc_ok(st);
}

int np__chain_verdict(const np_chain *c, size_t *culprit, int *pipe_out)
{
    *pipe_out = 0;
    size_t best = (size_t)-1, piped = (size_t)-1;
    for (size_t i = 0; i < c->n; i++) {
        const np_stage_status *st = np__chain_status(c, i);
        if (stage_ok(st)) continue;
        if (by_sigpipe(st) && st->reader_gone) {
            int excused = 0;
            for (size_t j = i + 1; j < c->n; j++)
                if (stage_ok(np__chain_status(c, j))) excused = 1;
            if (excused) continue;
            piped = i; /* the most downstream one wins */
            continue;
        }
        /* The root cause is the failing stage that ended first. */
        if (best == (size_t)-1 || st->exit_seq < np__chain_status(c, best)->exit_seq) best = i;
    }
    if (best == (size_t)-1 && piped == (size_t)-1) return 0;
    if (best == (size_t)-1) {
        *culprit = piped;
        if (piped + 1 == c->n) *pipe_out = 1;
        return 128 + SIGPIPE;
    }
    *culprit = best;
    const np_stage_status *st = np__chain_status(c, best);
    if (!st->started) return NP_EX_OSERR;
    if (st->term_signal) return 128 + st->term_signal;
    return (int)st->exit_status;
}

void np__chain_describe(const np_chain *c, size_t i, char *buf, size_t len)
{
    const stage *g = &c->stages[i];
    const np_stage_status *st = np__chain_status(c, i);
    if (g->nprocs > 1) {
        /* "worker 2 of 3 was killed by SIGKILL (signal 9)" */
        if (g->culprit == (size_t)-1) {
            snprintf(buf, len, "failed: %s", g->group_msg);
            return;
        }
        int n = snprintf(buf, len, "worker %zu of %zu ", g->culprit + 1, g->nprocs);
        if (n < 0 || (size_t)n >= len) return;
        buf += n;
        len -= (size_t)n;
    }
    if (!st->started)
        snprintf(buf, len, "could not be started: %s",
                 st->spawn_error ? uv_strerror(st->spawn_error) : "unknown error");
    else if (!st->exited)
        snprintf(buf, len, "is still running");
    else if (st->term_signal) {
        const char *name = sigabbrev_np(st->term_signal);
        snprintf(buf, len, "was killed by SIG%s (signal %d)", name ? name : "?", st->term_signal);
    } else
        snprintf(buf, len, "exited with code %lld", (long long)st->exit_status);
}

static void on_timer_closed(uv_handle_t *h)
{
    np_chain *c = h->data;
    if (--c->timers_open) return;
    for (size_t i = 0; i < c->nprocs; i++) {
        proc *s = &c->procs[i];
        np_buf_free(&s->line);
        free(s->st.stats);
        for (int k = 0; k < NP_TAIL_LINES; k++) free(s->st.tail[k]);
    }
    for (size_t i = 0; i < c->n; i++) free(c->stages[i].agg.stats); /* its tail is borrowed */
    free(c->procs);
    free(c->stages);
    free(c);
}

void np__chain_free(np_chain *c)
{
    if (!c || c->freeing) return;
    c->freeing = 1;
    for (size_t i = 0; i < c->nprocs; i++) close_fd(&c->procs[i].watch_fd);
    for (size_t i = 0; i < c->n; i++) {
        if (c->stages[i].relay) np__pump_free(c->stages[i].relay);
        if (c->stages[i].group) np__workers_free(c->stages[i].group);
    }
    uv_close((uv_handle_t *)&c->shutdown_timer, on_timer_closed);
    uv_close((uv_handle_t *)&c->linger_timer, on_timer_closed);
    uv_close((uv_handle_t *)&c->kick_timer, on_timer_closed);
}
