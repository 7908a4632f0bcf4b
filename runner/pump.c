/* The pump thread. Its loop waits with poll() on its own eventfd as well as on the fds it
 * uses, so that np__pump_stop() and np__pump_abort() reach it while it is blocked. */
#include "pump.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "exitcode.h"
#include "gunzip.h"

#define CHUNK (256 * 1024)

enum { GO = 0, STOP = 1, ABORT = 2 };
/* What a step of the copy loop ends with. */
enum { R_EOF, R_STOPPED, R_BROKEN, R_ERROR };

struct np_pump {
    np_pump_config cfg;
    uv_thread_t thread;
    uv_async_t async;
    np_pump_done_cb done;
    void *arg;
    int wake; /* eventfd */
    int joined;
    _Atomic int request;
    _Atomic uint64_t lines, bytes;

    /* Owned by the thread until done: */
    int status;
    char msg[320];
    int broken, stopped;
    int wrote_any;
    char last; /* the last byte written (before compression) */
    unsigned char *buf, *zbuf;
    np_gunzip in_gz; /* the current input's, when it is gzip */
    z_stream out_z;
    int in_gz_ready, out_z_ready;
};

static int fail(np_pump *p, int code, const char *fmt, const char *a, const char *b)
{
    if (!p->status) {
        p->status = code;
        snprintf(p->msg, sizeof p->msg, fmt, a, b);
    }
    return R_ERROR;
}

static int requested(np_pump *p)
{
    return atomic_load(&p->request);
}

/* Waits until fd is ready for events, or a request arrives. Returns 1 ready, 0 request. */
static int wait_fd(np_pump *p, int fd, short events)
{
    struct pollfd pf[2] = {{fd, events, 0}, {p->wake, POLLIN, 0}};
    for (;;) {
        int level = requested(p);
        if (level == ABORT) return 0;
        int r = poll(pf, 2, -1);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return 1; /* let the read/write report the problem */
        if (pf[1].revents) {
            uint64_t v;
            if (read(p->wake, &v, sizeof v) < 0) (void)0;
            return 0;
        }
        if (pf[0].revents) return 1;
    }
}

/* Writes raw bytes to the output. */
static int raw_write(np_pump *p, const unsigned char *s, size_t n)
{
    while (n) {
        ssize_t k = write(p->cfg.out_fd, s, n);
        if (k > 0) {
            s += k;
            n -= (size_t)k;
            continue;
        }
        if (k < 0 && errno == EINTR) continue;
        if (k < 0 && errno == EAGAIN) {
            /* A stop still lets the current line through; only abort gives up. */
            if (!wait_fd(p, p->cfg.out_fd, POLLOUT) && requested(p) == ABORT) {
                p->stopped = 1;
                return R_STOPPED;
            }
            continue;
        }
        if (k < 0 && errno == EPIPE) {
            p->broken = 1;
            return R_BROKEN;
        }
        return fail(p, NP_EX_IOERR, "write: %s%s", strerror(k < 0 ? errno : EIO), "");
    }
    return R_EOF;
}

static int out_write(np_pump *p, const unsigned char *s, size_t n, int finish)
{
    if (!p->cfg.gzip_out) return raw_write(p, s, n);
    z_stream *z = &p->out_z;
    z->next_in = (unsigned char *)s;
    z->avail_in = (uInt)n;
    for (;;) {
        z->next_out = p->zbuf;
        z->avail_out = CHUNK;
        int zr = deflate(z, finish ? Z_FINISH : Z_NO_FLUSH);
        if (zr == Z_STREAM_ERROR) return fail(p, NP_EX_SOFTWARE, "gzip: %s%s", "deflate", "");
        size_t have = CHUNK - z->avail_out;
        if (have) {
            int r = raw_write(p, p->zbuf, have);
            if (r != R_EOF) return r;
        }
        if (finish ? zr == Z_STREAM_END : z->avail_in == 0 && z->avail_out != 0) break;
    }
    return R_EOF;
}

/* Writes decoded input bytes, counting lines; while stopping, only up to the end of the
 * current line. */
static int emit(np_pump *p, const unsigned char *s, size_t n)
{
    if (!n) return R_EOF;
    size_t take = n;
    int stop_after = 0;
    if (requested(p) != GO) {
        if (!p->wrote_any || p->last == '\n') {
            p->stopped = 1;
            return R_STOPPED;
        }
        const unsigned char *nl = memchr(s, '\n', n);
        if (nl) {
            take = (size_t)(nl - s) + 1;
            stop_after = 1;
        }
    }
    if (p->cfg.count) {
        uint64_t lines = 0;
        for (const unsigned char *q = s, *end = s + take; (q = memchr(q, '\n', (size_t)(end - q)));
             q++)
            lines++;
        atomic_fetch_add_explicit(&p->lines, lines, memory_order_relaxed);
    }
    int r = out_write(p, s, take, 0);
    if (r != R_EOF) return r;
    p->wrote_any = 1;
    p->last = (char)s[take - 1];
    atomic_fetch_add_explicit(&p->bytes, take, memory_order_relaxed);
    if (stop_after) {
        p->stopped = 1;
        return R_STOPPED;
    }
    return R_EOF;
}

/* Feeds raw input bytes through gunzip when the input is compressed; n == 0 drains what the
 * inflater still holds (a chunk's worth of output can be pending when the input runs out). */
static int feed(np_pump *p, const unsigned char *s, size_t n, const char *name)
{
    if (!p->in_gz_ready) return n ? emit(p, s, n) : R_EOF;
    for (;;) {
        size_t before = n;
        long k = np_gunzip_step(&p->in_gz, &s, &n, p->zbuf, CHUNK);
        if (k < 0) return fail(p, NP_EX_DATAERR, "%s: corrupt gzip data%s", name, "");
        if (k > 0) {
            int r = emit(p, p->zbuf, (size_t)k);
            if (r != R_EOF) return r;
        } else if (n == 0 || n == before) {
            return R_EOF;
        }
    }
}

static void end_gunzip(np_pump *p)
{
    if (p->in_gz_ready) np_gunzip_end(&p->in_gz);
    p->in_gz_ready = 0;
}

/* Copies fd (regular file or not) with read(2), from its current position; detect: this is
 * the start of the input, where gzip is recognized. */
static int copy_fd(np_pump *p, int fd, const char *name, int pollable, int detect)
{
    int first = detect;
    size_t held = 0; /* the input's first byte, kept until a second says whether it is gzip */
    for (;;) {
        int level = requested(p);
        if (level == ABORT || (level == STOP && !held && (!p->wrote_any || p->last == '\n'))) {
            p->stopped = 1;
            return R_STOPPED;
        }
        if (pollable && !wait_fd(p, fd, POLLIN)) continue;
        ssize_t k = read(fd, p->buf + held, CHUNK - held);
        if (k < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (k < 0) return fail(p, NP_EX_IOERR, "%s: read: %s", name, strerror(errno));
        int eof = k == 0;
        if (eof && !held) break;
        k += (ssize_t)held;
        held = 0;
        if (first) {
            /* A pipe may give the magic's two bytes in two reads. */
            if (k == 1 && !eof && p->buf[0] == NP_GZIP_MAGIC0) {
                held = 1;
                continue;
            }
            first = 0;
            if (k >= 2 && p->buf[0] == NP_GZIP_MAGIC0 && p->buf[1] == NP_GZIP_MAGIC1) {
                p->in_gz_ready = 1; /* np_gunzip_end is safe after a failed init */
                if (np_gunzip_init(&p->in_gz) < 0)
                    return fail(p, NP_EX_SOFTWARE, "%s: %s", name, "out of memory");
            }
        }
        int r = feed(p, p->buf, (size_t)k, name);
        if (r != R_EOF) return r;
        if (eof) break;
    }
    int r = feed(p, NULL, 0, name);
    if (r != R_EOF) return r;
    /* A gzip member cut short: the data is incomplete. */
    if (p->in_gz_ready && np_gunzip_truncated(&p->in_gz))
        return fail(p, NP_EX_DATAERR, "%s: truncated gzip data%s", name, "");
    return R_EOF;
}

/* Moves a regular file with splice(2) while nobody asks to stop; a stop mid-line finishes
 * the line with read(2). */
static int splice_file(np_pump *p, int fd, const char *name)
{
    loff_t off = 0;
    for (;;) {
        int level = requested(p);
        if (level == ABORT) {
            p->stopped = 1;
            return R_STOPPED;
        }
        if (level == STOP) break;
        ssize_t k =
            splice(fd, &off, p->cfg.out_fd, NULL, 1 << 20, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
        if (k > 0) {
            p->wrote_any = 1;
            atomic_fetch_add_explicit(&p->bytes, (uint64_t)k, memory_order_relaxed);
            continue;
        }
        if (k == 0) break;
        if (errno == EINTR) continue;
        if (errno == EAGAIN) {
            wait_fd(p, p->cfg.out_fd, POLLOUT);
            continue;
        }
        if (errno == EPIPE) {
            p->broken = 1;
            return R_BROKEN;
        }
        if (errno == EINVAL || errno == ENOSYS) break; /* copy the rest instead */
        return fail(p, NP_EX_IOERR, "%s: %s", name, strerror(errno));
    }
    if (off > 0) {
        char c;
        if (pread(fd, &c, 1, off - 1) == 1) p->last = c;
    }
    if (lseek(fd, off, SEEK_SET) < 0)
        return fail(p, NP_EX_IOERR, "%s: seek: %s", name, strerror(errno));
    return copy_fd(p, fd, name, 0, 0);
}

static int pump_fd(np_pump *p, int fd, const char *name)
{
    struct stat st;
    int regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (regular && !p->cfg.count && !p->cfg.gzip_out) {
        unsigned char magic[2];
        ssize_t k = pread(fd, magic, 2, 0);
        int gz = k == 2 && magic[0] == NP_GZIP_MAGIC0 && magic[1] == NP_GZIP_MAGIC1;
        if (!gz && lseek(fd, 0, SEEK_CUR) == 0) return splice_file(p, fd, name);
    }
    return copy_fd(p, fd, name, !regular, 1);
}

/* Separates inputs: a file that does not end with a newline must not glue its last record
 * to the next file's first. */
static int separate(np_pump *p)
{
    if (p->wrote_any && p->last != '\n') return emit(p, (const unsigned char *)"\n", 1);
    return R_EOF;
}

static void pump_main(void *arg)
{
    np_pump *p = arg;
    int r = R_EOF;
    if (!p->cfg.inputs) {
        r = pump_fd(p, p->cfg.in_fd, "input");
        end_gunzip(p);
    } else {
        for (size_t i = 0; i < p->cfg.ninputs && r == R_EOF; i++) {
            const char *name = p->cfg.inputs[i];
            int fd = strcmp(name, "-") ? open(name, O_RDONLY | O_CLOEXEC) : 0;
            if (fd < 0) {
                r = fail(p, NP_EX_NOINPUT, "%s: %s", name, strerror(errno));
                break;
            }
            r = separate(p);
            if (r == R_EOF) r = pump_fd(p, fd, strcmp(name, "-") ? name : "standard input");
            end_gunzip(p);
            if (fd != 0) close(fd);
        }
    }
    /* A last line without a newline is a line too (the stage reads it as a record). */
    if (p->cfg.count && r == R_EOF && p->wrote_any && p->last != '\n')
        atomic_fetch_add_explicit(&p->lines, 1, memory_order_relaxed);
    if (p->cfg.gzip_out && (r == R_EOF || r == R_STOPPED) && !p->broken)
        out_write(p, (const unsigned char *)"", 0, 1);
    if (p->cfg.in_fd >= 0) close(p->cfg.in_fd);
    if (close(p->cfg.out_fd) < 0 && errno != EINTR && !p->status && !p->broken)
        fail(p, NP_EX_IOERR, "close: %s%s", strerror(errno), "");
    uv_async_send(&p->async);
}

static void on_async(uv_async_t *a)
{
    np_pump *p = a->data;
    uv_thread_join(&p->thread);
    p->joined = 1;
    if (p->done) p->done(p, p->arg);
}

int np__pump_start(np_pump **out, uv_loop_t *loop, const np_pump_config *cfg, np_pump_done_cb done,
                   void *arg)
{
    np_pump *p = calloc(1, sizeof *p);
    if (!p) return UV_ENOMEM;
    p->cfg = *cfg;
    if (cfg->inputs) p->cfg.in_fd = -1;
    p->done = done;
    p->arg = arg;
    p->buf = malloc(CHUNK);
    p->zbuf = malloc(CHUNK);
    p->wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    int err = UV_ENOMEM;
    if (!p->buf || !p->zbuf) goto fail;
    if (p->wake < 0) {
        err = -errno;
        goto fail;
    }
    if (cfg->gzip_out) {
        if (deflateInit2(&p->out_z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            goto fail;
        p->out_z_ready = 1;
    }
    if (cfg->out_nonblock) {
        int fl = fcntl(cfg->out_fd, F_GETFL);
        if (fl >= 0) fcntl(cfg->out_fd, F_SETFL, fl | O_NONBLOCK);
    }
    if ((err = uv_async_init(loop, &p->async, on_async)) != 0) goto fail;
    p->async.data = p;
    /* The pump's owner keeps the loop alive; a finished pump must not. */
    uv_unref((uv_handle_t *)&p->async);
    if ((err = uv_thread_create(&p->thread, pump_main, p)) != 0) {
        /* The handle is initialized: it must be closed through the loop. */
        p->done = NULL;
        p->joined = 1;
        np__pump_free(p);
        return err;
    }
    *out = p;
    return 0;
fail:
    if (p->out_z_ready) deflateEnd(&p->out_z);
    if (p->wake >= 0) close(p->wake);
    free(p->buf);
    free(p->zbuf);
    free(p);
    return err;
}

static void request(np_pump *p, int level)
{
    int cur = atomic_load(&p->request);
    while (cur < level && !atomic_compare_exchange_weak(&p->request, &cur, level)) {
    }
    uint64_t one = 1;
    if (write(p->wake, &one, sizeof one) < 0) (void)0;
}

void np__pump_stop(np_pump *p)
{
    request(p, STOP);
}

void np__pump_abort(np_pump *p)
{
    request(p, ABORT);
}

uint64_t np__pump_lines(const np_pump *p)
{
    return atomic_load_explicit(&((np_pump *)p)->lines, memory_order_relaxed);
}

uint64_t np__pump_bytes(const np_pump *p)
{
    return atomic_load_explicit(&((np_pump *)p)->bytes, memory_order_relaxed);
}

int np__pump_status(const np_pump *p, const char **msg)
{
    if (msg) *msg = p->msg;
    return p->status;
}

int np__pump_broken(const np_pump *p)
{
    return p->broken;
}

int np__pump_stopped(const np_pump *p)
{
    return p->stopped;
}

static void on_close(uv_handle_t *h)
{
    np_pump *p = h->data;
    if (p->out_z_ready) deflateEnd(&p->out_z);
    if (p->wake >= 0) close(p->wake);
    free(p->buf);
    free(p->zbuf);
    free(p);
}

void np__pump_free(np_pump *p)
{
    if (!p) return;
    if (!p->joined) {
        /* Freed without waiting for done (a failed setup): the thread was told to abort. */
        np__pump_abort(p);
        uv_thread_join(&p->thread);
        p->joined = 1;
    }
    uv_close((uv_handle_t *)&p->async, on_close);
}
