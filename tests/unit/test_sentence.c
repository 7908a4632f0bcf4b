/* Sentence splitter on the hard cases of news text: datelines, abbreviations, initials,
 * decimals, quotes, ellipses, headings, bullets, credit lines; offsets; big inputs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sentence.h"
#include "tap.h"

static np_sentences ss;
static char joined[8192];

/* Splits text and joins the sentences with " | " into `joined`. */
static const char *split(const char *text)
{
    size_t len = 0;
    joined[0] = '\0';
    if (np_split_sentences(text, strlen(text), &ss) != 0) return "(error)";
    for (size_t i = 0; i < ss.n; i++) {
        size_t k = ss.s[i].end - ss.s[i].start;
        if (len + k + 4 >= sizeof joined) break;
        if (i) memcpy(joined + len, " | ", 3), len += 3;
        memcpy(joined + len, text + ss.s[i].start, k);
        len += k;
    }
    joined[len] = '\0';
    return joined;
}

static void check(const char *text, const char *want, const char *what)
{
    const char *got = split(text);
    if (!ok(strcmp(got, want) == 0, "%s", what)) {
        printf("#   got:  %s\n#   want: %s\n", got, want);
    }
}

static void test_basic(void)
{
    check("", "", "empty text: no sentences");
    ok(ss.n == 0, "empty text: n is 0");
    check("  \n\n \t ", "", "whitespace only: no sentences");
    ok(ss.n == 0, "whitespace only: n is 0");
    check("One sentence.", "One sentence.", "one sentence");
    check("  Padded sentence.  ", "Padded sentence.", "surrounding spaces trimmed");
    check("no punctuation at all here", "no punctuation at all here", "no punctuation");
    ok(ss.n == 1 && (ss.s[0].flags & NP_SENT_HEADING), "no final punctuation: heading flag");
    check("First one. Second one! Third one? Fourth.",
          "First one. | Second one! | Third one? | Fourth.", "., !, ? end sentences");
    check("Shares rose 1.85 percent to $485.50 a share. It was 2.2% higher.",
          "Shares rose 1.85 percent to $485.50 a share. | It was 2.2% higher.", "decimals");
    check("It bought JD.com shares. U.S.-listed firms rallied.",
          "It bought JD.com shares. | U.S.-listed firms rallied.", "dots inside words");
}

static void test_abbreviations(void)
{
    check("Shares of Apple Inc. rose 2 percent.", "Shares of Apple Inc. rose 2 percent.",
          "Inc. before lower case");
    check("He joined Apple Inc. The company said so.",
          "He joined Apple Inc. | The company said so.", "Inc. before a sentence opener");
    check("Apple Inc. Chief Executive Tim Cook spoke.",
          "Apple Inc. Chief Executive Tim Cook spoke.", "Inc. before a capitalized title");
    check("Boeing Co. ( BA.N ) has awarded contracts.",
          "Boeing Co. ( BA.N ) has awarded contracts.", "Co. before an instrument code");
    check("Mr. Smith met Dr. Jones in St. Louis on Monday.",
          "Mr. Smith met Dr. Jones in St. Louis on Monday.", "titles never end a sentence");
    check("The U.S. economy grew. The U.S. Treasury sold bonds.",
          "The U.S. economy grew. | The U.S. Treasury sold bonds.", "U.S. inside sentences");
    check("It was sold in the U.S. The deal closed.", "It was sold in the U.S. | The deal closed.",
          "U.S. at the end of a sentence");
    check("The deal closed on Jan. 5 and rates rose.", "The deal closed on Jan. 5 and rates rose.",
          "month before a day");
    check("It was No. 1 in sales. Sales fell.", "It was No. 1 in sales. | Sales fell.",
          "No. before a number");
    check("Reporting by Steven C. Johnson and J.P. Morgan Chase staff.",
          "Reporting by Steven C. Johnson and J.P. Morgan Chase staff.", "initials");
    check("The meeting starts at 10 a.m. The vote follows.",
          "The meeting starts at 10 a.m. | The vote follows.", "a.m. then an opener");
    check("It rose 49.7%. Companies raised contributions.",
          "It rose 49.7%. | Companies raised contributions.", "number with a dot is no acronym");
    check("They cited Smith v. Jones in court.", "They cited Smith v. Jones in court.", "v.");
    check("Cargill Inc CARG.UL and Louis Dreyfus Corp LOUDR.UL. ADM has said so.",
          "Cargill Inc CARG.UL and Louis Dreyfus Corp LOUDR.UL. | ADM has said so.",
          "instrument code before a full stop");
}

static void test_quotes_ellipses(void)
{
    check("\"We pushed hard,\" he said. \"It worked.\" Shares rose.",
          "\"We pushed hard,\" he said. | \"It worked.\" | Shares rose.", "straight quotes");
    check("\xe2\x80\x9cIt is a positive signal.\xe2\x80\x9d Analysts agreed.",
          "\xe2\x80\x9cIt is a positive signal.\xe2\x80\x9d | Analysts agreed.", "curly quotes");
    check("look forward with firm confidence \xe2\x80\xa6 continue to promote innovation.",
          "look forward with firm confidence \xe2\x80\xa6 continue to promote innovation.",
          "ellipsis before lower case continues");
    check("It was a lot... The end came.", "It was a lot... | The end came.",
          "ellipsis before upper case ends");
    check("Why? Because it paid. Really!", "Why? | Because it paid. | Really!", "? and !");
    check("\"Stop.\" he said.", "\"Stop.\" he said.", "quote then lower case continues");
    check("He said (in 2010.) Then he left.", "He said (in 2010.) | Then he left.",
          "closing bracket after the stop");
}

static void test_lines(void)
{
    check("First paragraph.\n\nSecond paragraph.", "First paragraph. | Second paragraph.",
          "blank line");
    ok(ss.n == 2 && (ss.s[0].flags & NP_SENT_PARA_START) && (ss.s[1].flags & NP_SENT_PARA_START),
       "paragraph starts flagged");
    check("MARKET WRAP\nStocks rose on Monday.", "MARKET WRAP | Stocks rose on Monday.",
          "heading line");
    ok(ss.n == 2 && (ss.s[0].flags & NP_SENT_HEADING) && !(ss.s[1].flags & NP_SENT_HEADING),
       "heading flagged, body not");
    check("Highlights:\n- Sales rose 5%\n* Profit fell\n\xe2\x80\xa2 Jobs cut.",
          "Highlights: | Sales rose 5% | Profit fell | Jobs cut.", "bullet lines, markers removed");
    check("a sentence that runs\nonto the next line.", "a sentence that runs\nonto the next line.",
          "wrapped line continues");
    check("no ending\n\nat all", "no ending | at all", "unpunctuated paragraphs");
    check("Steady rates expected. WEAK OCTOBER SALES EXPECTED Economists said sales fell.",
          "Steady rates expected. | WEAK OCTOBER SALES EXPECTED | Economists said sales fell.",
          "capitals heading glued to the next sentence");
    ok(ss.n == 3 && (ss.s[1].flags & NP_SENT_HEADING), "glued heading flagged");
    check("Rates rose. GM CEO Mary Barra spoke.", "Rates rose. | GM CEO Mary Barra spoke.",
          "short capitals run is no heading");
    check("1. First item\n2. Second item", "1. First item | 2. Second item", "numbered list");
    check("Line one.\r\nLine two.", "Line one. | Line two.", "CRLF");
}

static void test_datelines(void)
{
    check("NEW YORK  (Reuters) - Shares of Apple Inc. rose. Cook said nothing.",
          "NEW YORK  (Reuters) - Shares of Apple Inc. rose. | Cook said nothing.",
          "dateline opens the first sentence");
    ok(ss.n == 2 && (ss.s[0].flags & NP_SENT_DATELINE) && !(ss.s[1].flags & NP_SENT_DATELINE),
       "dateline flagged");
    const char *t = "ST. LOUIS (Reuters) - Fed officials spoke.";
    check(t, t, "dateline with a dot");
    ok(np_dateline_len(t, strlen(t)) == strlen("ST. LOUIS (Reuters) - "), "dateline length");
    t = "BEIJING (Reuters) -China sent a signal.";
    ok(np_dateline_len(t, strlen(t)) == strlen("BEIJING (Reuters) -"), "dateline without space");
    t = "WASHINGTON, Oct 31 - Jobless claims fell.";
    ok(np_dateline_len(t, strlen(t)) == strlen("WASHINGTON, Oct 31 - "), "dateline with a date");
    t = "NEW YORK, Oct 24 (RLPC) - Prospect Capital Corp said.";
    ok(np_dateline_len(t, strlen(t)) == strlen("NEW YORK, Oct 24 (RLPC) - "), "other source");
    t = "ARLINGTON, Va. (Reuters) - Boeing Co said.";
    ok(np_dateline_len(t, strlen(t)) == strlen("ARLINGTON, Va. (Reuters) - "),
       "a US state's abbreviation after the place");
    t = "Sales rose in Va. (Reuters) - the firm said.";
    ok(np_dateline_len(t, strlen(t)) == 0,
       "a state's abbreviation not after a comma ends a sentence");
    t = "Plants in Richmond, Va. closed - the firm said.";
    ok(np_dateline_len(t, strlen(t)) == 0, "nor is a sentence about a state a dateline");
    t = "(Reuters) - Japanese retailer Aeon plans a REIT.";
    ok(np_dateline_len(t, strlen(t)) == strlen("(Reuters) - "), "source without a place");
    t = "IBM - the company said - would grow.";
    ok(np_dateline_len(t, strlen(t)) == 0, "short capitals word is no dateline");
    t = "Apple, Google and IBM - all rose.";
    ok(np_dateline_len(t, strlen(t)) == 0, "ordinary sentence is no dateline");
    t = "Shares rose. NEW YORK - more text.";
    ok(np_dateline_len(t, strlen(t)) == 0, "dash after a sentence is no dateline");
}

static void test_credits(void)
{
    check("Cook did not comment. (Reporting By  Jennifer Ablan ; Editing by Meredith Mazzilli)",
          "Cook did not comment. | (Reporting By  Jennifer Ablan ; Editing by Meredith Mazzilli)",
          "credit line is its own sentence");
    ok(ss.n == 2 && (ss.s[1].flags & NP_SENT_CREDIT) && !(ss.s[0].flags & NP_SENT_CREDIT),
       "credit line flagged");
    check("It fell. (Reporting by Tom Polansek. Editing by Andre Grenon)",
          "It fell. | (Reporting by Tom Polansek. Editing by Andre Grenon)",
          "stop inside a credit line");
    ok(ss.n == 2 && (ss.s[1].flags & NP_SENT_CREDIT), "credit with a stop flagged");
    check(
        "Use the proceeds. ($1 = 98.1000 Japanese yen) (Reporting by Avik Das; Editing by Don)",
        "Use the proceeds. | ($1 = 98.1000 Japanese yen) | (Reporting by Avik Das; Editing by Don)",
        "currency note and credit");
    ok(ss.n == 3 && (ss.s[1].flags & NP_SENT_NOTE) && (ss.s[2].flags & NP_SENT_CREDIT),
       "note and credit flagged");
    check(
        "It grew. (Additional reporting by Harro ten Wolde; editing by David Stamp) nL6N0HQ42U",
        "It grew. | (Additional reporting by Harro ten Wolde; editing by David Stamp) | nL6N0HQ42U",
        "story code after a credit");
    ok(ss.n == 3 && (ss.s[1].flags & NP_SENT_CREDIT) && (ss.s[2].flags & NP_SENT_NOTE),
       "story code flagged");
    check("The case is No. 12-09802 (Reporting by Tom Hals in Wilmington, Del.; editing by Matt)",
          "The case is No. 12-09802 | (Reporting by Tom Hals in Wilmington, Del.; editing by Matt)",
          "credit glued to a sentence without a stop");
    ok(ss.n == 2 && (ss.s[1].flags & NP_SENT_CREDIT), "glued credit flagged");
    check("By Jennifer Ablan\nShares of Apple rose.", "By Jennifer Ablan | Shares of Apple rose.",
          "byline");
    ok(ss.n == 2 && (ss.s[0].flags & NP_SENT_CREDIT), "byline flagged");
    check("(This story was refiled to delete a repeated sentence)",
          "(This story was refiled to delete a repeated sentence)", "refile note");
    ok(ss.n == 1 && (ss.s[0].flags & NP_SENT_NOTE), "refile note flagged");
    check("By the end of the year sales rose.", "By the end of the year sales rose.",
          "a sentence starting with By is no byline");
    ok(ss.n == 1 && !(ss.s[0].flags & NP_SENT_CREDIT), "not flagged as credit");
}

/* The seed article's shape: curly quotes, an ellipsis in a quote, a glued credit line. */
static void test_seed_like(void)
{
    const char *t =
        "BEIJING (Reuters) -China sent a signal as Premier Li Qiang met Alibaba\xe2\x80\x99s "
        "cloud unit.\nShares in some U.S.-listed Chinese firms rallied, with Alibaba gaining "
        "2.2%.\n\xe2\x80\x9cWe hope that enterprises will look forward \xe2\x80\xa6 continue to "
        "promote innovation,\xe2\x80\x9d Li said.\n(Reporting by Ella Cao and Ryan WooEditing by "
        "Barbara Lewis and Mark Potter)";
    split(t);
    ok(ss.n == 4, "seed-like: 4 sentences (got %zu)", ss.n);
    ok(ss.n == 4 && (ss.s[0].flags & NP_SENT_DATELINE) && (ss.s[3].flags & NP_SENT_CREDIT),
       "seed-like: dateline and credit flagged");
    /* code points: the first sentence has one 3-byte apostrophe */
    size_t first_len = strlen("BEIJING (Reuters) -China sent a signal as Premier Li Qiang met "
                              "Alibaba\xe2\x80\x99s cloud unit.");
    ok(ss.n >= 1 && ss.s[0].cp_start == 0 && ss.s[0].end == first_len &&
           ss.s[0].cp_end == first_len - 2,
       "seed-like: code-point offsets");
    ok(ss.n >= 2 && ss.s[1].cp_start == ss.s[0].cp_end + 1, "seed-like: next code point");
}

/* Picture captions glued onto the text without a full stop (Daily Mail copy): the closing
 * quote before a sentence opener, an opening quote or a caption label ends the sentence; a
 * quote that closes a name, a title or a possessive does not. */
static void test_glued_captions(void)
{
    check("Rescuers called the climb 'extremely dangerous' She was found safe on Sunday.",
          "Rescuers called the climb 'extremely dangerous' | She was found safe on Sunday.",
          "caption: closing quote, then a sentence opener");
    check("The council approved a 'grand opening' Happy day: Crowds gathered by the river.",
          "The council approved a 'grand opening' | Happy day: Crowds gathered by the river.",
          "caption: closing quote, then a caption label");
    check("He said the ruling was 'unfair' 'We will appeal,' he added.",
          "He said the ruling was 'unfair' | 'We will appeal,' he added.",
          "caption: closing quote, then an opening quote");
    check("Fans waved \xe2\x80\x98lucky scarves\xe2\x80\x99 The match was a draw.",
          "Fans waved \xe2\x80\x98lucky scarves\xe2\x80\x99 | The match was a draw.",
          "caption: curly quotes");
    check("The mayor thanked residents.'It was a team effort,' she said.",
          "The mayor thanked residents.' | It was a team effort,' she said.",
          "full stop and quote with no space after them");
    ok(ss.n == 2 && ss.s[0].end == 29 && ss.s[1].start == 29 && ss.s[1].cp_start == 29,
       "glued quote: offsets meet");
    /* no split */
    check("She called it 'the best' and left.", "She called it 'the best' and left.",
          "quote before lower case continues");
    check("They watched 'Dream Wedding' Show reruns all night.",
          "They watched 'Dream Wedding' Show reruns all night.",
          "quote before a capitalized word that opens no sentence");
    check("It was on the 'Cairnuary' Facebook page for weeks.",
          "It was on the 'Cairnuary' Facebook page for weeks.", "quoted name before a name");
    check("\"We are ready,\" Smith said. \"It works,\" The Times reported.",
          "\"We are ready,\" Smith said. | \"It works,\" The Times reported.",
          "quote after a comma continues");
    check("He played The Beatles' \"Let It Be\" and left.",
          "He played The Beatles' \"Let It Be\" and left.", "possessive before a double quote");
    check("The players' The union said no.", "The players' The union said no.",
          "possessive without an opening single quote");
    check("He starred in \"Grey's Anatomy\" Season Two.",
          "He starred in \"Grey's Anatomy\" Season Two.", "double-quoted title before a name");
    check("She said 'no' The end.\n\nNext.", "She said 'no' | The end. | Next.",
          "split then a blank line");
    check("The 'x' She", "The 'x' She", "an opener that ends the text opens no sentence");
    check("The 'x'", "The 'x'", "closing quote at the end of the text");
}

/* Offsets in code points for non-ASCII text. */
static void test_offsets(void)
{
    const char *t = "\xc3\x89t\xc3\xa9 fut chaud. \xe2\x80\x9c\xc3\x80 bient\xc3\xb4t.\xe2\x80\x9d";
    split(t);
    ok(ss.n == 2, "accented text: 2 sentences");
    ok(ss.n == 2 && ss.s[0].cp_start == 0 && ss.s[0].cp_end == 14 && ss.s[1].cp_start == 15 &&
           ss.s[1].cp_end == 27,
       "accented text: code points");
}

/* Big inputs: linear behaviour (checked by finishing at all, not by timing) and no crash. */
static void test_big(void)
{
    size_t n = 10u << 20;
    char *t = malloc(n + 1);
    if (!t) {
        ok(0, "malloc");
        return;
    }
    for (size_t i = 0; i < n; i++) t[i] = (i % 7 == 6) ? ' ' : 'a' + (char)(i % 5);
    t[n] = '\0';
    ok(np_split_sentences(t, n, &ss) == 0 && ss.n == 1 && ss.s[0].end == n - (n % 7 == 0),
       "10 MB without punctuation: one sentence");
    for (size_t i = 0; i + 3 <= n; i += 3) memcpy(t + i, "A. ", 3);
    ok(np_split_sentences(t, n, &ss) == 0 && ss.n > 1000, "10 MB of initials: splits (%zu)", ss.n);
    for (size_t i = 0; i < n; i++) t[i] = "(. \n\"U"[i % 6];
    ok(np_split_sentences(t, n, &ss) == 0, "10 MB of punctuation soup");
    memset(t, '(', n);
    ok(np_split_sentences(t, n, &ss) == 0 && ss.n == 1, "10 MB of open brackets");
    unsigned seed = 12345;
    int good = 1;
    for (int round = 0; round < 200; round++) {
        size_t m = 1 + (seed % 4096);
        for (size_t i = 0; i < m; i++) {
            seed = seed * 1103515245u + 12345u;
            t[i] = " .!?\"'()\nAaZz0\xe2\x80\xa6\xc3"[(seed >> 16) % 18];
        }
        if (np_split_sentences(t, m, &ss) != 0) good = 0;
        for (size_t i = 0; i < ss.n; i++) {
            if (ss.s[i].start >= ss.s[i].end || ss.s[i].end > m) good = 0;
            if (i && ss.s[i].start < ss.s[i - 1].end) good = 0;
        }
    }
    ok(good, "random bytes: sentences ordered, non-empty, in range");
    free(t);
}

int main(void)
{
    test_basic();
    test_abbreviations();
    test_quotes_ellipses();
    test_lines();
    test_datelines();
    test_credits();
    test_seed_like();
    test_glued_captions();
    test_offsets();
    test_big();
    np_sentences_free(&ss);
    return done_testing();
}
