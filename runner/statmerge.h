/* One --stats line for a stage run as several workers, from the lines each worker printed:
 * the same members as one filter's line, so that whatever reads a stage's accounting (the
 * summary of `newspipe run --stats`, serve's counters) reads it unchanged. */
#ifndef NP_RUNNER_STATMERGE_H
#define NP_RUNNER_STATMERGE_H

#include <stddef.h>

/* Merges lines[0..n) (a worker's line, or NULL when it printed none): the members of the
 * first valid line in its order, integers summed over the workers (records, bytes,
 * counters: in = out + dropped + rejected + replayed holds for the sums as for each),
 * other numbers (times) the largest, anything else the first line's; then "workers", the
 * list of the workers' own lines (null for one without). Returns a line the caller frees,
 * or NULL when no line is a valid JSON object or memory runs out. */
char *np__stats_merge(char *const *lines, size_t n);

#endif
