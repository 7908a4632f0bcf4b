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

int tl_sec_cik_dates(tl_brows *rows, size_t first)
{
    enum { NY = LAST_YEAR - FIRST_YEAR + 1 };
    size_t n = rows->n - first, count[NY] = {0};
    long *ciks = malloc((n ? n : 1) * sizeof *ciks), thr[NY];
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
    int first_cal = -1, last = -1;
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
        if (c <= thr[first_cal]) continue;
        int y = first_cal;
        while (y < last && thr[y] < c) y++;
        snprintf(r->from, sizeof r->from, "%04u-01-01", (unsigned)(y + FIRST_YEAR) % 10000u);
    }
    return 0;
}
