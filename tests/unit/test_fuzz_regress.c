/* Replays the fuzz corpus and every crasher found so far through the fuzz target's checks,
 * each input in a child process so that one that aborts or crashes is named. The corpus
 * files' names give the reader's verdict (tests/fuzz/gen-corpus.py): y_ valid JSON, n_
 * invalid, i_ either; a crasher has no verdict, it must only not crash. Documentation files
 * (README, *.md) in those folders are not inputs. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#include "../fuzz/fuzz_json.c"

static uint8_t buf[1 << 20];

typedef struct {
    int inputs, crashed, verdict_wrong, valid, invalid;
} replay_stats;

static int is_doc(const char *name)
{
    size_t n = strlen(name);
    return name[0] == '.' || !strncmp(name, "README", 6) || (n > 3 && !strcmp(name + n - 3, ".md"));
}

/* Runs the fuzz target on data in a child; returns 1 when it returned normally. */
static int survives(const uint8_t *data, size_t size)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) return 0;
    if (pid == 0) {
        LLVMFuzzerTestOneInput(data, size); /* aborts on a violated check */
        _exit(0);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid) return 0;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Replays every input of dir; returns -1 when dir cannot be read. */
static int replay_dir(const char *dir, replay_stats *st)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (is_doc(e->d_name)) continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        size_t k = fread(buf, 1, sizeof buf, f);
        fclose(f);
        st->inputs++;
        if (!survives(buf, k)) {
            printf("#   %s: the fuzz target aborted or crashed\n", path);
            st->crashed++;
        }
        char want = e->d_name[1] == '_' ? e->d_name[0] : 0;
        if (want != 'y' && want != 'n') continue;
        np_json_error err;
        int valid = np_json_validate((const char *)buf, k, &err) == NP_JSON_OK;
        st->valid += valid;
        st->invalid += !valid;
        if (valid != (want == 'y')) {
            printf("#   %s: %s, expected %s\n", path, valid ? "accepted" : "rejected",
                   want == 'y' ? "accepted" : "rejected");
            st->verdict_wrong++;
        }
    }
    closedir(d);
    return 0;
}

int main(void)
{
    const char *top = getenv("NP_TOP");
    char dir[4096];
    replay_stats corpus = {0}, crashers = {0};
    snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/json", top ? top : ".");
    int rc = replay_dir(dir, &corpus);
    /* The corpus holds real inputs of both kinds (gen-corpus.py writes over 80). */
    ok(rc == 0 && corpus.inputs >= 50 && corpus.valid >= 20 && corpus.invalid >= 20,
       "fuzz corpus read: %d inputs, %d valid and %d invalid by name", corpus.inputs, corpus.valid,
       corpus.invalid);
    ok(rc == 0 && corpus.crashed == 0, "no corpus input trips the fuzz target (%d crashed)",
       corpus.crashed);
    ok(rc == 0 && corpus.verdict_wrong == 0,
       "the reader accepts every y_ input and rejects every n_ one (%d wrong)",
       corpus.verdict_wrong);
    snprintf(dir, sizeof dir, "%s/tests/fuzz/crashers", top ? top : ".");
    rc = replay_dir(dir, &crashers);
    ok(rc == 0 && crashers.crashed == 0,
       "crashers replayed without a violated check (%d inputs, %d crashed)", crashers.inputs,
       crashers.crashed);
    return done_testing();
}
