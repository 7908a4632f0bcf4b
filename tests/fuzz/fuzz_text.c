/* libFuzzer target for the text machinery the filters run on every record's text: the
 * tokenizer and the sentence splitter (with its dateline reader), on the valid UTF-8 prefix
 * of the input, as the record reader hands text over. Tokens and sentences must lie inside
 * the text, in order, without overlap, with code-point offsets that agree with their byte
 * offsets. Build and run with `make fuzz FUZZ_SECONDS=N`; crashers land in
 * tests/fuzz/crashers/. */
#include <stdint.h>
#include <stdlib.h>

#include "sentence.h"
#include "tokenize.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Code points of s[0..b), counted on from (*at, *cp) (offsets must come in order). */
static size_t cps_to(const char *s, size_t b, size_t *at, size_t *cp)
{
    if (b < *at) abort();
    for (; *at < b; (*at)++) *cp += ((unsigned char)s[*at] & 0xC0) != 0x80;
    return *cp;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static np_tokens tk;
    static np_sentences ss;
    const char *s = (const char *)data;
    size_t n = np_utf8_validate(s, size);
    if (np_dateline_len(s, n) > n) abort();
    if (np_tokenize(s, n, &tk) < 0) abort();
    size_t at = 0, cp = 0, last = 0;
    for (size_t i = 0; i < tk.n; i++) {
        const np_token *t = &tk.t[i];
        if (t->start >= t->end || t->end > n || t->start < last) abort();
        if (cps_to(s, t->start, &at, &cp) != t->cp_start) abort();
        if (cps_to(s, t->end, &at, &cp) != t->cp_end) abort();
        last = t->end;
    }
    if (np_split_sentences(s, n, &ss) < 0) abort();
    at = cp = last = 0;
    for (size_t i = 0; i < ss.n; i++) {
        const np_sentence *t = &ss.s[i];
        if (t->start > t->end || t->end > n || t->start < last) abort();
        if (cps_to(s, t->start, &at, &cp) != t->cp_start) abort();
        if (cps_to(s, t->end, &at, &cp) != t->cp_end) abort();
        last = t->end;
    }
    return 0;
}
