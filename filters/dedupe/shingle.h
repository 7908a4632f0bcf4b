/* Text normalization for dedupe: the exact-duplicate hash of a body (whitespace collapsed,
 * case folded) and the hashed word shingles its near-duplicate signature is built from. */
#ifndef DD_SHINGLE_H
#define DD_SHINGLE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Reused across texts: zero-initialize, release with dd_shingles_free(). */
typedef struct {
    uint64_t body_hash; /* of the normalized text; 0 never occurs for a non-empty text */
    size_t norm_len;    /* bytes of normalized text (0: the body is empty or all space) */
    size_t ntok;        /* words */
    int k;              /* shingle size used: min(requested, ntok) */
    uint64_t *sh;       /* shingle hashes, nsh of them (0 when there are no words) */
    size_t nsh;
    /* internal buffers */
    np_buf norm;
    uint64_t *tok;
    size_t tok_cap, sh_cap;
} dd_shingles;

/* Normalizes valid UTF-8 text[0..n) and fills s with its body hash and its word k-shingles.
 * Words are runs of letters and digits (ASCII and Latin-1 letters case-folded; other
 * scripts kept as is; each CJK ideograph or kana is a word of its own); everything else
 * separates words. Returns 0, or -1 when out of memory. Linear in n. */
int dd_shingles_make(dd_shingles *s, const char *text, size_t n, int k);
void dd_shingles_free(dd_shingles *s);

#endif
