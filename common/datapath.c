/* Data file lookup: the same binary finds its model in the source tree (bin/../data) and when
 * installed (bin/../share/newspipe), and $NEWSPIPE_DATA overrides both. */
#include "datapath.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef NP_DATADIR
#define NP_DATADIR "/usr/local/share/newspipe"
#endif

static int try_path(const char *dir, const char *sub, const char *name, char *out, size_t outlen)
{
    int k = snprintf(out, outlen, "%s%s/%s", dir, sub, name);
    if (k < 0 || (size_t)k >= outlen) return -1;
    return access(out, R_OK) == 0 ? 0 : -1;
}

int np_data_path(const char *name, char *out, size_t outlen)
{
    if (outlen) out[0] = '\0';
    const char *env = getenv("NEWSPIPE_DATA");
    if (env && *env) return try_path(env, "", name, out, outlen);
    char exe[PATH_MAX];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (k > 0) {
        exe[k] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            if (try_path(exe, "/../data", name, out, outlen) == 0) return 0;
            if (try_path(exe, "/../share/newspipe", name, out, outlen) == 0) return 0;
            /* build-asan/bin in the source tree */
            if (try_path(exe, "/../../data", name, out, outlen) == 0) return 0;
        }
    }
    return try_path(NP_DATADIR, "", name, out, outlen);
}
