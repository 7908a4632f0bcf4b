/* Instrument codes in news as published: Reuters codes after a company's name ("Boeing Co (
 * BA.N )", "<BA.N>"), Reuters' own codes of private companies ("LOT.UL"), index codes (" .SPX"),
 * an exchange's symbols after its name and a colon ("(NYSE: BA)") and cashtags ("$TSLA"). A
 * code is no entity, and the name right before a Reuters code is the code's company, an ORG.
 * The model, trained on CoNLL-2003 (which has one such code), never saw them. */
#ifndef ETAG_CODES_H
#define ETAG_CODES_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "lexicon.h"
#include "spans.h"
#include "tokenize.h"

/* A span that is an instrument code: an exchange's symbol written as one ("(NYSE: BA)", "$TSLA"),
 * or a Reuters code where Reuters writes one: in parentheses or angle brackets after a company's
 * name ("Boeing Co ( BA.N )", "<BA.N>", "( 1398.HK ) ( 601398.SS )"),
 * a private company's code of Reuters' own ("LOT.UL"), or an index's (".SPX"). A code is no
 * name: CoNLL-2003 tags its one such code O (RABN.CN), and the model, which never saw them,
 * typed the codes of the Reuters sample LOC, ORG or nothing, a third each ("BA.N" reads like
 * "U.S"), and 198 index codes mostly ORG ("SPX" 47, "DJI" 31, "IXIC" 30). */
int etag_code_span(const char *s, size_t len, const np_token *tk, const etag_span *sp);

/* Whether a Reuters code in parentheses or angle brackets follows byte b of s[0..len)
 * ("Airbus ( EAD.PA )", "Intesa's ( ISP.MI )"), spaces and a possessive allowed between. */
int etag_code_follows(const char *s, size_t len, size_t b);

/* A name right before a Reuters code is the company the code is of: ORG, whatever the model
 * typed it ("Airbus ( EAD.PA )" MISC, "Intesa ( ISP.MI )" PER, "Santander ( SAN.MC )" LOC:
 * 180 of the 3,476 entities before a code in the Reuters 2013 sample). Not a place of the
 * lists after "in" or "of" ("listed in Johannesburg ( SABJ.J )", "Gree Electric Appliances
 * Inc of Zhuhai ( 000651.SZ )"); "a unit of State Street ( STT.N )" and "analysts at Societe
 * Generale ( SOGN.PA )" are companies. Marks the span coded (etag_span.coded). gaz is the model's
 * gazetteer (may be empty), scratch a buffer for its keys. */
void etag_org_before_code(const etag_lexicon *gaz, np_buf *scratch, const char *s, size_t len,
                          const np_token *tk, etag_span *sp);

/* A span that ends on a Reuters code of its own after the name ("American Airlines
 * AAMRQA.UL"): the name is the entity, the code not; the span ends before it. */
void etag_trim_code(const char *s, const np_token *tk, etag_span *sp);

/* A name the model left untagged right before a Reuters code ("French oil company Total (
 * TOTF.PA )", "rivals like easyJet ( EZJ.L )", "Gap ( GPS.N )") is the code's company, ORG:
 * the last word before the code with a capital and up to two such words before it, all
 * untagged and on one line, not a leading "The", not the end of a name the model tagged in
 * part ("Puma SE", "Nasdaq OMX", "Austrian Post": the word before is in an entity), nor after
 * a number ("SPDR S&P 500 Trust"). Sets their labels in labels[0..n), the labels of tokens
 * tk[0..n) of text s[0..len). The model, trained on text with no codes, leaves a common word's
 * name untagged: 34 such names before the 3,530 codes of the news sets of ../shared/data. */
void etag_code_names(const char *s, size_t len, const np_token *tk, size_t n, uint8_t *labels);

#endif
