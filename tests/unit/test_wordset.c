/* The word set: growing and fixed tables, the value 0, refusal to overfill, and many values
 * (every one found, none invented). */
#include <string.h>

#include "hash.h"
#include "tap.h"
#include "wordset.h"

static uint64_t hash_word(const char *w, size_t n)
{
    return np_hash64(w, n, 7);
}

int main(void)
{
    np_wordset s = {0};
    ok(!np_wordset_has(&s, 5) && !np_wordset_has(&s, 0), "an empty set has nothing, 0 included");
    ok(np_wordset_add(&s, 0) == 0 && np_wordset_has(&s, 0) && !np_wordset_has(&s, 1),
       "0 is a value like any other");
    int bad = 0;
    for (uint64_t v = 1; v <= 100000; v++)
        if (np_wordset_add(&s, v * 0x9E3779B97F4A7C15ULL)) bad++;
    ok(bad == 0 && s.n == 100000, "a growing set takes 100,000 values (%zu held)", s.n);
    int missing = 0, extra = 0;
    for (uint64_t v = 1; v <= 100000; v++) {
        if (!np_wordset_has(&s, v * 0x9E3779B97F4A7C15ULL)) missing++;
        if (np_wordset_has(&s, v * 0x9E3779B97F4A7C15ULL + 1)) extra++;
    }
    ok(missing == 0 && extra == 0, "each is found (%d missing), nothing else is (%d)", missing,
       extra);
    ok(s.n * 4 <= s.cap * 3, "the table stays at most three quarters full (%zu of %zu)", s.n,
       s.cap);
    np_wordset_add(&s, 42 * 0x9E3779B97F4A7C15ULL);
    ok(s.n == 100000, "adding a value again changes nothing");
    np_wordset_free(&s);
    ok(!np_wordset_has(&s, 0x9E3779B97F4A7C15ULL) && !np_wordset_has(&s, 0),
       "a freed set is empty");

    uint64_t slots[16];
    np_wordset f;
    np_wordset_init_fixed(&f, slots, 16);
    int added = 0;
    while (np_wordset_add(&f, (uint64_t)added + 1) == 0 && added < 100) added++;
    ok(added == 12, "a fixed table of 16 takes 12 values, then refuses (took %d)", added);
    ok(np_wordset_has(&f, 12) && !np_wordset_has(&f, 13), "the refused value is not added");
    ok(np_wordset_add(&f, 5) == 0, "a value already held is still accepted when full");
    np_wordset_free(&f);

    static const char *const words[] = {"inc", "corp", "plc", "holdings"};
    np_wordset w = {0};
    ok(np_wordset_add_words(&w, words, 4, hash_word) == 0 && w.n == 4,
       "a word list goes in with the caller's hash");
    ok(np_wordset_has(&w, hash_word("plc", 3)) && !np_wordset_has(&w, hash_word("ltd", 3)),
       "and is looked up by the same hash");
    np_wordset_free(&w);
    return done_testing();
}
