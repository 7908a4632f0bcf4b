/* A club in parentheses after a player's name is an organisation: team sheets and live
 * commentaries write "Ryan Bird (Newport County) wins a free kick", "Julien Bonnaire
 * (Bourgoin), Yannick Nyanga (Toulouse)", and CoNLL-2003 tags such a club ORG ("Shearer (
 * Newcastle )"), but the model, seeing a town's name, types it LOC (159 times in the news sets
 * of ../shared/data: "Biarritz" 15, "Newport County" 14, "Crawley Town" 13, "Cardiff" 10). A
 * country in the same place stays LOC ("Doris Lessing (UK)", "Pete Sampras ( U.S. )"). */
#ifndef ETAG_TEAMS_H
#define ETAG_TEAMS_H

#include <stddef.h>

#include "buf.h"
#include "lexicon.h"
#include "spans.h"
#include "tokenize.h"

/* Retypes ORG each LOC of ms[0..nm) (the spans of text s[0..len), tokens tk, sorted) that
 * stands alone in parentheses right after a PER ("PER (LOC)" or "PER ( LOC )"), in a field
 * where the model typed ORG more of the pattern's names than it typed countries or regions of
 * the lists gaz (scratch: a buffer for its keys): a list of players and their clubs, not one
 * of athletes and their nations, where a country the lists miss stays LOC ("Ato Boldon (
 * Trinidad )", "Igor Potapovich ( Kazakstan )" in eng.testa's results). Not a country or
 * region of the lists itself, nor a word of three letters or fewer ("Ita", "NZ"). */
void etag_player_teams(const etag_lexicon *gaz, np_buf *scratch, const char *s, size_t len,
                       const np_token *tk, etag_span *ms, size_t nm);

#endif
