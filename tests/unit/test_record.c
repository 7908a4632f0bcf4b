/* Record edits: fields appended before the brace, owned fields replaced in place (idempotent
 * re-runs), untouched bytes kept; decoded text. Uses the driver's internals directly. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "record_impl.h"
#include "tap.h"

static char out[4096];

/* Writes rec through an output to a pipe and reads the bytes back. */
static const char *render(np_record *r)
{
    int fds[2];
    fflush(stdout); /* earlier TAP lines must not end up in the pipe */
    if (pipe(fds) < 0) return "";
    int saved = dup(1);
    dup2(fds[1], 1);
    close(fds[1]);
    np_output *o = np_output_open(NULL, 0);
    np_record_write(r, o);
    np_output_close(o, 1);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    ssize_t n = read(fds[0], out, sizeof out - 1);
    close(fds[0]);
    out[n > 0 ? n : 0] = '\0';
    if (n > 0 && out[n - 1] == '\n') out[n - 1] = '\0';
    return out;
}

static void load(np_record *r, const char *line)
{
    np_json_error err;
    np_json_parse_object(line, strlen(line), &r->obj, &err);
    np_record_reset(r, line, strlen(line), "-", 1);
}

int main(void)
{
    np_record r;
    memset(&r, 0, sizeof r);
    r.id_field = "id";
    const char *a = "{ \"id\" : 7 , \"body\":\"x\\u00e9\" }";
    load(&r, a);
    np_record_set(&r, "tags", "[1]", 3);
    ok(strcmp(render(&r), "{ \"id\" : 7 , \"body\":\"x\\u00e9\",\"tags\":[1] }") == 0,
       "appended after the last value, spacing kept: %s", out);
    static char second[sizeof out];
    snprintf(second, sizeof second, "%s", out);
    load(&r, second);
    np_record_set(&r, "tags", "[2,3]", 5);
    ok(strcmp(render(&r), "{ \"id\" : 7 , \"body\":\"x\\u00e9\",\"tags\":[2,3] }") == 0,
       "owned field replaced in place: %s", out);
    load(&r, "{}");
    np_record_set(&r, "a", "1", 1);
    np_record_set(&r, "b", "2", 1);
    np_record_set(&r, "a", "3", 1);
    ok(strcmp(render(&r), "{\"a\":3,\"b\":2}") == 0,
       "empty object; setting twice keeps the last: %s", out);
    load(&r, a);
    const char *s;
    size_t n;
    ok(np_record_text(&r, "body", &s, &n) == NP_FIELD_STRING && n == 3 &&
           memcmp(s, "x\xc3\xa9", 3) == 0,
       "escaped text decoded");
    ok(np_record_text(&r, "id", &s, &n) == NP_FIELD_WRONG_TYPE, "number is the wrong type");
    ok(np_record_text(&r, "title", &s, &n) == NP_FIELD_ABSENT, "missing is absent");
    const np_json_member *id = np_record_id(&r);
    ok(id && id->val_len == 1 && id->val[0] == '7', "id member kept as JSON");
    load(&r, "{\"body\":null,\"id\":null}");
    ok(np_record_text(&r, "body", &s, &n) == NP_FIELD_ABSENT && !np_record_id(&r),
       "null counts as absent");
    /* Scratch memory is reused across records, not allocated anew for each. */
    char *first = NULL;
    int same = 1;
    for (int i = 0; i < 1000; i++) {
        load(&r, a);
        char *p = np_record_scratch(&r, 100000);
        if (!p) {
            same = 0;
            break;
        }
        memset(p, 1, 100000);
        if (!first) first = p;
        same &= p == first;
    }
    ok(same, "scratch reused across 1000 records of 100 kB requests: the same block each time");
    /* Two requests in one record do not overlap; a huge record's scratch is let go after. */
    load(&r, a);
    char *x = np_record_scratch(&r, 1000), *y = np_record_scratch(&r, 1000);
    uintptr_t ux = (uintptr_t)x, uy = (uintptr_t)y;
    ok(x && y && (uy >= ux + 1000 || ux >= uy + 1000),
       "scratch requests in one record are disjoint");
    ok(np_record_scratch(&r, 20u << 20) != NULL, "a 20 MB scratch request");
    load(&r, a);
    ok(r.chunks == NULL, "the next record starts without the huge record's 20 MB");
    np_record_destroy(&r);
    return done_testing();
}
