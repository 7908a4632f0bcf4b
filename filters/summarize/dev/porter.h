/* The Porter (1980) suffix-stripping stemmer, original algorithm, for lower-case ASCII words.
 * Used by the ROUGE scorer (as ROUGE does) and by the summarizer's term features. */
#ifndef SUMM_PORTER_H
#define SUMM_PORTER_H

#include <stddef.h>

/* Stems the lower-case ASCII word w[0..n) in place and returns its new length (<= n).
 * Words of one or two letters are returned unchanged. */
size_t summ_porter_stem(char *w, size_t n);

#endif
