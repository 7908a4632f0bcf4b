/* `newspipe-ticker-link learn` (see learn.h). News copy writes a company's name right before
 * its code ("H.J. Heinz Co (HNZ.N)", "Acme Brands (NYSE: ACMB)"): each such pair is an
 * observation. Pairs seen often enough, and that the name's other observations agree with,
 * become rows of a curated file: an alias of the listing's issuer, a RIC for a listing whose
 * RIC root is not its symbol, or a listing the table lacks (a company since delisted), valid
 * over the dates it was seen (its one-word name then needs support, as a prior below 35
 * says). Build-time code: clarity over speed. */
#include "learn.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomicfile.h"
#include "buf.h"
#include "cli.h"
#include "exitcode.h"
#include "json.h"
#include "jsonlines.h"
#include "../listings.h"
#include "../lookup.h"
#include "../names.h"
#include "../patterns.h"
#include "../words.h"

typedef struct {
    uint64_t key;     /* the name's lookup key */
    char name[96];    /* as written (the first spelling seen) */
    char code[32];    /* "HNZ.N" or "XNYS:HNZ" */
    char grp[32];     /* what the pair names: the resolved listing ("#123"), else the code */
    char mic[5];      /* the code's exchange */
    char sym[24];     /* RIC root or symbol */
    uint32_t li;      /* the listing the code resolves to on its date, or TL_NONE */
    uint32_t by_name; /* else the listing of the name's issuer on that exchange, or TL_NONE */
    uint8_t nwords;   /* the key's words: "Siena SpA" is one */
    int32_t day;
} obs;

typedef struct {
    obs *o;
    size_t n, cap;
} obs_list;

static void usage(FILE *fp)
{
    fprintf(fp,
            "Usage: newspipe-ticker-link learn --listings FILE [OPTION]... [FILE]...\n"
            "Learn name -> listing pairs from NDJSON articles whose text carries explicit codes\n"
            "(\"Acme Brands (ACMB.N)\", \"(NYSE: ACMB)\") and write them as curated rows\n"
            "(newspipe-listings(5)) for import --aliases. Reads the FILEs, or standard input.\n\n"
            "  --listings FILE     the table that resolves the codes (required)\n"
            "  --min-count N       keep a pair seen at least N times (default 2)\n"
            "  --min-share F       ... and in at least this share of the name's pairs\n"
            "                      (default 0.75)\n"
            "  --exclude FILE      codes never to learn from, one a line (RICs such as\n"
            "                      HNZ.N, or MIC:SYMBOL): a sealed test part\n"
            "  --fields LIST       text fields (default title,body)\n"
            "  --date-field LIST   date fields (default published,date)\n"
            "  -o, --output FILE   write here, atomically (default standard output)\n"
            "  -h, --help          show this help\n");
}

/* Leading words that open a phrase but are no part of the name ("Shares of Acme"). */
static const char *const openers[] = {
    "Shares", "Stock", "Units", "Rival", "Rivals", "Analysts", "Investors", "Both",  "Sources",
    "Parent", "Unit",  "Owner", "Peer",  "Peers",  "Like",     "Unlike",    "While", "But",
    "And",    "As",    "In",    "At",    "On",     "For",      "By",        "With",  "From",
    "The",    "A",     "An",    "Of",    "To",     "U.S."};

static int is_opener(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof openers / sizeof *openers; i++)
        if (strlen(openers[i]) == n && !memcmp(openers[i], w, n)) return 1;
    return 0;
}

/* The words that join a name's parts, "&" too: English, and the Romance and Germanic ones
 * of registered names ("Banca Monte dei Paschi di Siena": with "of" and "de" alone, the
 * name before the code was "Siena SpA"). Not "for", "at" or "in", which the linker's names
 * allow: before a code they join a phrase to the name ("Lawyers for BP Plc"). */
static int connector(const char *w, size_t n)
{
    static const char *const words[] = {"of",    "de",    "and", "the", "du", "des", "der",
                                        "van",   "von",   "del", "di",  "da", "dei", "della",
                                        "delle", "degli", "la",  "le",  "&"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && !memcmp(words[i], w, n)) return 1;
    return 0;
}

/* The name written right before s[open] ("Acme Brands Inc" of "... Acme Brands Inc
 * (ACMB.N)"): capitalized words and inner connectors, back to a punctuation mark, a
 * lower-case word or six words; leading openers dropped. Copies it into out; its length. */
static size_t name_before(const tl_table *T, const char *s, size_t open, char *out, size_t cap)
{
    size_t e = open;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t')) e--;
    size_t start = e, words = 0, w_end = e;
    while (w_end > 0 && words < 6) {
        size_t w0 = w_end;
        while (w0 > 0 && s[w0 - 1] != ' ' && s[w0 - 1] != '\t' && s[w0 - 1] != '\n' &&
               s[w0 - 1] != '(' && s[w0 - 1] != '"')
            w0--;
        if (w0 == w_end) break;
        char last = s[w_end - 1];
        int upper = (s[w0] >= 'A' && s[w0] <= 'Z') || (s[w0] >= '0' && s[w0] <= '9') ||
                    (unsigned char)s[w0] >= 0x80;
        int conn = connector(s + w0, w_end - w0);
        /* A word ending the phrase before it ("said," "Monday.") stops the name; a
         * full stop of an abbreviation inside it ("Co.", "Inc.", "H.J.") does not. */
        if (w_end < e && (last == ',' || last == ';' || last == ':')) break;
        if (w_end < e && last == '.' && w_end - w0 > 4) break;
        if (!upper && !conn) break;
        start = w0;
        words++;
        if (w0 == 0 || s[w0 - 1] != ' ') break;
        w_end = w0 - 1;
    }
    /* Drop leading openers and connectors ("Shares of", "The"). */
    for (;;) {
        size_t w = start;
        while (w < e && s[w] != ' ') w++;
        if (w >= e) break;
        if (!is_opener(s + start, w - start) && !connector(s + start, w - start)) break;
        start = w + 1;
    }
    while (e > start && (s[e - 1] == ',' || s[e - 1] == '\'' || s[e - 1] == ')')) e--;
    /* A trailing possessive ("Microsoft's (MSFT.O)") is the name's; a possessive or an
     * "X-based" before the last word opens it ("Germany's Volkswagen AG", "Warren
     * Buffett's Berkshire Hathaway", "Israel-based Teva"). */
    if (e - start > 2 && s[e - 1] == 's' && s[e - 2] == '\'') e -= 2;
    if (e - start > 4 && s[e - 1] == 's' && !memcmp(s + e - 4, "\xe2\x80\x99", 3)) e -= 4;
    for (size_t i = start, w0 = start; i + 1 < e; i++) {
        if (s[i] != ' ') continue;
        size_t q = i; /* the word s[w0..q), its possessive cut off */
        if (q - w0 > 2 && s[q - 1] == 's' && s[q - 2] == '\'')
            q -= 2;
        else if (q - w0 > 4 && s[q - 1] == 's' && !memcmp(s + q - 4, "\xe2\x80\x99", 3))
            q -= 4;
        char fold[64];
        size_t fl =
            q < i && q - w0 < sizeof fold ? tl_fold_word(s + w0, q - w0, fold, sizeof fold) : 0;
        /* A country's or a common word's possessive ("Germany's", "Rival's"), an adjective
         * with a hyphen ("Israel-based", "State-backed", "Anglo-Dutch"), or "and" between
         * two names opens the name; "Men's Wearhouse" and "Lowe's Cos" keep theirs. */
        uint64_t h = fl ? tl_word_hash(fold, fl) : 0;
        const tl_slot *known = fl ? tl_matcher_find(&T->names, tl_key_step(TL_KEY_SEED, h)) : NULL;
        int poss =
            fl && (tl_word_in(TL_W_COUNTRY, h) || tl_is_common_word(h) || (known && known->count));
        const char *dash = memchr(s + w0, '-', i - w0);
        int hyphen =
            dash && dash + 1 < s + i && ((dash[1] >= 'a' && dash[1] <= 'z') || dash[1] == 'D');
        int and = i - w0 == 3 && !memcmp(s + w0, "and", 3);
        if (poss || hyphen || and) start = i + 1;
        w0 = i + 1;
    }
    while (start < e && s[start] == '(') start++;
    size_t n = e > start ? e - start : 0;
    if (n >= cap) n = 0;
    memcpy(out, s + start, n);
    out[n] = '\0';
    return n;
}

static int add_obs(obs_list *L, const obs *o)
{
    if (L->n == L->cap) {
        size_t cap = L->cap ? L->cap * 2 : 1024;
        obs *p = realloc(L->o, cap * sizeof *p);
        if (!p) return -1;
        L->o = p;
        L->cap = cap;
    }
    L->o[L->n++] = *o;
    return 0;
}

static int cmp_obs(const void *a, const void *b)
{
    const obs *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    int c = strcmp(x->grp, y->grp);
    if (c) return c;
    return (x->day > y->day) - (x->day < y->day);
}

typedef struct {
    char **codes;
    size_t n;
} exclude_set;

static int excluded(const exclude_set *x, const char *code)
{
    for (size_t i = 0; i < x->n; i++)
        if (!strcmp(x->codes[i], code)) return 1;
    return 0;
}

/* The observations of one text. */
static int learn_text(const tl_table *T, const exclude_set *x, const char *s, size_t n, int32_t day,
                      tl_patterns *pats, tl_toks *toks, obs_list *out)
{
    if (tl_find_patterns(s, n, pats)) return -1;
    uint32_t last_open = UINT32_MAX;
    for (size_t k = 0; k < pats->n; k++) {
        const tl_pattern *p = &pats->p[k];
        if (p->unlisted || p->loose || !p->exch ||
            (p->kind != TL_PAT_RIC && p->kind != TL_PAT_EXCHANGE))
            continue;
        if (p->open == last_open) continue; /* the name is the first code's of a group */
        last_open = p->open;
        obs o;
        memset(&o, 0, sizeof o);
        if (!name_before(T, s, p->open, o.name, sizeof o.name)) continue;
        tl_name_key key[2];
        int nk = tl_name_keys(o.name, strlen(o.name), toks, key);
        if (nk <= 0) continue;
        /* One common word ("Target", "Union") is never learnt: news would link it
         * everywhere. */
        if (key[0].nwords == 1 &&
            (tl_is_common_word(key[0].words[0]) || tl_is_legal_word(key[0].words[0])))
            continue;
        o.key = key[0].key;
        o.nwords = key[0].nwords;
        if (p->kind == TL_PAT_RIC)
            snprintf(o.code, sizeof o.code, "%.*s", (int)p->ric_len, p->ric);
        else
            snprintf(o.code, sizeof o.code, "%s:%.*s", p->exch->mic, (int)p->sym_len, p->sym);
        if (excluded(x, o.code)) continue;
        snprintf(o.mic, sizeof o.mic, "%s", p->exch->canonical);
        snprintf(o.sym, sizeof o.sym, "%.*s", (int)p->sym_len, p->sym);
        o.day = day;
        o.li = p->kind == TL_PAT_RIC ? tl_find_ric(T, p->ric, p->ric_len, day) : TL_NONE;
        if (o.li == TL_NONE) o.li = tl_find_root(T, p->exch->mic, p->sym, p->sym_len, day, TL_NONE);
        o.by_name = TL_NONE;
        if (o.li == TL_NONE) {
            const tl_slot *sl = tl_matcher_find(&T->names, o.key);
            uint32_t is;
            if (sl && sl->count)
                o.by_name =
                    tl_listing_of_name(T, sl->first, sl->count, p->exch->canonical, day, &is);
        }
        /* "ACMB.N" and "(NYSE: ACMB)" name one listing: one pair. */
        if (o.li != TL_NONE)
            snprintf(o.grp, sizeof o.grp, "#%u", o.li);
        else
            snprintf(o.grp, sizeof o.grp, "%s", o.code);
        if (add_obs(out, &o)) return -1;
    }
    return 0;
}

/* Whether issuer is already has a name with this key. */
static int known_name(const tl_table *T, uint32_t is, uint64_t key)
{
    const tl_slot *sl = tl_matcher_find(&T->names, key);
    for (uint32_t k = sl ? sl->first : 0; sl && k < sl->first + sl->count; k++)
        if (T->names.alias[k].issuer == is) return 1;
    return 0;
}

static void put_day(np_buf *o, int32_t day)
{
    long z = (long)day + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153, dd = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    char b[32];
    snprintf(b, sizeof b, "%04ld-%02ld-%02ld", (y + (m <= 2)) % 10000, m % 100, dd % 100);
    np_buf_puts(o, b);
}

/* Writes the kept pairs. Returns the number of rows. */
static long write_rows(const tl_table *T, obs_list *L, long min_count, double min_share, np_buf *o)
{
    if (L->n) qsort(L->o, L->n, sizeof *L->o, cmp_obs);
    long rows = 0;
    for (size_t a = 0; a < L->n;) {
        size_t b = a;
        while (b < L->n && L->o[b].key == L->o[a].key) b++;
        size_t total = b - a;
        for (size_t g = a; g < b;) {
            size_t h = g;
            while (h < b && !strcmp(L->o[h].grp, L->o[g].grp)) h++;
            const obs *f = &L->o[g], *last = &L->o[h - 1];
            long count = (long)(h - g);
            /* The listing the pair resolves to: the latest observation's. */
            uint32_t li = last->li, by_name = last->by_name;
            int keep = count >= min_count && (double)count >= min_share * (double)total;
            np_buf_puts(o, keep ? "# " : "#- ");
            np_buf_puts(o, f->name);
            np_buf_puts(o, " -> ");
            np_buf_puts(o, f->code);
            char buf[160];
            snprintf(buf, sizeof buf, ": %ld of %zu, ", count, total);
            np_buf_puts(o, buf);
            put_day(o, f->day);
            np_buf_puts(o, "..");
            put_day(o, last->day);
            np_buf_putc(o, '\n');
            g = h;
            if (!keep) continue;
            if (li != TL_NONE) {
                const tl_listing *l = &T->lst[li];
                if (known_name(T, l->issuer, f->key)) continue; /* nothing new */
                snprintf(buf, sizeof buf, "@%s:%s", l->mic, l->symbol);
                np_buf_puts(o, buf);
                np_buf_puts(o, "\t\t\t\t\t\t\t\t\t\t");
                /* One word ("Asda", "Babcock", "Siena SpA" without its legal form) needs
                 * support in text, as the importer's one-word names do. */
                if (f->nwords == 1) np_buf_putc(o, '~');
                np_buf_puts(o, f->name);
                np_buf_puts(o, "\n");
            } else if (by_name != TL_NONE && strchr(f->code, '.')) {
                /* A RIC whose root is not the symbol: the listing of the name's issuer on
                 * that exchange carries it. */
                const tl_listing *l = &T->lst[by_name];
                snprintf(buf, sizeof buf, "@%s:%s\t%s\t%s\t", l->mic, l->symbol, l->symbol, l->mic);
                np_buf_puts(o, buf);
                np_buf_puts(o, f->code);
                np_buf_puts(o, "\t\t\t\t\t\t\t\n");
            } else if (strchr(f->code, '.') && !strpbrk(f->sym, "abcdefghijklmnopqrstuvwxyz_")) {
                /* A listing the table lacks: valid over the dates it was seen. */
                snprintf(buf, sizeof buf, "learned:%s\t%s\t%s\t%s\t0\t\t", f->code, f->sym, f->mic,
                         f->code);
                np_buf_puts(o, buf);
                put_day(o, f->day);
                np_buf_putc(o, '\t');
                put_day(o, last->day);
                np_buf_puts(o, "\t34\t");
                np_buf_puts(o, f->name);
                np_buf_puts(o, "\t\n");
            } else {
                continue;
            }
            rows++;
        }
        a = b;
    }
    return rows;
}

static int read_exclude(const char *path, exclude_set *x)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        np_error("%s: %s", path, strerror(errno));
        return -1;
    }
    char line[256];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n\t ")] = '\0';
        if (!line[0] || line[0] == '#') continue;
        char **p = realloc(x->codes, (x->n + 1) * sizeof *p);
        if (!p || !(p[x->n] = strdup(line))) {
            if (p) x->codes = p;
            fclose(f);
            np_error("%s: out of memory", path);
            return -1;
        }
        x->codes = p;
        x->n++;
    }
    fclose(f);
    return 0;
}

/* What one learning run reads records with, and its scratch space. */
typedef struct {
    const tl_table *T;
    const exclude_set *x;
    const char *const *fields, *const *dates;
    int nfields, ndates;
    obs_list *out;
    np_buf text;
    tl_patterns pats;
    tl_toks toks;
} learner;

/* One record: its date, then the pairs of each text field. -1 when out of memory. */
static int learn_record(void *ctx, const np_json_object *obj, unsigned long line)
{
    (void)line;
    learner *l = ctx;
    int32_t day = INT32_MIN;
    for (int d = 0; d < l->ndates && day == INT32_MIN; d++) {
        const np_json_member *m = np_json_object_get(obj, l->dates[d]);
        np_buf_clear(&l->text);
        int64_t secs;
        if (m && m->type == NP_JSON_STRING &&
            np_json_decode_string(m->val, m->val_len, &l->text) == 0 &&
            np_parse_time(l->text.data, l->text.len, &secs) == 0)
            day = (int32_t)(secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400));
    }
    for (int f = 0; f < l->nfields; f++) {
        const np_json_member *m = np_json_object_get(obj, l->fields[f]);
        if (!m || m->type != NP_JSON_STRING) continue;
        np_buf_clear(&l->text);
        if (np_json_decode_string(m->val, m->val_len, &l->text) ||
            learn_text(l->T, l->x, l->text.data ? l->text.data : "", l->text.len, day, &l->pats,
                       &l->toks, l->out))
            return -1;
    }
    return 0;
}

/* One NDJSON file ("-": standard input; gzip is read as the filters read it). Bad lines are
 * reported (file and line, the first ten of the run) and skipped: a learning run over a large
 * archive should not stop at one damaged record. Returns 0 or the exit status (reported). */
static int learn_stream(const char *path, const char *name, learner *l, np_jsonlines_opts *o)
{
    o->name = name;
    int rc = np_jsonlines_each(path, learn_record, l, o);
    if (rc < 0) np_error("%s: %s", name, o->why);
    return rc < 0 ? np_jsonlines_exit(rc) : rc ? NP_EX_SOFTWARE : NP_EX_OK;
}

/* What `learn` was asked for (paths borrowed from argv; the two lists own their storage). */
typedef struct {
    const char *listings, *output, *exclude, *files[64];
    int nfiles, nfields, ndates;
    long min_count;
    double min_share;
    char *fields_storage, *dates_storage;
    const char *fields[8], *dates[4];
} learn_args;

static void learn_args_free(learn_args *a)
{
    free(a->fields_storage);
    free(a->dates_storage);
}

/* A comma-separated list option's value into items (at most max; *storage replaced). Returns
 * 0 or the exit status (said). */
static int take_list(const char *o, const char *v, char **storage, const char **items, int max,
                     int *n)
{
    free(*storage);
    *n = np_split_list(v, storage, items, max);
    if (*n > 0) return 0;
    np_error("%s: want a comma-separated list of at most %d names", o, max);
    return NP_EX_USAGE;
}

/* Reads one option that takes a value into *a. Returns 0 or the exit status (said). */
static int take_option(learn_args *a, const char *o, const char *v)
{
    char *end;
    if (!strcmp(o, "--listings")) {
        a->listings = v;
    } else if (!strcmp(o, "-o") || !strcmp(o, "--output")) {
        a->output = v;
    } else if (!strcmp(o, "--exclude")) {
        a->exclude = v;
    } else if (!strcmp(o, "--min-count")) {
        a->min_count = strtol(v, &end, 10);
        if (*end || a->min_count < 1) {
            np_error("--min-count: want a whole number of at least 1, not '%s'", v);
            return NP_EX_USAGE;
        }
    } else if (!strcmp(o, "--min-share")) {
        a->min_share = strtod(v, &end);
        if (*end || !(a->min_share >= 0 && a->min_share <= 1)) {
            np_error("--min-share: want a number from 0 to 1, not '%s'", v);
            return NP_EX_USAGE;
        }
    } else if (!strcmp(o, "--fields")) {
        return take_list(o, v, &a->fields_storage, a->fields, 8, &a->nfields);
    } else if (!strcmp(o, "--date-field")) {
        return take_list(o, v, &a->dates_storage, a->dates, 4, &a->ndates);
    } else {
        np_error("unknown option '%s'", o);
        usage(stderr);
        return NP_EX_USAGE;
    }
    return 0;
}

/* Reads the arguments into *a. Returns -1 to go on, or the exit status (0 after --help). */
static int parse_args(int argc, char **argv, learn_args *a)
{
    *a = (learn_args){.min_count = 2,
                      .min_share = 0.75,
                      .fields = {"title", "body"},
                      .dates = {"published", "date"},
                      .nfields = 2,
                      .ndates = 2};
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
            usage(stdout);
            return NP_EX_OK;
        }
        if (o[0] != '-' || !strcmp(o, "-")) {
            if (a->nfiles == 64) {
                np_error("at most 64 input files");
                return NP_EX_USAGE;
            }
            a->files[a->nfiles++] = o;
            continue;
        }
        if (!v) {
            np_error("%s: missing argument", o);
            usage(stderr);
            return NP_EX_USAGE;
        }
        int rc = take_option(a, o, v);
        if (rc) return rc;
        i++;
    }
    if (!a->listings) {
        np_error("--listings FILE is required (the table that resolves the codes)");
        usage(stderr);
        return NP_EX_USAGE;
    }
    return -1;
}

/* Learns from each input file (standard input when none). Returns the exit status. */
static int learn_files(const learn_args *a, learner *lr)
{
    np_jsonlines_opts jo = {.report = 10};
    int rc = NP_EX_OK;
    for (int i = 0; rc == NP_EX_OK && i < (a->nfiles ? a->nfiles : 1); i++) {
        const char *name = a->nfiles ? a->files[i] : "-";
        rc = learn_stream(name, strcmp(name, "-") ? name : "stdin", lr, &jo);
    }
    if (jo.bad > 10) np_error("%lu bad lines skipped in all", jo.bad);
    return rc;
}

/* Writes the learned rows as a curated file to -o FILE (atomically) or standard output.
 * Returns the exit status. */
static int write_learned(const learn_args *a, const tl_table *T, obs_list *L)
{
    np_buf o = {0};
    int rc = NP_EX_OK;
    np_buf_puts(&o, "# newspipe-listings 1 (see newspipe-listings(5), CURATED FILE)\n"
                    "# learned by newspipe-ticker-link learn: names written right before "
                    "explicit codes.\n");
    char buf[160];
    snprintf(buf, sizeof buf,
             "# %zu observations; kept: seen >= %ld times and >= %.2f of the "
             "name's pairs (\"#-\" lines were not kept)\n",
             L->n, a->min_count, a->min_share);
    np_buf_puts(&o, buf);
    np_buf_puts(&o, "issuer\tsymbol\tmic\tric\tprimary\tcountry\tvalid_from\tvalid_to\tprior\t"
                    "name\taliases\n");
    write_rows(T, L, a->min_count, a->min_share, &o);
    if (np_buf_reserve(&o, 1)) rc = NP_EX_SOFTWARE;
    if (rc == NP_EX_OK) rc = np_write_result(a->output, o.data, o.len);
    np_buf_free(&o);
    return rc;
}

int tl_learn_main(int argc, char **argv)
{
    learn_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0) {
        learn_args_free(&a);
        return rc;
    }
    tl_table T;
    char err[512];
    if (tl_table_load(&T, &a.listings, 1, err, sizeof err)) {
        np_error("%s", err);
        learn_args_free(&a);
        return NP_EX_CONFIG;
    }
    exclude_set x = {0};
    obs_list L = {0};
    learner lr = {.T = &T,
                  .x = &x,
                  .fields = a.fields,
                  .dates = a.dates,
                  .nfields = a.nfields,
                  .ndates = a.ndates,
                  .out = &L};
    rc = a.exclude && read_exclude(a.exclude, &x) ? NP_EX_NOINPUT : NP_EX_OK;
    if (rc == NP_EX_OK) rc = learn_files(&a, &lr);
    np_buf_free(&lr.text);
    tl_patterns_free(&lr.pats);
    tl_toks_free(&lr.toks);
    if (rc == NP_EX_OK) rc = write_learned(&a, &T, &L);
    free(L.o);
    for (size_t i = 0; i < x.n; i++) free(x.codes[i]);
    free(x.codes);
    tl_table_free(&T);
    learn_args_free(&a);
    return rc;
}
