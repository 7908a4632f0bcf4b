/* Buffered line reader. One buffer holds the current window of decompressed input; lines are
 * found with memchr and handed out in place (no copy). A line longer than max_line is
 * skipped in streaming fashion, keeping only its first bytes for the reject record. */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gunzip.h"

#define READ_CHUNK  (256 * 1024)
#define LONG_PREFIX 1024

struct np_input {
    int fd;
    int own_fd;
    size_t max_line;
    char *buf; /* decompressed data: [start, end) unread */
    size_t cap, start, end, scan;
    int eof;          /* no more data will come into buf */
    int unterminated; /* the line last returned ended at EOF, without a newline */
    int error;        /* sticky: 0, or the np_in_status to return (NP_IN_ERROR, NP_IN_CORRUPT) */
    const char *errmsg;
    uint64_t lineno, bytes;
    /* gzip */
    int checked_magic, gzip;
    np_gunzip gz;
    unsigned char *zbuf; /* compressed bytes read: zcap, of which zlen unread at zp */
    size_t zcap, zlen;
    const unsigned char *zp;
    int zeof; /* the raw file is exhausted */
    /* too-long lines */
    int skipping;
    uint64_t long_len;
    char long_prefix[LONG_PREFIX];
    size_t long_prefix_len;
    int (*before_block)(void *);
    void *before_arg;
};

np_input *np_input_open(const char *path, size_t max_line)
{
    np_input *in = calloc(1, sizeof *in);
    if (!in) return NULL;
    if (strcmp(path, "-") == 0) {
        in->fd = 0;
    } else {
        in->fd = open(path, O_RDONLY | O_CLOEXEC);
        if (in->fd < 0) {
            int saved = errno;
            free(in);
            errno = saved;
            return NULL;
        }
        in->own_fd = 1;
    }
    in->max_line = max_line ? max_line : 1;
    in->cap = READ_CHUNK * 4;
    in->buf = malloc(in->cap);
    if (!in->buf) {
        np_input_close(in);
        errno = ENOMEM;
        return NULL;
    }
    return in;
}

void np_input_set_before_block(np_input *in, int (*fn)(void *), void *arg)
{
    in->before_block = fn;
    in->before_arg = arg;
}

/* Records a sticky error: NP_IN_ERROR (the system's) or NP_IN_CORRUPT (the data's). */
static void set_error(np_input *in, np_in_status st, const char *msg)
{
    in->error = st;
    in->errmsg = msg;
}

/* read(2) with the before-block hook: poll first, and run the hook only when the read
 * would wait, so a busy stream is not flushed record by record. */
static ssize_t raw_read(np_input *in, void *p, size_t n)
{
    if (in->before_block) {
        struct pollfd pfd = {.fd = in->fd, .events = POLLIN};
        if (poll(&pfd, 1, 0) == 0) in->before_block(in->before_arg);
    }
    for (;;) {
        ssize_t k = read(in->fd, p, n);
        if (k >= 0 || errno != EINTR) return k;
    }
}

/* Makes room for at least READ_CHUNK bytes after end, moving or growing the buffer. */
static int make_room(np_input *in)
{
    if (in->cap - in->end >= READ_CHUNK) return 0;
    if (in->start > 0) {
        memmove(in->buf, in->buf + in->start, in->end - in->start);
        in->end -= in->start;
        in->scan -= in->start;
        in->start = 0;
        if (in->cap - in->end >= READ_CHUNK) return 0;
    }
    size_t cap = in->cap * 2;
    char *p = realloc(in->buf, cap);
    if (!p) return -1;
    in->buf = p;
    in->cap = cap;
    return 0;
}

static int gzip_init(np_input *in)
{
    /* The bytes already read are compressed: move them to zbuf, which holds at least a read's
     * worth (the first read may have been larger than later ones). */
    in->zlen = in->end - in->start;
    in->zcap = in->zlen > READ_CHUNK ? in->zlen : READ_CHUNK;
    in->zbuf = malloc(in->zcap);
    if (!in->zbuf) return -1;
    memcpy(in->zbuf, in->buf + in->start, in->zlen);
    in->zp = in->zbuf;
    in->start = in->end = in->scan = 0;
    if (np_gunzip_init(&in->gz) < 0) {
        np_gunzip_end(&in->gz);
        return -1;
    }
    in->gzip = 1;
    return 0;
}

/* Decompresses more data into buf. Returns bytes produced, 0 at clean end, -1 on error. */
static ssize_t gzip_fill(np_input *in)
{
    for (;;) {
        if (in->zlen == 0 && !in->zeof) {
            ssize_t k = raw_read(in, in->zbuf, in->zcap);
            if (k < 0) {
                set_error(in, NP_IN_ERROR, strerror(errno));
                return -1;
            }
            if (k == 0) in->zeof = 1;
            in->zp = in->zbuf;
            in->zlen = (size_t)k;
        }
        /* Called with no input left too: the inflater may still hold output. */
        size_t before = in->zlen;
        long produced = np_gunzip_step(&in->gz, &in->zp, &in->zlen,
                                       (unsigned char *)in->buf + in->end, in->cap - in->end);
        if (produced < 0) {
            set_error(in, NP_IN_CORRUPT, "corrupt gzip input");
            return -1;
        }
        if (produced) return (ssize_t)produced;
        if (in->zlen == 0 && in->zeof) {
            if (!np_gunzip_truncated(&in->gz)) return 0;
            set_error(in, NP_IN_CORRUPT, "truncated gzip input");
            return -1;
        }
        if (in->zlen && in->zlen == before) { /* cannot happen with zlib; never spin */
            set_error(in, NP_IN_CORRUPT, "corrupt gzip input");
            return -1;
        }
    }
}

/* Appends more data at buf+end. Returns bytes added, 0 at EOF, -1 on error. */
static ssize_t fill(np_input *in)
{
    if (make_room(in) < 0) {
        set_error(in, NP_IN_ERROR, "out of memory");
        return -1;
    }
    if (in->gzip) return gzip_fill(in);
    ssize_t k = raw_read(in, in->buf + in->end, in->cap - in->end);
    if (k < 0) {
        set_error(in, NP_IN_ERROR, strerror(errno));
        return -1;
    }
    if (!in->checked_magic && (k > 0 || in->end > 0)) {
        size_t have = in->end + (size_t)k - in->start;
        if (have >= 2 || k == 0) {
            in->checked_magic = 1;
            unsigned char *p = (unsigned char *)in->buf + in->start;
            if (have >= 2 && p[0] == NP_GZIP_MAGIC0 && p[1] == NP_GZIP_MAGIC1) {
                in->end += (size_t)k;
                if (gzip_init(in) < 0) {
                    set_error(in, NP_IN_ERROR, "out of memory");
                    return -1;
                }
                return gzip_fill(in);
            }
        }
    }
    return k;
}

np_in_status np_input_next(np_input *in, const char **line, size_t *len)
{
    if (in->error) return (np_in_status)in->error;
    for (;;) {
        char *nl = in->scan < in->end ? memchr(in->buf + in->scan, '\n', in->end - in->scan) : NULL;
        if (nl) {
            size_t pos = (size_t)(nl - in->buf);
            size_t l = pos - in->start;
            in->lineno++;
            in->bytes += l + 1;
            if (in->skipping) {
                in->long_len += l;
                in->skipping = 0;
                in->start = in->scan = pos + 1;
                *line = in->long_prefix;
                *len = in->long_prefix_len;
                return NP_IN_TOO_LONG;
            }
            char *p = in->buf + in->start;
            in->start = in->scan = pos + 1;
            in->checked_magic = 1; /* gzip magic only counts at the start of the input */
            if (l && p[l - 1] == '\r') l--;
            if (l > in->max_line) {
                in->long_len = l;
                in->long_prefix_len = l < LONG_PREFIX ? l : LONG_PREFIX;
                memcpy(in->long_prefix, p, in->long_prefix_len);
                *line = in->long_prefix;
                *len = in->long_prefix_len;
                return NP_IN_TOO_LONG;
            }
            *line = p;
            *len = l;
            return NP_IN_LINE;
        }
        in->scan = in->end;
        size_t pending = in->end - in->start;
        if (!in->skipping && pending > in->max_line && pending - in->max_line > 1) {
            /* Too long even if its last byte is the CR of a CRLF (so that whether a line is
             * too long does not depend on where a read ended): keep its first bytes and stop
             * buffering it. */
            in->skipping = 1;
            in->long_prefix_len = pending < LONG_PREFIX ? pending : LONG_PREFIX;
            memcpy(in->long_prefix, in->buf + in->start, in->long_prefix_len);
            in->long_len = 0;
        }
        if (in->skipping) {
            in->long_len += pending;
            in->bytes += pending;
            in->start = in->scan = in->end = 0;
        }
        if (in->eof) break;
        ssize_t k = fill(in);
        if (k < 0) {
            /* Hand out what was read before the error as a last (partial) line; the
             * error is reported on the next call. */
            if (in->end > in->start || in->skipping) {
                in->eof = 1;
                int err = in->error;
                const char *msg = in->errmsg;
                in->error = 0;
                np_in_status st = np_input_next(in, line, len);
                in->error = err;
                in->errmsg = msg;
                return st;
            }
            return (np_in_status)in->error;
        }
        if (k == 0)
            in->eof = 1;
        else
            in->end += (size_t)k;
    }
    /* EOF: a last line without a newline. */
    in->unterminated = in->skipping || in->end > in->start;
    if (in->skipping) {
        in->skipping = 0;
        in->lineno++;
        *line = in->long_prefix;
        *len = in->long_prefix_len;
        return NP_IN_TOO_LONG;
    }
    if (in->end > in->start) {
        char *p = in->buf + in->start;
        size_t l = in->end - in->start;
        in->lineno++;
        in->bytes += l;
        in->start = in->scan = in->end;
        if (l && p[l - 1] == '\r') l--;
        if (l > in->max_line) { /* one byte over: the check above leaves room for a CR */
            in->long_len = l;
            in->long_prefix_len = l < LONG_PREFIX ? l : LONG_PREFIX;
            memcpy(in->long_prefix, p, in->long_prefix_len);
            *line = in->long_prefix;
            *len = in->long_prefix_len;
            return NP_IN_TOO_LONG;
        }
        *line = p;
        *len = l;
        return NP_IN_LINE;
    }
    return in->error ? (np_in_status)in->error : NP_IN_EOF;
}

int np_input_unterminated(const np_input *in)
{
    return in->unterminated;
}

uint64_t np_input_lineno(const np_input *in)
{
    return in->lineno;
}

uint64_t np_input_long_len(const np_input *in)
{
    return in->long_len;
}

uint64_t np_input_bytes(const np_input *in)
{
    return in->bytes;
}

const char *np_input_error(const np_input *in)
{
    return in->errmsg ? in->errmsg : "read error";
}

void np_input_close(np_input *in)
{
    if (!in) return;
    if (in->gzip) np_gunzip_end(&in->gz);
    if (in->own_fd) close(in->fd);
    free(in->zbuf);
    free(in->buf);
    free(in);
}
