/* MONEY, PERCENT and DATE by token patterns (see rules.h). Each pattern looks at most a few
 * tokens ahead of the current one, so the scan is linear. */
#include "rules.h"

#include <stdbool.h>
#include <string.h>

#include "labels.h"

typedef struct {
    const char *s;
    const np_token *t;
    size_t n;
} view;

/* Whether token i is w (NUL-terminated), ASCII letters folded to lower case when fold (w is
 * lower case then). Compared byte by byte, stopping at the first difference: the rules try
 * each word of a list at nearly every token, and most differ in the first byte. */
static bool same(const view *v, size_t i, const char *w, bool fold)
{
    if (i >= v->n) return false;
    size_t len = v->t[i].end - v->t[i].start;
    const char *p = v->s + v->t[i].start;
    for (size_t k = 0; k < len; k++) {
        char a = p[k];
        if (fold && a >= 'A' && a <= 'Z') a = (char)(a + 32);
        if (a != w[k] || !w[k]) return false;
    }
    return w[len] == '\0';
}

static bool eq(const view *v, size_t i, const char *w)
{
    return same(v, i, w, false);
}

static bool eqi(const view *v, size_t i, const char *w)
{
    return same(v, i, w, true);
}

static bool in_list(const view *v, size_t i, const char *const *list, bool fold)
{
    if (i >= v->n || v->t[i].end == v->t[i].start) return false;
    char c = v->s[v->t[i].start]; /* most words differ here: no call for them */
    if (fold && c >= 'A' && c <= 'Z') c = (char)(c + 32);
    for (; *list; list++)
        if ((*list)[0] == c && same(v, i, *list, fold)) return true;
    return false;
}

static bool is_number(const view *v, size_t i)
{
    return i < v->n && v->t[i].kind == NP_TOK_NUMBER;
}

/* No space between tokens i-1 and i. */
static bool glued(const view *v, size_t i)
{
    return i < v->n && !(v->t[i].flags & NP_TOK_SPACE_BEFORE);
}

static const char *const currency_prefix[] = {
    "$",   "\xe2\x82\xac", "\xc2\xa3", "\xc2\xa5", "\xe2\x82\xb9", "\xe2\x82\xa9", "US$",
    "HK$", "C$",           "A$",       "S$",       "NZ$",          "R$",           "NT$",
    "USD", "EUR",          "GBP",      "JPY",      "CNY",          "HKD",          "RMB",
    "CHF", "CAD",          "AUD",      "INR",      "Rs",           "Rs.",          NULL,
};
static const char *const scale_words[] = {
    "thousand", "million", "billion", "trillion", "mln",   "bln",  "bn", "mn",
    "tn",       "m",       "b",       "k",        "crore", "lakh", NULL,
};
static const char *const currency_words[] = {
    "dollars", "dollar",   "euros",   "euro",    "pounds", "sterling", "yen",
    "yuan",    "renminbi", "francs",  "marks",   "rupees", "won",      "pesos",
    "reais",   "roubles",  "rubles",  "cents",   "pence",  "crowns",   "kronor",
    "kroner",  "rand",     "ringgit", "baht",    "dinars", "riyals",   "dirhams",
    "lira",    "shekels",  "zlotys",  "forints", "rupiah", "pesos",    NULL,
};
static const char *const months[] = {
    "January", "February", "March",    "April", "June", "July", "August", "September",
    "October", "November", "December", "Jan.",  "Feb.", "Aug.", "Sept.",  "Sep.",
    "Oct.",    "Nov.",     "Dec.",     "Apr.",  "Jun.", "Jul.", NULL,
};
static const char *const weekdays[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", NULL,
};
static const char *const relative[] = {
    "last", "next", "this", "past", "coming", "previous", "following", NULL,
};
static const char *const periods[] = {
    "week",   "weekend", "month",  "year",   "quarter", "spring", "summer",
    "autumn", "fall",    "winter", "decade", "century", "half",   NULL,
};
static const char *const ordinals[] = {
    "first", "second", "third", "fourth", "final", "last", NULL,
};
static const char *const year_preps[] = {
    "in",    "since",  "by",     "until", "till", "through", "from", "before",
    "after", "during", "fiscal", "early", "late", "mid",     "end",  NULL,
};

/* A 4-digit year 1800..2199. */
static bool is_year(const view *v, size_t i)
{
    if (!is_number(v, i) || v->t[i].end - v->t[i].start != 4) return false;
    const char *p = v->s + v->t[i].start;
    for (int k = 0; k < 4; k++)
        if (p[k] < '0' || p[k] > '9') return false;
    return (p[0] == '1' && p[1] == '8') || (p[0] == '1' && p[1] == '9') ||
           (p[0] == '2' && (p[1] == '0' || p[1] == '1'));
}

/* A day of the month: 1..31, optionally with st/nd/rd/th. */
static bool is_day(const view *v, size_t i)
{
    if (i >= v->n) return false;
    const char *p = v->s + v->t[i].start;
    size_t len = v->t[i].end - v->t[i].start, k = 0;
    int d = 0;
    while (k < len && k < 2 && p[k] >= '0' && p[k] <= '9') d = d * 10 + (p[k++] - '0');
    if (k == 0 || d < 1 || d > 31) return false;
    if (k == len) return true;
    return len - k == 2 && (memcmp(p + k, "st", 2) == 0 || memcmp(p + k, "nd", 2) == 0 ||
                            memcmp(p + k, "rd", 2) == 0 || memcmp(p + k, "th", 2) == 0);
}

/* "2023-07-12" */
static bool is_iso_date(const view *v, size_t i)
{
    if (!is_number(v, i) || v->t[i].end - v->t[i].start != 10) return false;
    const char *p = v->s + v->t[i].start;
    for (int k = 0; k < 10; k++) {
        bool dash = k == 4 || k == 7;
        if (dash ? p[k] != '-' : (p[k] < '0' || p[k] > '9')) return false;
    }
    return true;
}

static bool is_month(const view *v, size_t i)
{
    return in_list(v, i, months, false) || eq(v, i, "May");
}

/* MONEY at i: returns the end token (exclusive) or 0. */
static size_t money(const view *v, size_t i)
{
    size_t j = i;
    if (in_list(v, i, currency_prefix, false) && is_number(v, i + 1)) {
        j = i + 2;
        if (in_list(v, j, scale_words, true)) j++;
        return j;
    }
    if (is_number(v, i)) {
        j = i + 1;
        if (in_list(v, j, scale_words, true)) j++;
        /* not "the 12 euro zone countries", "17 euro area members" */
        if (in_list(v, j, currency_words, true))
            return eqi(v, j + 1, "zone") || eqi(v, j + 1, "area") ? 0 : j + 1;
        /* "20 million U.S. dollars", "5 billion Hong Kong dollars" */
        if (in_list(v, j + 1, currency_words, true) &&
            (eq(v, j, "U.S.") || eq(v, j, "US") || eq(v, j, "Canadian") || eq(v, j, "Australian") ||
             eq(v, j, "Singapore") || eq(v, j, "Taiwan")))
            return j + 2;
        if (eq(v, j, "Hong") && eq(v, j + 1, "Kong") && in_list(v, j + 2, currency_words, true))
            return j + 3;
    }
    return 0;
}

static size_t percent(const view *v, size_t i)
{
    if (!is_number(v, i)) return 0;
    if (eq(v, i + 1, "%")) return i + 2;
    if (eqi(v, i + 1, "percent") || eqi(v, i + 1, "pct")) return i + 2;
    if (eqi(v, i + 1, "per") && eqi(v, i + 2, "cent")) return i + 3;
    if (eqi(v, i + 1, "percentage") && (eqi(v, i + 2, "points") || eqi(v, i + 2, "point")))
        return i + 3;
    return 0;
}

static size_t date(const view *v, size_t i)
{
    if (is_iso_date(v, i)) return i + 1;
    if (in_list(v, i, weekdays, false)) return i + 1;
    if (eqi(v, i, "yesterday") || eqi(v, i, "today") || eqi(v, i, "tomorrow")) return i + 1;
    /* Month [day][,] [year] | Month year | Month */
    if (is_month(v, i)) {
        if (is_day(v, i + 1)) {
            size_t j = i + 2;
            if (eq(v, j, ",") && is_year(v, j + 1)) return j + 2;
            if (is_year(v, j)) return j + 1;
            return j;
        }
        if (is_year(v, i + 1)) return i + 2;
        if (eq(v, i, "May") || eq(v, i, "March")) { /* words too: need a date context */
            bool ctx =
                i > 0 && (in_list(v, i - 1, year_preps, true) || in_list(v, i - 1, relative, true));
            return ctx ? i + 1 : 0;
        }
        return i + 1;
    }
    /* day Month [year]: "12 July 2023" */
    if (is_day(v, i) && is_month(v, i + 1)) return is_year(v, i + 2) ? i + 3 : i + 2;
    /* last week, next Monday, this year, past month */
    if (in_list(v, i, relative, true) && (in_list(v, i + 1, periods, true) ||
                                          in_list(v, i + 1, weekdays, false) || is_month(v, i + 1)))
        return i + 2;
    /* early / late / mid + year or month or relative period */
    if (eqi(v, i, "early") || eqi(v, i, "late") || eqi(v, i, "mid")) {
        size_t j = i + 1;
        if (eq(v, j, "-") && glued(v, j) && glued(v, j + 1)) j++;
        if (is_year(v, j)) return j + 1;
        if (is_month(v, j)) return is_year(v, j + 1) ? j + 2 : j + 1;
        if (in_list(v, j, relative, true) && in_list(v, j + 1, periods, true)) return j + 2;
    }
    /* the first quarter, the second half [of 2023] */
    if (eqi(v, i, "the") && in_list(v, i + 1, ordinals, true) &&
        (eqi(v, i + 2, "quarter") || eqi(v, i + 2, "half"))) {
        if (eq(v, i + 3, "of") && is_year(v, i + 4)) return i + 5;
        return i + 3;
    }
    /* in 2020, since 1999, fiscal 2024: the year alone (the preposition is not a date) */
    if (is_year(v, i) && i > 0 && in_list(v, i - 1, year_preps, true)) {
        if (eqi(v, i - 1, "fiscal")) return 0; /* handled below as a unit */
        return i + 1;
    }
    if (eqi(v, i, "fiscal") && is_year(v, i + 1)) return i + 2;
    return 0;
}

size_t etag_rules(const char *s, const np_token *t, size_t n, etag_span *out)
{
    view v = {s, t, n};
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t e;
        int type;
        if ((e = money(&v, i)))
            type = ETAG_MONEY;
        else if ((e = percent(&v, i)))
            type = ETAG_PERCENT;
        else if ((e = date(&v, i)))
            type = ETAG_DATE;
        else {
            i++;
            continue;
        }
        out[k++] = (etag_span){(uint32_t)i, (uint32_t)(e - i), type, 0, 0};
        i = e;
    }
    return k;
}
