/* JSON Lines reading for the learning subcommands: objects handed over with their line
 * numbers, blank lines skipped, bad lines counted and reported with the stream's name up to
 * the limit, a callback's stop, a last line without a newline. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jsonlines.h"
#include "tap.h"

typedef struct {
    char seen[256]; /* "line:value," for each object */
    int stop_at;    /* stop (return 7) at this line; 0 never */
} got;

static int take(void *ctx, const np_json_object *obj, unsigned long line)
{
    got *g = ctx;
    const np_json_member *m = np_json_object_get(obj, "v");
    size_t n = strlen(g->seen);
    snprintf(g->seen + n, sizeof g->seen - n, "%lu:%.*s,", line, m ? (int)m->val_len : 1,
             m ? m->val : "-");
    return g->stop_at && (int)line == g->stop_at ? 7 : 0;
}

static char msgs[512];
static void capture(void *arg, const char *msg)
{
    (void)arg;
    size_t n = strlen(msgs);
    snprintf(msgs + n, sizeof msgs - n, "%s|", msg);
}

static FILE *text(const char *s)
{
    FILE *f = tmpfile();
    if (f) {
        fputs(s, f);
        rewind(f);
    }
    return f;
}

int main(void)
{
    const char *in = "{\"v\":1}\n\n[1]\r\nnot json\n{\"w\":2,\"v\":\"a\"}\r\n{\"v\":3}";
    FILE *f = text(in);
    if (!f) skip_all("no temporary file");
    got g = {{0}, 0};
    np_jsonlines_opts o = {.name = "in.ndjson", .report = 1};
    np_set_error_hook(capture, NULL);
    int rc = np_jsonlines_each(f, take, &g, &o);
    ok(rc == 0, "a whole stream reads to its end (%d)", rc);
    ok(!strcmp(g.seen, "1:1,5:\"a\",6:3,"),
       "objects with their line numbers, the last without a "
       "newline (%s)",
       g.seen);
    ok(o.bad == 2, "the array and the text are bad lines, the blank one is not (%lu)", o.bad);
    ok(!strcmp(msgs, "in.ndjson:3: not a JSON object; line skipped|"),
       "the first bad line reported with file and line, no more than asked (%s)", msgs);
    fclose(f);

    f = text(in);
    g = (got){{0}, 5};
    msgs[0] = '\0';
    rc = np_jsonlines_each(f, take, &g, NULL);
    ok(rc == 7 && !strcmp(g.seen, "1:1,5:\"a\","),
       "a callback's nonzero return stops the walk "
       "and is returned (%d, %s)",
       rc, g.seen);
    ok(msgs[0] == '\0', "without options bad lines are skipped quietly");
    fclose(f);
    np_set_error_hook(NULL, NULL);
    return done_testing();
}
