/* The --progress status line: one line on stderr, redrawn in place, with the records in and
 * out of each stage, the input rate and the elapsed time. The counts come from the counting
 * pumps the runner puts around and between the stages when progress is on. */
#ifndef NP_RUNNER_PROGRESS_H
#define NP_RUNNER_PROGRESS_H

#include <stdint.h>

#include "chain.h"
#include "pipeline.h"
#include "pump.h"

typedef struct {
    const np_pipeline *p;
    const np_chain *chain;
    const np_pump *feed; /* counts the input */
    const np_pump *sink; /* counts the output */
    uint64_t start_ns;
    int shown; /* a line is on the screen */
} np_progress;

/* Draws the line now (call it from a timer). */
void np__progress_draw(np_progress *pr);
/* Erases the line (before other output is written to stderr, and at the end). */
void np__progress_clear(np_progress *pr);

#endif
