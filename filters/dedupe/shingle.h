/* Text normalization for dedupe: the exact-duplicate hash of a body (whitespace collapsed,
 * case folded), the hashed word shingles its near-duplicate signature is built from (with
 * figures normalized, so that an update with every figure changed keeps its shingles), and
 * the evidence of which story it is that figures cannot give: the instrument codes it
 * names, the key of its lead sentence and the weekdays its lead names. */
#ifndef DD_SHINGLE_H
#define DD_SHINGLE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Reused across texts: zero-initialize, release with dd_shingles_free(). */
/* What tells one story from another on the same template (see engine.c). */
typedef struct {
    uint64_t tickers; /* 64-bit set of the instrument codes written "(AA.N)" or "<AA.N>", one
                         bit per code */
    uint32_t lead;    /* hash of the lead sentence's words (figures normalized, dateline
                         skipped); 0 when it has fewer than 6 words */
    uint8_t wdays;    /* weekdays named in the first 60 words, bit 0 Monday */
} dd_evidence;

typedef struct {
    uint64_t body_hash; /* of the normalized text; 0 never occurs for a non-empty text */
    size_t norm_len;    /* bytes of normalized text (0: the body is empty or all space) */
    size_t ntok;        /* words */
    int k;              /* shingle size used: min(requested, ntok) */
    uint64_t *sh;       /* shingle hashes, figures normalized, nsh of them (0 when there are
                           no words) */
    uint64_t *sh_raw;   /* the same with figures as written; == sh when there are none */
    size_t nsh;
    dd_evidence ev;
    /* internal buffers */
    np_buf norm;
    uint64_t *tok;
    uint8_t *tflag;   /* per word: T_* in shingle.c */
    uint64_t *sh_buf; /* sh and sh_raw point into it */
    size_t tok_cap, sh_cap;
} dd_shingles;

/* Normalizes valid UTF-8 text[0..n) and fills s with its body hash, its word k-shingles and
 * its evidence. Words are runs of letters and digits (ASCII and Latin-1 letters
 * case-folded; other scripts kept as is; each CJK ideograph or kana is a word of its own);
 * everything else separates words. In shingles and the lead key a word that begins with a
 * digit is one token, "#", unless it follows a month name (a date: "Oct. 12"). Returns 0, or
 * -1 when out of memory. Linear in n. */
int dd_shingles_make(dd_shingles *s, const char *text, size_t n, int k);
void dd_shingles_free(dd_shingles *s);

#endif
