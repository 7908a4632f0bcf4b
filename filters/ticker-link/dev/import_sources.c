/* Readers for the public source files the importer understands (see import_model.h):
 * SEC company_tickers_exchange.json, Nasdaq screener JSON, the S&P 500 constituents CSV
 * and FinanceDatabase equities TSV. Build-time code: clarity over speed. */
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

static int slurp(const char *path, char **out, size_t *len)
{
    np_buf b = {0};
    if (np_buf_read_file(&b, path) < 0) {
        np_error("%s: %s", path, strerror(errno));
        np_buf_free(&b);
        return -1;
    }
    *out = b.data;
    *len = b.len;
    return 0;
}

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
    if (slurp(path, &text, &len)) return -1;
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

int tl_read_sec(const char *path, tl_brows *out)
{
    char *text;
    size_t len;
    if (slurp(path, &text, &len)) return -1;
    jr J = {text, len, 0, {0}};
    size_t first = out->n;
    if (jtok(&J) != J_LBRACE) goto bad;
    for (;;) {
        int t = jtok(&J);
        if (t == J_RBRACE) break;
        if (t == J_COMMA) continue;
        if (t != J_STRING) goto bad;
        int is_data = !strcmp(J.str.data, "data");
        if (jtok(&J) != J_COLON) goto bad;
        t = jtok(&J);
        if (!is_data) {
            if (jskip(&J, t)) goto bad;
            continue;
        }
        if (t != J_LBRACK) goto bad;
        for (;;) {
            t = jtok(&J);
            if (t == J_RBRACK) break;
            if (t == J_COMMA) continue;
            if (t != J_LBRACK) goto bad;
            char *v[4] = {0};
            int nv = 0;
            for (;;) {
                t = jtok(&J);
                if (t == J_RBRACK) break;
                if (t == J_COMMA) continue;
                if (t == J_STRING || t == J_NUMBER) {
                    if (nv < 4) v[nv] = tl_strdup(J.str.data);
                    nv++;
                } else if (t == J_NULL) {
                    nv++;
                } else {
                    goto bad;
                }
            }
            const char *mic = v[3] ? sec_mic(v[3]) : NULL;
            if (nv == 4 && v[0] && v[1] && v[2] && mic && common_symbol(v[2])) {
                const char *smic, *sname;
                double mcap = 0;
                int kind = 0, foreign = 0, ipoyear = 0;
                int have =
                    tl_screener_lookup(v[2], &smic, &sname, &mcap, &kind, &foreign, &ipoyear) == 0;
                if (!(have && kind == 2)) {
                    tl_brow *r = tl_brows_add(out);
                    if (!r) goto oom;
                    char id[64];
                    snprintf(id, sizeof id, "cik:%s", v[0]);
                    clean_sec_name(v[1]);
                    r->issuer = tl_strdup(id);
                    r->symbol = tl_strdup(v[2]);
                    r->name = tl_strdup(have && sname[0] ? sname : v[1]);
                    r->aliases = tl_strdup(have && sname[0] && strcasecmp(sname, v[1]) ? v[1] : "");
                    r->ric = tl_strdup("");
                    /* The screener's country of the issuer: a foreign issuer's home listings
                     * join its US line, a US issuer's do not (a same-name company abroad). */
                    const char *cc = have ? tl_screener_country(v[2]) : "";
                    r->domicile = tl_strdup(have && !foreign ? "US" : cc);
                    if (!r->issuer || !r->symbol || !r->name || !r->aliases || !r->ric ||
                        !r->domicile)
                        goto oom;
                    snprintf(r->mic, sizeof r->mic, "%s", have && strcmp(mic, "OTCM") ? smic : mic);
                    snprintf(r->country, sizeof r->country, "US");
                    r->adr = have && (kind == 1 || foreign);
                    /* Typed below when the screener does not know the symbol. */
                    r->type = have ? (kind == 1 ? TL_SEC_DEPOSITARY : TL_SEC_COMMON) : -1;
                    r->prior = (int)prior_of_mcap(mcap);
                    /* The screener's IPO year bounds the listing from below (to the year), so
                     * old news does not link a company that was not listed yet. */
                    if (ipoyear >= 1990 && ipoyear <= 2100)
                        snprintf(r->from, sizeof r->from, "%04d-01-01", ipoyear);
                    if (!strcmp(r->mic, "OTCM")) r->prior = 10;
                }
            }
            for (int k = 0; k < 4; k++) free(v[k]);
        }
    }
    np_buf_free(&J.str);
    free(text);
    /* OTC lines of issuers that also trade on an exchange are foreign ordinaries or
     * secondary lines: drop them; of an OTC-only issuer keep the first line (the SEC lists
     * the common stock first, then preferreds). */
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
    /* Symbols the screener (stocks only) does not know: the symbol directory's type, else
     * the name's ("... ETF TRUST"); a further symbol of an issuer whose stock the screener
     * knows, sharing no stem with it, is another security (a bank's notes). */
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
    if (tl_sec_cik_dates(out, first)) {
        np_error("%s: out of memory", path);
        return -1;
    }
    return 0;
oom:
    np_buf_free(&J.str);
    free(text);
    np_error("%s: out of memory", path);
    return -1;
bad:
    np_buf_free(&J.str);
    free(text);
    np_error("%s: not an SEC company_tickers_exchange.json file (near byte %zu)", path, J.i);
    return -1;
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
    if (slurp(path, &text, &len)) return -1;
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

static const struct {
    const char *name, *code;
} countries[] = {
    {"United States", "US"},
    {"China", "CN"},
    {"Hong Kong", "HK"},
    {"Japan", "JP"},
    {"United Kingdom", "GB"},
    {"Germany", "DE"},
    {"France", "FR"},
    {"Netherlands", "NL"},
    {"Switzerland", "CH"},
    {"Italy", "IT"},
    {"Spain", "ES"},
    {"Sweden", "SE"},
    {"Norway", "NO"},
    {"Denmark", "DK"},
    {"Finland", "FI"},
    {"Belgium", "BE"},
    {"Austria", "AT"},
    {"Portugal", "PT"},
    {"Ireland", "IE"},
    {"Luxembourg", "LU"},
    {"Canada", "CA"},
    {"Australia", "AU"},
    {"New Zealand", "NZ"},
    {"Singapore", "SG"},
    {"India", "IN"},
    {"South Korea", "KR"},
    {"Taiwan", "TW"},
    {"Brazil", "BR"},
    {"Mexico", "MX"},
    {"Israel", "IL"},
    {"South Africa", "ZA"},
    {"Russia", "RU"},
    {"Bermuda", "BM"},
    {"Cayman Islands", "KY"},
    {"Jersey", "JE"},
    {"Guernsey", "GG"},
    {"Isle of Man", "IM"},
    {"Greece", "GR"},
    {"Poland", "PL"},
    {"Turkey", "TR"},
    {"Indonesia", "ID"},
    {"Malaysia", "MY"},
    {"Thailand", "TH"},
    {"Philippines", "PH"},
    {"Argentina", "AR"},
    {"Chile", "CL"},
    {"Colombia", "CO"},
    {"Peru", "PE"},
    {"United Arab Emirates", "AE"},
    {"Saudi Arabia", "SA"},
    {"Macau", "MO"},
    {"Monaco", "MC"},
    {"Cyprus", "CY"},
    {"Czech Republic", "CZ"},
    {"Hungary", "HU"},
    {"Iceland", "IS"},
    {"Malta", "MT"},
    {"Vietnam", "VN"},
    {"Kazakhstan", "KZ"},
    {"Ukraine", "UA"},
    {"Egypt", "EG"},
    {"British Virgin Islands", "VG"},
    {"Gibraltar", "GI"},
    {"Liechtenstein", "LI"},
};

const char *tl_country_code(const char *name)
{
    for (size_t i = 0; i < sizeof countries / sizeof *countries; i++)
        if (!strcmp(countries[i].name, name)) return countries[i].code;
    return "";
}

/* Lines that are not a company's own listing: foreign shares quoted on a second market
 * (US companies in Vienna or Milan, the LSE's international order book "0xxx"), and
 * exchange-traded products without a domicile. The issuer's home listing stays. */
static int product_name(const char *name)
{
    static const char *const products[] = {
        "Leverage Shares", " ETC", " ETF", " ETN",  "iShares", "Xtrackers", "Lyxor",  "WisdomTree",
        "Amundi",          "LS ",  " CW ", "Turbo", "TURBO",   " BSA",      "Tracker"};
    for (size_t i = 0; i < sizeof products / sizeof *products; i++)
        if (strstr(name, products[i])) return 1;
    return 0;
}

static int secondary_quote(const tl_exchange *x, const char *sym, const char *name, const char *dom)
{
    static const char *const second_markets[] = {"XWBO", "XSWX", "XMIL", "XETR", "XSTO",
                                                 "XLON", "XPAR", "XAMS", "XTSE"};
    if (product_name(name)) return 1;
    if (!strcmp(x->mic, "XLON") && sym[0] == '0' && sym[1] >= 'A' && sym[1] <= 'Z') return 1;
    if (!strcmp(dom, x->country)) return 0;
    if (!strcmp(dom, "US")) return 1;
    for (size_t i = 0; i < sizeof second_markets / sizeof *second_markets; i++) {
        if (strcmp(x->mic, second_markets[i])) continue;
        if (!dom[0]) return 1;
        /* London hosts many primary listings of companies domiciled in the Channel Islands,
         * Ireland, Bermuda and the like; elsewhere a foreign domicile means a second line. */
        if (!strcmp(x->mic, "XLON"))
            return !strcmp(dom, "DE") || !strcmp(dom, "FR") || !strcmp(dom, "SE") ||
                   !strcmp(dom, "IT") || !strcmp(dom, "NO") || !strcmp(dom, "FI") ||
                   !strcmp(dom, "NL") || !strcmp(dom, "BE") || !strcmp(dom, "DK") ||
                   !strcmp(dom, "BR") || !strcmp(dom, "CA") || !strcmp(dom, "AU") ||
                   !strcmp(dom, "JP");
        if (!strcmp(x->mic, "XAMS") || !strcmp(x->mic, "XPAR")) return 0;
        return 1;
    }
    return 0;
}

/* FinanceDatabase writes a Toronto or Stockholm security other than the common stock as the
 * stock's symbol, a dash and a class code (Yahoo's form of TSX "BMO.PR.B"): "BMO-PB",
 * "ALA-PFA", "SHB-PREF" and "OP-PREFB" are preferred shares, "-WT" warrants, "-RT" rights, "-DB"
 * debentures, "-BTA" and "-TO1" Swedish subscription rights and warrants. Typed, they are
 * neither the issuer's primary listing nor linked by its name (they were both: a mention of
 * Bank of Montreal linked its six preferreds). Units ("-UN"), US-dollar lines ("-U") and
 * share classes ("-A", "-B") stay equity. */
static int intl_security_type(const char *mic, const char *sym)
{
    const char *d = strchr(sym, '-');
    if (!d) return TL_SEC_COMMON;
    const char *c = d + 1;
    size_t n = strlen(c);
    if (!strcmp(mic, "XTSE") || !strcmp(mic, "XTSX")) {
        if (c[0] == 'P' && n >= 2 && n <= 3 && strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == n)
            return TL_SEC_PREFERRED;
        if (!strncmp(c, "WT", 2) || !strcmp(c, "W") || !strncmp(c, "RT", 2) || !strcmp(c, "R"))
            return TL_SEC_OTHER;
        if (!strncmp(c, "DB", 2)) return TL_SEC_NOTE;
    } else if (!strcmp(mic, "XSTO")) {
        if (!strncmp(c, "PREF", 4) && n <= 5) return TL_SEC_PREFERRED; /* also "-PREFB" */
        if ((!strncmp(c, "BT", 2) && n == 3) ||
            (!strncmp(c, "TO", 2) && n >= 3 && c[2] >= '0' && c[2] <= '9'))
            return TL_SEC_OTHER;
    }
    return TL_SEC_COMMON;
}

static const tl_brows *intl_rows;
static int cmp_intl(const void *a, const void *b)
{
    const tl_brow *x = &intl_rows->r[*(const size_t *)a], *y = &intl_rows->r[*(const size_t *)b];
    int c = strcmp(x->mic, y->mic);
    if (c) return c;
    c = strcmp(x->symbol, y->symbol);
    if (c) return c;
    return (x->to[0] != 0) - (y->to[0] != 0); /* the current line first */
}

/* Drops the delisted lines (rows[first..] with a valid_to) whose code a current line of the
 * file still has: the code was reused, and when it changed hands is not known. */
static int drop_reused(tl_brows *rows, size_t first)
{
    size_t n = rows->n - first;
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    if (!idx) return -1;
    for (size_t i = 0; i < n; i++) idx[i] = first + i;
    intl_rows = rows;
    qsort(idx, n, sizeof *idx, cmp_intl);
    for (size_t i = 1; i < n; i++) {
        tl_brow *a = &rows->r[idx[i - 1]], *b = &rows->r[idx[i]];
        if (b->to[0] && !strcmp(a->mic, b->mic) && !strcmp(a->symbol, b->symbol) &&
            (!a->to[0] || a->dropped))
            b->dropped = 1;
    }
    free(idx);
    return 0;
}

static int has_lower(const char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z') return 1;
    return 0;
}

static int cmp_intl_name(const void *a, const void *b)
{
    const tl_brow *x = &intl_rows->r[*(const size_t *)a], *y = &intl_rows->r[*(const size_t *)b];
    int c = strcmp(x->mic, y->mic);
    if (c) return c;
    c = strcmp(x->name, y->name);
    return c ? c : strcmp(x->symbol, y->symbol);
}

/* A share class written as the stock's code, a dash and one letter ("CTC-A": Canadian Tire's
 * class A, its most traded line). */
static int class_form(const char *sym)
{
    const char *d = strrchr(sym, '-');
    return d && d[1] >= 'A' && d[1] <= 'Z' && !d[2];
}

/* Further current lines of one company on one exchange (rows[first..], the same name) that
 * are not its shares as news names them, typed so that a mention of the name no longer
 * links each of them (a mention of Credit Agricole linked 43 Paris lines):
 * - Seoul's preferred shares: the common stock's code with its last digit 0 changed
 *   ("005935" beside Samsung Electronics' "005930"), the exchange's numbering rule;
 * - Sydney's further securities of a company: its three-character code and more, "P" then
 *   a letter for preference shares and hybrids ("CBAPD", Commonwealth Bank's PERLS),
 *   others for deferred settlement, contributing or new shares and notes ("BRLDB"); also
 *   under another name than the shares' ("ANZPH" under the bank's name of 2013 while
 *   "ANZ" is under ANZ Group Holdings'): ordinary shares have three characters. Such a
 *   line takes the shares' name, so that it joins their issuer, and keeps its own as an
 *   alias when it reads as a company's (a former name: "Lithium Australia NL" of Livium),
 *   not a security's ("... PERPETUAL FLTG RTE CAP NOTE", "CSHARE RTS FORUS", a date);
 * - Zurich's second trading lines (for buybacks: the shares' code and "E" or "EE",
 *   "NESNE" beside Nestle's "NESN") and Paris's lines of new shares (the code and "NV",
 *   "SANNV" beside Sanofi's "SAN"), the exchanges' naming;
 * - a series of lines FinanceDatabase gives no identifier (no ISIN, FIGI or composite
 *   FIGI), three or more, when a line of the same name there has one: the products a bank
 *   issues under its name (42 such lines beside Credit Agricole's "ACA"), as UBS's notes on
 *   the SEC's list. One or two such lines are not typed: they are as often a former code
 *   (Daimler's "DAI" beside "MBG", linked by news of its time) or another class of shares
 *   (Shanghai's A shares beside the B shares' line) as a product. A share class written
 *   "-A" never counts. has_id[i - first] says whether row i had an identifier; NULL when
 *   the file has no identifier columns. */
static int type_further_lines(tl_brows *rows, size_t first, const uint8_t *has_id)
{
    size_t n = rows->n - first, m = 0;
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    if (!idx) return -1;
    for (size_t i = first; i < rows->n; i++)
        if (!rows->r[i].dropped && !rows->r[i].to[0]) idx[m++] = i;
    intl_rows = rows;
    qsort(idx, m, sizeof *idx, cmp_intl_name);
    for (size_t a = 0, b; a < m; a = b) {
        const tl_brow *A = &rows->r[idx[a]];
        int any_id = 0, bare = 0;
        for (b = a; b < m && !strcmp(rows->r[idx[b]].mic, A->mic) &&
                    !strcmp(rows->r[idx[b]].name, A->name);
             b++) {
            const tl_brow *r = &rows->r[idx[b]];
            int id = has_id && has_id[idx[b] - first];
            any_id |= id;
            bare += !id && r->type == TL_SEC_COMMON && !class_form(r->symbol);
        }
        int series = any_id && bare >= 3;
        int seoul = !strcmp(A->mic, "XKRX") || !strcmp(A->mic, "XKOS");
        int sydney = !strcmp(A->mic, "XASX");
        const char *const *tails = NULL;
        static const char *const zurich[] = {"E", "EE", NULL}, *const paris[] = {"NV", NULL};
        if (!strcmp(A->mic, "XSWX")) tails = zurich;
        if (!strcmp(A->mic, "XPAR")) tails = paris;
        if (b - a < 2 && !sydney) continue;
        for (size_t k = a; k < b; k++) {
            tl_brow *r = &rows->r[idx[k]];
            if (r->type != TL_SEC_COMMON) continue;
            size_t len = strlen(r->symbol);
            if (sydney && len > 3) {
                const tl_brow *base = NULL;
                for (size_t j = 0; j < m && !base; j++) {
                    const tl_brow *s = &rows->r[idx[j]];
                    if (!strcmp(s->mic, "XASX") && strlen(s->symbol) == 3 &&
                        !strncmp(s->symbol, r->symbol, 3))
                        base = s;
                }
                if (base && strcmp(base->name, r->name)) {
                    char *own = r->name;
                    r->name = tl_strdup(base->name);
                    if (!r->name) {
                        r->name = own;
                        free(idx);
                        return -1;
                    }
                    int company = tl_security_type(own) == TL_SEC_COMMON &&
                                  !strpbrk(own, "0123456789") && has_lower(own);
                    if (company && !r->aliases[0]) {
                        free(r->aliases);
                        r->aliases = own;
                    } else {
                        free(own);
                    }
                }
                if (base) {
                    r->type = r->symbol[3] == 'P' ? TL_SEC_PREFERRED : TL_SEC_OTHER;
                    continue;
                }
            }
            if (seoul && len == 6 && r->symbol[5] != '0') {
                int common = 0;
                for (size_t j = a; j < b && !common; j++) {
                    const char *s = rows->r[idx[j]].symbol;
                    common = strlen(s) == 6 && !strncmp(s, r->symbol, 5) && s[5] == '0';
                }
                if (common) {
                    r->type = TL_SEC_PREFERRED;
                    continue;
                }
            }
            int further = 0;
            for (size_t j = a; tails && j < b && !further; j++) {
                const char *s = rows->r[idx[j]].symbol;
                size_t sl = strlen(s);
                if (j == k || sl >= len || strncmp(s, r->symbol, sl)) continue;
                for (const char *const *t = tails; *t && !further; t++)
                    further = !strcmp(r->symbol + sl, *t);
            }
            if (further) {
                r->type = TL_SEC_OTHER;
                continue;
            }
            if (series && !has_id[idx[k] - first] && !class_form(r->symbol)) r->type = TL_SEC_OTHER;
        }
    }
    free(idx);
    return 0;
}

/* A company's quotes on other countries' markets for foreign blue chips (quoted_abroad):
 * only companies that investors abroad trade are quoted there, so their number stands in
 * for the size FinanceDatabase does not give. Keys are "domicile\tname\tmic", each counted
 * once. */
typedef struct {
    char **k; /* owned, each malloc'd */
    size_t n, cap;
} abroad;

static int abroad_add(abroad *a, const char *dom, const char *name, const char *mic)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 1024;
        char **k = realloc(a->k, cap * sizeof *k);
        if (!k) return -1;
        a->k = k;
        a->cap = cap;
    }
    size_t len = strlen(dom) + strlen(name) + strlen(mic) + 3;
    char *k = malloc(len);
    if (!k) return -1;
    snprintf(k, len, "%s\t%s\t%s", dom, name, mic);
    a->k[a->n++] = k;
    return 0;
}

/* A second quote (secondary_quote) of a European company of another country on the
 * continental markets that quote foreign blue chips beside their own companies: Xetra,
 * Milan's and Vienna's global segments. Not London's international order book, Toronto or
 * Stockholm, where cross-listings of small miners and depositary receipts are common. */
static int quoted_abroad(const tl_exchange *x, const char *dom, const char *name)
{
    static const char *const markets[] = {"XETR", "XMIL", "XWBO"};
    /* European companies only: Xetra and Vienna quote North American miners of any size
     * (McEwen Mining). */
    static const char europe[] = "AT BE CH DE DK ES FI FR GB IE IT LU NL NO PT SE";
    if (strlen(dom) != 2 || !strstr(europe, dom) || !strcmp(dom, x->country) || product_name(name))
        return 0;
    for (size_t i = 0; i < sizeof markets / sizeof *markets; i++)
        if (!strcmp(x->mic, markets[i])) return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Distinct second markets quoting the company of this domicile and name. */
static int abroad_count(const abroad *a, const char *dom, const char *name)
{
    char key[512];
    int len = snprintf(key, sizeof key, "%s\t%s\t", dom, name);
    if (len < 0 || (size_t)len >= sizeof key) return 0;
    size_t lo = 0, hi = a->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(a->k[mid], key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    int n = 0;
    for (size_t i = lo; i < a->n && !strncmp(a->k[i], key, (size_t)len); i++)
        n += i == lo || strcmp(a->k[i], a->k[i - 1]) != 0;
    return n;
}

static void abroad_free(abroad *a)
{
    for (size_t i = 0; i < a->n; i++) free(a->k[i]);
    free(a->k);
}

int tl_read_intl(const char *path, const char *date, tl_brows *out)
{
    size_t first = out->n;
    char *text;
    size_t len;
    if (slurp(path, &text, &len)) return -1;
    char *save = NULL;
    int line = 0;
    int col[13];
    enum { SYM, NAME, MIC, COUNTRY, SECTOR, DELISTED, NC };
    static const char *const want[NC] = {"symbol", "name", "mic", "country", "sector", "delisted"};
    /* optional: the identifiers (see type_further_lines) */
    static const char *const ids[3] = {"isin", "figi", "composite_figi"};
    int idcol[3] = {-1, -1, -1}, nid = 0;
    uint8_t *has_id = NULL; /* per row added, from first */
    size_t has_cap = 0;
    abroad ab = {0};
    for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        line++;
        size_t n = strlen(l);
        if (n && l[n - 1] == '\r') l[n - 1] = '\0';
        char *f[32];
        int nf = 0;
        for (char *p = l;;) {
            if (nf == 32) break;
            f[nf++] = p;
            char *tab = strchr(p, '\t');
            if (!tab) break;
            *tab = '\0';
            p = tab + 1;
        }
        if (line == 1) {
            for (int c = 0; c < NC; c++) {
                col[c] = -1;
                for (int i = 0; i < nf; i++)
                    if (!strcmp(f[i], want[c])) col[c] = i;
                if (col[c] < 0) {
                    np_error("%s:1: missing column '%s'", path, want[c]);
                    free(text);
                    abroad_free(&ab);
                    return -1;
                }
            }
            for (int c = 0; c < 3; c++)
                for (int i = 0; i < nf; i++)
                    if (!strcmp(f[i], ids[c])) idcol[nid++] = i;
            continue;
        }
        int maxc = 0;
        for (int c = 0; c < NC; c++)
            if (col[c] > maxc) maxc = col[c];
        if (nf <= maxc) continue;
        int delisted = !strcmp(f[col[DELISTED]], "True");
        if ((delisted && !date) || !f[col[NAME]][0]) continue;
        /* No sector: mostly certificates and warrants ("CAC40 4500C"), but some blue chips
         * too (Vodafone, Danone); keep names that look like a company's. */
        if (!f[col[SECTOR]][0] && strpbrk(f[col[NAME]], "0123456789%/")) continue;
        char *sym = f[col[SYM]];
        char *dot = strrchr(sym, '.');
        if (!dot || dot == sym) continue;
        const tl_exchange *x = tl_exchange_by_yahoo_suffix(dot + 1, strlen(dot + 1));
        if (!x) continue;
        *dot = '\0';
        if (sym[strcspn(sym, " \t|")]) continue;
        /* A line quoted under its ISIN ("FR0000140022") is another quote of a company
         * listed under its symbol: not a listing news names. */
        if (strlen(sym) == 12 && sym[0] >= 'A' && sym[0] <= 'Z' && sym[1] >= 'A' && sym[1] <= 'Z' &&
            sym[11] >= '0' && sym[11] <= '9' && strpbrk(sym + 2, "0123456789"))
            continue;
        const char *dom = tl_country_code(f[col[COUNTRY]]);
        if (secondary_quote(x, sym, f[col[NAME]], dom)) {
            if (quoted_abroad(x, dom, f[col[NAME]]) && abroad_add(&ab, dom, f[col[NAME]], x->mic)) {
                free(text);
                abroad_free(&ab);
                np_error("%s: out of memory", path);
                return -1;
            }
            continue;
        }
        tl_brow *r = tl_brows_add(out);
        if (!r) {
            free(text);
            np_error("%s: out of memory", path);
            abroad_free(&ab);
            return -1;
        }
        char id[64];
        snprintf(id, sizeof id, "%s:%s", x->mic, sym);
        r->issuer = tl_strdup(id);
        r->symbol = tl_strdup(sym);
        r->name = tl_strdup(f[col[NAME]]);
        r->aliases = tl_strdup("");
        r->ric = tl_strdup("");
        r->domicile = tl_strdup(tl_country_code(f[col[COUNTRY]]));
        if (!r->issuer || !r->symbol || !r->name || !r->aliases || !r->ric || !r->domicile) {
            free(text);
            abroad_free(&ab);
            return -1;
        }
        snprintf(r->mic, sizeof r->mic, "%s", x->mic);
        snprintf(r->country, sizeof r->country, "%s", r->domicile[0] ? r->domicile : x->country);
        r->prior = TL_PRIOR_LISTED_NAME;
        /* A delisted line says when the listing ended, not when it began: an older namesake
         * the sources lack ("Nortel Networks Corp" of 2009 for Nortel AS) takes its words
         * unless the name is written as listed (TL_PRIOR_DELISTED). */
        if (delisted) {
            tl_shift_day(date, -1, r->to);
            r->prior = TL_PRIOR_DELISTED;
        }
        r->type = intl_security_type(x->mic, sym);
        /* A coupon in the name is a bond's or a note's ("Australia 2% IDX/LKD SNR BDS
         * 21/08/2035", "VGP3.5%19MAR2026"): no share a company mention links ("Australia
         * 2-1" had linked one). */
        if (r->type == TL_SEC_COMMON && strchr(r->name, '%')) r->type = TL_SEC_NOTE;
        if (nid) {
            size_t k = out->n - first;
            if (k > has_cap) {
                size_t cap = has_cap ? has_cap * 2 : 4096;
                uint8_t *h = realloc(has_id, cap);
                if (!h) {
                    free(has_id);
                    free(text);
                    np_error("%s: out of memory", path);
                    abroad_free(&ab);
                    return -1;
                }
                has_id = h;
                has_cap = cap;
            }
            has_id[k - 1] = 0;
            for (int c = 0; c < nid; c++)
                if (idcol[c] < nf && f[idcol[c]][0]) has_id[k - 1] = 1;
        }
    }
    free(text);
    if (ab.n) qsort(ab.k, ab.n, sizeof *ab.k, cmp_str);
    for (size_t i = first; i < out->n; i++) {
        tl_brow *r = &out->r[i];
        /* Two markets abroad, not one: Vienna alone quotes mid caps too (GFT Technologies,
         * McEwen Mining). Not a delisted line's prior. */
        if (r->prior == TL_PRIOR_LISTED_NAME && abroad_count(&ab, r->domicile, r->name) >= 2)
            r->prior = TL_PRIOR_STRONG_NAME;
    }
    abroad_free(&ab);
    int rc = (date && drop_reused(out, first)) || type_further_lines(out, first, has_id) ? -1 : 0;
    free(has_id);
    if (rc) np_error("%s: out of memory", path);
    return rc;
}
