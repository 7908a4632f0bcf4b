/* Advisory whole-file locks (flock) that say who holds them: the lock file records the
 * holder's pid and program so that a second process can name it in its error. */
#ifndef NP_LOCK_H
#define NP_LOCK_H

#include <stddef.h>

typedef struct {
    int fd; /* -1 when not held */
} np_lock;

enum { NP_LOCK_OK = 0, NP_LOCK_BUSY = 1, NP_LOCK_ERROR = -1 };

/* Locks path (created if missing). wait=0 fails at once with NP_LOCK_BUSY when another
 * process holds it, and then copies the holder's description ("pid 123 newspipe-dedupe")
 * into holder when holder is not NULL; when the described holder has exited, the lock is
 * waited for up to 5 s (a child it forked still shares it until its exec: see lock.c).
 * NP_LOCK_ERROR sets errno. */
int np_lock_acquire(np_lock *l, const char *path, int wait, char *holder, size_t holder_len);
/* Releases the lock (the file stays). */
void np_lock_release(np_lock *l);

#endif
