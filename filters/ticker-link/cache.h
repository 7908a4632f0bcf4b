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

/* Keeps the cache directory small: of its listings-*.bin files, the keep most recently used
 * (by modification time) stay and the others are deleted. Returns how many were deleted.
 * Deleting a file another process has mapped is safe; a process about to read it parses
 * the text instead. */
int tl_cache_prune(const char *dir, int keep);

/* Marks the cache file at path as just used (its modification time), for tl_cache_prune. */
void tl_cache_touch(const char *path);

/* Like tl_table_load, through a binary cache in cache_dir (NULL: no cache): when the cache
 * file for these exact file contents exists it is loaded instead of parsing the text (a few
 * milliseconds instead of tens); otherwise the text is parsed and the cache written (errors
 * writing it are ignored; after a write, only the TL_CACHE_KEEP most recently used cache
 * files stay in cache_dir). *cached tells which happened. */
#define TL_CACHE_KEEP 4
int tl_table_load_cached(tl_table *t, const char *const *paths, size_t n, const char *cache_dir,
                         int *cached, char *err, size_t errlen);

#endif
