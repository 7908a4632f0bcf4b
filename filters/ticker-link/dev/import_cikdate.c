/* Start dates of SEC lines from their CIK. The SEC assigns CIKs in increasing order over
 * time, so the CIK of a line the screener gives no IPO year for still says roughly when its
 * registrant first filed: an over-the-counter depositary programme ("Royal Mail plc/ADR",
 * registered in 2014) or a foreign issuer's US line cannot have traded before then, and
 * today's file would otherwise link it in news of any year. The CIK -> year scale is
 * calibrated on the lines whose IPO year is known (see tl_sec_cik_dates). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_model.h"

/* A year needs this many IPOs to calibrate; its threshold is this quantile of their CIKs
 * (a high one: most companies listed in year Y registered by then, a few only just). */
#define MIN_IPOS   20
#define QUANTILE   0.9
#define FIRST_YEAR 1990
#define LAST_YEAR  2100

static long cik_of(const tl_brow *r)
{
    if (strncmp(r->issuer, "cik:", 4)) return -1;
    char *end;
    long c = strtol(r->issuer + 4, &end, 10);
    return *end || c <= 0 ? -1 : c;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

enum { NY = LAST_YEAR - FIRST_YEAR + 1 };
/* The CIK -> year scale of the last tl_sec_cik_dates call: the year y + FIRST_YEAR is that of
 * CIKs up to thr[y]; first_cal and last the calibrated years (last -1: no scale). */
static long thr[NY];
static int first_cal = -1, last = -1;

/* The year the scale gives CIK c, or 0 when it is older than the scale. */
static int cik_year(long c)
{
    if (last < 0 || c <= thr[first_cal]) return 0;
    int y = first_cal;
    while (y < last && thr[y] < c) y++;
    return y + FIRST_YEAR;
}

int tl_sec_cik_dates(tl_brows *rows, size_t first)
{
    size_t n = rows->n - first, count[NY] = {0};
    long *ciks = malloc((n ? n : 1) * sizeof *ciks);
    int *years = malloc((n ? n : 1) * sizeof *years);
    if (!ciks || !years) {
        free(ciks);
        free(years);
        return -1;
    }
    /* The lines dated by the screener's IPO year: (CIK, year) pairs, grouped by year. */
    size_t m = 0;
    for (size_t i = first; i < rows->n; i++) {
        const tl_brow *r = &rows->r[i];
        long c = cik_of(r);
        int y = r->from[0] ? atoi(r->from) : 0;
        if (c < 0 || y < FIRST_YEAR || y > LAST_YEAR) continue;
        ciks[m] = c;
        years[m++] = y;
        count[y - FIRST_YEAR]++;
    }
    /* Threshold of year Y: the quantile of the CIKs of its IPOs, raised to the running
     * maximum so the scale is monotone; a year with too few IPOs takes the previous one. */
    long *v = malloc((m ? m : 1) * sizeof *v);
    if (!v) {
        free(ciks);
        free(years);
        return -1;
    }
    long run = 0;
    first_cal = last = -1;
    for (int y = 0; y < NY; y++) {
        thr[y] = run;
        if (count[y] < MIN_IPOS) continue;
        size_t k = 0;
        for (size_t i = 0; i < m; i++)
            if (years[i] == y + FIRST_YEAR) v[k++] = ciks[i];
        qsort(v, k, sizeof *v, cmp_long);
        long q = v[(size_t)((double)k * QUANTILE)];
        if (q > run) run = q;
        thr[y] = run;
        if (first_cal < 0) first_cal = y;
        last = y;
    }
    free(v);
    free(ciks);
    free(years);
    if (last < 0) return 0; /* nothing to calibrate on (a small or foreign file) */
    /* Over-the-counter and foreign issuers' lines without a date: from the first year whose
     * threshold reaches their CIK (the last calibrated year when none does). A domestic
     * company's exchange line is left open: a holding company formed later (a new CIK for
     * an old listing) is common there, and the screener dates most of them anyway. */
    for (size_t i = first; i < rows->n; i++) {
        tl_brow *r = &rows->r[i];
        long c = cik_of(r);
        if (r->dropped || r->from[0] || c < 0 || (strcmp(r->mic, "OTCM") && !r->adr)) continue;
        /* Registered by the first calibrated year: older than the scale, no bound. */
        int y = cik_year(c);
        if (y) snprintf(r->from, sizeof r->from, "%04u-01-01", (unsigned)y % 10000u);
    }
    return 0;
}

/* A US company's exchange line was left open by tl_sec_cik_dates: a holding company formed
 * later takes a new CIK for an old listing. Not when its CIK is of a year after the newest
 * symbol directory and neither its symbol nor any line of its issuer is in a directory: then
 * the company was not listed by the directory's day under any symbol the sources know, and
 * news before its CIK's year names a brand or a private firm ("Victoria's Secret parent L
 * Brands" in 2013 is no Victoria's Secret & Co., spun off in 2021; "startups such as Coinbase"
 * no Coinbase Global, listed in 2021). Baker Hughes Company (a new CIK of 2017, the symbol
 * BKR) keeps its open line: the 2014 directory's Baker Hughes Incorporated, BHI, joins its
 * issuer. Measured: 668 lines dated; the unlabelled news 4 links fewer, those, all wrong; the
 * pseudo-unseen folds, their gold, the seen sample and its gold the same. */
int tl_cik_date_new_lines(tl_brows *rows)
{
    const char *snap = tl_symdir_last_date();
    if (!snap || last < 0) return 0;
    int snap_year = atoi(snap);
    for (size_t i = 0; i < rows->n; i++) {
        tl_brow *r = &rows->r[i];
        long c = cik_of(r);
        int y = c < 0 ? 0 : cik_year(c);
        if (r->dropped || r->from[0] || r->to[0] || y <= snap_year || !strcmp(r->mic, "OTCM") ||
            r->adr || tl_symdir_first_date(r->symbol))
            continue;
        int older = 0;
        for (size_t j = 0; j < rows->n && !older; j++)
            older = j != i && !rows->r[j].dropped && !strcmp(rows->r[j].issuer, r->issuer) &&
                    (rows->r[j].to[0] || tl_symdir_first_date(rows->r[j].symbol));
        if (older) continue;
        snprintf(r->from, sizeof r->from, "%04u-01-01", (unsigned)y % 10000u);
    }
    return 0;
}

/* A US exchange line (NYSE, Nasdaq, NYSE American...: tl_symdir_lists) whose symbol no symbol
 * directory has did not trade under that symbol on the newest directory's day, which lists
 * every security of those exchanges: the symbol is younger, whatever the company's age (the
 * screener's IPO year is the company's, not the symbol's). Such a line starts the day after that
 * directory: a company that changed its symbol since ("Ball Corporation", BLL until 2022, now BALL;
 * "Everest Group", RE until 2023, now EG) links its code of then in older news, through the
 * directory's line, not today's. */
int tl_date_new_symbols(tl_brows *rows)
{
    const char *snap = tl_symdir_last_date();
    if (!snap) return 0;
    char after[11];
    tl_shift_day(snap, 1, after);
    for (size_t i = 0; i < rows->n; i++) {
        tl_brow *r = &rows->r[i];
        if (r->dropped || r->to[0] || cik_of(r) < 0 || !r->symbol || !r->symbol[0] ||
            !tl_symdir_lists(r->mic) || tl_symdir_first_date(r->symbol) ||
            (r->from[0] && strcmp(r->from, after) >= 0))
            continue;
        memcpy(r->from, after, sizeof after);
    }
    return 0;
}
