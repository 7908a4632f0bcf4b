/* Replays the line reader's fuzz corpus (tests/fuzz/corpus/input) and every crasher found so
 * far through its checks (tests/fuzz/fuzz_input.c: the lines of plain and gzip input, whole,
 * cut or in two members, as LF/CRLF splitting gives them), each input in a child process. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#include "../fuzz/fuzz_input.c"
#include "fuzz_replay.h"

int main(void)
{
    replay_corpus_and_crashers("input", "line reader", 20);
    /* Each mode of the target once, by hand: as it is, gzip, gzip cut (where the last byte,
     * 'F', says: at 70/256 of the compressed bytes), two members. */
    static const uint8_t text[] = "{\"id\":1}\r\n\n{\"id\":2}\nlast line, no LF";
    uint8_t in[sizeof text + 1];
    memcpy(in + 1, text, sizeof text - 1);
    int survived = 0;
    for (int mode = 0; mode < 4; mode++) {
        in[0] = (uint8_t)(mode << 3 | 5); /* limit 1024 */
        survived += replay_survives(in, sizeof text);
    }
    ok(survived == 4, "a CRLF text with a blank and an unterminated line, in each mode (%d of 4)",
       survived);
    return done_testing();
}
