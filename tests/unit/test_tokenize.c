/* Unit tests for the news-text tokenizer: CoNLL-2003 conventions, real news punctuation,
 * byte and code-point offsets, flags, and linear time on pathological input. */
#include "tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int n_test;
static int failed;

static void ok(int cond, const char *what)
{
    n_test++;
    if (!cond) failed++;
    printf("%sok %d - %s\n", cond ? "" : "not ", n_test, what);
}

/* Tokenizes s and joins the tokens with '|' into out. */
static void joined(const char *s, char *out, size_t cap)
{
    np_tokens t = {0};
    size_t o = 0;
    out[0] = '\0';
    if (np_tokenize(s, strlen(s), &t) < 0) {
        snprintf(out, cap, "<error>");
        return;
    }
    for (size_t i = 0; i < t.n; i++) {
        size_t len = t.t[i].end - t.t[i].start;
        if (o + len + 2 >= cap) break;
        if (i) out[o++] = '|';
        memcpy(out + o, s + t.t[i].start, len);
        o += len;
    }
    out[o] = '\0';
    np_tokens_free(&t);
}

static void check_split(const char *in, const char *want)
{
    char got[1024], what[1200];
    joined(in, got, sizeof got);
    int good = strcmp(got, want) == 0;
    snprintf(what, sizeof what, "%s -> %s", in, want);
    for (char *w = what; *w; w++)
        if (*w == '\n' || *w == '\t' || *w == '\r' || *w == '#') *w = ' ';
    ok(good, what);
    if (!good) printf("#   got: %s\n", got);
}

static const struct {
    const char *in, *want;
} cases[] = {
    /* CoNLL-2003 conventions (checked against eng.train) */
    {"the U.S. dollar", "the|U.S.|dollar"},
    {"Apple Computer Inc. said", "Apple|Computer|Inc.|said"},
    {"Sun Microsystems Inc.'s unit", "Sun|Microsystems|Inc.|'s|unit"},
    {"Peter's car", "Peter|'s|car"},
    {"it doesn't matter", "it|does|n't|matter"},
    {"we're here, I'm sure", "we|'re|here|,|I|'m|sure"},
    {"O'Brien and O'Neal", "O'Brien|and|O'Neal"},
    {"the U.S.-led force", "the|U.S.-led|force"},
    {"won 6-4 6-3", "won|6-4|6-3"},
    {"BRUSSELS 1996-08-22", "BRUSSELS|1996-08-22"},
    {"a one-day match", "a|one-day|match"},
    {"cost $1.5 million", "cost|$|1.5|million"},
    {"rose 2.2% to", "rose|2.2|%|to"},
    {"HK$5 billion, C$2.1 and US$40", "HK$|5|billion|,|C$|2.1|and|US$|40"},
    {"1,234,567.89 shares", "1,234,567.89|shares"},
    {"in 2:29.34 and 8:22:00", "in|2:29.34|and|8:22:00"},
    {"1/2 point, 1996/97 season", "1/2|point|,|1996/97|season"},
    {"AT&T and S&P 500", "AT&T|and|S&P|500"},
    {"batting .500 today", "batting|.500|today"},
    {"Tel +44 171", "Tel|+44|171"},
    {"he said -- again ...", "he|said|--|again|..."},
    {"M. Hingis beat J. Novotna", "M.|Hingis|beat|J.|Novotna"},
    {"at 10 a.m. Friday", "at|10|a.m.|Friday"},
    {"vs. Chelsea", "vs.|Chelsea"},
    {"He left.", "He|left|."},
    {"(Reuters) said", "(|Reuters|)|said"},
    {"\"We won,\" he said.", "\"|We|won|,|\"|he|said|."},
    {"1. Germany 2. France", "1.|Germany|2|.|France"},
    {"scored 3. Then", "scored|3|.|Then"},
    {"and the U.S.", "and|the|U.S."},
    /* real news text */
    {"BEIJING (Reuters) -China on", "BEIJING|(|Reuters|)|-|China|on"},
    {"Alibaba\u2019s cloud unit", "Alibaba|\u2019s|cloud|unit"},
    {"PDD Holdings\u2019 Pinduoduo and JD.com, Li",
     "PDD|Holdings|\u2019|Pinduoduo|and|JD.com|,|Li"},
    {"some U.S.-listed Chinese firms", "some|U.S.-listed|Chinese|firms"},
    {"wiped $1.1 trillion off", "wiped|$|1.1|trillion|off"},
    {"gaining 2.2% and", "gaining|2.2|%|and"},
    {"\u201cWe hope \u2026 continue,\u201d Li said",
     "\u201c|We|hope|\u2026|continue|,|\u201d|Li|said"},
    {"a slower-than-anticipated rate", "a|slower-than-anticipated|rate"},
    {"profit\u2014up 5%\u2014beat", "profit|\u2014|up|5|%|\u2014|beat"},
    {"Wednesday\u2019s meeting", "Wednesday|\u2019s|meeting"},
    {"investors\u2019 long-term", "investors|\u2019|long-term"},
    {"visit http://www.reuters.com/a/b.html.", "visit|http://www.reuters.com/a/b.html|."},
    {"\u00a35 and \u20ac20", "\u00a3|5|and|\u20ac|20"},
    {"Z\u00fcrich and S\u00e3o Paulo", "Z\u00fcrich|and|S\u00e3o|Paulo"},
    {"", ""},
    {"   \n\t ", ""},
};

/* Offsets: byte and code-point positions with multi-byte text, a combining mark, emoji. */
static void check_offsets(void)
{
    /* "e" + U+0301 combining acute, then "t\u00e9"; an emoji with a skin-tone modifier;
     * a ZWJ family; "\u00c9mile" */
    const char *s = "Ce\xcc\x81te\xcc\x81 \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd "
                    "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9 \xc3\x89mile.";
    np_tokens t = {0};
    int rc = np_tokenize(s, strlen(s), &t);
    ok(rc == 0 && t.n == 5, "offsets text: 5 tokens");
    if (t.n == 5) {
        ok(t.t[0].start == 0 && t.t[0].end == 8 && t.t[0].cp_start == 0 && t.t[0].cp_end == 6,
           "combining marks stay inside the word (bytes 0-8, cps 0-6)");
        ok(t.t[1].start == 9 && t.t[1].end == 17 && t.t[1].cp_start == 7 && t.t[1].cp_end == 9 &&
               t.t[1].kind == NP_TOK_PUNCT,
           "emoji + skin tone: one token, 2 code points");
        ok(t.t[2].start == 18 && t.t[2].end == 29 && t.t[2].cp_start == 10 && t.t[2].cp_end == 13,
           "ZWJ sequence: one token, 3 code points");
        ok(t.t[3].start == 30 && t.t[3].end == 36 && t.t[3].cp_start == 14 && t.t[3].cp_end == 19 &&
               t.t[3].kind == NP_TOK_WORD,
           "\u00c9mile: bytes 30-36, cps 14-19");
        ok(t.t[4].cp_start == 19 && t.t[4].cp_end == 20 && t.t[4].end == 37 &&
               t.t[4].kind == NP_TOK_PUNCT,
           "final period");
    }
    np_tokens_free(&t);
}

static void check_flags(void)
{
    const char *s = "A b\nc\r\n\r\nd\xe2\x80\xa8"
                    "e";
    np_tokens t = {0};
    np_tokenize(s, strlen(s), &t);
    ok(t.n == 5, "flags text: 5 tokens");
    if (t.n == 5) {
        ok(t.t[0].flags == 0, "first token: no flags");
        ok(t.t[1].flags == NP_TOK_SPACE_BEFORE, "space before");
        ok(t.t[2].flags == (NP_TOK_SPACE_BEFORE | NP_TOK_NEWLINE_BEFORE), "newline before");
        ok(t.t[3].flags == (NP_TOK_SPACE_BEFORE | NP_TOK_NEWLINE_BEFORE | NP_TOK_PARA_BEFORE),
           "CRLF CRLF: paragraph before");
        ok(t.t[4].flags & NP_TOK_NEWLINE_BEFORE, "U+2028 is a line break");
        ok(t.t[0].kind == NP_TOK_WORD, "kind word");
    }
    np_tokenize("12,5 4.0 x", 10, &t);
    ok(t.n == 5 && t.t[0].kind == NP_TOK_NUMBER && t.t[1].kind == NP_TOK_PUNCT,
       "12,5: a comma not followed by 3 digits splits");
    np_tokens_free(&t);
}

/* Linear time: pathological inputs of several MB finish (a quadratic scan would not) and
 * cover every byte exactly once with contiguous code-point offsets. */
static void check_big(void)
{
    const size_t n = 4u << 20;
    char *s = malloc(n + 1);
    if (!s) {
        ok(0, "malloc");
        return;
    }
    static const char *const pats[] = {"a", "a.", "1,", "-", "'", "\xc3\xa9", "U.S.-", "e\xcc\x81"};
    for (size_t p = 0; p < sizeof pats / sizeof *pats; p++) {
        size_t pl = strlen(pats[p]), o = 0;
        while (o + pl <= n) {
            memcpy(s + o, pats[p], pl);
            o += pl;
        }
        s[o] = '\0';
        np_tokens t = {0};
        int rc = np_tokenize(s, o, &t);
        int good = rc == 0 && t.n > 0;
        size_t cp = 0, b = 0;
        for (size_t i = 0; good && i < t.n; i++) {
            if (t.t[i].start != b || t.t[i].cp_start != cp || t.t[i].end <= t.t[i].start) good = 0;
            b = t.t[i].end;
            cp = t.t[i].cp_end;
        }
        good = good && b == o;
        char what[80];
        snprintf(what, sizeof what, "%zu MB of \"%s\" repeated: tokens tile the text", o >> 20,
                 pats[p]);
        ok(good, what);
        np_tokens_free(&t);
    }
    free(s);
}

int main(void)
{
    size_t nc = sizeof cases / sizeof *cases;
    printf("1..%zu\n", nc + 6 + 8 + (size_t)8);
    for (size_t i = 0; i < nc; i++) check_split(cases[i].in, cases[i].want);
    check_offsets();
    check_flags();
    check_big();
    return failed ? 1 : 0;
}
