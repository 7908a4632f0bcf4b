/* Sentence splitter for news text: one forward pass over the bytes with bounded look-behind
 * (the word before a full stop) and look-ahead (the word after it), so it is linear in the
 * length of the text.
 *
 * A full stop, "!", "?" or an ellipsis, with any closing quotes or brackets after it, ends a
 * sentence when whitespace follows and the next word does not start in lower case. For a
 * full stop the word before it decides further: titles (Mr., Dr., St.) never end a sentence;
 * company suffixes, months, initials and dotted acronyms (Inc., Jan., C., U.S.) end one only
 * when the next word is a common sentence opener ("The", "It", "But") or a quote follows.
 * A blank line always ends a sentence; a single line break ends one when the line has no
 * final punctuation and the next line does not start in lower case (headings, bullets).
 * The dateline is part of the first sentence; a sentence that opens with "(" runs to its
 * closing ")" so credit lines and notes stay whole.
 *
 * Pages whose picture captions were glued onto the text (Daily Mail copy: "... for a 'Dream
 * Wedding' She was wounded ...", "... said.'If you want ...") lost the full stop between two
 * sentences. A closing quote right after a word ends a sentence when what follows starts
 * one: an opening quote and a capital, or a sentence opener ("She", "The", "But"); after a
 * single quote also a caption label ("Fighting words: In ..."). A full stop with a closing
 * quote ends a sentence even when the next one follows without a space. */
#include "sentence.h"

#include <stdlib.h>
#include <string.h>

/* A sentence-initial parenthesis longer than this is not a credit line or a note; the
 * ordinary rules take over (keeps an unclosed "(" from swallowing the text). */
#define PAREN_MAX 1200
/* Look-behind for the word before a full stop. */
#define WORD_MAX 40

typedef struct {
    const unsigned char *s;
    size_t n;
    np_sentences *out;
    size_t cp_byte; /* a byte offset already converted ... */
    size_t cp;      /* ... and its code-point offset */
    size_t st;      /* start of the current sentence (byte) */
    uint32_t flags; /* flags for the current sentence */
    int depth;      /* > 0: inside a sentence-initial parenthesis */
    int quoted;     /* quotes opened in the current sentence: 1 single, 2 double */
    size_t line_start;
    int oom;
} scanner;

/* ---- character classes ------------------------------------------------------------------ */

/* Byte length of the whitespace character at i (ASCII or Unicode spaces), 0 if none.
 * *nl gets the number of line breaks it counts for (U+2029 counts as a paragraph). */
static size_t space_at(const unsigned char *s, size_t n, size_t i, int *nl)
{
    unsigned c = s[i];
    *nl = 0;
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v') return 1;
    if (c == '\n') return *nl = 1, 1;
    if (c == '\r') {
        if (i + 1 < n && s[i + 1] == '\n') return *nl = 1, 2;
        return *nl = 1, 1;
    }
    if (c == 0xC2 && i + 1 < n && s[i + 1] == 0xA0) return 2; /* no-break space */
    if (c == 0xE2 && i + 2 < n) {
        unsigned c1 = s[i + 1], c2 = s[i + 2];
        if (c1 == 0x80 && c2 >= 0x80 && c2 <= 0x8A) return 3; /* en quad .. hair space */
        if (c1 == 0x80 && c2 == 0xAF) return 3;               /* narrow no-break space */
        if (c1 == 0x80 && c2 == 0xA8) return *nl = 1, 3;      /* line separator */
        if (c1 == 0x80 && c2 == 0xA9) return *nl = 2, 3;      /* paragraph separator */
        if (c1 == 0x81 && c2 == 0x9F) return 3;               /* medium math space */
    }
    if (c == 0xE3 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] == 0x80) return 3;
    if (c == 0xEF && i + 2 < n && s[i + 1] == 0xBB && s[i + 2] == 0xBF) return 3; /* BOM */
    return 0;
}

static size_t skip_ws(const unsigned char *s, size_t n, size_t i, int *newlines)
{
    int total = 0, nl;
    size_t len;
    while (i < n && (len = space_at(s, n, i, &nl)) > 0) {
        total += nl;
        i += len;
    }
    if (newlines) *newlines = total;
    return i;
}

/* The whitespace character that ends at i (exclusive), 0 if none. */
static int space_before(const unsigned char *s, size_t i)
{
    unsigned c = s[i - 1];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (i >= 2 && s[i - 2] == 0xC2 && c == 0xA0) return 2;
    if (i >= 3 && s[i - 3] == 0xE2 && s[i - 2] == 0x80 &&
        ((c >= 0x80 && c <= 0x8A) || c == 0xAF || c == 0xA8 || c == 0xA9))
        return 3;
    if (i >= 3 && s[i - 3] == 0xE3 && s[i - 2] == 0x80 && c == 0x80) return 3;
    return 0;
}

static int is_ellipsis(const unsigned char *s, size_t n, size_t i)
{
    return i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0xA6;
}

/* Closing quote or bracket at i: its byte length, else 0. */
static size_t closer_at(const unsigned char *s, size_t n, size_t i)
{
    unsigned c = s[i];
    if (c == '"' || c == '\'' || c == ')' || c == ']') return 1;
    if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 &&
        (s[i + 2] == 0x99 || s[i + 2] == 0x9D || s[i + 2] == 0xBA))
        return 3;                                             /* ’ ” › */
    if (c == 0xC2 && i + 1 < n && s[i + 1] == 0xBB) return 2; /* » */
    return 0;
}

/* Opening quote or bracket at i: its byte length, else 0. */
static size_t opener_at(const unsigned char *s, size_t n, size_t i)
{
    unsigned c = s[i];
    if (c == '"' || c == '\'' || c == '(' || c == '[') return 1;
    if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 &&
        (s[i + 2] == 0x98 || s[i + 2] == 0x9C || s[i + 2] == 0xB9))
        return 3;                                             /* ‘ “ ‹ */
    if (c == 0xC2 && i + 1 < n && s[i + 1] == 0xAB) return 2; /* « */
    return 0;
}

static int is_upper(unsigned c)
{
    return c >= 'A' && c <= 'Z';
}
static int is_lower(unsigned c)
{
    return c >= 'a' && c <= 'z';
}
static int is_digit(unsigned c)
{
    return c >= '0' && c <= '9';
}

enum { NEXT_LOWER, NEXT_UPPER, NEXT_DIGIT, NEXT_OPEN, NEXT_DOT, NEXT_OTHER };

/* Class of the character that starts the next sentence candidate. Latin-1 letters count by
 * case (À..Þ upper, ß..ÿ lower); other scripts are "other". */
static int next_class(const unsigned char *s, size_t n, size_t j)
{
    unsigned c = s[j];
    if (is_lower(c)) return NEXT_LOWER;
    if (is_upper(c)) return NEXT_UPPER;
    if (is_digit(c)) return NEXT_DIGIT;
    if (c == '.') return NEXT_DOT;
    if (opener_at(s, n, j)) return NEXT_OPEN;
    if (c == 0xC3 && j + 1 < n) {
        unsigned c1 = s[j + 1];
        if (c1 >= 0x80 && c1 <= 0x9E && c1 != 0x97) return NEXT_UPPER;
        if (c1 >= 0x9F && c1 != 0xB7) return NEXT_LOWER;
    }
    if (is_ellipsis(s, n, j)) return NEXT_DOT;
    return NEXT_OTHER;
}

/* ---- word lists ------------------------------------------------------------------------ */

static int in_list(const char *const *list, const unsigned char *w, size_t len)
{
    if (len == 0) return 0;
    for (; *list; list++)
        if ((unsigned char)(*list)[0] == w[0] && strlen(*list) == len && memcmp(*list, w, len) == 0)
            return 1;
    return 0;
}

/* Never end a sentence: a name or a number follows. */
static const char *const titles[] = {
    "Mr",   "Mrs",  "Ms",   "Messrs", "Mmes", "Dr",   "Drs",  "Prof", "Gen",  "Lt",  "Col",  "Maj",
    "Capt", "Cmdr", "Cmdt", "Sgt",    "Cpl",  "Pvt",  "Adm",  "Gov",  "Govs", "Sen", "Sens", "Rep",
    "Reps", "Rev",  "Hon",  "Pres",   "Supt", "Insp", "Det",  "Fr",   "Sr",   "Mt",  "Ft",   "St",
    "Ste",  "vs",   "v",    "cf",     "viz",  "MR",   "MRS",  "MS",   "DR",   "ST",  "Amb",  "Atty",
    "Gens", "Msgr", "Rt",   "Jos",    "Wm",   "Chas", "Thos", "Geo",  "rel",  NULL,
};

/* Do not end a sentence before a number ("No. 1", "Jan. 5"). */
static const char *const before_number[] = {
    "No",     "Nos", "no",  "Art",  "Vol", "Vols", "vol", "pp",  "p",   "Fig",
    "Figs",   "Ch",  "Sec", "Para", "Rs",  "Jan",  "Feb", "Mar", "Apr", "Jun",
    "Jul",    "Aug", "Sep", "Sept", "Oct", "Nov",  "Dec", "Rev", "Ed",  "ed",
    "approx", "ca",  "c",   "Tel",  "tel", "Op",   "Ref", "ref", "Nr",  NULL,
};

/* May end a sentence: only when a sentence opener follows. */
static const char *const ambiguous[] = {
    "Inc",   "Corp",  "Co",    "Cos",  "Ltd",  "Plc",   "plc",  "LLC",  "LLP",  "Bros",   "Jr",
    "Jan",   "Feb",   "Mar",   "Apr",  "Jun",  "Jul",   "Aug",  "Sep",  "Sept", "Oct",    "Nov",
    "Dec",   "Tue",   "Tues",  "Thu",  "Thur", "Thurs", "Fri",  "etc",  "al",   "approx", "est",
    "dept",  "Dept",  "Ave",   "Blvd", "Rd",   "Univ",  "Assn", "Intl", "Mfg",  "Ala",    "Ariz",
    "Ark",   "Calif", "Colo",  "Conn", "Del",  "Fla",   "Ga",   "Ill",  "Ind",  "Kan",    "Kans",
    "Ky",    "La",    "Md",    "Mass", "Mich", "Minn",  "Miss", "Mo",   "Mont", "Neb",    "Nev",
    "Okla",  "Ore",   "Pa",    "Penn", "Tenn", "Tex",   "Va",   "Vt",   "Wash", "Wis",    "Wyo",
    "Gov't", "Govt",  "Pty",   "Cie",  "Nos",  "Mln",   "mln",  "bln",  "Bln",  "Ph",     "Mgmt",
    "Svcs",  "Grp",   "Hldgs", "Bhd",  "Tbk",  NULL,
};

/* Capitalized words that usually open a sentence (and rarely follow "Inc." or "U.S." inside
 * one). */
static const char *const openers[] = {
    "The",       "A",         "An",         "It",        "Its",      "He",           "She",
    "They",      "We",        "I",          "You",       "In",       "On",           "At",
    "By",        "For",       "But",        "And",       "Or",       "So",           "Yet",
    "This",      "That",      "These",      "Those",     "His",      "Her",          "Their",
    "Our",       "My",        "Your",       "There",     "Here",     "As",           "If",
    "When",      "While",     "After",      "Before",    "Since",    "Although",     "Though",
    "However",   "Meanwhile", "Also",       "Still",     "Some",     "Many",         "Most",
    "Other",     "Others",    "Analysts",   "Shares",    "Last",     "Earlier",      "Later",
    "Under",     "With",      "Without",    "According", "What",     "Why",          "How",
    "Who",       "Where",     "Which",      "Such",      "Both",     "Each",         "All",
    "No",        "Not",       "One",        "Two",       "Three",    "Investors",    "Officials",
    "Now",       "Then",      "Even",       "Only",      "Just",     "Despite",      "During",
    "Over",      "From",      "To",         "Because",   "Unlike",   "Like",         "Once",
    "Until",     "Asked",     "Separately", "Overall",   "Instead",  "Thus",         "Already",
    "About",     "Among",     "Following",  "Including", "Moreover", "Nevertheless", "Nonetheless",
    "Currently", "Recently",  "Today",      "Yesterday", "Those",    "Another",      "Several",
    "Few",       "More",      "Much",       "Both",      "Neither",  "Either",       "Did",
    "Does",      "Do",        "Is",         "Are",       "Was",      "Were",         "Has",
    "Have",      "Had",       "Will",       "Would",     "Can",      "Could",        "Should",
    "May",       "Might",     "Must",       "Let",       "Please",   "Yes",          "Reuters",
    "Sources",   "Experts",   "Economists", "Traders",   "Critics",  "Executives",   NULL,
};

/* ---- output ---------------------------------------------------------------------------- */

static int starts_with_ci(const unsigned char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    if (k > n) return 0;
    for (size_t i = 0; i < k; i++) {
        unsigned c = s[i];
        if (c >= 'A' && c <= 'Z') c += 32;
        if (c != (unsigned char)p[i]) return 0;
    }
    return 1;
}

static int contains_ci(const unsigned char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    for (size_t i = 0; i + k <= n; i++)
        if (starts_with_ci(s + i, n - i, p)) return 1;
    return 0;
}

/* Credit lines, bylines and editorial notes, from the sentence's text s[0..n). */
static uint32_t classify(const unsigned char *s, size_t n)
{
    static const char *const credit_words[] = {
        "reporting by",        "editing by",
        "writing by",          "compiled by",
        "edited by",           "graphics by",
        "polling by",          "additional reporting",
        "aditional reporting", "reporting and writing",
        "editing and",         "research by",
        "produced by",         NULL,
    };
    static const char *const note_starts[] = {
        "($",
        "(€",
        "(£",
        "(¥",
        "(this story",
        "(this article",
        "(updates",
        "(corrects",
        "(refiles",
        "(adds",
        "(recasts",
        "(repeats",
        "(removes",
        "(fixes",
        "(changes",
        "(rewrites",
        "(for ",
        "(clarifies",
        "(story ",
        "(official",
        "(releases",
        "(the following",
        "(this version",
        NULL,
    };
    /* phrases that make a whole parenthesized sentence an editorial note or a link */
    static const char *const note_words[] = {
        "story was", "story has", "refiled", "corrected", ".com", "http",
        "( here )",  "(here)",    "click",   "for full ", NULL,
    };
    size_t m = n;
    if (m && s[m - 1] == '.') m--;
    if (n >= 2 && s[0] == '(' && s[m - 1] == ')') {
        size_t lim = n < 300 ? n : 300;
        for (int k = 0; credit_words[k]; k++)
            if (contains_ci(s, lim, credit_words[k])) return NP_SENT_CREDIT;
        for (int k = 0; note_starts[k]; k++)
            if (starts_with_ci(s, n, note_starts[k])) return NP_SENT_NOTE;
        for (int k = 0; note_words[k]; k++)
            if (contains_ci(s, lim, note_words[k])) return NP_SENT_NOTE;
        return 0;
    }
    static const char *const credit_starts[] = {
        "reporting by", "additional reporting by",  "editing by", "writing by", "compiled by",
        "edited by",    "reporting and writing by", NULL,
    };
    unsigned c0 = s[0] | 0x20;
    if (c0 == 'r' || c0 == 'a' || c0 == 'e' || c0 == 'w' || c0 == 'c')
        for (int k = 0; credit_starts[k]; k++)
            if (starts_with_ci(s, n, credit_starts[k])) return NP_SENT_CREDIT;
    /* a byline: "By Jane Doe" or "By Jane Doe and John Roe, Reuters", short, no full stop */
    if (n <= 80 && n > 3 && memcmp(s, "By ", 3) == 0 && is_upper(s[3]) && s[n - 1] != '.')
        return NP_SENT_CREDIT;
    /* a story code such as nL6N0HQ42U, alone or as [ID:nL6N0HQ42U] or <ID:nL6N0HQ42U> */
    size_t a = 0, b = n;
    if (n > 4 && (memcmp(s, "[ID:", 4) == 0 || memcmp(s, "<ID:", 4) == 0) &&
        (s[n - 1] == ']' || s[n - 1] == '>')) {
        if (n <= 24) return NP_SENT_NOTE;
        a = 4, b = n - 1;
    }
    if (b - a >= 7 && b - a <= 14 && s[a] == 'n' && is_upper(s[a + 1])) {
        size_t k = a + 1;
        while (k < b && (is_upper(s[k]) || is_digit(s[k]))) k++;
        if (k == b) return NP_SENT_NOTE;
    }
    return 0;
}

/* Length of a bullet marker and the spaces after it at s[0..n), or 0. */
static size_t bullet_len(const unsigned char *s, size_t n)
{
    size_t k = 0;
    if (n >= 2 && (s[0] == '*' || s[0] == '-' || s[0] == '+' || s[0] == '>'))
        k = 1;
    else if (n >= 3 && s[0] == 0xC2 && s[1] == 0xB7)
        k = 2; /* · */
    else if (n >= 4 && s[0] == 0xE2 &&
             ((s[1] == 0x80 && (s[2] == 0xA2 || s[2] == 0x93 || s[2] == 0x94)) ||
              (s[1] == 0x96 && (s[2] == 0xAA || s[2] == 0xA0 || s[2] == 0xBA)) ||
              (s[1] == 0x97 && (s[2] == 0x8F || s[2] == 0x8B))))
        k = 3; /* • – — ▪ ■ ► ● ○ */
    if (!k || (s[k] != ' ' && s[k] != '\t')) return 0;
    while (k < n && (s[k] == ' ' || s[k] == '\t')) k++;
    return k;
}

static int ends_with_terminal(const unsigned char *s, size_t a, size_t b)
{
    for (;;) {
        if (b > a && (s[b - 1] == '"' || s[b - 1] == '\'' || s[b - 1] == ')' || s[b - 1] == ']'))
            b--;
        else if (b - a >= 3 && closer_at(s, b, b - 3) == 3)
            b -= 3;
        else if (b - a >= 2 && closer_at(s, b, b - 2) == 2)
            b -= 2;
        else
            break;
    }
    if (b == a) return 0;
    unsigned c = s[b - 1];
    if (c == '.' || c == '!' || c == '?') return 1;
    return b - a >= 3 && is_ellipsis(s, b, b - 3);
}

static size_t cp_at(scanner *sc, size_t byte)
{
    const unsigned char *s = sc->s;
    for (size_t i = sc->cp_byte; i < byte; i++) sc->cp += (s[i] & 0xC0) != 0x80;
    sc->cp_byte = byte;
    return sc->cp;
}

/* Ends the current sentence at byte e (exclusive): trims, flags and appends it. */
static void end_sentence(scanner *sc, size_t e, uint32_t extra)
{
    const unsigned char *s = sc->s;
    size_t a = sc->st, b = e, len;
    int nl;
    sc->st = e;
    sc->depth = 0;
    while (a < b && (len = space_at(s, b, a, &nl)) > 0) a += len;
    while (b > a && (len = space_before(s, b)) > 0) b -= len;
    if (a < b && (len = bullet_len(s + a, b - a)) > 0) a += len;
    if (a >= b || sc->oom) return;
    np_sentences *o = sc->out;
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 32;
        np_sentence *p = realloc(o->s, cap * sizeof *p);
        if (!p) {
            sc->oom = 1;
            return;
        }
        o->s = p;
        o->cap = cap;
    }
    uint32_t flags = sc->flags | extra | classify(s + a, b - a);
    if (!ends_with_terminal(s, a, b) && !(flags & (NP_SENT_CREDIT | NP_SENT_NOTE)))
        flags |= NP_SENT_HEADING;
    np_sentence *x = &o->s[o->n++];
    x->start = (uint32_t)a;
    x->end = (uint32_t)b;
    x->cp_start = (uint32_t)cp_at(sc, a);
    x->cp_end = (uint32_t)cp_at(sc, b);
    x->flags = flags;
}

/* ---- boundary decisions ------------------------------------------------------------------ */

/* An all-capitals run heading glued to the next sentence, as wire copy that lost its line
 * breaks has it: "WEAK OCTOBER SALES EXPECTED Economists said ...". Returns the end of the
 * run, or 0. At least two words and ten letters, and a Capitalized word after it. */
static size_t caps_heading_end(const unsigned char *s, size_t n, size_t p)
{
    size_t k = p, end = 0;
    int words = 0, letters = 0;
    while (k < n && k - p < 120 && words < 12) {
        size_t w = k;
        int lt = 0, ok = 1;
        while (k < n && s[k] != ' ' && s[k] != '\n' && s[k] != '\r' && s[k] != '\t') {
            unsigned c = s[k];
            if (is_upper(c))
                lt++;
            else if (!(is_digit(c) || c == '&' || c == '\'' || c == '-' || c == '/' || c == ','))
                ok = 0;
            k++;
        }
        if (!ok || lt == 0) {
            if (words >= 2 && letters >= 10 && k - w >= 2 && is_upper(s[w]) && is_lower(s[w + 1]))
                return end;
            return 0;
        }
        words++;
        letters += lt;
        end = k;
        while (k < n && s[k] == ' ') k++;
    }
    return 0;
}

/* Starts a sentence at p (first non-space byte); returns where scanning continues. */
static size_t start_sentence(scanner *sc, size_t p, uint32_t flags)
{
    sc->st = p;
    sc->flags = flags;
    sc->depth = 0;
    sc->quoted = 0;
    if (p >= sc->n) return p;
    size_t h = caps_heading_end(sc->s, sc->n, p);
    if (h) {
        end_sentence(sc, h, NP_SENT_HEADING);
        p = skip_ws(sc->s, sc->n, h, NULL);
        sc->st = p;
        sc->flags = 0;
    }
    if (p < sc->n && sc->s[p] == '(') {
        sc->depth = 1;
        return p + 1;
    }
    return p;
}

/* Does a single line break at i (next line at j) end the sentence? Only when the line has
 * no final punctuation (the full-stop rules decided otherwise) and does not run on. */
static int line_break_splits(const scanner *sc, size_t i, size_t j)
{
    const unsigned char *s = sc->s;
    size_t b = i, len;
    while (b > sc->st && (len = space_before(s, b)) > 0) b -= len;
    if (b <= sc->st) return 0;
    if (ends_with_terminal(s, sc->st, b)) return 0;
    if (bullet_len(s + j, sc->n - j)) return 1;
    if (bullet_len(s + sc->line_start, i - sc->line_start)) return 1;
    unsigned c = s[b - 1];
    if (c == ',' || c == ';' || c == '-' || c == '&' || c == '/' || c == '(') return 0;
    if (next_class(s, sc->n, j) == NEXT_LOWER) return 0;
    return 1;
}

/* "( BA.N )" or "(BA.N)" at j: an instrument code after "Boeing Co." that continues the
 * sentence. */
static int ric_follows(const unsigned char *s, size_t n, size_t j)
{
    if (s[j] != '(') return 0;
    int dot = 0;
    for (size_t k = j + 1; k < n && k - j < 24; k++) {
        if (s[k] == ')') return dot;
        if (s[k] == '.')
            dot = 1;
        else if (!(is_upper(s[k]) || is_digit(s[k]) || s[k] == ' ' || s[k] == '_' || s[k] == '=' ||
                   is_lower(s[k])))
            return 0;
        else if (is_lower(s[k]) && !(k > j + 1 && (s[k - 1] == '_' || s[k - 1] == '.')))
            return 0;
    }
    return 0;
}

/* After a single full stop at dot (next sentence candidate at j): does the sentence end? */
static int period_splits(const scanner *sc, size_t dot, size_t j, int newlines, int cls)
{
    const unsigned char *s = sc->s;
    size_t w = dot, o;
    while (w > sc->st && dot - w < WORD_MAX && !space_before(s, w)) w--;
    /* the word without the quotes or brackets that open it */
    while (w < dot && (o = opener_at(s, dot, w)) > 0) w += o;
    if (dot - w >= WORD_MAX) return 1;
    const unsigned char *word = s + w;
    size_t wl = dot - w;
    if (wl == 0) return 1;
    if (in_list(titles, word, wl)) return 0;
    int digits = 1;
    for (size_t k = 0; k < wl; k++) digits &= is_digit(word[k]);
    /* "1. Item" at the start of a line is a list number */
    if (digits && wl <= 3 && w == sc->line_start) return 0;
    if (newlines) return 1;
    if (cls == NEXT_DIGIT) return !in_list(before_number, word, wl);
    /* a dotted acronym (U.S., J.P., a.m., Ph.D.), not a code such as LOUDR.UL */
    int dotted = memchr(word, '.', wl) != NULL;
    for (size_t k = 0, seg = 0; dotted && k <= wl; k++) {
        if (k == wl || word[k] == '.') {
            if (seg > 2) dotted = 0;
            seg = 0;
        } else if (is_upper(word[k]) || is_lower(word[k])) {
            seg++;
        } else {
            dotted = 0;
        }
    }
    int initial = wl == 1 && is_upper(word[0]);
    if (dotted || initial || in_list(ambiguous, word, wl)) {
        if (cls == NEXT_OPEN) return !ric_follows(s, sc->n, j);
        if (cls != NEXT_UPPER) return 0;
        size_t k = j;
        while (k < sc->n && k - j < 16 && ((is_upper(s[k]) || is_lower(s[k])))) k++;
        return in_list(openers, s + j, k - j);
    }
    return 1;
}

/* Length of a Reuters story code at j ("nL6N0HQ42U") followed by space or the end, or 0. */
static size_t story_code_len(const unsigned char *s, size_t n, size_t j)
{
    if (j + 1 >= n || s[j] != 'n' || !is_upper(s[j + 1])) return 0;
    size_t k = j + 1;
    while (k < n && (is_upper(s[k]) || is_digit(s[k]))) k++;
    if (k - j < 7 || k - j > 14) return 0;
    return (k == n || s[k] == ' ' || s[k] == '\n' || s[k] == '\r' || s[k] == '\t') ? k - j : 0;
}

/* "(Reporting by" and the like at i: a credit glued to the end of the text before it. */
static int credit_paren_at(const unsigned char *s, size_t n, size_t i)
{
    static const char *const starts[] = {
        "(reporting by", "(additional reporting",  "(editing by",          "(writing by",
        "(compiled by",  "(reporting and writing", "(aditional reporting", NULL,
    };
    for (int k = 0; starts[k]; k++)
        if (starts_with_ci(s + i, n - i, starts[k])) return 1;
    return 0;
}

/* ---- glued captions ---------------------------------------------------------------------- */

/* A quote character at i (straight or curly, either side): its byte length, else 0; *kind
 * gets 1 for a single quote, 2 for a double one. */
static size_t quote_at(const unsigned char *s, size_t n, size_t i, int *kind)
{
    if (s[i] == '"' || s[i] == '\'') return *kind = s[i] == '"' ? 2 : 1, 1;
    if (s[i] == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] >= 0x98 && s[i + 2] <= 0x9D)
        return *kind = s[i + 2] >= 0x9C ? 2 : 1, 3; /* ‘ ’ ‚ ‛ single, “ ” double */
    return 0;
}

/* A caption label at j: a capitalized word and at most two more, then ": " and a capital
 * ("Pictured: The ...", "Fighting words: In ..."). */
static int caption_label_at(const unsigned char *s, size_t n, size_t j)
{
    if (j >= n || !is_upper(s[j])) return 0;
    int words = 1;
    for (size_t k = j + 1; k + 2 < n && k - j < 40; k++) {
        unsigned c = s[k];
        if (c == ':') return s[k + 1] == ' ' && is_upper(s[k + 2]);
        if (c == ' ') {
            if (++words > 3) return 0;
        } else if (!(is_upper(c) || is_lower(c) || c == '-' || c == '\'')) {
            return 0;
        }
    }
    return 0;
}

/* After a closing quote of the kind given that follows a word (not punctuation), with the
 * next word at j on the same line: does a new sentence start there? An opening quote and a
 * capital, or a sentence opener, after either kind; after a single quote (the Daily Mail's
 * quotation mark) also a caption label. Not any capitalized word: quotes close names and
 * titles ("on the 'Cairnuary' Facebook page", "\"Grey's Anatomy\" star Chyler Leigh"). */
static int starts_glued_sentence(const scanner *sc, size_t j, int kind)
{
    const unsigned char *s = sc->s;
    int k2;
    size_t n = sc->n, q = quote_at(s, n, j, &k2);
    if (q) return j + q < n && is_upper(s[j + q]);
    if (!is_upper(s[j])) return 0;
    size_t k = j;
    while (k < n && k - j < 16 && (is_upper(s[k]) || is_lower(s[k]))) k++;
    if (k < n && s[k] == ' ' && in_list(openers, s + j, k - j)) return 1;
    return kind == 1 && caption_label_at(s, n, j);
}

/* ---- the scanner --------------------------------------------------------------------------- */

static int is_dash_at(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    if (s[i] == '-') return *len = (i + 1 < n && s[i + 1] == '-') ? 2 : 1, 1;
    if (s[i] == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0x93 || s[i + 2] == 0x94))
        return *len = 3, 1;
    return 0;
}

/* Is p[0..m) the place-and-source part of a dateline? "NEW YORK  (Reuters)",
 * "WASHINGTON, Oct 31", "NEW YORK, Oct 24 (RLPC)", "ST. LOUIS (Reuters)", "(Reuters)". */
static int dateline_prefix(const unsigned char *p, size_t m)
{
    while (m && (p[m - 1] == ' ' || p[m - 1] == '\t')) m--;
    if (m == 0) return 0;
    size_t h = 0;
    int letters = 0;
    while (h < m && p[h] != ',' && p[h] != '(') {
        unsigned c = p[h];
        if (is_lower(c)) return 0;
        if (is_upper(c) || c >= 0x80)
            letters++;
        else if (!(c == ' ' || c == '.' || c == '\'' || c == '-' || c == '/' || c == '&'))
            return 0;
        h++;
    }
    if (h == m) return letters >= 4; /* "WASHINGTON - " */
    if (letters < 2 && p[h] != '(') return 0;
    if (m - h > 64) return 0;
    /* the rest: a date and/or a parenthesized source; words outside the parentheses start
     * with a capital or a digit ("Oct 31", "July 12") */
    int depth = 0, paren = 0, at_word = 1;
    for (size_t k = h; k < m; k++) {
        unsigned c = p[k];
        if (c == '(')
            depth++, paren = 1;
        else if (c == ')') {
            if (--depth < 0) return 0;
        } else if (c == '"' || c == ';' || c == ':')
            return 0;
        if (!depth && at_word && is_lower(c)) {
            /* allow a letter glued to ")" as in "(Reuters)p", a known typo */
            if (!(k > 0 && p[k - 1] == ')')) return 0;
        }
        at_word = (c == ' ' || c == ',' || c == '(' || c == ')');
    }
    if (depth) return 0;
    return paren || letters >= 2;
}

/* Whether the full stop at s[i] closes a US state's abbreviation after a comma, as datelines
 * write the place ("ARLINGTON, Va. (Reuters) -", "MADISON, Wis./NEW YORK"). */
static int after_state(const unsigned char *s, size_t i)
{
    static const char *const states[] = {
        "Ala",  "Ariz", "Ark", "Calif", "Colo", "Conn", "Del",  "Fla",  "Ga",
        "Ill",  "Ind",  "Kan", "Kans",  "Ky",   "La",   "Md",   "Mass", "Mich",
        "Minn", "Miss", "Mo",  "Mont",  "Neb",  "Nev",  "Okla", "Ore",  "Pa",
        "Penn", "Tenn", "Tex", "Va",    "Vt",   "Wash", "Wis",  "Wyo",  NULL,
    };
    size_t j = i;
    while (j > 0 && (is_upper(s[j - 1]) || is_lower(s[j - 1]))) j--;
    return j >= 2 && s[j - 1] == ' ' && s[j - 2] == ',' && in_list(states, s + j, i - j);
}

size_t np_dateline_len(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t lim = n < 160 ? n : 160, len;
    for (size_t i = 0; i < lim; i++) {
        if (s[i] == '\n' || s[i] == '\r') return 0;
        if (s[i] == '.' && i + 1 < lim && s[i + 1] == ' ' && i >= 1 && is_lower(s[i - 1]) &&
            !after_state(s, i))
            return 0; /* a sentence ended before any dash */
        if (!is_dash_at(s, n, i, &len)) continue;
        if (i == 0) return 0;
        if (s[i - 1] != ' ' && s[i - 1] != ')' && s[i - 1] != '\t') continue; /* "U.S.-based" */
        if (!dateline_prefix(s, i)) return 0;
        size_t e = i + len;
        while (e < n && (s[e] == ' ' || s[e] == '\t')) e++;
        if (e >= n) return 0;
        return e;
    }
    return 0;
}

/* The scanner's steps: each reads the text at i and returns where to go on (sc->n when the
 * text ends there). */

/* A line break at i (the white space from i holds one): two or more end the paragraph, one
 * ends the sentence only where line_break_splits() says so. */
static size_t at_line_break(scanner *sc, size_t i)
{
    int lines;
    size_t j = skip_ws(sc->s, sc->n, i, &lines);
    if (j >= sc->n) return sc->n;
    if (lines >= 2 || line_break_splits(sc, i, j)) {
        end_sentence(sc, i, 0);
        sc->line_start = j;
        return start_sentence(sc, j, NP_SENT_PARA_START);
    }
    sc->line_start = j;
    return j;
}

/* Inside parentheses: the sentence ends after the closing one when the next word does not
 * go on in lower case ("(Reporting by ...)" then a new sentence), or a story code follows. */
static size_t in_parens(scanner *sc, size_t i)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n;
    if (s[i] == '(') {
        sc->depth++;
    } else if (s[i] == ')' && --sc->depth == 0) {
        size_t e = i + 1;
        while (e < n && s[e] == '.') e++;
        int lines;
        size_t j = skip_ws(s, n, e, &lines);
        if (j >= n) return n;
        if (j > e && (next_class(s, n, j) != NEXT_LOWER || story_code_len(s, n, j))) {
            end_sentence(sc, e, 0);
            if (lines) sc->line_start = j;
            return start_sentence(sc, j, lines ? NP_SENT_PARA_START : 0);
        }
    } else if (i - sc->st > PAREN_MAX) {
        sc->depth = 0;
    }
    return i + 1;
}

/* A quotation mark of length ql and kind at i: an opening one is noted; a closing one after
 * a word may end the sentence when another is glued after it on the line. */
static size_t at_quote(scanner *sc, size_t i, size_t ql, int kind)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n;
    int nl;
    int open = i == sc->st || space_before(s, i) || (i > 0 && s[i - 1] == '(');
    int at_space = i + ql < n && space_at(s, n, i + ql, &nl) && !nl;
    if (open && i + ql < n && !space_at(s, n, i + ql, &nl)) {
        sc->quoted |= kind;
    } else if (!open && at_space && (sc->quoted & kind) && i > 0 &&
               (is_lower(s[i - 1]) || is_upper(s[i - 1]) || is_digit(s[i - 1]))) {
        /* a closing quote after a word, not after punctuation ("... titles," he said) */
        int lines;
        size_t j = skip_ws(s, n, i + ql, &lines);
        if (j < n && !lines && starts_glued_sentence(sc, j, kind)) {
            end_sentence(sc, i + ql, 0);
            return start_sentence(sc, j, 0);
        }
        sc->quoted &= ~kind;
    }
    return i + ql;
}

/* Terminal punctuation at i (ell: an ellipsis there): the run of it, the closing quotes and
 * brackets after it, then whether the sentence ends, by what comes next. */
static size_t at_terminal(scanner *sc, size_t i, int ell)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n;
    int nl;
    size_t k = i;
    int dots = 0, other = 0;
    for (;;) {
        if (k < n && s[k] == '.')
            dots++, k++;
        else if (k < n && (s[k] == '!' || s[k] == '?'))
            other++, k++;
        else if (is_ellipsis(s, n, k))
            ell++, k += 3;
        else
            break;
    }
    size_t e = k, cl;
    while (e < n && (cl = closer_at(s, n, e)) > 0) e += cl;
    if (e < n && !space_at(s, n, e, &nl)) {
        /* "said.'If you ...": the space after the closing quote was lost */
        int qk;
        if (e > k && quote_at(s, n, k, &qk) && is_upper(s[e]) && e + 1 < n && is_lower(s[e + 1])) {
            end_sentence(sc, e, 0);
            return start_sentence(sc, e, 0);
        }
        return e;
    }
    int lines;
    size_t j = skip_ws(s, n, e, &lines);
    if (j >= n) return n;
    int cls = next_class(s, n, j), split;
    if (lines >= 2)
        split = 1;
    else if (cls == NEXT_LOWER || cls == NEXT_DOT)
        split = 0;
    else if (other || ell || dots > 1)
        split = 1;
    else
        split = period_splits(sc, i, j, lines, cls);
    if (!split) return e;
    end_sentence(sc, e, 0);
    if (lines) sc->line_start = j;
    return start_sentence(sc, j, lines ? NP_SENT_PARA_START : 0);
}

int np_split_sentences(const char *text, size_t n, np_sentences *out)
{
    out->n = 0;
    if (n > UINT32_MAX) return -1;
    scanner sc = {.s = (const unsigned char *)text, .n = n, .out = out};
    const unsigned char *s = sc.s;
    size_t i = skip_ws(s, n, 0, NULL);
    if (i >= n) return 0;
    sc.line_start = i;
    size_t dl = np_dateline_len(text + i, n - i);
    if (dl) {
        sc.st = i;
        sc.flags = NP_SENT_PARA_START | NP_SENT_DATELINE;
        i += dl;
    } else {
        i = start_sentence(&sc, i, NP_SENT_PARA_START);
    }
    while (i < n) {
        unsigned c = s[i];
        int nl, kind, ell;
        size_t sl = space_at(s, n, i, &nl), ql;
        if (nl)
            i = at_line_break(&sc, i);
        else if (sl)
            i += sl;
        else if (sc.depth > 0)
            i = in_parens(&sc, i);
        else if (c == '(' && i > sc.st && space_before(s, i) && credit_paren_at(s, n, i)) {
            end_sentence(&sc, i, 0);
            i = start_sentence(&sc, i, 0);
        } else if ((ql = quote_at(s, n, i, &kind)) > 0)
            i = at_quote(&sc, i, ql, kind);
        else if ((ell = is_ellipsis(s, n, i)) || c == '.' || c == '!' || c == '?')
            i = at_terminal(&sc, i, ell);
        else
            i++;
    }
    end_sentence(&sc, n, 0);
    return sc.oom ? -1 : 0;
}

void np_sentences_free(np_sentences *out)
{
    free(out->s);
    out->s = NULL;
    out->n = out->cap = 0;
}
