/* The shell of the subcommands that learn a list from NDJSON news ("acronyms",
 * "coded-names"): "--out FILE [--min-articles N] NDJSON-FILE...", each file's articles given
 * to the learner, then its list written whole, or on failure not at all (the old file stays).
 * Exit status 0, 64 on bad usage, 66 when a file cannot be opened or read, 70 when out of
 * memory, 73 when the list cannot be written. */
#ifndef ETAG_LEARNER_H
#define ETAG_LEARNER_H

#include <stdint.h>

#include "buf.h"
#include "ndjson.h"

typedef struct {
    const char *name;      /* the subcommand, for its usage line */
    uint64_t min_articles; /* --min-articles when not given */
    etag_ndjson_fn add;    /* called for each article with the learner's context */
    /* Appends the list (lines) learnt from min articles or more to out; 0, or -1 when out of
     * memory. */
    int (*list)(void *ctx, uint64_t min, np_buf *out);
} etag_learner;

/* Runs learner l over argv (argv[0] is the subcommand's name) with context ctx, which the
 * caller frees. Returns an exit code. */
int etag_learner_main(const etag_learner *l, void *ctx, int argc, char **argv);

#endif
