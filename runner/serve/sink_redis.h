/* The Redis sink of `newspipe serve` (output: {redis: {url, stream, field, maxlen}}): each
 * record of a committed batch is XADDed to the stream as one entry, its `field` holding the
 * line. The commit is done when Redis has answered every XADD; a batch that fails part-way
 * is run and added again, so a consumer of the stream may see a record twice
 * (at-least-once), never not at all. A synchronous connection, made again when lost: the
 * commit is a blocking step of the processor, as a file sink's fsync is. */
#ifndef NP_RUNNER_SINK_REDIS_H
#define NP_RUNNER_SINK_REDIS_H

#include <stddef.h>
#include <stdint.h>

#include "serve_conf.h"

typedef struct np_redis_out np_redis_out;

/* A sink for c (copied: the caller's configuration may go with a reload); NULL when out of
 * memory. Connects at the first commit. */
np_redis_out *np__redis_out_new(const np_redis_conf *c);
/* XADDs each line of the file tmp; counts them into *lines. Returns 0 when Redis took all
 * of them, or -1 with a message in msg. */
int np__redis_out_add(np_redis_out *o, const char *tmp, uint64_t *lines, char *msg, size_t len);
void np__redis_out_free(np_redis_out *o);

#endif
