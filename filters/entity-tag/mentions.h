/* Short mentions typed by the article's own full names: news names a person or a company in
 * full once ("Goldman Sachs", "Bernard Madoff") and by one word after that ("Goldman",
 * "Madoff"), and the model, which sees one word, often types the short form otherwise (a
 * surname PER, a surname that is also a place LOC). Over the whole article (title and body):
 *   - a one-token PER that opens one of the article's ORG names of two tokens or more (not
 *     "The") is ORG, unless the word also ends one of its PER names or is one of its LOCs
 *     ("Rizvi" of "Suhail Rizvi" and "Rizvi Traverse" stays PER) or follows "Mr", "Mrs",
 *     "Ms" or "Dr";
 *   - a one-token LOC or MISC that ends one of the article's PER names of two tokens or more
 *     is PER, when that name's first word is a first name or a part of people's names in the
 *     model's lists and opens none of the article's ORGs ("Vale Canada", "Goldman Asia",
 *     "Sunni Muslim" give no surname), and no capitalized word follows the mention ("Thomson
 *     Reuters" after "Robert Thomson").
 *   - a name that a Reuters code follows once (published.c: etag_span.coded) is ORG wherever
 *     the article writes it ("Fannie Mae ( FNMA.OB )" and then "Fannie Mae filed", which the
 *     model types PER; "Airbus"), unless it is LOC there and the lists know it as a country,
 *     city or region ("Santander ( SAN.MC )" and "lives in Santander").
 *   - so is a name of the model's list of names news writes before Reuters codes (category
 *     coded: "newspipe-entity-tag coded-names"), also in an article that writes no code,
 *     where the model typed it a person of two words or more (not after "Mr", "Mrs", "Ms" or
 *     "Dr") or a place the lists do not know as a country, city or region ("Fannie Mae",
 *     "JPMorgan"); this is decided first, so that its one-word short form follows it by the
 *     first rule ("Fannie and Freddie").
 *   - a name the article gives shares or shareholders is a company's, ORG wherever the
 *     article writes it where the model typed it a person (not after "Mr", "Mrs", "Ms" or
 *     "Dr") or a place the lists do not know as a country, city or region: "Alitalia
 *     shareholders" or "Alitalia's shareholders", "Alitalia shares fell" or "BT stock was up"
 *     (a word of a price's move after "shares" or "stock", as "shares" is a verb too: "Jeb
 *     Bush shares Cruz's preference"), "shares of Lilly" or "shares in Jarvis" (no
 *     possessive after the name: "Shares in Icahn's investment firm"); a person or an ORG
 *     with "'s shares" is a holder ("Warren Buffett's shares"), a place of the lists a market
 *     ("China shares"), as is a Wikipedia location title after "shares in" ("Teva shares in
 *     Tel Aviv"); a MISC stays ("Japanese shares"). So is a name an officer and the officer's
 *     name follow: "chief executive", "CEO", "chairman" or "chairwoman" and a capitalized word
 *     ("Marsh chief executive Michael Cherkasky", "Villa chairman Doug Ellis"; not "named
 *     Bailey CEO as", nor a spokesman, whom people have too).
 *   - a one-token PER or ORG is LOC when the article qualifies that word as a place by its
 *     region or country elsewhere ("Cushing, Oklahoma," or "Ferguson, Missouri." typed LOC
 *     there, then "stocks at Cushing" PER, "Ferguson police" ORG), unless it is the surname of
 *     the article's person; small places are in no list the model has.
 * Names inside parentheses (credit lines: "(Editing by Louise Ireland)") count for neither.
 * The model's own history features see only earlier words of one type; these rules read the
 * article's names once it is tagged. */
#ifndef ETAG_MENTIONS_H
#define ETAG_MENTIONS_H

#include <stddef.h>

#include "buf.h"
#include "docmap.h"
#include "lexicon.h"
#include "spans.h"
#include "tokenize.h"

/* One field's text, tokens and model spans (sorted by first token, not overlapping; their
 * types are updated in place). Borrowed. */
typedef struct {
    const char *text;
    size_t len;
    const np_token *tk;
    etag_span *spans;
    size_t n;
    size_t ntok; /* tokens tk[0..ntok), and the room of spans: one span a token at most */
} etag_mention_field;

/* Retypes the short mentions of the article's fields f[0..nfields). gaz is the model's
 * gazetteer (empty: no surname rule), scratch a buffer for its keys, words a per-article
 * scratch map (reset here). Returns 0, or -1 when out of memory (spans then unchanged or
 * partly retyped, each still a valid span). */
int etag_short_mentions(const etag_lexicon *gaz, np_buf *scratch, etag_docmap *words,
                        const etag_mention_field *f, int nfields);

/* The article's untagged repeats of a company's name: where the model left a name untagged
 * that a Reuters code follows elsewhere in the article, or that the article gives shares,
 * shareholders or an officer (the names etag_short_mentions marked in words, which it must
 * have read just before), the repeat is ORG too: "French oil company Total ( TOTF.PA )" and
 * then "view on Total." or "Shares in Total are up", which the model leaves untagged as the
 * common word. Not at a sentence's start ("Total revenue rose"), nor inside another entity
 * or right after one ("St. Louis Fed", where "Fed Chairman Ben Bernanke" made "Fed" a
 * company's name); names of up to four tokens. Adds spans to f[k].spans (sorted; one token is in
 * one span at most, so f[k].ntok spans fit) and updates f[k].n. */
void etag_company_repeats(etag_docmap *words, etag_mention_field *f, int nfields);

#endif
