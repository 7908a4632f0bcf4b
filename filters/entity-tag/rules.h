/* Rule-based entities over tokens: MONEY ("$1.1 trillion", "20 million euros",
 * "HK$5 billion"), PERCENT ("2.2%", "3 percent") and DATE ("Wednesday", "July 12, 2023",
 * "last week", "late 2020", "the second quarter", "2023-07-12"). */
#ifndef ETAG_RULES_H
#define ETAG_RULES_H

#include <stddef.h>

#include "spans.h"
#include "tokenize.h"

/* Finds rule entities in the tokens t[0..n) of text s. Spans (token indices, types
 * ETAG_MONEY, ETAG_PERCENT, ETAG_DATE) are written to out (room for n) in token order,
 * without overlaps; returns their count. Linear in n. */
size_t etag_rules(const char *s, const np_token *t, size_t n, etag_span *out);

#endif
