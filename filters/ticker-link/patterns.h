/* Explicit listing patterns, case-sensitive, with the exchange taken from the pattern:
 * Reuters RICs in parentheses or angle brackets ("(BABA.N)", "( XOM.N )", "(0700.HK)",
 * "(VOWG_p.DE)", "(IBM.N, MSFT.O)"), RICs without them ("Apple AAPL.O", glued to the name
 * when a feed lost the space: "Amazon.comAMZN.O"), exchange-prefixed symbols ("(NYSE:
 * BABA)", "(NASDAQ: AAPL, MSFT)", "HKEX: 9988"), cashtags ("$AAPL") and bare symbols in
 * parentheses ("Microsoft Corp (MSFT)", "(GOOGL, GOOG)"). The last two kinds are only
 * candidates: the linker accepts them when they resolve (and, for bare symbols, when the
 * name before them or the context agrees). */
#ifndef TL_PATTERNS_H
#define TL_PATTERNS_H

#include <stddef.h>
#include <stdint.h>

#include "exchanges.h"

enum { TL_PAT_RIC = 1, TL_PAT_EXCHANGE = 2, TL_PAT_CASHTAG = 3, TL_PAT_SYMBOL = 4 };

typedef struct {
    uint8_t kind;    /* TL_PAT_* */
    uint32_t b0, b1; /* the code's bytes ("BABA.N", "BABA", "$AAPL") */
    uint32_t open;   /* byte offset of the opening "(" or of the pattern start */
    const char *sym; /* RIC root or symbol (points into the text) */
    size_t sym_len;
    const char *ric; /* the whole RIC for TL_PAT_RIC, else NULL */
    size_t ric_len;
    const tl_exchange *exch; /* NULL for cashtags and bare symbols (any US exchange) */
    uint8_t unlisted;        /* a ".UL" RIC: a company without a listing */
    uint8_t loose;           /* a RIC outside parentheses: kept only when it resolves */
    uint8_t group_n;         /* bare symbols: how many the parentheses hold */
} tl_pattern;

typedef struct {
    tl_pattern *p;
    size_t n, cap;
} tl_patterns;

/* Finds all patterns in valid UTF-8 s[0..n), in text order, appending to out (cleared
 * first). Returns 0, or -1 when out of memory. */
int tl_find_patterns(const char *s, size_t n, tl_patterns *out);
void tl_patterns_free(tl_patterns *p);

#endif
