/* The word tokenizer shared by names and text (see normalize.h). */
#include "normalize.h"

#include <stdlib.h>
#include <string.h>

/* Base letters of U+00C0..U+00FF and U+0100..U+017F; case shows the letter's case, '*' is
 * not a letter (the multiplication and division signs). */
static const char latin1[64] = "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTs"
                               "aaaaaaaceeeeiiiidnooooo*ouuuuyty";
static const char latin_ext_a[129] = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkk"
                                     "LlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUu"
                                     "UuWwYyYZzZzZzs";
_Static_assert(sizeof latin_ext_a == 129, "U+0100..U+017F table");

/* The word hash, over the folded bytes: eight at a time (a little-endian chunk, the last
 * one zero-padded: folded words hold no NUL), one multiply per chunk, where a multiply per
 * byte made the tokenizer wait on it at every letter. The state takes bytes one by one
 * (whash_byte) or whole chunks (whash_mix, when none is pending), to the same result. */
#define WH_SEED 0x9ae16a3b2f90404fULL
#define WH_MUL  0xc6a4a7935bd1e995ULL
typedef struct {
    uint64_t h, part; /* the mix so far; the pending bytes of the current chunk */
    unsigned n;       /* how many are pending (0..7) */
} whash;

static inline void whash_mix(whash *w, uint64_t chunk)
{
    uint64_t h = (w->h ^ chunk) * WH_MUL;
    w->h = h ^ (h >> 32);
}

static inline void whash_byte(whash *w, unsigned b)
{
    w->part |= (uint64_t)(b & 0xFF) << (8 * w->n);
    if (++w->n == 8) {
        whash_mix(w, w->part);
        w->part = 0;
        w->n = 0;
    }
}

static inline uint64_t whash_end(whash *w, size_t len)
{
    if (w->n) whash_mix(w, w->part);
    uint64_t h = (w->h ^ (uint64_t)len) * WH_MUL;
    return h ^ (h >> 29);
}

/* Decodes the code point at s[i] (valid UTF-8); sets *len. */
static uint32_t decode(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    unsigned c = s[i];
    if (c < 0x80) {
        *len = 1;
        return c;
    }
    if (c < 0xE0 && i + 1 < n) {
        *len = 2;
        return ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
    }
    if (c < 0xF0 && i + 2 < n) {
        *len = 3;
        return ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    }
    if (i + 3 < n) {
        *len = 4;
        return ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) |
               (s[i + 3] & 0x3F);
    }
    *len = 1;
    return 0xFFFD;
}

/* Classifies a non-ASCII code point: returns its folded ASCII letter (case kept), 0 for
 * a caseless letter kept as is, or -1 for a separator. */
static int fold_cp(uint32_t cp)
{
    if (cp >= 0xC0 && cp <= 0xFF) return latin1[cp - 0xC0] == '*' ? -1 : latin1[cp - 0xC0];
    if (cp >= 0x100 && cp <= 0x17F) return latin_ext_a[cp - 0x100];
    if (cp < 0x180) return -1;                     /* C1 controls, NBSP, Latin-1 symbols */
    if (cp >= 0x2000 && cp <= 0x2BFF) return -1;   /* general punctuation, symbols, arrows */
    if (cp >= 0x3000 && cp <= 0x303F) return -1;   /* CJK punctuation */
    if (cp >= 0xFE00 && cp <= 0xFE6F) return -1;   /* variation selectors, small forms */
    if (cp >= 0xFF00 && cp <= 0xFF0F) return -1;   /* fullwidth punctuation */
    if (cp >= 0xFFF0 && cp <= 0xFFFF) return -1;   /* specials */
    if (cp >= 0x1F000 && cp <= 0x1FAFF) return -1; /* emoji and pictographs */
    return 0;
}

static int is_alnum(unsigned c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* True when s[i..] starts a letter or digit (ASCII or a folded/caseless letter). */
static int word_char_at(const unsigned char *s, size_t n, size_t i)
{
    if (i >= n) return 0;
    if (s[i] < 0x80) return is_alnum(s[i]);
    size_t len;
    return fold_cp(decode(s, n, i, &len)) >= 0;
}

/* Length of an apostrophe at s[i] ("'" or U+2019), else 0. */
static size_t apostrophe_at(const unsigned char *s, size_t n, size_t i)
{
    if (i < n && s[i] == '\'') return 1;
    if (i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x99) return 3;
    return 0;
}

static int grow(tl_toks *out)
{
    size_t cap = out->cap ? out->cap * 2 : 256;
    tl_tok *p = realloc(out->t, cap * sizeof *p);
    if (!p) return -1;
    out->t = p;
    out->cap = cap;
    return 0;
}

/* Appends t; the common case is one compare and a store. */
#define PUSH(out, tok)                                                                             \
    do {                                                                                           \
        if ((out)->n == (out)->cap && grow(out)) return -1;                                        \
        (out)->t[(out)->n++] = (tok);                                                              \
    } while (0)

/* ASCII classes for the word scanner: 1 upper, 2 lower, 3 digit, 0 other. */
static const uint8_t ascii_class[128] = {
    ['0'] = 3, ['1'] = 3, ['2'] = 3, ['3'] = 3, ['4'] = 3, ['5'] = 3, ['6'] = 3, ['7'] = 3,
    ['8'] = 3, ['9'] = 3, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
    ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 2, ['b'] = 2, ['c'] = 2, ['d'] = 2,
    ['e'] = 2, ['f'] = 2, ['g'] = 2, ['h'] = 2, ['i'] = 2, ['j'] = 2, ['k'] = 2, ['l'] = 2,
    ['m'] = 2, ['n'] = 2, ['o'] = 2, ['p'] = 2, ['q'] = 2, ['r'] = 2, ['s'] = 2, ['t'] = 2,
    ['u'] = 2, ['v'] = 2, ['w'] = 2, ['x'] = 2, ['y'] = 2, ['z'] = 2,
};

uint64_t tl_word_hash(const char *folded, size_t n)
{
    whash w = {WH_SEED, 0, 0};
    for (size_t i = 0; i < n; i++) whash_byte(&w, (unsigned char)folded[i]);
    return whash_end(&w, n);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
#define SWAR_WORDS 1
#define ONES       0x0101010101010101ULL
#define HIGHS      0x8080808080808080ULL
/* The high bit of each byte of x that is an ASCII byte in (lo, hi) (Anderson's bit hacks,
 * "has between"; exact per byte, 0 <= lo, hi <= 128). */
static inline uint64_t between(uint64_t x, unsigned lo, unsigned hi)
{
    uint64_t low7 = x & ~HIGHS;
    return (ONES * (127 + hi) - low7) & ~x & (low7 + ONES * (127 - lo)) & HIGHS;
}
#endif

/* Where the tokenizer stands in its text, and what it knows of the next token. */
typedef struct {
    const unsigned char *s;
    size_t n, i, cp;  /* the text, the byte and code point offsets read so far */
    unsigned pending; /* flags for the next token */
    int glue, space;  /* joined to the last token by "-", "'", "/" or "."; a space read */
    size_t last_end;  /* where the last token ended, its possessive "'s" included */
} tok_state;

/* Reads the separator (one code point, no word's) at st->i into the next token's flags: a
 * space, a line's or a sentence's end, a joining hyphen or apostrophe. out: the tokens so
 * far (a full stop reads the last). */
static void read_separator(tok_state *st, const tl_toks *out)
{
    const unsigned char *s = st->s;
    size_t n = st->n, i = st->i, len = 1;
    unsigned c = s[i];
    uint32_t u = c < 0x80 ? c : decode(s, n, i, &len);
    switch (u) {
    case ' ':
    case 0xA0: st->space = 1; break;
    case '\t':
        /* A tab separates a table's cells ("Ardmore<TAB>Oklahoma<TAB>Valero"). */
        st->pending |= TL_TOK_BREAK;
        st->space = 1;
        break;
    case '\n':
    case '\r':
        st->pending |= TL_TOK_BREAK | TL_TOK_SENT;
        st->space = 1;
        break;
    case '.': {
        /* A full stop followed by whitespace ends a sentence unless it ends a one-letter
         * word ("U.S. Steel"); after a possessive too ("Christie's."), and before a closing
         * quote or bracket ('forward." Also, Facebook'). */
        size_t j = i + 1;
        if (j < n && (s[j] == '"' || s[j] == '\'' || s[j] == ')'))
            j++;
        else if (j + 2 < n && s[j] == 0xE2 && s[j + 1] == 0x80 &&
                 (s[j + 2] == 0x9D || s[j + 2] == 0x99))
            j += 3; /* U+201D, U+2019 */
        int end_ws = j >= n || s[j] == ' ' || s[j] == '\n' || s[j] == '\r';
        /* A full stop alone between spaces ends one too: "Retelling . Disney is", as the CNN
         * and Daily Mail sets write sentences' ends. */
        if (end_ws && out->n &&
            ((st->last_end == i && out->t[out->n - 1].len > 1) || (i > 0 && s[i - 1] == ' ')))
            st->pending |= TL_TOK_BREAK | TL_TOK_SENT;
        else
            st->glue = 1;
        break;
    }
    case '-':
        /* A hyphen joins words ("Coca-Cola"); a dash between spaces or a double hyphen
         * ("Petrobras -- Shut") separates phrases. */
        if ((i > 0 && s[i - 1] == ' ') || (i + 1 < n && (s[i + 1] == ' ' || s[i + 1] == '-')) ||
            (i > 0 && s[i - 1] == '-'))
            st->pending |= TL_TOK_BREAK;
        else
            st->glue = 1;
        break;
    case '/':
    case '\'':
    case 0x2019: st->glue = 1; break;
    case '!':
    case '?': st->pending |= TL_TOK_BREAK | TL_TOK_SENT; break;
    default: st->pending |= TL_TOK_BREAK; break;
    }
    st->i += len;
    st->cp++;
}

/* Reads the word at st->i: letters and digits; apostrophes end it ("L'Oreal" -> "l" "oreal")
 * and a possessive "'s" is consumed and flagged. fl: the flags it starts with. */
static tl_tok read_word(tok_state *st, uint16_t fl)
{
    const unsigned char *s = st->s;
    size_t n = st->n, i = st->i, cp = st->cp;
    tl_tok t;
    t.b0 = (uint32_t)i;
    t.cp0 = (uint32_t)cp;
    whash h = {WH_SEED, 0, 0};
    unsigned len = 0, lower = 0, first = 1, upper_inside = 0;
#ifdef SWAR_WORDS
    /* Most words are ASCII letters and digits: read them eight bytes at a time, their classes
     * as bit masks, the end found without a branch per byte. */
    while (i + 8 <= n) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t up = between(x, 'A' - 1, 'Z' + 1), lo = between(x, 'a' - 1, 'z' + 1),
                 dg = between(x, '0' - 1, '9' + 1);
        uint64_t stop = ~(up | lo | dg) & HIGHS;
        unsigned run = stop ? (unsigned)__builtin_ctzll(stop) >> 3 : 8;
        if (run == 0) break;
        uint64_t keep = run == 8 ? ~0ULL : (1ULL << (8 * run)) - 1;
        up &= keep;
        lo &= keep;
        dg &= keep;
        if (first) {
            if (lo & 0x80)
                fl |= TL_TOK_LOWER;
            else
                fl |= TL_TOK_UPPER; /* an upper-case letter or a digit */
            up &= ~0xFFULL;         /* "upper inside" counts after the first */
            first = 0;
        }
        upper_inside |= up != 0;
        lower |= lo != 0;
        if (dg) fl |= TL_TOK_DIGIT;
        uint64_t folded = (x | 0x2020202020202020ULL) & keep; /* digits keep bit 5 */
        if (h.n == 0 && run == 8) {
            whash_mix(&h, folded);
        } else if (h.n == 0) {
            h.part = folded;
            h.n = run;
        } else {
            for (unsigned k = 0; k < run; k++) whash_byte(&h, (unsigned)(folded >> (8 * k)));
        }
        len += run;
        i += run;
        cp += run;
        if (run < 8) break;
    }
#endif
    while (i < n) {
        unsigned c = s[i];
        int f;
        size_t clen = 1;
        if (c < 0x80) {
            /* The ASCII fast path: most of every text. */
            unsigned k = ascii_class[c];
            if (!k) break;
            if (k == 1) {
                if (first)
                    fl |= TL_TOK_UPPER;
                else
                    upper_inside = 1;
                c |= 0x20;
            } else if (k == 2) {
                lower = 1;
                if (first) fl |= TL_TOK_LOWER;
            } else {
                fl |= TL_TOK_DIGIT;
                if (first) fl |= TL_TOK_UPPER;
            }
            whash_byte(&h, c);
            len++;
            first = 0;
            i++;
            cp++;
            continue;
        } else {
            uint32_t u = decode(s, n, i, &clen);
            f = fold_cp(u);
            if (f < 0) break;
        }
        if (f == 0) { /* caseless letter: hash its bytes */
            for (size_t k = 0; k < clen; k++) whash_byte(&h, s[i + k]);
            len += (unsigned)clen;
            if (first) fl |= TL_TOK_UPPER;
        } else {
            unsigned ch = (unsigned)f;
            if (ch >= 'A' && ch <= 'Z') {
                if (first)
                    fl |= TL_TOK_UPPER;
                else
                    upper_inside = 1;
                ch |= 0x20;
            } else if (ch >= 'a' && ch <= 'z') {
                lower = 1;
                if (first) fl |= TL_TOK_LOWER;
            } else if (first) {
                fl |= TL_TOK_UPPER; /* a digit */
            }
            whash_byte(&h, ch);
            len++;
        }
        first = 0;
        i += clen;
        cp++;
    }
    t.b1 = (uint32_t)i;
    t.cp1 = (uint32_t)cp;
    if (!lower) fl |= TL_TOK_CAPS;
    if (upper_inside) fl |= TL_TOK_MIXED;
    if ((fl & TL_TOK_LOWER) && upper_inside) fl &= (uint16_t)~TL_TOK_LOWER; /* "eBay" */
    size_t a = apostrophe_at(s, n, i);
    if (a && i + a < n && (s[i + a] | 0x20) == 's' && !word_char_at(s, n, i + a + 1)) {
        fl |= TL_TOK_POSS;
        i += a + 1;
        cp += 2;
    }
    t.h = whash_end(&h, len);
    t.len = len > 0xFFFF ? 0xFFFF : (uint16_t)len;
    t.flags = fl;
    st->i = i;
    st->cp = cp;
    return t;
}

int tl_tokenize(const char *text, size_t n, tl_toks *out)
{
    out->n = 0;
    if (n > UINT32_MAX) return -1;
    tok_state st = {(const unsigned char *)text, n, 0, 0,
                    TL_TOK_SENT | TL_TOK_BREAK,  0, 0, SIZE_MAX};
    while (st.i < n) {
        size_t i = st.i;
        unsigned c = st.s[i];
        tl_tok t;
        if ((c < 0x80 && is_alnum(c)) || (c >= 0x80 && word_char_at(st.s, n, i))) {
            uint16_t fl = (uint16_t)st.pending;
            if (!st.space && st.glue && out->n && !(st.pending & TL_TOK_BREAK)) fl |= TL_TOK_GLUE;
            t = read_word(&st, fl);
        } else if (c == '&') { /* a word of its own, "and" */
            t = (tl_tok){(uint32_t)i,
                         (uint32_t)i + 1,
                         (uint32_t)st.cp,
                         (uint32_t)st.cp + 1,
                         tl_word_hash("and", 3),
                         3,
                         (uint16_t)(st.pending | TL_TOK_AMP)};
            st.i++;
            st.cp++;
        } else {
            read_separator(&st, out);
            continue;
        }
        PUSH(out, t);
        st.pending = 0;
        st.glue = st.space = 0;
        st.last_end = st.i;
    }
    return 0;
}

size_t tl_fold_word(const char *word, size_t n, char *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)word;
    size_t o = 0, i = 0;
    while (i < n && o < cap) {
        size_t clen = 1;
        int f;
        if (s[i] < 0x80)
            f = s[i];
        else
            f = fold_cp(decode(s, n, i, &clen));
        if (f > 0) {
            out[o++] = (char)((f >= 'A' && f <= 'Z') ? f | 0x20 : f);
        } else if (f == 0) {
            for (size_t k = 0; k < clen && o < cap; k++) out[o++] = (char)s[i + k];
        }
        i += clen;
    }
    return o;
}

void tl_toks_free(tl_toks *t)
{
    free(t->t);
    t->t = NULL;
    t->n = t->cap = 0;
}
