/* The serve journal: one small file in the state directory saying how far the last batch
 * got, replaced atomically (temporary file, fsync, rename, fsync the directory) and
 * checksummed, so that a restart after a crash knows exactly what is committed.
 *
 * Phase DONE: batch `seq` and everything before it is wholly committed. Phase OUTPUT: its
 * output is committed (the sink positions below include it) but the stages' state and the
 * source may not be: a restart runs the listed state commits again (they are idempotent)
 * and removes the batch from its source. */
#ifndef NP_RUNNER_JOURNAL_H
#define NP_RUNNER_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

enum { NP_JOURNAL_DONE = 0, NP_JOURNAL_OUTPUT = 1 };

/* Where a file that batches are appended to stood after the last committed batch. */
typedef struct {
    uint64_t ino; /* 0: not known yet */
    uint64_t size;
    int64_t created; /* Unix time the file was started (for rotate_age) */
} np_jfile;

typedef struct {
    uint64_t seq; /* the last batch the journal speaks of; 0 before the first */
    int phase;
    /* phase OUTPUT: the batch's files (several when waiting batches were run together),
     * with their inodes, so that a file dropped later under the same name is not taken
     * for one of them. */
    char **srcs;
    uint64_t *src_inos;
    size_t nsrcs;
    np_jfile out, rej;
    /* phase OUTPUT: the state commits to (re)do, as "PROGRAM\tSTATE_FILE" (absolute). */
    char **commits;
    size_t ncommits;
    /* Totals since the state directory was created. */
    uint64_t batches, records_in, records_out;
} np_journal;

/* Reads dir/journal into j (zeroed first). Returns 0, 1 when there is none (a fresh state
 * directory: j is zero), or -1 when it cannot be read or is corrupt (err says why). */
int np__journal_load(np_journal *j, const char *dir, char *err, size_t errlen);
/* Replaces dir/journal with j. Returns 0, or -1 with errno set. */
int np__journal_save(const np_journal *j, const char *dir);
/* Sets the commit list (copies the strings). Returns 0 or -1 (no memory). */
int np__journal_set_commits(np_journal *j, char *const *commits, size_t n);
/* Adds a source file (copied). Returns 0 or -1 (no memory). */
int np__journal_add_src(np_journal *j, const char *path, uint64_t ino);
void np__journal_clear_srcs(np_journal *j);
void np__journal_free(np_journal *j);

#endif
