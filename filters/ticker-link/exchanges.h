/* Exchanges: ISO 10383 MICs with their Reuters RIC suffixes, Yahoo suffixes, countries and
 * the names news copy uses for them ("NYSE", "HKEX"). The table is compiled in: it is a list
 * of facts (../shared/data/tickers/exchange-codes/SOURCE.md) that every part of ticker-link
 * needs, from the importer to the explicit-pattern matcher. */
#ifndef TL_EXCHANGES_H
#define TL_EXCHANGES_H

#include <stddef.h>

typedef struct {
    const char *mic;       /* "XNYS" */
    const char *ric;       /* Reuters suffix without the dot: "N"; "" when none */
    const char *yahoo;     /* Yahoo suffix without the dot: "HK"; "" for US exchanges */
    const char *country;   /* ISO 3166-1 alpha-2 */
    const char *canonical; /* MIC listings use for this exchange when it is a segment ("XVTX"
                              -> "XSWX"), else the MIC itself */
} tl_exchange;

/* Lookups return NULL when unknown. Suffixes and names are case-sensitive. */
const tl_exchange *tl_exchange_by_mic(const char *mic, size_t n);
const tl_exchange *tl_exchange_by_ric_suffix(const char *sfx, size_t n);
const tl_exchange *tl_exchange_by_yahoo_suffix(const char *sfx, size_t n);
/* The exchange named in "(NYSE: X)" style patterns: "NYSE", "Nasdaq", "HKEX", "TSX", ... */
const tl_exchange *tl_exchange_by_name(const char *name, size_t n);

#endif
