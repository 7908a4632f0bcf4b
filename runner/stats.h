/* The per-stage accounting `newspipe run --stats` prints at the end: one JSON line built
 * from each filter's own --stats line, the stage's exit and time, and line counts where the
 * runner counted them. */
#ifndef NP_RUNNER_STATS_H
#define NP_RUNNER_STATS_H

#include "buf.h"
#include "chain.h"
#include "pipeline.h"

/* What the runner measured itself. */
typedef struct {
    int counted;           /* line counts below are known (--progress) */
    uint64_t input_lines;  /* fed to the first stage */
    uint64_t output_lines; /* written by the last stage */
    double runner_cpu;     /* CPU seconds (user + system) the runner itself used */
} np_stats_counts;

/* Appends {"pipeline":..,"status":..,"seconds":..,"stages":[{...},...]} (no newline) to out.
 * Returns 0, or -1 when out of memory. */
int np__stats_json(np_buf *out, const np_pipeline *p, const np_chain *c, int status, double seconds,
                   const np_stats_counts *counts);

#endif
