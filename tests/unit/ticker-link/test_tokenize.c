/* ticker-link's word tokenizer (normalize.c): a word read eight bytes at a time has the hash
 * and flags of the same word read byte by byte, wherever it sits in the text and however
 * long it is, and the hash is tl_word_hash of its folded form, so the word lists built from
 * strings match the text's words. */
#include <stdio.h>
#include <string.h>

#include "normalize.h"
#include "tap.h"

/* The flags the tokenizer documents, from the word's letters (ASCII only). */
static unsigned want_flags(const char *w, size_t n)
{
    unsigned f = 0, lower = 0, upper_inside = 0;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        int up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z', dg = c >= '0' && c <= '9';
        if (i == 0) f |= lo ? TL_TOK_LOWER : TL_TOK_UPPER;
        if (up && i > 0) upper_inside = 1;
        if (lo) lower = 1;
        if (dg) f |= TL_TOK_DIGIT;
    }
    if (!lower) f |= TL_TOK_CAPS;
    if (upper_inside) f |= TL_TOK_MIXED;
    if ((f & TL_TOK_LOWER) && upper_inside) f &= ~(unsigned)TL_TOK_LOWER;
    return f;
}

int main(void)
{
    static const char alphabet[] = "aZ0bY9mQ3xkLW";
    tl_toks T = {0};
    char text[128], word[40], fold[40];
    int bad_hash = 0, bad_flags = 0, bad_span = 0, cases = 0;
    /* every length 1..33 (across one to five eight-byte chunks), at every offset 0..8 from
     * the text's start, with text after it or ending the text */
    for (size_t len = 1; len <= 33; len++) {
        for (size_t k = 0; k < len; k++) word[k] = alphabet[(k * 7 + len) % (sizeof alphabet - 1)];
        size_t m = tl_fold_word(word, len, fold, sizeof fold);
        uint64_t h = tl_word_hash(fold, m);
        for (size_t off = 0; off <= 8; off++) {
            for (int tail = 0; tail <= 1; tail++) {
                memset(text, ' ', off);
                memcpy(text + off, word, len);
                size_t n = off + len;
                if (tail) {
                    memcpy(text + n, ", and more", 10);
                    n += 10;
                }
                cases++;
                if (tl_tokenize(text, n, &T) < 0 || T.n < 1) {
                    bad_span++;
                    continue;
                }
                const tl_tok *t = &T.t[0];
                if (t->b0 != off || t->b1 != off + len || t->len != len) bad_span++;
                if (t->h != h) bad_hash++;
                unsigned fl = t->flags & ~(unsigned)(TL_TOK_SENT | TL_TOK_BREAK);
                if (fl != want_flags(word, len)) {
                    if (!bad_flags)
                        printf("# %.*s: flags %x, want %x\n", (int)len, word, fl,
                               want_flags(word, len));
                    bad_flags++;
                }
            }
        }
    }
    ok(!bad_span, "each word's span and length (%d of %d wrong)", bad_span, cases);
    ok(!bad_hash, "each word's hash is tl_word_hash of its folded form (%d of %d wrong)", bad_hash,
       cases);
    ok(!bad_flags, "each word's case and digit flags (%d of %d wrong)", bad_flags, cases);

    /* a word whose ASCII run is broken by accented letters and caseless ones: the same hash as
     * its folded string, and as the word written without accents */
    static const char *const pairs[][2] = {
        {"Soci\xc3\xa9t\xc3\xa9G\xc3\xa9n\xc3\xa9raleXYZ", "SocieteGeneraleXYZ"},
        {"ABCDEFG\xc3\x89HIJKLMNOP", "ABCDEFGEHIJKLMNOP"},
        {"N\xc3\xa9stleHoldings2024", "NestleHoldings2024"},
    };
    for (size_t p = 0; p < sizeof pairs / sizeof *pairs; p++) {
        uint64_t hw[2];
        for (int q = 0; q < 2; q++) {
            tl_tokenize(pairs[p][q], strlen(pairs[p][q]), &T);
            hw[q] = T.n == 1 ? T.t[0].h : 0;
        }
        size_t m = tl_fold_word(pairs[p][1], strlen(pairs[p][1]), fold, sizeof fold);
        ok(hw[0] && hw[0] == hw[1] && hw[1] == tl_word_hash(fold, m),
           "\"%s\" hashes as \"%s\" and as its folded form", pairs[p][0], pairs[p][1]);
    }
    /* A full stop ends a sentence glued to a word of two letters or more, or alone between
     * spaces (the CNN and Daily Mail sets' " . "); not after one letter ("U.S. Steel"). */
    static const struct {
        const char *text;
        int sent; /* whether the last word opens a sentence */
    } stops[] = {{"Retelling. Disney", 1},
                 {"Retelling . Disney", 1},
                 {"Retelling .Disney", 0},
                 {"the U.S. Steel", 0}};
    for (size_t p = 0; p < sizeof stops / sizeof *stops; p++) {
        tl_tokenize(stops[p].text, strlen(stops[p].text), &T);
        int sent =
            T.n > 0 && (T.t[T.n - 1].flags & TL_TOK_SENT) && (T.t[T.n - 1].flags & TL_TOK_BREAK);
        ok(sent == stops[p].sent, "\"%s\": the last word %s a sentence", stops[p].text,
           stops[p].sent ? "opens" : "does not open");
    }
    tl_toks_free(&T);
    return done_testing();
}
