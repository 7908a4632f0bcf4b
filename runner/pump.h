/* A pump moves bytes from input files or a pipe into a pipe or file on its own thread, for
 * the few places where the runner itself must touch the stream:
 *   - the head of the chain (so that a signal can end the input cleanly, at a line boundary,
 *     and so that gzip and several input files work for any first stage);
 *   - a .gz output (compression);
 *   - between stages when --progress counts lines.
 * Regular files are moved with splice(2), so a plain chain still copies no record data in
 * user space. The pump reports to the event loop when it is done. */
#ifndef NP_RUNNER_PUMP_H
#define NP_RUNNER_PUMP_H

#include <stddef.h>
#include <stdint.h>
#include <uv.h>

typedef struct np_pump np_pump;
typedef void (*np_pump_done_cb)(np_pump *p, void *arg);

typedef struct {
    const char *const *inputs; /* files read in order ("-" = standard input, gzip detected);
                                  NULL to read in_fd instead. Borrowed until done. */
    size_t ninputs;
    int in_fd;        /* when inputs is NULL: read (gzip detected), then closed by the pump */
    int out_fd;       /* written, then closed by the pump (the reader sees EOF) */
    int out_nonblock; /* out_fd is a pipe the runner owns: make it non-blocking so that
                         np__pump_stop/abort can interrupt a full pipe */
    int gzip_out;     /* compress what is written (gzip format) */
    int count;        /* count lines for progress (forces the read/write path) */
} np_pump_config;

/* Starts a pump thread. done is called on the loop's thread once it has finished; then call
 * np__pump_free(). Returns 0 or a negative libuv error code (nothing started, fds untouched). */
int np__pump_start(np_pump **out, uv_loop_t *loop, const np_pump_config *cfg, np_pump_done_cb done,
                   void *arg);

/* Asks the pump to stop reading new input: it ends at the next line boundary (finishing the
 * line it is in the middle of), closes its output and is done. */
void np__pump_stop(np_pump *p);
/* Stops at once, mid-line if need be (after the stages were told to terminate). */
void np__pump_abort(np_pump *p);

/* Progress counters, readable from any thread while the pump runs. */
uint64_t np__pump_lines(const np_pump *p);
uint64_t np__pump_bytes(const np_pump *p);

/* After done: 0, or the exit code of its failure (66 an input cannot be opened, 65 corrupt
 * gzip, 74 read/write error, 70 no memory) with *msg set to a description (owned by p). */
int np__pump_status(const np_pump *p, const char **msg);
/* After done: the reader of its output went away (EPIPE) before all input was written. */
int np__pump_broken(const np_pump *p);
/* After done: the pump stopped because np__pump_stop() or np__pump_abort() asked it to. */
int np__pump_stopped(const np_pump *p);

/* Releases p: after done, or at any time (it then aborts the pump and waits for its thread).
 * The memory goes when the loop closes its handle. */
void np__pump_free(np_pump *p);

#endif
