/* Model file: build, write, read and verify (see model.h). */
#include "model.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "exitcode.h"
#include "hash.h"

#define MAGIC       "NPETAGM\n"
#define HEADER_SIZE 64
#define CHECK_SEED  0xC0FFEE5EEDULL

typedef struct {
    char magic[8];
    uint32_t version;
    uint32_t nlabels;
    uint32_t feat_slots, nrows;
    uint32_t gaz_slots, gaz_count;
    uint32_t clu_slots, clu_count;
    uint64_t payload_len;
    uint64_t checksum;
    uint32_t passes; /* 0 or 1: one pass; 2: two-pass tagging */
    uint32_t method; /* 0: greedy decoding; 1: Viterbi (decode.h); | 0x100: context features */
} header;

_Static_assert(sizeof(header) == HEADER_SIZE, "header is 64 bytes");
_Static_assert(sizeof(etag_slot) == 32, "slots are 32 bytes");

/* A compact lexicon table: fingerprints then values, 4 bytes each, padded to 8 bytes. */
static size_t lex_bytes(uint32_t slots)
{
    return (size_t)slots * 8;
}

/* Points the tables of m at the payload p (layout as written by etag_model_build). */
static void attach(etag_model *m, const header *h, const unsigned char *p)
{
    m->slots = (const etag_slot *)p;
    m->mask = h->feat_slots - 1;
    m->nrows = h->nrows;
    m->passes = h->passes == 2 ? 2 : 1;
    m->method = (int)(h->method & 0xFF);
    m->context = (h->method >> 8) == 1;
    p += (size_t)h->feat_slots * sizeof(etag_slot);
    memset(&m->res, 0, sizeof m->res);
    if (h->gaz_slots) {
        m->res.gaz.fps = (const uint32_t *)p;
        m->res.gaz.vals = (const uint32_t *)(p + (size_t)h->gaz_slots * 4);
        m->res.gaz.nslots = h->gaz_slots;
        m->res.gaz.count = h->gaz_count;
    }
    p += lex_bytes(h->gaz_slots);
    if (h->clu_slots) {
        m->res.clusters.fps = (const uint32_t *)p;
        m->res.clusters.vals = (const uint32_t *)(p + (size_t)h->clu_slots * 4);
        m->res.clusters.nslots = h->clu_slots;
        m->res.clusters.count = h->clu_count;
    }
}

static int pow2(uint32_t x)
{
    return x && !(x & (x - 1));
}

/* Reads exactly n bytes at offset off. Returns 0, or -1 (errno set; EIO when short). */
static int read_at(int fd, void *p, size_t n, off_t off)
{
    char *c = p;
    while (n) {
        ssize_t k = pread(fd, c, n, off);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            if (k == 0) errno = EIO;
            return -1;
        }
        c += k;
        n -= (size_t)k;
        off += k;
    }
    return 0;
}

int etag_model_open(etag_model *m, const char *path, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open model %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    header h;
    const char *why = NULL;
    void *mem = NULL;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "model %s: not a regular file", path);
        close(fd);
        return -1;
    }
    if ((size_t)st.st_size < HEADER_SIZE || read_at(fd, &h, sizeof h, 0) < 0)
        why = "not an entity-tag model (too short)";
    else if (memcmp(h.magic, MAGIC, 8) != 0)
        why = "not an entity-tag model (bad magic)";
    else if (h.version != ETAG_MODEL_VERSION) {
        snprintf(err, errlen,
                 "model %s: version %u, this program reads version %u (retrain or "
                 "use a matching newspipe)",
                 path, h.version, ETAG_MODEL_VERSION);
        close(fd);
        return -1;
    } else if (h.nlabels != ETAG_NLABELS)
        why = "wrong label count";
    else if (h.passes > 2)
        why = "corrupt (bad pass count)";
    else if ((h.method & 0xFF) > 1 || (h.method >> 8) > 1)
        why = "corrupt (unknown decoder)";
    else if (!pow2(h.feat_slots) || h.gaz_count >= h.gaz_slots + (h.gaz_slots == 0) ||
             h.clu_count >= h.clu_slots + (h.clu_slots == 0))
        why = "corrupt (bad table sizes)";
    else if (h.payload_len != (uint64_t)st.st_size - HEADER_SIZE ||
             h.payload_len != (uint64_t)h.feat_slots * sizeof(etag_slot) + lex_bytes(h.gaz_slots) +
                                  lex_bytes(h.clu_slots))
        why = "corrupt (truncated or wrong length)";
    if (!why) {
        /* The weight table is probed at random, about a hundred times per token: with
         * 4 KiB pages nearly every probe also misses the TLB. Read the payload into memory
         * that transparent huge pages can back (one copy from the page cache, no mapping
         * faults), then verify it. */
        const size_t huge = 2u << 20;
        size_t alloc = ((size_t)h.payload_len + huge - 1) & ~(huge - 1);
        if (posix_memalign(&mem, huge, alloc ? alloc : huge) != 0) {
            snprintf(err, errlen, "model %s: out of memory", path);
            close(fd);
            return -1;
        }
#ifdef MADV_HUGEPAGE
        madvise(mem, alloc, MADV_HUGEPAGE);
#endif
        if (read_at(fd, mem, (size_t)h.payload_len, HEADER_SIZE) < 0) {
            snprintf(err, errlen, "model %s: read: %s", path, strerror(errno));
            free(mem);
            close(fd);
            return -1;
        }
        if (np_hash64(mem, h.payload_len, CHECK_SEED) != h.checksum)
            why = "corrupt (checksum mismatch)";
    }
    close(fd);
    if (why) {
        snprintf(err, errlen, "model %s: %s", path, why);
        free(mem);
        return -1;
    }
    m->owned = mem;
    attach(m, &h, mem);
    return 0;
}

void etag_model_close(etag_model *m)
{
    free(m->owned);
    memset(m, 0, sizeof *m);
}

/* Rows by decreasing weight mass, for pruning. */
static int by_mass(const void *a, const void *b)
{
    const etag_row *x = a, *y = b;
    float mx = 0, my = 0;
    for (int l = 0; l < ETAG_NLABELS; l++) {
        mx += fabsf(x->w[l]);
        my += fabsf(y->w[l]);
    }
    if (mx != my) return mx < my ? 1 : -1;
    return x->h < y->h ? -1 : x->h > y->h; /* deterministic order */
}

/* Slots for a table of count keys in the model: load 4/5 or less (the trainer's tables run
 * at 1/2 or less, with keys twice as long). */
static uint32_t lex_slots(const etag_lexicon *x)
{
    if (etag_lexicon_empty(x)) return 0;
    return (uint32_t)((uint64_t)x->count * 5 / 4 + 16);
}

/* Writes x, a builder's table, as a compact table of `slots` slots at p (fingerprints, then
 * values), in the probe order of etag_lexicon_get; keys are taken in x's slot order, so the
 * bytes are deterministic. */
static void put_lex(unsigned char *p, const etag_lexicon *x, uint32_t slots)
{
    if (!slots) return;
    uint32_t *fps = (uint32_t *)p;
    uint32_t *vals = (uint32_t *)(p + (size_t)slots * 4);
    for (uint32_t i = 0; i <= x->mask; i++) {
        if (!x->keys[i]) continue;
        uint32_t j = etag_lexicon_home(x->keys[i], slots);
        while (fps[j])
            if (++j == slots) j = 0;
        fps[j] = etag_lexicon_fp(x->keys[i]);
        vals[j] = x->vals[i];
    }
}

int etag_model_build(etag_model *m, const etag_row *rows, size_t nrows, size_t max_rows,
                     const etag_resources *res, int passes, int method, int context)
{
    memset(m, 0, sizeof *m);
    etag_row *r = malloc((nrows ? nrows : 1) * sizeof *r);
    if (!r) return -1;
    size_t keep = 0;
    for (size_t i = 0; i < nrows; i++) {
        float mx = 0;
        for (int l = 0; l < ETAG_NLABELS; l++)
            if (fabsf(rows[i].w[l]) > mx) mx = fabsf(rows[i].w[l]);
        if (mx > 0) r[keep++] = rows[i];
    }
    if (keep > max_rows) {
        qsort(r, keep, sizeof *r, by_mass);
        keep = max_rows;
    }
    uint32_t slots = 1024;
    while (slots < keep + keep / 4) slots *= 2; /* load at most 0.8 */
    header h = {0};
    memcpy(h.magic, MAGIC, 8);
    h.version = ETAG_MODEL_VERSION;
    h.nlabels = ETAG_NLABELS;
    h.feat_slots = slots;
    h.nrows = (uint32_t)keep;
    h.passes = (uint32_t)passes;
    h.method = (uint32_t)method | (context ? 0x100u : 0);
    h.gaz_slots = lex_slots(&res->gaz);
    h.gaz_count = res->gaz.count;
    h.clu_slots = lex_slots(&res->clusters);
    h.clu_count = res->clusters.count;
    h.payload_len =
        (uint64_t)slots * sizeof(etag_slot) + lex_bytes(h.gaz_slots) + lex_bytes(h.clu_slots);
    unsigned char *img = calloc(1, HEADER_SIZE + h.payload_len);
    if (!img) {
        free(r);
        return -1;
    }
    etag_slot *sl = (etag_slot *)(img + HEADER_SIZE);
    for (size_t k = 0; k < keep; k++) {
        float mx = 0;
        for (int l = 0; l < ETAG_NLABELS; l++)
            if (fabsf(r[k].w[l]) > mx) mx = fabsf(r[k].w[l]);
        uint32_t fp = (uint32_t)(r[k].h >> 32) | 1, i = (uint32_t)r[k].h & (slots - 1);
        while (sl[i].fp) i = (i + 1) & (slots - 1);
        sl[i].fp = fp;
        sl[i].scale = mx / 127.0f;
        for (int l = 0; l < ETAG_NLABELS; l++) sl[i].w[l] = (int8_t)lrintf(r[k].w[l] / sl[i].scale);
    }
    free(r);
    unsigned char *p = img + HEADER_SIZE + (size_t)slots * sizeof(etag_slot);
    put_lex(p, &res->gaz, h.gaz_slots);
    p += lex_bytes(h.gaz_slots);
    put_lex(p, &res->clusters, h.clu_slots);
    h.checksum = np_hash64(img + HEADER_SIZE, h.payload_len, CHECK_SEED);
    memcpy(img, &h, sizeof h);
    m->owned = img;
    m->image_len = HEADER_SIZE + h.payload_len;
    attach(m, &h, img + HEADER_SIZE);
    return 0;
}

int etag_model_write(const etag_model *m, const char *path, char *err, size_t errlen)
{
    const header *h = m->owned;
    if (!h || !m->image_len) {
        snprintf(err, errlen, "no model built");
        return NP_EX_SOFTWARE;
    }
    int rc = np_atomic_write_file(path, h, HEADER_SIZE + h->payload_len);
    if (rc)
        snprintf(err, errlen, "%s: %s: %s", path,
                 rc == NP_EX_CANTCREAT ? "cannot create" : "write error", strerror(errno));
    return rc;
}
