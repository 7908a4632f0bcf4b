/* The dedupe state file: what an engine remembers, saved atomically and loaded with every
 * check (see FILES in newspipe-dedupe(1) for the format):
 *   a 64-byte header (magic "NPDEDUPE", format version, the signature parameters, the
 *   document count, the compressed length, a CRC-32 of the compressed body and of the
 *   header itself), then one raw deflate stream: the window position and the id bytes in
 *   all, then per document its time (delta), flags and id text (compressed), then its id
 *   hash, body hash and 8-bit MinHash values (stored: they are random, so compressing them
 *   only costs time), then the LSH band tables as they are (stored; since format 4: a load
 *   reads them instead of building them, which was half of its time). */
#ifndef DD_STATE_H
#define DD_STATE_H

#include <stddef.h>

#include "engine.h"

/* Format 1 had 16-bit signature values, 2 neither the signature of the text with figures
 * normalized nor the evidence, 3 not the LSH tables (it is still read: its tables are
 * built on load). */
#define DD_STATE_VERSION        4
#define DD_STATE_VERSION_OLDEST 3
#define DD_STATE_ABSENT         (-1) /* dd_state_load: the file does not exist */

/* Loads path into e (an engine fresh from dd_engine_init with this run's configuration).
 * Returns 0, DD_STATE_ABSENT, or an exit code with a message (naming the file) in msg:
 * 65 corrupt or truncated, 78 written with other parameters or by another format version,
 * 74 a read error, 70 out of memory. Afterwards e may be partly filled on error. */
int dd_state_load(dd_engine *e, const char *path, char *msg, size_t msglen);

/* Saves e to path atomically (temporary file, fsync, rename, directory fsync). Returns 0 or
 * an exit code (73 cannot create, 74 write error, 70 out of memory) with a message. */
int dd_state_save(const dd_engine *e, const char *path, char *msg, size_t msglen);

/* Checks a state file's header and checksum without loading it (for --commit). Returns 0,
 * or 65 / 78 / 74 with a message. */
int dd_state_verify(const char *path, char *msg, size_t msglen);

#endif
