/* Instrument codes in news as published (see codes.h). */
#include "codes.h"

#include <string.h>

#include "feature.h"
#include "labels.h"
#include "wordlist.h"

/* Whether s[a..b) is a Reuters instrument code: a root of letters, digits and "_", then "."
 * and an exchange suffix of one to three capitals ("BA.N", "VOWG_p.DE", "0700.HK"). */
static int ric_shape(const char *s, size_t a, size_t b)
{
    size_t dot = b;
    while (dot > a && s[dot - 1] != '.') dot--;
    if (dot == a || dot - 1 == a || b - dot < 1 || b - dot > 3 || dot - 1 - a > 12) return 0;
    for (size_t i = dot; i < b; i++)
        if (s[i] < 'A' || s[i] > 'Z') return 0;
    int upper = 0;
    for (size_t i = a; i < dot - 1; i++) {
        char c = s[i];
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            upper = 1;
        else if (!(c >= 'a' && c <= 'z') && c != '_')
            return 0;
    }
    return upper;
}

/* Whether s[a..b) is Reuters' own code of a private company ("LOT.UL", "AAMRQA.UL"). */
static int ul_code(const char *s, size_t a, size_t b)
{
    return b - a > 3 && memcmp(s + b - 3, ".UL", 3) == 0 && ric_shape(s, a, b);
}

/* Whether s[a..b) is a symbol of one to six capitals (and full stops) written as a code: after
 * an exchange's name and a colon in parentheses ("(NYSE: BA)", "(Nasdaq:AAPL)"), or as a
 * cashtag ("$TSLA"). */
static int exchange_symbol(const char *s, size_t len, size_t a, size_t b)
{
    if (b - a < 1 || b - a > 6) return 0;
    for (size_t i = a; i < b; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '.')) return 0;
    if (a > 0 && s[a - 1] == '$') return a < 2 || s[a - 2] == ' ' || s[a - 2] == '(';
    size_t p = a, q = b;
    while (p > 0 && s[p - 1] == ' ') p--;
    while (q < len && s[q] == ' ') q++;
    if (p == 0 || s[p - 1] != ':' || q >= len || (s[q] != ')' && s[q] != ',' && s[q] != ';'))
        return 0;
    size_t o = p - 1; /* the colon; an exchange's name before it, "(" before that */
    while (o > 0 && o + 14 > p && s[o - 1] != '(') o--;
    if (o == 0 || s[o - 1] != '(') return 0;
    static const char *const exchanges[] = {
        "NYSE", "Nasdaq", "NASDAQ", "AMEX",  "NYSE American", "NYSE Arca", "NYSE MKT",
        "TSX",  "TSXV",   "TSX-V",  "LSE",   "AIM",           "ASX",       "HKEX",
        "SGX",  "OTC",    "OTCQX",  "OTCQB", "Euronext",      "SIX",       "XETRA",
        "BSE",  "NSE",    "TSE",    "JSE",   "NZX",           "CSE"};
    size_t n = p - 1 - o;
    for (size_t k = 0; k < sizeof exchanges / sizeof *exchanges; k++)
        if (strlen(exchanges[k]) == n && memcmp(exchanges[k], s + o, n) == 0) return 1;
    return 0;
}

/* Whether s[a..b) is a Reuters index code after its full stop (" .SPX", "(.N225)",
 * ".STOXX50E", ".dMIWD00000PUS"): capitals and digits, at least one capital, perhaps one
 * lower-case letter first, right after a "." that follows a space, "(" or the text's start;
 * a misspaced sentence (".Giuseppe", two in eng.train) is no code. */
static int index_code(const char *s, size_t a, size_t b)
{
    if (a == 0 || s[a - 1] != '.' || b - a < 2 || b - a > 16) return 0;
    if (a >= 2 && s[a - 2] != ' ' && s[a - 2] != '(' && s[a - 2] != '\n') return 0;
    int capital = 0;
    for (size_t i = a; i < b; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            capital = 1;
        else if (!(c >= '0' && c <= '9') && !(i == a && c >= 'a' && c <= 'z'))
            return 0;
    }
    return capital;
}

int etag_code_span(const char *s, size_t len, const np_token *tk, const etag_span *sp)
{
    size_t a = tk[sp->first].start, b = tk[sp->first + sp->n - 1].end;
    if (exchange_symbol(s, len, a, b)) return 1;
    if (ul_code(s, a, b) || index_code(s, a, b)) return 1;
    if (!ric_shape(s, a, b)) return 0;
    size_t p = a, q = b;
    while (p > 0 && s[p - 1] == ' ') p--;
    while (q < len && s[q] == ' ') q++;
    return p > 0 && q < len &&
           ((s[p - 1] == '(' && s[q] == ')') || (s[p - 1] == '<' && s[q] == '>'));
}

int etag_code_follows(const char *s, size_t len, size_t b)
{
    size_t q = b + etag_possessive_at(s, len, b);
    while (q < len && s[q] == ' ') q++;
    if (q >= len || (s[q] != '(' && s[q] != '<')) return 0;
    char close = s[q] == '(' ? ')' : '>';
    q++;
    while (q < len && s[q] == ' ') q++;
    size_t a = q;
    while (q < len && s[q] != ' ' && s[q] != close && q - a <= 16) q++;
    size_t e = q;
    while (q < len && s[q] == ' ') q++;
    return q < len && s[q] == close && ric_shape(s, a, e);
}

void etag_org_before_code(const etag_lexicon *gaz, np_buf *scratch, const char *s, size_t len,
                          const np_token *tk, etag_span *sp)
{
    const uint32_t places = (1u << ETAG_GAZ_COUNTRY) | (1u << ETAG_GAZ_CITY) |
                            (1u << ETAG_GAZ_REGION) | (1u << ETAG_GAZ_WLOC);
    if (sp->type > ETAG_MISC) return;
    size_t b = tk[sp->first + sp->n - 1].end;
    if (!etag_code_follows(s, len, b)) return;
    if (sp->type != ETAG_ORG && sp->first > 0) {
        const np_token *p = &tk[sp->first - 1];
        const char *w = s + p->start;
        if (p->end - p->start == 2 && (!memcmp(w, "in", 2) || !memcmp(w, "of", 2)) &&
            (etag_lexicon_empty(gaz) ||
             (etag_gaz_words(gaz, scratch, s, tk[sp->first].start, b) & places)))
            return;
    }
    sp->type = ETAG_ORG;
    sp->coded = 1; /* the article's other mentions of the name follow it (mentions.c) */
}

void etag_trim_code(const char *s, const np_token *tk, etag_span *sp)
{
    size_t b = tk[sp->first + sp->n - 1].end;
    uint32_t j = sp->n - 1; /* the last word's first token: tokens glued without a space */
    while (j > 0 && tk[sp->first + j].start == tk[sp->first + j - 1].end) j--;
    if (j == 0) return; /* the span is that one word */
    size_t a = tk[sp->first + j].start;
    if (ul_code(s, a, b)) sp->n = j;
}

/* Whether token w of s is a word with a capital ("Total", "easyJet", "H&M" is three tokens). */
static int capital_word(const char *s, const np_token *w)
{
    if (w->kind != NP_TOK_WORD) return 0;
    for (size_t k = w->start; k < w->end; k++)
        if (s[k] >= 'A' && s[k] <= 'Z') return 1;
    return 0;
}

void etag_code_names(const char *s, size_t len, const np_token *tk, size_t n, uint8_t *labels)
{
    for (size_t j = 0; j < n; j++) {
        if (labels[j] != ETAG_O || !etag_code_follows(s, len, tk[j].end) ||
            !capital_word(s, &tk[j]))
            continue;
        size_t i = j;
        while (i > 0 && j - i < 3 && labels[i - 1] == ETAG_O && capital_word(s, &tk[i - 1]) &&
               (tk[i].flags & NP_TOK_SPACE_BEFORE) && !(tk[i].flags & NP_TOK_NEWLINE_BEFORE))
            i--;
        if (i > 0 && labels[i - 1] != ETAG_O && tk[i - 1].kind != NP_TOK_PUNCT &&
            !(tk[i].flags & NP_TOK_NEWLINE_BEFORE))
            continue; /* the end of a name the model tagged in part: "Puma SE", "Nasdaq OMX" */
        if (i > 0 && tk[i - 1].kind == NP_TOK_NUMBER && s[tk[i].start - 1] == ' ')
            continue; /* "SPDR S&P 500 Trust" */
        if (i < j && tk[i].end - tk[i].start == 3 && memcmp(s + tk[i].start, "The", 3) == 0) i++;
        if (i == j) {
            labels[j] = (uint8_t)etag_label(ETAG_ORG, ETAG_U);
            continue;
        }
        labels[i] = (uint8_t)etag_label(ETAG_ORG, ETAG_B);
        for (size_t k = i + 1; k < j; k++) labels[k] = (uint8_t)etag_label(ETAG_ORG, ETAG_I);
        labels[j] = (uint8_t)etag_label(ETAG_ORG, ETAG_L);
    }
}
