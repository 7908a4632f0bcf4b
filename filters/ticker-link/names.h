/* Company names to lookup keys: legal forms ("Inc", "Corp", "S.A."), a leading "The",
 * possessives and case are normalized away, and a short form without "Holdings" or
 * "Group" is derived. Also decides which names are weak (a common word, a place, a
 * two-letter acronym): those are linked only with supporting evidence. */
#ifndef TL_NAMES_H
#define TL_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "normalize.h"

#define TL_NAME_MAX_WORDS 12

enum {
    TL_KEY_WEAK = 1 << 0,  /* needs supporting evidence before it links */
    TL_KEY_EXACT = 1 << 1, /* the text must have the name's letter case exactly */
    TL_KEY_SHORT = 1 << 2, /* derived by dropping "Holdings"/"Group" */
    TL_KEY_FORM = 1 << 3,  /* a weak ("~") one-word alias that is not the row's own name: a
                              short form ("Lufthansa"), not a common-word name ("~Target") */
    TL_KEY_PLACE = 1 << 4, /* a short form that is also a place's name, a common word or a
                              person's ("^Santander", "^Emerging"): its own repetition does
                              not support it */
};

typedef struct {
    uint64_t key;                      /* tl_key_step chain over the words */
    uint64_t words[TL_NAME_MAX_WORDS]; /* word hashes, for prefix keys */
    uint32_t raw0[TL_NAME_MAX_WORDS];  /* byte spans of the words in the name */
    uint32_t raw1[TL_NAME_MAX_WORDS];
    uint8_t nwords;
    uint8_t flags; /* TL_KEY_* */
    uint16_t len;  /* folded length of the first word */
} tl_name_key;

/* Derives up to two keys (full and short form) from name s[0..n). toks is scratch.
 * Returns the number of keys (0 when nothing is left), or -1 when out of memory. */
int tl_name_keys(const char *s, size_t n, tl_toks *toks, tl_name_key out[2]);

/* True when the folded word is a common English word, place or news acronym that must not
 * be linked as a company name on its own. */
int tl_is_common_word(uint64_t word_hash);

/* True when the folded word is a legal form or a group word that may follow a company
 * name in text ("Inc", "Corp", "Holdings", "Group"). */
int tl_is_legal_word(uint64_t word_hash);

/* The form a legal word is, as the hash of its short spelling, so that two spellings of one
 * form agree ("corporation" is "corp", "limited" "ltd", "company" and "cos" "co"); 0 for a
 * word that is no legal form of legal_forms.def (group words included: "Group" is no form). */
uint64_t tl_legal_form_kind(uint64_t word_hash);

/* The number of tokens of a legal form that starts at t[e] of text s (t[0..nt)): a legal or
 * group word ("Corp", "Holdings"), "&" and a company word ("Tiffany & Co", "& Company") or
 * letters with full stops ("L.P.", "S.A."); 0 when none starts there. */
size_t tl_legal_form_len(const char *s, const tl_tok *t, size_t e, size_t nt);

/* True for the words that join a name's parts and cannot end one ("and", "of", "de", "the":
 * "The Bank of" is no name). */
int tl_is_end_connector(uint64_t word_hash);

#endif
