/* JSON Lines reading for the learning subcommands: objects handed over with their line
 * numbers, blank lines skipped, bad lines counted and reported with the stream's name up to
 * the limit, a callback's stop, a last line without a newline; a gzip file read as the text
 * it holds, a missing file, and damaged gzip data after some objects. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

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

static char dir[] = "/tmp/np-jsonlines.XXXXXX";

/* Writes s to a file of dir named name and returns its path (static: one at a time). */
static const char *text(const char *name, const char *s)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) return NULL;
    fputs(s, f);
    fclose(f);
    return path;
}

/* The same as a gzip file, cut in half when cut is set. */
static const char *gz_text(const char *name, const char *s, int cut)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    gzFile g = gzopen(path, "wb");
    if (!g) return NULL;
    gzputs(g, s);
    gzclose(g);
    struct stat st;
    if (cut && (stat(path, &st) < 0 || truncate(path, st.st_size / 2) < 0)) return NULL;
    return path;
}

int main(void)
{
    if (!mkdtemp(dir)) skip_all("no temporary directory");
    const char *in = "{\"v\":1}\n\n[1]\r\nnot json\n{\"w\":2,\"v\":\"a\"}\r\n{\"v\":3}";
    const char *f = text("in.ndjson", in);
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

    g = (got){{0}, 5};
    msgs[0] = '\0';
    rc = np_jsonlines_each(f, take, &g, NULL);
    ok(rc == 7 && !strcmp(g.seen, "1:1,5:\"a\","),
       "a callback's nonzero return stops the walk "
       "and is returned (%d, %s)",
       rc, g.seen);
    ok(msgs[0] == '\0', "without options bad lines are skipped quietly");

    /* gzip, as the filters read it */
    g = (got){{0}, 0};
    o = (np_jsonlines_opts){0};
    f = gz_text("in.ndjson.gz", in, 0);
    rc = f ? np_jsonlines_each(f, take, &g, &o) : -9;
    ok(rc == 0 && !strcmp(g.seen, "1:1,5:\"a\",6:3,") && o.bad == 2,
       "a gzip file gives the objects of its text (%d, %s)", rc, g.seen);
    o = (np_jsonlines_opts){0};
    char absent[128];
    snprintf(absent, sizeof absent, "%s/absent.ndjson", dir);
    rc = np_jsonlines_each(absent, take, &g, &o);
    ok(rc == NP_JSONLINES_NOFILE && o.why && strstr(o.why, "No such file"),
       "a missing file: NP_JSONLINES_NOFILE, and why (%s)", o.why ? o.why : "-");
    char big[4096] = "";
    for (int i = 0; i < 100; i++)
        snprintf(big + strlen(big), sizeof big - strlen(big), "{\"v\":%d}\n", i);
    g = (got){{0}, 0};
    o = (np_jsonlines_opts){0};
    f = gz_text("cut.ndjson.gz", big, 1);
    rc = f ? np_jsonlines_each(f, take, &g, &o) : -9;
    ok(rc == NP_JSONLINES_DAMAGED && o.why && !strcmp(o.why, "truncated gzip input") &&
           !strncmp(g.seen, "1:0,2:1,", 8),
       "damaged gzip data: NP_JSONLINES_DAMAGED and why, after the objects before it (%s)",
       o.why ? o.why : "-");
    ok(np_jsonlines_exit(NP_JSONLINES_DAMAGED) == 65 &&
           np_jsonlines_exit(NP_JSONLINES_NOFILE) == 66 &&
           np_jsonlines_exit(NP_JSONLINES_UNREAD) == 74 && np_jsonlines_exit(-1) == 70,
       "np_jsonlines_exit: 65 damaged, 66 no file, 74 unread, 70 out of memory");
    np_set_error_hook(NULL, NULL);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) printf("# cleanup failed\n");
    return done_testing();
}
