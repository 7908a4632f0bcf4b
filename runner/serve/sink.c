/* Delivering batch output: append-with-journal files, spool directories, stdout. */
#include "sink.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomicfile.h"
#include "input.h"

#define COPY_BUF   (256 * 1024)
#define TMP_PREFIX ".np-tmp-"

static char *dir_of(const char *path)
{
    char *copy = strdup(path);
    if (!copy) return NULL;
    char *d = strdup(dirname(copy));
    free(copy);
    return d;
}

/* Finds the file with inode ino in the directory of path; its path into out. */
static int find_inode(const char *path, uint64_t ino, char *out, size_t len)
{
    char *dir = dir_of(path);
    if (!dir) return -1;
    DIR *d = opendir(dir);
    int found = -1;
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)))
            if ((uint64_t)e->d_ino == ino) {
                snprintf(out, len, "%s/%s", dir, e->d_name);
                struct stat st;
                if (stat(out, &st) == 0 && (uint64_t)st.st_ino == ino && S_ISREG(st.st_mode)) {
                    found = 0;
                    break;
                }
            }
        closedir(d);
    }
    free(dir);
    return found;
}

static int cut_to(const char *path, uint64_t size)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    int rc = ftruncate(fd, (off_t)size) == 0 && fsync(fd) == 0 ? 0 : -1;
    close(fd);
    return rc;
}

int np__append_recover(const char *path, np_jfile *pos, char *msg, size_t len)
{
    msg[0] = '\0';
    struct stat st;
    int exists = stat(path, &st) == 0;
    if (!exists && errno != ENOENT) {
        snprintf(msg, len, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (exists && pos->ino && (uint64_t)st.st_ino == pos->ino) {
        if ((uint64_t)st.st_size > pos->size) {
            if (cut_to(path, pos->size) < 0) {
                snprintf(msg, len, "%s: cannot cut an uncommitted batch off: %s", path,
                         strerror(errno));
                return -1;
            }
            snprintf(msg, len, "%s: cut %llu bytes of an uncommitted batch off", path,
                     (unsigned long long)((uint64_t)st.st_size - pos->size));
        } else if ((uint64_t)st.st_size < pos->size) {
            snprintf(msg, len,
                     "%s is shorter than committed (%llu < %llu bytes): truncated by "
                     "someone else? continuing at its end",
                     path, (unsigned long long)st.st_size, (unsigned long long)pos->size);
            pos->size = (uint64_t)st.st_size;
        }
        return 0;
    }
    char old[4096];
    if (pos->ino && find_inode(path, pos->ino, old, sizeof old) == 0) {
        /* The sink rotated and crashed before the journal said so: the renamed file holds
         * the committed data; a new file at path holds nothing committed yet. */
        struct stat os;
        if (stat(old, &os) == 0 && (uint64_t)os.st_size > pos->size && cut_to(old, pos->size) < 0) {
            snprintf(msg, len, "%s: %s", old, strerror(errno));
            return -1;
        }
        if (exists && st.st_size > 0 && cut_to(path, 0) < 0) {
            snprintf(msg, len, "%s: %s", path, strerror(errno));
            return -1;
        }
        snprintf(msg, len, "%s: finished a rotation to %s", path, old);
        *pos = (np_jfile){exists ? (uint64_t)st.st_ino : 0, 0, (int64_t)time(NULL)};
        return 0;
    }
    if (exists) {
        if (pos->ino) snprintf(msg, len, "%s was replaced by another file: appending to it", path);
        *pos = (np_jfile){(uint64_t)st.st_ino, (uint64_t)st.st_size, (int64_t)time(NULL)};
    } else {
        *pos = (np_jfile){0, 0, 0};
    }
    return 0;
}

/* Copies src into fd, counting lines. Returns bytes copied, or -1. */
static long long copy_counting(int in, int out, uint64_t *lines)
{
    char *buf = malloc(COPY_BUF);
    if (!buf) return -1;
    long long total = 0;
    uint64_t nl = 0;
    char last = '\n';
    for (;;) {
        ssize_t k = read(in, buf, COPY_BUF);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) {
            total = -1;
            break;
        }
        if (k == 0) break;
        for (const char *p = buf, *end = buf + k; (p = memchr(p, '\n', (size_t)(end - p))); p++)
            nl++;
        last = buf[k - 1];
        if (np_write_all(out, buf, (size_t)k) < 0) {
            total = -1;
            break;
        }
        total += k;
    }
    free(buf);
    if (total > 0 && last != '\n') nl++;
    if (lines) *lines = nl;
    return total;
}

int np__append_prepare(const char *path, np_jfile *pos, int *changed, char *msg, size_t len)
{
    *changed = 0;
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        snprintf(msg, len, "%s: %s", path, strerror(errno));
        if (fd >= 0) close(fd);
        return -1;
    }
    close(fd);
    if ((uint64_t)st.st_ino == pos->ino) return 0;
    /* A file the journal does not know: a new one, or one that replaced the file it knew.
     * Its entry must be durable before the journal names it. */
    if (np_fsync_dir_of(path) < 0) {
        snprintf(msg, len, "%s: fsync of its directory: %s", path, strerror(errno));
        return -1;
    }
    *pos = (np_jfile){(uint64_t)st.st_ino, (uint64_t)st.st_size, (int64_t)time(NULL)};
    *changed = 1;
    return 0;
}

int np__append_commit(const char *path, const char *src, np_jfile *pos, uint64_t *lines, char *msg,
                      size_t len)
{
    int in = open(src, O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        snprintf(msg, len, "%s: %s", src, strerror(errno));
        return -1;
    }
    /* No O_CREAT: the file is the one np__append_prepare found, which the journal knows. */
    int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        snprintf(msg, len, "%s: %s", path, strerror(errno));
        if (fd >= 0) close(fd);
        close(in);
        return -1;
    }
    if ((uint64_t)st.st_ino != pos->ino) {
        snprintf(msg, len, "%s was replaced while a batch was being committed", path);
        close(fd);
        close(in);
        return -1;
    }
    if ((uint64_t)st.st_size > pos->size) {
        /* Left by an append that failed in this process. */
        if (ftruncate(fd, (off_t)pos->size) < 0) goto fail;
    } else if ((uint64_t)st.st_size < pos->size) {
        pos->size = (uint64_t)st.st_size;
    }
    long long n = copy_counting(in, fd, lines);
    if (n < 0 || fsync(fd) < 0) goto fail;
    if (close(fd) < 0) {
        fd = -1;
        goto fail;
    }
    close(in);
    pos->size += (uint64_t)n;
    return 0;
fail:
    snprintf(msg, len, "%s: cannot append: %s", path, strerror(errno));
    if (fd >= 0) {
        if (ftruncate(fd, (off_t)pos->size) < 0) { /* the journal still says pos */
        }
        close(fd);
    }
    close(in);
    return -1;
}

/* NAME.EXT -> NAME-YYYYmmddTHHMMSSZ.EXT beside it (-N added while taken). */
static char *rotated_name(const char *path)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base) dot = base + strlen(base);
    size_t stem = (size_t)(dot - path);
    size_t n = strlen(path) + 48;
    char *out = malloc(n);
    if (!out) return NULL;
    for (int i = 0; i < 1000; i++) {
        char suffix[16] = "";
        if (i) snprintf(suffix, sizeof suffix, "-%d", i);
        snprintf(out, n, "%.*s-%s%s%s", (int)stem, path, stamp, suffix, dot);
        struct stat st;
        if (lstat(out, &st) < 0 && errno == ENOENT) return out;
    }
    free(out);
    return NULL;
}

int np__sink_rotate(const np_sink *k, np_jfile *pos, char **rotated, char *msg, size_t len)
{
    *rotated = NULL;
    if (k->kind != NP_OUT_FILE || !pos->ino || pos->size == 0) return 0;
    int due = (k->rotate_size && pos->size >= k->rotate_size) ||
              (k->rotate_secs && time(NULL) - pos->created >= k->rotate_secs);
    if (!due) return 0;
    struct stat st;
    if (stat(k->path, &st) < 0 || (uint64_t)st.st_ino != pos->ino) return 0;
    char *name = rotated_name(k->path);
    if (!name) {
        snprintf(msg, len, "%s: no name to rotate to", k->path);
        return -1;
    }
    if (rename(k->path, name) < 0) {
        snprintf(msg, len, "cannot rotate %s to %s: %s", k->path, name, strerror(errno));
        free(name);
        return -1;
    }
    int fd = open(k->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 || fstat(fd, &st) < 0 || np_fsync_dir_of(k->path) < 0) {
        snprintf(msg, len, "%s: cannot start a new file after rotating: %s", k->path,
                 strerror(errno));
        if (fd >= 0) close(fd);
        *pos = (np_jfile){0, 0, 0};
        *rotated = name;
        return -1;
    }
    close(fd);
    *pos = (np_jfile){(uint64_t)st.st_ino, 0, (int64_t)time(NULL)};
    *rotated = name;
    return 0;
}

char *np__sink_tmp_path(const np_sink *k, const char *tmp_dir, const char *name)
{
    size_t n = strlen(tmp_dir) + strlen(name) + (k->path ? strlen(k->path) : 0) + 32;
    char *p = malloc(n);
    if (!p) return NULL;
    if (k->kind == NP_OUT_SPOOL)
        snprintf(p, n, "%s/" TMP_PREFIX "%s", k->path, name);
    else
        snprintf(p, n, "%s/out-%s", tmp_dir, name);
    return p;
}

int np__sink_prepare(const np_sink *k, np_jfile *pos, int *changed, char *msg, size_t len)
{
    *changed = 0;
    return k->kind == NP_OUT_FILE ? np__append_prepare(k->path, pos, changed, msg, len) : 0;
}

int np__sink_commit(const np_sink *k, const char *tmp, const char *name, np_jfile *pos,
                    uint64_t *lines, char *msg, size_t len)
{
    if (k->kind == NP_OUT_FILE) return np__append_commit(k->path, tmp, pos, lines, msg, len);
    if (k->kind == NP_OUT_REDIS) return np__redis_out_add(k->redis, tmp, lines, msg, len);
    if (k->kind == NP_OUT_STDOUT) {
        int in = open(tmp, O_RDONLY | O_CLOEXEC);
        if (in < 0) {
            snprintf(msg, len, "%s: %s", tmp, strerror(errno));
            return -1;
        }
        long long n = copy_counting(in, 1, lines);
        close(in);
        if (n < 0) {
            snprintf(msg, len, "writing stdout: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    uint64_t bytes;
    if (np__count_lines(tmp, lines, &bytes) < 0) {
        snprintf(msg, len, "%s: %s", tmp, strerror(errno));
        return -1;
    }
    size_t n = strlen(k->path) + strlen(name) + 2;
    char *final = malloc(n);
    if (!final) {
        snprintf(msg, len, "out of memory");
        return -1;
    }
    snprintf(final, n, "%s/%s", k->path, name);
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    int rc = -1;
    if (fd < 0 || fsync(fd) < 0)
        snprintf(msg, len, "%s: %s", tmp, strerror(errno));
    else if (rename(tmp, final) < 0 || np_fsync_dir_of(final) < 0)
        snprintf(msg, len, "cannot commit %s: %s", final, strerror(errno));
    else
        rc = 0;
    if (fd >= 0) close(fd);
    free(final);
    return rc;
}

void np__sink_clean(const np_sink *k)
{
    if (k->kind != NP_OUT_SPOOL) return;
    DIR *d = opendir(k->path);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)))
        if (!strncmp(e->d_name, TMP_PREFIX, strlen(TMP_PREFIX))) unlinkat(dirfd(d), e->d_name, 0);
    closedir(d);
}

int np__count_lines(const char *path, uint64_t *lines, uint64_t *bytes)
{
    /* The filters' own reader, so that a line counts here as the first stage will count it
     * (gzip inflated, a last line without a newline included). Lines longer than the limit
     * are skipped without being held, and counted all the same. */
    np_input *in = np_input_open(path, 64 * 1024);
    if (!in) return -1;
    const char *line;
    size_t len;
    np_in_status st;
    while ((st = np_input_next(in, &line, &len)) > 0) {
    }
    /* Damaged gzip data counts what it gives: the stage reading it fails the batch. */
    int rc = st == NP_IN_ERROR ? -1 : 0;
    *lines = np_input_lineno(in);
    if (bytes) *bytes = np_input_bytes(in);
    np_input_close(in);
    return rc;
}
