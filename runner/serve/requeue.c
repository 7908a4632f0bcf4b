/* `newspipe serve FILE --requeue BATCH...`: puts batch files back where the server takes its
 * input, with the server stopped (serve.c holds the state directory's lock around this).
 *
 * For a server on a socket or a followed file the batches go into its queue (state_dir/queue,
 * each under the next sequence number, after every batch already waiting); for a spool
 * source, into the spool directory. Each one is copied whole into a temporary file beside its
 * destination, fsynced and renamed into place, and only then removed from where it was: a
 * crash in between leaves it in both places, never in neither (with dedupe in the pipeline
 * the second copy is dropped). The server's own half-written batch, queue/.open, gives only
 * its whole lines (its last line may have been cut by a crash); any other file whose last
 * line lacks a newline gets one. */
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

/* The largest sequence number among the queue's batch files (NNNNNNNNNNNNNNNN.ndjson). */
static uint64_t queue_max(const char *dir)
{
    uint64_t max = 0;
    DIR *d = opendir(dir);
    if (!d) return 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (strlen(e->d_name) != 23 || strcmp(e->d_name + 16, ".ndjson") != 0) continue;
        uint64_t q = strtoull(e->d_name, NULL, 10);
        if (q > max) max = q;
    }
    closedir(d);
    return max;
}

/* Copies fd's content to a new file tmp: whole lines only when whole_lines, else adding a
 * newline after a last line that lacks one; fsyncs it. Returns the lines copied, or -1 with
 * errno (tmp is then removed). */
static int64_t copy_batch(int fd, const char *tmp, int whole_lines)
{
    int out = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (out < 0) return -1;
    char buf[1 << 16];
    int64_t lines = 0;
    off_t written = 0, whole = 0;
    char last = '\n';
    int rc = 0;
    for (;;) {
        ssize_t k = read(fd, buf, sizeof buf);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) rc = -1;
        if (k <= 0) break;
        for (ssize_t i = 0; i < k; i++)
            if (buf[i] == '\n') {
                lines++;
                whole = written + i + 1;
            }
        if (np_write_all(out, buf, (size_t)k) < 0) {
            rc = -1;
            break;
        }
        written += k;
        last = buf[k - 1];
    }
    if (rc == 0 && last != '\n') {
        if (whole_lines)
            rc = ftruncate(out, whole);
        else if ((rc = np_write_all(out, "\n", 1)) == 0)
            lines++;
    }
    if (rc == 0) rc = fsync(out);
    int e = errno;
    if (close(out) < 0 && rc == 0) {
        e = errno;
        rc = -1;
    }
    if (rc < 0) {
        unlink(tmp);
        errno = e;
        return -1;
    }
    return lines;
}

/* A spool name for the batch from path: its base name without a leading '.' and a .tmp or
 * .part suffix (which the spool skips), made unique in dir with .N. */
static void spool_name(const char *dir, const char *path, char *out, size_t len)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    while (*base == '.') base++;
    char name[256];
    snprintf(name, sizeof name, "%s", *base ? base : "batch");
    size_t n = strlen(name);
    if (n > 4 && !strcmp(name + n - 4, ".tmp")) name[n - 4] = '\0';
    if (n > 5 && !strcmp(name + n - 5, ".part")) name[n - 5] = '\0';
    snprintf(out, len, "%s/%s", dir, name);
    for (unsigned i = 1; access(out, F_OK) == 0; i++) snprintf(out, len, "%s/%s.%u", dir, name, i);
}

int np__serve_requeue(np_server *s, char *const *files, size_t n)
{
    int spool = s->sc->src == NP_SRC_SPOOL; /* the spool hands over its own files */
    const char *dir = spool ? s->sc->src_path : s->queue_dir;
    uint64_t seq = queue_max(s->queue_dir);
    if (s->j.seq > seq) seq = s->j.seq;
    int code = 0;
    for (size_t i = 0; i < n; i++) {
        const char *path = files[i];
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
            np__serve_log(s, NP_LOG_ERR, "requeue %s: %s", path,
                          fd < 0 ? strerror(errno) : "not a regular file");
            if (fd >= 0) close(fd);
            code = NP_EX_NOINPUT;
            continue;
        }
        char dest[4200], tmp[4300];
        if (spool) {
            spool_name(dir, path, dest, sizeof dest);
            snprintf(tmp, sizeof tmp, "%s/.requeue.%ld", dir, (long)getpid());
        } else {
            snprintf(dest, sizeof dest, "%s/%016" PRIu64 ".ndjson", dir, seq + 1);
            snprintf(tmp, sizeof tmp, "%s/requeue.%ld", s->tmp_dir, (long)getpid());
        }
        const char *base = strrchr(path, '/');
        int64_t lines = copy_batch(fd, tmp, !strcmp(base ? base + 1 : path, ".open"));
        close(fd);
        if (lines == 0) {
            np__serve_log(s, NP_LOG_INFO, "requeue %s: no whole line in it, left where it was",
                          path);
            unlink(tmp);
            continue;
        }
        if (lines < 0 || rename(tmp, dest) < 0 || np_fsync_dir_of(dest) < 0) {
            np__serve_log(s, NP_LOG_ERR, "requeue %s as %s: %s (left where it was)", path, dest,
                          strerror(errno));
            unlink(tmp);
            code = NP_EX_CANTCREAT;
            continue;
        }
        if (!spool) seq++;
        /* Only now that the copy is durable does the original go. */
        if (unlink(path) < 0 || np_fsync_dir_of(path) < 0)
            np__serve_log(s, NP_LOG_WARNING, "requeued %s, but cannot remove it: %s", path,
                          strerror(errno));
        np__serve_log(s, NP_LOG_INFO, "requeued %s as %s (%" PRId64 " line%s)", path, dest, lines,
                      lines == 1 ? "" : "s");
    }
    return code;
}
