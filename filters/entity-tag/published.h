/* Corrections of the model's spans for news text as published, which CoNLL-2003 (the model's
 * training text) does not have: instrument codes ("Boeing Co ( BA.N )", "(NYSE: BA)",
 * "$TSLA", "LOT.UL") are no entities and the name right before a Reuters code is its company,
 * an ORG; a name's entity ends before a hyphenated compound's "-based", "-owned" ...; an ORG
 * takes the untagged word before it that makes with it an organisation of the lists; a
 * dateline's places are LOC and its publisher ORG. None of these occurs in CoNLL-2003, whose
 * figures they leave as they are. */
#ifndef ETAG_PUBLISHED_H
#define ETAG_PUBLISHED_H

#include <stddef.h>

#include "buf.h"
#include "lexicon.h"
#include "spans.h"
#include "tokenize.h"

/* Corrects the model's spans ms[0..nm) (sorted, not overlapping) of text s[0..len) and its
 * tokens tk, in place: code spans are dropped, the others retyped, trimmed (etag_span.cut) or
 * extended. gaz is the model's gazetteer (may be empty), scratch a buffer for its keys.
 * Returns the number of spans kept. */
size_t etag_published(const etag_lexicon *gaz, np_buf *scratch, const char *s, size_t len,
                      const np_token *tk, etag_span *ms, size_t nm);

/* A company named by its web address ("JD.com", "FareCompare.com"): a token of a capital, then
 * letters, digits or "-", then ".com", that the model typed a one-token LOC or PER is ORG
 * (sets its label in labels[0..n), the labels of tokens tk[0..n) of text s). One it typed MISC
 * or left untagged stays so: a website as such is MISC in wikigold ("Ripoffreport.com"),
 * whose one untagged address is one. The model learned from 1996 news, which has no such
 * names. */
void etag_web_names(const char *s, const np_token *tk, size_t n, uint8_t *labels);

/* Whether w[0..len) is a person's title: "Mr", "Mrs", "Ms", "Dr", with or without a stop. */
int etag_person_title(const char *w, size_t len);

#endif
