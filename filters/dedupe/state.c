/* The state file: see state.h. Streams through zlib in both directions so that saving or
 * loading a million documents needs no second copy of them in memory. */
#include "state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "atomicfile.h"
#include "bigmem.h"
#include "exitcode.h"

#define MAGIC      "NPDEDUPE"
#define HDR        64
#define TEXT_RULES 2 /* version of the normalization in shingle.c: bump when it changes */
#define CHUNK      (1u << 18)
#define LEVEL_META                                                                                 \
    1 /* times, flags, ids: level 1 gets most of the gain at a fraction of the cost */
#define MAX_ID (1u << 20)
/* A raw deflate stream: the header's CRC-32 of the compressed bytes already checks it, and
 * zlib's own Adler-32 of every uncompressed byte took a tenth of the time of a load. */
#define RAW_DEFLATE (-15)

enum { F_ID = 1, F_BODY = 2, F_SIG = 4 };

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}
static void put64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> (8 * i));
}
static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t get64(const unsigned char *p)
{
    return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

/* ---- header ----------------------------------------------------------------------- */

typedef struct {
    uint32_t version, hashes, shingle, rules;
    uint64_t seed, ndocs, comp_len;
    uint32_t body_crc;
} header;

static void header_encode(const header *h, unsigned char *b)
{
    memset(b, 0, HDR);
    memcpy(b, MAGIC, 8);
    put32(b + 8, h->version);
    put32(b + 12, HDR);
    put32(b + 16, h->hashes);
    put32(b + 20, h->shingle);
    put64(b + 24, h->seed);
    put32(b + 32, h->rules);
    put64(b + 40, h->ndocs);
    put64(b + 48, h->comp_len);
    put32(b + 56, h->body_crc);
    put32(b + 60, (uint32_t)crc32(0, b, 60));
}

/* Reads and checks the header of an open file; returns 0 or an exit code with msg. */
static int header_read(int fd, const char *path, header *h, off_t *size, char *msg, size_t ml)
{
    unsigned char b[HDR];
    struct stat st;
    if (fstat(fd, &st) < 0) {
        snprintf(msg, ml, "state %s: %s", path, strerror(errno));
        return NP_EX_IOERR;
    }
    *size = st.st_size;
    ssize_t k = pread(fd, b, HDR, 0);
    if (k < 0) {
        snprintf(msg, ml, "state %s: %s", path, strerror(errno));
        return NP_EX_IOERR;
    }
    if (k < 8 || memcmp(b, MAGIC, 8) != 0) {
        snprintf(msg, ml, "state %s: not a newspipe-dedupe state file%s", path,
                 k < 8 ? " (truncated or empty)" : "");
        return NP_EX_DATAERR;
    }
    if (k < HDR) {
        snprintf(msg, ml, "state %s: truncated (%zd of %d header bytes)", path, k, HDR);
        return NP_EX_DATAERR;
    }
    if (get32(b + 60) != (uint32_t)crc32(0, b, 60)) {
        snprintf(msg, ml, "state %s: corrupt header (checksum mismatch)", path);
        return NP_EX_DATAERR;
    }
    h->version = get32(b + 8);
    h->hashes = get32(b + 16);
    h->shingle = get32(b + 20);
    h->seed = get64(b + 24);
    h->rules = get32(b + 32);
    h->ndocs = get64(b + 40);
    h->comp_len = get64(b + 48);
    h->body_crc = get32(b + 56);
    if (h->version != DD_STATE_VERSION && h->version != DD_STATE_VERSION_OLDEST) {
        snprintf(msg, ml,
                 "state %s: format version %u, this program reads versions %d to %d; start "
                 "afresh with --state-reset (the articles it remembers are then forgotten)",
                 path, h->version, DD_STATE_VERSION_OLDEST, DD_STATE_VERSION);
        return NP_EX_CONFIG;
    }
    if ((uint64_t)st.st_size < HDR + h->comp_len) {
        snprintf(msg, ml, "state %s: truncated (%lld of %llu bytes)", path, (long long)st.st_size,
                 (unsigned long long)(HDR + h->comp_len));
        return NP_EX_DATAERR;
    }
    if ((uint64_t)st.st_size > HDR + h->comp_len) {
        snprintf(msg, ml, "state %s: corrupt (%llu bytes after the end of the state)", path,
                 (unsigned long long)((uint64_t)st.st_size - HDR - h->comp_len));
        return NP_EX_DATAERR;
    }
    return 0;
}

/* ---- writing ---------------------------------------------------------------------- */

typedef struct {
    int fd;
    z_stream z;
    unsigned char *in, *out; /* CHUNK each */
    size_t in_len;
    uint32_t crc;
    uint64_t comp;
    int err; /* errno of a failed write, or -1 for a zlib error */
} writer;

static int w_drain(writer *w, int flush)
{
    w->z.next_in = w->in;
    w->z.avail_in = (uInt)w->in_len;
    int rc;
    do {
        w->z.next_out = w->out;
        w->z.avail_out = CHUNK;
        rc = deflate(&w->z, flush);
        if (rc == Z_STREAM_ERROR) {
            w->err = -1;
            return -1;
        }
        size_t have = CHUNK - w->z.avail_out;
        if (have) {
            if (np_write_all(w->fd, w->out, have) < 0) {
                w->err = errno;
                return -1;
            }
            w->crc = (uint32_t)crc32(w->crc, w->out, (uInt)have);
            w->comp += have;
        }
    } while (w->z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    w->in_len = 0;
    return 0;
}

static inline int w_put(writer *w, const void *p, size_t n)
{
    const unsigned char *s = p;
    while (n) {
        size_t room = CHUNK - w->in_len, k = n < room ? n : room;
        memcpy(w->in + w->in_len, s, k);
        w->in_len += k;
        s += k;
        n -= k;
        if (w->in_len == CHUNK && w_drain(w, Z_NO_FLUSH) < 0) return -1;
    }
    return 0;
}

static inline int w_varint(writer *w, uint64_t v)
{
    unsigned char b[10];
    size_t n = 0;
    while (v >= 0x80) {
        b[n++] = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    b[n++] = (unsigned char)v;
    return w_put(w, b, n);
}

static int w_level(writer *w, int level)
{
    if (w_drain(w, Z_NO_FLUSH) < 0) return -1;
    for (;;) {
        w->z.next_out = w->out;
        w->z.avail_out = CHUNK;
        int rc = deflateParams(&w->z, level, Z_DEFAULT_STRATEGY);
        size_t have = CHUNK - w->z.avail_out;
        if (have) {
            if (np_write_all(w->fd, w->out, have) < 0) {
                w->err = errno;
                return -1;
            }
            w->crc = (uint32_t)crc32(w->crc, w->out, (uInt)have);
            w->comp += have;
        }
        if (rc == Z_OK) return 0;
        if (rc != Z_BUF_ERROR) {
            w->err = -1;
            return -1;
        }
    }
}

static uint64_t zigzag(int64_t v)
{
    return ((uint64_t)v << 1) ^ (v < 0 ? UINT64_MAX : 0);
}

static const dd_docs *sort_docs;
static int by_seq(const void *a, const void *b)
{
    uint64_t x = sort_docs->seq[*(const uint32_t *)a], y = sort_docs->seq[*(const uint32_t *)b];
    return x < y ? -1 : x > y;
}

/* Live slots in arrival order (the order a load restores them in). Caller frees. */
static uint32_t *slots_in_order(const dd_docs *d)
{
    uint32_t *o = malloc(((size_t)d->n + 1) * sizeof *o);
    if (!o) return NULL;
    uint32_t k = 0;
    int sorted = 1;
    for (uint32_t s = 0; s < d->used; s++) {
        if (!(d->flags[s] & DD_DOC_LIVE)) continue;
        if (k && d->seq[o[k - 1]] > d->seq[s]) sorted = 0;
        o[k++] = s;
    }
    if (!sorted) {
        sort_docs = d;
        qsort(o, k, sizeof *o, by_seq);
    }
    return o;
}

/* The LSH band tables as they are, their slots renumbered in arrival order (the slots a
 * load gives the documents), so that a load reads them instead of computing 32 keys a
 * document and placing them: that build was half of a load. Tables that evictions left
 * far larger than their documents need are not saved (bands 0): a load builds them. */
static int write_lsh(writer *w, const dd_engine *e, const uint32_t *order)
{
    const dd_docs *d = &e->docs;
    const dd_lsh *l = &e->lsh;
    size_t nsig = 0;
    int identity = d->n == d->used;
    for (uint32_t i = 0; i < d->n; i++) {
        nsig += (d->flags[order[i]] & DD_DOC_SIG) != 0;
        identity &= order[i] == i;
    }
    int fits = 1;
    for (unsigned b = 0; b < l->bands; b++) fits &= dd_lsh_band_fits(l->t[b].cap, nsig);
    unsigned char b8[24];
    put32(b8, fits ? l->bands : 0);
    put32(b8 + 4, l->rows);
    if (w_put(w, b8, 8) < 0) return -1;
    if (!fits) return 0;
    uint32_t *rank = NULL;
    if (!identity) {
        if (!(rank = malloc(((size_t)d->used + 1) * sizeof *rank))) {
            w->err = ENOMEM;
            return -1;
        }
        for (uint32_t i = 0; i < d->n; i++) rank[order[i]] = i;
    }
    int rc = 0;
    unsigned char buf[4096];
    for (unsigned b = 0; b < l->bands && !rc; b++) {
        const dd_band *t = &l->t[b];
        put64(b8, t->cap);
        put64(b8 + 8, t->n);
        put64(b8 + 16, t->dead);
        if (w_put(w, b8, 24) < 0 || w_put(w, t->tag, t->cap) < 0) {
            rc = -1;
            break;
        }
        /* Entries not in use hold slot 0 (lsh.h). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (!rank) {
            if (w_put(w, t->slot, t->cap * sizeof *t->slot) < 0) rc = -1;
            continue;
        }
#endif
        size_t k = 0;
        for (size_t i = 0; i < t->cap; i++) {
            uint32_t v = t->tag[i] > 1 ? (rank ? rank[t->slot[i]] : t->slot[i]) : 0;
            put32(buf + k, v);
            if ((k += 4) == sizeof buf || i + 1 == t->cap) {
                if (w_put(w, buf, k) < 0) {
                    rc = -1;
                    break;
                }
                k = 0;
            }
        }
    }
    free(rank);
    return rc;
}

static int write_body(writer *w, const dd_engine *e, const uint32_t *order)
{
    const dd_docs *d = &e->docs;
    unsigned char b[8];
    put64(b, (uint64_t)(e->have_watermark ? e->watermark : INT64_MIN));
    if (w_put(w, b, 8) < 0) return -1;
    uint64_t id_bytes = 0;
    for (uint32_t i = 0; i < d->n; i++) id_bytes += d->idh[order[i]] ? d->id_len[order[i]] : 0;
    put64(b, id_bytes); /* so that a load sizes the id arena once */
    if (w_put(w, b, 8) < 0) return -1;
    int64_t prev = 0;
    for (uint32_t i = 0; i < d->n; i++) {
        uint32_t s = order[i];
        size_t idl;
        const char *id = dd_docs_id(d, s, &idl);
        unsigned char f = (unsigned char)((d->idh[s] ? F_ID : 0) | (d->body[s] ? F_BODY : 0) |
                                          (d->flags[s] & DD_DOC_SIG ? F_SIG : 0));
        if (w_varint(w, zigzag(d->time[s] - prev)) < 0 || w_put(w, &f, 1) < 0) return -1;
        prev = d->time[s];
        if (f & F_ID && (w_varint(w, idl) < 0 || w_put(w, id, idl) < 0)) return -1;
    }
    if (w_level(w, 0) < 0) return -1;
    unsigned char tmp[16];
    for (uint32_t i = 0; i < d->n; i++) {
        uint32_t s = order[i];
        size_t n = 0;
        if (d->idh[s]) put64(tmp + n, d->idh[s]), n += 8;
        if (d->body[s]) put64(tmp + n, d->body[s]), n += 8;
        if (w_put(w, tmp, n) < 0) return -1;
        if (!(d->flags[s] & DD_DOC_SIG)) continue;
        if (w_put(w, dd_docs_sig(d, s), (size_t)d->K) < 0) return -1;
        const dd_evidence *ev = &d->ev[s];
        put64(tmp, ev->tickers);
        put32(tmp + 8, ev->lead);
        tmp[12] = ev->wdays;
        if (w_put(w, tmp, 13) < 0) return -1;
    }
    if (write_lsh(w, e, order) < 0) return -1;
    return w_drain(w, Z_FINISH);
}

int dd_state_save(const dd_engine *e, const char *path, char *msg, size_t ml)
{
    np_atomic_file af;
    if (np_atomic_open(&af, path) < 0) {
        snprintf(msg, ml, "state %s: cannot create: %s", path, strerror(errno));
        return NP_EX_CANTCREAT;
    }
    writer w = {.fd = af.fd};
    uint32_t *order = slots_in_order(&e->docs);
    w.in = malloc(CHUNK);
    w.out = malloc(CHUNK);
    int rc = NP_EX_SOFTWARE;
    unsigned char hb[HDR] = {0};
    if (!order || !w.in || !w.out ||
        deflateInit2(&w.z, LEVEL_META, Z_DEFLATED, RAW_DEFLATE, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        snprintf(msg, ml, "state %s: out of memory", path);
        free(order);
        free(w.in);
        free(w.out);
        np_atomic_abort(&af);
        return NP_EX_SOFTWARE;
    }
    if (np_write_all(af.fd, hb, HDR) < 0) {
        w.err = errno;
        goto out;
    }
    if (write_body(&w, e, order) < 0) goto out;
    header h = {.version = DD_STATE_VERSION,
                .hashes = e->c.p.hashes,
                .shingle = e->c.p.shingle,
                .rules = TEXT_RULES,
                .seed = e->c.p.seed,
                .ndocs = e->docs.n,
                .comp_len = w.comp,
                .body_crc = w.crc};
    header_encode(&h, hb);
    if (pwrite(af.fd, hb, HDR, 0) != HDR) {
        w.err = errno ? errno : EIO;
        goto out;
    }
    rc = 0;
out:
    deflateEnd(&w.z);
    free(order);
    free(w.in);
    free(w.out);
    if (rc == 0 && np_atomic_commit(&af) < 0) {
        snprintf(msg, ml, "state %s: cannot save: %s", path, strerror(errno));
        return NP_EX_IOERR;
    }
    if (rc != 0) {
        snprintf(msg, ml, "state %s: cannot save: %s", path,
                 w.err > 0 ? strerror(w.err) : "compression error");
        np_atomic_abort(&af);
        return w.err == ENOMEM ? NP_EX_SOFTWARE : NP_EX_IOERR;
    }
    return 0;
}

/* ---- reading ---------------------------------------------------------------------- */

typedef struct {
    int fd;
    z_stream z;
    unsigned char *in, *out;
    size_t pos, len; /* unread output bytes are out[pos..len) */
    uint64_t left;   /* compressed bytes not yet read from the file */
    uint32_t crc;
    int end, bad, ioerr;
} reader;

/* Makes at least one more byte available; returns 0, or -1 at the end or on error. */
static int r_fill(reader *r)
{
    if (r->pos == r->len) r->pos = r->len = 0;
    while (r->len == r->pos || r->len < CHUNK / 2) {
        if (r->end) return r->len > r->pos ? 0 : -1;
        if (!r->z.avail_in && r->left) {
            size_t want = r->left < CHUNK ? (size_t)r->left : CHUNK;
            ssize_t k;
            do k = read(r->fd, r->in, want);
            while (k < 0 && errno == EINTR);
            if (k <= 0) {
                r->ioerr = k < 0 ? errno : EIO;
                return -1;
            }
            r->crc = (uint32_t)crc32(r->crc, r->in, (uInt)k);
            r->left -= (uint64_t)k;
            r->z.next_in = r->in;
            r->z.avail_in = (uInt)k;
        }
        if (r->pos) {
            memmove(r->out, r->out + r->pos, r->len - r->pos);
            r->len -= r->pos;
            r->pos = 0;
        }
        r->z.next_out = r->out + r->len;
        r->z.avail_out = (uInt)(CHUNK - r->len);
        int rc = inflate(&r->z, Z_NO_FLUSH);
        r->len = CHUNK - r->z.avail_out;
        if (rc == Z_STREAM_END)
            r->end = 1;
        else if (rc != Z_OK && !(rc == Z_BUF_ERROR && r->z.avail_in == 0 && r->left)) {
            r->bad = 1;
            return -1;
        }
        if (!r->end && !r->z.avail_in && !r->left && r->len == r->pos) {
            r->bad = 1; /* the stream stops before its end */
            return -1;
        }
    }
    return 0;
}

static inline int r_get(reader *r, void *dst, size_t n)
{
    unsigned char *p = dst;
    while (n) {
        if (r->pos == r->len && r_fill(r) < 0) {
            if (!r->ioerr) r->bad = 1;
            return -1;
        }
        size_t k = r->len - r->pos < n ? r->len - r->pos : n;
        memcpy(p, r->out + r->pos, k);
        r->pos += k;
        p += k;
        n -= k;
    }
    return 0;
}

static inline int r_varint(reader *r, uint64_t *v)
{
    uint64_t x = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->pos == r->len && r_fill(r) < 0) {
            if (!r->ioerr) r->bad = 1;
            return -1;
        }
        unsigned char c = r->out[r->pos++];
        x |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) {
            *v = x;
            return 0;
        }
    }
    r->bad = 1;
    return -1;
}

static int r_skip(reader *r, uint64_t n)
{
    while (n) {
        if (r->pos == r->len && r_fill(r) < 0) {
            if (!r->ioerr) r->bad = 1;
            return -1;
        }
        size_t k = r->len - r->pos < n ? r->len - r->pos : (size_t)n;
        r->pos += k;
        n -= k;
    }
    return 0;
}

/* Reads the LSH section (see write_lsh) into e's tables when it was saved for this run's
 * bands and rows; otherwise skips it. Returns 1 when the tables were read, 0 when they
 * are to be built, -1 when the data is bad, -2 when out of memory. */
static int read_lsh(reader *r, dd_engine *e, size_t nsig)
{
    unsigned char b[24];
    if (r_get(r, b, 8) < 0) return -1;
    uint32_t nb = get32(b), rows = get32(b + 4);
    if (nb > DD_MAX_HASHES) return -1;
    int use = nb && nb == e->lsh.bands && rows == e->lsh.rows;
    for (uint32_t k = 0; k < nb; k++) {
        if (r_get(r, b, 24) < 0) return -1;
        uint64_t cap = get64(b), n = get64(b + 8), dead = get64(b + 16);
        if (!cap || cap > UINT32_MAX || n > cap || dead > cap) return -1;
        if (!use || !dd_lsh_band_fits((size_t)cap, nsig)) {
            use = 0;
            if (r_skip(r, cap * 5) < 0) return -1;
            continue;
        }
        if (dd_lsh_band_reset(&e->lsh, k, (size_t)cap) < 0) return -2;
        dd_band *t = &e->lsh.t[k];
        t->n = (size_t)n;
        t->dead = (size_t)dead;
        if (r_get(r, t->tag, t->cap) < 0 || r_get(r, t->slot, t->cap * sizeof *t->slot) < 0)
            return -1;
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
        for (size_t i = 0; i < t->cap; i++) t->slot[i] = get32((unsigned char *)&t->slot[i]);
#endif
        if (dd_lsh_band_check(t, &e->docs) < 0) return -1;
    }
    return use;
}

/* np_buf_reserve for the id arena, whose next `extra` bytes are about to be written: those
 * are faulted in at once; the rest of the capacity (up to twice as much, room to grow) is
 * left untouched until used. */
static int ids_reserve(np_buf *ids, size_t extra)
{
    if (np_buf_reserve(ids, extra) < 0) return -1;
    dd_prefault(ids->data + ids->len, extra);
    return 0;
}

/* Whether a state written with h can be read by an engine of parameters p. Returns 0, or the
 * exit status with msg set. */
static int check_header(const header *h, const dd_params *p, const char *path, char *msg, size_t ml)
{
    if (h->hashes != p->hashes || h->shingle != p->shingle || h->seed != p->seed ||
        h->rules != TEXT_RULES) {
        snprintf(msg, ml,
                 "state %s: written with --hashes %u --shingle %u%s, this run uses --hashes %u "
                 "--shingle %u; run with the same parameters, or --state-reset to start afresh",
                 path, h->hashes, h->shingle,
                 h->seed != p->seed || h->rules != TEXT_RULES ? " (and another hash seed or text "
                                                                "normalization)"
                                                              : "",
                 p->hashes, p->shingle);
        return NP_EX_CONFIG;
    }
    if (h->ndocs > UINT32_MAX - 2) {
        snprintf(msg, ml, "state %s: corrupt (document count %llu)", path,
                 (unsigned long long)h->ndocs);
        return NP_EX_DATAERR;
    }
    return 0;
}

/* The documents' times (zigzag deltas), flags and ids, into d. Returns 0 or -1 (bad data). */
static int read_times_ids(reader *r, dd_docs *d, size_t n, unsigned char *flags, uint64_t id_end)
{
    int64_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t zz, idl;
        if (r_varint(r, &zz) < 0 || r_get(r, &flags[i], 1) < 0) return -1;
        prev += (int64_t)((zz >> 1) ^ -(zz & 1));
        d->time[i] = prev;
        if (flags[i] & ~(F_ID | F_BODY | F_SIG)) return -1;
        d->id_off[i] = d->ids.len;
        if (flags[i] & F_ID) {
            if (r_varint(r, &idl) < 0 || !idl || idl > id_end - d->ids.len) return -1;
            if (r_get(r, d->ids.data + d->ids.len, idl) < 0) return -1;
            d->ids.len += idl;
            d->id_len[i] = (uint32_t)idl;
        }
    }
    return d->ids.len == id_end ? 0 : -1;
}

/* The documents' id and body hashes and signatures (K bytes each, with their evidence), as
 * their flags say; *nsig: the signatures read. Returns 0 or -1 (bad data). */
static int read_hashes(reader *r, dd_docs *d, size_t n, const unsigned char *flags, size_t K,
                       size_t *nsig)
{
    unsigned char b[8];
    for (size_t i = 0; i < n; i++) {
        d->idh[i] = d->body[i] = 0;
        if (flags[i] & F_ID) {
            if (r_get(r, b, 8) < 0) return -1;
            if (!(d->idh[i] = get64(b))) return -1;
        }
        if (flags[i] & F_BODY) {
            if (r_get(r, b, 8) < 0) return -1;
            d->body[i] = get64(b);
        }
        if (flags[i] & F_SIG) {
            unsigned char ev[13];
            if (r_get(r, d->sig + i * K, K) < 0 || r_get(r, ev, 13) < 0) return -1;
            d->ev[i] = (dd_evidence){get64(ev), get32(ev + 8), ev[12]};
            d->flags[i] |= DD_DOC_SIG;
            (*nsig)++;
        }
    }
    return 0;
}

int dd_state_load(dd_engine *e, const char *path, char *msg, size_t ml)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return DD_STATE_ABSENT;
        snprintf(msg, ml, "state %s: %s", path, strerror(errno));
        return NP_EX_IOERR;
    }
    header h;
    off_t size;
    int rc = header_read(fd, path, &h, &size, msg, ml);
    if (rc) {
        close(fd);
        return rc;
    }
    if ((rc = check_header(&h, &e->c.p, path, msg, ml)) != 0) {
        close(fd);
        return rc;
    }
    reader r = {.fd = fd, .left = h.comp_len};
    size_t n = (size_t)h.ndocs, K = e->docs.K;
    unsigned char *flags = malloc(n + 1);
    r.in = malloc(CHUNK);
    r.out = malloc(CHUNK);
    rc = NP_EX_SOFTWARE;
    if (!r.in || !r.out || !flags || inflateInit2(&r.z, RAW_DEFLATE) != Z_OK) {
        snprintf(msg, ml, "state %s: out of memory loading %zu documents", path, n);
        goto out;
    }
    /* Straight into the engine's arrays: a second copy of a million documents would cost
     * as much again in memory and page faults. */
    dd_docs *d = &e->docs;
    if (dd_docs_claim(d, (uint32_t)n) < 0) goto nomem;
    if (lseek(fd, HDR, SEEK_SET) < 0) goto io;
    unsigned char b[16];
    if (r_get(&r, b, 16) < 0) goto bad;
    int64_t wm = (int64_t)get64(b);
    uint64_t id_bytes = get64(b + 8), id_end;
    if (id_bytes > (uint64_t)n * MAX_ID) goto bad;
    if (ids_reserve(&d->ids, (size_t)id_bytes) < 0) goto nomem;
    id_end = d->ids.len + id_bytes;
    size_t nsig = 0;
    if (read_times_ids(&r, d, n, flags, id_end) < 0 || read_hashes(&r, d, n, flags, K, &nsig) < 0)
        goto bad;
    int lsh_loaded = 0;
    if (h.version >= 4 && (lsh_loaded = read_lsh(&r, e, nsig)) < 0) {
        if (lsh_loaded == -2) goto nomem;
        goto bad;
    }
    /* The stream must end exactly here, and its checksum match (checked before the indexes
     * are built: a corrupt file should not cost a second of work first). */
    if (r.pos != r.len || (!r.end && r_fill(&r) == 0) || !r.end || r.left || r.z.avail_in) goto bad;
    if (r.crc != h.body_crc) goto bad;
    if (dd_engine_adopt(e, lsh_loaded) < 0) goto nomem;
    if (wm != INT64_MIN) {
        if (!e->have_watermark || wm > e->watermark) e->watermark = wm;
        e->have_watermark = 1;
    }
    rc = 0;
    goto out;
bad:
    if (r.ioerr) goto io;
    snprintf(msg, ml, "state %s: corrupt or truncated (%s)", path,
             r.crc != h.body_crc && r.left == 0 ? "checksum mismatch" : "bad compressed data");
    rc = NP_EX_DATAERR;
    goto out;
io:
    snprintf(msg, ml, "state %s: read error: %s", path, strerror(r.ioerr ? r.ioerr : errno));
    rc = NP_EX_IOERR;
    goto out;
nomem:
    snprintf(msg, ml, "state %s: out of memory loading %zu documents", path, n);
    rc = NP_EX_SOFTWARE;
out:
    inflateEnd(&r.z);
    free(r.in);
    free(r.out);
    free(flags);
    close(fd);
    return rc;
}

int dd_state_verify(const char *path, char *msg, size_t ml)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(msg, ml, "state %s: %s", path, strerror(errno));
        return NP_EX_IOERR;
    }
    header h;
    off_t size;
    int rc = header_read(fd, path, &h, &size, msg, ml);
    unsigned char *buf = rc ? NULL : malloc(CHUNK);
    if (!rc && !buf) {
        snprintf(msg, ml, "state %s: out of memory", path);
        rc = NP_EX_SOFTWARE;
    }
    uint32_t crc = 0;
    for (off_t at = HDR; !rc && at < size;) {
        ssize_t k = pread(fd, buf, CHUNK, at);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            snprintf(msg, ml, "state %s: read error: %s", path, k < 0 ? strerror(errno) : "short");
            rc = NP_EX_IOERR;
            break;
        }
        crc = (uint32_t)crc32(crc, buf, (uInt)k);
        at += k;
    }
    if (!rc && crc != h.body_crc) {
        snprintf(msg, ml, "state %s: corrupt (checksum mismatch)", path);
        rc = NP_EX_DATAERR;
    }
    free(buf);
    close(fd);
    return rc;
}
