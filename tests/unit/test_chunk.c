/* The chunk protocol's marker lines (common/chunk.h); and, when run under a filter's name
 * (a link named newspipe-dropodd or newspipe-quitter), small filters for the workers tests
 * (tests/runner/workers.t): behaviours the shipped filters do not have.
 *   newspipe-dropodd: drops records whose "n" is odd, passes records without "n", and adds
 *     "even":true to the others (a stateless filter that drops records).
 *   newspipe-quitter: exits 0 after its fifth record, whatever is left (a broken filter);
 *   newspipe-stateful: passes records, and says in --options that it is stateful. */
#include <string.h>
#include <unistd.h>

#include "chunk.h"
#include "filter.h"
#include "tap.h"

static np_verdict dropodd(void *ctx, np_record *rec)
{
    (void)ctx;
    const np_json_member *m = np_record_get(rec, "n");
    if (!m || m->type != NP_JSON_NUMBER) return NP_PASS;
    if ((m->val[m->val_len - 1] - '0') % 2) return NP_DROP;
    if (np_record_set(rec, "even", "true", 4) < 0) return np_record_fail(rec, 70, "no memory");
    return NP_EMIT;
}

static np_verdict quitter(void *ctx, np_record *rec)
{
    int *seen = ctx;
    (void)rec;
    if (++*seen > 5) _exit(0);
    return NP_EMIT;
}

static int as_filter(const char *name, int argc, char **argv)
{
    static int seen;
    np_filter f = {.name = name + strlen("newspipe-"), .summary = "a test filter"};
    if (!strcmp(name, "newspipe-dropodd"))
        f.record = dropodd;
    else if (!strcmp(name, "newspipe-quitter"))
        f.record = quitter;
    else if (!strcmp(name, "newspipe-stateful")) {
        f.record = quitter;
        f.stateful = 1;
        seen = -1000000000;
    } else
        return 64;
    return np_filter_main(&f, &seen, argc, argv);
}

static int parses(const char *s, np_chunk_mark want, uint64_t value, int added)
{
    uint64_t v;
    int a;
    return np_chunk_parse(s, strlen(s), &v, &a) == want && v == value && a == added;
}

int main(int argc, char **argv)
{
    const char *base = strrchr(argv[0], '/');
    base = base ? base + 1 : argv[0];
    if (!strncmp(base, "newspipe-", 9)) return as_filter(base, argc, argv);

    char m[NP_CHUNK_MARK_MAX];
    size_t n = np_chunk_begin(m, 12345);
    ok(n == 8 && !memcmp(m, "\x1eL12345\n", 8), "begin marker");
    n = np_chunk_end(m, 7, 0);
    ok(n == 4 && !memcmp(m,
                         "\x1e"
                         "E7\n",
                         4),
       "end marker");
    n = np_chunk_end(m, 7, 1);
    ok(n == 4 && !memcmp(m,
                         "\x1e"
                         "e7\n",
                         4),
       "end marker after an added newline");
    n = np_chunk_data(m);
    ok(n == 3 && !memcmp(m,
                         "\x1e"
                         "D\n",
                         3),
       "escape marker");
    n = np_chunk_begin(m, UINT64_MAX);
    ok(n < NP_CHUNK_MARK_MAX && m[n - 1] == '\n', "the longest marker fits");

    ok(parses("\x1eL1", NP_CHUNK_BEGIN, 1, 0), "parse begin");
    ok(parses("\x1eL18446744073709551615", NP_CHUNK_BEGIN, UINT64_MAX, 0), "parse the largest");
    ok(parses("\x1e"
              "E0",
              NP_CHUNK_END, 0, 0),
       "parse end");
    ok(parses("\x1e"
              "e42",
              NP_CHUNK_END, 42, 1),
       "parse end with an added newline");
    ok(parses("\x1e"
              "D",
              NP_CHUNK_DATA, 0, 0),
       "parse escape");
    ok(parses("\x1e"
              "B",
              NP_CHUNK_OPEN, 0, 0) &&
           parses("\x1e"
                  "B1",
                  NP_CHUNK_BAD, 0, 0),
       "parse a worker's opening marker (nothing after the B)");
    char o[NP_CHUNK_MARK_MAX];
    size_t on = np_chunk_open(o);
    ok(on == 3 && !memcmp(o,
                          "\x1e"
                          "B\n",
                          3),
       "write an opening marker");
    ok(parses("\x1eL18446744073709551616", NP_CHUNK_BAD, 0, 0), "a number past 64 bits is bad");
    ok(parses("\x1eL", NP_CHUNK_BAD, 0, 0) && parses("\x1eL01", NP_CHUNK_BAD, 0, 0) &&
           parses("\x1eL-1", NP_CHUNK_BAD, 0, 0) && parses("\x1eL1 ", NP_CHUNK_BAD, 0, 0),
       "begin markers without a plain number are bad");
    ok(parses("\x1e"
              "Dx",
              NP_CHUNK_BAD, 0, 0) &&
           parses("\x1e", NP_CHUNK_BAD, 0, 0) && parses("\x1eX1", NP_CHUNK_BAD, 0, 0) &&
           parses("xL1", NP_CHUNK_BAD, 0, 0) && parses("\x1e{\"id\":1}", NP_CHUNK_BAD, 0, 0),
       "anything else is bad");
    return done_testing();
}
