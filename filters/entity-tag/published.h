/* Corrections of the model's spans for news text as published, which CoNLL-2003 (the model's
 * training text) does not have: instrument codes are no entities and the name right before a
 * Reuters code is its company (codes.h); a name's entity ends before a hyphenated compound's
 * "-based", "-owned" ...; an ORG takes the untagged word before it that makes with it an
 * organisation of the lists; a dateline's places are LOC and its publisher ORG; a headline's source
 * after its last colon
 * ("...: FT") is ORG and a credit line's ("(Editing by Kirti Pandey)") PER; a name the noun before
 * it types (nouns.h: "law firm Morrison Foerster") takes that type. CoNLL-2003 has none of
 * these but the nouns, whose rules gain there a little (README). */
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

/* An event's name of two words or more, ending on a word that closes events' names ("Cup",
 * "Open", "Olympics", "Marathon", "Airshow", "Show", "Awards", "Festival"...), is MISC where the
 * model typed it ORG or LOC, as CoNLL-2003 tags events ("World Cup" 116 times in eng.train
 * and eng.testa, "U.S. Open" 84, "Grand Prix" 14, every "Olympics", "Championships", "Tour"
 * and "Series"): the model, which learned from 1996 news, took "Dubai Airshow" (75 in the
 * Reuters 2013 sample), "Consumer Electronics Show" and "Boston Marathon" for organisations.
 * Not "League", "Forum", "Conference" or "Summit", which also close the names of organisations
 * and places ("Arab League", "World Economic Forum"); not a name a code follows, nor an
 * organisation of the lists gaz ("Rockstar Games"), nor a PER (CoNLL-2003 tags racehorses PER,
 * "Mind Games"). Applied to span sp of text s (tokens tk) after the article's short mentions
 * (mentions.c), which take an ORG event's first word for its organiser ("Bafta" of "Bafta
 * Awards"). scratch is a buffer for the gazetteer's keys. */
void etag_event_name(const etag_lexicon *gaz, np_buf *scratch, const char *s, const np_token *tk,
                     etag_span *sp);

/* Whether w[0..len) is a person's title: "Mr", "Mrs", "Ms", "Dr", with or without a stop. */
int etag_person_title(const char *w, size_t len);

#endif
