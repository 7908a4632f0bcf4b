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
    replay_corpus_and_crashers("text", "text", 10);
    return done_testing();
}
