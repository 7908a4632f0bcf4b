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

static int grow_tok(dd_shingles *s)
{
    size_t cap = s->tok_cap ? s->tok_cap * 2 : 256;
    uint64_t *t = realloc(s->tok, cap * sizeof *t);
    if (!t) return -1;
    s->tok = t;
    s->tok_cap = cap;
    return 0;
}

/* Hash of one word of the normalized text. Words of up to 8 bytes (most of them) are read
 * as one little-endian word and mixed: no call, no loop. The buffer has 8 spare bytes. */
static inline uint64_t word_hash(const char *w, size_t len)
{
    if (len > 8) return np_hash64(w, len, SEED_WORD);
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) v |= (uint64_t)(unsigned char)w[i] << (8 * i);
    return np_mix64((v ^ SEED_WORD) * 0x9e3779b97f4a7c15ULL ^ len);
}

static inline int push_tok(dd_shingles *s, const char *w, size_t len)
{
    if (s->ntok == s->tok_cap && grow_tok(s) < 0) return -1;
    s->tok[s->ntok++] = word_hash(w, len);
    return 0;
}

/* ASCII classes: 0 space, 1 word (letters folded), 2 punctuation. */
static unsigned char ascii_class[128], ascii_fold[128];
static void init_ascii(void)
{
    for (int c = 0; c < 128; c++) {
        ascii_fold[c] = (unsigned char)c;
        if (c == ' ' || (c >= '\t' && c <= '\r'))
            ascii_class[c] = 0;
        else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
            ascii_class[c] = 1;
        else if (c >= 'A' && c <= 'Z') {
            ascii_class[c] = 1;
            ascii_fold[c] = (unsigned char)(c + 32);
        } else
            ascii_class[c] = 2;
    }
}

int dd_shingles_make(dd_shingles *s, const char *text, size_t n, int k)
{
    static int ready;
    if (!ready) {
        init_ascii();
        ready = 1;
    }
    const unsigned char *p = (const unsigned char *)text;
    s->ntok = s->nsh = 0;
    s->k = 0;
    np_buf_clear(&s->norm);
    /* Normalized text is never longer than the input (folding keeps byte lengths); 8 spare
     * bytes let word_hash read whole words. */
    if (np_buf_reserve(&s->norm, n + 9) < 0) return -1;
    char *out = s->norm.data;
    size_t o = 0, word_start = 0;
    int in_word = 0, space = 0;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        if (c < 0x80) {
            unsigned cls = ascii_class[c];
            if (cls == 1) {
                /* A pending space is written only before the next visible character, so
                 * runs of space collapse to one and words close before it. */
                if (space && o) out[o++] = ' ';
                space = 0;
                if (!in_word) {
                    in_word = 1;
                    word_start = o;
                }
                out[o++] = (char)ascii_fold[c];
                while (++i < n && (c = p[i]) < 0x80 && ascii_class[c] == 1)
                    out[o++] = (char)ascii_fold[c];
                continue;
            }
            if (in_word) {
                if (push_tok(s, out + word_start, o - word_start) < 0) return -1;
                in_word = 0;
            }
            if (cls == 0)
                space = 1;
            else {
                if (space && o) out[o++] = ' ';
                space = 0;
                out[o++] = (char)c;
            }
            i++;
            continue;
        }
        size_t len;
        uint32_t cp = decode(p + i, n - i, &len);
        int cls = classify(cp);
        if (in_word && cls != C_WORD) {
            if (push_tok(s, out + word_start, o - word_start) < 0) return -1;
            in_word = 0;
        }
        if (cls == C_SPACE) {
            space = 1;
            i += len;
            continue;
        }
        if (space && o) out[o++] = ' ';
        space = 0;
        size_t at = o;
        for (size_t j = 0; j < len; j++) out[o++] = (char)p[i + j];
        /* Latin-1 capitals U+00C0..U+00DE (not U+00D7) fold to U+00E0..U+00FE. */
        if (len == 2 && cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
            out[at + 1] = (char)(p[i + 1] + 0x20);
        if (cls == C_SOLO) {
            if (push_tok(s, out + at, o - at) < 0) return -1;
        } else if (cls == C_WORD && !in_word) {
            in_word = 1;
            word_start = at;
        }
        i += len;
    }
    if (in_word && push_tok(s, out + word_start, o - word_start) < 0) return -1;
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
    /* Order-sensitive combination of k word hashes: a multiply per word, one mix at the end. */
    for (size_t i = 0; i < nsh; i++) {
        uint64_t h = (uint64_t)s->k;
        for (int j = 0; j < s->k; j++) h = (h ^ s->tok[i + (size_t)j]) * 0x9e3779b97f4a7c15ULL;
        s->sh[i] = np_mix64(h);
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
