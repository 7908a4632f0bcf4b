/* Writing and reading the binary listings cache (see cache.h). Pointers become 32-bit
 * offsets into one string blob (the listings files as the loader split them); the hash
 * tables are stored as they are. Everything read is bounds-checked, so a damaged file is a
 * cache miss, never a crash. */
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "hash.h"

#define MAGIC  "NPTLC\0\0\2"
#define NO_STR UINT32_MAX

typedef struct {
    char magic[8];
    uint64_t fp;
    uint64_t blob_len, n_iss, n_lst, n_alias, slot_cap, first_words, sym_cap;
} header;

typedef struct {
    uint32_t id, name, publisher, first, count;
    int32_t prior;
} ciss;

typedef struct {
    uint32_t symbol, mic, ric, country;
    int32_t from, to;
    uint32_t issuer;
    uint16_t primary, type;
} clst;

typedef struct {
    uint32_t issuer, raw, raw_len;
    uint8_t flags, nwords, curated, pad;
} calias;

/* Record sizes are multiples of 8, so the hash tables after them stay aligned. */
_Static_assert(sizeof(header) % 8 == 0 && sizeof(ciss) % 8 == 0 && sizeof(clst) % 8 == 0 &&
                   sizeof(calias) % 8 == 0,
               "cache records keep 8-byte alignment");

uint64_t tl_cache_fingerprint(char *const *texts, const size_t *lens, size_t n)
{
    /* The program itself is part of the key: a rebuilt loader (new name rules) never reads
     * a cache written by the old one. */
    uint64_t h = 0x7469636b65723203ULL;
    struct stat st;
    if (stat("/proc/self/exe", &st) == 0)
        h = np_mix64(h ^ (uint64_t)st.st_size ^ ((uint64_t)st.st_mtime << 20) ^
                     (uint64_t)st.st_ino << 40);
    for (size_t i = 0; i < n; i++) h = np_mix64(h ^ np_hash64(texts[i], lens[i], h + i));
    return h ? h : 1;
}

/* ---- writing ------------------------------------------------------------------------- */

typedef struct {
    const char *p;
    size_t len, off;
} range;

static int cmp_range(const void *a, const void *b)
{
    const range *x = a, *y = b;
    return (x->p > y->p) - (x->p < y->p);
}

static uint32_t offset_of(const range *r, size_t n, const char *p)
{
    if (!p) return NO_STR;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r[mid].p <= p)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0) return NO_STR;
    const range *x = &r[lo - 1];
    if (p >= x->p + x->len) return NO_STR;
    return (uint32_t)(x->off + (size_t)(p - x->p));
}

static int put(int fd, const void *p, size_t n)
{
    return n ? np_write_all(fd, p, n) : 0;
}

int tl_cache_write(const tl_table *t, const char *path, uint64_t fp)
{
    range *r = malloc((t->n_bufs ? t->n_bufs : 1) * sizeof *r);
    if (!r) return -1;
    size_t blob = 0;
    for (size_t i = 0; i < t->n_bufs; i++) {
        r[i] = (range){t->bufs[i], t->buf_len[i], blob};
        blob += t->buf_len[i];
    }
    size_t pad = (8 - (blob % 8)) % 8; /* keeps the hash tables 8-byte aligned */
    blob += pad;
    if (blob >= NO_STR) {
        free(r);
        errno = EFBIG;
        return -1;
    }
    qsort(r, t->n_bufs, sizeof *r, cmp_range);
    ciss *is = malloc((t->n_iss ? t->n_iss : 1) * sizeof *is);
    clst *ls = malloc((t->n_lst ? t->n_lst : 1) * sizeof *ls);
    calias *as = malloc((t->names.n_alias ? t->names.n_alias : 1) * sizeof *as);
    int rc = -1;
    np_atomic_file af = {.fd = -1};
    if (!is || !ls || !as) goto out;
    for (size_t i = 0; i < t->n_iss; i++) {
        const tl_issuer *x = &t->iss[i];
        is[i] = (ciss){offset_of(r, t->n_bufs, x->id),
                       offset_of(r, t->n_bufs, x->name),
                       offset_of(r, t->n_bufs, x->publisher),
                       x->first,
                       x->count,
                       x->prior};
    }
    for (size_t i = 0; i < t->n_lst; i++) {
        const tl_listing *x = &t->lst[i];
        ls[i] = (clst){offset_of(r, t->n_bufs, x->symbol),
                       offset_of(r, t->n_bufs, x->mic),
                       offset_of(r, t->n_bufs, x->ric),
                       offset_of(r, t->n_bufs, x->country),
                       x->from,
                       x->to,
                       x->issuer,
                       x->primary,
                       x->type};
    }
    for (size_t i = 0; i < t->names.n_alias; i++) {
        const tl_alias *x = &t->names.alias[i];
        as[i] = (calias){
            x->issuer, offset_of(r, t->n_bufs, x->raw), x->raw_len, x->flags, x->nwords, x->curated,
            0};
    }
    header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, MAGIC, 8);
    h.fp = fp;
    h.blob_len = blob;
    h.n_iss = t->n_iss;
    h.n_lst = t->n_lst;
    h.n_alias = t->names.n_alias;
    h.slot_cap = t->names.slot ? t->names.mask + 1 : 0;
    h.first_words = t->names.first_bits ? (t->names.first_mask + 1) / 64 : 0;
    h.sym_cap = t->sym ? t->sym_mask + 1 : 0;
    if (np_atomic_open(&af, path)) goto out;
    rc = put(af.fd, &h, sizeof h);
    for (size_t i = 0; i < t->n_bufs && !rc; i++) rc = put(af.fd, t->bufs[i], t->buf_len[i]);
    static const char zeros[8];
    if (!rc) rc = put(af.fd, zeros, pad);

    if (!rc) rc = put(af.fd, is, t->n_iss * sizeof *is);
    if (!rc) rc = put(af.fd, ls, t->n_lst * sizeof *ls);
    if (!rc) rc = put(af.fd, as, t->names.n_alias * sizeof *as);
    if (!rc) rc = put(af.fd, t->names.slot, h.slot_cap * sizeof *t->names.slot);
    if (!rc) rc = put(af.fd, t->names.first_bits, h.first_words * sizeof(uint64_t));
    if (!rc) rc = put(af.fd, t->sym, h.sym_cap * sizeof *t->sym);
    if (rc)
        np_atomic_abort(&af);
    else
        rc = np_atomic_commit(&af);
out:
    free(r);
    free(is);
    free(ls);
    free(as);
    return rc;
}

/* ---- reading ------------------------------------------------------------------------- */

static const char *str_at(const char *blob, size_t blob_len, uint32_t off, int *bad)
{
    if (off == NO_STR) return "";
    if (off >= blob_len || !memchr(blob + off, '\0', blob_len - off)) {
        *bad = 1;
        return "";
    }
    return blob + off;
}

static int pow2(uint64_t x)
{
    return x && !(x & (x - 1));
}

int tl_cache_read(tl_table *t, const char *path, uint64_t fp)
{
    memset(t, 0, sizeof *t);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    struct stat st;
    header h;
    if (fstat(fd, &st) || (size_t)st.st_size < sizeof h) {
        close(fd);
        return -1;
    }
    size_t size = (size_t)st.st_size;
    /* Mapped, not read: the indexes are used where they lie, and pages are shared between
     * processes of a pipeline. */
    char *buf = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (buf == MAP_FAILED) return -1;
    memcpy(&h, buf, sizeof h);
    uint64_t need = sizeof h;
    int bad = memcmp(h.magic, MAGIC, 8) != 0 || h.fp != fp || h.n_iss > UINT32_MAX ||
              h.n_lst > UINT32_MAX || h.n_alias > UINT32_MAX || h.blob_len > size ||
              (h.slot_cap && !pow2(h.slot_cap)) || (h.sym_cap && !pow2(h.sym_cap)) ||
              (h.first_words && !pow2(h.first_words));
    if (!bad) {
        need += h.blob_len + h.n_iss * sizeof(ciss) + h.n_lst * sizeof(clst) +
                h.n_alias * sizeof(calias) + h.slot_cap * sizeof(tl_slot) + h.first_words * 8 +
                h.sym_cap * sizeof(tl_index_slot);
        bad = need != size;
    }
    if (bad) {
        munmap(buf, size);
        return -1;
    }
    const char *blob = buf + sizeof h;
    const char *p = blob + h.blob_len;
    t->map = buf;
    t->map_len = size;
    t->iss = calloc(h.n_iss ? h.n_iss : 1, sizeof *t->iss);
    t->lst = calloc(h.n_lst ? h.n_lst : 1, sizeof *t->lst);
    t->names.alias = malloc((h.n_alias ? h.n_alias : 1) * sizeof *t->names.alias);
    if (!t->iss || !t->lst || !t->names.alias) {
        tl_table_free(t);
        return -1;
    }
    t->n_iss = h.n_iss;
    t->n_lst = h.n_lst;
    for (size_t i = 0; i < h.n_iss; i++, p += sizeof(ciss)) {
        ciss c;
        memcpy(&c, p, sizeof c);
        tl_issuer *x = &t->iss[i];
        x->id = str_at(blob, h.blob_len, c.id, &bad);
        x->name = str_at(blob, h.blob_len, c.name, &bad);
        x->publisher = c.publisher == NO_STR ? NULL : str_at(blob, h.blob_len, c.publisher, &bad);
        x->first = c.first;
        x->count = c.count;
        x->prior = c.prior;
        if ((uint64_t)c.first + c.count > h.n_lst) bad = 1;
    }
    for (size_t i = 0; i < h.n_lst; i++, p += sizeof(clst)) {
        clst c;
        memcpy(&c, p, sizeof c);
        tl_listing *x = &t->lst[i];
        x->symbol = str_at(blob, h.blob_len, c.symbol, &bad);
        x->mic = str_at(blob, h.blob_len, c.mic, &bad);
        x->ric = str_at(blob, h.blob_len, c.ric, &bad);
        x->country = str_at(blob, h.blob_len, c.country, &bad);
        x->from = c.from;
        x->to = c.to;
        x->issuer = c.issuer;
        x->primary = (uint8_t)c.primary;
        x->type = (uint8_t)c.type;
        if (c.type >= TL_NSEC) bad = 1;
        if (c.issuer >= h.n_iss) bad = 1;
    }
    t->names.n_alias = h.n_alias;
    for (size_t i = 0; i < h.n_alias; i++, p += sizeof(calias)) {
        calias c;
        memcpy(&c, p, sizeof c);
        tl_alias *x = &t->names.alias[i];
        x->issuer = c.issuer;
        x->raw = str_at(blob, h.blob_len, c.raw, &bad);
        x->raw_len = c.raw_len;
        x->flags = c.flags;
        x->nwords = c.nwords;
        x->curated = c.curated;
        if (c.issuer >= h.n_iss || (c.raw != NO_STR && (uint64_t)c.raw + c.raw_len > h.blob_len))
            bad = 1;
    }
    /* The hash tables are used in place; the header's sizes were checked against the file
     * size, and the offsets below keep them 8-byte aligned. */
    if ((size_t)(p - buf) % 8) bad = 1;
    t->names.slot = h.slot_cap ? (tl_slot *)(void *)p : NULL;
    for (size_t i = 0; i < h.slot_cap && !bad; i++)
        if ((uint64_t)t->names.slot[i].first + t->names.slot[i].count > h.n_alias) bad = 1;
    p += h.slot_cap * sizeof(tl_slot);
    t->names.mask = h.slot_cap ? h.slot_cap - 1 : 0;
    t->names.first_bits = h.first_words ? (uint64_t *)(void *)p : NULL;
    p += h.first_words * 8;
    t->names.first_mask = h.first_words ? h.first_words * 64 - 1 : 0;
    t->sym = h.sym_cap ? (tl_index_slot *)(void *)p : NULL;
    for (size_t i = 0; i < h.sym_cap && !bad; i++)
        if (t->sym[i].listing != UINT32_MAX && t->sym[i].listing >= h.n_lst) bad = 1;
    t->sym_mask = h.sym_cap ? h.sym_cap - 1 : 0;
    if (bad) {
        tl_table_free(t);
        return -1;
    }
    return 0;
}

/* ---- pruning ----------------------------------------------------------------------------- */

typedef struct {
    char name[30];
    struct timespec mtime;
} centry;

static int newer_first(const void *a, const void *b)
{
    const struct timespec *x = &((const centry *)a)->mtime, *y = &((const centry *)b)->mtime;
    if (x->tv_sec != y->tv_sec) return x->tv_sec < y->tv_sec ? 1 : -1;
    if (x->tv_nsec != y->tv_nsec) return x->tv_nsec < y->tv_nsec ? 1 : -1;
    return 0;
}

/* "listings-" + 16 hex digits + ".bin": only the files this program names. */
static int is_cache_name(const char *s)
{
    if (strncmp(s, "listings-", 9) != 0) return 0;
    for (int i = 9; i < 25; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return 0;
    return strcmp(s + 25, ".bin") == 0;
}

int tl_cache_prune(const char *dir, int keep)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    centry *e = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!is_cache_name(de->d_name)) continue;
        struct stat st;
        if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISREG(st.st_mode))
            continue;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            centry *p = realloc(e, nc * sizeof *p);
            if (!p) break;
            e = p;
            cap = nc;
        }
        memcpy(e[n].name, de->d_name, 30); /* is_cache_name: 29 characters and NUL */
        e[n].mtime = st.st_mtim;
        n++;
    }
    int removed = 0;
    if (n > (size_t)(keep > 0 ? keep : 0)) {
        qsort(e, n, sizeof *e, newer_first);
        for (size_t i = (size_t)(keep > 0 ? keep : 0); i < n; i++)
            if (unlinkat(dirfd(d), e[i].name, 0) == 0) removed++;
    }
    closedir(d);
    free(e);
    return removed;
}

void tl_cache_touch(const char *path)
{
    (void)utimensat(AT_FDCWD, path, NULL, 0);
}

int tl_table_load_cached(tl_table *t, const char *const *paths, size_t n, const char *cache_dir,
                         int *cached, char *err, size_t errlen)
{
    *cached = 0;
    if (!cache_dir) return tl_table_load(t, paths, n, err, errlen);
    /* Read the files once: their bytes are the cache key, and the text to parse on a miss. */
    memset(t, 0, sizeof *t);
    char **texts = calloc(n ? n : 1, sizeof *texts);
    size_t *lens = calloc(n ? n : 1, sizeof *lens);
    if (!texts || !lens) {
        free(texts);
        free(lens);
        snprintf(err, errlen, "listings: out of memory");
        return -1;
    }
    int rc = 0;
    size_t got = 0;
    for (; got < n && rc == 0; got++)
        rc = tl_read_file(paths[got], &texts[got], &lens[got], err, errlen);
    char path[4096];
    uint64_t fp = 0;
    if (rc == 0) {
        fp = tl_cache_fingerprint(texts, lens, n);
        snprintf(path, sizeof path, "%s/listings-%016llx.bin", cache_dir, (unsigned long long)fp);
        if (tl_cache_read(t, path, fp) == 0) {
            *cached = 1;
            tl_cache_touch(path);
            for (size_t i = 0; i < n; i++) free(texts[i]);
            free(texts);
            free(lens);
            return 0;
        }
    }
    if (rc == 0)
        rc = tl_table_load_owned(t, paths, texts, lens, n, err, errlen);
    else
        for (size_t i = 0; i < got; i++) free(texts[i]);
    free(texts);
    free(lens);
    if (rc) return rc;
    /* Create the directory and its parent (~/.cache); failures only mean no cache. */
    char parent[4096];
    const char *slash = strrchr(cache_dir, '/');
    if (slash && slash > cache_dir && (size_t)(slash - cache_dir) < sizeof parent) {
        memcpy(parent, cache_dir, (size_t)(slash - cache_dir));
        parent[slash - cache_dir] = '\0';
        mkdir(parent, 0777);
    }
    mkdir(cache_dir, 0777);
    /* Each edited table or rebuilt program makes a new file: keep only the recent ones. */
    if (tl_cache_write(t, path, fp) == 0) tl_cache_prune(cache_dir, TL_CACHE_KEEP);
    return 0;
}
