/* Synchronous helper processes. Several can be started before any is waited for, so that
 * `newspipe check` asks all its filters for their options at once. */
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int np__proc_start(char *const argv[], const char *cwd, pid_t *pid, int *fd)
{
    int fds[2] = {-1, -1};
    if (fd && pipe2(fds, O_CLOEXEC) < 0) return -1;
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    int err = posix_spawn_file_actions_init(&fa);
    if (err) goto fail_fds;
    err = posix_spawnattr_init(&attr);
    if (err) {
        posix_spawn_file_actions_destroy(&fa);
        goto fail_fds;
    }
    /* The runner ignores SIGPIPE; its helpers must not inherit that. */
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    if (fd) posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    if (cwd) posix_spawn_file_actions_addchdir_np(&fa, cwd);
    err = posix_spawn(pid, argv[0], &fa, &attr, argv, environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&fa);
    if (err) goto fail_fds;
    if (fd) {
        close(fds[1]);
        *fd = fds[0];
    }
    return 0;
fail_fds:
    if (fds[0] >= 0) close(fds[0]);
    if (fds[1] >= 0) close(fds[1]);
    errno = err;
    return -1;
}

int np__proc_finish(pid_t pid, int fd, np_buf *out, size_t max, int *status)
{
    if (fd >= 0) {
        char chunk[4096];
        for (;;) {
            ssize_t k = read(fd, chunk, sizeof chunk);
            if (k < 0 && errno == EINTR) continue;
            if (k <= 0) break;
            size_t room = out && out->len < max ? max - out->len : 0;
            size_t take = (size_t)k < room ? (size_t)k : room;
            /* Out of memory: keep draining so that the child does not block. */
            if (take && np_buf_append(out, chunk, take) < 0) max = out->len;
        }
        close(fd);
    }
    int ws;
    while (waitpid(pid, &ws, 0) < 0)
        if (errno != EINTR) return -1;
    *status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
    return 0;
}

int np__proc_run(char *const argv[], const char *cwd, np_buf *out, size_t max, int *status)
{
    pid_t pid;
    int fd = -1;
    if (np__proc_start(argv, cwd, &pid, out ? &fd : NULL) < 0) return -1;
    return np__proc_finish(pid, fd, out, max, status);
}
