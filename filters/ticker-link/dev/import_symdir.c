/* The Nasdaq Trader symbol directory (see import_model.h): snapshots of every symbol on the
 * US exchanges with its security name and an ETF flag, dated. They give the importer what
 * today's files cannot: funds and notes (the screener lists stocks only), and the listings
 * of their time for companies since acquired, delisted or renamed. Build-time code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "cli.h"
#include "import_model.h"
#include "../listings.h"
#include "../names.h"

#define MAX_SNAPSHOTS 8

typedef struct {
    char *sym, *name; /* "BRK-A" form; the security name of the newest snapshot */
    char mic[5];
    int type;      /* tl_sectype */
    unsigned seen; /* bit s: in snapshot s */
} sd_row;

static sd_row *sd;
static size_t n_sd, cap_sd;
static char dates[MAX_SNAPSHOTS][11];
static int n_snap, sd_sorted;

static int cmp_sd(const void *a, const void *b)
{
    return strcmp(((const sd_row *)a)->sym, ((const sd_row *)b)->sym);
}

/* Whole-word, case-insensitive: "ETF" in "SPDR S&P 500 ETF Trust", not "NETFLIX". */
static int has_word(const char *s, const char *w)
{
    size_t m = strlen(w);
    for (const char *p = strcasestr(s, w); p; p = strcasestr(p + 1, w)) {
        int before = p == s || !((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z');
        char c = p[m] | 0x20;
        if (before && !(c >= 'a' && c <= 'z')) return 1;
        if (before && c == 's' && !(((p[m + 1] | 0x20) >= 'a' && (p[m + 1] | 0x20) <= 'z')))
            return 1; /* plural: "ETNs", "Notes" */
    }
    return 0;
}

int tl_security_type(const char *name)
{
    if (has_word(name, "ETN") || has_word(name, "Exchange Traded Note") || has_word(name, "iPath"))
        return TL_SEC_ETN;
    if (has_word(name, "ETF") || has_word(name, "Index Fund") || has_word(name, "iShares") ||
        has_word(name, "SPDR") || has_word(name, "ProShares") || has_word(name, "PowerShares") ||
        has_word(name, "Direxion"))
        return TL_SEC_ETF;
    /* Hybrids ("HSBC Holdings, plc. Perpetual Sub Cap Secs", "... PREF SHS SER 2") rank
     * as preferreds. */
    if (has_word(name, "Preferred") || has_word(name, "Pfd") || has_word(name, "Cumulative") ||
        has_word(name, "Pref") || has_word(name, "Perpetual") || has_word(name, "Cap Secs") ||
        has_word(name, "Capital Securities"))
        return TL_SEC_PREFERRED;
    if (strchr(name, '%') || has_word(name, "Certificate") || has_word(name, "Note") ||
        has_word(name, "Debenture") || has_word(name, "Senior") || has_word(name, "Subordinated") ||
        has_word(name, "Bond"))
        return TL_SEC_NOTE;
    if (has_word(name, "Warrant") || has_word(name, "Right") || has_word(name, "Unit"))
        return TL_SEC_OTHER;
    if (has_word(name, "Depositary") || has_word(name, "ADS") || has_word(name, "ADR"))
        return TL_SEC_DEPOSITARY;
    if (has_word(name, "Fund") || has_word(name, "Portfolio") ||
        has_word(name, "Beneficial Interest"))
        return TL_SEC_FUND;
    return TL_SEC_COMMON;
}

static sd_row *find(const char *sym)
{
    if (!sd_sorted && n_sd) {
        qsort(sd, n_sd, sizeof *sd, cmp_sd);
        sd_sorted = 1;
    }
    sd_row key = {0};
    key.sym = (char *)sym;
    return n_sd ? bsearch(&key, sd, n_sd, sizeof *sd, cmp_sd) : NULL;
}

/* Splits a '|' line in place; returns the field count. */
static int split_bar(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '|') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

static const char *other_mic(const char *code)
{
    switch (code[0]) {
    case 'N': return "XNYS";
    case 'A': return "XASE";
    case 'P': return "ARCX";
    case 'Z': return "BATS";
    case 'V': return "IEXG";
    default: return NULL;
    }
}

/* One file of a snapshot: nasdaq (nasdaqlisted.txt) or other (otherlisted.txt). */
static int read_file(const char *path, int nasdaq, int snap)
{
    np_buf b = {0};
    if (np_buf_read_file(&b, path) < 0 || np_buf_putc(&b, '\0')) {
        np_error("%s: cannot read", path);
        np_buf_free(&b);
        return -1;
    }
    char *save = NULL;
    int line = 0, rc = 0;
    int c_etf = -1, c_test = -1, c_exch = -1, c_cqs = -1, c_nsym = -1;
    for (char *l = strtok_r(b.data, "\r\n", &save); l && rc == 0;
         l = strtok_r(NULL, "\r\n", &save)) {
        char *f[16];
        int nf = split_bar(l, f, 16);
        if (line++ == 0) {
            if (nf < 2 || (strcmp(f[0], "Symbol") && strcmp(f[0], "ACT Symbol"))) {
                np_error("%s:1: not a Nasdaq Trader symbol directory file", path);
                rc = -1;
            }
            for (int i = 0; i < nf; i++) {
                if (!strcmp(f[i], "ETF")) c_etf = i;
                if (!strcmp(f[i], "Test Issue")) c_test = i;
                if (!strcmp(f[i], "Exchange")) c_exch = i;
                if (!strcmp(f[i], "CQS Symbol")) c_cqs = i;
                if (!strcmp(f[i], "NASDAQ Symbol")) c_nsym = i;
            }
            continue;
        }
        if (!strncmp(f[0], "File Creation Time", 18) || nf < 3) continue;
        if (c_test >= 0 && c_test < nf && f[c_test][0] == 'Y') continue;
        const char *mic = nasdaq                       ? "XNAS"
                          : c_exch >= 0 && c_exch < nf ? other_mic(f[c_exch])
                                                       : NULL;
        if (!mic || !f[0][0]) continue;
        /* "BRK.A" (otherlisted), "BRK-A" elsewhere; "$" marks preferreds there. */
        char sym[32];
        snprintf(sym, sizeof sym, "%s", f[0]);
        if (strchr(sym, '$') || strchr(sym, '=') || strchr(sym, '^')) continue;
        for (char *p = sym; *p; p++)
            if (*p == '.') *p = '-';
        int type = tl_security_type(f[1]);
        if (c_etf >= 0 && c_etf < nf && f[c_etf][0] == 'Y' && type != TL_SEC_ETN) type = TL_SEC_ETF;
        /* The symbologies say what the name may not ("Citigroup Inc. Class B Warant", "Wt
         * Exp"): CQS writes warrants "C/WS/B", units "/U", rights "/RT"; Nasdaq "C+B". */
        size_t cl = c_cqs >= 0 && c_cqs < nf ? strlen(f[c_cqs]) : 0;
        if ((cl && (strstr(f[c_cqs], "/WS") || strstr(f[c_cqs], "/RT") ||
                    (cl > 2 && !strcmp(f[c_cqs] + cl - 2, "/U")))) ||
            (c_nsym >= 0 && c_nsym < nf && strchr(f[c_nsym], '+')))
            type = TL_SEC_OTHER;
        sd_sorted = 0;
        sd_row *r = NULL;
        for (size_t i = n_sd; i-- > 0 && !r;) /* snapshots come one after another */
            if (sd[i].seen >> snap == 0 && !strcmp(sd[i].sym, sym)) r = &sd[i];
        if (!r) {
            sd_sorted = 1;
            r = n_sd ? find(sym) : NULL;
        }
        if (r) {
            if (strcasecmp(r->name, f[1]) && !(r->seen & (1u << snap))) {
                /* The newest snapshot's name wins. */
                char *nm = tl_strdup(f[1]);
                if (!nm) rc = -1;
                free(r->name);
                r->name = nm;
            }
            r->seen |= 1u << snap;
            r->type = type;
            snprintf(r->mic, sizeof r->mic, "%s", mic);
            continue;
        }
        if (n_sd == cap_sd) {
            size_t cap = cap_sd ? cap_sd * 2 : 8192;
            sd_row *p = realloc(sd, cap * sizeof *p);
            if (!p) {
                rc = -1;
                break;
            }
            sd = p;
            cap_sd = cap;
        }
        r = &sd[n_sd++];
        memset(r, 0, sizeof *r);
        r->sym = tl_strdup(sym);
        r->name = tl_strdup(f[1]);
        if (!r->sym || !r->name) rc = -1;
        r->type = type;
        r->seen = 1u << snap;
        snprintf(r->mic, sizeof r->mic, "%s", mic);
        sd_sorted = 0;
    }
    np_buf_free(&b);
    if (rc == 0 && n_sd > 1) {
        qsort(sd, n_sd, sizeof *sd, cmp_sd);
        sd_sorted = 1;
    }
    if (rc && line > 1) np_error("%s: out of memory", path);
    return rc;
}

int tl_read_symdir(const char *dir, const char *date)
{
    if (n_snap == MAX_SNAPSHOTS) {
        np_error("%s: more than %d symbol directory snapshots", dir, MAX_SNAPSHOTS);
        return -1;
    }
    int32_t day;
    if (strlen(date) != 10 || tl_parse_day(date, 10, &day)) {
        np_error("%s: bad snapshot date '%s' (want YYYY-MM-DD)", dir, date);
        return -1;
    }
    if (n_snap && strcmp(date, dates[n_snap - 1]) <= 0) {
        np_error("%s: snapshots must be given oldest first", dir);
        return -1;
    }
    snprintf(dates[n_snap], sizeof dates[n_snap], "%s", date);
    char path[4096];
    snprintf(path, sizeof path, "%s/nasdaqlisted.txt", dir);
    if (read_file(path, 1, n_snap)) return -1;
    snprintf(path, sizeof path, "%s/otherlisted.txt", dir);
    if (read_file(path, 0, n_snap)) return -1;
    n_snap++;
    return 0;
}

int tl_symdir_lists(const char *mic)
{
    static const char codes[] = "NAPZV";
    if (!strcmp(mic, "XNAS")) return 1;
    for (const char *c = codes; *c; c++) {
        char code[2] = {*c, '\0'};
        if (!strcmp(mic, other_mic(code))) return 1;
    }
    return 0;
}

const char *tl_symdir_last_date(void)
{
    return n_snap ? dates[n_snap - 1] : NULL;
}

int tl_symdir_type(const char *sym)
{
    const sd_row *r = find(sym);
    return r ? r->type : -1;
}

const char *tl_symdir_first_date(const char *sym)
{
    const sd_row *r = find(sym);
    for (int k = 0; r && k < n_snap; k++)
        if (r->seen & (1u << k)) return dates[k];
    return NULL;
}

/* Cuts a name the directory writes twice before the security's description, in place:
 * "Bunge Limited Bunge Limited" -> "Bunge Limited", "AOL Inc. AOL Inc." -> "AOL Inc." (about
 * 40 NYSE lines of the 2014 and 2016 directories). Two words at least repeat: "Want Want
 * China Holdings" is a name. Applied to the name of a company known only from a directory
 * (the name it is found by), not to a depositary's: a foreign company's ADR of then ("Royal
 * Dutch Shell PLC Royal Dutch Shell PLC") is never joined to the home listing it has today
 * under another symbol and maybe another name, and news names the company for that listing;
 * with its name cleaned the old ADR took those mentions (dev gold: one wrong company more,
 * one right one less; the folds gain the same without it). */
static void cut_repeat(char *buf)
{
    enum { MAXW = 32 };
    char *w[MAXW];
    size_t len[MAXW], nw = 0;
    for (char *p = buf; *p && nw < MAXW;) {
        while (*p == ' ') p++;
        if (!*p) break;
        w[nw] = p;
        while (*p && *p != ' ') p++;
        len[nw] = (size_t)(p - w[nw]);
        nw++;
    }
    for (size_t h = 2; 2 * h <= nw; h++) {
        size_t i = 0;
        while (i < h && len[i] == len[h + i] && !strncasecmp(w[i], w[h + i], len[i])) i++;
        if (i == h) {
            w[h - 1][len[h - 1]] = '\0';
            return;
        }
    }
}

/* A directory's security name to its company's name, in place: "Apple Inc. - Common Stock"
 * -> "Apple Inc.", "Central Pacific Financial Corp New" -> "Central Pacific Financial Corp".
 * The directories mark a company re-formed after a reorganization with "New" after its
 * name ("Royal Bank of Scotland Group Plc New (The) ADS"); news never writes it. */
static void company_name(char *buf)
{
    tl_keep_country_dash(buf);
    char *cut = strstr(buf, " - ");
    if (cut) *cut = '\0';
    static const char *const tails[] = {
        " Common Stock",        " Ordinary Shares", " Class A",    " Class B",      " Class C",
        " American Depositary", " Common Shares",   " Depositary", " Capital Stock"};
    for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
        char *p = strstr(buf, tails[i]);
        if (p && p > buf) *p = '\0';
    }
    for (char *p = buf; (p = strstr(p, " New")) != NULL; p++)
        if (p > buf && (p[4] == '\0' || (p[4] == ' ' && p[5] == '('))) {
            memmove(p, p + 4, strlen(p + 4) + 1);
            break;
        }
    tl_cut_registered(buf);
}

/* "Apple Inc. - Common Stock" -> its lookup keys (full and short form) in k; their count. */
static int name_keys(const char *name, tl_toks *toks, uint64_t k[2])
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", name);
    company_name(buf);
    tl_name_key nk[2];
    int n = tl_name_keys(buf, strlen(buf), toks, nk);
    for (int i = 0; i < n; i++) k[i] = nk[i].key;
    return n < 0 ? 0 : n;
}

/* Whether two names share a lookup key ("Xerox Corporation", "XEROX HOLDINGS CORP"). */
static int same_name(const char *a, const char *b, tl_toks *toks)
{
    uint64_t ka[2], kb[2];
    int na = name_keys(a, toks, ka), nb = name_keys(b, toks, kb);
    for (int i = 0; i < na; i++)
        for (int j = 0; j < nb; j++)
            if (ka[i] == kb[j]) return 1;
    return 0;
}

static const tl_brows *by_sym_rows;
static int cmp_by_sym(const void *a, const void *b)
{
    return strcmp(by_sym_rows->r[*(const size_t *)a].symbol,
                  by_sym_rows->r[*(const size_t *)b].symbol);
}

/* The first snapshot that has s (0 when none). */
static int first_seen(const sd_row *s)
{
    for (int k = 0; k < n_snap; k++)
        if (s->seen & (1u << k)) return k;
    return 0;
}

/* The last snapshot that has s, or -1. */
static int last_seen(const sd_row *s)
{
    int last = -1;
    for (int k = 0; k < n_snap; k++)
        if (s->seen & (1u << k)) last = k;
    return last;
}

/* The same company, the same symbol, on another exchange today (Honeywell, on the NYSE in
 * the 2014 and 2016 directories, on Nasdaq now): the snapshot's exchange gets a dated listing
 * of today's issuer, until the day before the next snapshot or today's files that lack it,
 * and today's lines start the day after the last snapshot that had the old exchange (the
 * move's date is not known: in between, both). Today's rows of the symbol are at idx[lo..].
 * Returns 0, or -1 when out of memory. */
static int moved_listing(tl_brows *rows, const size_t *idx, size_t lo, size_t n_today,
                         const sd_row *s, const char *today_date)
{
    int last = last_seen(s);
    if (last < 0) return 0;
    for (size_t j = lo; j < n_today && !strcmp(rows->r[idx[j]].symbol, s->sym); j++) {
        tl_brow *t = &rows->r[idx[j]];
        if (strcmp(t->mic, s->mic) && !t->from[0]) tl_shift_day(dates[last], 1, t->from);
    }
    size_t now = idx[lo];
    tl_brow *r = tl_brows_add(rows);
    if (!r) return -1;
    const tl_brow *t = &rows->r[now]; /* after the add: rows->r may have moved */
    r->issuer = tl_strdup(t->issuer);
    r->symbol = tl_strdup(t->symbol);
    r->name = tl_strdup(t->name);
    r->aliases = tl_strdup("");
    r->ric = tl_strdup("");
    r->domicile = tl_strdup(t->domicile);
    if (!r->issuer || !r->symbol || !r->name || !r->aliases || !r->ric || !r->domicile) return -1;
    snprintf(r->mic, sizeof r->mic, "%s", s->mic);
    snprintf(r->country, sizeof r->country, "%s", t->country);
    tl_shift_day(last + 1 < n_snap ? dates[last + 1] : today_date, -1, r->to);
    r->type = t->type;
    r->prior = t->prior;
    r->adr = t->adr;
    return 0;
}

int tl_symdir_rows(tl_brows *rows, const char *today_date)
{
    /* Today's US exchange rows, sorted by symbol (the rows added below come after them). */
    size_t n_today = 0, *idx = malloc((rows->n ? rows->n : 1) * sizeof *idx);
    if (!idx) return -1;
    for (size_t j = 0; j < rows->n; j++) {
        const tl_brow *r = &rows->r[j];
        if (!r->dropped && !strcmp(r->country, "US") && strcmp(r->mic, "OTCM")) idx[n_today++] = j;
    }
    by_sym_rows = rows;
    qsort(idx, n_today, sizeof *idx, cmp_by_sym);
    tl_toks toks = {0};
    int rc = 0;
    for (size_t i = 0; i < n_sd && rc == 0; i++) {
        const sd_row *s = &sd[i];
        int fundlike = s->type == TL_SEC_ETF || s->type == TL_SEC_ETN;
        if (!fundlike && !TL_SEC_IS_EQUITY(s->type)) continue;
        tl_brow *now = NULL;
        size_t lo = 0, hi = n_today;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(rows->r[idx[mid]].symbol, s->sym) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < n_today && !strcmp(rows->r[idx[lo]].symbol, s->sym)) now = &rows->r[idx[lo]];
        /* Today's line under the symbol began after the first snapshot that names this
         * company (the year of its listing, from the screener or the CIK): the snapshot's
         * company, even of the same name, is an earlier listing of the symbol (Alcoa Inc.,
         * split in 2016, before Alcoa Corporation; ADT Corp before ADT Inc. of 2018). */
        int earlier =
            now && !fundlike && now->from[0] && strcmp(now->from, dates[first_seen(s)]) > 0;
        if (now && !earlier) {
            /* The same company today: only its type is learnt. */
            uint64_t k[2];
            if (!name_keys(s->name, &toks, k) || same_name(s->name, now->name, &toks) ||
                (now->aliases[0] && same_name(s->name, now->aliases, &toks)) || fundlike) {
                if (now->type == TL_SEC_COMMON && fundlike) now->type = s->type;
                if (!fundlike && TL_SEC_IS_EQUITY(now->type) && strcmp(now->mic, s->mic) &&
                    moved_listing(rows, idx, lo, n_today, s, today_date))
                    rc = -1;
                continue;
            }
            /* Another name: a reused symbol, or this company renamed since. The snapshot's
             * company gets a listing of its own, valid until the snapshot after the last
             * that names it, and today's from the day after that snapshot. */
        }
        int first = -1, last = -1;
        for (int k = 0; k < n_snap; k++)
            if (s->seen & (1u << k)) {
                if (first < 0) first = k;
                last = k;
            }
        /* Funds and notes still in the newest snapshot stay open (today's files do not cover
         * them); a company ends the day before the next snapshot, or today's files, that
         * lacks it. */
        char to[11] = "";
        if (!fundlike || last + 1 < n_snap)
            tl_shift_day(last + 1 < n_snap ? dates[last + 1] : today_date, -1, to);
        if (now && to[0] && !now->from[0]) tl_shift_day(dates[last], 1, now->from);
        /* An earlier listing ends the day before today's line began. */
        if (earlier) {
            char before[11];
            tl_shift_day(now->from, -1, before);
            if (!to[0] || strcmp(before, to) < 0) memcpy(to, before, sizeof to);
        }
        tl_brow *r = tl_brows_add(rows);
        if (!r) {
            rc = -1;
            break;
        }
        /* rows->r may have moved: now is not used below. */
        char id[64], nm[512];
        snprintf(id, sizeof id, "%s:%s@%s", s->mic, s->sym, dates[last]);
        snprintf(nm, sizeof nm, "%s", s->name);
        if (!fundlike) company_name(nm);
        if (!fundlike && s->type != TL_SEC_DEPOSITARY) cut_repeat(nm);
        r->issuer = tl_strdup(id);
        r->symbol = tl_strdup(s->sym);
        r->name = tl_strdup(nm);
        r->aliases = tl_strdup("");
        r->ric = tl_strdup("");
        r->domicile = tl_strdup("");
        if (!r->issuer || !r->symbol || !r->name || !r->aliases || !r->ric || !r->domicile) {
            rc = -1;
            break;
        }
        snprintf(r->mic, sizeof r->mic, "%s", s->mic);
        snprintf(r->country, sizeof r->country, "US");
        snprintf(r->to, sizeof r->to, "%s", to);
        /* Not in the oldest snapshot: listed after it. (In the oldest one: since when is
         * not known.) */
        if (first > 0) tl_shift_day(dates[first - 1], 1, r->from);
        r->type = s->type;
        /* Below TL_PRIOR_LISTED_NAME: a one-word name of a company known only from an old
         * snapshot needs support (a legal form, a code, a cue) before it links. */
        r->prior = fundlike ? 20 : 34;
    }
    tl_toks_free(&toks);
    free(idx);
    return rc;
}

void tl_symdir_free(void)
{
    for (size_t i = 0; i < n_sd; i++) {
        free(sd[i].sym);
        free(sd[i].name);
    }
    free(sd);
    sd = NULL;
    n_sd = cap_sd = 0;
    n_snap = 0;
}
