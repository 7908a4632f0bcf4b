/* Streaming gunzip over zlib (see gunzip.h). */
#include "gunzip.h"

#include <string.h>

int np_gunzip_init(np_gunzip *g)
{
    memset(g, 0, sizeof *g);
    /* 15 + 16: a gzip wrapper only; the callers recognize gzip by its magic bytes. */
    return inflateInit2(&g->z, 15 + 16) == Z_OK ? 0 : -1;
}

long np_gunzip_step(np_gunzip *g, const unsigned char **in, size_t *n, unsigned char *out,
                    size_t cap)
{
    /* zlib counts in uInt: larger buffers are read and filled a part at a time. */
    const size_t max = 1u << 30;
    if (*n && g->member_done) {
        /* Another member follows (gzip allows concatenation). */
        if (inflateReset(&g->z) != Z_OK) return -1;
        g->member_done = 0;
    }
    size_t avail_in = *n < max ? *n : max, room = cap < max ? cap : max;
    g->z.next_in = (unsigned char *)*in;
    g->z.avail_in = (uInt)avail_in;
    g->z.next_out = out;
    g->z.avail_out = (uInt)room;
    int rc = inflate(&g->z, Z_NO_FLUSH);
    size_t used = avail_in - g->z.avail_in;
    *in += used;
    *n -= used;
    if (used) g->in_member = 1;
    if (rc == Z_STREAM_END) {
        g->member_done = 1;
        g->in_member = 0;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return -1;
    }
    return (long)(room - g->z.avail_out);
}

int np_gunzip_truncated(const np_gunzip *g)
{
    return g->in_member;
}

void np_gunzip_end(np_gunzip *g)
{
    inflateEnd(&g->z);
}
