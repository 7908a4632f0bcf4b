/* Spawning and supervising a chain of stage processes with libuv. Stage i's stdout is
 * connected to stage i+1's stdin by a pipe the chain creates and hands over, so records go
 * from process to process without passing through the runner (unless counting pumps are
 * asked for, for --progress). Each stage's stderr is read line by line and logged with the
 * stage's label; a stage's --stats line is kept instead. Shutdown escalates from waiting
 * (the caller has closed the head), to SIGTERM, to SIGKILL.
 *
 * Each stage runs in a process group of its own (spawn.h).
 *
 * A stage with workers is several processes with the hand-off thread of workers.h between
 * them and its neighbours; its status is theirs together (np__chain_status), each worker's
 * is np__chain_worker_status.
 *
 * Used by `newspipe run`, `newspipe test` and `newspipe serve`. */
#ifndef NP_RUNNER_CHAIN_H
#define NP_RUNNER_CHAIN_H

#include <stddef.h>
#include <stdint.h>
#include <uv.h>

#define NP_TAIL_LINES 3

typedef struct np_chain np_chain;

typedef struct {
    const char *label; /* "dedupe": used in log lines and messages */
    const char *file;  /* the program's path */
    char *const *argv; /* NULL-terminated */
    int stats;         /* started with --stats: keep its {"filter":...} stderr line */
    size_t workers;    /* > 1: run that many copies (argv has --chunked), see workers.h */
    int caps_itself;   /* a filter: it caps its own diagnostics (max_log_lines not applied) */
} np_chain_stage;

typedef struct {
    uv_loop_t *loop;
    const char *cwd;              /* the stages' working directory, or NULL */
    const np_chain_stage *stages; /* borrowed until np__chain_free() */
    size_t n;
    int in_fd;  /* the first stage's stdin; handed over (the chain closes it) */
    int out_fd; /* the last stage's stdout; handed over likewise */
    int count;  /* put line-counting pumps between the stages */
    long long shutdown_ms;
    /* Per process of a stage that does not cap its own diagnostics: its first stderr lines
     * shown, then counts (diagcap.h); 0: every line. */
    uint64_t max_log_lines;
    /* One line a stage wrote on stderr (without its newline). NULL: written to fd 2 as
     * "[label] line". */
    void (*log_line)(void *arg, const char *label, const char *line, size_t n);
    /* Stage i has ended (its status is final, its stderr may still be being read). */
    void (*exited)(np_chain *c, size_t i, void *arg);
    /* Shutdown went past draining: level 1 SIGTERM was sent, level 2 SIGKILL. */
    void (*escalated)(np_chain *c, int level, void *arg);
    /* Every stage has ended and its stderr is read: the results are final. */
    void (*done)(np_chain *c, void *arg);
    void *arg;
} np_chain_config;

/* A stage with workers: started when every worker was, exited when every worker has and the
 * hand-off is done; it ends as its first worker to fail, or as the hand-off (exit code 70),
 * or by SIGPIPE if a worker did, else with 0; seconds is the longest worker's; stats merges
 * the workers' lines (statmerge.h) and tail is the failing worker's. */
typedef struct {
    int started;     /* the process was spawned */
    int spawn_error; /* libuv error code when it could not be (0 otherwise) */
    int exited;
    int64_t exit_status;
    int term_signal;
    unsigned exit_seq;         /* 1 for the first stage to end, 2 for the next... */
    int reader_gone;           /* ended by SIGPIPE when what reads its output had gone */
    double seconds;            /* from start to exit */
    char *stats;               /* its --stats JSON line, or NULL */
    char *tail[NP_TAIL_LINES]; /* its last stderr lines, oldest first; NULL when fewer */
} np_stage_status;

/* Spawns the chain. Returns 0, or a negative libuv error when nothing could be started (the
 * fds are then closed). A stage that cannot be spawned is recorded in its status (the others
 * still run and see EOF or EPIPE), and done is called as usual. */
int np__chain_start(np_chain **out, const np_chain_config *cfg);

/* Starts the shutdown clock: after shutdown_ms the stages still running get SIGTERM, and
 * SIGKILL after as long again. The caller first closes the head of the chain so that the
 * stages can drain and end by themselves before that. Calling it again does nothing. */
void np__chain_shutdown(np_chain *c);
/* Takes the next shutdown step now (a second Ctrl-C). */
void np__chain_escalate(np_chain *c);

size_t np__chain_size(const np_chain *c);
const np_stage_status *np__chain_status(const np_chain *c, size_t i);
/* Stage i's number of workers (0: it is one process), and worker k's own status. */
size_t np__chain_workers(const np_chain *c, size_t i);
const np_stage_status *np__chain_worker_status(const np_chain *c, size_t i, size_t k);
/* Lines that went from stage i to stage i+1 so far (counting pumps only; else 0). */
uint64_t np__chain_lines(const np_chain *c, size_t i);
/* The number of stages still running. */
size_t np__chain_running(const np_chain *c);

/* The run's verdict (pipefail with head semantics): 0 when every stage exited 0, except an
 * upstream stage ended by SIGPIPE (or exit code 141, how a shell reports it) after a stage
 * below it exited 0. Otherwise the exit code to
 * report (the stage's own code, 128 + its signal, or 71 when it could not be started) and
 * *culprit = the stage that caused the failure (a stage that failed by itself, not one
 * killed by SIGPIPE because its reader failed). *pipe_out is set when the only failure is the
 * last stage ended by SIGPIPE: whoever reads the chain's output went away. */
int np__chain_verdict(const np_chain *c, size_t *culprit, int *pipe_out);

/* Describes how stage i ended ("exited with code 70", "was killed by SIGKILL (signal 9)",
 * "could not be started: no such file or directory", "worker 2 of 3 was killed by ...")
 * into buf. */
void np__chain_describe(const np_chain *c, size_t i, char *buf, size_t len);

/* Frees the chain after done (the memory goes once the loop has closed its handles). */
void np__chain_free(np_chain *c);

/* Writes a stage's stderr line to fd 2 as "[label] line\n", in one write so that lines of
 * concurrent stages do not interleave: what happens when cfg.log_line is NULL. */
void np__chain_write_stage_line(const char *label, const char *line, size_t n);

#endif
