/* The pipeline file model (pipeline.c): stages and their option values, `run:` commands,
 * ${VAR} expansion, one duration grammar in every key, and errors at their positions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "pipeline.h"
#include "serve_conf.h"
#include "tap.h"

static char dir[] = "/tmp/np-pipeline.XXXXXX";
static char file[256];

/* Loads text as a pipeline file into p; d gets the errors. Returns np__pipeline_load's. */
static int load(np_pipeline *p, np_diag *d, const char *text)
{
    FILE *f = fopen(file, "w");
    if (!f) return -2;
    fputs(text, f);
    fclose(f);
    np__diag_init(d, file);
    return np__pipeline_load(p, file, d);
}

/* True when d holds exactly one error, at line:col, whose message contains want. */
static int one_error(const np_diag *d, unsigned line, unsigned col, const char *want)
{
    if (d->n != 1) {
        for (size_t i = 0; i < d->n; i++)
            printf("# %u:%u: %s\n", d->e[i].line, d->e[i].col, d->e[i].msg);
        return 0;
    }
    if (d->e[0].line != line || d->e[0].col != col || !strstr(d->e[0].msg, want)) {
        printf("# got %u:%u: %s\n", d->e[0].line, d->e[0].col, d->e[0].msg);
        return 0;
    }
    return 1;
}

static void expansion(void)
{
    np_pipeline p;
    np_diag d;
    setenv("NP_T_SET", "/data", 1);
    setenv("NP_T_EMPTY", "", 1);
    unsetenv("NP_T_UNSET");
    load(&p, &d,
         "name: x-${NP_T_SET}\n"
         "stages:\n"
         "  - dedupe: {a: '${NP_T_SET}/s', b: '${NP_T_UNSET:-dflt}', c: 'x${NP_T_EMPTY:-e}y',\n"
         "             d: '${NP_T_EMPTY}', e: 'no $vars here', f: '$${NP_T_SET}'}\n");
    ok(d.n == 0, "${VAR} forms load");
    const np_stage *st = &p.stages[0];
    ok(!strcmp(p.name, "x-/data"), "top-level value expanded");
    ok(st->nopts == 6 && !strcmp(st->opts[0].value, "/data/s"), "${NAME}");
    ok(!strcmp(st->opts[1].value, "dflt"), "${NAME:-default} when unset");
    ok(!strcmp(st->opts[2].value, "xey"), "${NAME:-default} when empty");
    ok(!strcmp(st->opts[3].value, ""), "${NAME} when empty");
    ok(!strcmp(st->opts[4].value, "no $vars here"), "a lone $ is kept");
    ok(!strcmp(st->opts[5].value, "$/data"), "a $ before ${...} is kept");
    np__pipeline_free(&p);
    np__diag_free(&d);

    load(&p, &d, "stages:\n  - cat: {a: '${NP_T_UNSET}'}\n");
    ok(one_error(&d, 2, 14, "environment variable NP_T_UNSET is not set"),
       "an unset variable is an error at its value");
    np__pipeline_free(&p);
    np__diag_free(&d);
    load(&p, &d, "stages:\n  - cat: {a: 'x${1BAD}'}\n");
    ok(one_error(&d, 2, 14, "bad variable reference"), "a bad reference is an error");
    np__pipeline_free(&p);
    np__diag_free(&d);
    load(&p, &d, "stages:\n  - cat: {a: '${NP_T_SET'}\n");
    ok(one_error(&d, 2, 14, "bad variable reference"), "an unclosed reference is an error");
    np__pipeline_free(&p);
    np__diag_free(&d);
}

/* In a run: shell command line a value is quoted for where it stands: never code. */
static void shell_quoting(void)
{
    np_pipeline p;
    np_diag d;
    setenv("NP_T_Q", "a'b $x", 1);
    setenv("NP_T_D", "$\"\\`", 1);
    load(&p, &d,
         "stages:\n"
         "  - run: \"echo ${NP_T_Q} x${NP_T_Q}y\"\n"
         "  - run: \"echo 'in ${NP_T_Q}' \\\"in ${NP_T_D} ${NP_T_Q}\\\"\"\n"
         "  - run: \"echo \\\\\\\\ ${NP_UNSET_Q:-d e} \\\\'${NP_T_Q}\"\n"
         "  - run: [echo, '${NP_T_Q}']\n"
         "  - cat: {a: '${NP_T_Q}'}\n");
    ok(d.n == 0, "shell lines with ${VAR} load");
    ok(p.nstages == 5 && !strcmp(p.stages[0].cmd[2], "echo 'a'\\''b $x' x'a'\\''b $x'y"),
       "outside quotes: a single-quoted word, ' as '\\''");
    ok(!strcmp(p.stages[1].cmd[2], "echo 'in a'\\''b $x' \"in \\$\\\"\\\\\\` a'b \\$x\""),
       "in '...': ' as '\\''; in \"...\": $ \" \\ ` backslashed");
    ok(!strcmp(p.stages[2].cmd[2], "echo \\\\ 'd e' \\''a'\\''b $x'"),
       "a default is quoted too; an escaped backslash or quote before it is plain text");
    ok(!strcmp(p.stages[3].cmd[1], "a'b $x"), "run: [list]: the value as it is");
    ok(!strcmp(p.stages[4].opts[0].value, "a'b $x"), "a filter option: the value as it is");
    np__pipeline_free(&p);
    np__diag_free(&d);

    load(&p, &d, "stages:\n  - run: \"echo $(cat ${NP_T_Q})\"\n");
    ok(one_error(&d, 2, 10, "cannot quote the value safely"), "refused beside $(...)");
    np__pipeline_free(&p);
    np__diag_free(&d);
    load(&p, &d, "stages:\n  - run: \"echo \\\\${NP_T_Q}\"\n");
    ok(one_error(&d, 2, 10, "a backslash before"), "refused after a backslash");
    np__pipeline_free(&p);
    np__diag_free(&d);
}

static void model(void)
{
    np_pipeline p;
    np_diag d;
    int rc = load(&p, &d,
                  "version: 1\n"
                  "input: [a.ndjson, '-']\n"
                  "output: out/o.ndjson\n"
                  "stages:\n"
                  "  - cat\n"
                  "  - dedupe: {window: 72h, mark: true, wait: false, threshold: ~, "
                  "fields: [title, body]}\n"
                  "  - run: [jq, -c, .]\n"
                  "  - run: tr a b | cat\n");
    ok(rc == 0 && d.n == 0, "a good file loads without errors");
    ok(p.nstages == 4, "four stages");
    ok(!strcmp(p.name, "np-pipeline"), "the name is the file's, without .yaml");
    char want[300];
    snprintf(want, sizeof want, "%s/a.ndjson", p.dir);
    ok(p.ninputs == 2 && !strcmp(p.inputs[0], want) && !strcmp(p.inputs[1], "-"),
       "inputs resolved against the file's directory, - kept");
    snprintf(want, sizeof want, "%s/out/o.ndjson", p.dir);
    ok(!strcmp(p.output, want), "output resolved");
    ok(p.shutdown_ms == NP_DEFAULT_SHUTDOWN_MS, "default shutdown_timeout");
    ok(p.stages[0].kind == NP_STAGE_FILTER && !strcmp(p.stages[0].name, "cat") &&
           p.stages[0].nopts == 0,
       "a bare filter name");
    const np_stage *dd = &p.stages[1];
    ok(dd->nopts == 5, "five options, in file order");
    ok(dd->opts[0].kind == NP_VAL_STRING && !strcmp(dd->opts[0].value, "72h") &&
           dd->opts[0].key_mark.line == 6 && dd->opts[0].value_mark.col == 22,
       "a string value, with its positions");
    ok(dd->opts[1].kind == NP_VAL_TRUE && dd->opts[2].kind == NP_VAL_FALSE &&
           dd->opts[3].kind == NP_VAL_NULL,
       "true, false and null");
    ok(dd->opts[4].kind == NP_VAL_LIST && !strcmp(dd->opts[4].value, "title,body"),
       "a list is comma-joined");
    const np_stage *jq = &p.stages[2];
    ok(jq->kind == NP_STAGE_RUN && jq->ncmd == 3 && !strcmp(jq->cmd[2], ".") && !jq->cmd[3],
       "run: a list is the argv");
    const np_stage *sh = &p.stages[3];
    ok(sh->ncmd == 3 && !strcmp(sh->cmd[0], "sh") && !strcmp(sh->cmd[1], "-c") &&
           !strcmp(sh->cmd[2], "tr a b | cat"),
       "run: a string is a shell command line");
    np__pipeline_free(&p);
    np__diag_free(&d);

    load(&p, &d, "stages:\n  - cat: {strict: {a: 1}}\n");
    ok(one_error(&d, 2, 19, "must be a string, a number, true/false or a list"),
       "a mapping value is an error at it");
    np__pipeline_free(&p);
    np__diag_free(&d);
    load(&p, &d, "stages:\n  - cat:\n      a: 1\n      a: 2\n");
    ok(one_error(&d, 4, 7, "option 'a' is given twice"), "a repeated option");
    np__pipeline_free(&p);
    np__diag_free(&d);
    load(&p, &d, "stages:\n  - Cat\n");
    ok(one_error(&d, 2, 5, "'Cat' is not a filter name"), "a bad filter name");
    np__pipeline_free(&p);
    np__diag_free(&d);
    load(&p, &d, "stages: []\n");
    ok(one_error(&d, 1, 9, "'stages' is empty"), "no stages");
    np__pipeline_free(&p);
    np__diag_free(&d);
    ok(load(&p, &d, "stages: [cat\n") < 0 && d.n >= 1 && strstr(d.e[0].msg, "YAML syntax"),
       "a YAML syntax error fails the load");
    np__pipeline_free(&p);
    np__diag_free(&d);
}

/* One grammar: the same text is the same time in every duration key. */
static void durations(void)
{
    static const struct {
        const char *text;
        long long ms;
    } cases[] = {{"1d", 86400000},   {"1.5h", 5400000},  {"1500ms", 1500}, {"0.5s", 500},
                 {"1h30m", 5400000}, {"2w", 1209600000}, {"90", 90000}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "shutdown_timeout: %s\ninput: {spool: %s}\nbatch: {time: %s, timeout: %s}\n"
                 "stages: [cat]\n",
                 cases[i].text, dir, cases[i].text, cases[i].text);
        np_pipeline p;
        np_diag d;
        load(&p, &d, text);
        ok(d.n == 0 && p.shutdown_ms == cases[i].ms && p.serve &&
               p.serve->batch_ms == cases[i].ms && p.serve->timeout_ms == cases[i].ms,
           "%s is %lld ms in shutdown_timeout, batch time and batch timeout", cases[i].text,
           cases[i].ms);
        np__pipeline_free(&p);
        np__diag_free(&d);
    }
    np_pipeline p;
    np_diag d;
    char text[512];
    snprintf(text, sizeof text,
             "input: {spool: %s}\noutput: {file: o, rotate_age: 1d}\n"
             "stages: [cat]\n",
             dir);
    load(&p, &d, text);
    ok(d.n == 0 && p.serve && p.serve->rotate_secs == 86400, "1d is 86400 s in rotate_age");
    np__pipeline_free(&p);
    np__diag_free(&d);
    load(&p, &d, "shutdown_timeout: 1x\nstages: [cat]\n");
    ok(one_error(&d, 1, 19, "'shutdown_timeout' must be a duration"), "a bad duration");
    np__pipeline_free(&p);
    np__diag_free(&d);
}

int main(void)
{
    if (!mkdtemp(dir)) skip_all("no temporary directory");
    snprintf(file, sizeof file, "%s/np-pipeline.yaml", dir);
    expansion();
    shell_quoting();
    model();
    durations();
    unlink(file);
    rmdir(dir);
    return done_testing();
}
