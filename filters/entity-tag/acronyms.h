/* Acronyms an article itself uses as common nouns: "an initial public offering (IPO)", "an
 * IPO in", "IPOs". The model learned from 1996 news, where an acronym in capitals is mostly an
 * organisation ("EU", "SEC", "IMF"), and types the modern financial ones ORG: "IPO" 279 times
 * in the Reuters 2013 sample, "FDI", "PMI", "QE", "REIT". The article says they are no names
 * when it
 *   - spells one out in lower case before it in parentheses ("foreign direct investment
 *     (FDI)"; not "European Central Bank (ECB)"),
 *   - writes "a" or "an" before it and a stop, comma or function word after it ("an IPO of",
 *     "a REIT."; not "a UK bank", "an HSBC analyst"), or
 *   - writes its plural with a lower-case "s", not after "the" ("IPOs"; not "the SAEs", a
 *     fraternity's members, or "the NCAAs", a tournament).
 * Its one-token ORG, PER and LOC spans are then dropped over the whole article. MISC stays:
 * CoNLL-2003 tags some such acronyms MISC ("bovine spongiform encephalopathy (BSE)", "CPI",
 * "ADRs"), and an ORG where the answer is MISC or nothing is wrong either way. */
#ifndef ETAG_ACRONYMS_H
#define ETAG_ACRONYMS_H

#include "buf.h"
#include "lexicon.h"
#include "mentions.h"

/* Drops from the fields f[0..nfields) (one article; spans sorted, not overlapping) the spans
 * above, keeping the others in order; updates each f[i].n. An acronym the article only uses
 * as a common noun ("a", plural) and the model's gazetteer gaz (may be empty) knows as an
 * organisation or place stays. scratch is a buffer for the gazetteer's keys. Needs no more
 * memory: an article's first 32 such acronyms are remembered, and those after them are left
 * to the model. */
void etag_common_acronyms(const etag_lexicon *gaz, np_buf *scratch, etag_mention_field *f,
                          int nfields);

#endif
