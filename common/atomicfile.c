/* Atomic file replacement. The rename is the commit point: before it the old file is intact,
 * after it the new one is complete on disk (fsync before rename, directory fsync after). */
#include "atomicfile.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "exitcode.h"

int np_write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t k = write(fd, c, n);
        if (k < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (k == 0) {
            errno = EIO;
            return -1;
        }
        c += k;
        n -= (size_t)k;
    }
    return 0;
}

int np_fsync_dir_of(const char *path)
{
    char *copy = strdup(path);
    if (!copy) return -1;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(copy);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    int saved = errno;
    close(fd);
    /* Some filesystems cannot fsync a directory; the rename is still atomic there. */
    if (rc < 0 && (saved == EINVAL || saved == ENOTSUP)) return 0;
    errno = saved;
    return rc;
}

/* The file path names: path itself, or for a symbolic link the file it points to (which
 * need not exist yet), so that the link stays and its target is replaced. NULL with errno
 * set when out of memory or the links loop. */
static char *target_of(const char *path)
{
    char *cur = strdup(path);
    for (int hops = 0; cur; hops++) {
        struct stat st;
        if (lstat(cur, &st) < 0 || !S_ISLNK(st.st_mode)) return cur;
        if (hops == 40) {
            free(cur);
            errno = ELOOP;
            return NULL;
        }
        char link[4096];
        ssize_t n = readlink(cur, link, sizeof link - 1);
        if (n < 0) return cur; /* gone meanwhile: as it is */
        link[n] = '\0';
        char *next;
        if (link[0] == '/') {
            next = strdup(link);
        } else { /* relative to the link's directory */
            char *dcopy = strdup(cur);
            const char *dir = dcopy ? dirname(dcopy) : NULL;
            size_t len = dir ? strlen(dir) + (size_t)n + 2 : 0;
            next = dir ? malloc(len) : NULL;
            if (next) snprintf(next, len, "%s/%s", dir, link);
            free(dcopy);
        }
        free(cur);
        cur = next;
    }
    errno = ENOMEM;
    return NULL;
}

/* Is the file at path (links followed) our standard output? */
static int is_stdout(const char *path)
{
    struct stat a, b;
    return stat(path, &a) == 0 && fstat(STDOUT_FILENO, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

int np_atomic_open(np_atomic_file *af, const char *path)
{
    af->fd = -1;
    af->tmp_path = NULL;
    /* Our own standard output (-o /dev/stdout, and in cron "... >> log") is written through
     * it, appending as the shell opened it; a device or FIFO (-o /dev/null) in place:
     * renaming a temporary file over it would replace /dev/null with a regular file for the
     * whole system. stat() follows /dev/stdout's links as open() would (its last one,
     * /proc/self/fd/1, names a pipe as "pipe:[N]", which is no path to follow by hand). */
    struct stat st;
    int out = is_stdout(path);
    if (out || (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))) {
        af->path = strdup(path);
        af->fd = !af->path ? -1
                 : out     ? fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)
                           : open(path, O_WRONLY | O_CLOEXEC);
        if (af->fd < 0) {
            int saved = af->path ? errno : ENOMEM;
            np_atomic_abort(af);
            errno = saved;
            return -1;
        }
        return 0;
    }
    af->path = target_of(path);
    if (!af->path) return -1;
    path = af->path;
    size_t n = strlen(path) + 40;
    af->tmp_path = malloc(n);
    if (!af->tmp_path) {
        np_atomic_abort(af);
        errno = ENOMEM;
        return -1;
    }
    snprintf(af->tmp_path, n, "%s.tmp.%ld.XXXXXX", path, (long)getpid());
    af->fd = mkostemp(af->tmp_path, O_CLOEXEC);
    if (af->fd < 0) {
        int saved = errno;
        free(af->tmp_path);
        af->tmp_path = NULL;
        np_atomic_abort(af);
        errno = saved;
        return -1;
    }
    /* mkostemp creates 0600; give the file the mode a plain creat() would. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(af->fd, 0666 & ~mask) < 0) {
        int saved = errno;
        np_atomic_abort(af);
        errno = saved;
        return -1;
    }
    return 0;
}

int np_atomic_commit(np_atomic_file *af)
{
    if (!af->tmp_path) { /* written in place (a device or FIFO) */
        int rc = close(af->fd);
        af->fd = -1;
        int saved = errno;
        free(af->path);
        af->path = NULL;
        errno = saved;
        return rc;
    }
    int rc = fsync(af->fd);
    if (close(af->fd) < 0 && rc == 0) rc = -1;
    af->fd = -1;
    if (rc == 0) rc = rename(af->tmp_path, af->path);
    if (rc < 0) {
        int saved = errno;
        np_atomic_abort(af);
        errno = saved;
        return -1;
    }
    free(af->tmp_path);
    af->tmp_path = NULL;
    rc = np_fsync_dir_of(af->path);
    int saved = errno;
    free(af->path);
    af->path = NULL;
    errno = saved;
    return rc;
}

void np_atomic_abort(np_atomic_file *af)
{
    if (af->fd >= 0) close(af->fd);
    af->fd = -1;
    if (af->tmp_path) unlink(af->tmp_path);
    free(af->tmp_path);
    free(af->path);
    af->tmp_path = af->path = NULL;
}

int np_atomic_write_file(const char *path, const void *p, size_t n)
{
    np_atomic_file af;
    if (np_atomic_open(&af, path) < 0) return NP_EX_CANTCREAT;
    if (np_write_all(af.fd, p, n) < 0) {
        int saved = errno;
        np_atomic_abort(&af);
        errno = saved;
        return NP_EX_IOERR;
    }
    return np_atomic_commit(&af) < 0 ? NP_EX_IOERR : 0;
}

int np_write_result(const char *path, const void *p, size_t n)
{
    if (!path) {
        if (np_write_all(STDOUT_FILENO, p, n) == 0) return 0;
        np_error("write error: %s", strerror(errno));
        return NP_EX_IOERR;
    }
    int rc = np_atomic_write_file(path, p, n);
    if (rc)
        np_error("%s: %s: %s", path, rc == NP_EX_CANTCREAT ? "cannot create" : "write error",
                 strerror(errno));
    return rc;
}

/* The pid in NAME = BASE.tmp.PID.XXXXXX (mkostemp's six letters or digits), or 0. */
static pid_t temporary_of(const char *name, const char *base, size_t blen)
{
    if (strncmp(name, base, blen) || strncmp(name + blen, ".tmp.", 5)) return 0;
    const char *p = name + blen + 5;
    long long pid = 0;
    if (!isdigit((unsigned char)*p)) return 0;
    while (isdigit((unsigned char)*p) && pid < 1LL << 31) pid = pid * 10 + (*p++ - '0');
    if (*p++ != '.' || pid <= 0 || pid >= 1LL << 31) return 0;
    for (int i = 0; i < 6; i++)
        if (!isalnum((unsigned char)p[i])) return 0;
    return p[6] ? 0 : (pid_t)pid;
}

int np_atomic_sweep(const char *path)
{
    char *target = target_of(path); /* where np_atomic_open puts them */
    char *dcopy = target ? strdup(target) : NULL, *bcopy = target ? strdup(target) : NULL;
    free(target);
    if (!dcopy || !bcopy) {
        free(dcopy);
        free(bcopy);
        errno = ENOMEM;
        return -1;
    }
    const char *base = basename(bcopy);
    size_t blen = strlen(base);
    DIR *d = opendir(dirname(dcopy));
    int removed = 0, err = d ? 0 : errno;
    for (struct dirent *e; d && (e = readdir(d));) {
        pid_t pid = temporary_of(e->d_name, base, blen);
        if (!pid || pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH) continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode))
            continue;
        if (unlinkat(dirfd(d), e->d_name, 0) == 0) removed++;
    }
    if (d) closedir(d);
    free(dcopy);
    free(bcopy);
    if (err == ENOENT) return 0;
    errno = err;
    return err ? -1 : removed;
}
