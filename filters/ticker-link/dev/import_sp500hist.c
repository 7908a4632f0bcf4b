/* S&P 500 membership history (sp500_ticker_start_end.csv: ticker,start_date,end_date, the
 * codes as used at the time, no names, no exchange). Membership is not a listing date, so it
 * adds no listing and moves no validity bound; it says that the company holding the code
 * then was a large one. A US listing whose code was in the index while our dated sources
 * show this company under it (its validity, or the symbol directory snapshots that had it)
 * gets the prior boost of a current constituent: a former large cap, since acquired or
 * renamed, wins over a same-name smaller issuer and its one-word name needs no support.
 * Build-time code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "import_model.h"
#include "../listings.h"

typedef struct {
    char sym[16]; /* "BRK-B" form */
    char from[11], to[11];
} member;

static int cmp_member(const void *a, const void *b)
{
    return strcmp(((const member *)a)->sym, ((const member *)b)->sym);
}

static int is_day(const char *s)
{
    int32_t day;
    return strlen(s) == 10 && tl_parse_day(s, 10, &day) == 0;
}

/* Reads the closed intervals (an open one is a current member, which --sp500 boosts by its
 * CIK) into *out, sorted by symbol. Returns their count, or -1 after printing why. */
static long read_members(const char *path, member **out)
{
    np_buf b = {0};
    if (np_buf_read_file(&b, path) < 0 || np_buf_putc(&b, '\0')) {
        np_error("%s: cannot read", path);
        np_buf_free(&b);
        return -1;
    }
    member *m = NULL;
    size_t n = 0, cap = 0;
    long rc = 0;
    int line = 0;
    char *save = NULL;
    for (char *l = strtok_r(b.data, "\r\n", &save); l && rc == 0;
         l = strtok_r(NULL, "\r\n", &save)) {
        line++;
        char *f[3] = {l, NULL, NULL};
        f[1] = strchr(f[0], ',');
        if (f[1]) *f[1]++ = '\0';
        f[2] = f[1] ? strchr(f[1], ',') : NULL;
        if (f[2]) *f[2]++ = '\0';
        if (line == 1) {
            if (!f[2] || strcmp(f[0], "ticker") || strcmp(f[1], "start_date") ||
                strcmp(f[2], "end_date")) {
                np_error("%s:1: want columns ticker,start_date,end_date", path);
                rc = -1;
            }
            continue;
        }
        if (!f[2] || !f[0][0] || strlen(f[0]) >= sizeof m->sym || strchr(f[2], ',') ||
            !is_day(f[1]) || (f[2][0] && !is_day(f[2]))) {
            np_error("%s:%d: want TICKER,YYYY-MM-DD,[YYYY-MM-DD]", path, line);
            rc = -1;
            break;
        }
        if (!f[2][0]) continue;
        if (n == cap) {
            size_t c = cap ? cap * 2 : 1024;
            member *p = realloc(m, c * sizeof *p);
            if (!p) {
                np_error("%s: out of memory", path);
                rc = -1;
                break;
            }
            m = p;
            cap = c;
        }
        member *x = &m[n++];
        snprintf(x->sym, sizeof x->sym, "%s", f[0]);
        for (char *p = x->sym; *p; p++)
            if (*p == '.') *p = '-';
        memcpy(x->from, f[1], 11);
        memcpy(x->to, f[2], 11);
    }
    np_buf_free(&b);
    if (rc) {
        free(m);
        return -1;
    }
    if (n > 1) qsort(m, n, sizeof *m, cmp_member);
    *out = m;
    return (long)n;
}

int tl_read_sp500_history(const char *path, tl_brows *rows, const char *today_date)
{
    member *m = NULL;
    long n = read_members(path, &m);
    if (n < 0) return -1;
    for (size_t i = 0; i < rows->n && n > 0; i++) {
        tl_brow *r = &rows->r[i];
        if (r->dropped || r->sp500 || !TL_SEC_IS_EQUITY(r->type) || !tl_symdir_lists(r->mic))
            continue;
        /* When our sources show this company under the code: its validity, from the oldest
         * snapshot that had the code when no source dates its start (a code first seen today
         * is not known to be this company's before). */
        const char *seen = tl_symdir_first_date(r->symbol);
        const char *from = r->from[0] ? r->from : seen ? seen : today_date;
        const char *to = r->to[0] ? r->to : today_date;
        member key = {0};
        snprintf(key.sym, sizeof key.sym, "%s", r->symbol);
        member *x = bsearch(&key, m, (size_t)n, sizeof *m, cmp_member);
        if (!x) continue;
        while (x > m && !strcmp(x[-1].sym, key.sym)) x--;
        for (; x < m + n && !strcmp(x->sym, key.sym); x++)
            if (strcmp(x->from, to) <= 0 && strcmp(x->to, from) >= 0) {
                r->prior = r->prior + TL_SP500_BOOST > 100 ? 100 : r->prior + TL_SP500_BOOST;
                r->sp500 = 1;
                break;
            }
    }
    free(m);
    return 0;
}
