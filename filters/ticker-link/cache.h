/* The binary listings cache: a loaded tl_table written to one file (strings, issuers,
 * listings, aliases and the hash indexes) and read back without parsing or hashing names.
 * The file is keyed by a fingerprint of the listings files' bytes, so it never goes stale. */
#ifndef TL_CACHE_H
#define TL_CACHE_H

#include <stdint.h>

#include "listings.h"

/* Fingerprint of the listings texts and of the running program (so a rebuilt loader with
 * other rules never reads an old cache). */
uint64_t tl_cache_fingerprint(char *const *texts, const size_t *lens, size_t n);

/* Reads the cache at path into t (zeroed). Returns 0, or -1 when it is missing, of another
 * fingerprint or damaged (t is then left empty). */
int tl_cache_read(tl_table *t, const char *path, uint64_t fp);

/* Writes t to path atomically. Returns 0 or -1 (errno set). */
int tl_cache_write(const tl_table *t, const char *path, uint64_t fp);

#endif
