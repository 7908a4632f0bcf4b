/* The followed-file source: `tail -F` semantics. Whole lines are copied into the intake
 * queue; the read position (device, inode, offset) is saved to state_dir/follow each time a
 * batch is cut, so a restart resumes where the queue ends.
 *   - rotation (the path now names another file): the old file is read to its end, a last
 *     line without a newline included, and then the new file from its start; a restart
 *     that finds the path rotated looks for the saved inode beside it first;
 *   - truncation (the file is shorter than the offset): read again from the start;
 *   - a file that does not exist yet is waited for.
 * Lines of any length are copied in chunks, without holding them in memory. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "serve.h"

#define TICK_MS     200
#define CHUNK       (64 * 1024)
#define TICK_BUDGET (16u << 20) /* bytes per turn of the loop, so the loop stays responsive */

typedef struct {
    char *path;
    char state_path[4200];
    int fd;
    uint64_t dev, ino, off;
    int rotated; /* ticks at EOF since the path was seen to name another file */
    uv_timer_t tick;
    int stopped;
    char *buf;
} follow_src;

static int save_position(np_server *s, follow_src *f)
{
    np_atomic_file af = {.fd = -1};
    char line[128];
    int n = snprintf(line, sizeof line, "%" PRIu64 " %" PRIu64 " %" PRIu64 "\n", f->dev, f->ino,
                     f->off);
    if (np_atomic_open(&af, f->state_path) < 0 || np_write_all(af.fd, line, (size_t)n) < 0) {
        np_atomic_abort(&af);
        np__serve_log(s, NP_LOG_ERR, "cannot save the position in %s: %s", f->path,
                      strerror(errno));
        return -1;
    }
    if (np_atomic_commit(&af) < 0) {
        np__serve_log(s, NP_LOG_ERR, "cannot save %s: %s", f->state_path, strerror(errno));
        return -1;
    }
    return 0;
}

static void on_cut(np_server *s, void *arg)
{
    (void)arg;
    follow_src *f = s->source;
    if (f && f->fd >= 0) save_position(s, f);
}

static int open_at(follow_src *f, const char *path, uint64_t off)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0) return -1;
    if (fstat(fd, &st) < 0) {
        close(fd);
        return -1;
    }
    f->fd = fd;
    f->dev = (uint64_t)st.st_dev;
    f->ino = (uint64_t)st.st_ino;
    f->off = off;
    f->rotated = 0;
    return 0;
}

/* The file beside path with the given inode (where rotation moved it), into out. */
static int find_rotated(const char *path, uint64_t dev, uint64_t ino, char *out, size_t len)
{
    char *copy = strdup(path);
    if (!copy) return -1;
    const char *dir = dirname(copy);
    DIR *d = opendir(dir);
    int rc = -1;
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if ((uint64_t)e->d_ino != ino) continue;
            snprintf(out, len, "%s/%s", dir, e->d_name);
            struct stat st;
            if (stat(out, &st) == 0 && (uint64_t)st.st_ino == ino && (uint64_t)st.st_dev == dev) {
                rc = 0;
                break;
            }
        }
        closedir(d);
    }
    free(copy);
    return rc;
}

/* Copies [from, to) of the file (which ends with a newline, or is completed with one when
 * final) into the intake as nlines lines, and moves the read position to its end. Returns 0
 * or -1. */
static int copy_span(np_server *s, follow_src *f, uint64_t from, uint64_t to, uint64_t nlines,
                     int add_newline)
{
    while (from < to) {
        size_t want = to - from > CHUNK ? CHUNK : (size_t)(to - from);
        ssize_t k = pread(f->fd, f->buf, want, (off_t)from);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        from += (uint64_t)k;
        int last = from >= to && !add_newline;
        /* The last append may cut the batch, which saves the position: the span's end. */
        if (last) f->off = to;
        if (np__intake_append(s, f->buf, (size_t)k, last ? nlines : 0) < 0) return -1;
    }
    f->off = to;
    if (add_newline && np__intake_append(s, "\n", 1, nlines) < 0) return -1;
    return 0;
}

/* Reads what is there. Returns 1 when more is waiting, 0 at the end, -1 on an error. */
static int read_some(np_server *s, follow_src *f, int final)
{
    uint64_t budget = TICK_BUDGET;
    for (;;) {
        if (np__intake_full(s) || f->stopped) return 0;
        /* Find the end of the last whole line in the next chunk; a line longer than a
         * chunk is found by scanning on. */
        uint64_t start = f->off, at = f->off, end = 0, lines = 0;
        for (;;) {
            ssize_t k = pread(f->fd, f->buf, CHUNK, (off_t)at);
            if (k < 0 && errno == EINTR) continue;
            if (k < 0) return -1;
            if (k == 0) break;
            for (ssize_t i = 0; i < k; i++)
                if (f->buf[i] == '\n') {
                    lines++;
                    end = at + (uint64_t)i + 1;
                }
            at += (uint64_t)k;
            if (end) break;
        }
        if (!end) {
            if (final && at > start) {
                /* The rotated file's last line has no newline: it will never get one. */
                if (copy_span(s, f, start, at, 1, 1) < 0) return -1;
                f->off = at;
            }
            return 0;
        }
        if (copy_span(s, f, start, end, lines, 0) < 0) return -1;
        f->off = end;
        if (end - start >= budget) return 1;
        budget -= end - start;
    }
}

static void on_tick(uv_timer_t *t);

static void tick(np_server *s, follow_src *f)
{
    if (f->stopped) return;
    if (f->fd < 0) {
        if (open_at(f, f->path, 0) < 0) return; /* not there yet */
        np__serve_log(s, NP_LOG_INFO, "following %s (inode %" PRIu64 ") from its start", f->path,
                      f->ino);
    }
    struct stat st;
    if (fstat(f->fd, &st) == 0 && (uint64_t)st.st_size < f->off) {
        np__serve_log(s, NP_LOG_WARNING,
                      "%s was truncated (%lld < %" PRIu64 " bytes): reading "
                      "it again from the start",
                      f->path, (long long)st.st_size, f->off);
        f->off = 0;
    }
    int more = read_some(s, f, f->rotated >= 2);
    if (more < 0) {
        np__serve_log(s, NP_LOG_ERR, "reading %s: %s", f->path, strerror(errno));
        return;
    }
    if (more) {
        uv_timer_start(&f->tick, on_tick, 0, TICK_MS);
        return;
    }
    if (np__intake_full(s)) return;
    struct stat now;
    int same = stat(f->path, &now) == 0 && (uint64_t)now.st_ino == f->ino &&
               (uint64_t)now.st_dev == f->dev;
    if (same) {
        f->rotated = 0;
        return;
    }
    /* Rotated or removed: give the writer two ticks to finish with the old file; the read
     * of the tick after those takes a last line without a newline too. */
    if (++f->rotated < 3) return;
    np__serve_log(s, NP_LOG_INFO,
                  "%s was rotated: read the old file (inode %" PRIu64 ") to its end at %" PRIu64
                  " bytes",
                  f->path, f->ino, f->off);
    close(f->fd);
    f->fd = -1;
    f->off = 0;
    f->rotated = 0;
    uv_timer_start(&f->tick, on_tick, 0, TICK_MS);
}

static void on_tick(uv_timer_t *t)
{
    np_server *s = t->data;
    tick(s, s->source);
}

static int follow_start(np_server *s)
{
    follow_src *f = calloc(1, sizeof *f);
    if (!f || !(f->path = strdup(s->sc->src_path)) || !(f->buf = malloc(CHUNK))) {
        if (f) free(f->path);
        free(f);
        return -1;
    }
    f->fd = -1;
    snprintf(f->state_path, sizeof f->state_path, "%s/follow", s->state_dir);
    s->source = f;
    uv_timer_init(s->loop, &f->tick);
    f->tick.data = s;
    np_intake_hooks h = {on_cut, NULL};
    /* Lines a crashed server had read but not queued are read again from the file. */
    if (np__intake_open(s, 0, &h) < 0) return -1;

    FILE *fp = fopen(f->state_path, "r");
    uint64_t dev = 0, ino = 0, off = 0;
    int have = fp && fscanf(fp, "%" SCNu64 " %" SCNu64 " %" SCNu64, &dev, &ino, &off) == 3;
    if (fp) fclose(fp);
    if (have) {
        struct stat st;
        char old[4200];
        if (stat(f->path, &st) == 0 && (uint64_t)st.st_ino == ino && (uint64_t)st.st_dev == dev) {
            if (open_at(f, f->path, off) == 0)
                np__serve_log(s, NP_LOG_INFO, "following %s from byte %" PRIu64, f->path, off);
        } else if (find_rotated(f->path, dev, ino, old, sizeof old) == 0) {
            if (open_at(f, old, off) == 0) {
                np__serve_log(s, NP_LOG_INFO,
                              "%s was rotated while stopped: finishing %s from byte %" PRIu64
                              " first",
                              f->path, old, off);
                f->rotated = 2;
            }
        } else {
            np__serve_log(s, NP_LOG_WARNING,
                          "%s: the file followed before (inode %" PRIu64 ") is gone; starting "
                          "with the current one from its start",
                          f->path, ino);
        }
    }
    uv_timer_start(&f->tick, on_tick, 0, TICK_MS);
    return 0;
}

static void follow_resume(np_server *s)
{
    follow_src *f = s->source;
    if (f && !f->stopped) uv_timer_start(&f->tick, on_tick, 0, TICK_MS);
}

static void follow_stop(np_server *s, void (*done)(np_server *s))
{
    follow_src *f = s->source;
    if (f) {
        f->stopped = 1;
        uv_timer_stop(&f->tick);
        np__intake_cut(s);
    }
    done(s);
}

static void on_closed(uv_handle_t *h)
{
    follow_src *f = h->data;
    if (f->fd >= 0) close(f->fd);
    free(f->path);
    free(f->buf);
    free(f);
}

static void follow_free(np_server *s)
{
    follow_src *f = s->source;
    if (!f) return;
    s->source = NULL;
    f->tick.data = f;
    uv_close((uv_handle_t *)&f->tick, on_closed);
}

const np_source_ops np__source_follow = {
    .start = follow_start,
    .resume = follow_resume,
    .stop = follow_stop,
    .free = follow_free,
};
