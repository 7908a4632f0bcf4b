/* Readers for the public source files the importer understands (see import_model.h):
 * SEC company_tickers_exchange.json, Nasdaq screener JSON and the S&P 500 constituents CSV
 * (FinanceDatabase's equities TSV: import_intl.c). Build-time code: clarity over speed. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "../exchanges.h"
#include "import_model.h"
#include "../listings.h"
#include "../names.h"
#include "utf8.h"

/* ---- a small JSON pull reader ---------------------------------------------------------- */

enum {
    J_EOF,
    J_ERR,
    J_LBRACE,
    J_RBRACE,
    J_LBRACK,
    J_RBRACK,
    J_COLON,
    J_COMMA,
    J_STRING,
    J_NUMBER,
    J_TRUE,
    J_FALSE,
    J_NULL
};

typedef struct {
    const char *s;
    size_t n, i;
    np_buf str; /* the last string or number, NUL-terminated */
} jr;

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') return (c | 0x20) - 'a' + 10;
    return -1;
}

static int jtok(jr *J)
{
    while (J->i < J->n &&
           (J->s[J->i] == ' ' || J->s[J->i] == '\n' || J->s[J->i] == '\r' || J->s[J->i] == '\t'))
        J->i++;
    if (J->i >= J->n) return J_EOF;
    char c = J->s[J->i++];
    switch (c) {
    case '{': return J_LBRACE;
    case '}': return J_RBRACE;
    case '[': return J_LBRACK;
    case ']': return J_RBRACK;
    case ':': return J_COLON;
    case ',': return J_COMMA;
    case '"':
        np_buf_clear(&J->str);
        while (J->i < J->n && J->s[J->i] != '"') {
            char d = J->s[J->i++];
            if (d != '\\') {
                if (np_buf_putc(&J->str, d)) return J_ERR;
                continue;
            }
            if (J->i >= J->n) return J_ERR;
            d = J->s[J->i++];
            uint32_t cp;
            switch (d) {
            case 'n': cp = '\n'; break;
            case 't': cp = '\t'; break;
            case 'r': cp = '\r'; break;
            case 'b': cp = '\b'; break;
            case 'f': cp = '\f'; break;
            case 'u':
                if (J->i + 4 > J->n) return J_ERR;
                cp = 0;
                for (int k = 0; k < 4; k++) {
                    int h = hexval(J->s[J->i++]);
                    if (h < 0) return J_ERR;
                    cp = cp << 4 | (uint32_t)h;
                }
                if (cp >= 0xD800 && cp <= 0xDBFF && J->i + 6 <= J->n && J->s[J->i] == '\\' &&
                    J->s[J->i + 1] == 'u') {
                    uint32_t lo = 0;
                    int okh = 1;
                    for (int k = 0; k < 4; k++) {
                        int h = hexval(J->s[J->i + 2 + k]);
                        if (h < 0) okh = 0;
                        lo = lo << 4 | (uint32_t)(h < 0 ? 0 : h);
                    }
                    if (okh && lo >= 0xDC00 && lo <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        J->i += 6;
                    }
                }
                if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
                break;
            default: cp = (unsigned char)d; break;
            }
            char enc[4];
            size_t k = np_utf8_encode(cp, enc);
            if (np_buf_append(&J->str, enc, k)) return J_ERR;
        }
        if (J->i >= J->n) return J_ERR;
        J->i++;
        return J_STRING;
    default:
        if (c == '-' || (c >= '0' && c <= '9')) {
            size_t b = J->i - 1;
            while (J->i < J->n && strchr("0123456789+-.eE", J->s[J->i])) J->i++;
            np_buf_clear(&J->str);
            if (np_buf_append(&J->str, J->s + b, J->i - b)) return J_ERR;
            return J_NUMBER;
        }
        if (c == 't' && J->i + 3 <= J->n && !memcmp(J->s + J->i, "rue", 3)) {
            J->i += 3;
            return J_TRUE;
        }
        if (c == 'f' && J->i + 4 <= J->n && !memcmp(J->s + J->i, "alse", 4)) {
            J->i += 4;
            return J_FALSE;
        }
        if (c == 'n' && J->i + 3 <= J->n && !memcmp(J->s + J->i, "ull", 3)) {
            J->i += 3;
            return J_NULL;
        }
        return J_ERR;
    }
}

/* Skips a value whose first token t was already read. */
static int jskip(jr *J, int t)
{
    if (t != J_LBRACE && t != J_LBRACK) return t == J_ERR || t == J_EOF ? -1 : 0;
    int depth = 1;
    while (depth > 0) {
        t = jtok(J);
        if (t == J_ERR || t == J_EOF) return -1;
        if (t == J_LBRACE || t == J_LBRACK) depth++;
        if (t == J_RBRACE || t == J_RBRACK) depth--;
    }
    return 0;
}

/* ---- US exchange names ------------------------------------------------------------------ */

static const char *sec_mic(const char *exch)
{
    if (!strcmp(exch, "NYSE") || !strcmp(exch, "NYS")) return "XNYS";
    if (!strcmp(exch, "Nasdaq")) return "XNAS";
    if (!strcmp(exch, "CBOE")) return "BATS";
    if (!strcmp(exch, "OTC")) return "OTCM";
    return NULL;
}

/* ---- Nasdaq screener ------------------------------------------------------------------ */

typedef struct {
    char *sym, *name;
    char mic[5];
    double mcap;
    int kind, foreign, ipoyear;
    char cc[3]; /* the issuer's country, ISO 3166 alpha-2, or "" */
} scr_row;

static scr_row *scr;
static size_t n_scr, cap_scr;
static int scr_sorted;

static int cmp_scr(const void *a, const void *b)
{
    return strcmp(((const scr_row *)a)->sym, ((const scr_row *)b)->sym);
}

/* "Apple Inc. Common Stock" -> "Apple Inc."; classifies the security. */
/* Whether s opens with a country's name of one or two words ("Chile ADS", "South Africa"). */
static int country_word(const char *s)
{
    char w[64];
    size_t n = 0;
    for (int words = 0; words < 2; words++) {
        while (n < sizeof w - 1 && s[n] && s[n] != ' ') {
            w[n] = s[n];
            n++;
        }
        w[n] = '\0';
        if (tl_country_code(w)[0]) return 1;
        if (s[n] != ' ' || n >= sizeof w - 1) return 0;
        w[n] = s[n];
        n++;
    }
    return 0;
}

void tl_keep_country_dash(char *name)
{
    char *dash = strstr(name, " - ");
    if (dash && country_word(dash + 3)) {
        dash[0] = '-';
        memmove(dash + 1, dash + 3, strlen(dash + 3) + 1);
    }
}

void tl_cut_registered(char *name)
{
    size_t n = strlen(name);
    if (n > 11 && !strcmp(name + n - 11, " Registered")) {
        n -= 11;
        name[n] = '\0';
        while (n && (name[n - 1] == ' ' || name[n - 1] == ',')) name[--n] = '\0';
    }
}

static void clean_security_name(char *name, int *kind)
{
    static const char *const other[] = {"Warrant",
                                        "Unit",
                                        "Right",
                                        "Preferred",
                                        "Notes",
                                        "Debenture",
                                        "Depositary Shares, each representing",
                                        "Subordinated",
                                        "% "};
    static const char *const adr[] = {"American Depositary", "ADS", "ADR", "Depositary"};
    static const char *const cut[] = {" Common Stock",
                                      " Ordinary Shares",
                                      " Class A",
                                      " Class B",
                                      " Class C",
                                      " American Depositary",
                                      " Common Shares",
                                      " Depositary",
                                      " Sponsored ADR",
                                      " Registered Shares",
                                      " Subordinate Voting",
                                      " Shares of Beneficial",
                                      " Common Units",
                                      " ADS",
                                      " ADR",
                                      " - ",
                                      " New"};
    *kind = 0;
    for (size_t i = 0; i < sizeof other / sizeof *other; i++) {
        /* Whole words only: "Unit" is not "United", "Right" not "Bright". */
        size_t m = strlen(other[i]);
        for (const char *p = strstr(name, other[i]); p; p = strstr(p + 1, other[i])) {
            int before = p == name || p[-1] == ' ' || p[-1] == '(' || other[i][0] == ' ';
            char c = p[m];
            int after = !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) || c == 's';
            if (before && after) *kind = 2;
        }
    }
    if (*kind == 0)
        for (size_t i = 0; i < sizeof adr / sizeof *adr; i++)
            if (strstr(name, adr[i])) *kind = 1;
    tl_keep_country_dash(name);
    for (size_t i = 0; i < sizeof cut / sizeof *cut; i++) {
        char *p = strstr(name, cut[i]);
        if (p && p > name) *p = '\0';
    }
    size_t n = strlen(name);
    while (n && (name[n - 1] == ' ' || name[n - 1] == ',')) name[--n] = '\0';
    tl_cut_registered(name);
    n = strlen(name);
    /* What is left of "Sponsored ADR" when the screener misspells it ("Mizuho Financial
     * Group Inc. Sponosred ADR"): a last word that opens as "Spon"/"Unspon" describes the
     * receipt, not the company. */
    char *last = strrchr(name, ' ');
    if (*kind == 1 && last && (!strncmp(last + 1, "Spon", 4) || !strncmp(last + 1, "Unspon", 6))) {
        *last = '\0';
        n = strlen(name);
        while (n && (name[n - 1] == ' ' || name[n - 1] == ',')) name[--n] = '\0';
    }
}

int tl_read_screener(const char *path, const char *mic)
{
    char *text;
    size_t len;
    if (tl_slurp(path, &text, &len)) return -1;
    jr J = {text, len, 0, {0}};
    int t = jtok(&J), rc = 0;
    if (t != J_LBRACK) goto bad;
    for (;;) {
        t = jtok(&J);
        if (t == J_RBRACK) break;
        if (t == J_COMMA) continue;
        if (t != J_LBRACE) goto bad;
        scr_row r = {0};
        snprintf(r.mic, sizeof r.mic, "%s", mic);
        char *country = NULL, *mcap = NULL, *ipo = NULL;
        for (;;) {
            t = jtok(&J);
            if (t == J_RBRACE) break;
            if (t == J_COMMA) continue;
            if (t != J_STRING) goto bad;
            char key[32];
            snprintf(key, sizeof key, "%s", J.str.data ? J.str.data : "");
            if (jtok(&J) != J_COLON) goto bad;
            t = jtok(&J);
            if (t == J_STRING) {
                const char *v = J.str.data;
                if (!strcmp(key, "symbol")) r.sym = tl_strdup(v);
                if (!strcmp(key, "name")) r.name = tl_strdup(v);
                if (!strcmp(key, "country")) country = tl_strdup(v);
                if (!strcmp(key, "marketCap")) mcap = tl_strdup(v);
                if (!strcmp(key, "ipoyear")) ipo = tl_strdup(v);
            } else if (jskip(&J, t)) {
                goto bad;
            }
        }
        if (!r.sym || !r.name || !r.sym[0]) {
            free(r.sym);
            free(r.name);
            free(country);
            free(mcap);
            free(ipo);
            continue;
        }
        for (char *p = r.sym; *p; p++)
            if (*p == '/' || *p == '^') *p = '-';
        r.sym[strcspn(r.sym, " ")] = '\0';
        clean_security_name(r.name, &r.kind);
        r.mcap = mcap ? atof(mcap) : 0;
        r.foreign = country && country[0] && strcmp(country, "United States") != 0;
        snprintf(r.cc, sizeof r.cc, "%s", country ? tl_country_code(country) : "");
        r.ipoyear = ipo ? atoi(ipo) : 0;
        free(country);
        free(mcap);
        free(ipo);
        if (n_scr == cap_scr) {
            size_t cap = cap_scr ? cap_scr * 2 : 4096;
            scr_row *p = realloc(scr, cap * sizeof *p);
            if (!p) {
                free(r.sym);
                free(r.name);
                rc = -1;
                break;
            }
            scr = p;
            cap_scr = cap;
        }
        scr[n_scr++] = r;
    }
    scr_sorted = 0;
    np_buf_free(&J.str);
    free(text);
    if (rc) np_error("%s: out of memory", path);
    return rc;
bad:
    np_buf_free(&J.str);
    free(text);
    np_error("%s: not a Nasdaq screener JSON array (near byte %zu)", path, J.i);
    return -1;
}

int tl_screener_lookup(const char *sym, const char **mic, const char **name, double *mcap,
                       int *kind, int *foreign, int *ipoyear)
{
    if (!n_scr) return -1;
    if (!scr_sorted) {
        qsort(scr, n_scr, sizeof *scr, cmp_scr);
        scr_sorted = 1;
    }
    scr_row key = {0};
    key.sym = (char *)sym;
    scr_row *r = bsearch(&key, scr, n_scr, sizeof *scr, cmp_scr);
    if (!r) return -1;
    *mic = r->mic;
    *name = r->name;
    *mcap = r->mcap;
    *kind = r->kind;
    *foreign = r->foreign;
    *ipoyear = r->ipoyear;
    return 0;
}

const char *tl_screener_country(const char *sym)
{
    const char *mic, *name;
    double mcap;
    int kind, foreign, ipoyear;
    if (tl_screener_lookup(sym, &mic, &name, &mcap, &kind, &foreign, &ipoyear)) return "";
    scr_row key = {0};
    key.sym = (char *)sym;
    const scr_row *r = bsearch(&key, scr, n_scr, sizeof *scr, cmp_scr);
    return r ? r->cc : "";
}

void tl_screener_free(void)
{
    for (size_t i = 0; i < n_scr; i++) {
        free(scr[i].sym);
        free(scr[i].name);
    }
    free(scr);
    scr = NULL;
    n_scr = cap_scr = 0;
}

/* ---- SEC ---------------------------------------------------------------------------- */

/* "TOYOTA MOTOR CORP/" -> "TOYOTA MOTOR CORP"; "X INC /DE/" -> "X INC". */
static void clean_sec_name(char *s)
{
    char *p = strchr(s, '/');
    if (p) *p = '\0';
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == ',' || s[n - 1] == '\\')) s[--n] = '\0';
}

static double prior_of_mcap(double mcap)
{
    if (mcap <= 0) return 30;
    double p = 20 + 8 * log10(mcap / 1e6);
    return p < 10 ? 10 : p > 85 ? 85 : p;
}

/* Class shares keep their dash ("BRK-A"); preferreds, warrants, units and rights go. */
static int common_symbol(const char *sym)
{
    const char *d = strchr(sym, '-');
    if (!d) return 1;
    if (strlen(d + 1) != 1) return 0;
    return strchr("PWUR", d[1]) == NULL;
}

/* Nasdaq's fifth letter: a five-letter Nasdaq code that is the stock's code and more,
 * ending in W, R or U, is its warrants, rights or units ("EXEEW" of Expand Energy's "EXE",
 * "CCIXU" of "CCIX"), which the SEC's list gives under the company's name. */
static int nasdaq_further(const tl_brow *stock, const tl_brow *r)
{
    size_t n = strlen(r->symbol), sn = strlen(stock->symbol);
    return !strcmp(r->mic, "XNAS") && n == 5 && sn < n && strchr("WRU", r->symbol[4]) &&
           !strncmp(stock->symbol, r->symbol, sn);
}

/* Adds the listing of one row of the SEC's data ([cik, name, ticker, exchange], name cleaned
 * in place) when it is a common stock the screener does not call a fund. Returns 0 or -1 (out
 * of memory). */
static int add_sec_row(tl_brows *out, char *const *v, const char *mic)
{
    const char *smic, *sname;
    double mcap = 0;
    int kind = 0, foreign = 0, ipoyear = 0;
    int have = tl_screener_lookup(v[2], &smic, &sname, &mcap, &kind, &foreign, &ipoyear) == 0;
    if (have && kind == 2) return 0;
    tl_brow *r = tl_brows_add(out);
    if (!r) return -1;
    char id[64];
    snprintf(id, sizeof id, "cik:%s", v[0]);
    clean_sec_name(v[1]);
    r->issuer = tl_strdup(id);
    r->symbol = tl_strdup(v[2]);
    r->name = tl_strdup(have && sname[0] ? sname : v[1]);
    r->aliases = tl_strdup(have && sname[0] && strcasecmp(sname, v[1]) ? v[1] : "");
    r->ric = tl_strdup("");
    /* The screener's country of the issuer: a foreign issuer's home listings join its US
     * line, a US issuer's do not (a same-name company abroad). */
    const char *cc = have ? tl_screener_country(v[2]) : "";
    r->domicile = tl_strdup(have && !foreign ? "US" : cc);
    if (!r->issuer || !r->symbol || !r->name || !r->aliases || !r->ric || !r->domicile) return -1;
    snprintf(r->mic, sizeof r->mic, "%s", have && strcmp(mic, "OTCM") ? smic : mic);
    snprintf(r->country, sizeof r->country, "US");
    r->adr = have && (kind == 1 || foreign);
    /* Typed later (type_sec_lines) when the screener does not know the symbol. */
    r->type = have ? (kind == 1 ? TL_SEC_DEPOSITARY : TL_SEC_COMMON) : -1;
    r->prior = (int)prior_of_mcap(mcap);
    /* The screener's IPO year bounds the listing from below (to the year), so old news does
     * not link a company that was not listed yet. */
    if (ipoyear >= 1990 && ipoyear <= 2100)
        snprintf(r->from, sizeof r->from, "%04d-01-01", ipoyear);
    if (!strcmp(r->mic, "OTCM")) r->prior = 10;
    return 0;
}

/* OTC lines of issuers that also trade on an exchange are foreign ordinaries or secondary
 * lines: dropped; of an OTC-only issuer the first line is kept (the SEC lists the common
 * stock first, then preferreds). */
static void drop_otc_lines(tl_brows *out, size_t first)
{
    for (size_t i = first; i < out->n; i++) {
        tl_brow *r = &out->r[i];
        if (strcmp(r->mic, "OTCM")) continue;
        for (size_t j = first; j < out->n; j++) {
            if (j == i || strcmp(out->r[j].issuer, r->issuer)) continue;
            if (strcmp(out->r[j].mic, "OTCM") || j < i) {
                r->dropped = 1;
                break;
            }
        }
    }
}

/* Types the symbols the screener (stocks only) does not know: the symbol directory's type,
 * else the name's ("... ETF TRUST"); a further symbol of an issuer whose stock the screener
 * knows, sharing no stem with it, is another security (a bank's notes). */
static void type_sec_lines(tl_brows *out, size_t first)
{
    for (size_t i = first; i < out->n; i++) {
        tl_brow *r = &out->r[i];
        if (r->type >= 0) continue;
        int t = tl_symdir_type(r->symbol);
        if (t < 0) {
            t = tl_security_type(r->aliases[0] ? r->aliases : r->name);
            /* Nothing says what it is, and every line of its issuer the symbol directory
             * knows is a note or a product (UBS AG's ETRACS): it is one more of them, not
             * the bank's shares for its name to link in news. */
            int known = 0, equity = 0;
            for (size_t j = first; j < out->n && t == TL_SEC_COMMON; j++) {
                const tl_brow *s = &out->r[j];
                int st = j == i || strcmp(s->issuer, r->issuer) ? -1 : tl_symdir_type(s->symbol);
                if (st < 0) continue;
                known++;
                equity += TL_SEC_IS_EQUITY(st);
            }
            if (known && !equity) t = TL_SEC_OTHER;
        }
        if (t == TL_SEC_COMMON)
            for (size_t j = first; j < out->n; j++) {
                const tl_brow *s = &out->r[j];
                if (j == i || s->type < 0 || !TL_SEC_IS_EQUITY(s->type) ||
                    strcmp(s->issuer, r->issuer))
                    continue;
                t = strncmp(s->symbol, r->symbol, 2) || nasdaq_further(s, r) ? TL_SEC_OTHER
                                                                             : TL_SEC_COMMON;
                break;
            }
        r->type = t;
    }
}

/* Reads the "data" array's rows. Returns 0, -1 when out of memory, -2 when it is not the
 * SEC's format. */
static int read_sec_rows(jr *J, tl_brows *out)
{
    if (jtok(J) != J_LBRACK) return -2;
    for (;;) {
        int t = jtok(J);
        if (t == J_RBRACK) return 0;
        if (t == J_COMMA) continue;
        if (t != J_LBRACK) return -2;
        char *v[4] = {0};
        int nv = 0, rc = 0;
        while (rc == 0 && (t = jtok(J)) != J_RBRACK) {
            if (t == J_COMMA) continue;
            if (t == J_STRING || t == J_NUMBER) {
                if (nv < 4 && !(v[nv] = tl_strdup(J->str.data))) rc = -1;
                nv++;
            } else if (t == J_NULL) {
                nv++;
            } else {
                rc = -2;
            }
        }
        const char *mic = rc == 0 && v[3] ? sec_mic(v[3]) : NULL;
        if (nv == 4 && v[0] && v[1] && v[2] && mic && common_symbol(v[2]))
            rc = add_sec_row(out, v, mic);
        for (int k = 0; k < 4; k++) free(v[k]);
        if (rc) return rc;
    }
}

int tl_read_sec(const char *path, tl_brows *out)
{
    char *text;
    size_t len;
    if (tl_slurp(path, &text, &len)) return -1;
    jr J = {text, len, 0, {0}};
    size_t first = out->n;
    int rc = jtok(&J) == J_LBRACE ? 0 : -2, seen_data = 0;
    while (rc == 0) {
        int t = jtok(&J);
        if (t == J_RBRACE) break;
        if (t == J_COMMA) continue;
        if (t != J_STRING) {
            rc = -2;
            break;
        }
        int is_data = !strcmp(J.str.data, "data");
        if (jtok(&J) != J_COLON) {
            rc = -2;
            break;
        }
        if (is_data)
            rc = read_sec_rows(&J, out), seen_data = 1;
        else if (jskip(&J, jtok(&J)))
            rc = -2;
    }
    if (rc == 0 && !seen_data) rc = -2; /* an object without the table */
    np_buf_free(&J.str);
    free(text);
    if (rc == -2) {
        np_error("%s: not an SEC company_tickers_exchange.json file (near byte %zu)", path, J.i);
        return -1;
    }
    if (rc == 0) {
        drop_otc_lines(out, first);
        type_sec_lines(out, first);
        rc = tl_sec_cik_dates(out, first);
    }
    if (rc) np_error("%s: out of memory", path);
    return rc ? -1 : 0;
}

/* ---- CSV / TSV ------------------------------------------------------------------------ */

/* Splits one CSV line in place (RFC 4180 quotes); returns the field count. */
static int split_csv(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        if (*p == '"') {
            char *w = ++p, *start = p;
            while (*p) {
                if (*p == '"' && p[1] == '"') {
                    *w++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *w++ = *p++;
                }
            }
            char *after = p;
            *w = '\0';
            f[n++] = start;
            p = after;
            if (*p == ',')
                p++;
            else
                break;
        } else {
            f[n++] = p;
            char *c = strchr(p, ',');
            if (!c) break;
            *c = '\0';
            p = c + 1;
        }
    }
    return n;
}

int tl_read_sp500(const char *path, tl_brows *rows)
{
    char *text;
    size_t len;
    if (tl_slurp(path, &text, &len)) return -1;
    char *save = NULL;
    int line = 0, isym = -1, isec = -1, icik = -1;
    for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        line++;
        size_t n = strlen(l);
        if (n && l[n - 1] == '\r') l[n - 1] = '\0';
        char *f[16];
        int nf = split_csv(l, f, 16);
        if (line == 1) {
            for (int i = 0; i < nf; i++) {
                if (!strcmp(f[i], "Symbol")) isym = i;
                if (!strcmp(f[i], "Security")) isec = i;
                if (!strcmp(f[i], "CIK")) icik = i;
            }
            if (isym < 0 || isec < 0 || icik < 0) {
                np_error("%s:1: want columns Symbol, Security and CIK", path);
                free(text);
                return -1;
            }
            continue;
        }
        if (nf <= isym || nf <= isec || nf <= icik) continue;
        char id[64];
        snprintf(id, sizeof id, "cik:%ld", strtol(f[icik], NULL, 10));
        char *name = f[isec];
        char *paren = strstr(name, " (");
        if (paren) *paren = '\0';
        /* The S&P's short name is an alias of the issuer, and membership a prior boost. */
        for (size_t i = 0; i < rows->n; i++) {
            tl_brow *r = &rows->r[i];
            if (strcmp(r->issuer, id)) continue;
            if (!r->sp500)
                r->prior = r->prior + TL_SP500_BOOST > 100 ? 100 : r->prior + TL_SP500_BOOST;
            r->sp500 = 1;
            if (!strstr(r->aliases, name)) {
                size_t need = strlen(r->aliases) + strlen(name) + 2;
                char *a = malloc(need);
                if (!a) {
                    free(text);
                    return -1;
                }
                snprintf(a, need, "%s%s%s", r->aliases, r->aliases[0] ? "|" : "", name);
                free(r->aliases);
                r->aliases = a;
            }
        }
    }
    free(text);
    return 0;
}
