/* News-text tokenizer with byte and code-point offsets, and flags for the white space before
 * each token (line and paragraph breaks), in one pass over the text.
 *
 * Tokens follow CoNLL/Penn conventions so that a model trained on CoNLL-2003 sees the same
 * units at run time: "U.S." and "JD.com" and "U.S.-listed" stay whole where CoNLL keeps them,
 * "Alibaba’s" -> "Alibaba" "’s", "$1.1" -> "$" "1.1", "2.2%" -> "2.2" "%", curly quotes and
 * em dashes are their own tokens. */
#ifndef NP_TOKENIZE_H
#define NP_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

enum {
    NP_TOK_SPACE_BEFORE = 1 << 0,   /* whitespace precedes the token */
    NP_TOK_NEWLINE_BEFORE = 1 << 1, /* a line break precedes the token */
    NP_TOK_PARA_BEFORE = 1 << 2,    /* a blank line (or more) precedes it */
};

typedef enum {
    NP_TOK_WORD,   /* letters, possibly with digits, dots, hyphens, apostrophes inside */
    NP_TOK_NUMBER, /* digits with , . separators */
    NP_TOK_PUNCT,  /* punctuation and symbols */
} np_tok_kind;

typedef struct {
    uint32_t start, end;       /* byte offsets into the text, end exclusive */
    uint32_t cp_start, cp_end; /* code-point offsets, end exclusive */
    uint8_t kind;              /* np_tok_kind */
    uint8_t flags;             /* NP_TOK_* */
} np_token;

/* A growable token array owned by the caller: zero-initialize, reuse across texts,
 * release with np_tokens_free(). */
typedef struct {
    np_token *t;
    size_t n, cap;
} np_tokens;

/* Tokenizes valid UTF-8 text s[0..n) into out (cleared first). Linear in n. Returns 0, or -1
 * when out of memory or n > UINT32_MAX. */
int np_tokenize(const char *s, size_t n, np_tokens *out);
void np_tokens_free(np_tokens *toks);

#endif
