/* Starting a stage process and learning from the event loop when it ends.
 *
 * Each stage is started in a process group of its own, in the runner's session: the
 * terminal's Ctrl-C then reaches only the runner (which drains the chain), and the runner's
 * SIGTERM/SIGKILL reach whatever the stage started. libuv's uv_spawn can only detach a child
 * into a session of its own (setsid), which puts every stage in its own scheduler autogroup;
 * measured on a busy 2-CPU machine that made a cheap chain ~20% slower, and going through a
 * helper to call setpgid() cost one more exec per stage (~45 ms more start-up for four
 * stages). A stage dies with the runner: a runner killed by SIGKILL cannot stop its stages,
 * which would hold their locks and pipes for as long as they take to notice; so the child
 * asks for SIGKILL when its parent thread ends (PR_SET_PDEATHSIG, which posix_spawn cannot
 * do: hence fork and exec), and the stage's own children end as their pipes close. The exit
 * is watched with a pidfd polled by libuv (uv_poll), or with a SIGCHLD watcher where pidfds
 * are not available. */
#ifndef NP_RUNNER_SPAWN_H
#define NP_RUNNER_SPAWN_H

#include <stdint.h>
#include <sys/types.h>
#include <uv.h>

typedef struct np_child np_child;

/* Called once, on the loop's thread, when the child has ended (and has been reaped). */
typedef void (*np_child_exit_cb)(np_child *ch, int64_t exit_status, int term_signal, void *arg);

typedef struct {
    const char *file;  /* the program's path (not searched in PATH) */
    char *const *argv; /* NULL-terminated */
    const char *cwd;   /* or NULL */
    int fd[3];         /* the child's stdin, stdout, stderr (the caller keeps its copies) */
} np_child_opts;

/* Starts the child. Call it from the loop's thread: the child dies when that thread ends.
 * Returns 0, or a negative errno (ENOENT, EACCES, ENOEXEC, ENOMEM, ...) when it could not be
 * started; then nothing needs closing. */
int np__child_spawn(np_child **out, uv_loop_t *loop, const np_child_opts *o,
                    np_child_exit_cb exited, void *arg);

/* The child's pid, which is also its process group's id. */
pid_t np__child_pid(const np_child *ch);

/* Sends sig to the child's process group, unless it has already been reaped. */
void np__child_kill(np_child *ch, int sig);

/* Releases the child (after exited was called, or to stop watching it); closed(arg) is called
 * from the loop once the memory is gone. */
void np__child_close(np_child *ch, void (*closed)(void *arg), void *arg);

#endif
