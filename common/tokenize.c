/* News-text tokenizer: one left-to-right pass with a few code points of lookahead, so the
 * cost is linear in the text whatever it holds (a 10 MB run without spaces included).
 *
 * The rules follow CoNLL-2003 (Penn Treebank style) tokenization, checked against eng.train:
 * abbreviations keep their period ("U.S.", "Inc.", "M.", "a.m."), a sentence-final period is
 * its own token, clitics split off ("Alibaba" "'s", "do" "n't"), hyphenated words and scores
 * stay whole ("U.S.-listed", "6-4", "1996-08-22"), numbers keep their separators ("1,000.5",
 * "2:29.34", "1/2"), currency prefixes are one token ("HK$", "US$") and "$" and "%" are
 * separate. Runs of "-" or "." ("--", "...") are one token; every other punctuation or symbol
 * code point (curly quotes, dashes, emoji) is a token of its own. Combining marks, variation
 * selectors and zero-width joiners stay with the token they follow. */
#include "tokenize.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Character classes. Everything at or above U+0080 that is not listed as space, punctuation
 * or mark counts as a letter, so scripts we know nothing about still form words. */
enum { C_END, C_SPACE, C_NL, C_ALPHA, C_DIGIT, C_MARK, C_PUNCT };

typedef struct {
    const unsigned char *s;
    size_t n;
} text;

/* Decodes the code point at byte i; *len gets its byte length (an invalid byte counts as
 * one code point of one byte, so offsets stay defined on bad input). Returns -1 at the end. */
static inline int32_t peek(const text *t, size_t i, size_t *len)
{
    if (i >= t->n) {
        *len = 0;
        return -1;
    }
    const unsigned char *p = t->s + i;
    unsigned c = p[0];
    if (c < 0x80) {
        *len = 1;
        return (int32_t)c;
    }
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (need == 1 || i + need > t->n) {
        *len = 1;
        return 0xFFFD;
    }
    uint32_t cp = c & (0x3F >> (need - 1));
    for (size_t k = 1; k < need; k++) {
        if ((p[k] & 0xC0) != 0x80) {
            *len = 1;
            return 0xFFFD;
        }
        cp = cp << 6 | (p[k] & 0x3F);
    }
    *len = need;
    return (int32_t)cp;
}

static int cls_of(int32_t c)
{
    if (c < 0) return C_END;
    if (c < 0x80) {
        if (c == '\n' || c == '\r' || c == '\v' || c == '\f') return C_NL;
        if (c == ' ' || c == '\t') return C_SPACE;
        if (c < 0x20 || c == 0x7F) return C_SPACE; /* other controls separate tokens */
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return C_ALPHA;
        if (c >= '0' && c <= '9') return C_DIGIT;
        return C_PUNCT;
    }
    if (c == 0x85 || c == 0x2028 || c == 0x2029) return C_NL;
    if (c < 0x100) {
        if (c < 0xA0) return C_SPACE; /* C1 controls */
        if (c == 0xA0) return C_SPACE;
        if (c == 0xAA || c == 0xB5 || c == 0xBA) return C_ALPHA;
        if (c <= 0xBF || c == 0xD7 || c == 0xF7) return C_PUNCT;
        return C_ALPHA;
    }
    if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
        (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
        (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFE20 && c <= 0xFE2F) || c == 0x200C ||
        c == 0x200D || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F) ||
        (c >= 0xE0100 && c <= 0xE01EF))
        return C_MARK;
    if (c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000 ||
        c == 0xFEFF || (c >= 0x200E && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
        (c >= 0x2060 && c <= 0x206F))
        return C_SPACE;
    if ((c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) ||
        (c >= 0x20A0 && c <= 0x20CF) || (c >= 0x2100 && c <= 0x214F) ||
        (c >= 0x2190 && c <= 0x2BFF) || (c >= 0x2E00 && c <= 0x2E7F) ||
        (c >= 0x3001 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE6F) ||
        (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
        (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
        (c >= 0x1F000 && c <= 0x1FAFF) || c == 0xFFFD)
        return C_PUNCT;
    return C_ALPHA;
}

static inline bool is_alnum_cls(int k)
{
    return k == C_ALPHA || k == C_DIGIT;
}

static inline bool is_apos(int32_t c)
{
    return c == '\'' || c == 0x2019;
}

/* A scanning position: byte offset and code-point offset move together. */
typedef struct {
    size_t b, cp;
} pos;

static inline void advance(pos *p, size_t len)
{
    p->b += len;
    p->cp++;
}

/* Class of the code point k positions after byte i (k small), C_END past the text. */
static int32_t peek_at(const text *t, size_t i, int k, size_t *len_first)
{
    size_t len = 0;
    int32_t c = peek(t, i, &len);
    if (len_first) *len_first = len;
    while (k-- > 0 && c >= 0) {
        i += len;
        c = peek(t, i, &len);
    }
    return c;
}

/* If a clitic ('s 're 've 'll 'd 'm, straight or curly apostrophe) starts at byte i and is
 * followed by a non-letter, returns its length in code points, else 0. */
static int clitic_at(const text *t, size_t i)
{
    int32_t a = peek_at(t, i, 0, NULL);
    if (!is_apos(a)) return 0;
    int32_t c1 = peek_at(t, i, 1, NULL), c2 = peek_at(t, i, 2, NULL);
    int32_t c3 = peek_at(t, i, 3, NULL);
    int32_t l1 = c1 | 0x20, l2 = c2 | 0x20;
    if (c1 < 0 || c1 > 0x7F) return 0;
    bool upper1 = c1 >= 'A' && c1 <= 'Z';
    if ((l1 == 's' || l1 == 'd' || l1 == 'm') && !is_alnum_cls(cls_of(c2))) return 2;
    if (c2 >= 0 && c2 <= 0x7F && (c2 >= 'A' && c2 <= 'Z') == upper1 &&
        ((l1 == 'r' && l2 == 'e') || (l1 == 'v' && l2 == 'e') || (l1 == 'l' && l2 == 'l')) &&
        !is_alnum_cls(cls_of(c3)))
        return 3;
    return 0;
}

/* "n't" (or "N'T") at byte i followed by a non-letter. */
static bool nt_at(const text *t, size_t i)
{
    int32_t c0 = peek_at(t, i, 0, NULL), c1 = peek_at(t, i, 1, NULL);
    int32_t c2 = peek_at(t, i, 2, NULL), c3 = peek_at(t, i, 3, NULL);
    return (c0 == 'n' || c0 == 'N') && is_apos(c1) && (c2 == 't' || c2 == 'T') &&
           !is_alnum_cls(cls_of(c3));
}

/* Abbreviations that keep their period (CoNLL-2003 and Reuters usage). Case matters:
 * "No." is an abbreviation, "no." ends a sentence. */
static const char *const abbrevs[] = {
    "Inc",    "Corp", "Co",  "Cos",  "Ltd",  "Bros", "Mr",    "Mrs",  "Ms",   "Messrs", "Dr",
    "St",     "Jr",   "Sr",  "vs",   "Jan",  "Feb",  "Mar",   "Apr",  "Jun",  "Jul",    "Aug",
    "Sep",    "Sept", "Oct", "Nov",  "Dec",  "Gen",  "Gov",   "Sen",  "Rep",  "Lt",     "Col",
    "Capt",   "Sgt",  "Adm", "Cmdr", "Prof", "Rev",  "Calif", "Fla",  "Mass", "Conn",   "Wash",
    "Ariz",   "Colo", "Ill", "Mich", "Minn", "Ore",  "Tenn",  "Tex",  "Va",   "Wis",    "Ala",
    "Ga",     "La",   "Md",  "Mo",   "Nev",  "Okla", "Pa",    "Del",  "Ky",   "Kan",    "Neb",
    "Vt",     "Wyo",  "No",  "Nos",  "vol",  "Vol",  "Mt",    "Ft",   "Ave",  "Dept",   "Univ",
    "approx", "Pty",  "Cie", "Rt",   "Hon",  "ST",   "INC",   "CORP", "CO",   "LTD",
};

static bool is_abbrev(const unsigned char *w, size_t len)
{
    if (len > 6) return false;
    for (size_t k = 0; k < sizeof abbrevs / sizeof *abbrevs; k++)
        if (strlen(abbrevs[k]) == len && memcmp(abbrevs[k], w, len) == 0) return true;
    return false;
}

static int push(np_tokens *out, pos a, pos b, int kind, int flags)
{
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 256;
        np_token *nt = realloc(out->t, cap * sizeof *nt);
        if (!nt) return -1;
        out->t = nt;
        out->cap = cap;
    }
    np_token *k = &out->t[out->n++];
    k->start = (uint32_t)a.b;
    k->end = (uint32_t)b.b;
    k->cp_start = (uint32_t)a.cp;
    k->cp_end = (uint32_t)b.cp;
    k->kind = (uint8_t)kind;
    k->flags = (uint8_t)flags;
    return 0;
}

/* Absorbs combining marks after p (and the code point after a zero-width joiner, so emoji
 * ZWJ sequences stay whole). */
static void absorb_marks(const text *t, pos *p)
{
    size_t len;
    for (;;) {
        int32_t c = peek(t, p->b, &len);
        if (cls_of(c) != C_MARK) return;
        advance(p, len);
        if (c == 0x200D) {
            int32_t d = peek(t, p->b, &len);
            if (d < 0 || cls_of(d) == C_SPACE || cls_of(d) == C_NL) return;
            advance(p, len);
        }
    }
}

/* What scan_word has read of a word so far. */
typedef struct {
    size_t start;
    bool has_alpha, has_digit;
    bool all_upper_ascii; /* for "HK$" */
    bool only_letters_dots;
    size_t seg, max_seg, dots, letters; /* letters between dots ("U.S"), dots */
    int32_t prev;                       /* the last character taken, -1 at the start */
} word;

enum { PUNCT_ENDS, PUNCT_TAKEN, PUNCT_CURRENCY };

/* Whether the punctuation c at p->b (n1, of class kn1, after it) continues word w: "U.S",
 * "co-op", "don't" (not a clitic), "AT&T", "1/2", "10:30", "1,000", "a@b", "a_b"; a currency
 * prefix's "$" ("HK$") ends the word with it. Updates w's counts for what it takes. */
static int inner_punct(const text *t, const pos *p, int32_t c, int32_t n1, int kn1, word *w)
{
    bool prev_alnum = w->prev >= 0 && is_alnum_cls(cls_of(w->prev));
    bool prev_digit = w->prev >= '0' && w->prev <= '9';
    bool take = false;
    switch (c) {
    case '.':
        if (prev_alnum && is_alnum_cls(kn1))
            take = true;
        else if (prev_alnum && (n1 == '-' || n1 == 0x2010 || n1 == 0x2011) &&
                 is_alnum_cls(cls_of(peek_at(t, p->b, 2, NULL))))
            take = true;
        if (take) {
            w->dots++;
            if (w->seg > w->max_seg) w->max_seg = w->seg;
            w->seg = 0;
        }
        return take ? PUNCT_TAKEN : PUNCT_ENDS;
    case '-':
    case 0x2010: /* hyphen */
    case 0x2011: /* non-breaking hyphen */
        take = (prev_alnum || w->prev == '.') && is_alnum_cls(kn1);
        break;
    case '\'':
    case 0x2019: take = prev_alnum && is_alnum_cls(kn1) && !clitic_at(t, p->b); break;
    case '&':
        take = prev_alnum && kn1 == C_ALPHA && (w->prev | 0x20) >= 'a' && (w->prev | 0x20) <= 'z';
        break;
    case '/':
    case ':': return prev_digit && kn1 == C_DIGIT ? PUNCT_TAKEN : PUNCT_ENDS;
    case ',':
        if (prev_digit && p->b > w->start) {
            /* a thousands separator: exactly three digits follow */
            int32_t d2 = peek_at(t, p->b, 2, NULL), d3 = peek_at(t, p->b, 3, NULL);
            int32_t d4 = peek_at(t, p->b, 4, NULL);
            take = cls_of(n1) == C_DIGIT && cls_of(d2) == C_DIGIT && cls_of(d3) == C_DIGIT &&
                   cls_of(d4) != C_DIGIT && cls_of(d4) != C_ALPHA;
        }
        return take ? PUNCT_TAKEN : PUNCT_ENDS;
    case '@':
    case '_': take = prev_alnum && is_alnum_cls(kn1); break;
    case '$':
        /* currency prefixes: "HK$", "US$", "C$" */
        return w->all_upper_ascii && w->letters >= 1 && w->letters <= 3 &&
                       p->b - w->start == w->letters
                   ? PUNCT_CURRENCY
                   : PUNCT_ENDS;
    default: return PUNCT_ENDS;
    }
    if (take) w->only_letters_dots = false; /* hyphens, apostrophes, "&", "@", "_" */
    return take ? PUNCT_TAKEN : PUNCT_ENDS;
}

/* A URL: when the word read so far (start..p->b) is a scheme followed by "://", moves p past
 * everything to the next space, less trailing punctuation. Returns whether it did. */
static bool take_url(const text *t, pos *p, size_t start)
{
    size_t wl = p->b - start, len;
    if (!((wl == 4 && memcmp(t->s + start, "http", 4) == 0) ||
          (wl == 5 && memcmp(t->s + start, "https", 5) == 0)))
        return false;
    if (!(p->b + 3 <= t->n && memcmp(t->s + p->b, "://", 3) == 0)) return false;
    pos q = *p, last = *p;
    for (;;) {
        int32_t c = peek(t, q.b, &len);
        int k = cls_of(c);
        if (k == C_END || k == C_SPACE || k == C_NL) break;
        if (c == '"' || c == '<' || c == '>' || c == 0x201D) break;
        advance(&q, len);
        if (!(c == '.' || c == ',' || c == ';' || c == ':' || c == ')' || c == '\'' || c == '!' ||
              c == '?'))
            last = q;
    }
    *p = last;
    return true;
}

/* A final period after word w (ending at p->b): kept by abbreviations, initials and list
 * numbers ("1." at a line start); otherwise it is sentence punctuation and a token of its
 * own. */
static bool keeps_period(const text *t, const pos *p, const word *w, bool line_start)
{
    size_t wl = p->b - w->start;
    const unsigned char *s = t->s + w->start;
    if (w->has_alpha && w->only_letters_dots && w->dots > 0 && w->max_seg <= 2)
        return true;                                                        /* U.S */
    if (w->has_alpha && wl == 1 && s[0] >= 'A' && s[0] <= 'Z') return true; /* initial */
    if (w->has_alpha && is_abbrev(s, wl)) return true;
    if (!w->has_alpha && line_start && wl <= 3 && s[0] >= '0' && s[0] <= '9') {
        int k2 = cls_of(peek_at(t, p->b, 1, NULL));
        return k2 == C_SPACE || k2 == C_NL;
    }
    return false;
}

/* Scans a word or number starting at p (an alphanumeric, or "." / "+" before a digit).
 * Returns the token kind; p is moved to its end. */
static int scan_word(const text *t, pos *p, bool line_start)
{
    word w = {.start = p->b, .all_upper_ascii = true, .only_letters_dots = true, .prev = -1};
    size_t len;
    int32_t c = peek(t, p->b, &len);
    if (c == '.' || c == '+') { /* ".500", "+44" */
        advance(p, len);
        w.prev = c;
        if (c == '.') w.only_letters_dots = false;
    }
    for (;;) {
        c = peek(t, p->b, &len);
        int k = cls_of(c);
        if (k == C_ALPHA || k == C_DIGIT) {
            if ((c == 'n' || c == 'N') && p->b > w.start && nt_at(t, p->b)) break;
            advance(p, len);
            if (k == C_ALPHA) {
                w.has_alpha = true;
                w.letters++;
                w.seg++;
                if (!(c >= 'A' && c <= 'Z')) w.all_upper_ascii = false;
            } else {
                w.has_digit = true;
                w.only_letters_dots = false;
                w.all_upper_ascii = false;
            }
            w.prev = c;
            continue;
        }
        if (k == C_MARK) {
            absorb_marks(t, p);
            continue;
        }
        if (k != C_PUNCT) break;
        int32_t n1 = peek_at(t, p->b, 1, NULL);
        int r = inner_punct(t, p, c, n1, cls_of(n1), &w);
        if (r == PUNCT_ENDS) break;
        advance(p, len);
        if (r == PUNCT_CURRENCY) return NP_TOK_WORD;
        w.prev = c;
    }
    if (w.seg > w.max_seg) w.max_seg = w.seg;
    if (take_url(t, p, w.start)) return NP_TOK_WORD;
    c = peek(t, p->b, &len);
    if (c == '.' && peek_at(t, p->b, 1, NULL) != '.' && keeps_period(t, p, &w, line_start))
        advance(p, len);
    if (w.has_alpha) return NP_TOK_WORD;
    if (w.has_digit) return NP_TOK_NUMBER;
    return NP_TOK_PUNCT;
}

int np_tokenize(const char *s, size_t n, np_tokens *out)
{
    out->n = 0;
    if (n > UINT32_MAX) return -1;
    text t = {(const unsigned char *)s, n};
    pos p = {0, 0};
    int flags = 0, newlines = 0;
    size_t len;
    int prev_kind = -1; /* kind of the previous token when it touches this one */
    bool at_line_start = true;

    while (p.b < n) {
        int32_t c = peek(&t, p.b, &len);
        int k = cls_of(c);
        if (k == C_SPACE || k == C_NL) {
            flags |= NP_TOK_SPACE_BEFORE;
            if (k == C_NL) {
                /* CRLF is one line break */
                if (!(c == '\r' && p.b + 1 < n && s[p.b + 1] == '\n')) newlines++;
                if (c == 0x2029) newlines += 2;
                flags |= NP_TOK_NEWLINE_BEFORE;
                if (newlines >= 2) flags |= NP_TOK_PARA_BEFORE;
                at_line_start = true;
            }
            advance(&p, len);
            prev_kind = -1;
            continue;
        }
        pos a = p;
        int kind;
        size_t l1;
        int32_t n1 = peek_at(&t, p.b, 1, &l1);
        if (k == C_ALPHA || k == C_DIGIT) {
            if ((c == 'n' || c == 'N') && prev_kind >= 0 && nt_at(&t, p.b)) {
                for (int i = 0; i < 3; i++) {
                    peek(&t, p.b, &len);
                    advance(&p, len);
                }
                kind = NP_TOK_WORD;
            } else {
                kind = scan_word(&t, &p, at_line_start);
            }
        } else if ((c == '.' && cls_of(n1) == C_DIGIT && prev_kind != NP_TOK_WORD &&
                    prev_kind != NP_TOK_NUMBER) ||
                   (c == '+' && cls_of(n1) == C_DIGIT && prev_kind < 0)) {
            kind = scan_word(&t, &p, false);
        } else if (is_apos(c) && clitic_at(&t, p.b)) {
            int m = clitic_at(&t, p.b);
            for (int i = 0; i < m; i++) {
                peek(&t, p.b, &len);
                advance(&p, len);
            }
            kind = NP_TOK_WORD;
        } else if (c == '-' || c == '.' || c == '*' || c == '=' || c == '_' || c == '~' ||
                   c == '#') {
            /* runs: "--", "...", "****" */
            do advance(&p, len);
            while (peek(&t, p.b, &len) == c);
            kind = NP_TOK_PUNCT;
        } else {
            advance(&p, len);
            absorb_marks(&t, &p);
            if (c >= 0x1F1E6 && c <= 0x1F1FF) { /* regional-indicator pair: one flag */
                int32_t d = peek(&t, p.b, &len);
                if (d >= 0x1F1E6 && d <= 0x1F1FF) advance(&p, len);
            }
            kind = NP_TOK_PUNCT;
        }
        if (push(out, a, p, kind, flags) < 0) return -1;
        flags = 0;
        newlines = 0;
        at_line_start = false;
        prev_kind = kind;
    }
    return 0;
}

void np_tokens_free(np_tokens *toks)
{
    free(toks->t);
    toks->t = NULL;
    toks->n = toks->cap = 0;
}
