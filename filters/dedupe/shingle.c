/* Normalized text, exact-body hash and word shingles: see shingle.h. One pass over the text
 * writes the case-folded, whitespace-collapsed copy that the exact hash covers and hashes
 * each word as it ends; a second pass over the word hashes forms the shingles. */
#include "shingle.h"

#include <stdlib.h>

#include "hash.h"

#define SEED_BODY 0x6e70646564757031ULL /* "npdedup1" */
#define SEED_WORD 0x6e70776f72647331ULL

enum { C_SPACE, C_WORD, C_SOLO, C_PUNCT };

/* Decodes one code point of valid UTF-8 (validated by the record reader). */
static inline uint32_t decode(const unsigned char *s, size_t n, size_t *len)
{
    unsigned c = s[0];
    if (c < 0x80 || n < 2) {
        *len = 1;
        return c;
    }
    if (c < 0xE0) {
        *len = 2;
        return (uint32_t)(c & 0x1F) << 6 | (s[1] & 0x3F);
    }
    if (c < 0xF0 || n < 4) {
        *len = n < 3 ? n : 3;
        return n < 3 ? 0xFFFD
                     : (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
    }
    *len = 4;
    return (uint32_t)(c & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
           (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
}

static int classify(uint32_t cp)
{
    if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
        cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF)
        return C_SPACE;
    if (cp < 0xC0) return C_PUNCT; /* Latin-1 symbols and controls */
    if (cp == 0xD7 || cp == 0xF7) return C_PUNCT;
    if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x2E00 && cp <= 0x2E7F) ||
        (cp >= 0x3001 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
        (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
        (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) ||
        (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0xFFFD)
        return C_PUNCT;
    if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0x20000 && cp <= 0x3FFFF))
        return C_SOLO;
    return C_WORD;
}

static int push_tok(dd_shingles *s, uint64_t h)
{
    if (s->ntok == s->tok_cap) {
        size_t cap = s->tok_cap ? s->tok_cap * 2 : 256;
        uint64_t *t = realloc(s->tok, cap * sizeof *t);
        if (!t) return -1;
        s->tok = t;
        s->tok_cap = cap;
    }
    s->tok[s->ntok++] = h;
    return 0;
}

int dd_shingles_make(dd_shingles *s, const char *text, size_t n, int k)
{
    const unsigned char *p = (const unsigned char *)text;
    s->ntok = s->nsh = 0;
    s->k = 0;
    np_buf_clear(&s->norm);
    /* Normalized text is never longer than the input (folding keeps byte lengths). */
    if (np_buf_reserve(&s->norm, n + 1) < 0) return -1;
    char *out = s->norm.data;
    size_t o = 0, word_start = 0;
    int in_word = 0, space = 0;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        size_t len = 1;
        int cls;
        unsigned char b0 = (unsigned char)c, b1 = 0;
        if (c < 0x80) {
            if (c == ' ' || (c >= '\t' && c <= '\r'))
                cls = C_SPACE;
            else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                cls = C_WORD;
                b0 = (unsigned char)(c | 0x20);
            } else if (c >= '0' && c <= '9')
                cls = C_WORD;
            else
                cls = C_PUNCT;
        } else {
            uint32_t cp = decode(p + i, n - i, &len);
            cls = classify(cp);
            if (len == 2) {
                b1 = p[i + 1];
                /* Latin-1 capitals U+00C0..U+00DE (not U+00D7) fold to U+00E0..U+00FE. */
                if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) b1 = (unsigned char)(b1 + 0x20);
            }
        }
        /* A pending space is written only before the next visible character, so words
         * close (below) before it and runs of space collapse to one. */
        if (cls == C_SPACE) {
            space = 1;
        } else {
            if (space && o) out[o++] = ' ';
            space = 0;
        }
        int word = cls == C_WORD;
        if (in_word && (!word || cls == C_SOLO)) {
            if (push_tok(s, np_hash64(out + word_start, o - word_start, SEED_WORD)) < 0) return -1;
            in_word = 0;
        }
        if (cls == C_SPACE) {
            i += len;
            continue;
        }
        size_t at = o;
        if (c < 0x80)
            out[o++] = (char)b0;
        else if (len == 2) {
            out[o++] = (char)b0;
            out[o++] = (char)b1;
        } else
            for (size_t j = 0; j < len; j++) out[o++] = (char)p[i + j];
        if (cls == C_SOLO) {
            if (push_tok(s, np_hash64(out + at, o - at, SEED_WORD)) < 0) return -1;
        } else if (word && !in_word) {
            in_word = 1;
            word_start = at;
        }
        i += len;
    }
    if (in_word && push_tok(s, np_hash64(out + word_start, o - word_start, SEED_WORD)) < 0)
        return -1;
    out[o] = '\0';
    s->norm.len = o;
    s->norm_len = o;
    s->body_hash = o ? np_hash64(out, o, SEED_BODY) | 1 : 0;
    if (!s->ntok) return 0;

    s->k = k < 1 ? 1 : (size_t)k > s->ntok ? (int)s->ntok : k;
    size_t nsh = s->ntok - (size_t)s->k + 1;
    if (nsh > s->sh_cap) {
        size_t cap = nsh + nsh / 2;
        uint64_t *sh = realloc(s->sh, cap * sizeof *sh);
        if (!sh) return -1;
        s->sh = sh;
        s->sh_cap = cap;
    }
    for (size_t i = 0; i < nsh; i++) {
        uint64_t h = (uint64_t)s->k;
        for (int j = 0; j < s->k; j++) h = np_mix64(h ^ s->tok[i + (size_t)j]);
        s->sh[i] = h;
    }
    s->nsh = nsh;
    return 0;
}

void dd_shingles_free(dd_shingles *s)
{
    np_buf_free(&s->norm);
    free(s->tok);
    free(s->sh);
    s->tok = s->sh = NULL;
    s->tok_cap = s->sh_cap = s->ntok = s->nsh = 0;
}
