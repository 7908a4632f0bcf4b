/* Record edits: fields appended before the brace, owned fields replaced in place (idempotent
 * re-runs), untouched bytes kept; decoded text. Uses the driver's internals directly. */
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
    /* Scratch memory survives many records without growing without bound. */
    for (int i = 0; i < 1000; i++) {
        load(&r, a);
        char *p = np_record_scratch(&r, 100000);
        if (p) memset(p, 1, 100000);
    }
    ok(1, "scratch reused across records");
    np_record_destroy(&r);
    return done_testing();
}
