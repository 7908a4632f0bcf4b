/* The explicit-pattern scanner (see patterns.h). Every pattern is anchored on a rare byte
 * ('(' '<' ':' '$'), so the scan is a few memchr-like passes over the text. */
#include "patterns.h"

#include <stdlib.h>
#include <string.h>

static int upper(int c)
{
    return c >= 'A' && c <= 'Z';
}
static int lower(int c)
{
    return c >= 'a' && c <= 'z';
}
static int digit(int c)
{
    return c >= '0' && c <= '9';
}
static int alnum(int c)
{
    return upper(c) || lower(c) || digit(c);
}

static int push(tl_patterns *out, const tl_pattern *p)
{
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 32;
        tl_pattern *q = realloc(out->p, cap * sizeof *q);
        if (!q) return -1;
        out->p = q;
        out->cap = cap;
    }
    out->p[out->n++] = *p;
    return 0;
}

/* Parses a RIC at s[i..n): ROOT "." SUFFIX where ROOT is upper-case letters and digits,
 * optionally ending in a share-class tag of one or two lower-case letters ("BRKa",
 * "DBKGn", "VOWG_p"), and SUFFIX a known exchange code or "UL". Returns the end or 0. */
static size_t parse_ric(const char *s, size_t n, size_t i, tl_pattern *p)
{
    size_t b = i;
    while (i < n && (upper(s[i]) || digit(s[i])) && i - b < 12) i++;
    if (i == b) return 0;
    size_t root_end = i;
    if (i < n && s[i] == '_') i++;
    size_t lb = i;
    while (i < n && lower(s[i]) && i - lb < 2) i++;
    if (i > lb)
        root_end = i;
    else if (i > root_end)
        return 0; /* "_" without a class letter */
    if (i >= n || s[i] != '.') return 0;
    size_t sb = ++i;
    while (i < n && upper(s[i]) && i - sb < 3) i++;
    if (i == sb || (i < n && (alnum(s[i]) || s[i] == '_'))) return 0;
    p->unlisted = (i - sb == 2 && s[sb] == 'U' && s[sb + 1] == 'L');
    p->exch = p->unlisted ? NULL : tl_exchange_by_ric_suffix(s + sb, i - sb);
    if (!p->exch && !p->unlisted) return 0;
    p->kind = TL_PAT_RIC;
    p->b0 = (uint32_t)b;
    p->b1 = (uint32_t)i;
    p->sym = s + b;
    p->sym_len = root_end - b;
    p->ric = s + b;
    p->ric_len = i - b;
    return i;
}

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    return i;
}

/* A bare US symbol: 1-5 capital letters, optionally a share class (".A", "-B"), at s[i..n).
 * Returns the end or 0. */
static size_t parse_bare(const char *s, size_t n, size_t i)
{
    size_t b = i;
    while (i < n && upper(s[i]) && i - b < 6) i++;
    if (i == b || i - b > 5) return 0;
    if (i + 1 < n && (s[i] == '.' || s[i] == '-') && upper(s[i + 1]) &&
        (i + 2 >= n || !alnum(s[i + 2])))
        i += 2;
    if (i < n && (alnum(s[i]) || s[i] == '_' || s[i] == '.' || s[i] == '&')) return 0;
    return i;
}

/* "(" SYMBOL ([,;] SYMBOL)* ")": bare symbols, only when the parentheses hold nothing else. */
static int scan_bare_group(const char *s, size_t n, size_t open, tl_patterns *out)
{
    tl_pattern found[8];
    size_t nf = 0, i = skip_spaces(s, n, open + 1);
    for (;;) {
        size_t e = parse_bare(s, n, i);
        if (!e || nf == 8) return 0;
        tl_pattern p = {0};
        p.kind = TL_PAT_SYMBOL;
        p.b0 = (uint32_t)i;
        p.b1 = (uint32_t)e;
        p.open = (uint32_t)open;
        p.sym = s + i;
        p.sym_len = e - i;
        found[nf++] = p;
        i = skip_spaces(s, n, e);
        if (i < n && s[i] == ')') break;
        if (i < n && (s[i] == ',' || s[i] == ';')) {
            i = skip_spaces(s, n, i + 1);
            continue;
        }
        return 0;
    }
    for (size_t k = 0; k < nf; k++) {
        found[k].group_n = (uint8_t)nf;
        if (push(out, &found[k])) return -1;
    }
    return 0;
}

/* "(" RIC ([,;] RIC)* ")" — only when the parentheses hold nothing but RICs; else, for "(",
 * bare symbols. */
static int scan_ric_group(const char *s, size_t n, size_t open, tl_patterns *out)
{
    char close = s[open] == '(' ? ')' : '>';
    tl_pattern found[16];
    size_t nf = 0, i = skip_spaces(s, n, open + 1);
    for (;;) {
        tl_pattern p = {0};
        size_t e = parse_ric(s, n, i, &p);
        if (!e) return close == ')' && nf == 0 ? scan_bare_group(s, n, open, out) : 0;
        p.open = (uint32_t)open;
        if (nf < 16) found[nf++] = p;
        i = skip_spaces(s, n, e);
        if (i < n && s[i] == close) break;
        if (i < n && (s[i] == ',' || s[i] == ';')) {
            i = skip_spaces(s, n, i + 1);
            continue;
        }
        return 0;
    }
    for (size_t k = 0; k < nf; k++)
        if (push(out, &found[k])) return -1;
    return 0;
}

/* A symbol after "EXCHANGE:": upper-case letters and digits with inner "." or "-"
 * ("BRK.A", "BF-B"), ending where no letter or digit follows. */
static size_t parse_symbol(const char *s, size_t n, size_t i)
{
    size_t b = i;
    while (i < n && (upper(s[i]) || digit(s[i]) ||
                     ((s[i] == '.' || s[i] == '-') && i > b && i + 1 < n &&
                      (upper(s[i + 1]) || digit(s[i + 1])))))
        i++;
    if (i == b || i - b > 12) return 0;
    if (i < n && (lower(s[i]) || s[i] == '_')) return 0;
    return i;
}

/* EXCHANGE ":" SYMBOL ([,;/] SYMBOL)*, the exchange name right before the colon. */
static int scan_exchange(const char *s, size_t n, size_t colon, tl_patterns *out)
{
    /* The name: up to 24 bytes of letters, spaces and hyphens before the colon. */
    size_t b = colon;
    while (b > 0 && colon - b < 24 && (alnum(s[b - 1]) || s[b - 1] == ' ' || s[b - 1] == '-')) b--;
    const tl_exchange *x = NULL;
    size_t nb = b;
    /* Try the longest candidate that starts a word, then drop leading words. */
    for (size_t k = b; k < colon; k++) {
        if (k > b && s[k - 1] != ' ') continue;
        if (s[k] == ' ') continue;
        size_t e = colon;
        while (e > k && s[e - 1] == ' ') e--;
        x = tl_exchange_by_name(s + k, e - k);
        if (x) {
            nb = k;
            break;
        }
    }
    if (!x) return 0;
    size_t i = skip_spaces(s, n, colon + 1);
    for (;;) {
        size_t e = parse_symbol(s, n, i);
        if (!e) return 0;
        tl_pattern p = {0};
        p.kind = TL_PAT_EXCHANGE;
        p.b0 = (uint32_t)i;
        p.b1 = (uint32_t)e;
        p.open = (uint32_t)(nb > 0 && s[nb - 1] == '(' ? nb - 1 : nb);
        p.sym = s + i;
        p.sym_len = e - i;
        p.exch = x;
        if (push(out, &p)) return -1;
        size_t j = skip_spaces(s, n, e);
        if (j < n && (s[j] == ',' || s[j] == ';' || s[j] == '/')) {
            i = skip_spaces(s, n, j + 1);
            continue;
        }
        return 0;
    }
}

/* Currency codes that look like cashtags ("$USD"). */
static int currency_code(const char *s, size_t n)
{
    static const char *const codes[] = {"US",  "USD", "EUR", "CAD", "AUD", "HKD",
                                        "JPY", "GBP", "CNY", "NZD", "SGD", "CHF",
                                        "A",   "C",   "NZ",  "HK",  "S"};
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        if (strlen(codes[i]) == n && memcmp(codes[i], s, n) == 0) return 1;
    return 0;
}

/* "$" SYMBOL: 1-6 upper-case letters, an optional class (".B", "-A"), not after a letter
 * ("US$") and not before a letter or digit. */
static int scan_cashtag(const char *s, size_t n, size_t i, tl_patterns *out)
{
    if (i > 0 && (alnum(s[i - 1]) || s[i - 1] == '$')) return 0;
    size_t b = i + 1, e = b;
    while (e < n && upper(s[e]) && e - b < 6) e++;
    if (e == b) return 0;
    if (e + 1 < n && (s[e] == '.' || s[e] == '-') && upper(s[e + 1]) &&
        (e + 2 >= n || !alnum(s[e + 2])))
        e += 2;
    if (e < n && (alnum(s[e]) || s[e] == '_')) return 0;
    if (currency_code(s + b, e - b)) return 0;
    tl_pattern p = {0};
    p.kind = TL_PAT_CASHTAG;
    p.b0 = (uint32_t)i;
    p.b1 = (uint32_t)e;
    p.open = (uint32_t)i;
    p.sym = s + b;
    p.sym_len = e - b;
    return push(out, &p);
}

/* A RIC outside parentheses, found at its full stop s[dot]: "Apple AAPL.O", "IncAAPL.O",
 * "Amazon.comAMZN.O". The root starts after a space, a quote or a lower-case letter (a
 * name glued on), never after a full stop, slash, colon, "@", hyphen or digit (U.S.A.,
 * file names, URLs, e-mail, dates); a one-letter root ("T.N") stands alone and is not
 * followed by a full stop ("U.S.", "J.P."); the suffix is a known exchange's and ends the
 * word. */
static int scan_loose_ric(const char *s, size_t n, size_t dot, tl_patterns *out)
{
    if (dot == 0 || dot + 1 >= n || !upper(s[dot + 1])) return 0;
    size_t b = dot, lb = dot;
    while (lb > 0 && lower(s[lb - 1]) && dot - lb < 2) lb--; /* share class: "BRKa", "DBKGn" */
    if (lb > 0 && s[lb - 1] == '_') lb--;
    b = lb;
    while (b > 0 && (upper(s[b - 1]) || digit(s[b - 1])) && lb - b < 12) b--;
    if (b == lb) return 0;
    if (lb < dot && b + 1 == lb) return 0; /* "Inc.", "No.1": a word, not a class tag */
    char before = b > 0 ? s[b - 1] : ' ';
    int glued = lower(before);
    if (!(before == ' ' || before == '\t' || before == '\n' || before == '"' || glued)) return 0;
    if (b > 0 && (upper(s[b - 1]) || digit(s[b - 1]))) return 0;
    tl_pattern p = {0};
    size_t e = parse_ric(s, n, b, &p);
    if (!e || p.unlisted) return 0;
    size_t root = lb - b;
    if (e < n) {
        char c = s[e];
        if (c == '.') {
            /* A sentence's full stop, not "U.S." or a file name. */
            if (root < 2 || (e + 1 < n && s[e + 1] != ' ' && s[e + 1] != '\n')) return 0;
        } else if (!(c == ' ' || c == '\t' || c == '\n' || c == ',' || c == ';' || c == ')' ||
                     c == '"' || c == ':')) {
            return 0;
        }
    }
    if (root < 2 && glued) return 0;
    /* A numeric root is an Asian exchange's code of four or more digits ("7203.T"), not a
     * year or a number ("2013.N", "5.T"). */
    int digits = 1;
    for (size_t k = b; k < lb && digits; k++) digits = digit(s[k]);
    if (digits && (root < 4 || !strcmp(p.exch->country, "US"))) return 0;
    p.loose = 1;
    p.open = p.b0;
    return push(out, &p);
}

static int cmp_pos(const void *a, const void *b)
{
    const tl_pattern *x = a, *y = b;
    if (x->b0 != y->b0) return x->b0 < y->b0 ? -1 : 1;
    return (x->loose > y->loose) - (x->loose < y->loose); /* in parentheses first */
}

int tl_find_patterns(const char *s, size_t n, tl_patterns *out)
{
    out->n = 0;
    /* Each anchor byte is found with memchr (fast on long texts); results are sorted below. */
    static const char anchors[] = "(<:$.";
    for (const char *a = anchors; *a; a++) {
        for (const char *p = memchr(s, *a, n); p; p = memchr(p + 1, *a, n - (size_t)(p + 1 - s))) {
            size_t i = (size_t)(p - s);
            int rc = *a == ':'   ? scan_exchange(s, n, i, out)
                     : *a == '$' ? scan_cashtag(s, n, i, out)
                     : *a == '.' ? scan_loose_ric(s, n, i, out)
                                 : scan_ric_group(s, n, i, out);
            if (rc) return -1;
            if (i + 1 >= n) break;
        }
    }
    /* Exchange patterns are found at their colon, after RIC groups that start earlier. */
    if (out->n > 1) qsort(out->p, out->n, sizeof *out->p, cmp_pos);
    /* A RIC in parentheses is also found at its full stop: keep it once. */
    size_t w = 0;
    for (size_t k = 0; k < out->n; k++)
        if (!(out->p[k].loose && w > 0 && out->p[w - 1].b0 == out->p[k].b0))
            out->p[w++] = out->p[k];
    out->n = w;
    return 0;
}

void tl_patterns_free(tl_patterns *p)
{
    free(p->p);
    p->p = NULL;
    p->n = p->cap = 0;
}
