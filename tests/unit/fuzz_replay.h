/* Replaying a fuzz target's corpus and crashers in the unit tests (test_fuzz_regress.c,
 * test_fuzz_text.c): each input runs in a child process, so that one that aborts or crashes
 * is named. Include after defining the target (the fuzz_*.c file). Documentation files
 * (README, *.md) in the folders are not inputs. */
#ifndef NP_FUZZ_REPLAY_H
#define NP_FUZZ_REPLAY_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static uint8_t replay_buf[1 << 20];

static int replay_is_doc(const char *name)
{
    size_t n = strlen(name);
    return name[0] == '.' || !strncmp(name, "README", 6) || (n > 3 && !strcmp(name + n - 3, ".md"));
}

/* Runs the fuzz target on data in a child; returns 1 when it returned normally. */
static int replay_survives(const uint8_t *data, size_t size)
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

/* Replays every input of dir through the target, then each through check (when not NULL)
 * with its name; *inputs and *crashed count them. Returns -1 when dir cannot be read. */
static int replay_dir_with(const char *dir, int *inputs, int *crashed,
                           void (*check)(const char *name, const char *path, const uint8_t *data,
                                         size_t size, void *arg),
                           void *arg)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (replay_is_doc(e->d_name)) continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        size_t k = fread(replay_buf, 1, sizeof replay_buf, f);
        fclose(f);
        ++*inputs;
        if (!replay_survives(replay_buf, k)) {
            printf("#   %s: the fuzz target aborted or crashed\n", path);
            ++*crashed;
        }
        if (check) check(e->d_name, path, replay_buf, k, arg);
    }
    closedir(d);
    return 0;
}

/* A target's replay test (tap.h's ok() in scope): its corpus, tests/fuzz/corpus/NAME, of at
 * least min inputs, and every crasher found so far; none may trip the target's checks. */
static inline void replay_corpus_and_crashers(const char *name, const char *what, int min)
{
    const char *top = getenv("NP_TOP");
    char dir[4096];
    int inputs = 0, crashed = 0, cinputs = 0, ccrashed = 0;
    snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s", top ? top : ".", name);
    int rc = replay_dir_with(dir, &inputs, &crashed, NULL, NULL);
    ok(rc == 0 && inputs >= min, "%s fuzz corpus read: %d inputs", what, inputs);
    ok(rc == 0 && crashed == 0, "no corpus input trips the %s fuzz target (%d crashed)", what,
       crashed);
    snprintf(dir, sizeof dir, "%s/tests/fuzz/crashers", top ? top : ".");
    rc = replay_dir_with(dir, &cinputs, &ccrashed, NULL, NULL);
    ok(rc == 0 && ccrashed == 0,
       "crashers replayed without a violated check (%d inputs, %d crashed)", cinputs, ccrashed);
}

#endif
