/* Stage processes: fork and exec with a process group of their own and death with the
 * runner, exit watched by libuv. */
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
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

/* In the child, between fork and exec: async-signal-safe calls only. Dies with the runner,
 * then starts like a posix_spawn with the attributes the header describes. On failure the
 * errno goes to the parent through errfd. */
static _Noreturn void start_child(const np_child_opts *o, const int fds[3], pid_t parent, int errfd)
{
    /* SIGKILL when the thread that forked us ends (the loop's, which lives as long as the
     * runner): a runner killed by SIGKILL cannot stop its stages itself. The runner may have
     * died before this call: then we were already handed to another parent. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0) goto fail;
    if (getppid() != parent) _exit(127);
    if (setpgid(0, 0) < 0) goto fail;
    /* The runner ignores SIGPIPE and has handlers: the stage starts with the defaults. The
     * parent blocked every signal around the fork, so no handler of the runner's ran here. */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; sig++) sigaction(sig, &dfl, NULL); /* some cannot: fine */
    for (int i = 0; i < 3; i++)
        if (dup2(fds[i], i) < 0) goto fail;
    if (o->cwd && chdir(o->cwd) < 0) goto fail;
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(o->file, o->argv, environ);
fail:;
    int err = errno;
    ssize_t k = write(errfd, &err, sizeof err);
    (void)k;
    _exit(127);
}

/* Forks and execs the child; returns 0, or an errno (the exec's, reported by the child). */
static int fork_exec(const np_child_opts *o, const int fds[3], pid_t *pid)
{
    int ep[2];
    if (pipe2(ep, O_CLOEXEC) < 0) return errno;
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    pid_t parent = getpid();
    *pid = fork();
    if (*pid == 0) start_child(o, fds, parent, ep[1]);
    int err = *pid < 0 ? errno : 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    close(ep[1]);
    if (!err) {
        /* EOF: the exec succeeded (the pipe is close-on-exec); else the child's errno. */
        int child_err = 0;
        ssize_t k;
        do k = read(ep[0], &child_err, sizeof child_err);
        while (k < 0 && errno == EINTR);
        if (k == (ssize_t)sizeof child_err) {
            err = child_err ? child_err : ECHILD;
            while (waitpid(*pid, NULL, 0) < 0 && errno == EINTR) {
            }
        }
    }
    close(ep[0]);
    return err;
}

int np__child_spawn(np_child **out, uv_loop_t *loop, const np_child_opts *o,
                    np_child_exit_cb exited, void *arg)
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
    if (!err) err = fork_exec(o, fds, &ch->pid);
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

pid_t np__child_pid(const np_child *ch)
{
    return ch->pid;
}

void np__child_kill(np_child *ch, int sig)
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

void np__child_close(np_child *ch, void (*closed)(void *arg), void *arg)
{
    ch->closed = closed;
    ch->closed_arg = arg;
    uv_close(ch->pidfd >= 0 ? (uv_handle_t *)&ch->h.poll : (uv_handle_t *)&ch->h.sig, on_closed);
}
