/* Running helper programs to completion: `newspipe-NAME --options`, `--version` and the
 * deferred `--commit`. Plain posix_spawn and waitpid; the event loop is for stages. */
#ifndef NP_RUNNER_PROC_H
#define NP_RUNNER_PROC_H

#include <stddef.h>
#include <sys/types.h>

#include "buf.h"

/* Starts argv (argv[0] a path) in directory cwd (NULL: the current one) with stdin from
 * /dev/null, signal dispositions reset to their defaults and stderr inherited. When fd is
 * not NULL, stdout goes to a pipe whose read end *fd the caller passes to np__proc_finish();
 * otherwise stdout is inherited. Returns 0, or -1 with errno set (ENOENT, ENOMEM, ...). */
int np__proc_start(char *const argv[], const char *cwd, pid_t *pid, int *fd);

/* Reads fd (or nothing when fd is -1) to its end, appending at most max bytes to out (the
 * rest is read and discarded), closes it and waits for pid. *status gets the exit code, or
 * 128 + the signal that ended it. Returns 0 or -1 (errno). */
int np__proc_finish(pid_t pid, int fd, np_buf *out, size_t max, int *status);

/* np__proc_start() then np__proc_finish(): stdout captured into out when out is not NULL. */
int np__proc_run(char *const argv[], const char *cwd, np_buf *out, size_t max, int *status);

#endif
