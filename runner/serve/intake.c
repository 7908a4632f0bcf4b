/* The intake queue: lines from the socket or the followed file are appended to an open
 * batch file (queue/.open); at batch.lines, batch.bytes or batch.time after its first line
 * the file is fsynced and renamed to queue/SEQ.ndjson, where the processor finds it. Only
 * then is the producer acknowledged or the followed file's offset saved. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "exitcode.h"
#include "serve.h"

struct np_intake {
    np_intake_hooks h;
    int fd; /* the open batch, -1 when none */
    char open_path[4096];
    uint64_t lines, bytes;
    uint64_t whole; /* bytes up to the end of the last whole line appended */
    uint64_t next_seq;
    uv_timer_t timer;
    int failed;
};

/* "0000000000000042.ndjson" -> 42; 0 for anything else. */
static uint64_t queue_seq(const char *name)
{
    if (strlen(name) != 23 || strcmp(name + 16, ".ndjson") != 0) return 0;
    uint64_t v = 0;
    for (int i = 0; i < 16; i++) {
        if (name[i] < '0' || name[i] > '9') return 0;
        v = v * 10 + (uint64_t)(name[i] - '0');
    }
    return v;
}

static void on_timer(uv_timer_t *t)
{
    np_server *s = t->data;
    np__intake_cut(s);
}

/* Cuts a salvaged open batch back to its last whole line. Returns its new size. */
static off_t last_line_end(int fd)
{
    struct stat st;
    if (fstat(fd, &st) < 0) return -1;
    char buf[4096];
    off_t end = st.st_size;
    while (end > 0) {
        off_t start = end > (off_t)sizeof buf ? end - (off_t)sizeof buf : 0;
        ssize_t k = pread(fd, buf, (size_t)(end - start), start);
        if (k <= 0) return -1;
        for (ssize_t i = k - 1; i >= 0; i--)
            if (buf[i] == '\n') return start + i + 1;
        end = start;
    }
    return 0;
}

int np__intake_open(np_server *s, int salvage_open, const np_intake_hooks *h)
{
    np_intake *in = calloc(1, sizeof *in);
    if (!in) return -1;
    in->h = *h;
    in->fd = -1;
    snprintf(in->open_path, sizeof in->open_path, "%s/.open", s->queue_dir);
    uint64_t max = s->j.seq;
    s->queued = 0;
    DIR *d = opendir(s->queue_dir);
    if (!d) {
        free(in);
        return -1;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        uint64_t q = queue_seq(e->d_name);
        if (q) s->queued++;
        if (q > max) max = q;
    }
    closedir(d);
    in->next_seq = max + 1;
    uv_timer_init(s->loop, &in->timer);
    in->timer.data = s;
    s->intake = in;

    int fd = open(in->open_path, O_RDWR | O_CLOEXEC);
    if (fd >= 0) {
        off_t keep = salvage_open ? last_line_end(fd) : 0;
        if (keep > 0 && ftruncate(fd, keep) == 0) {
            /* Lines a crashed server had read but not queued: queue them now. */
            in->fd = fd;
            in->bytes = in->whole = (uint64_t)keep;
            uint64_t lines = 0;
            char buf[65536];
            off_t at = 0;
            while (at < keep) {
                ssize_t k = pread(fd, buf, sizeof buf, at);
                if (k <= 0) break;
                for (ssize_t i = 0; i < k; i++) lines += buf[i] == '\n';
                at += k;
            }
            in->lines = lines;
            np__serve_log(s, NP_LOG_INFO, "queued %" PRIu64 " lines read before a crash", lines);
            if (np__intake_cut(s) < 0) return -1;
        } else {
            close(fd);
            unlink(in->open_path);
        }
    }
    return 0;
}

/* The intake cannot go on: the server stops with exit 74. The open batch stays where it is,
 * unacknowledged (a restart queues its whole lines); it is never cut, since a cut
 * acknowledges everything read so far. */
static int intake_failed(np_server *s, const char *what, const char *path)
{
    np_intake *in = s->intake;
    np__serve_log(s, NP_LOG_ERR, "cannot %s %s: %s", what, path, strerror(errno));
    if (in->fd >= 0) close(in->fd);
    in->fd = -1;
    in->failed = 1;
    uv_timer_stop(&in->timer);
    s->fail(s, NP_EX_IOERR, "the intake queue cannot be written");
    return -1;
}

int np__intake_cut(np_server *s)
{
    np_intake *in = s->intake;
    if (!in) return 0;
    if (in->failed) return -1;
    if (in->fd < 0) return 0;
    uv_timer_stop(&in->timer);
    char final[4200];
    snprintf(final, sizeof final, "%s/%016" PRIu64 ".ndjson", s->queue_dir, in->next_seq);
    if (fsync(in->fd) < 0) return intake_failed(s, "fsync", in->open_path);
    int fd = in->fd;
    in->fd = -1;
    if (close(fd) < 0) return intake_failed(s, "close", in->open_path);
    if (rename(in->open_path, final) < 0) return intake_failed(s, "queue a batch as", final);
    if (np_fsync_dir_of(final) < 0) return intake_failed(s, "fsync the directory of", final);
    in->next_seq++;
    s->stats.intake_lines += in->lines;
    s->stats.intake_bytes += in->bytes;
    in->lines = in->bytes = in->whole = 0;
    s->queued++;
    if (in->h.cut) in->h.cut(s, in->h.arg);
    s->batch_waiting(s);
    return 0;
}

int np__intake_append(np_server *s, const void *data, size_t n, uint64_t nlines)
{
    np_intake *in = s->intake;
    if (in->failed) return -1;
    if (in->fd < 0) {
        in->fd = open(in->open_path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
        if (in->fd < 0) return intake_failed(s, "open", in->open_path);
    }
    if (np_write_all(in->fd, data, n) < 0) {
        /* Part of it may be written (a disk that filled up mid-write): back to the last whole
         * line, so that no cut line is ever queued. */
        int e = errno;
        if (ftruncate(in->fd, (off_t)in->whole) < 0) { /* the restart cuts it back itself */
        }
        errno = e;
        return intake_failed(s, "write", in->open_path);
    }
    int first = in->lines == 0 && in->bytes == 0;
    in->lines += nlines;
    in->bytes += n;
    if (nlines) in->whole = in->bytes;
    /* nlines 0: the first part of a line whose rest follows at once; never cut there. */
    if (nlines && (in->lines >= s->sc->batch_lines || in->bytes >= s->sc->batch_bytes))
        return np__intake_cut(s);
    if (first) uv_timer_start(&in->timer, on_timer, (uint64_t)s->sc->batch_ms, 0);
    return 0;
}

int np__intake_full(const np_server *s)
{
    return s->queued >= s->sc->queue_max;
}

void np__intake_consumed(np_server *s)
{
    int was_full = np__intake_full(s);
    if (s->queued) s->queued--;
    if (was_full && !np__intake_full(s) && !s->stopping && s->src->resume) s->src->resume(s);
}

uint64_t np__intake_open_lines(const np_server *s)
{
    return s->intake ? s->intake->lines : 0;
}

static void on_timer_closed(uv_handle_t *h)
{
    free(h->data);
}

void np__intake_close(np_server *s)
{
    np_intake *in = s->intake;
    if (!in) return;
    if (in->fd >= 0) close(in->fd);
    s->intake = NULL;
    in->timer.data = in;
    uv_close((uv_handle_t *)&in->timer, on_timer_closed);
}
