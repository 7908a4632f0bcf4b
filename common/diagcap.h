/* A cap on diagnostics that repeat once per bad record, so that a flood of bad input cannot
 * flood stderr (a 14 MB cron mail, a journal that drops the messages that matter): the
 * first `limit` are shown, then one summary line per NP_DIAGCAP_INTERVAL seconds with the
 * count of those not shown, and a last one at the end. Used alike by the filter driver (its
 * reject diagnostics, --max-diagnostics) and by the runner (what a `run:` stage writes on
 * stderr, max_diagnostics). A reject file still records every bad record. */
#ifndef NP_DIAGCAP_H
#define NP_DIAGCAP_H

#include <stdint.h>
#include <time.h>

#define NP_DIAGCAP_DEFAULT  100
#define NP_DIAGCAP_INTERVAL 10 /* seconds between summary lines */

typedef struct {
    uint64_t limit;  /* diagnostics shown in full; 0: no cap */
    uint64_t shown;  /* shown so far */
    uint64_t hidden; /* not shown and not yet summarized */
    time_t last;     /* when the last summary was due, or the cap was reached */
} np_diagcap;

/* Counts one diagnostic. Returns 1 when it is to be shown, 0 when it is only counted. */
int np_diagcap_take(np_diagcap *c);
/* The count of diagnostics to summarize now: those not shown since the last summary, when
 * NP_DIAGCAP_INTERVAL seconds have passed since it or `final` is set (the end of the run);
 * else 0. Resets the count it returns. */
uint64_t np_diagcap_due(np_diagcap *c, int final);

#endif
