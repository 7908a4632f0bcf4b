/* Normalized text, exact-body hash, word shingles and evidence: see shingle.h. One pass over
 * the text writes the case-folded, whitespace-collapsed copy that the exact hash covers and
 * hashes each word as it ends, noting its case and whether it opens a sentence; a second
 * pass over the word hashes forms the shingles and the evidence. */
#include "shingle.h"

#include <stdlib.h>
#include <string.h>

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

/* Word flags. */
enum {
    T_CAP = 1,   /* begins with a capital */
    T_LOWER = 2, /* has a lower-case letter */
    T_DIGIT = 4, /* begins with a digit */
    T_SENT = 8,  /* opens a sentence or paragraph (or the text) */
};

static int grow_tok(dd_shingles *s)
{
    size_t cap = s->tok_cap ? s->tok_cap * 2 : 256;
    /* twice: the second half holds the words with figures normalized */
    uint64_t *t = realloc(s->tok, 2 * cap * sizeof *t);
    if (!t) return -1;
    s->tok = t;
    uint8_t *f = realloc(s->tflag, cap);
    if (!f) return -1;
    s->tflag = f;
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

static inline int push_tok(dd_shingles *s, const char *w, size_t len, unsigned flags)
{
    if (s->ntok == s->tok_cap && grow_tok(s) < 0) return -1;
    s->tflag[s->ntok] = (uint8_t)flags;
    s->tok[s->ntok++] = word_hash(w, len);
    return 0;
}

/* An instrument code at p[0..n) just after "(" or "<": optional spaces, letters, digits or
 * "_" (a lower-case letter only after "_": "VOWG_p"), ".", one to three capitals, optional
 * spaces, and the closing ")" or ">". Returns its hash, or 0. */
static uint64_t ticker(const unsigned char *p, size_t n, unsigned close)
{
    size_t i = 0;
    while (i < n && p[i] == ' ') i++;
    size_t a = i;
    while (i < n && i - a < 12 &&
           ((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= '0' && p[i] <= '9') || p[i] == '_' ||
            (p[i] >= 'a' && p[i] <= 'z' && i > a && p[i - 1] == '_')))
        i++;
    if (i == a || i >= n || p[i] != '.') return 0;
    size_t x = ++i;
    while (i < n && i - x < 4 && p[i] >= 'A' && p[i] <= 'Z') i++;
    size_t b = i;
    if (b == x || b - x > 3) return 0;
    while (i < n && p[i] == ' ') i++;
    if (i >= n || p[i] != close) return 0;
    return np_hash64(p + a, b - a, SEED_WORD) | 1;
}

/* Weekday and month names (folded), and the token every figure becomes. */
static uint64_t wday_h[7], month_h[21], num_h;

static void init_words(void)
{
    static const char *wd[] = {"monday", "tuesday",  "wednesday", "thursday",
                               "friday", "saturday", "sunday"};
    static const char *mo[] = {"jan", "january",   "feb",  "february", "march",  "april",
                               "may", "june",      "july", "aug",      "august", "sept",
                               "sep", "september", "oct",  "october",  "nov",    "november",
                               "dec", "december",  "june"};
    for (int i = 0; i < 7; i++) wday_h[i] = word_hash(wd[i], strlen(wd[i]));
    for (int i = 0; i < 21; i++) month_h[i] = word_hash(mo[i], strlen(mo[i]));
    num_h = word_hash("#", 1);
}

static int weekday(uint64_t h)
{
    for (int i = 0; i < 7; i++)
        if (wday_h[i] == h) return i;
    return -1;
}

static int is_month(uint64_t h)
{
    for (int i = 0; i < 21; i++)
        if (month_h[i] == h) return 1;
    return 0;
}

/* Writes the words with figures as "#" (dates after a month name stay) after s->tok's first
 * half, and gathers the evidence from the words and their flags. Returns the number of
 * figures replaced. */
static size_t evidence(dd_shingles *s)
{
    size_t nnum = 0;
    dd_evidence *ev = &s->ev;
    uint64_t *nt = s->tok + s->tok_cap;
    size_t n = s->ntok, lead0 = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = s->tok[i];
        unsigned f = s->tflag[i];
        int wd = weekday(h);
        nt[i] = h;
        if (f & T_DIGIT) {
            if (!(i && is_month(s->tok[i - 1])) && h != num_h) {
                nt[i] = num_h;
                nnum++;
            }
            continue;
        }
        if (wd >= 0 && i < 60) ev->wdays |= (uint8_t)(1u << wd);
    }
    /* The lead: after "(Reuters) -" when the dateline has one, up to the next capitalized
     * word that opens a sentence, at least 8 words ("Inc. (KRFT.O)" ends no lead) and at
     * most 40. A lead of figures says little about the story: it needs six words that are
     * not. */
    static uint64_t reuters_h;
    if (!reuters_h) reuters_h = word_hash("reuters", 7);
    for (size_t i = 0; i < n && i < 8; i++)
        if (nt[i] == reuters_h) lead0 = i + 1;
    size_t end = lead0 + 8;
    while (end < n && end < lead0 + 40 && !((s->tflag[end] & (T_SENT | T_CAP)) == (T_SENT | T_CAP)))
        end++;
    size_t words = 0;
    uint64_t h = 0x6c656164ULL;
    for (size_t i = lead0; i < end && i < n; i++) {
        words += nt[i] != num_h;
        h = (h ^ nt[i]) * 0x9e3779b97f4a7c15ULL;
    }
    if (words >= 6) ev->lead = (uint32_t)(np_mix64(h) >> 32) | 1;
    return nnum;
}

/* The k-shingles of the words tok into out: an order-sensitive combination of k word
 * hashes, a multiply per word and one mix at the end. */
static void shingles(const dd_shingles *s, const uint64_t *tok, uint64_t *out)
{
    for (size_t i = 0; i < s->nsh; i++) {
        uint64_t h = (uint64_t)s->k;
        for (int j = 0; j < s->k; j++) h = (h ^ tok[i + (size_t)j]) * 0x9e3779b97f4a7c15ULL;
        out[i] = np_mix64(h);
    }
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

/* The first pass over text p[0..n): the normalized copy in s->norm, its hash, the word
 * tokens with their flags, and the tickers evidence. Returns 0, or -1 when out of memory. */
static int normalize(dd_shingles *s, const unsigned char *p, size_t n)
{
    np_buf_clear(&s->norm);
    /* Normalized text is never longer than the input (folding keeps byte lengths); 8 spare
     * bytes let word_hash read whole words. */
    if (np_buf_reserve(&s->norm, n + 9) < 0) return -1;
    char *out = s->norm.data;
    size_t o = 0, word_start = 0;
    int in_word = 0, space = 0;
    /* Sentence state: stop when the next word opens a sentence (text start, after a
     * newline, or after . ! ? and then space); pend after . ! ? (and closing quotes). */
    int stop = 1, pend = 0;
    unsigned wf = 0; /* the current word's T_* flags */
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
                    wf = (c >= 'A' && c <= 'Z' ? T_CAP : 0) | (c <= '9' ? T_DIGIT : 0) |
                         (stop ? T_SENT : 0);
                    stop = pend = 0;
                }
                unsigned low = c >= 'a';
                out[o++] = (char)ascii_fold[c];
                while (++i < n && (c = p[i]) < 0x80 && ascii_class[c] == 1) {
                    low |= c >= 'a';
                    out[o++] = (char)ascii_fold[c];
                }
                if (low) wf |= T_LOWER;
                continue;
            }
            if (in_word) {
                if (push_tok(s, out + word_start, o - word_start, wf) < 0) return -1;
                in_word = 0;
            }
            if (cls == 0) {
                space = 1;
                if (pend || c == '\n') stop = 1;
            } else {
                if (space && o) out[o++] = ' ';
                space = 0;
                out[o++] = (char)c;
                pend = c == '.' || c == '!' || c == '?' ||
                       (pend && (c == '"' || c == '\'' || c == ')'));
                if (c == '(' || c == '<') {
                    uint64_t t =
                        ticker(p + i + 1, n - i - 1 < 24 ? n - i - 1 : 24, c == '(' ? ')' : '>');
                    if (t) s->ev.tickers |= 1ULL << (t >> 58);
                }
            }
            i++;
            continue;
        }
        size_t len;
        uint32_t cp = decode(p + i, n - i, &len);
        int cls = classify(cp);
        if (in_word && cls != C_WORD) {
            if (push_tok(s, out + word_start, o - word_start, wf) < 0) return -1;
            in_word = 0;
        }
        if (cls == C_SPACE) {
            space = 1;
            if (pend) stop = 1;
            i += len;
            continue;
        }
        if (space && o) out[o++] = ' ';
        space = 0;
        size_t at = o;
        for (size_t j = 0; j < len; j++) out[o++] = (char)p[i + j];
        /* Latin-1 capitals U+00C0..U+00DE (not U+00D7) fold to U+00E0..U+00FE. */
        int cap = len == 2 && cp >= 0xC0 && cp <= 0xDE && cp != 0xD7;
        if (cap) out[at + 1] = (char)(p[i + 1] + 0x20);
        if (cls == C_PUNCT) pend = (pend && (cp == 0x201D || cp == 0x2019)) || cp == 0x3002;
        if (cls == C_SOLO) {
            if (push_tok(s, out + at, o - at, stop ? T_SENT : 0) < 0) return -1;
            stop = pend = 0;
        } else if (cls == C_WORD && !in_word) {
            in_word = 1;
            word_start = at;
            wf = (cap ? T_CAP : 0) | (stop ? T_SENT : 0) | (cp >= 0xDF && cp <= 0xFF ? T_LOWER : 0);
            stop = pend = 0;
        } else if (cls == C_WORD && cp >= 0xDF && cp <= 0xFF)
            wf |= T_LOWER;
        i += len;
    }
    if (in_word && push_tok(s, out + word_start, o - word_start, wf) < 0) return -1;
    out[o] = '\0';
    s->norm.len = o;
    s->norm_len = o;
    s->body_hash = o ? np_hash64(out, o, SEED_BODY) | 1 : 0;
    return 0;
}

/* The second pass, over the word hashes: the k-word shingles and the evidence. Returns 0,
 * or -1 when out of memory. */
static int form_shingles(dd_shingles *s, int k)
{
    s->k = k < 1 ? 1 : (size_t)k > s->ntok ? (int)s->ntok : k;
    size_t nsh = s->ntok - (size_t)s->k + 1;
    if (nsh > s->sh_cap) {
        size_t cap = nsh + nsh / 2;
        uint64_t *sh = malloc(2 * cap * sizeof *sh);
        if (!sh) return -1;
        free(s->sh_buf);
        s->sh_buf = sh;
        s->sh_cap = cap;
    }
    s->nsh = nsh;
    s->sh_raw = s->sh_buf + s->sh_cap;
    shingles(s, s->tok, s->sh_raw);
    s->sh = s->sh_raw;
    if (evidence(s)) {
        s->sh = s->sh_buf;
        shingles(s, s->tok + s->tok_cap, s->sh);
    }
    return 0;
}

int dd_shingles_make(dd_shingles *s, const char *text, size_t n, int k)
{
    static int ready;
    if (!ready) {
        init_ascii();
        init_words();
        ready = 1;
    }
    s->ntok = s->nsh = 0;
    s->k = 0;
    memset(&s->ev, 0, sizeof s->ev);
    if (normalize(s, (const unsigned char *)text, n) < 0) return -1;
    s->sh = s->sh_raw = s->sh_buf;
    if (!s->ntok) return 0;
    return form_shingles(s, k);
}

void dd_shingles_free(dd_shingles *s)
{
    np_buf_free(&s->norm);
    free(s->tok);
    free(s->sh_buf);
    free(s->tflag);
    s->tflag = NULL;
    s->tok = s->sh = s->sh_raw = s->sh_buf = NULL;
    s->tok_cap = s->sh_cap = s->ntok = s->nsh = 0;
}
