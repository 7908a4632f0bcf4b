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
    ok(find("(U.S.) and (Reuters) and (part of Geely 0175.HK)") == 0,
       "not RICs: (U.S.), (Reuters), prose with a code");
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
    tl_patterns_free(&P);
    return done_testing();
}
