/* Replays the text fuzz target's corpus (tests/fuzz/corpus/text) and every crasher found so
 * far through its checks (tests/fuzz/fuzz_text.c: tokens and sentences inside the text, in
 * order, with code-point offsets that agree), each input in a child process. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#include "../fuzz/fuzz_text.c"
#include "fuzz_replay.h"

int main(void)
{
    const char *top = getenv("NP_TOP");
    char dir[4096];
    int inputs = 0, crashed = 0, cinputs = 0, ccrashed = 0;
    snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/text", top ? top : ".");
    int rc = replay_dir_with(dir, &inputs, &crashed, NULL, NULL);
    ok(rc == 0 && inputs >= 10, "text fuzz corpus read: %d inputs", inputs);
    ok(rc == 0 && crashed == 0, "no corpus input trips the text fuzz target (%d crashed)", crashed);
    snprintf(dir, sizeof dir, "%s/tests/fuzz/crashers", top ? top : ".");
    rc = replay_dir_with(dir, &cinputs, &ccrashed, NULL, NULL);
    ok(rc == 0 && ccrashed == 0,
       "crashers replayed without a violated check (%d inputs, %d crashed)", cinputs, ccrashed);
    return done_testing();
}
