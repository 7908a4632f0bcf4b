/* Output buffering. Records are appended to one buffer and written with write(2) in large
 * blocks; gzip output deflates from that buffer into a second one. */
#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "atomicfile.h"

#define OUT_CAP (256 * 1024)

struct np_output {
    int fd;
    np_atomic_file af;
    int is_file;
    int gzip;
    int zpending; /* deflate holds input not yet flushed to fd */
    z_stream z;
    unsigned char *zout;
    char *buf;
    size_t len;
    uint64_t bytes;
    int err;
};

np_output *np_output_open(const char *path, int gzip)
{
    np_output *o = calloc(1, sizeof *o);
    if (!o) return NULL;
    o->af.fd = -1;
    o->buf = malloc(OUT_CAP);
    if (!o->buf) goto nomem;
    if (path && strcmp(path, "-") != 0) {
        if (np_atomic_open(&o->af, path) < 0) {
            int saved = errno;
            free(o->buf);
            free(o);
            errno = saved;
            return NULL;
        }
        o->fd = o->af.fd;
        o->is_file = 1;
    } else {
        o->fd = 1;
    }
    if (gzip) {
        o->zout = malloc(OUT_CAP);
        if (!o->zout || deflateInit2(&o->z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            goto nomem;
        o->gzip = 1;
    }
    return o;
nomem:
    if (o->is_file) np_atomic_abort(&o->af);
    free(o->zout);
    free(o->buf);
    free(o);
    errno = ENOMEM;
    return NULL;
}

static int fail(np_output *o, int e)
{
    if (!o->err) o->err = e ? e : EIO;
    return -1;
}

/* Pushes buf through deflate (when compressing) and out to fd. */
static int drain(np_output *o, int zflush)
{
    if (o->err) return -1;
    if (!o->gzip) {
        if (o->len && np_write_all(o->fd, o->buf, o->len) < 0) return fail(o, errno);
        o->len = 0;
        return 0;
    }
    o->z.next_in = (unsigned char *)o->buf;
    o->z.avail_in = (uInt)o->len;
    for (;;) {
        o->z.next_out = o->zout;
        o->z.avail_out = OUT_CAP;
        int rc = deflate(&o->z, zflush);
        if (rc == Z_STREAM_ERROR) return fail(o, EIO);
        size_t have = OUT_CAP - o->z.avail_out;
        if (have && np_write_all(o->fd, o->zout, have) < 0) return fail(o, errno);
        if (o->z.avail_out != 0 && o->z.avail_in == 0) break;
        if (rc == Z_STREAM_END) break;
    }
    o->len = 0;
    o->zpending = zflush == Z_NO_FLUSH;
    return 0;
}

int np_output_write(np_output *o, const void *p, size_t n)
{
    if (o->err) return -1;
    o->bytes += n;
    if (o->len + n <= OUT_CAP) {
        memcpy(o->buf + o->len, p, n);
        o->len += n;
        return 0;
    }
    if (drain(o, Z_NO_FLUSH) < 0) return -1;
    if (n >= OUT_CAP && !o->gzip) {
        /* A large record goes straight out. */
        if (np_write_all(o->fd, p, n) < 0) return fail(o, errno);
        return 0;
    }
    const char *c = p;
    while (n) {
        size_t k = n < OUT_CAP - o->len ? n : OUT_CAP - o->len;
        memcpy(o->buf + o->len, c, k);
        o->len += k;
        c += k;
        n -= k;
        if (o->len == OUT_CAP && drain(o, Z_NO_FLUSH) < 0) return -1;
    }
    return 0;
}

int np_output_flush(np_output *o)
{
    if (o->err) return -1;
    if (o->len == 0 && !o->zpending) return 0;
    return drain(o, o->gzip ? Z_SYNC_FLUSH : Z_NO_FLUSH);
}

uint64_t np_output_bytes(const np_output *o)
{
    return o->bytes;
}

int np_output_error(const np_output *o)
{
    return o->err;
}

int np_output_close(np_output *o, int commit)
{
    int rc = 0;
    /* Records already accepted still go to stdout on failure: a stream cannot be unsent. */
    if (commit || !o->is_file) rc = drain(o, o->gzip ? Z_FINISH : Z_NO_FLUSH);
    int err = rc < 0 ? o->err : 0;
    if (o->gzip) deflateEnd(&o->z);
    if (o->is_file) {
        if (commit && rc == 0) {
            if (np_atomic_commit(&o->af) < 0) {
                rc = -1;
                err = errno;
            }
        } else {
            np_atomic_abort(&o->af);
        }
    }
    free(o->zout);
    free(o->buf);
    free(o);
    if (rc < 0) errno = err ? err : EIO;
    return rc;
}
