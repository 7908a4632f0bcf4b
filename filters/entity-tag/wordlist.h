/* Whether a token is one of a sorted list of words: the rules after the decoder
 * (published.c, nouns.c) read the words around a span against small fixed lists ("firm",
 * "Newsroom", "Airshow"), compared byte for byte. */
#ifndef ETAG_WORDLIST_H
#define ETAG_WORDLIST_H

#include <stddef.h>

#include "tokenize.h"

/* Whether token w of text s is one of words[0..n), sorted by strcmp (binary search). */
int etag_word_in(const char *s, const np_token *w, const char *const *words, size_t n);

/* The same for a static array of words. */
#define ETAG_WORD_IN(s, w, words) etag_word_in(s, w, words, sizeof words / sizeof *words)

#endif
