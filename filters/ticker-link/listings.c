/* Loading newspipe-listings(5) files into a tl_table (see listings.h). The files are read
 * whole and split in place; parsing and indexing tens of thousands of rows takes a few tens
 * of milliseconds, so no binary cache is needed. */
#include "listings.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "exchanges.h"
#include "hash.h"
#include "utf8.h"

const char *const tl_col_names[TL_NCOLS] = {"issuer",  "symbol",  "mic",        "ric",
                                            "primary", "country", "valid_from", "valid_to",
                                            "prior",   "name",    "aliases",    "type"};

const char *const tl_sec_names[TL_NSEC] = {"common", "depositary", "preferred", "etf",
                                           "etn",    "fund",       "note",      "other"};

typedef struct {
    char *f[TL_NCOLS]; /* NUL-terminated fields ("" when the column is absent) */
    int32_t from, to;
    int prior;
    uint32_t issuer;
    uint8_t primary, type;
} row;

typedef struct {
    row *r;
    size_t n, cap;
    char **ids; /* issuer index -> id */
    uint32_t *id_slot;
    size_t id_mask, n_ids;
} loader;

static int fail(char *err, size_t errlen, const char *file, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int fail(char *err, size_t errlen, const char *file, size_t line, const char *fmt, ...)
{
    int k =
        line ? snprintf(err, errlen, "%s:%zu: ", file, line) : snprintf(err, errlen, "%s: ", file);
    if (k < 0) k = 0;
    if ((size_t)k < errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err + k, errlen - (size_t)k, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int tl_parse_day(const char *s, size_t n, int32_t *day)
{
    if (n != 10 || s[4] != '-' || s[7] != '-') return -1;
    int v[3] = {0, 0, 0}, idx[3][2] = {{0, 4}, {5, 7}, {8, 10}};
    for (int k = 0; k < 3; k++)
        for (int i = idx[k][0]; i < idx[k][1]; i++) {
            if (s[i] < '0' || s[i] > '9') return -1;
            v[k] = v[k] * 10 + (s[i] - '0');
        }
    int y = v[0], m = v[1], d = v[2];
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return -1;
    /* Days from civil (Howard Hinnant's algorithm). */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    *day = (int32_t)(era * 146097 + doe - 719468);
    return 0;
}

static uint64_t fnv(const char *s, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return np_mix64(h); /* FNV's low bits are weak; tables index by them */
}

/* Interns an issuer id; returns its index or -1 (out of memory). */
static long intern(loader *L, char *id)
{
    if (L->n_ids * 2 + 2 > L->id_mask + 1) {
        size_t cap = L->id_mask ? (L->id_mask + 1) * 2 : 1024;
        uint32_t *slot = malloc(cap * sizeof *slot);
        char **ids = realloc(L->ids, cap / 2 * sizeof *ids);
        if (!slot || !ids) {
            free(slot);
            if (ids) L->ids = ids;
            return -1;
        }
        L->ids = ids;
        memset(slot, 0xFF, cap * sizeof *slot);
        for (size_t i = 0; i < L->n_ids; i++) {
            size_t j = fnv(ids[i], strlen(ids[i]), 0xcbf29ce484222325ULL) & (cap - 1);
            while (slot[j] != UINT32_MAX) j = (j + 1) & (cap - 1);
            slot[j] = (uint32_t)i;
        }
        free(L->id_slot);
        L->id_slot = slot;
        L->id_mask = cap - 1;
    }
    size_t j = fnv(id, strlen(id), 0xcbf29ce484222325ULL) & L->id_mask;
    while (L->id_slot[j] != UINT32_MAX) {
        if (strcmp(L->ids[L->id_slot[j]], id) == 0) return L->id_slot[j];
        j = (j + 1) & L->id_mask;
    }
    L->id_slot[j] = (uint32_t)L->n_ids;
    L->ids[L->n_ids] = id;
    return (long)L->n_ids++;
}

static int add_buf(tl_table *t, char *buf, size_t len)
{
    size_t *l = realloc(t->buf_len, (t->n_bufs + 1) * sizeof *l);
    if (!l) return -1;
    t->buf_len = l;
    t->buf_len[t->n_bufs] = len;
    char **b = realloc(t->bufs, (t->n_bufs + 1) * sizeof *b);
    if (!b) return -1;
    t->bufs = b;
    t->bufs[t->n_bufs++] = buf;
    return 0;
}

static int valid_symbol(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 32) return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= ' ' || s[i] == '|') return 0;
    return 1;
}

static int valid_mic(const char *s)
{
    if (strlen(s) != 4) return 0;
    for (int i = 0; i < 4; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9'))) return 0;
    return 1;
}

/* Parses one file's text (buf, NUL-terminated, owned by the table) into L. */
static int parse(tl_table *t, loader *L, const char *file, char *buf, size_t len, char *err,
                 size_t errlen)
{
    int col[TL_NCOLS];
    int ncols = 0, have_header = 0;
    for (int c = 0; c < TL_NCOLS; c++) col[c] = -1;
    size_t line = 0;
    char *p = buf, *end = buf + len;
    char *fields[64];
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *eol = nl ? nl : end;
        line++;
        char *next = nl ? nl + 1 : end;
        if (eol > p && eol[-1] == '\r') eol--;
        *eol = '\0';
        if (*p == '#' || p == eol) {
            p = next;
            continue;
        }
        if (memchr(p, '\0', (size_t)(eol - p)))
            return fail(err, errlen, file, line, "NUL byte in line");
        /* Names reach the output as JSON strings, which must be UTF-8. */
        size_t bad = np_utf8_validate(p, (size_t)(eol - p));
        if (bad < (size_t)(eol - p))
            return fail(err, errlen, file, line, "invalid UTF-8 at byte %zu of the line", bad + 1);
        int nf = 0;
        char *q = p;
        for (;;) {
            if (nf == 64) return fail(err, errlen, file, line, "more than 64 fields");
            fields[nf++] = q;
            char *tab = strchr(q, '\t');
            if (!tab) break;
            *tab = '\0';
            q = tab + 1;
        }
        if (!have_header) {
            for (int i = 0; i < nf; i++) {
                for (int c = 0; c < TL_NCOLS; c++)
                    if (strcmp(fields[i], tl_col_names[c]) == 0) {
                        if (col[c] >= 0)
                            return fail(err, errlen, file, line, "column '%s' given twice",
                                        tl_col_names[c]);
                        col[c] = i;
                    }
            }
            if (col[TL_COL_SYMBOL] < 0 || col[TL_COL_MIC] < 0 || col[TL_COL_NAME] < 0)
                return fail(err, errlen, file, line,
                            "header line must name the columns symbol, mic and name "
                            "(tab-separated); see newspipe-listings(5)");
            ncols = nf;
            have_header = 1;
            p = next;
            continue;
        }
        if (nf != ncols)
            return fail(err, errlen, file, line, "expected %d tab-separated fields, found %d",
                        ncols, nf);
        if (L->n == L->cap) {
            size_t cap = L->cap ? L->cap * 2 : 4096;
            row *r = realloc(L->r, cap * sizeof *r);
            if (!r) return fail(err, errlen, file, 0, "out of memory");
            L->r = r;
            L->cap = cap;
        }
        row *r = &L->r[L->n];
        static char empty[1]; /* "" for absent columns (the cache writes pointers outside the files
                                 as "") */
        for (int c = 0; c < TL_NCOLS; c++) r->f[c] = col[c] >= 0 ? fields[col[c]] : empty;
        if (!valid_symbol(r->f[TL_COL_SYMBOL]))
            return fail(err, errlen, file, line, "bad symbol '%s'", r->f[TL_COL_SYMBOL]);
        if (!valid_mic(r->f[TL_COL_MIC]))
            return fail(err, errlen, file, line, "bad MIC '%s' (want 4 letters or digits)",
                        r->f[TL_COL_MIC]);
        if (!r->f[TL_COL_NAME][0]) return fail(err, errlen, file, line, "empty name");
        const char *pr = r->f[TL_COL_PRIMARY];
        if (!(pr[0] == '\0' || ((pr[0] == '0' || pr[0] == '1') && pr[1] == '\0')))
            return fail(err, errlen, file, line, "primary must be 0, 1 or empty, not '%s'", pr);
        r->primary = pr[0] == '1';
        const char *cc = r->f[TL_COL_COUNTRY];
        if (cc[0] &&
            !(strlen(cc) == 2 && cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' && cc[1] <= 'Z'))
            return fail(err, errlen, file, line, "bad country '%s' (want ISO 3166 alpha-2)", cc);
        r->type = TL_SEC_COMMON;
        if (r->f[TL_COL_TYPE][0]) {
            int k = 0;
            while (k < TL_NSEC && strcmp(r->f[TL_COL_TYPE], tl_sec_names[k])) k++;
            if (k == TL_NSEC)
                return fail(err, errlen, file, line,
                            "bad type '%s' (want common, depositary, preferred, etf, etn, fund, "
                            "note or other)",
                            r->f[TL_COL_TYPE]);
            r->type = (uint8_t)k;
        }
        r->from = TL_DAY_MIN;
        r->to = TL_DAY_MAX;
        if (r->f[TL_COL_FROM][0] &&
            tl_parse_day(r->f[TL_COL_FROM], strlen(r->f[TL_COL_FROM]), &r->from))
            return fail(err, errlen, file, line, "bad valid_from '%s' (want YYYY-MM-DD)",
                        r->f[TL_COL_FROM]);
        if (r->f[TL_COL_TO][0] && tl_parse_day(r->f[TL_COL_TO], strlen(r->f[TL_COL_TO]), &r->to))
            return fail(err, errlen, file, line, "bad valid_to '%s' (want YYYY-MM-DD)",
                        r->f[TL_COL_TO]);
        if (r->from > r->to) return fail(err, errlen, file, line, "valid_from after valid_to");
        r->prior = 50;
        if (r->f[TL_COL_PRIOR][0]) {
            char *e;
            long v = strtol(r->f[TL_COL_PRIOR], &e, 10);
            if (*e || v < 0 || v > 100)
                return fail(err, errlen, file, line, "prior must be 0..100, not '%s'",
                            r->f[TL_COL_PRIOR]);
            r->prior = (int)v;
        }
        char *id = r->f[TL_COL_ISSUER];
        if (col[TL_COL_ISSUER] >= 0 && !id[0]) return fail(err, errlen, file, line, "empty issuer");
        if (!id[0]) {
            size_t n = strlen(r->f[TL_COL_MIC]) + strlen(r->f[TL_COL_SYMBOL]) + 2;
            id = malloc(n);
            if (!id || add_buf(t, id, n)) {
                free(id);
                return fail(err, errlen, file, 0, "out of memory");
            }
            snprintf(id, n, "%s:%s", r->f[TL_COL_MIC], r->f[TL_COL_SYMBOL]);
            r->f[TL_COL_ISSUER] = id;
        }
        long ix = intern(L, id);
        if (ix < 0) return fail(err, errlen, file, 0, "out of memory");
        r->issuer = (uint32_t)ix;
        L->n++;
        p = next;
    }
    return 0;
}

static int add_index(tl_table *t, uint64_t h, uint32_t listing)
{
    size_t i = (size_t)h & t->sym_mask;
    while (t->sym[i].listing != UINT32_MAX) i = (i + 1) & t->sym_mask;
    t->sym[i].h = h;
    t->sym[i].listing = listing;
    return 0;
}

static const char *canonical_mic(const char *mic, size_t n)
{
    const tl_exchange *x = tl_exchange_by_mic(mic, n);
    return x ? x->canonical : NULL;
}

static uint64_t sym_hash(const char *mic, size_t micn, const char *sym, size_t n)
{
    const char *c = canonical_mic(mic, micn);
    uint64_t h = c ? fnv(c, 4, 0xcbf29ce484222325ULL) : fnv(mic, micn, 0xcbf29ce484222325ULL);
    return fnv(sym, n, h ^ ':');
}

static uint64_t ric_hash(const char *ric, size_t n)
{
    return fnv(ric, n, 0x84222325cbf29ce4ULL);
}

/* Whether the name s[0..n) goes on with a word after byte end (a legal form the key
 * dropped), not with a possessive ("Moody's Corp": the text writes "Moody's" too). */
static int written_beyond(const char *s, size_t n, size_t end)
{
    if (end < n && (s[end] == '\'' || (end + 2 < n && !memcmp(s + end, "\xE2\x80\x99", 3))))
        return 0; /* ' or U+2019 */
    for (size_t i = end; i < n; i++)
        if ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') return 1;
    return 0;
}

/* Adds the keys of one name for issuer ix. Markers at the start of an alias: "+" strong as
 * written (no derived weakness), "~" weak (linked only with support), "=" exact letter case
 * (implies "+" unless a weak mark is given too: "~=" is weak and exact), "*" weak but supported by
 * context cues ("Apple said"), "^" a weak short form that is also a place's name, a common word or
 * a person's ("^Santander": not supported by its own repetition, as a town is named twice, nor by a
 * business word after it), "!" never link this name to this issuer, "@" the news service this
 * issuer publishes (not a name to match). Unmarked aliases are treated like names. */
static int add_alias(tl_table *t, tl_matcher_builder *mb, tl_toks *toks, uint32_t ix, const char *s,
                     uint64_t name_key)
{
    tl_alias a = {0};
    int blocked = 0;
    uint8_t force = 0, weak = 0, place = 0; /* weak: 1 "~", 3 "*" (context cues may support it) */
    a.issuer = ix;
    for (;; s++) {
        if (*s == '~')
            weak = 1;
        else if (*s == '^')
            weak = place = 1;
        else if (*s == '*')
            weak = 3;
        else if (*s == '+')
            force = 1;
        else if (*s == '=')
            a.flags |= TL_KEY_EXACT;
        else if (*s == '!')
            blocked = 1;
        else if (*s == '@') {
            t->iss[ix].publisher = s + 1;
            return 0;
        } else
            break;
    }
    if ((a.flags & TL_KEY_EXACT) && !weak) force = 1;
    size_t n = strlen(s);
    if (!n) return 0;
    a.raw = s;
    a.raw_len = (uint32_t)n;
    tl_name_key k[2];
    int nk = tl_name_keys(s, n, toks, k);
    if (nk < 0) return -1;
    for (int i = 0; i < nk; i++) {
        tl_alias ai = a;
        /* A one-word name of a large company ("Tesla", "Netflix") is reliable enough on its
         * own, and so is the whole name of any listed company when it is one word that is no
         * common word, place or first name ("Herbalife", "Capgemini", "GrainCorp": those are
         * marked "~" by the importer). Not a word left by dropping "Group" or "Holdings" from
         * a smaller company's name ("Just Group", "City Holding"). */
        if (k[i].nwords == 1 && k[i].len >= 4 &&
            (t->iss[ix].prior >= TL_PRIOR_STRONG_NAME ||
             (!(k[i].flags & TL_KEY_SHORT) && t->iss[ix].prior >= TL_PRIOR_LISTED_NAME)))
            k[i].flags &= (uint8_t)~TL_KEY_WEAK;
        /* A marker decides the full form; the derived short form keeps its own weakness. */
        if (!(k[i].flags & TL_KEY_SHORT)) {
            if (force) {
                k[i].flags &= (uint8_t)~TL_KEY_WEAK;
                ai.curated = 2;
                ai.with_form = k[i].nwords == 1 && written_beyond(s, n, k[i].raw1[0]);
            } else if (weak) {
                k[i].flags |= TL_KEY_WEAK;
                ai.curated = weak;
                if (weak == 1 && k[i].nwords == 1 && name_key && k[i].key != name_key)
                    k[i].flags |= (uint8_t)(TL_KEY_FORM | (place ? TL_KEY_PLACE : 0));
            }
        }
        if (tl_matcher_add(mb, &k[i], &ai, blocked)) return -1;
    }
    return 0;
}

static int build(tl_table *t, loader *L, char *err, size_t errlen)
{
    t->n_iss = L->n_ids;
    t->n_lst = L->n;
    t->iss = calloc(t->n_iss ? t->n_iss : 1, sizeof *t->iss);
    t->lst = calloc(t->n_lst ? t->n_lst : 1, sizeof *t->lst);
    if (!t->iss || !t->lst) return fail(err, errlen, "listings", 0, "out of memory");
    for (size_t i = 0; i < L->n; i++) t->iss[L->r[i].issuer].count++;
    uint32_t pos = 0;
    for (size_t i = 0; i < t->n_iss; i++) {
        t->iss[i].first = pos;
        pos += t->iss[i].count;
        t->iss[i].count = 0;
        t->iss[i].id = L->ids[i];
        t->iss[i].prior = 0;
    }
    for (size_t i = 0; i < L->n; i++) {
        row *r = &L->r[i];
        tl_issuer *is = &t->iss[r->issuer];
        tl_listing *l = &t->lst[is->first + is->count++];
        l->symbol = r->f[TL_COL_SYMBOL];
        l->mic = r->f[TL_COL_MIC];
        l->ric = r->f[TL_COL_RIC];
        l->country = r->f[TL_COL_COUNTRY];
        l->from = r->from;
        l->to = r->to;
        l->issuer = r->issuer;
        l->primary = r->primary;
        l->type = r->type;
        if (!is->name) is->name = r->f[TL_COL_NAME];
        if (r->prior > is->prior) is->prior = r->prior;
    }
    size_t cap = 64;
    while (cap < 2 * (2 * t->n_lst + 8)) cap *= 2;
    t->sym = malloc(cap * sizeof *t->sym);
    if (!t->sym) return fail(err, errlen, "listings", 0, "out of memory");
    memset(t->sym, 0xFF, cap * sizeof *t->sym);
    t->sym_mask = cap - 1;
    for (uint32_t i = 0; i < t->n_lst; i++) {
        const tl_listing *l = &t->lst[i];
        add_index(t, sym_hash(l->mic, strlen(l->mic), l->symbol, strlen(l->symbol)), i);
        if (l->ric[0]) add_index(t, ric_hash(l->ric, strlen(l->ric)), i);
    }
    tl_matcher_builder mb = {0};
    tl_toks toks = {0};
    if (tl_matcher_reserve(&mb, L->n * 2 + 64, L->n * 3 + 64))
        return fail(err, errlen, "listings", 0, "out of memory");
    for (size_t i = 0; i < L->n; i++) {
        row *r = &L->r[i];
        if (add_alias(t, &mb, &toks, r->issuer, r->f[TL_COL_NAME], 0)) goto oom;
        char *a = r->f[TL_COL_ALIASES];
        uint64_t name_key = 0;
        if (*a) {
            tl_name_key nk[2];
            int n = tl_name_keys(r->f[TL_COL_NAME], strlen(r->f[TL_COL_NAME]), &toks, nk);
            if (n < 0) goto oom;
            if (n > 0) name_key = nk[0].key;
        }
        while (*a) {
            char *bar = strchr(a, '|');
            if (bar) *bar = '\0';
            if (add_alias(t, &mb, &toks, r->issuer, a, name_key)) goto oom;
            if (!bar) break;
            a = bar + 1;
        }
    }
    tl_toks_free(&toks);
    if (tl_matcher_build(&mb, &t->names)) return fail(err, errlen, "listings", 0, "out of memory");
    return 0;
oom:
    tl_toks_free(&toks);
    tl_matcher_builder_free(&mb);
    return fail(err, errlen, "listings", 0, "out of memory");
}

static void loader_free(loader *L)
{
    free(L->r);
    free(L->ids);
    free(L->id_slot);
}

int tl_read_file(const char *path, char **out, size_t *len, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(err, errlen, path, 0, "%s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        close(fd);
        return fail(err, errlen, path, 0, "not a regular file");
    }
    size_t n = (size_t)st.st_size;
    char *buf = malloc(n + 1);
    if (!buf) {
        close(fd);
        return fail(err, errlen, path, 0, "out of memory");
    }
    size_t got = 0;
    while (got < n) {
        ssize_t k = read(fd, buf + got, n - got);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            int e = k < 0 ? errno : EIO;
            free(buf);
            close(fd);
            return fail(err, errlen, path, 0, "%s", strerror(e));
        }
        got += (size_t)k;
    }
    close(fd);
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

static int load(tl_table *t, const char *const *names, char **texts, const size_t *lens, size_t n,
                char *err, size_t errlen)
{
    loader L = {0};
    int rc = 0;
    size_t lines = 0;
    for (size_t i = 0; i < n; i++)
        for (const char *p = texts[i]; (p = memchr(p, '\n', lens[i] - (size_t)(p - texts[i]))); p++)
            lines++;
    L.r = malloc((lines + 1) * sizeof *L.r);
    if (!L.r) return fail(err, errlen, "listings", 0, "out of memory");
    L.cap = lines + 1;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = parse(t, &L, names[i], texts[i], lens[i], err, errlen);
    if (rc == 0) rc = build(t, &L, err, errlen);
    loader_free(&L);
    return rc; /* on error the caller frees t */
}

int tl_table_load_owned(tl_table *t, const char *const *names, char **texts, const size_t *lens,
                        size_t n, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    size_t owned = 0; /* texts handed to the table, which frees them */
    int rc = 0;
    for (; owned < n && rc == 0; owned++)
        if (add_buf(t, texts[owned], lens[owned] + 1))
            rc = fail(err, errlen, names[owned], 0, "out of memory");
    for (size_t i = owned; i < n; i++) free(texts[i]);
    if (rc == 0) rc = load(t, names, texts, lens, n, err, errlen);
    if (rc) tl_table_free(t);
    return rc;
}

int tl_table_load(tl_table *t, const char *const *paths, size_t n, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    char **texts = calloc(n ? n : 1, sizeof *texts);
    size_t *lens = calloc(n ? n : 1, sizeof *lens);
    if (!texts || !lens) {
        free(texts);
        free(lens);
        return fail(err, errlen, "listings", 0, "out of memory");
    }
    int rc = 0;
    size_t got = 0;
    for (; got < n && rc == 0; got++)
        rc = tl_read_file(paths[got], &texts[got], &lens[got], err, errlen);
    if (rc == 0)
        rc = tl_table_load_owned(t, paths, texts, lens, n, err, errlen);
    else
        for (size_t i = 0; i < got; i++) free(texts[i]);
    free(texts);
    free(lens);
    return rc;
}

int tl_table_load_text(tl_table *t, const char *name, const char *text, size_t len, char *err,
                       size_t errlen)
{
    memset(t, 0, sizeof *t);
    char *buf = malloc(len + 1);
    if (!buf) return fail(err, errlen, name, 0, "out of memory");
    memcpy(buf, text, len);
    buf[len] = '\0';
    if (add_buf(t, buf, len + 1)) {
        free(buf);
        return fail(err, errlen, name, 0, "out of memory");
    }
    int rc = load(t, &name, &buf, &len, 1, err, errlen);
    if (rc) tl_table_free(t);
    return rc;
}

void tl_table_free(tl_table *t)
{
    if (t->map) {
        /* Indexes read from the cache live in the mapping. */
        t->names.slot = NULL;
        t->names.first_bits = NULL;
        t->sym = NULL;
        munmap(t->map, t->map_len);
    }
    free(t->iss);
    free(t->lst);
    free(t->sym);
    tl_matcher_free(&t->names);
    for (size_t i = 0; i < t->n_bufs; i++) free(t->bufs[i]);
    free(t->bufs);
    free(t->buf_len);
    memset(t, 0, sizeof *t);
}

static int each(const tl_table *t, uint64_t h, int by_ric, const char *mic, const char *s, size_t n,
                int (*fn)(void *, uint32_t), void *arg)
{
    if (!t->sym) return 0;
    const char *cmic = mic ? canonical_mic(mic, strlen(mic)) : NULL;
    size_t i = (size_t)h & t->sym_mask;
    while (t->sym[i].listing != UINT32_MAX) {
        if (t->sym[i].h == h) {
            const tl_listing *l = &t->lst[t->sym[i].listing];
            const char *v = by_ric ? l->ric : l->symbol;
            int same = strlen(v) == n && memcmp(v, s, n) == 0;
            if (same && !by_ric) {
                const char *lc = canonical_mic(l->mic, strlen(l->mic));
                same = cmic && lc ? strcmp(cmic, lc) == 0 : strcmp(mic, l->mic) == 0;
            }
            if (same) {
                int rc = fn(arg, t->sym[i].listing);
                if (rc) return rc;
            }
        }
        i = (i + 1) & t->sym_mask;
    }
    return 0;
}

int tl_table_each_symbol(const tl_table *t, const char *mic, const char *sym, size_t n,
                         int (*fn)(void *arg, uint32_t listing), void *arg)
{
    return each(t, sym_hash(mic, strlen(mic), sym, n), 0, mic, sym, n, fn, arg);
}

int tl_table_each_ric(const tl_table *t, const char *ric, size_t n,
                      int (*fn)(void *arg, uint32_t listing), void *arg)
{
    return each(t, ric_hash(ric, n), 1, NULL, ric, n, fn, arg);
}
