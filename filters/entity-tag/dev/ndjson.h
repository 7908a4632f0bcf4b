/* The news text of NDJSON files for the subcommands that learn from unlabelled news
 * ("clusters", "acronyms"): each record's "title" and "body" strings, decoded. Lines that are
 * no JSON object are skipped, as are fields that are absent or no string. */
#ifndef ETAG_NDJSON_H
#define ETAG_NDJSON_H

#include <stddef.h>

/* Called once per record with its title and body (texts[k] NULL when absent; borrowed until
 * the call returns); returns 0, or -1 to stop with an error it has described in err. */
typedef int (*etag_ndjson_fn)(void *ctx, const char *const texts[2], const size_t lens[2],
                              char *err, size_t errlen);

/* Reads path and calls fn for each record. Returns 0, or the exit status with a message in
 * err: 66 the file cannot be opened, 65 its gzip data is damaged, 74 it cannot be read, 70 out
 * of memory or fn's error. */
int etag_ndjson_each(const char *path, etag_ndjson_fn fn, void *ctx, char *err, size_t errlen);

#endif
