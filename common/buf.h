/* Growable byte buffer: the one allocation pattern the record path reuses everywhere. */
#ifndef NP_BUF_H
#define NP_BUF_H

#include <stddef.h>

/* A zeroed np_buf is empty and valid. The owner calls np_buf_free(). `data` is kept
 * NUL-terminated whenever cap > 0, so it can be printed (len excludes the NUL). */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
} np_buf;

/* All functions returning int return 0 on success and -1 when memory runs out
 * (the buffer is then unchanged). */
int np_buf_reserve(np_buf *b, size_t extra);
int np_buf_append(np_buf *b, const void *p, size_t n);
int np_buf_puts(np_buf *b, const char *s);
int np_buf_putc(np_buf *b, char c);
int np_buf_printf(np_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends the decimal representation of v. */
int np_buf_put_u64(np_buf *b, unsigned long long v);
int np_buf_put_i64(np_buf *b, long long v);
/* Appends the whole file at path (for tables and test files, not for the record stream).
 * Returns 0 (data is then non-NULL), or -1 with errno set: the open or read error, or
 * ENOMEM; b may keep part of the file, and the caller frees it either way. */
int np_buf_read_file(np_buf *b, const char *path);
static inline void np_buf_clear(np_buf *b)
{
    b->len = 0;
    if (b->cap) b->data[0] = '\0';
}
void np_buf_free(np_buf *b);

/* Grows the array *p, of *cap elements of size bytes each, to hold at least need elements
 * (doubling, from 64), for the typed arrays the buffer does not fit. Returns 0, or -1 when
 * memory runs out or the size overflows (*p and *cap are then unchanged). The caller owns
 * *p and frees it. */
int np_array_reserve(void **p, size_t *cap, size_t need, size_t size);

#endif
