/* newspipe serve: the pieces of the long-lived server and what they share.
 *
 * Data path: a source (spool directory, followed file, socket or Redis stream) yields
 * batches; the followed file and the socket write their lines into an on-disk queue of batch
 * files (intake.c) first, so a batch is durable before it is processed and a socket producer can
 * be told what was accepted. The processor (batch.c) takes the oldest batch, runs it through
 * a fresh chain of the pipeline's stages (chain.h) into a temporary file, then commits in
 * this order: a journal record naming any output or reject file the journal does not know
 * yet (so that a crash in the middle of the first append to it is cut off, not kept), the
 * sink's output (sink.c), a journal record (journal.c), the stages' deferred
 * state (`newspipe-NAME --commit`), the source (the batch file leaves the queue or spool),
 * and a last journal record (then a Redis source acknowledges the batch's entries). A
 * crash at any point replays at most the batch in hand, and the journal lets a restart
 * finish a commit that was under way, so output and state never disagree. */
#ifndef NP_RUNNER_SERVE_H
#define NP_RUNNER_SERVE_H

#include <stddef.h>
#include <stdint.h>
#include <uv.h>

#include "buf.h"
#include "journal.h"
#include "pipeline.h"
#include "serve_conf.h"

typedef struct np_server np_server;
typedef struct np_intake np_intake;
typedef struct np_http np_http;

/* Per-stage accounting, summed over committed batches (from the stages' --stats lines). */
typedef struct {
    char *label;
    uint64_t in, out, dropped, rejected, bytes_in, bytes_out;
    uint64_t restarts; /* failed runs of a batch blamed on this stage */
    double seconds;
} np_stage_counters;

typedef struct {
    uint64_t intake_lines, intake_bytes; /* accepted into the queue (socket, followed file) */
    uint64_t too_long;                   /* socket lines dropped for exceeding max_line */
    uint64_t records_in, records_out;    /* through committed batches */
    uint64_t batches, batch_failures, quarantined;
    uint64_t reloads, reload_failures;
    uint64_t connections; /* socket connections accepted */
    uint64_t timed_out;   /* closed after idle_timeout or read_timeout */
    uint64_t evicted;     /* idle connections closed to make way for a waiting one */
    double batch_seconds; /* time spent running and committing batches */
    /* A Redis source: the group's entries not yet delivered and pending (read, not
     * acknowledged) as Redis last said (-1: not known), entries claimed from other
     * consumers, entries skipped (no record in them). */
    int64_t stream_lag, stream_pending;
    uint64_t stream_claimed, stream_skipped;
    np_stage_counters *stages;
    size_t nstages;
} np_serve_stats;

/* A source's backend: one table per kind of input (source_spool.c, source_follow.c,
 * source_socket.c, source_redis.c), picked once by serve.c from the configuration, as Redis's ae.c
 * picks its event backend; nothing else asks which kind of input it is. */
typedef struct {
    /* Starts reading. Returns 0, or -1 (logged). */
    int (*start)(np_server *s);
    /* The intake queue has room again (NULL: the source never pauses). */
    void (*resume)(np_server *s);
    /* Stops the intake for good (an open batch is cut, producers are answered); calls
     * done(s) once the source holds nothing. */
    void (*stop)(np_server *s, void (*done)(np_server *s));
    /* A source that hands over whole batch files itself (the spool) rather than filling the
     * intake queue: the path of the next one, or NULL. Borrowed until the next call. NULL
     * for the others. */
    const char *(*next)(np_server *s);
    /* The processor is done with the oldest file next() gave (committed, or set aside in
     * failed/). NULL: the source has nothing more to do then. */
    void (*consumed)(np_server *s);
    /* Why the source cannot read now (its server is unreachable), for /health; NULL when it
     * can, or for sources that cannot be down. */
    const char *(*down)(const np_server *s);
    /* Connections being served and whether every slot is taken while another waits (what
     * /health reports as "saturated"). NULL: no connections (0, not saturated). */
    void (*clients)(const np_server *s, uint64_t *n, int *saturated);
    /* Releases it after the loop has stopped using it. */
    void (*free)(np_server *s);
} np_source_ops;

extern const np_source_ops np__source_spool, np__source_follow, np__source_socket, np__source_redis;

/* The source and the processor talk through these. */
struct np_server {
    uv_loop_t *loop;
    np_pipeline *p; /* the running pipeline (checked) */
    const np_serve_conf *sc;
    char *file;       /* the pipeline file, for reloads */
    char *state_dir;  /* absolute */
    char *queue_dir;  /* state_dir/queue: batches from the socket or the followed file */
    char *tmp_dir;    /* state_dir/tmp */
    char *failed_dir; /* state_dir/failed: batches that kept failing */
    char *done_dir;   /* spool source: where processed files go; NULL: removed */
    np_journal j;
    np_serve_stats stats;
    np_intake *intake;        /* NULL for a spool source */
    const np_source_ops *src; /* the input's backend, picked once by serve.c */
    void *source;             /* the source's own state */
    char *waiting_dir;        /* where waiting batch files are: the spool or queue_dir */
    void *processor;          /* the batch processor's state (batch.c) */
    np_http *http;
    int stopping;    /* SIGTERM/SIGINT: intake stopped, draining */
    int stop_code;   /* exit code when the loop ends */
    uint64_t queued; /* batch files waiting (queue or spool) */
    uint64_t start_ns;
    int log_prefix; /* stderr goes to the journal: prefix lines with <N> */
    /* Wired once by serve.c, so that the pieces below it never call it (or each other) back
     * by name: a batch may be waiting (np__batch_kick); something the server cannot go on
     * without failed, so it stops as on SIGTERM but exits with code (np_serve_fail). */
    void (*batch_waiting)(np_server *s);
    void (*fail)(np_server *s, int code, const char *why);
};

/* Logging (log.c): "newspipe serve NAME: message" on stderr, with a <N> priority prefix
 * when stderr goes to the journal (s->log_prefix). */
enum { NP_LOG_ERR = 3, NP_LOG_WARNING = 4, NP_LOG_INFO = 6 };
void np__serve_log(np_server *s, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- the processor (batch.c) -------------------------------------------------------------*/
int np__batch_init(np_server *s);
/* There may be a new batch: start it if the processor is idle. */
void np__batch_kick(np_server *s);
/* True when no batch is running or waiting for a retry. */
int np__batch_idle(const np_server *s);
/* Stopping: the running batch is given shutdown_timeout to end; done() is called once the
 * processor holds nothing (committed or abandoned for replay). */
void np__batch_stop(np_server *s, void (*done)(np_server *s));
/* The consecutive failures of the batch in hand (0 when all is well), and what the last one
 * was ("stage 2 (dedupe) exited with code 70"). */
unsigned np__batch_failures(const np_server *s, const char **why);
void np__batch_free(np_server *s);
/* Finishes a commit the journal says was under way (after a crash). Returns 0 or -1. */
int np__batch_recover(np_server *s);

/* `newspipe serve FILE --requeue BATCH...` (requeue.c), with the server stopped and its state
 * directory locked: moves each file into the queue (or the spool) as a batch to process.
 * Returns 0, or the exit code of the first failure (66 a file cannot be read, 73 cannot be
 * written); each file is logged. */
int np__serve_requeue(np_server *s, char *const *files, size_t n);

/* A reloaded pipeline (checked; the processor owns it from here on): it replaces the
 * running one at once when no batch is in hand, else between batches. */
void np__batch_reload(np_server *s, np_pipeline *p);

/* ---- the stages' accounting --------------------------------------------------------------*/
np_stage_counters *np__serve_stage_counters(np_server *s, const char *label);

/* ---- the intake queue (intake.c), for the socket and the followed file -------------------*/
typedef struct {
    /* A batch was cut: it is durable in the queue now (then s->batch_waiting is called). */
    void (*cut)(np_server *s, void *arg);
    void *arg;
} np_intake_hooks;

int np__intake_open(np_server *s, int salvage_open, const np_intake_hooks *h);
/* Appends whole lines (data ends with '\n'); nlines of them. May cut a batch. nlines 0
 * appends the first part of a line whose rest the caller appends at once (no cut between).
 * Returns 0, or -1 on a write error (logged). */
int np__intake_append(np_server *s, const void *data, size_t n, uint64_t nlines);
/* Cuts the open batch now, if it holds anything. */
int np__intake_cut(np_server *s);
/* True when the sources must stop reading: the queue is full. */
int np__intake_full(const np_server *s);
/* The processor took a batch off the queue (the source resumes if it was full). */
void np__intake_consumed(np_server *s);
/* Bytes and lines in the open (not yet cut) batch. */
uint64_t np__intake_open_lines(const np_server *s);
void np__intake_close(np_server *s);

/* ---- metrics and health (metrics.c) ------------------------------------------------------*/
int np__http_start(np_server *s, const char *addr);
void np__http_close(np_server *s);
/* Renders the Prometheus text exposition into out. */
int np__metrics_render(np_server *s, np_buf *out);
/* 200 with "ok", or 503 with the reason, into out. */
int np__health_render(np_server *s, np_buf *out);

/* ---- the server (serve.c) ---------------------------------------------------------------*/
/* `newspipe serve FILE [--state-dir DIR]` once its options are read (with --requeue, the
 * nrequeue batch files to put back instead of serving): returns the exit code. */
int np__serve_run(const char *file, const char *state_dir, char *const *requeue, size_t nrequeue);

#endif
