/* Stage processes: posix_spawn with a process group of their own, exit watched by libuv. */
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

struct np_child {
    pid_t pid;
    int reaped;
    int pidfd; /* -1: watched through SIGCHLD instead */
    union {
        uv_poll_t poll;
        uv_signal_t sig;
    } h;
    np_child_exit_cb exited;
    void *arg;
    void (*closed)(void *arg);
    void *closed_arg;
};

/* Reaps the child if it has ended and reports it. */
static void try_reap(np_child *ch)
{
    if (ch->reaped) return;
    int ws;
    pid_t r;
    do r = waitpid(ch->pid, &ws, WNOHANG);
    while (r < 0 && errno == EINTR);
    if (r == 0) return; /* still running (a SIGCHLD for another child) */
    ch->reaped = 1;
    if (ch->pidfd >= 0)
        uv_poll_stop(&ch->h.poll);
    else
        uv_signal_stop(&ch->h.sig);
    int64_t status = 0;
    int term = 0;
    if (r < 0)
        status = 127; /* reaped by someone else: its status is lost */
    else if (WIFEXITED(ws))
        status = WEXITSTATUS(ws);
    else if (WIFSIGNALED(ws))
        term = WTERMSIG(ws);
    ch->exited(ch, status, term, ch->arg);
}

static void on_pidfd(uv_poll_t *h, int status, int events)
{
    (void)status;
    (void)events;
    try_reap(h->data);
}

static void on_sigchld(uv_signal_t *h, int signum)
{
    (void)signum;
    try_reap(h->data);
}

/* fds 0-2 given as a child's fds must first be moved out of the way of the dup2s. */
static int high_fd(int fd, int *tmp)
{
    *tmp = -1;
    if (fd > 2) return fd;
    *tmp = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    return *tmp;
}

int np_child_spawn(np_child **out, uv_loop_t *loop, const np_child_opts *o, np_child_exit_cb exited,
                   void *arg)
{
    np_child *ch = calloc(1, sizeof *ch);
    if (!ch) return -ENOMEM;
    ch->pidfd = -1;
    ch->exited = exited;
    ch->arg = arg;
    ch->h.poll.data = ch; /* both union members start with uv_handle_t's data */

    int fds[3], tmp[3] = {-1, -1, -1}, err = 0;
    for (int i = 0; i < 3; i++)
        if ((fds[i] = high_fd(o->fd[i], &tmp[i])) < 0) err = errno;
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    int fa_ok = 0, attr_ok = 0;
    if (!err && !(err = posix_spawn_file_actions_init(&fa))) fa_ok = 1;
    if (!err && !(err = posix_spawnattr_init(&attr))) attr_ok = 1;
    if (!err) {
        for (int i = 0; i < 3 && !err; i++) err = posix_spawn_file_actions_adddup2(&fa, fds[i], i);
        if (!err && o->cwd) err = posix_spawn_file_actions_addchdir_np(&fa, o->cwd);
    }
    if (!err) {
        /* The runner ignores SIGPIPE and may block signals: the stage starts with defaults. */
        sigset_t all, none;
        sigfillset(&all);
        sigemptyset(&none);
        posix_spawnattr_setsigdefault(&attr, &all);
        posix_spawnattr_setsigmask(&attr, &none);
        posix_spawnattr_setpgroup(&attr, 0);
        err = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK |
                                                  POSIX_SPAWN_SETPGROUP);
    }
    if (!err) err = posix_spawn(&ch->pid, o->file, &fa, &attr, o->argv, environ);
    if (fa_ok) posix_spawn_file_actions_destroy(&fa);
    if (attr_ok) posix_spawnattr_destroy(&attr);
    for (int i = 0; i < 3; i++)
        if (tmp[i] >= 0) close(tmp[i]);
    if (err) {
        free(ch);
        return -err;
    }
    /* NEWSPIPE_NO_PIDFD=1 forces the fallback, for its tests. */
    ch->pidfd = getenv("NEWSPIPE_NO_PIDFD") ? -1 : (int)syscall(SYS_pidfd_open, ch->pid, 0);
    if (ch->pidfd >= 0 && uv_poll_init(loop, &ch->h.poll, ch->pidfd) == 0) {
        ch->h.poll.data = ch;
        uv_poll_start(&ch->h.poll, UV_READABLE, on_pidfd);
    } else {
        /* No pidfds (an old kernel, a seccomp filter): SIGCHLD. A child that ended before the
         * watcher started is found by the waitpid that the SIGCHLD sent here triggers (from
         * the loop, so that exited is never called before this function returns). */
        if (ch->pidfd >= 0) close(ch->pidfd);
        ch->pidfd = -1;
        uv_signal_init(loop, &ch->h.sig);
        ch->h.sig.data = ch;
        uv_signal_start(&ch->h.sig, on_sigchld, SIGCHLD);
        kill(getpid(), SIGCHLD);
    }
    *out = ch;
    return 0;
}

pid_t np_child_pid(const np_child *ch)
{
    return ch->pid;
}

void np_child_kill(np_child *ch, int sig)
{
    /* Once reaped, the number may name another process group. */
    if (!ch->reaped) kill(-ch->pid, sig);
}

static void on_closed(uv_handle_t *h)
{
    np_child *ch = h->data;
    if (ch->pidfd >= 0) close(ch->pidfd);
    void (*closed)(void *) = ch->closed;
    void *arg = ch->closed_arg;
    free(ch);
    if (closed) closed(arg);
}

void np_child_close(np_child *ch, void (*closed)(void *arg), void *arg)
{
    ch->closed = closed;
    ch->closed_arg = arg;
    uv_close(ch->pidfd >= 0 ? (uv_handle_t *)&ch->h.poll : (uv_handle_t *)&ch->h.sig, on_closed);
}
