/* UTF-8 validation, decoding and code-point counting. */
#include <string.h>

#include "tap.h"
#include "utf8.h"

int main(void)
{
    const char *ok_text = "a\xc3\xa9\xe2\x80\x94\xf0\x9f\x98\x80"
                          "e\xcc\x81"; /* a é — 😀 é(combining) */
    size_t n = strlen(ok_text);
    ok(np_utf8_validate(ok_text, n) == n, "valid text passes");
    ok(np_utf8_count(ok_text, n) == 6, "code points counted (emoji one, combining mark one)");
    size_t i = 0;
    uint32_t cps[8];
    int k = 0;
    while (i < n && k < 8) cps[k++] = np_utf8_next(ok_text, n, &i);
    ok(k == 6 && cps[1] == 0xE9 && cps[2] == 0x2014 && cps[3] == 0x1F600 && cps[5] == 0x301,
       "decoded code points");
    static const struct {
        const char *s;
        size_t bad;
        const char *what;
    } bad[] = {
        {"ab\xc0\xaf", 2, "overlong 2-byte"},
        {"\xe0\x80\xaf", 0, "overlong 3-byte"},
        {"\xed\xa0\x80", 0, "surrogate"},
        {"\xf4\x90\x80\x80", 0, "above U+10FFFF"},
        {"x\x80", 1, "lone continuation"},
        {"xyz\xe2\x82", 3, "truncated sequence"},
        {"\xff", 0, "0xFF"},
        {"12345678\xc3", 8, "truncated after an ASCII word"},
    };
    for (size_t j = 0; j < sizeof bad / sizeof bad[0]; j++)
        ok(np_utf8_validate(bad[j].s, strlen(bad[j].s)) == bad[j].bad, "invalid: %s", bad[j].what);
    char enc[4];
    ok(np_utf8_encode(0x1F600, enc) == 4 && memcmp(enc, "\xf0\x9f\x98\x80", 4) == 0, "encode");
    /* Counting long mixed text agrees with a byte loop (the word-at-a-time path). */
    char big[1000];
    for (int j = 0; j < 1000; j += 4) memcpy(big + j, j % 8 ? "ab\xc3\xa9" : "\xe2\x80\x94z", 4);
    size_t slow = 0;
    for (int j = 0; j < 1000; j++) slow += ((unsigned char)big[j] & 0xC0) != 0x80;
    ok(np_utf8_count(big, 1000) == slow, "word-at-a-time count agrees (%zu)", slow);
    return done_testing();
}
