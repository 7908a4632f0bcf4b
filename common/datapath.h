/* Finding the data files programs load (models, listings) in the source tree and when
 * installed. */
#ifndef NP_DATAPATH_H
#define NP_DATAPATH_H

#include <stddef.h>

/* Resolves a data file name ("entity-tag.model") to a readable path: in $NEWSPIPE_DATA (a
 * directory) when it is set, and only there; else trying in order <dir of the running
 * program>/../data (the source tree's bin/), <dir of the running program>/../share/newspipe
 * (installed), then the compiled-in NP_DATADIR. Returns 0 and fills out, or -1 when none is
 * readable (out then holds the last candidate tried, for the error message). */
int np_data_path(const char *name, char *out, size_t outlen);

#endif
