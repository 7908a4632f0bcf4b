/* Advisory locks with flock(2): released by the kernel when the holder dies, so a crashed
 * run never leaves a stale lock. The holder writes "pid N PROGRAM" into the file so that a
 * waiting process can say who holds it.
 *
 * A flock belongs to the open file, which a child forked by the holder shares until its exec
 * closes it (O_CLOEXEC): a holder killed while it was starting a child leaves the lock held
 * for the moments that child needs to reach its exec or to die with its parent. A process that
 * finds the lock held by a holder that no longer exists waits those moments, boundedly,
 * instead of naming a dead process as the holder (a supervisor restarting a killed server at
 * once met exactly this). */
#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define DEAD_HOLDER_WAIT_MS 5000 /* how long a lock whose holder has exited is waited for */
#define DEAD_HOLDER_POLL_MS 10

/* Reads the holder's description ("pid N PROGRAM", or "another process" when there is none)
 * into desc; returns N when that process no longer exists, else 0. */
static long read_holder(int fd, char *desc, size_t len)
{
    ssize_t k = pread(fd, desc, len - 1, 0);
    if (k < 0) k = 0;
    while (k > 0 && (desc[k - 1] == '\n' || desc[k - 1] == '\0')) k--;
    desc[k] = '\0';
    if (k == 0) {
        snprintf(desc, len, "another process");
        return 0;
    }
    long pid = 0;
    if (sscanf(desc, "pid %ld", &pid) != 1 || pid <= 0) return 0;
    return kill((pid_t)pid, 0) < 0 && errno == ESRCH ? pid : 0;
}

int np_lock_acquire(np_lock *l, const char *path, int wait, char *holder, size_t holder_len)
{
    l->fd = -1;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) return NP_LOCK_ERROR;
    int rc;
    for (int waited = 0;; waited += DEAD_HOLDER_POLL_MS) {
        do rc = flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB));
        while (rc < 0 && errno == EINTR);
        if (rc == 0 || errno != EWOULDBLOCK) break;
        char desc[256];
        if (!read_holder(fd, desc, sizeof desc) || waited >= DEAD_HOLDER_WAIT_MS) {
            if (holder && holder_len) snprintf(holder, holder_len, "%s", desc);
            close(fd);
            return NP_LOCK_BUSY;
        }
        struct timespec ts = {0, DEAD_HOLDER_POLL_MS * 1000000L};
        nanosleep(&ts, NULL);
    }
    if (rc < 0) {
        int saved = errno;
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
