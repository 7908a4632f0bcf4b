/* Dateline and credit-line detection (see zones.h). */
#include "zones.h"

#include <string.h>

/* "CITY (Agency) -" within the first 200 bytes: a parenthesized word followed by a dash. */
static size_t dateline_end(const char *s, size_t n)
{
    size_t lim = n < 200 ? n : 200;
    const char *open = memchr(s, '(', lim);
    if (!open) return 0;
    const char *close = memchr(open, ')', lim - (size_t)(open - s));
    if (!close || close - open > 40) return 0;
    for (const char *p = s; p < open; p++)
        if (*p == '\n') return 0;
    size_t i = (size_t)(close - s) + 1;
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i < n && s[i] == '-') return i + 1;
    if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
        return i + 3;
    return 0;
}

static const char *const credit_words[] = {
    "Reporting by", "Reporting By", "Additional reporting", "Additional Reporting",
    "Writing by",   "Writing By",   "Editing by",           "Editing By",
    "Compiled by",  "Research by",  "Reported by",          "Written by",
    "Edited by",    "Produced by",
};

static size_t credit_at(const char *s, size_t n, size_t i)
{
    for (size_t k = 0; k < sizeof credit_words / sizeof *credit_words; k++) {
        size_t m = strlen(credit_words[k]);
        if (i + m <= n && memcmp(s + i, credit_words[k], m) == 0) return m;
    }
    return 0;
}

size_t tl_find_zones(const char *s, size_t n, tl_zone *z, size_t max)
{
    size_t nz = 0;
    size_t d = dateline_end(s, n);
    if (d && nz < max) z[nz++] = (tl_zone){0, (uint32_t)d};
    /* The next line start is kept between jumps: searching for it again at every '(' went
     * to the end of a text with no newline each time (quadratic: a 10 MB body of codes in
     * parentheses took 42 s). */
    size_t nq = 0;
    for (size_t i = 0; i < n && nz < max; i++) {
        /* Jump to the next '(' or line start (memchr is much faster than a byte loop). */
        if (i > 0 && s[i - 1] != '\n' && s[i] != '(') {
            const char *p = memchr(s + i, '(', n - i);
            if (nq <= i) {
                const char *q = memchr(s + i, '\n', n - i);
                nq = q ? (size_t)(q - s) + 1 : n;
            }
            size_t np = p ? (size_t)(p - s) : n;
            i = np < nq ? np : nq;
            if (i >= n) break;
        }
        int paren = s[i] == '(';
        size_t j = paren ? i + 1 : i;
        while (j < n && s[j] == ' ') j++;
        if (!credit_at(s, n, j)) continue;
        size_t e = j;
        while (e < n && s[e] != '\n' && !(paren && s[e] == ')')) e++;
        if (e < n && s[e] == ')') e++;
        z[nz++] = (tl_zone){(uint32_t)i, (uint32_t)e};
        i = e;
    }
    return nz;
}

int tl_in_zone(const tl_zone *z, size_t nz, uint32_t b)
{
    for (size_t i = 0; i < nz; i++)
        if (b >= z[i].b0 && b < z[i].b1) return 1;
    return 0;
}
