/* common/gunzip.h: members inflated whole whatever the pieces they come in, concatenated
 * members as one stream, output that zlib still holds when the input has run out, a member cut
 * short, and data that is no gzip. The gzip data is made here with zlib's deflate. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "gunzip.h"
#include "tap.h"

/* Compresses src into a new gzip member; *out_len its size. Caller frees. */
static unsigned char *gzip_member(const unsigned char *src, size_t n, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return NULL;
    size_t cap = deflateBound(&z, (uLong)n) + 64;
    unsigned char *out = malloc(cap);
    if (!out) {
        deflateEnd(&z);
        return NULL;
    }
    z.next_in = (unsigned char *)src;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    *out_len = cap - z.avail_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        free(out);
        return NULL;
    }
    return out;
}

/* Inflates gz in pieces of `piece` bytes into an output buffer of `room` bytes at a time,
 * draining after each piece (as the callers do). Returns the bytes produced into dst (cap),
 * or -1 for corrupt data; *truncated: the input ended inside a member. */
static long inflate_all(const unsigned char *gz, size_t n, size_t piece, size_t room,
                        unsigned char *dst, size_t cap, int *truncated)
{
    np_gunzip g;
    if (np_gunzip_init(&g) < 0) return -1;
    unsigned char *out = malloc(room);
    size_t got = 0;
    long rc = 0;
    for (size_t off = 0; out && rc >= 0;) {
        size_t k = n - off < piece ? n - off : piece;
        const unsigned char *p = gz + off;
        size_t left = k;
        off += k;
        for (;;) { /* k == 0: the input's end, where what zlib holds is drained */
            long m = np_gunzip_step(&g, &p, &left, out, room);
            if (m < 0) {
                rc = -1;
                break;
            }
            if (m == 0 && left == 0) break;
            if (got + (size_t)m <= cap) memcpy(dst + got, out, (size_t)m);
            got += (size_t)m;
        }
        if (k == 0) break;
    }
    *truncated = np_gunzip_truncated(&g);
    np_gunzip_end(&g);
    free(out);
    return rc < 0 || !out ? -1 : (long)got;
}

int main(void)
{
    /* 600 KB of lines that compress well but not to nothing. */
    size_t n = 600 * 1000;
    unsigned char *src = malloc(n), *dst = malloc(3 * n);
    if (!src || !dst) return 1;
    unsigned seed = 1;
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        src[i] = i % 61 == 60 ? '\n' : (unsigned char)('a' + (seed >> 16) % 7);
    }
    size_t m1, m2;
    unsigned char *a = gzip_member(src, n, &m1), *b = gzip_member(src, 1000, &m2);
    if (!a || !b) return 1;
    unsigned char *two = malloc(m1 + m2);
    if (!two) return 1;
    memcpy(two, a, m1);
    memcpy(two + m1, b, m2);

    int trunc;
    long got = inflate_all(a, m1, m1, 256 * 1024, dst, 3 * n, &trunc);
    ok(got == (long)n && !memcmp(dst, src, n) && !trunc, "one member read whole: %ld bytes", got);
    got = inflate_all(a, m1, 1, 4096, dst, 3 * n, &trunc);
    ok(got == (long)n && !memcmp(dst, src, n) && !trunc, "the same, a byte of input at a time");
    /* An output buffer much smaller than the data: zlib holds output when the input runs
     * out, which np_gunzip_step gives when called with no input. */
    got = inflate_all(a, m1, m1, 61, dst, 3 * n, &trunc);
    ok(got == (long)n && !memcmp(dst, src, n) && !trunc,
       "all input at once into a 61-byte buffer: nothing held back (%ld bytes)", got);
    got = inflate_all(two, m1 + m2, 7, 1000, dst, 3 * n, &trunc);
    ok(got == (long)(n + 1000) && !memcmp(dst, src, n) && !memcmp(dst + n, src, 1000) && !trunc,
       "two concatenated members are one stream");
    got = inflate_all(a, m1 / 2, 65536, 65536, dst, 3 * n, &trunc);
    ok(got > 0 && got < (long)n && trunc, "a member cut in half is truncated (%ld bytes out)", got);
    got = inflate_all(two, m1 + 5, 65536, 65536, dst, 3 * n, &trunc);
    ok(got == (long)n && trunc, "a second member cut after its header's first bytes is truncated");
    got = inflate_all(a, m1, m1, 65536, dst, 3 * n, &trunc);
    ok(!trunc, "an input that ends with its member is not truncated");

    unsigned char *bad = malloc(m1);
    if (!bad) return 1;
    memcpy(bad, a, m1);
    bad[3] = 0xE0; /* reserved flag bits set */
    ok(inflate_all(bad, m1, m1, 65536, dst, 3 * n, &trunc) == -1, "a bad header is corrupt");
    memcpy(bad, a, m1);
    for (size_t i = m1 / 3; i < m1 / 3 + 64; i++) bad[i] ^= 0x5A;
    ok(inflate_all(bad, m1, 4096, 65536, dst, 3 * n, &trunc) == -1,
       "damaged deflate data is corrupt");
    memcpy(bad, a, m1);
    bad[m1 - 6] ^= 1; /* the CRC */
    ok(inflate_all(bad, m1, m1, 65536, dst, 3 * n, &trunc) == -1, "a wrong CRC is corrupt");
    /* What follows the last member must be another member: one byte more is the start of a
     * header cut short, more bytes that are no header are corrupt. */
    size_t tn = m2 < 1000 ? m2 : 1000;
    unsigned char tail[1024];
    memcpy(tail, b, tn);
    memcpy(tail + tn, "\nxy", 3);
    got = inflate_all(tail, tn + 1, 1, 4096, dst, 3 * n, &trunc);
    ok(got == 1000 && trunc, "one byte after the last member: a member cut short");
    ok(inflate_all(tail, tn + 3, 1, 4096, dst, 3 * n, &trunc) == -1,
       "bytes after the last member that are no gzip header are corrupt");

    free(bad);
    free(two);
    free(a);
    free(b);
    free(src);
    free(dst);
    return done_testing();
}
