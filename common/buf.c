/* Growable byte buffer. */
#include "buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int np_buf_reserve(np_buf *b, size_t extra)
{
    if (extra >= SIZE_MAX - b->len) return -1;
    size_t need = b->len + extra + 1; /* room for the NUL */
    if (need <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

int np_array_reserve(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 0;
    if (!size || need > SIZE_MAX / size) return -1;
    size_t c = *cap ? *cap : 64;
    while (c < need) c = c > SIZE_MAX / 2 / size ? need : c * 2;
    void *q = realloc(*p, c * size);
    if (!q) return -1;
    *p = q;
    *cap = c;
    return 0;
}

int np_buf_append(np_buf *b, const void *p, size_t n)
{
    if (np_buf_reserve(b, n) < 0) return -1;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int np_buf_puts(np_buf *b, const char *s)
{
    return np_buf_append(b, s, strlen(s));
}

int np_buf_putc(np_buf *b, char c)
{
    if (b->len + 1 < b->cap) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return 0;
    }
    return np_buf_append(b, &c, 1);
}

int np_buf_printf(np_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || np_buf_reserve(b, (size_t)n) < 0) return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

int np_buf_put_u64(np_buf *b, unsigned long long v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return np_buf_append(b, tmp + i, sizeof tmp - i);
}

int np_buf_put_i64(np_buf *b, long long v)
{
    if (v < 0) {
        if (np_buf_putc(b, '-') < 0) return -1;
        return np_buf_put_u64(b, 0ULL - (unsigned long long)v);
    }
    return np_buf_put_u64(b, (unsigned long long)v);
}

int np_buf_read_file(np_buf *b, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    int rc = np_buf_reserve(b, 1);
    while (rc == 0) {
        if (np_buf_reserve(b, 65536) < 0) {
            rc = -1;
            errno = ENOMEM;
            break;
        }
        size_t k = fread(b->data + b->len, 1, b->cap - b->len - 1, f);
        b->len += k;
        b->data[b->len] = '\0';
        if (k == 0) break;
    }
    if (rc == 0 && ferror(f)) {
        rc = -1;
        errno = EIO;
    }
    fclose(f);
    return rc;
}

void np_buf_free(np_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
