/* The socket source: producers connect to a Unix socket or a TCP address (loopback unless
 * told otherwise) and write NDJSON lines. Whole lines go to the intake queue; each time a
 * batch is cut (made durable) every producer with lines in it is sent {"acked":N}, N being
 * the count of its lines accepted so far. A producer that half-closes its side gets its final
 * acknowledgement before the server closes the connection; one that needs at-least-once
 * delivery resends what was not acknowledged.
 *
 * Memory is bounded: one read buffer for all connections (libuv fills it and calls on_read at
 * once, which copies what it keeps), a line in progress of at most max_line bytes per
 * connection (longer lines are dropped and counted), at most max_clients connections (more
 * wait in the listen backlog), and when the queue is full no connection is read at all: the
 * kernel's buffers fill and the producers block.
 *
 * Idle and slow clients cannot hold the slots: a connection that sends nothing for
 * idle_timeout, or leaves a line unfinished for read_timeout after its first byte, is
 * finished (its last acknowledgement written, then closed); and when every slot is taken
 * while another connection waits, the connection idle the longest (no line in progress,
 * nothing unacknowledged) makes way for it. /health says "saturated" while a connection
 * waits and no slot can be freed. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "buf.h"
#include "serve.h"

#define READ_BUF 65536
#define SWEEP_MS 250 /* how often the timeouts are checked */

typedef struct conn conn;

typedef struct {
    np_server *s;
    union {
        uv_tcp_t tcp;
        uv_pipe_t pipe;
    } listener;
    int is_unix;
    char *unix_path;
    int listening;
    conn *conns;
    uint64_t nconns;
    int accept_waiting; /* a connection waits for a free slot */
    char *rbuf;         /* the read buffer all connections share */
    uv_timer_t sweep;   /* timeouts */
    int paused;
    int stopped;
    int sweep_open;
    void (*done)(np_server *s);
    uint64_t next_id;
} sock_src;

struct conn {
    union {
        uv_tcp_t tcp;
        uv_pipe_t pipe;
    } h;
    sock_src *src;
    conn *prev, *next;
    np_buf partial;            /* a line in progress */
    uint64_t last_ms, line_ms; /* loop time of the last read, and of a line's first byte */
    int discarding;            /* dropping a line longer than max_line */
    uint64_t lines;            /* whole lines appended to the intake */
    uint64_t acked;            /* lines acknowledged */
    int eof, reading, closing;
    int finishing; /* timed out: no more reading; closed once acknowledged */
    uv_write_t wr;
    int writing, ack_dirty;
    char ack[64];
    uint64_t id;
};

static uv_stream_t *stream_of(conn *c)
{
    return (uv_stream_t *)&c->h;
}

static void maybe_done(sock_src *src)
{
    if (src->stopped && !src->listening && !src->nconns && !src->sweep_open && src->done) {
        void (*done)(np_server *) = src->done;
        src->done = NULL;
        done(src->s);
    }
}

static void accept_one(sock_src *src);

static void on_conn_closed(uv_handle_t *h)
{
    conn *c = h->data;
    sock_src *src = c->src;
    if (c->prev)
        c->prev->next = c->next;
    else
        src->conns = c->next;
    if (c->next) c->next->prev = c->prev;
    src->nconns--;
    np_buf_free(&c->partial);
    free(c);
    if (src->accept_waiting && !src->stopped) accept_one(src);
    maybe_done(src);
}

static void close_conn(conn *c)
{
    if (c->closing) return;
    c->closing = 1;
    if (c->reading) uv_read_stop(stream_of(c));
    c->reading = 0;
    uv_close((uv_handle_t *)&c->h, on_conn_closed);
}

static void send_ack(conn *c);

static void on_write(uv_write_t *w, int status)
{
    conn *c = w->data;
    c->writing = 0;
    if (status < 0) { /* the producer went away: nothing more to tell it */
        c->ack_dirty = 0;
        if (c->eof || c->finishing || c->src->stopped) close_conn(c);
        return;
    }
    if (c->ack_dirty) return send_ack(c);
    if ((c->eof || c->finishing || c->src->stopped) && c->acked == c->lines) close_conn(c);
}

static void send_ack(conn *c)
{
    if (c->closing) return;
    if (c->writing) {
        c->ack_dirty = 1;
        return;
    }
    c->ack_dirty = 0;
    int n = snprintf(c->ack, sizeof c->ack, "{\"acked\":%" PRIu64 "}\n", c->acked);
    uv_buf_t b = uv_buf_init(c->ack, (unsigned)n);
    c->wr.data = c;
    if (uv_write(&c->wr, stream_of(c), &b, 1, on_write) == 0)
        c->writing = 1;
    else if (c->eof || c->finishing || c->src->stopped)
        close_conn(c);
}

/* A batch was cut: what every connection had written is durable. */
static void on_cut(np_server *s, void *arg)
{
    (void)arg;
    sock_src *src = s->source;
    if (!src) return;
    for (conn *c = src->conns, *next; c; c = next) {
        next = c->next;
        if (c->lines > c->acked) {
            c->acked = c->lines;
            send_ack(c);
        }
    }
}

static void pause_all(sock_src *src)
{
    src->paused = 1;
    for (conn *c = src->conns; c; c = c->next)
        if (c->reading) {
            uv_read_stop(stream_of(c));
            c->reading = 0;
        }
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    (void)suggested;
    conn *c = h->data;
    *buf = uv_buf_init(c->src->rbuf, READ_BUF);
}

/* Counts and logs a line dropped for its length. */
static void note_too_long(conn *c)
{
    np_server *s = c->src->s;
    s->stats.too_long++;
    np__serve_log(s, NP_LOG_WARNING,
                  "connection %" PRIu64 ": a line longer than max_line (%" PRIu64 " bytes) "
                  "dropped",
                  c->id, s->sc->max_line);
}

/* The line in progress is too long: dropped, and the rest of it up to its newline too. */
static void too_long(conn *c)
{
    note_too_long(c);
    c->discarding = 1;
    np_buf_free(&c->partial);
}

/* Whether a line in progress of n bytes is already over max_line: more than max_line bytes
 * and a CR, which a CRLF ending would not count. */
static int over(const np_server *s, size_t n)
{
    return n > s->sc->max_line && n - s->sc->max_line > 1;
}

/* Appends the whole lines of p[0..n) (n > 0, ending with a newline) to the intake, in runs;
 * a line longer than max_line (its LF, and a CR before it, not counted) is dropped. Returns
 * 0 or -1 (the intake failed). */
static int take_lines(conn *c, const char *p, size_t n)
{
    np_server *s = c->src->s;
    const char *run = p, *end = p + n;
    uint64_t k = 0;
    for (const char *q = p; q < end;) {
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        size_t l = (size_t)(nl - q);
        if (l && nl[-1] == '\r') l--;
        if (l > s->sc->max_line) {
            c->lines += k;
            if (q > run && np__intake_append(s, run, (size_t)(q - run), k) < 0) return -1;
            note_too_long(c);
            k = 0;
            run = nl + 1;
        } else {
            k++;
        }
        q = nl + 1;
    }
    c->lines += k;
    return end > run && np__intake_append(s, run, (size_t)(end - run), k) < 0 ? -1 : 0;
}

/* Takes n bytes a producer sent. Returns 0 or -1 (the intake failed). */
static int take(conn *c, const char *p, size_t n)
{
    np_server *s = c->src->s;
    const char *end = p + n;
    c->last_ms = uv_now(s->loop);
    if (!c->partial.len && !c->discarding) c->line_ms = c->last_ms;
    if (c->partial.len || c->discarding) {
        const char *nl = memchr(p, '\n', n);
        if (!nl) {
            if (c->discarding) return 0;
            if (over(s, c->partial.len + n)) {
                too_long(c);
                return 0;
            }
            return np_buf_append(&c->partial, p, n) < 0 ? (too_long(c), 0) : 0;
        }
        size_t head = (size_t)(nl + 1 - p);
        /* the line's length without its LF, and without a CR before it */
        size_t l = c->partial.len + head - 1;
        char before = head > 1 ? nl[-1] : c->partial.len ? c->partial.data[c->partial.len - 1] : 0;
        if (before == '\r') l--;
        if (c->discarding) {
            c->discarding = 0;
        } else if (l > s->sc->max_line) {
            too_long(c);
            c->discarding = 0;
        } else {
            /* Counted first: the append may cut the batch, and the cut acknowledges what is
             * counted. */
            c->lines++;
            if (np__intake_append(s, c->partial.data, c->partial.len, 0) < 0 ||
                np__intake_append(s, p, head, 1) < 0)
                return -1;
        }
        np_buf_clear(&c->partial);
        p += head;
    }
    if (p == end) return 0;
    const char *last = memrchr(p, '\n', (size_t)(end - p));
    if (last) {
        if (take_lines(c, p, (size_t)(last + 1 - p)) < 0) return -1;
        p = last + 1;
    }
    if (p < end) {
        if (last) c->line_ms = c->last_ms; /* a new line starts here */
        if (over(s, (size_t)(end - p)))
            too_long(c);
        else if (np_buf_append(&c->partial, p, (size_t)(end - p)) < 0)
            too_long(c);
    }
    return 0;
}

static void on_read(uv_stream_t *st, ssize_t nread, const uv_buf_t *buf)
{
    conn *c = st->data;
    sock_src *src = c->src;
    np_server *s = src->s;
    (void)buf;
    if (nread > 0) {
        if (take(c, src->rbuf, (size_t)nread) < 0) {
            close_conn(c);
            return;
        }
        if (np__intake_full(s)) pause_all(src);
        return;
    }
    if (nread == 0) return;
    /* EOF or an error: a last line without a newline is still a line. */
    if (c->partial.len && !c->discarding && nread == UV_EOF) {
        c->lines++;
        if (np__intake_append(s, c->partial.data, c->partial.len, 0) < 0 ||
            np__intake_append(s, "\n", 1, 1) < 0)
            c->lines--;
    }
    np_buf_free(&c->partial);
    uv_read_stop(st);
    c->reading = 0;
    c->eof = 1;
    if (nread != UV_EOF) return close_conn(c);
    if (c->acked == c->lines && !c->writing) {
        if (c->lines)
            send_ack(c); /* resent: the producer waits for one after EOF */
        else
            close_conn(c);
    }
}

static void start_reading(conn *c)
{
    if (c->reading || c->eof || c->closing || c->finishing) return;
    if (uv_read_start(stream_of(c), on_alloc, on_read) == 0) c->reading = 1;
}

/* Nothing in flight: no line in progress, everything it sent acknowledged, and nothing
 * waiting to be read (a connection just accepted may have sent its first line already). */
static int is_idle(conn *c)
{
    if (c->closing || c->partial.len || c->discarding || c->writing || c->acked != c->lines)
        return 0;
    uv_os_fd_t fd;
    int pending = 0;
    return uv_fileno((uv_handle_t *)&c->h, &fd) != 0 || ioctl(fd, FIONREAD, &pending) != 0 ||
           pending == 0;
}

/* Stops reading c and closes it once what it sent is acknowledged (now, if it is). */
static void finish(conn *c)
{
    if (c->closing) return;
    if (c->reading) uv_read_stop(stream_of(c));
    c->reading = 0;
    c->finishing = 1;
    np_buf_free(&c->partial); /* an unfinished line: never acknowledged */
    c->discarding = 0;
    if (!c->writing && c->acked == c->lines) close_conn(c);
}

/* Every slot is taken and a connection waits: the connection idle the longest makes way.
 * Returns 1 when one was closed (accept_one runs again once it is gone). */
static int evict_one(sock_src *src)
{
    conn *oldest = NULL;
    for (conn *c = src->conns; c; c = c->next)
        if (is_idle(c) && (!oldest || c->last_ms < oldest->last_ms)) oldest = c;
    if (!oldest) return 0;
    src->s->stats.evicted++;
    close_conn(oldest);
    return 1;
}

static void accept_one(sock_src *src)
{
    np_server *s = src->s;
    if (src->nconns >= s->sc->max_clients) {
        src->accept_waiting = 1; /* libuv stops watching the listener until we accept */
        evict_one(src);
        return;
    }
    src->accept_waiting = 0;
    conn *c = calloc(1, sizeof *c);
    if (!c) {
        src->accept_waiting = 1;
        return;
    }
    c->src = src;
    c->id = ++src->next_id;
    c->last_ms = c->line_ms = uv_now(s->loop);
    if (src->is_unix)
        uv_pipe_init(s->loop, &c->h.pipe, 0);
    else
        uv_tcp_init(s->loop, &c->h.tcp);
    c->h.tcp.data = c;
    if (src->conns) src->conns->prev = c;
    c->next = src->conns;
    src->conns = c;
    src->nconns++;
    if (uv_accept((uv_stream_t *)&src->listener, stream_of(c)) != 0) {
        close_conn(c);
        return;
    }
    s->stats.connections++;
    if (!src->paused) start_reading(c);
}

/* Finishes the connections past idle_timeout or read_timeout. Not while intake is paused:
 * then nobody is read, and the clocks start again when reading resumes. */
static void on_sweep(uv_timer_t *t)
{
    sock_src *src = t->data;
    np_server *s = src->s;
    if (src->stopped || src->paused) return;
    uint64_t now = uv_now(s->loop);
    uint64_t idle_ms = (uint64_t)s->sc->idle_ms, read_ms = (uint64_t)s->sc->read_ms;
    unsigned idle = 0, slow = 0;
    for (conn *c = src->conns; c; c = c->next) {
        if (c->closing || c->finishing || c->eof) continue;
        int in_line = c->partial.len || c->discarding;
        if (in_line && read_ms && now - c->line_ms >= read_ms) {
            slow++;
            finish(c);
        } else if (!in_line && idle_ms && now - c->last_ms >= idle_ms) {
            idle++;
            finish(c);
        }
    }
    if (idle || slow) {
        s->stats.timed_out += idle + slow;
        np__serve_log(s, NP_LOG_INFO,
                      "closed %u connection%s idle for idle_timeout and %u with a line "
                      "unfinished after read_timeout",
                      idle, idle == 1 ? "" : "s", slow);
    }
    /* One that was busy when a connection came may be idle now. */
    if (src->accept_waiting) evict_one(src);
}

static void on_sweep_closed(uv_handle_t *h)
{
    sock_src *src = h->data;
    src->sweep_open = 0;
    maybe_done(src);
}

static void on_connection(uv_stream_t *server, int status)
{
    sock_src *src = server->data;
    if (status < 0) {
        np__serve_log(src->s, NP_LOG_WARNING, "accept: %s", uv_strerror(status));
        return;
    }
    if (src->stopped) return;
    accept_one(src);
}

/* An existing socket file at path: refuse when a server answers there, else remove it. */
static int clear_stale(np_server *s, const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0) return 0;
    if (!S_ISSOCK(st.st_mode)) {
        np__serve_log(s, NP_LOG_ERR, "%s exists and is not a socket", path);
        return -1;
    }
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
    int alive = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
    if (fd >= 0) close(fd);
    if (alive) {
        np__serve_log(s, NP_LOG_ERR, "%s: another server is listening there", path);
        return -1;
    }
    unlink(path);
    return 0;
}

/* Gives the bound socket file its socket_mode and socket_group, before anyone can connect
 * (the listen comes after): its mode otherwise follows the umask, and under systemd's
 * UMask=0027 producers of another user could not connect (they need write permission). */
static int set_access(np_server *s, const char *path)
{
    const np_serve_conf *sc = s->sc;
    gid_t gid;
    if (sc->socket_group && np__socket_group(sc->socket_group, &gid) < 0) {
        np__serve_log(s, NP_LOG_ERR, "socket_group '%s': no such group", sc->socket_group);
        return -1;
    }
    if (sc->socket_group && chown(path, (uid_t)-1, gid) < 0) {
        np__serve_log(s, NP_LOG_ERR,
                      "cannot give %s to group %s: %s (the server's user must be a member: "
                      "SupplementaryGroups= under systemd)",
                      path, sc->socket_group, strerror(errno));
        return -1;
    }
    if (sc->socket_mode >= 0 && chmod(path, (mode_t)sc->socket_mode) < 0) {
        np__serve_log(s, NP_LOG_ERR, "cannot set the mode of %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* The kernel caps the listen backlog at net.core.somaxconn: say so when it cuts it. */
static void check_backlog(np_server *s, uint64_t backlog)
{
    FILE *f = fopen("/proc/sys/net/core/somaxconn", "r");
    unsigned long max = 0;
    if (!f) return;
    if (fscanf(f, "%lu", &max) == 1 && max && backlog > max)
        np__serve_log(s, NP_LOG_WARNING,
                      "backlog %" PRIu64 " is cut to %lu by the kernel (net.core.somaxconn)",
                      backlog, max);
    fclose(f);
}

static int socket_start(np_server *s)
{
    sock_src *src = calloc(1, sizeof *src);
    if (!src) return -1;
    src->s = s;
    s->source = src;
    uv_timer_init(s->loop, &src->sweep);
    src->sweep.data = src;
    src->sweep_open = 1;
    if (!(src->rbuf = malloc(READ_BUF))) return -1;
    np_intake_hooks h = {on_cut, NULL};
    /* Lines a crashed server had read (and not acknowledged) are queued: the producer may
     * send them again, and dedupe drops the repeats. */
    if (np__intake_open(s, 1, &h) < 0) return -1;
    struct sockaddr_storage ss;
    char *path = NULL;
    if (np__parse_address(s->sc->src_path, &ss, &path) < 0) {
        np__serve_log(s, NP_LOG_ERR, "bad listen address '%s'", s->sc->src_path);
        return -1;
    }
    int rc, denied = 0;
    if (path) {
        src->is_unix = 1;
        src->unix_path = path;
        if (clear_stale(s, path) < 0) return -1;
        uv_pipe_init(s->loop, &src->listener.pipe, 0);
        rc = uv_pipe_bind(&src->listener.pipe, path);
        if (rc == 0 && set_access(s, path) < 0) denied = 1;
    } else {
        uv_tcp_init(s->loop, &src->listener.tcp);
        rc = uv_tcp_bind(&src->listener.tcp, (struct sockaddr *)&ss, 0);
    }
    src->listener.tcp.data = src;
    src->listening = 1; /* from here, stopping closes it (and removes the socket file) */
    if (denied) return -1;
    if (rc == 0) rc = uv_listen((uv_stream_t *)&src->listener, (int)s->sc->backlog, on_connection);
    if (rc) {
        np__serve_log(s, NP_LOG_ERR, "cannot listen on %s: %s", s->sc->src_path, uv_strerror(rc));
        return -1;
    }
    check_backlog(s, s->sc->backlog);
    uv_timer_start(&src->sweep, on_sweep, SWEEP_MS, SWEEP_MS);
    np__serve_log(s, NP_LOG_INFO, "listening on %s", s->sc->src_path);
    return 0;
}

static void socket_resume(np_server *s)
{
    sock_src *src = s->source;
    if (!src || src->stopped || !src->paused) return;
    src->paused = 0;
    uint64_t now = uv_now(s->loop);
    for (conn *c = src->conns; c; c = c->next) {
        c->last_ms = c->line_ms = now; /* the wait was the server's, not theirs */
        start_reading(c);
    }
}

static void socket_clients(const np_server *s, uint64_t *n, int *saturated)
{
    const sock_src *src = s->source;
    *n = src ? src->nconns : 0;
    *saturated = src && !src->stopped && src->accept_waiting && src->nconns >= s->sc->max_clients;
}

static void on_listener_closed(uv_handle_t *h)
{
    sock_src *src = h->data;
    src->listening = 0;
    maybe_done(src);
}

static void socket_stop(np_server *s, void (*done)(np_server *s))
{
    sock_src *src = s->source;
    if (!src || src->stopped) {
        if (done) done(s);
        return;
    }
    src->stopped = 1;
    src->done = done;
    if (src->sweep_open) uv_close((uv_handle_t *)&src->sweep, on_sweep_closed);
    if (src->listening) {
        uv_close((uv_handle_t *)&src->listener, on_listener_closed);
        if (src->unix_path) unlink(src->unix_path);
    }
    for (conn *c = src->conns; c; c = c->next)
        if (c->reading) {
            uv_read_stop(stream_of(c));
            c->reading = 0;
        }
    /* What was read is queued and acknowledged; then every connection is closed (after its
     * acknowledgement is written). */
    np__intake_cut(s);
    for (conn *c = src->conns, *next; c; c = next) {
        next = c->next;
        if (!c->writing) close_conn(c);
    }
    maybe_done(src);
}

static void socket_free(np_server *s)
{
    sock_src *src = s->source;
    if (!src) return;
    s->source = NULL;
    free(src->unix_path);
    free(src->rbuf);
    free(src);
}

const np_source_ops np__source_socket = {
    .start = socket_start,
    .resume = socket_resume,
    .stop = socket_stop,
    .clients = socket_clients,
    .free = socket_free,
};
