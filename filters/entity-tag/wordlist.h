/* Whether a token is one of a sorted list of words: the rules after the decoder
 * (published.c, nouns.c) read the words around a span against small fixed lists ("firm",
 * "Newsroom", "Airshow"), compared byte for byte; and whether a possessive follows a name. */
#ifndef ETAG_WORDLIST_H
#define ETAG_WORDLIST_H

#include <stddef.h>

#include "tokenize.h"

/* Whether token w of text s is one of words[0..n), sorted by strcmp (binary search). */
int etag_word_in(const char *s, const np_token *w, const char *const *words, size_t n);

/* The same for a static array of words. */
#define ETAG_WORD_IN(s, w, words) etag_word_in(s, w, words, sizeof words / sizeof *words)

/* The bytes of a possessive at s[i..len): 2 for "'s", 4 for its typographic form "\u2019s",
 * else 0. The rules after the decoder ask it of the bytes right after a name ("Intesa's (
 * ISP.MI )", "Alitalia's shareholders", "Missouri's"). */
size_t etag_possessive_at(const char *s, size_t len, size_t i);

#endif
