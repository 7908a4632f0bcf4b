/* Holidays and awards are MISC: "Christmas", "Easter", "Thanksgiving", "Eid al-Fitr", "Black
 * Friday"; "Oscars", "Golden Globe", "Grammy", "Nobel Prize". The model never saw a holiday
 * (eng.train and eng.testa have none: 1996 news from August to December) and types them as it
 * would an unknown name ("Christmas" LOC 116 times and PER 26 in the news sets of
 * ../shared/data, "Easter" PER 15) or leaves them untagged ("Thanksgiving" 40 times); wikigold,
 * annotated to CoNLL-2003's guidelines, tags "Thanksgiving" MISC, as eng.train tags "Nobel";
 * the model types "Golden Globe" and "Grammy" PER as it types first names. So are a few eras
 * and events of modern news, MISC in CoNLL-2003 as its wars are: "Great Depression" and "Great
 * Recession" (LOC 17 and 11 times in the news sets), "Arab Spring" (LOC 12, PER 2), "Brexit"
 * (ORG 7, LOC 7). */
#ifndef ETAG_MISCNAMES_H
#define ETAG_MISCNAMES_H

#include <stddef.h>
#include <stdint.h>

#include "tokenize.h"

/* Sets the labels (labels[0..n), of tokens tk[0..n) of text s) of each holiday's, award's,
 * era's or event's name of a fixed list to MISC, one entity, where no entity of the model's crosses
 * its bounds (its tokens untagged, one entity, or entities inside it: "Black" MISC of "Black
 * Friday"); not a name a capitalized word follows ("Christmas Island", "Good Friday Agreement",
 * "Yom Kippur War"), one inside a longer entity ("Father Christmas", "Challenger, Gray &
 * Christmas"), nor a one-word name that opens or ends a person's name of the text ("Jerryl
 * Christmas", then "Christmas said"). A rule's DATE inside it ("Friday" of "Black Friday")
 * yields to the MISC, as a rule's match yields to any model entity. */
void etag_named_misc(const char *s, const np_token *tk, size_t n, uint8_t *labels);

/* Whether w[0..len) is one of those names ("Academy Award"): a rule that retypes a MISC by
 * the noun before it ("actress Academy Award") leaves it. */
int etag_named_misc_text(const char *w, size_t len);

#endif
