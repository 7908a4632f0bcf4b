/* Command-line helpers: diagnostics, and parsers for sizes, durations, numbers, lists and
 * the timestamps found in news feeds. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *progname = "newspipe";
static void (*error_hook)(void *arg, const char *msg);
static void *error_hook_arg;

void np_set_progname(const char *name)
{
    progname = name;
}

const char *np_progname(void)
{
    return progname;
}

void np_error(const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (error_hook) {
        error_hook(error_hook_arg, msg);
        return;
    }
    /* One write, so lines from concurrent stages do not interleave. */
    fprintf(stderr, "%s: %s\n", progname, msg);
}

void np_set_error_hook(void (*fn)(void *arg, const char *msg), void *arg)
{
    error_hook = fn;
    error_hook_arg = arg;
}

int np_parse_size(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno || v < 0 || !isfinite(v)) return -1;
    double mult = 1;
    switch (toupper((unsigned char)*end)) {
    case 'K':
        mult = 1024.0;
        end++;
        break;
    case 'M':
        mult = 1024.0 * 1024;
        end++;
        break;
    case 'G':
        mult = 1024.0 * 1024 * 1024;
        end++;
        break;
    case 'T':
        mult = 1024.0 * 1024 * 1024 * 1024;
        end++;
        break;
    default: break;
    }
    if (mult != 1 && *end == 'i') end++; /* KiB, MiB */
    if (toupper((unsigned char)*end) == 'B') end++;
    if (*end) return -1;
    v *= mult;
    if (v >= 18446744073709551615.0) return -1;
    *out = (uint64_t)v;
    return 0;
}

/* One term of a duration: a decimal number ("90", "1.5", ".5") and its unit in ms; a number
 * without a unit is seconds. Returns the end of the term, or NULL. */
static const char *duration_term(const char *s, double *value, double *unit)
{
    const char *p = s;
    size_t digits = 0;
    while (isdigit((unsigned char)*p)) p++, digits++;
    if (*p == '.') {
        if (!isdigit((unsigned char)p[1])) return NULL;
        p++;
        while (isdigit((unsigned char)*p)) p++, digits++;
    }
    if (!digits || p - s > 32) return NULL;
    char num[40];
    memcpy(num, s, (size_t)(p - s));
    num[p - s] = '\0';
    *value = strtod(num, NULL);
    static const struct {
        const char *name;
        double ms;
    } units[] = {{"ms", 1}, {"s", 1e3}, {"m", 6e4}, {"h", 3.6e6}, {"d", 8.64e7}, {"w", 6.048e8}};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        size_t n = strlen(units[i].name);
        if (!strncmp(p, units[i].name, n)) {
            *unit = units[i].ms;
            return p + n;
        }
    }
    *unit = 1e3;
    return *p ? NULL : p; /* a bare number only at the end */
}

/* A duration's value in milliseconds, not rounded. Returns 0, or -1 if invalid. */
static int duration_total(const char *s, double *ms)
{
    if (!*s) return -1;
    double total = 0;
    while (*s) {
        double v, unit;
        if (!(s = duration_term(s, &v, &unit))) return -1;
        total += v * unit;
    }
    if (!(total <= 1e15)) return -1; /* 31,000 years: room to compute with */
    *ms = total;
    return 0;
}

int np_parse_duration_ms(const char *s, int64_t *ms)
{
    double total;
    if (duration_total(s, &total) < 0) return -1;
    *ms = (int64_t)(total + 0.5);
    return 0;
}

int np_parse_duration(const char *s, int64_t *seconds)
{
    double total;
    if (duration_total(s, &total) < 0) return -1;
    /* Whole seconds as written ("1.0001s" is not 1s), allowing for the binary fractions of
     * decimal ones ("0.1h" is 360 s). */
    double sec = total / 1e3, whole = nearbyint(sec);
    if (fabs(sec - whole) > 1e-9 * (whole > 1 ? whole : 1)) return -1;
    *seconds = (int64_t)whole;
    return 0;
}

int np_parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
    if (!isdigit((unsigned char)*s)) return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end || errno || v < min || v > max) return -1;
    *out = v;
    return 0;
}

int np_parse_opt_uint(const char *opt, const char *arg, uint64_t min, uint64_t max, uint64_t *out)
{
    if (np_parse_uint(arg, min, max, out) == 0) return 0;
    if (max == UINT64_MAX && min)
        np_error("--%s: '%s' is not a whole number of %llu or more", opt, arg,
                 (unsigned long long)min);
    else if (max == UINT64_MAX)
        np_error("--%s: '%s' is not a whole number", opt, arg);
    else
        np_error("--%s: '%s' is not a whole number from %llu to %llu", opt, arg,
                 (unsigned long long)min, (unsigned long long)max);
    return -1;
}

int np_parse_double(const char *s, double min, double max, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno || !(v >= min && v <= max)) return -1;
    *out = v;
    return 0;
}

int np_split_list(const char *s, char **storage, const char **items, int max)
{
    char *copy = strdup(s);
    if (!copy) return -1;
    int n = 0;
    char *p = copy;
    for (;;) {
        char *comma = strchr(p, ',');
        if (comma) *comma = '\0';
        if (!*p || n == max) {
            free(copy);
            return -1;
        }
        items[n++] = p;
        if (!comma) break;
        p = comma + 1;
    }
    *storage = copy;
    return n;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Howard Hinnant). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int digits(const char *s, size_t n, size_t at, size_t count, int *out)
{
    if (at + count > n) return -1;
    int v = 0;
    for (size_t i = at; i < at + count; i++) {
        if (!isdigit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int np_parse_time(const char *s, size_t n, int64_t *out)
{
    int y, mo, d, h = 0, mi = 0, se = 0;
    if (digits(s, n, 0, 4, &y) || n < 10 || s[4] != '-' || digits(s, n, 5, 2, &mo) || s[7] != '-' ||
        digits(s, n, 8, 2, &d))
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return -1;
    size_t i = 10;
    int64_t offset = 0;
    if (i < n && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
        i++;
        if (digits(s, n, i, 2, &h) || i + 2 >= n || s[i + 2] != ':' || digits(s, n, i + 3, 2, &mi))
            return -1;
        i += 5;
        if (i < n && s[i] == ':') {
            if (digits(s, n, i + 1, 2, &se)) return -1;
            i += 3;
            if (i < n && (s[i] == '.' || s[i] == ',')) {
                i++;
                while (i < n && isdigit((unsigned char)s[i])) i++;
            }
        }
        if (h > 23 || mi > 59 || se > 60) return -1;
        while (i < n && s[i] == ' ') i++;
        if (i < n) {
            if (s[i] == 'Z' || s[i] == 'z') {
                i++;
            } else if (s[i] == '+' || s[i] == '-') {
                int oh, om = 0;
                if (digits(s, n, i + 1, 2, &oh)) return -1;
                size_t j = i + 3;
                if (j < n && s[j] == ':') j++;
                if (j < n && digits(s, n, j, 2, &om) == 0) j += 2;
                offset = (oh * 3600 + om * 60) * (s[i] == '-' ? -1 : 1);
                i = j;
            } else {
                static const struct {
                    const char *name;
                    int hours;
                } zones[] = {{"UTC", 0},  {"GMT", 0},  {"EST", -5}, {"EDT", -4}, {"CST", -6},
                             {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
                size_t k;
                for (k = 0; k < sizeof zones / sizeof zones[0]; k++)
                    if (n - i >= 3 && memcmp(s + i, zones[k].name, 3) == 0) break;
                if (k == sizeof zones / sizeof zones[0]) return -1;
                offset = zones[k].hours * 3600;
                i += 3;
            }
        }
    }
    if (i != n) return -1;
    *out = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + se - offset;
    return 0;
}

const char *np_list_repeat(const char *const *items, int n)
{
    for (int i = 1; i < n; i++) /* lists of a few items: pairs are cheapest */
        for (int j = 0; j < i; j++)
            if (!strcmp(items[i], items[j])) return items[i];
    return NULL;
}
