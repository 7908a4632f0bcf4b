/* Word tokens for name matching: the one tokenizer that both the listings' names and the
 * article text go through, so that a name and its mention hash alike. Case and accents
 * are folded ("Nestlé" = "NESTLE"), "&" is the word "and", and a possessive "'s" / "’s"
 * is dropped from the word and noted in its flags. Linear in the text. */
#ifndef TL_NORMALIZE_H
#define TL_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

enum {
    TL_TOK_UPPER = 1 << 0, /* first letter is upper case, or the word starts with a digit
                              or a caseless letter */
    TL_TOK_CAPS = 1 << 1,  /* no lower-case letter at all */
    TL_TOK_POSS = 1 << 2,  /* a possessive 's followed the word (not part of it) */
    TL_TOK_BREAK = 1 << 3, /* punctuation that ends a phrase precedes (, ; : ( ) " newline) */
    TL_TOK_SENT = 1 << 4,  /* first word of the text, of a line or of a sentence */
    TL_TOK_AMP = 1 << 5,   /* the word is "&" */
    TL_TOK_GLUE = 1 << 6,  /* joined to the previous word by "." "-" "/" or an apostrophe
                              without whitespace ("JD.com", "Coca-Cola") */
    TL_TOK_LOWER = 1 << 7, /* starts with a lower-case letter */
    TL_TOK_DIGIT = 1 << 8, /* contains a digit ("A350", "787") */
    TL_TOK_MIXED = 1 << 9, /* an upper-case letter after the first ("McDonald", "ASICs") */
};

typedef struct {
    uint32_t b0, b1;   /* byte span in the text, end exclusive (possessive excluded) */
    uint32_t cp0, cp1; /* code-point span */
    uint64_t h;        /* hash of the folded word */
    uint16_t len;      /* folded length in bytes */
    uint16_t flags;    /* TL_TOK_* */
} tl_tok;

/* Growable token array owned by the caller: zero-initialize, reuse, free with tl_toks_free. */
typedef struct {
    tl_tok *t;
    size_t n, cap;
} tl_toks;

/* Tokenizes valid UTF-8 s[0..n). Returns 0, or -1 when out of memory or n > UINT32_MAX. */
int tl_tokenize(const char *s, size_t n, tl_toks *out);
void tl_toks_free(tl_toks *t);

/* Hash of one folded word (what tl_tokenize stores in tl_tok.h), for building word sets. */
uint64_t tl_word_hash(const char *folded, size_t n);

/* Appends the folded form of word s[0..n) (one token's bytes) to out[0..cap); returns its
 * length (truncated at cap). */
size_t tl_fold_word(const char *s, size_t n, char *out, size_t cap);

/* Key of a token sequence: start with TL_KEY_SEED and step once per word hash. */
#define TL_KEY_SEED 0x9e3779b97f4a7c15ULL
static inline uint64_t tl_key_step(uint64_t k, uint64_t word_hash)
{
    k ^= word_hash + 0x632be59bd9b4e019ULL + (k << 6) + (k >> 2);
    k *= 0xff51afd7ed558ccdULL;
    return k ^ (k >> 32);
}

#endif
