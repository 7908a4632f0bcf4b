/* Replays the fuzz corpus and every crasher found so far through the fuzz target's checks,
 * each input in a child process so that one that aborts or crashes is named. The corpus
 * files' names give the reader's verdict (tests/fuzz/gen-corpus.py): y_ valid JSON, n_
 * invalid, i_ either; a crasher has no verdict, it must only not crash (fuzz_replay.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#include "../fuzz/fuzz_json.c"
#include "fuzz_replay.h"

typedef struct {
    int inputs, crashed, verdict_wrong, valid, invalid;
} replay_stats;

/* The reader's verdict on a corpus input named y_ (valid JSON) or n_ (invalid). */
static void check_verdict(const char *name, const char *path, const uint8_t *data, size_t size,
                          void *arg)
{
    replay_stats *st = arg;
    char want = name[1] == '_' ? name[0] : 0;
    if (want != 'y' && want != 'n') return;
    np_json_error err;
    int valid = np_json_validate((const char *)data, size, &err) == NP_JSON_OK;
    st->valid += valid;
    st->invalid += !valid;
    if (valid != (want == 'y')) {
        printf("#   %s: %s, expected %s\n", path, valid ? "accepted" : "rejected",
               want == 'y' ? "accepted" : "rejected");
        st->verdict_wrong++;
    }
}

/* Replays every input of dir; returns -1 when dir cannot be read. */
static int replay_dir(const char *dir, replay_stats *st)
{
    return replay_dir_with(dir, &st->inputs, &st->crashed, check_verdict, st);
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
