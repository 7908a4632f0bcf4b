/* Where `newspipe serve` delivers a batch's output, atomically per batch:
 *   - a file, appended to: the journal knows the file (its inode and size) before the first
 *     byte is appended to it; the batch is appended and fsynced, and the journal records the
 *     new size; a restart truncates whatever an interrupted append left past the size the
 *     journal holds. Rotated by size or age between batches (the file is renamed to
 *     NAME-YYYYmmddTHHMMSSZ.EXT and a new one started);
 *   - a spool directory: one file per batch, written beside its final name and renamed
 *     into place (a replayed batch replaces its own file);
 *   - a Redis stream (sink_redis.h): each record XADDed at commit (at-least-once);
 *   - stdout: written at commit (a crash may cut a batch short there: use a file for
 *     at-least-once delivery).
 * The pipeline's reject file is appended to the same way as the file sink. */
#ifndef NP_RUNNER_SINK_H
#define NP_RUNNER_SINK_H

#include <stddef.h>
#include <stdint.h>

#include "journal.h"
#include "sink_redis.h"

typedef enum { NP_OUT_FILE, NP_OUT_SPOOL, NP_OUT_STDOUT, NP_OUT_REDIS } np_out_kind;

typedef struct {
    np_out_kind kind;
    char *path;          /* the file or directory (owned); NULL for stdout and Redis */
    np_redis_out *redis; /* NP_OUT_REDIS (owned) */
    uint64_t rotate_size;
    int64_t rotate_secs;
} np_sink;

/* Makes a file at path agree with pos after a crash: data past pos->size in the file pos
 * names is cut off (it belongs to a batch that was not committed). When the file at path is
 * another one (the sink had rotated, or someone replaced the file), pos is updated to it.
 * Returns 0, or -1 with a message in msg. */
int np__append_recover(const char *path, np_jfile *pos, char *msg, size_t len);
/* Before appending to path: opens it (creating it), and when it is not the file pos names
 * (new, rotated, replaced by someone), sets pos to it (its inode and current size) and
 * *changed. The caller must then make pos durable (the journal) before np__append_commit,
 * so that a crash during the append is cut off at the next start instead of being kept.
 * Returns 0, or -1 with a message. */
int np__append_prepare(const char *path, np_jfile *pos, int *changed, char *msg, size_t len);
/* Appends the whole of the file src to path, fsyncs it and advances pos; counts the lines
 * appended into *lines when lines is not NULL. The file must be the one pos names
 * (np__append_prepare); else, or on any failure, nothing is appended (the file is cut back
 * to pos). Returns 0, or -1 with a message. */
int np__append_commit(const char *path, const char *src, np_jfile *pos, uint64_t *lines, char *msg,
                      size_t len);

/* Rotates the sink file when it is due (by size or age): renames it and starts a new one,
 * updating pos. *rotated gets the new name (caller frees) or NULL. Returns 0 or -1. */
int np__sink_rotate(const np_sink *k, np_jfile *pos, char **rotated, char *msg, size_t len);

/* The path the chain's output for a batch is written to (caller frees): beside its final
 * file `name` in a spool sink, else in tmp_dir. */
char *np__sink_tmp_path(const np_sink *k, const char *tmp_dir, const char *name);
/* np__append_prepare for a file sink (nothing to do for the others). */
int np__sink_prepare(const np_sink *k, np_jfile *pos, int *changed, char *msg, size_t len);
/* Commits the output in tmp: renamed to `name` in a spool sink, else appended (and then
 * left for the caller to remove). pos is the file sink's position (updated). Counts lines
 * into *lines. Returns 0, or -1 with a message (nothing is then committed). */
int np__sink_commit(const np_sink *k, const char *tmp, const char *name, np_jfile *pos,
                    uint64_t *lines, char *msg, size_t len);
/* Removes temporary files a crashed run left in a spool sink. */
void np__sink_clean(const np_sink *k);

/* Counts the lines of a file (a last line without a newline counts), and its bytes: of the
 * text a gzip file holds, when it is one. Returns 0 or -1. */
int np__count_lines(const char *path, uint64_t *lines, uint64_t *bytes);

#endif
