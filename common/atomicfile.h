/* Files that appear whole or not at all: write to a temporary file beside the target,
 * fsync, rename over the target, fsync the directory. */
#ifndef NP_ATOMICFILE_H
#define NP_ATOMICFILE_H

#include <stdio.h>

typedef struct {
    char *path;     /* the final path, a symbolic link's target (owned) */
    char *tmp_path; /* PATH.tmp.PID.XXXXXX (owned); NULL when path is a device, a FIFO or
                       our standard output, which are written in place */
    int fd;
} np_atomic_file;

/* Creates the temporary file for path (mode 0644 & ~umask); a symbolic link's target is the
 * file replaced, the link stays. Returns 0, or -1 with errno set. */
int np_atomic_open(np_atomic_file *af, const char *path);
/* fsyncs and closes the temporary, renames it to path, fsyncs the directory, frees af.
 * Returns 0, or -1 with errno set (the temporary is then removed and path untouched). */
int np_atomic_commit(np_atomic_file *af);
/* Removes the temporary and frees af; path is untouched. Safe to call after a failed commit
 * and on a zeroed af with fd = -1. */
void np_atomic_abort(np_atomic_file *af);
/* Replaces path with the n bytes at p: open, write, commit, or abort when any of them fails.
 * Returns 0; or, errno set, path untouched and no temporary left, NP_EX_CANTCREAT when the
 * temporary cannot be created and NP_EX_IOERR when writing or committing it fails (a full
 * disk is an I/O error, not a file that cannot be created). */
int np_atomic_write_file(const char *path, const void *p, size_t n);
/* A command's result: np_atomic_write_file to path, or all of it to standard output when path
 * is NULL. On failure says so in one line ("PATH: cannot create: REASON", "PATH: write error:
 * REASON", "write error: REASON") and returns the exit status; 0 on success. */
int np_write_result(const char *path, const void *p, size_t n);

/* Removes what a killed writer left beside path: the temporaries named as np_atomic_open()
 * names them, PATH.tmp.PID.XXXXXX (regular files), whose process PID no longer exists. A live
 * process's (ours included) and every other name stay. Meant for a program's start, before
 * it makes temporaries of its own. Caveat: a writer in another PID namespace sharing the
 * directory looks dead. Returns how many were removed, or -1 with errno when the directory
 * cannot be read (ENOENT: none to remove, 0). */
int np_atomic_sweep(const char *path);

/* Writes all n bytes to fd, retrying on EINTR and short writes. Returns 0 or -1 (errno). */
int np_write_all(int fd, const void *p, size_t n);
/* fsyncs the directory that contains path. Returns 0 or -1 (errno). */
int np_fsync_dir_of(const char *path);

#endif
