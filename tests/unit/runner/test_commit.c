/* A run as a transaction (commit.c) over a real chain (chain.c): every stage's command line
 * with the runtime options for any number of stages, staged rejects appended only at
 * commit, and which deferred states a run owes (none from a stage that stopped early under
 * head semantics). Each event loop must close with no handle left open. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uv.h>

#include "chain.h"
#include "commit.h"
#include "pipeline.h"
#include "tap.h"

static char dir[] = "/tmp/np-commit.XXXXXX";

static char *cat_file(const char *path)
{
    static char buf[4096];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f) fclose(f);
    buf[n] = '\0';
    return buf;
}

/* A pipeline of n stages made by hand: filters "f" (deferred when deferred[i]) and run:
 * stages, each running argv. */
static void make_pipeline(np_pipeline *p, size_t n, char ***argvs, const int *filter,
                          const int *deferred)
{
    memset(p, 0, sizeof *p);
    p->name = "t";
    p->dir = dir;
    p->shutdown_ms = 2000;
    p->stages = calloc(n, sizeof *p->stages);
    p->nstages = n;
    for (size_t i = 0; i < n; i++) {
        np_stage *st = &p->stages[i];
        st->kind = filter[i] ? NP_STAGE_FILTER : NP_STAGE_RUN;
        st->label = "s";
        st->exe = argvs[i][0];
        st->argv = argvs[i];
        while (st->argv[st->argc]) st->argc++;
        st->deferred = deferred[i];
        st->state_file = deferred[i] ? "state" : NULL;
    }
}

static int count(char *const *v)
{
    int n = 0;
    while (v[n]) n++;
    return n;
}

static void command_lines(void)
{
    enum { N = 70 };
    char *argv[] = {"/bin/cat", NULL};
    char **argvs[N];
    int filter[N], deferred[N];
    for (int i = 0; i < N; i++) {
        argvs[i] = argv;
        filter[i] = i != 1;
        deferred[i] = i == 68;
    }
    np_pipeline p;
    make_pipeline(&p, N, argvs, filter, deferred);
    char rej[300];
    snprintf(rej, sizeof rej, "%s/rejects", dir);
    p.reject = rej;
    FILE *f = fopen(rej, "w");
    fputs("old\n", f);
    fclose(f);

    np_txn t;
    ok(np__txn_begin(&t, &p, NULL, NULL) == 0 && t.reject_tmp && t.reject == t.reject_tmp &&
           !strncmp(t.reject_tmp, rej, strlen(rej)) && access(t.reject_tmp, F_OK) == 0,
       "rejects are staged in a new file beside the reject file");
    const np_chain_stage *cs = np__txn_stages(&t, 1);
    ok(cs != NULL, "70 stages");
    ok(cs && count(cs[0].argv) == 4 && !strcmp(cs[0].argv[1], "--reject") &&
           !strcmp(cs[0].argv[2], t.reject_tmp) && !strcmp(cs[0].argv[3], "--stats"),
       "a filter gets --reject STAGED --stats");
    ok(cs && count(cs[1].argv) == 1, "a run: stage gets nothing added");
    ok(cs && count(cs[68].argv) == 5 && !strcmp(cs[68].argv[4], "--state-commit=deferred"),
       "stage 69, deferred, gets --state-commit=deferred");
    ok(cs && count(cs[69].argv) == 4 && cs[69].stats, "stage 70 is there, like every other");

    f = fopen(t.reject_tmp, "a");
    fputs("new\n", f);
    fclose(f);
    char staged[300];
    snprintf(staged, sizeof staged, "%s", t.reject_tmp);
    ok(!strcmp(cat_file(rej), "old\n"), "before the commit the reject file is untouched");
    ok(np__txn_commit_rejects(&t) == 0 && !strcmp(cat_file(rej), "old\nnew\n"),
       "the commit appends the staged rejects");
    ok(access(staged, F_OK) != 0 && !t.reject_tmp, "and removes the staged file");
    np__txn_end(&t);

    ok(np__txn_begin(&t, &p, dir, "reject-7") == 0 && t.reject_tmp &&
           !strcmp(t.reject_tmp + strlen(dir), "/reject-7"),
       "staged in a given directory under a given name");
    snprintf(staged, sizeof staged, "%s", t.reject_tmp);
    np__txn_end(&t);
    ok(access(staged, F_OK) != 0, "a transaction that ends uncommitted removes its rejects");

    p.reject = "/dev/null";
    ok(np__txn_begin(&t, &p, NULL, NULL) == 0 && !t.reject_tmp && !strcmp(t.reject, "/dev/null"),
       "a reject file that is not a regular file is given as it is");
    np__txn_end(&t);
    p.reject = NULL;
    ok(np__txn_begin(&t, &p, NULL, NULL) == 0 && !t.reject, "no reject file: no --reject");
    np__txn_end(&t);
    unlink(rej);
    free(p.stages);
}

static void on_done(np_chain *c, void *arg)
{
    (void)c;
    *(int *)arg = 1;
}

/* Runs p's stages through a chain with input text; returns the chain's verdict and notes
 * the ended stages in t. *closed is uv_loop_close()'s result. */
static int run_chain(np_pipeline *p, np_txn *t, const char *text, int *closed)
{
    uv_loop_t loop;
    uv_loop_init(&loop);
    char in[300], out[300];
    snprintf(in, sizeof in, "%s/in", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    FILE *f = fopen(in, "w");
    fputs(text, f);
    fclose(f);
    np__txn_begin(t, p, NULL, NULL);
    const np_chain_stage *cs = np__txn_stages(t, 0);
    int done = 0;
    np_chain_config cc = {.loop = &loop,
                          .cwd = dir,
                          .stages = cs,
                          .n = p->nstages,
                          .in_fd = open(in, O_RDONLY | O_CLOEXEC),
                          .out_fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644),
                          .shutdown_ms = p->shutdown_ms,
                          .done = on_done,
                          .arg = &done};
    np_chain *c = NULL;
    int verdict = -1;
    if (np__chain_start(&c, &cc) == 0) {
        uv_run(&loop, UV_RUN_DEFAULT);
        size_t culprit;
        int pipe_out;
        verdict = done ? np__chain_verdict(c, &culprit, &pipe_out) : -1;
        np__txn_ended(t, c);
        np__chain_free(c);
    }
    uv_run(&loop, UV_RUN_DEFAULT);
    *closed = uv_loop_close(&loop);
    return verdict;
}

static void owed_states(void)
{
    /* Stage 1 deferred, ends by itself; stage 2 deferred, killed by SIGPIPE after stage 3
     * (head -n 1) exits 0; stage 4 not deferred. Stage 1 writes nothing on: stage 2 never
     * reads, so a line written to it could meet a closed pipe when stage 2 dies first (a
     * loaded machine), and stage 1 would then end by SIGPIPE too. */
    char *a1[] = {"/bin/sh", "-c", "cat >/dev/null", NULL};
    char *a2[] = {"/bin/sh", "-c", "while :; do echo y; done", NULL};
    char *a3[] = {"/usr/bin/head", "-n", "1", NULL};
    char *a4[] = {"/bin/cat", NULL};
    char **argvs[] = {a1, a2, a3, a4};
    int filter[] = {0, 0, 0, 0}, deferred[] = {1, 1, 0, 0};
    np_pipeline p;
    make_pipeline(&p, 4, argvs, filter, deferred);
    np_txn t;
    int closed = -1;
    int verdict = run_chain(&p, &t, "{\"id\":1}\n", &closed);
    ok(verdict == 0, "head semantics: the run succeeds");
    ok(closed == 0, "uv_loop_close() == 0: no handle left open");
    ok(np__txn_owes_state(&t, 0) == 1, "a deferred stage that exited 0 owes its state commit");
    ok(np__txn_owes_state(&t, 1) == -1, "one stopped early by SIGPIPE does not");
    ok(np__txn_owes_state(&t, 2) == 0 && np__txn_owes_state(&t, 3) == 0,
       "stages that defer nothing owe nothing");
    char **lines = NULL;
    size_t n = 0;
    char want[300];
    snprintf(want, sizeof want, "/bin/sh\t%s/state", dir);
    ok(np__txn_state_commits(&t, &lines, &n) == 0 && n == 1 && !strcmp(lines[0], want),
       "one state commit line, with the state's absolute path");
    for (size_t i = 0; i < n; i++) free(lines[i]);
    free(lines);
    np__txn_end(&t);

    char *f1[] = {"/bin/sh", "-c", "exit 3", NULL};
    char **argvs2[] = {f1, a4};
    int filter2[] = {0, 0}, deferred2[] = {1, 0};
    free(p.stages);
    make_pipeline(&p, 2, argvs2, filter2, deferred2);
    verdict = run_chain(&p, &t, "x\n", &closed);
    ok(verdict == 3 && closed == 0, "a failing stage fails the run (3); the loop closes");
    np__txn_end(&t);
    free(p.stages);

    int status = -1;
    char script[300], state[300];
    snprintf(script, sizeof script, "%s/committer", dir);
    snprintf(state, sizeof state, "%s/st", dir);
    FILE *f = fopen(script, "w");
    fputs("#!/bin/sh\n[ \"$1\" = --commit ] && echo committed > \"$2\"\n", f);
    fclose(f);
    chmod(script, 0755);
    ok(np__commit_state(script, "st", dir, &status) == 0 && status == 0 &&
           !strcmp(cat_file(state), "committed\n"),
       "np__commit_state runs PROGRAM --commit STATE in the directory given");
    unlink(script);
    unlink(state);
}

int main(void)
{
    if (!mkdtemp(dir)) skip_all("no temporary directory");
    command_lines();
    owed_states();
    char path[300];
    snprintf(path, sizeof path, "%s/in", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/out", dir);
    unlink(path);
    rmdir(dir);
    return done_testing();
}
