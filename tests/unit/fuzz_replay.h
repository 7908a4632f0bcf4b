/* Replaying a fuzz target's corpus and crashers in the unit tests (test_fuzz_regress.c,
 * test_fuzz_text.c): each input runs in a child process, so that one that aborts or crashes
 * is named. Include after defining the target (the fuzz_*.c file). Documentation files
 * (README, *.md) in the folders are not inputs. */
#ifndef NP_FUZZ_REPLAY_H
#define NP_FUZZ_REPLAY_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
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

#endif
