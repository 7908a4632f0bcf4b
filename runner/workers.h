/* One stage run as N copies of its filter (`workers: N`): a thread that hands the stage's
 * input to the copies in chunks of whole lines and writes their outputs back out in input
 * order, so that the stage's output is byte for byte what one copy would write.
 *
 * The filters speak the chunk protocol of common/chunk.h (they are started with --chunked):
 * each chunk is sent to one worker between a begin and an end marker, and the worker echoes
 * the end marker after the chunk's output. The thread never parses a record: it finds line
 * ends with memchr to cut chunks and number lines, and the echoed markers with memchr for
 * one byte that JSON output cannot contain.
 *
 * Memory is bounded: at most NP_WORKERS_IN_BUF bytes of input and NP_WORKERS_OUT_BUF bytes
 * of each worker's output are held, whatever the records' sizes (a 10 MB record streams
 * through). A worker that stops reading or whose output is not due yet stalls the hand-off
 * (and so the stage above) instead. */
#ifndef NP_RUNNER_WORKERS_H
#define NP_RUNNER_WORKERS_H

#include <stddef.h>
#include <stdint.h>
#include <uv.h>

#define NP_WORKERS_MAX      1024          /* the most `workers:` may ask for */
#define NP_WORKERS_CHUNK    (64 * 1024)   /* a chunk ends at the first line end past this */
#define NP_WORKERS_IN_BUF   (256 * 1024)  /* input held */
#define NP_WORKERS_OUT_BUF  (1024 * 1024) /* output held per worker */
#define NP_WORKERS_INFLIGHT 2             /* chunks a worker is given ahead */
#define NP_WORKERS_QUEUED   16            /* chunks per worker awaiting their turn */
#define NP_WORKERS_PIPE     (4 * NP_WORKERS_CHUNK) /* a worker's pipes (kernel memory) */

typedef struct np_workers np_workers;
typedef void (*np_workers_done_cb)(np_workers *g, void *arg);

typedef struct {
    int in_fd;          /* the stage's input: read, then closed */
    int out_fd;         /* the stage's output: written, then closed */
    size_t n;           /* the number of workers, 2 to NP_WORKERS_MAX */
    const int *to_fd;   /* n fds: the write end of each worker's stdin, non-blocking */
    const int *from_fd; /* n fds: the read end of each worker's stdout, non-blocking */
} np_workers_config;

/* Starts the hand-off thread; every fd is handed over (closed by the thread when it is done
 * with it, or here on failure). done is called on the loop's thread when it has finished;
 * then call np__workers_free(). Returns 0 or a negative libuv error code. */
int np__workers_start(np_workers **out, uv_loop_t *loop, const np_workers_config *cfg,
                      np_workers_done_cb done, void *arg);

/* Stops at once: every fd is closed, so the workers see EOF or EPIPE. */
void np__workers_abort(np_workers *g);

/* After done: 0 when every chunk went through (or the stage's reader went away, see
 * np__workers_broken), else -1 with *worker the worker to blame (0-based, or (size_t)-1 for
 * none: the input or output failed) and *msg a description owned by g. */
int np__workers_status(const np_workers *g, size_t *worker, const char **msg);
/* Any time: the thread has closed the stage's input and the workers' outputs, so that a
 * process writing to them gets EPIPE. */
int np__workers_closed(const np_workers *g);
/* After done: the reader of the stage's output went away before the end. */
int np__workers_broken(const np_workers *g);
/* Chunks handed out so far; readable from any thread. */
uint64_t np__workers_chunks(const np_workers *g);

/* Releases g: after done, or at any time (it then aborts the thread and waits for it). The
 * memory goes when the loop closes its handle. */
void np__workers_free(np_workers *g);

#endif
