/* Questions about the listings table that the linker asks: which listing a symbol, a RIC
 * root or a RIC names on a date, and an issuer's best listing on an exchange or in its
 * country. Answers are listing indices into the table, or TL_NONE. Knows nothing of text,
 * mentions or records. */
#ifndef TL_LOOKUP_H
#define TL_LOOKUP_H

#include <stddef.h>
#include <stdint.h>

#include "exchanges.h"
#include "listings.h"

#define TL_NONE UINT32_MAX

/* Whether listing l was valid on day (days since 1970); with no date (INT32_MIN), whether
 * it is still open. */
int tl_valid_at(const tl_listing *l, int32_t day);

/* Whether issuer is has a listing valid on day. */
int tl_listed_on(const tl_table *T, uint32_t is, int32_t day);

/* How strongly a name's alias a speaks for its issuer on day: an issuer listed then before
 * any that was not (the date picks the company as it picks the code: "ADT Corp" of 2013 is
 * the ADT Corporation of Tyco's spin-off, not ADT Inc. of 2018), then a curated "+" alias,
 * then the larger company (prior). Equal ranks of two issuers are a tie. */
int tl_alias_rank(const tl_table *T, const tl_alias *a, int32_t day);

/* The listing with this symbol on the exchange with this MIC (any of want_issuer's, or any
 * issuer's when TL_NONE): valid on day first, then still open, then primary. A listing
 * valid at another date counts only when day is INT32_MIN. */
uint32_t tl_find_symbol(const tl_table *T, const char *mic, const char *sym, size_t n, int32_t day,
                        uint32_t want_issuer);

/* Like tl_find_symbol, for a RIC root: tries the symbol spellings of share classes ("BRKa"
 * -> BRK-A, BRK.A, BRKA), on German exchanges the root without its "G" ("BMWG") and a
 * preferred's "3" ("VOWG_p" -> VOW3), Hong Kong's zero padding ("5" -> 0005) and
 * Helsinki's former "1V" ending ("UPM1V" -> UPM). */
uint32_t tl_find_root(const tl_table *T, const char *mic, const char *root, size_t n, int32_t day,
                      uint32_t want_issuer);

/* Whether a RIC root is all digits: an Asian exchange's own numeric code ("7203.T",
 * "0700.HK", "600028.SS"), which Reuters never replaces with a mnemonic, so it names the
 * listing with that symbol and no other. */
int tl_root_is_code(const char *root, size_t n);

/* A RIC root with a share-class letter ("TCKb", "ELUXb") names that class: listing li's
 * sibling of the same issuer on its exchange whose symbol is li's stem with that class
 * ("TECK-A" -> TECK-B or TECK.B), valid on day; li itself when it already is that class,
 * the root has no class letter, or no sibling matches. */
uint32_t tl_class_listing(const tl_table *T, uint32_t li, const char *root, size_t n, int32_t day);

/* The listing whose RIC column is ric[0..n), valid on day (or open, with no date). */
uint32_t tl_find_ric(const tl_table *T, const char *ric, size_t n, int32_t day);

/* Issuer is's best listing on exchange x (in_country 0) or on an exchange of x's country
 * valid on day (in_country 1). */
uint32_t tl_best_listing(const tl_table *T, uint32_t is, const tl_exchange *x, int in_country,
                         int32_t day);

/* A listing on the exchange with this MIC of one of the name candidates
 * T->names.alias[alias_first .. +alias_count), else on another exchange of its country;
 * sets *issuer. TL_NONE when none has one. */
uint32_t tl_listing_of_name(const tl_table *T, uint32_t alias_first, uint32_t alias_count,
                            const char *mic, int32_t day, uint32_t *issuer);

/* Issuer is's listing on the exchange with this MIC, else on another exchange of its
 * country valid on day (as tl_listing_of_name does for one candidate); TL_NONE when none. */
uint32_t tl_issuer_listing_near(const tl_table *T, uint32_t is, const char *mic, int32_t day);

/* Whether issuer is has a listing or its seat in the country iso (ISO 3166); China and Hong
 * Kong are one ("China's Lenovo" is listed in Hong Kong). */
int tl_issuer_in_country(const tl_table *T, uint32_t is, const char *iso);

#endif
