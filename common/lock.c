/* Advisory locks with flock(2): released by the kernel when the holder dies, so a crashed
 * run never leaves a stale lock. The holder writes "pid N PROGRAM" into the file so that a
 * waiting process can say who holds it. */
#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "cli.h"

int np_lock_acquire(np_lock *l, const char *path, int wait, char *holder, size_t holder_len)
{
    l->fd = -1;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) return NP_LOCK_ERROR;
    int rc;
    do rc = flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB));
    while (rc < 0 && errno == EINTR);
    if (rc < 0) {
        int saved = errno;
        if (saved == EWOULDBLOCK) {
            if (holder && holder_len) {
                ssize_t k = pread(fd, holder, holder_len - 1, 0);
                if (k < 0) k = 0;
                while (k > 0 && (holder[k - 1] == '\n' || holder[k - 1] == '\0')) k--;
                holder[k] = '\0';
                if (k == 0) snprintf(holder, holder_len, "another process");
            }
            close(fd);
            return NP_LOCK_BUSY;
        }
        close(fd);
        errno = saved;
        return NP_LOCK_ERROR;
    }
    char desc[128];
    int n = snprintf(desc, sizeof desc, "pid %ld %s\n", (long)getpid(), np_progname());
    if (ftruncate(fd, 0) == 0 && n > 0) {
        /* Best effort: the description is only for messages. */
        if (pwrite(fd, desc, (size_t)n, 0) < 0) (void)0;
    }
    l->fd = fd;
    return NP_LOCK_OK;
}

void np_lock_release(np_lock *l)
{
    if (l->fd < 0) return;
    /* Clear the description first so that nobody reads a stale holder. */
    if (ftruncate(l->fd, 0) < 0) (void)0;
    flock(l->fd, LOCK_UN);
    close(l->fd);
    l->fd = -1;
}
