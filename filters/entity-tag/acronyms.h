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
 *     fraternity's members, or "the NCAAs", a tournament), or
 *   - spells one of three capitals or more out in lower-case words anywhere before its first
 *     use, each a content word of three letters or more ("the wholesale price index's annual
 *     rise ... The WPI inflation reading", "liquefied natural gas ... LNG").
 * Its one-token ORG, PER and LOC spans are then dropped over the whole article, as are those
 * of an acronym of the model's list (category "acronym": the acronyms that many articles of a
 * news corpus use so, "IPO", "QE"; built by "newspipe-entity-tag acronyms"), unless the
 * article spells it out in capitals. MISC stays:
 * CoNLL-2003 tags some such acronyms MISC ("bovine spongiform encephalopathy (BSE)", "CPI",
 * "ADRs"), and an ORG where the answer is MISC or nothing is wrong either way. */
#ifndef ETAG_ACRONYMS_H
#define ETAG_ACRONYMS_H

#include "buf.h"
#include "lexicon.h"
#include "mentions.h"

#define ETAG_ACR_MAX  6  /* capitals in an acronym, at most (at least 2) */
#define ETAG_ACR_KEEP 32 /* acronyms an article's set holds; later ones are left out */

enum {
    ETAG_ACR_USED = 1,   /* after "a"/"an" before a stop or function word, or in the plural */
    ETAG_ACR_LOWER = 2,  /* spelled out in lower case */
    ETAG_ACR_NAMED = 4,  /* spelled out in capitals ("European Central Bank (ECB)") */
    ETAG_ACR_SPELT = 8,  /* of three capitals or more, spelled out in lower-case words before
                            its first use, not in parentheses ("the wholesale price index's
                            ... The WPI reading") */
    ETAG_ACR_TRIED = 16, /* looked for as ETAG_ACR_SPELT */
};

/* The acronyms an article uses as above, and how (ETAG_ACR_* bits). */
typedef struct {
    char w[ETAG_ACR_KEEP][ETAG_ACR_MAX];
    unsigned char len[ETAG_ACR_KEEP];
    unsigned char how[ETAG_ACR_KEEP];
    int n;
} etag_acronyms;

/* Sets *out to the acronyms of the article's fields f[0..nfields) (their text and tokens; the
 * spans are not read). */
void etag_acronyms_collect(const etag_mention_field *f, int nfields, etag_acronyms *out);

/* Drops from the fields f[0..nfields) (one article; spans sorted, not overlapping) the spans
 * above, keeping the others in order; updates each f[i].n. An acronym the article only uses
 * as a common noun (ETAG_ACR_USED) or that is in the list, and that the model's gazetteer gaz
 * (may be empty) knows as an organisation or place, stays. scratch is a buffer for the
 * gazetteer's keys. Needs no memory. */
void etag_common_acronyms(const etag_lexicon *gaz, np_buf *scratch, etag_mention_field *f,
                          int nfields);

#endif
