/* libFuzzer target for the line reader (common/input.c) and its gunzip: the input's first
 * byte chooses the line limit and whether the rest is given as it is or gzip-compressed here
 * (whole, or cut, or as two members); the reader reads it from a file, as from a .gz on the
 * command line, where one read(2) may return more than the reader's chunk. Every line the
 * text holds must come back as LF/CRLF splitting gives it (a line over the limit as
 * NP_IN_TOO_LONG with a prefix of it), in order, then the right end: NP_IN_EOF, or
 * NP_IN_CORRUPT for a compressed input that was cut. Input given as it is that starts with
 * the gzip magic must only not crash. Build and run with `make fuzz FUZZ_SECONDS=N`;
 * crashers land in tests/fuzz/crashers/. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memfd_create */
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include "input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const size_t limits[8] = {1, 2, 7, 64, 1023, 1024, 4096, 64u << 20};

/* Appends src as a gzip member to *out (grown). Returns 0 or -1. */
static int gz_append(unsigned char **out, size_t *n, const uint8_t *src, size_t len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return -1;
    size_t cap = deflateBound(&z, (uLong)len) + 64;
    unsigned char *p = realloc(*out, *n + cap);
    if (!p) {
        deflateEnd(&z);
        return -1;
    }
    *out = p;
    z.next_in = (unsigned char *)src;
    z.avail_in = (uInt)len;
    z.next_out = p + *n;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    *n += cap - z.avail_out;
    deflateEnd(&z);
    return rc == Z_STREAM_END ? 0 : -1;
}

/* Checks the reader's lines against text[0..n), split at LF with a CR before it dropped. */
static void check_lines(np_input *in, const uint8_t *text, size_t n, size_t limit, int cut)
{
    size_t at = 0;
    const char *line;
    size_t len;
    for (;;) {
        np_in_status st = np_input_next(in, &line, &len);
        if (st == NP_IN_EOF || st == NP_IN_CORRUPT || st == NP_IN_ERROR) {
            if (st == NP_IN_ERROR) abort(); /* no read error or allocation failure here */
            /* A whole input ends at its end; a cut one may end early, but as corrupt. */
            if (!cut && (st != NP_IN_EOF || at != n)) abort();
            if (cut && st != NP_IN_CORRUPT) abort();
            return;
        }
        if (at >= n && !cut) abort(); /* a line that is not in the text */
        const uint8_t *nl = memchr(text + at, '\n', n - at);
        size_t raw = nl ? (size_t)(nl - (text + at)) : n - at, l = raw;
        if (l && text[at + l - 1] == '\r') l--;
        if (cut) {
            /* The text was cut at an unknown point: the line must be a prefix of the next. */
            if (len > raw || memcmp(line, text + at, len)) abort();
        } else if (st == NP_IN_LINE) {
            if (l > limit || len != l || memcmp(line, text + at, l)) abort();
        } else if (st == NP_IN_TOO_LONG) {
            /* (its prefix is of the line as read, a CR before the LF included) */
            if (l <= limit || len == 0 || len > raw || memcmp(line, text + at, len)) abort();
            if (np_input_long_len(in) < l) abort();
        } else {
            abort();
        }
        at += raw + (nl != NULL);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    size_t limit = limits[data[0] & 7];
    int mode = data[0] >> 3 & 3; /* 0 as it is, 1 gzip, 2 gzip cut, 3 two members */
    const uint8_t *text = data + 1;
    size_t n = size - 1;
    if (mode == 0 && n >= 2 && text[0] == 0x1f && text[1] == 0x8b) mode = -1; /* raw gzip */
    unsigned char *file = NULL;
    size_t fn = 0;
    int cut = 0;
    if (mode <= 0) {
        file = malloc(n ? n : 1);
        if (!file) return 0;
        memcpy(file, text, n);
        fn = n;
    } else if (mode == 3) {
        size_t half = n / 2;
        if (gz_append(&file, &fn, text, half) || gz_append(&file, &fn, text + half, n - half)) {
            free(file);
            return 0;
        }
    } else if (gz_append(&file, &fn, text, n)) {
        free(file);
        return 0;
    }
    if (mode == 2 && fn > 0) { /* cut somewhere in the compressed data, header included */
        fn = (size_t)data[size - 1] * fn / 256;
        cut = 1;
        if (fn < 2) mode = -1; /* not even the magic: read as plain bytes */
    }
    int fd = memfd_create("fuzz_input", 0);
    if (fd < 0) {
        free(file);
        return 0;
    }
    size_t w = 0;
    while (w < fn) {
        ssize_t k = write(fd, file + w, fn - w);
        if (k <= 0) break;
        w += (size_t)k;
    }
    free(file);
    if (w != fn || lseek(fd, 0, SEEK_SET) != 0) {
        close(fd);
        return 0;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    np_input *in = np_input_open(path, limit);
    close(fd);
    if (!in) return 0;
    if (mode < 0) { /* anything but a crash */
        const char *line;
        size_t len;
        while (np_input_next(in, &line, &len) > 0) {
        }
    } else {
        /* A cut of nothing is an empty file, which is plain and whole. */
        check_lines(in, text, n, limit, cut && fn > 0);
    }
    np_input_close(in);
    return 0;
}
