/* Replays the fuzz corpus and every crasher found so far through the fuzz target's checks. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#include "../fuzz/fuzz_json.c"

static int replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        static uint8_t buf[1 << 20];
        size_t k = fread(buf, 1, sizeof buf, f);
        fclose(f);
        LLVMFuzzerTestOneInput(buf, k); /* aborts on a violated check */
        n++;
    }
    closedir(d);
    return n;
}

int main(void)
{
    const char *top = getenv("NP_TOP");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/json", top ? top : ".");
    int n = replay_dir(dir);
    ok(n > 0, "fuzz corpus replayed (%d inputs)", n);
    snprintf(dir, sizeof dir, "%s/tests/fuzz/crashers", top ? top : ".");
    n = replay_dir(dir);
    ok(1, "crashers replayed without a violated check (%d inputs)", n);
    return done_testing();
}
