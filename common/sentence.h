/* Sentence splitter for news text, in one pass, with byte and code-point offsets.
 *
 * Handles datelines ("NEW YORK (Reuters) -" starts the first sentence, it does not end one),
 * abbreviations (Inc., Corp., U.S., Mr., Jan.), initials, decimals, quotes after the full
 * stop, ellipses, bullet lines and headings (a line without final punctuation is its own
 * sentence), and marks credit lines such as "(Reporting by ...; Editing by ...)". */
#ifndef NP_SENTENCE_H
#define NP_SENTENCE_H

#include <stddef.h>
#include <stdint.h>

enum {
    NP_SENT_CREDIT = 1 << 0,     /* byline or credit line: never a summary sentence */
    NP_SENT_HEADING = 1 << 1,    /* a line without final punctuation (heading, bullet) */
    NP_SENT_PARA_START = 1 << 2, /* first sentence of a paragraph (or after a line break) */
    NP_SENT_DATELINE = 1 << 3,   /* opens with a dateline; np_dateline_len() measures it */
    NP_SENT_NOTE = 1 << 4,       /* editorial note: "($1 = 0.74 euros)", "(This story was
                                    refiled ...)", a story code "nL6N0HQ42U"; never a summary
                                    sentence */
};

typedef struct {
    uint32_t start, end;       /* byte offsets, end exclusive, surrounding spaces trimmed */
    uint32_t cp_start, cp_end; /* code-point offsets */
    uint32_t flags;            /* NP_SENT_* */
} np_sentence;

/* Growable array owned by the caller: zero-initialize, reuse, free with np_sentences_free(). */
typedef struct {
    np_sentence *s;
    size_t n, cap;
} np_sentences;

/* Splits valid UTF-8 text s[0..n) into sentences (out is cleared first). Linear in n.
 * Returns 0, or -1 when out of memory or n > UINT32_MAX. */
int np_split_sentences(const char *s, size_t n, np_sentences *out);
void np_sentences_free(np_sentences *out);

/* Length in bytes of the dateline that opens s[0..n) ("NEW YORK (Reuters) - ",
 * "WASHINGTON, Oct 31 - "), including the dash and the spaces after it; 0 when there is none.
 * s should start at the text's first non-space byte. Looks at most at the first 160 bytes. */
size_t np_dateline_len(const char *s, size_t n);

#endif
