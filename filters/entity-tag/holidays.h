/* Holidays are MISC: "Christmas", "Easter", "Thanksgiving", "Eid al-Fitr", "Black Friday". The
 * model never saw them (eng.train and eng.testa have none: 1996 news from August to December)
 * and types them as it would an unknown name ("Christmas" LOC 116 times and PER 26 in the news
 * sets of ../shared/data, "Easter" PER 15) or leaves them untagged ("Thanksgiving" 40 times);
 * wikigold, annotated to CoNLL-2003's guidelines, tags "Thanksgiving" MISC. */
#ifndef ETAG_HOLIDAYS_H
#define ETAG_HOLIDAYS_H

#include <stddef.h>
#include <stdint.h>

#include "tokenize.h"

/* Sets the labels (labels[0..n), of tokens tk[0..n) of text s) of each holiday's name of a
 * fixed list to MISC, one entity, where no entity of the model's crosses its bounds (its
 * tokens untagged, one entity, or entities inside it: "Black" MISC of "Black Friday"); not a
 * name a capitalized word follows ("Christmas Island", "Good Friday Agreement", "Yom Kippur
 * War"), one inside a longer entity ("Father Christmas", "Challenger, Gray & Christmas"), nor
 * a one-word name that ends a person's name of the text ("Jerryl Christmas", then "Christmas
 * said").
 * A rule's DATE inside it ("Friday" of "Black Friday") yields to the MISC, as a rule's match
 * yields to any model entity. */
void etag_holidays(const char *s, const np_token *tk, size_t n, uint8_t *labels);

#endif
