/* ticker-link explicit patterns: every RIC form, exchange-prefixed lists (case-sensitive),
 * cashtags, and the things that look like them but are not. */
#include <string.h>

#include "patterns.h"
#include "tap.h"

static tl_patterns P;

static int find(const char *text)
{
    tl_find_patterns(text, strlen(text), &P);
    return (int)P.n;
}

static int sym_is(size_t k, const char *sym, const char *mic)
{
    if (k >= P.n) return 0;
    const tl_pattern *p = &P.p[k];
    if (p->sym_len != strlen(sym) || memcmp(p->sym, sym, p->sym_len)) return 0;
    if (!mic) return p->exch == NULL;
    return p->exch && strcmp(p->exch->mic, mic) == 0;
}

int main(void)
{
    ok(find("Alibaba (BABA.N) rose") == 1 && sym_is(0, "BABA", "XNYS"), "(BABA.N)");
    ok(find("Exxon ( XOM.N ) fell") == 1 && sym_is(0, "XOM", "XNYS"), "( XOM.N ) with spaces");
    ok(find("Tencent (0700.HK)") == 1 && sym_is(0, "0700", "XHKG"), "(0700.HK)");
    ok(find("VW (VOWG_p.DE)") == 1 && sym_is(0, "VOWG_p", "XETR"), "(VOWG_p.DE) share class");
    ok(find("Berkshire (BRKa.N)") == 1 && sym_is(0, "BRKa", "XNYS"), "(BRKa.N)");
    ok(find("Boeing (BA.N)(EAD.PA) deal") == 2 && sym_is(0, "BA", "XNYS") &&
           sym_is(1, "EAD", "XPAR"),
       "(BA.N)(EAD.PA) list");
    ok(find("(IBM.N, MSFT.O)") == 2 && sym_is(0, "IBM", "XNYS") && sym_is(1, "MSFT", "XNAS"),
       "(IBM.N, MSFT.O)");
    ok(find("<UBSN.VX>") == 1 && sym_is(0, "UBSN", "XVTX"), "<UBSN.VX> angle brackets");
    ok(find("Cargill (CARG.UL)") == 1 && P.p[0].unlisted, ".UL marks an unlisted company");
    ok(find("(U.S.) and (Reuters) and (part of Geely)") == 0,
       "not RICs: (U.S.), (Reuters), prose in parentheses");
    ok(find("(part of Geely 0175.HK)") == 1 && P.p[0].loose && sym_is(0, "0175", "XHKG"),
       "a RIC in prose is a loose candidate (kept only when it resolves)");
    ok(find("(FOO.ZZ)") == 0, "unknown suffix is not a RIC");
    ok(find("(NYSE: BABA)") == 1 && sym_is(0, "BABA", "XNYS"), "(NYSE: BABA)");
    ok(find("(NASDAQ: AAPL, MSFT)") == 2 && sym_is(0, "AAPL", "XNAS") && sym_is(1, "MSFT", "XNAS"),
       "(NASDAQ: AAPL, MSFT)");
    ok(find("(NASDAQ: ABC, a leading provider of widgets)") == 1 && sym_is(0, "ABC", "XNAS"),
       "case-sensitive list: the lower-case 'a' is not captured");
    ok(find("(HKEX: 9988)") == 1 && sym_is(0, "9988", "XHKG"), "(HKEX: 9988)");
    ok(find("NYSE:BABA today") == 1 && sym_is(0, "BABA", "XNYS"), "NYSE:BABA without parentheses");
    ok(find("(NYSE MKT: XYZ)") == 1 && sym_is(0, "XYZ", "XASE"), "two-word exchange name");
    ok(find("the Nasdaq: shares rose") == 0, "an exchange name and a colon before prose");
    ok(find("(nyse: baba)") == 0, "lower-case exchange name is not a pattern");
    ok(find("buy $AAPL now") == 1 && sym_is(0, "AAPL", NULL), "cashtag $AAPL");
    ok(find("$F and $BRK.B") == 2 && sym_is(0, "F", NULL) && sym_is(1, "BRK.B", NULL),
       "single-letter cashtag and a class");
    ok(find("US$5 and $1.1 trillion and HK$3 and $USD") == 0,
       "currencies and amounts are not cashtags");
    ok(find("") == 0 && find("((((<<<<::::$$$$") == 0, "empty and punctuation-only text");
    /* Bare symbols in parentheses: candidates the linker checks against the name before. */
    ok(find("Microsoft Corp (MSFT) rose") == 1 && P.p[0].kind == TL_PAT_SYMBOL &&
           sym_is(0, "MSFT", NULL) && P.p[0].group_n == 1,
       "Name (TICKER)");
    ok(find("Alphabet (GOOGL, GOOG) and (BRK.B)") == 3 && sym_is(0, "GOOGL", NULL) &&
           sym_is(1, "GOOG", NULL) && P.p[1].group_n == 2 && sym_is(2, "BRK.B", NULL),
       "(T1, T2) and a share class");
    ok(find("(a) (Ab) (ABCDEF) (AB1) (AB CD) (A&B) ()") == 0,
       "not bare symbols: lower case, six letters, digits, words, ampersand");
    ok(find("(BABA.N)") == 1 && P.p[0].kind == TL_PAT_RIC && !P.p[0].loose,
       "a RIC in parentheses is found once, as a RIC");
    /* RICs outside parentheses. */
    ok(find("Apple AAPL.O rose") == 1 && P.p[0].loose && sym_is(0, "AAPL", "XNAS"), "Apple AAPL.O");
    ok(find("Amazon.comAMZN.O and Apple IncAAPL.O.") == 2 && sym_is(0, "AMZN", "XNAS") &&
           sym_is(1, "AAPL", "XNAS"),
       "glued to the name, and before a sentence's full stop");
    ok(find("AT&T T.N said") == 1 && sym_is(0, "T", "XNYS"), "a one-letter root standing alone");
    ok(find("Toyota 7203.T rose") == 1 && sym_is(0, "7203", "XTKS"), "a numeric Tokyo code");
    ok(find("U.S. J.P. A.P. Inc. No.1 U.S-based x.com/AAPL.O IR@AAPL.O 2013.N A-B.N "
            "REPORT.PDF ABC.Lx www.X.COM 5.T") == 0,
       "not RICs: U.S., J.P., Inc., No.1, URLs, e-mail, digits, file names");
    tl_patterns_free(&P);
    return done_testing();
}
