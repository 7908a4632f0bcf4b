/* A name that a common noun says the kind of: right after a noun only an organisation is ("law
 * firm Morrison Foerster", "carrier Gulf Air", "Islamist group Boko Haram"), a noun only a
 * person is ("singer Rihanna", "his wife Ffion"), or after "city of", "island of" and such
 * ("the city of Ferguson"). The model, which learned from 1996 news, takes a name it never saw
 * for a person's or a place's by its shape; the noun before it says otherwise, and news writes
 * it there (CoNLL-2003 less often). Applied to the model's spans, corrected as published.c
 * does. */
#ifndef ETAG_NOUNS_H
#define ETAG_NOUNS_H

#include "buf.h"
#include "lexicon.h"
#include "spans.h"
#include "tokenize.h"

/* Retypes span sp of text s[0..len) (tokens tk) by the noun before it:
 *   - ORG when it is PER, LOC or MISC after "analyst at", "economist at", "strategist at",
 *     "partner at", "trader at", "banker at", "researcher at", "executive at" (and their
 *     plurals), "CEO of", "chairman of", "chairwoman of", "(co-)founder of", "director of",
 *     "executive of", "officer of" (not "manager of": "the former manager of Johnny Cash"),
 *     "investor in", "shareholder in" or "stake in": the employer or the company ("analyst at
 *     Teal Group" LOC, "chief executive of Wippit" LOC, "investor in Pinterest" LOC); also
 *     a LOC or MISC after "according to", the source ("according to Lipper" LOC), unless a
 *     lower-case word follows a LOC ("according to Mauritanian news agency"); not a place
 * of the lists gaz (countries, cities, regions, Wikipedia's location titles: "analyst at Poland's
 * BRE Bank"), a possessor ("a trader at Bernard Madoff's firm") or a MISC before a lower-case word
 * ("analyst at Italian broker IG") or a compound ("strategist at Chicago-based Northern Trust");
 * scratch is a buffer for the gazetteer's keys;
 *   - ORG when it is PER, LOC or MISC after "affiliate", "agency", "airline", "automaker",
 *     "band", "bank", "brokerage", "carmaker", "carrier", "charity", "chipmaker", "club",
 *     "company", "daily", "drugmaker", "firm", "fund", "group", "insurer", "lender",
 *     "magazine", "manufacturer", "newspaper", "operator", "retailer", "station", "studio",
 *     "subsidiary", "supplier", "unit", "watchdog" or "weekly"; not after "a", "the", a possessive
 * pronoun, "this", "that", "which", "whose" ("a firm German position", "the firm Smith founded") or
 * "aircraft" (an aircraft carrier's name); "maker", "publisher", "broadcaster", "developer",
 * "regulator", "rival" and "giant" are no such nouns, people are called so too ("games maker Peter
 * Molyneux", "top regulator Hector Sants"), or an adjective
 *     ("giant Japan order"); nor "website" ("told the BBC News website Ford did not");
 *   - PER when it is ORG, LOC or MISC after "wife", "husband", "son", "daughter", "brother",
 *     "mother", "father", "singer", "actor" or "actress" ("pop singer Delta Goodrem" ORG, "his
 *     wife Jan" MISC); not "sister", which a company, a ship or a dam has too ("its UK sister
 *     Vauxhall");
 *   - LOC when it is ORG or PER after "city of", "town of", "village of", "island of" or
 *     "province of" ("the city of Ferguson" ORG); not "state of" ("the true state of
 *     Parmalat's finances"); and when it is ORG or PER right before "airport" ("Kennedy
 *     airport", "Ben Gurion airport"), as CoNLL-2003 tags it (a nationality stays MISC).
 *   - MISC when it is ORG right before "index" ("the benchmark IPC index", "the VIX index"):
 *     the index's name, as CoNLL-2003 tags it.
 * A span cut at a compound (etag_span.cut) or a code's company (etag_span.coded) stays. */
void etag_noun_type(const etag_lexicon *gaz, np_buf *scratch, const char *s, size_t len,
                    const np_token *tk, etag_span *sp);

#endif
