/* Parsers for sizes, durations, numbers, lists and feed timestamps. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tap.h"

static int64_t t(const char *s)
{
    int64_t v;
    return np_parse_time(s, strlen(s), &v) == 0 ? v : -1;
}

static char hooked[256];
static void hook(void *arg, const char *msg)
{
    (void)arg;
    snprintf(hooked, sizeof hooked, "%s", msg);
}

int main(void)
{
    uint64_t u;
    ok(np_parse_size("64M", &u) == 0 && u == 64ULL << 20, "64M");
    ok(np_parse_size("1.5k", &u) == 0 && u == 1536, "1.5k");
    ok(np_parse_size("2GiB", &u) == 0 && u == 2ULL << 30, "2GiB");
    ok(np_parse_size("100", &u) == 0 && u == 100, "100");
    ok(np_parse_size("12x", &u) < 0 && np_parse_size("", &u) < 0 && np_parse_size("-1", &u) < 0,
       "bad sizes rejected");
    int64_t s;
    ok(np_parse_duration("72h", &s) == 0 && s == 72 * 3600, "72h");
    ok(np_parse_duration("1h30m", &s) == 0 && s == 5400, "1h30m");
    ok(np_parse_duration("7d", &s) == 0 && s == 7 * 86400, "7d");
    ok(np_parse_duration("90", &s) == 0 && s == 90, "90");
    ok(np_parse_duration("h", &s) < 0 && np_parse_duration("5y", &s) < 0 &&
           np_parse_duration("", &s) < 0,
       "bad durations rejected");
    /* One grammar, in milliseconds; the seconds form takes whole seconds only. */
    static const struct {
        const char *s;
        int64_t ms;
    } good[] = {{"1500ms", 1500},
                {"0.5s", 500},
                {".25s", 250},
                {"10s", 10000},
                {"2m", 120000},
                {"1.5h", 5400000},
                {"1d", 86400000},
                {"2w", 1209600000},
                {"90", 90000},
                {"1.5", 1500},
                {"1h30m", 5400000},
                {"1m30", 90000},
                {"1d12h", 1.5 * 86400000},
                {"0", 0},
                {"1s500ms", 1500}};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        int64_t ms = -1;
        ok(np_parse_duration_ms(good[i].s, &ms) == 0 && ms == good[i].ms, "duration %s = %lld ms",
           good[i].s, (long long)good[i].ms);
    }
    static const char *const bad[] = {
        "",   "s",     "-1s", "+1s", " 1s", "1s ", "1e3s",   "0x10s",
        "1.", "1..5s", "1y",  "1S",  "inf", "nan", "1h 30m", "99999999999999999999w",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int64_t ms;
        ok(np_parse_duration_ms(bad[i], &ms) < 0, "duration '%s' rejected", bad[i]);
    }
    ok(np_parse_duration("1d", &s) == 0 && s == 86400, "1d is 86400 s");
    ok(np_parse_duration("1.5m", &s) == 0 && s == 90, "1.5m is 90 s");
    ok(np_parse_duration("0.5s", &s) < 0 && np_parse_duration("1500ms", &s) < 0,
       "a duration in seconds refuses a fraction of a second");
    ok(np_parse_duration("1.0001s", &s) < 0 && np_parse_duration("0.999999s", &s) < 0 &&
           np_parse_duration("0.000011574d", &s) < 0,
       "also one that would round to whole seconds in milliseconds");
    ok(np_parse_duration("0.1h", &s) == 0 && s == 360 && np_parse_duration("0.3m", &s) == 0 &&
           s == 18 && np_parse_duration("1.7d", &s) == 0 && s == 146880,
       "decimal fractions that are whole seconds: 0.1h 360, 0.3m 18, 1.7d 146880");
    const char *li[3] = {"body", "title", "body"};
    ok(np_list_repeat(li, 3) == li[2] && np_list_repeat(li, 2) == NULL,
       "np_list_repeat finds the first repeated item, NULL when none is");
    ok(np_parse_uint("12", 1, 100, &u) == 0 && u == 12, "uint in range");
    ok(np_parse_uint("0", 1, 100, &u) < 0 && np_parse_uint("-3", 0, 100, &u) < 0 &&
           np_parse_uint("3x", 0, 100, &u) < 0,
       "bad uints rejected");
    double d;
    ok(np_parse_double("0.5", 0, 1, &d) == 0 && d == 0.5, "double");
    ok(np_parse_double("1.5", 0, 1, &d) < 0 && np_parse_double("nan", 0, 1, &d) < 0,
       "double out of range or NaN rejected");
    char *store;
    const char *items[4];
    int n = np_split_list("title,body", &store, items, 4);
    ok(n == 2 && strcmp(items[0], "title") == 0 && strcmp(items[1], "body") == 0, "list");
    free(store);
    ok(np_split_list("a,,b", &store, items, 4) < 0, "empty list item rejected");
    ok(np_split_list("a,b,c,d,e", &store, items, 4) < 0, "too many items rejected");
    ok(t("2023-07-12T08:03:00Z") == 1689148980, "RFC 3339 UTC");
    ok(t("2023-07-12T16:03:00+08:00") == 1689148980, "RFC 3339 offset");
    ok(t("2023-07-12T08:03:00.250Z") == 1689148980, "fractional seconds");
    ok(t("2023-07-12") == 1689120000, "date only");
    ok(t("2013-10-01T15:17:00 EDT") == 1380655020, "US zone name (Reuters sample)");
    ok(t("2023-13-01") == -1 && t("yesterday") == -1 && t("2023-07-12T08:03:00Q") == -1,
       "bad times rejected");

    np_set_error_hook(hook, NULL);
    uint64_t v = 0;
    ok(np_parse_opt_uint("epochs", "12", 1, 1000, &v) == 0 && v == 12 && !hooked[0],
       "option number in range: taken, nothing said");
    ok(np_parse_opt_uint("epochs", "0", 1, 1000, &v) == -1 && v == 12 &&
           !strcmp(hooked, "--epochs: '0' is not a whole number from 1 to 1000"),
       "option number out of range: -1, the option, value and range said (%s)", hooked);
    ok(np_parse_opt_uint("limit", "x", 1, UINT64_MAX, &v) == -1 &&
           !strcmp(hooked, "--limit: 'x' is not a whole number of 1 or more"),
       "no upper bound: said as a lower one (%s)", hooked);
    np_set_error_hook(NULL, NULL);
    return done_testing();
}
