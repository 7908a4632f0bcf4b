/* Running a helper program to completion: `newspipe-NAME --options`, `--version` and the
 * deferred `--commit`. Plain posix_spawn and waitpid; the event loop is for stages. */
#ifndef NP_RUNNER_PROC_H
#define NP_RUNNER_PROC_H

#include <stddef.h>

#include "buf.h"

/* Runs argv (argv[0] a path) in directory cwd (NULL: the current one) with stdin from
 * /dev/null, signal dispositions reset to their defaults, and waits for it.
 * When out is not NULL, stdout is appended to it (at most max bytes are kept; the rest is
 * read and discarded); otherwise stdout is inherited. stderr is inherited.
 * *status gets the exit code, or 128 + the signal that ended it.
 * Returns 0, or -1 with errno set when it could not be started (ENOENT, ENOMEM, ...). */
int np_proc_run(char *const argv[], const char *cwd, np_buf *out, size_t max, int *status);

#endif
