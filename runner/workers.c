/* The hand-off thread of a stage with workers (workers.h).
 *
 * Why chunks with markers, and not records: the runner must stay cheap (the filters are the
 * work) and must not parse JSON, yet the output must come back in input order whatever each
 * worker does with a record (write it changed, pass it through, drop it, reject it with no
 * output line). Each chunk is a run of whole lines sent to one worker; the worker echoes the
 * chunk's end marker after the chunk's output, so the runner knows where that output ends
 * without knowing how many lines it has, and writes out the chunks' outputs in chunk order.
 * Chunks of about NP_WORKERS_CHUNK bytes keep the markers' cost negligible and each worker
 * busy, and are cut short when the input has nothing more for now, so that a live feed's
 * records are not held back waiting for a full chunk.
 *
 * The thread polls every fd it uses and never blocks on one (the stage's input is polled
 * before each read; its output, when it is a pipe, gets a non-blocking file description of
 * its own), so that the worker whose chunk is due is always served: that is what keeps the
 * bounded buffers from deadlocking. A worker that stops reading or writing stalls the rest
 * once its buffers are full. */
#include "workers.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chunk.h"

#define NO_WORKER ((size_t)-1)

typedef struct {
    int to, from;             /* the worker's stdin and stdout; -1 once closed */
    int to_ready, from_ready; /* the fd may be used: the last poll said so, or not tried yet */
    char *obuf;               /* NP_WORKERS_OUT_BUF bytes of its output */
    size_t ostart, oend;      /* [ostart, oend): read and not yet written out */
    size_t clean;             /* [ostart, clean) holds no marker */
    size_t oscan;             /* [oscan, oend) not yet searched for finished chunks */
    unsigned inflight;        /* chunks sent whose end marker has not come back */
    int in_chunk, in_marker;  /* collect(): between a chunk's two markers; inside a marker */
    int opened;               /* merge(): the due chunk's opening marker is consumed */
    unsigned queued;          /* chunks sent whose output is not yet written out */
    char ctl[3 * NP_CHUNK_MARK_MAX]; /* marker bytes to send before anything else */
    size_t ctl_off, ctl_len;
} worker;

enum { W_IN, W_OUT, W_TO, W_FROM, W_WAKE };

struct np_workers {
    size_t n;
    worker *w;
    uv_thread_t thread;
    uv_async_t async;
    np_workers_done_cb done;
    void *arg;
    int wake; /* eventfd: np__workers_abort() */
    int joined;
    _Atomic int aborted;
    _Atomic int closed; /* the thread has closed its pipes: writers to them get EPIPE */
    _Atomic uint64_t chunks;

    /* The input. */
    int in_fd, in_ready, in_eof;
    char *ibuf; /* NP_WORKERS_IN_BUF bytes; [ipos, iend) not yet sent */
    size_t ipos, iend;
    int at_line_start;
    uint64_t lineno; /* the number of the next line to begin */
    /* The chunk being sent. */
    long cur;         /* its worker, or -1 between chunks */
    uint64_t seq;     /* its number (the next one's between chunks) */
    size_t cur_bytes; /* its bytes scanned so far */
    size_t seg;       /* bytes at ipos to send to it before scanning further */
    int end_after;    /* the chunk ends after seg */
    size_t rr;        /* where the search for a free worker starts */
    int inputs_closed;
    /* The chunks not yet written out, oldest first, as their workers' numbers. */
    uint32_t *ring;
    size_t rcap, rhead, rlen;
    uint64_t head_seq;
    /* The output. */
    int out_fd, out_ready, out_wait;

    /* The result. */
    int failed, broken;
    size_t bad;
    char msg[256];
};

static void fail(np_workers *g, size_t who, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail(np_workers *g, size_t who, const char *fmt, ...)
{
    if (g->failed) return;
    g->failed = 1;
    g->bad = who;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g->msg, sizeof g->msg, fmt, ap);
    va_end(ap);
}

static void close_fd(int *fd)
{
    if (*fd >= 0) close(*fd);
    *fd = -1;
}

/* A non-blocking file description of our own for a pipe we may share (the runner's standard
 * output): O_NONBLOCK set on a shared one would surprise whoever else writes to it. Returns
 * the fd to use; *blocking when it could not be had (a regular file, where writes do not
 * wait for a reader anyway, or no /proc). */
static int own_nonblocking(int fd, int flags, int *blocking)
{
    struct stat st;
    *blocking = 1;
    if (fstat(fd, &st) < 0 || !S_ISFIFO(st.st_mode)) return fd;
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    int nfd = open(path, flags | O_NONBLOCK | O_CLOEXEC);
    if (nfd < 0) return fd;
    close(fd);
    *blocking = 0;
    return nfd;
}

/* ---- input: cutting chunks and handing them out ------------------------------------------ */

static void put_ctl(worker *k, const char *s, size_t n)
{
    if (k->ctl_off == k->ctl_len) k->ctl_off = k->ctl_len = 0;
    if (k->ctl_off) {
        memmove(k->ctl, k->ctl + k->ctl_off, k->ctl_len - k->ctl_off);
        k->ctl_len -= k->ctl_off;
        k->ctl_off = 0;
    }
    /* At most an end marker (with a newline), a begin marker and an escape are pending. */
    memcpy(k->ctl + k->ctl_len, s, n);
    k->ctl_len += n;
}

/* Writes to worker i's stdin. Returns the bytes written, 0 when it would block, -1 on
 * failure (recorded). */
static ssize_t send_to(np_workers *g, size_t i, const char *p, size_t n)
{
    worker *k = &g->w[i];
    if (!k->to_ready || k->to < 0) return 0;
    ssize_t r = write(k->to, p, n);
    if (r >= 0) return r;
    if (errno == EAGAIN) k->to_ready = 0;
    if (errno == EAGAIN || errno == EINTR) return 0;
    if (errno == EPIPE)
        fail(g, i, "worker %zu stopped reading its input", i + 1);
    else
        fail(g, i, "writing to worker %zu: %s", i + 1, strerror(errno));
    return -1;
}

/* Reads more input when some is there now (never waits). Returns 1 read, 0 nothing yet,
 * -1 end of input (or a failure, recorded). */
static int read_input(np_workers *g)
{
    g->ipos = g->iend = 0;
    if (!g->in_ready) {
        struct pollfd pf = {g->in_fd, POLLIN, 0};
        if (poll(&pf, 1, 0) <= 0) return 0;
    }
    g->in_ready = 0; /* a pipe's next read could block: poll again first */
    ssize_t k = read(g->in_fd, g->ibuf, NP_WORKERS_IN_BUF);
    if (k < 0 && (errno == EINTR || errno == EAGAIN)) return 0;
    if (k <= 0) {
        if (k < 0) fail(g, NO_WORKER, "reading the stage's input: %s", strerror(errno));
        g->in_eof = 1;
        close_fd(&g->in_fd);
        return -1;
    }
    g->iend = (size_t)k;
    return 1;
}

/* The worker for the next chunk: one with room for it, the least busy first, in turn. */
static long pick_worker(np_workers *g)
{
    if (g->rlen == g->rcap) return -1;
    long best = -1;
    for (size_t j = 0; j < g->n; j++) {
        size_t i = (g->rr + j) % g->n;
        const worker *k = &g->w[i];
        if (k->to < 0 || k->inflight >= NP_WORKERS_INFLIGHT || k->queued >= NP_WORKERS_QUEUED)
            continue;
        if (best < 0 || k->inflight < g->w[best].inflight) best = (long)i;
    }
    if (best >= 0) g->rr = (size_t)best + 1;
    return best;
}

static void start_chunk(np_workers *g, long i)
{
    worker *k = &g->w[i];
    char m[NP_CHUNK_MARK_MAX];
    size_t n = np_chunk_begin(m, g->lineno);
    put_ctl(k, m, n);
    k->inflight++;
    k->queued++;
    g->ring[(g->rhead + g->rlen) % g->rcap] = (uint32_t)i;
    g->rlen++;
    g->cur = i;
    g->cur_bytes = g->seg = 0;
    g->end_after = 0;
    atomic_fetch_add_explicit(&g->chunks, 1, memory_order_relaxed);
}

static void end_chunk(np_workers *g)
{
    char m[NP_CHUNK_MARK_MAX + 1];
    size_t n = 0;
    int added = !g->at_line_start; /* the input's last line has no newline */
    if (added) {
        m[n++] = '\n';
        g->at_line_start = 1;
        g->lineno++;
    }
    n += np_chunk_end(m + n, g->seq, added);
    put_ctl(&g->w[g->cur], m, n);
    g->seq++;
    g->cur = -1;
}

/* Finds how much of the input at ipos goes to the current chunk now: whole lines up to
 * about NP_WORKERS_CHUNK bytes (a longer line whole), numbering lines as it goes. A line
 * that begins with RS is preceded by an escape marker (chunk.h). */
static void scan(np_workers *g)
{
    const char *p = g->ibuf + g->ipos, *end = g->ibuf + g->iend, *s = p;
    while (s < end) {
        if (g->at_line_start) {
            if (*s == NP_CHUNK_RS) {
                if (s > p) break; /* send what comes before it first */
                char m[NP_CHUNK_MARK_MAX];
                size_t n = np_chunk_data(m);
                put_ctl(&g->w[g->cur], m, n);
            }
            g->at_line_start = 0;
        }
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        if (!nl) {
            s = end;
            break;
        }
        s = nl + 1;
        g->at_line_start = 1;
        g->lineno++;
        if (g->cur_bytes + (size_t)(s - p) >= NP_WORKERS_CHUNK) {
            g->end_after = 1;
            break;
        }
    }
    g->seg = (size_t)(s - p);
    g->cur_bytes += g->seg;
}

/* Sends the markers waiting for each worker. Returns 1 when something was sent. */
static int send_markers(np_workers *g)
{
    int progress = 0;
    for (size_t i = 0; i < g->n && !g->failed; i++) {
        worker *k = &g->w[i];
        if (k->ctl_off == k->ctl_len) continue;
        ssize_t r = send_to(g, i, k->ctl + k->ctl_off, k->ctl_len - k->ctl_off);
        if (r > 0) {
            k->ctl_off += (size_t)r;
            progress = 1;
        }
    }
    return progress;
}

/* At the end of the input, once every marker is out: the workers' stdins are closed. */
static void close_inputs(np_workers *g)
{
    for (size_t i = 0; i < g->n; i++)
        if (g->w[i].ctl_off < g->w[i].ctl_len) return;
    for (size_t i = 0; i < g->n; i++) close_fd(&g->w[i].to);
    g->inputs_closed = 1;
}

/* Moves input to the workers as far as it can without waiting. Returns 1 on progress. */
static int feed(np_workers *g)
{
    int progress = 0;
    while (!g->failed && !g->broken && !g->inputs_closed) {
        progress |= send_markers(g);
        if (g->failed) break;
        if (g->cur < 0) {
            if (g->ipos == g->iend) {
                if (g->in_eof) {
                    close_inputs(g);
                    break;
                }
                if (read_input(g) == 0) break;
                progress = 1;
                continue;
            }
            long i = pick_worker(g);
            if (i < 0) break;
            start_chunk(g, i);
            progress = 1;
            continue; /* its begin marker goes first */
        }
        worker *k = &g->w[g->cur];
        if (k->ctl_off < k->ctl_len) break; /* its markers could not all be sent */
        if (g->seg == 0) {
            if (g->end_after) {
                end_chunk(g);
                progress = 1;
                continue;
            }
            if (g->ipos == g->iend) {
                if (g->in_eof) {
                    end_chunk(g);
                    progress = 1;
                    continue;
                }
                int r = read_input(g);
                if (r == 0) {
                    /* Nothing more for now: a live feed's records must not wait for a full
                     * chunk. */
                    if (g->at_line_start && g->cur_bytes > 0) {
                        end_chunk(g);
                        progress = 1;
                        continue;
                    }
                    break;
                }
                progress = 1;
                continue;
            }
            scan(g);
            if (k->ctl_off < k->ctl_len) continue; /* an escape goes first */
        }
        ssize_t r = send_to(g, (size_t)g->cur, g->ibuf + g->ipos, g->seg);
        if (r <= 0) break;
        g->ipos += (size_t)r;
        g->seg -= (size_t)r;
        progress = 1;
    }
    return progress;
}

/* ---- output: reading the workers and writing the chunks out in order --------------------- */

/* Whether worker k's buffer can take more: it is emptied, or compacted once half of it has
 * been written out (so each byte moves at most once). */
static int has_room(const worker *k)
{
    return k->oend < NP_WORKERS_OUT_BUF || k->ostart == k->oend ||
           k->ostart >= NP_WORKERS_OUT_BUF / 2;
}

static void make_room(worker *k)
{
    if (k->ostart == k->oend) {
        k->ostart = k->oend = k->clean = k->oscan = 0;
    } else if (k->ostart >= NP_WORKERS_OUT_BUF / 2) {
        size_t shift = k->ostart;
        memmove(k->obuf, k->obuf + shift, k->oend - shift);
        k->ostart = 0;
        k->oend -= shift;
        k->clean -= shift;
        k->oscan -= shift;
    }
}

static void worker_eof(np_workers *g, size_t i)
{
    worker *k = &g->w[i];
    close_fd(&k->from);
    if (g->broken) return;
    if (k->to >= 0)
        fail(g, i, "worker %zu closed its output before the end of its input", i + 1);
    else if (k->inflight)
        fail(g, i, "worker %zu ended in the middle of a chunk", i + 1);
}

/* Follows worker i's new output: each chunk's output comes between an opening marker and an
 * end marker (chunk.h), and nothing may come outside them. An end marker makes room for a
 * new chunk. Markers are found by their RS; merge() reads them whole. */
static void scan_output(np_workers *g, size_t i)
{
    worker *k = &g->w[i];
    const char *p = k->obuf + k->oscan, *end = k->obuf + k->oend;
    while (p < end) {
        if (k->in_marker) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            if (!nl) break;
            k->in_marker = 0;
            p = nl + 1;
        } else if (!k->in_chunk) {
            if (*p != NP_CHUNK_RS) {
                fail(g, i, "worker %zu wrote output outside its chunks", i + 1);
                return;
            }
            if (!k->inflight) { /* no chunk was sent that has not ended */
                fail(g, i, "worker %zu wrote a chunk marker it was not sent", i + 1);
                return;
            }
            k->in_chunk = k->in_marker = 1;
            p++;
        } else {
            p = memchr(p, NP_CHUNK_RS, (size_t)(end - p));
            if (!p) break;
            k->inflight--;
            k->in_chunk = 0;
            k->in_marker = 1;
            p++;
        }
    }
    k->oscan = k->oend;
}

/* Reads what the workers wrote, one read per worker per round. Returns 1 on progress. */
static int collect(np_workers *g)
{
    int progress = 0;
    for (size_t i = 0; i < g->n && !g->failed; i++) {
        worker *k = &g->w[i];
        if (k->from < 0 || !k->from_ready || !has_room(k)) continue;
        make_room(k);
        ssize_t r = read(k->from, k->obuf + k->oend, NP_WORKERS_OUT_BUF - k->oend);
        if (r < 0) {
            if (errno == EAGAIN) k->from_ready = 0;
            if (errno != EAGAIN && errno != EINTR)
                fail(g, i, "reading worker %zu: %s", i + 1, strerror(errno));
            continue;
        }
        progress = 1;
        if (r == 0) {
            worker_eof(g, i);
            continue;
        }
        k->oend += (size_t)r;
        scan_output(g, i);
    }
    return progress;
}

/* Writes out the oldest chunk's output, and the next ones' as they are complete. Returns 1
 * on progress. */
static int merge(np_workers *g)
{
    int progress = 0;
    g->out_wait = 0;
    while (g->rlen && !g->failed && !g->broken) {
        size_t i = g->ring[g->rhead];
        worker *k = &g->w[i];
        if (k->clean < k->ostart) k->clean = k->ostart;
        const char *rs =
            k->clean < k->oend ? memchr(k->obuf + k->clean, NP_CHUNK_RS, k->oend - k->clean) : NULL;
        k->clean = rs ? (size_t)(rs - k->obuf) : k->oend;
        size_t body = k->clean - k->ostart;
        if (body && k->opened) {
            if (!g->out_ready) {
                g->out_wait = 1;
                break;
            }
            ssize_t r = write(g->out_fd, k->obuf + k->ostart, body);
            if (r < 0) {
                if (errno == EAGAIN) {
                    g->out_ready = 0;
                    g->out_wait = 1;
                    break;
                }
                if (errno == EINTR) continue;
                if (errno == EPIPE)
                    g->broken = 1; /* whoever reads the stage went away: head semantics */
                else
                    fail(g, NO_WORKER, "writing the stage's output: %s", strerror(errno));
                break;
            }
            k->ostart += (size_t)r;
            progress = 1;
            continue;
        }
        if (body) { /* before the chunk's opening marker: scan_output has failed the stage */
            fail(g, i, "worker %zu wrote output outside its chunks", i + 1);
            break;
        }
        if (!rs) break; /* the chunk's output goes on */
        size_t avail = k->oend - k->ostart;
        const char *nl = memchr(rs, '\n', avail < NP_CHUNK_MARK_MAX ? avail : NP_CHUNK_MARK_MAX);
        if (!nl) {
            if (avail >= NP_CHUNK_MARK_MAX || k->from < 0)
                fail(g, i, "worker %zu wrote a broken chunk marker", i + 1);
            break; /* the rest of the marker is on its way */
        }
        uint64_t seq;
        int added;
        np_chunk_mark mark = np_chunk_parse(rs, (size_t)(nl - rs), &seq, &added);
        if (!k->opened) {
            if (mark != NP_CHUNK_OPEN) {
                fail(g, i, "worker %zu: expected the start of chunk %llu", i + 1,
                     (unsigned long long)g->head_seq);
                break;
            }
            k->opened = 1;
            k->ostart = k->clean = (size_t)(nl - k->obuf) + 1;
            progress = 1;
            continue;
        }
        if (mark != NP_CHUNK_END || added || seq != g->head_seq) {
            fail(g, i, "worker %zu: expected the end of chunk %llu", i + 1,
                 (unsigned long long)g->head_seq);
            break;
        }
        k->ostart = k->clean = (size_t)(nl - k->obuf) + 1;
        k->opened = 0;
        k->queued--;
        g->rhead = (g->rhead + 1) % g->rcap;
        g->rlen--;
        g->head_seq++;
        progress = 1;
    }
    return progress;
}

/* ---- the thread ------------------------------------------------------------------------- */

static int finished(np_workers *g)
{
    if (g->failed || g->broken || atomic_load(&g->aborted)) return 1;
    if (!g->inputs_closed || g->rlen) return 0;
    for (size_t i = 0; i < g->n; i++)
        if (g->w[i].from >= 0) return 0;
    for (size_t i = 0; i < g->n; i++)
        if (g->w[i].oend > g->w[i].ostart) {
            fail(g, i, "worker %zu wrote output after its last chunk", i + 1);
            break;
        }
    return 1;
}

/* Waits until one of the fds the hand-off is waiting for is ready. */
static void wait_ready(np_workers *g, struct pollfd *pf, unsigned char *kind, size_t *idx)
{
    size_t n = 0;
    pf[n] = (struct pollfd){g->wake, POLLIN, 0};
    kind[n++] = W_WAKE;
    if (g->in_fd >= 0 && !g->in_ready && g->ipos == g->iend) {
        pf[n] = (struct pollfd){g->in_fd, POLLIN, 0};
        kind[n++] = W_IN;
    }
    if (g->out_wait && !g->out_ready) {
        pf[n] = (struct pollfd){g->out_fd, POLLOUT, 0};
        kind[n++] = W_OUT;
    }
    for (size_t i = 0; i < g->n; i++) {
        worker *k = &g->w[i];
        int to_send = k->ctl_off < k->ctl_len || ((long)i == g->cur && g->seg > 0);
        if (k->to >= 0 && !k->to_ready && to_send) {
            pf[n] = (struct pollfd){k->to, POLLOUT, 0};
            kind[n] = W_TO;
            idx[n++] = i;
        }
        if (k->from >= 0 && !k->from_ready && has_room(k)) {
            pf[n] = (struct pollfd){k->from, POLLIN, 0};
            kind[n] = W_FROM;
            idx[n++] = i;
        }
    }
    if (n == 1) {
        fail(g, NO_WORKER, "internal error: the hand-off has nothing to wait for");
        return;
    }
    int r;
    do r = poll(pf, n, -1);
    while (r < 0 && errno == EINTR);
    if (r < 0) {
        fail(g, NO_WORKER, "poll: %s", strerror(errno));
        return;
    }
    for (size_t j = 0; j < n; j++) {
        if (!pf[j].revents) continue;
        switch (kind[j]) {
        case W_WAKE: {
            uint64_t v;
            if (read(g->wake, &v, sizeof v) < 0) (void)0;
            break;
        }
        case W_IN: g->in_ready = 1; break;
        case W_OUT: g->out_ready = 1; break;
        case W_TO: g->w[idx[j]].to_ready = 1; break;
        case W_FROM: g->w[idx[j]].from_ready = 1; break;
        }
    }
}

static void thread_main(void *arg)
{
    np_workers *g = arg;
    size_t cap = 3 + 2 * g->n;
    struct pollfd *pf = malloc(cap * sizeof *pf);
    unsigned char *kind = malloc(cap);
    size_t *idx = malloc(cap * sizeof *idx);
    if (!pf || !kind || !idx) fail(g, NO_WORKER, "out of memory");
    while (!finished(g)) {
        int progress;
        do {
            progress = feed(g);
            progress |= collect(g);
            progress |= merge(g);
        } while (progress && !g->failed && !g->broken && !atomic_load(&g->aborted));
        if (finished(g)) break;
        wait_ready(g, pf, kind, idx);
    }
    free(pf);
    free(kind);
    free(idx);
    /* Done or given up: whatever is still open is closed, so that the workers see EOF (or
     * EPIPE) and the stages around see EOF or EPIPE as from one process that ended. */
    atomic_store(&g->closed, 1); /* before: a writer's SIGPIPE must find it set */
    close_fd(&g->in_fd);
    for (size_t i = 0; i < g->n; i++) {
        close_fd(&g->w[i].to);
        close_fd(&g->w[i].from);
    }
    if (close(g->out_fd) < 0 && errno != EINTR && !g->failed && !g->broken)
        fail(g, NO_WORKER, "writing the stage's output: %s", strerror(errno));
    g->out_fd = -1;
    uv_async_send(&g->async);
}

static void on_async(uv_async_t *a)
{
    np_workers *g = a->data;
    uv_thread_join(&g->thread);
    g->joined = 1;
    if (g->done) g->done(g, g->arg);
}

static void release(np_workers *g)
{
    if (g->wake >= 0) close(g->wake);
    for (size_t i = 0; g->w && i < g->n; i++) free(g->w[i].obuf);
    free(g->w);
    free(g->ibuf);
    free(g->ring);
    free(g);
}

int np__workers_start(np_workers **out, uv_loop_t *loop, const np_workers_config *cfg,
                      np_workers_done_cb done, void *arg)
{
    np_workers *g = calloc(1, sizeof *g);
    int err = UV_ENOMEM;
    if (g) {
        g->n = cfg->n;
        g->wake = -1;
        g->w = calloc(cfg->n, sizeof *g->w);
        g->ibuf = malloc(NP_WORKERS_IN_BUF);
        g->rcap = cfg->n * NP_WORKERS_QUEUED;
        g->ring = malloc(g->rcap * sizeof *g->ring);
    }
    int ok = g && g->w && g->ibuf && g->ring;
    for (size_t i = 0; ok && i < cfg->n; i++)
        ok = (g->w[i].obuf = malloc(NP_WORKERS_OUT_BUF)) != NULL;
    if (ok && (g->wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0) {
        err = -errno;
        ok = 0;
    }
    if (ok && (err = uv_async_init(loop, &g->async, on_async)) != 0) ok = 0;
    if (!ok) {
        if (g) release(g);
        close(cfg->in_fd);
        close(cfg->out_fd);
        for (size_t i = 0; i < cfg->n; i++) {
            close(cfg->to_fd[i]);
            close(cfg->from_fd[i]);
        }
        return err;
    }
    g->async.data = g;
    g->done = done;
    g->arg = arg;
    g->in_fd = cfg->in_fd;
    int blocking;
    g->out_fd = own_nonblocking(cfg->out_fd, O_WRONLY, &blocking);
    g->out_ready = 1;
    g->at_line_start = 1;
    g->lineno = 1;
    g->cur = -1;
    for (size_t i = 0; i < cfg->n; i++) {
        g->w[i].to = cfg->to_fd[i];
        g->w[i].from = cfg->from_fd[i];
        g->w[i].to_ready = g->w[i].from_ready = 1;
    }
    if ((err = uv_thread_create(&g->thread, thread_main, g)) != 0) {
        /* Nothing ran: the fds are still ours to close, the handle the loop's. */
        close_fd(&g->in_fd);
        close_fd(&g->out_fd);
        for (size_t i = 0; i < cfg->n; i++) {
            close_fd(&g->w[i].to);
            close_fd(&g->w[i].from);
        }
        g->done = NULL;
        g->joined = 1;
        np__workers_free(g);
        return err;
    }
    *out = g;
    return 0;
}

void np__workers_abort(np_workers *g)
{
    atomic_store(&g->aborted, 1);
    uint64_t one = 1;
    if (write(g->wake, &one, sizeof one) < 0) (void)0;
}

int np__workers_status(const np_workers *g, size_t *who, const char **msg)
{
    *who = g->bad;
    *msg = g->msg;
    if (g->failed) return -1;
    if (atomic_load(&((np_workers *)g)->aborted) && !g->broken) {
        *who = NO_WORKER;
        *msg = "stopped";
        return -1;
    }
    return 0;
}

int np__workers_closed(const np_workers *g)
{
    return atomic_load(&((np_workers *)g)->closed);
}

int np__workers_broken(const np_workers *g)
{
    return g->broken;
}

uint64_t np__workers_chunks(const np_workers *g)
{
    return atomic_load_explicit(&((np_workers *)g)->chunks, memory_order_relaxed);
}

static void on_close(uv_handle_t *h)
{
    release(h->data);
}

void np__workers_free(np_workers *g)
{
    if (!g) return;
    if (!g->joined) {
        np__workers_abort(g);
        uv_thread_join(&g->thread);
        g->joined = 1;
    }
    uv_close((uv_handle_t *)&g->async, on_close);
}
