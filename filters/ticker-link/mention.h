/* The linker's private working types, shared by the files that make up one pass over a
 * record: link.c drives, mention.c keeps the list, scan_names.c, scan_patterns.c and
 * scan_entities.c add mentions, emit.c groups them by issuer and writes the "tickers" array. Not
 * for use outside. */
#ifndef TL_MENTION_H
#define TL_MENTION_H

#include <stddef.h>
#include <stdint.h>

#include "link.h"
#include "lookup.h"
#include "zones.h"

/* How a mention was found; also its "method" in the output (tl_method_name). */
enum { M_RIC = 1, M_EXCHANGE, M_CASHTAG, M_NAME, M_ENTITY, M_SYMBOL };

struct tl_mention {
    uint32_t issuer;                   /* chosen issuer, or TL_NONE */
    uint32_t listing;                  /* explicit patterns: the listing, or TL_NONE when unknown */
    uint32_t alias_first, alias_count; /* name candidates */
    uint32_t b0, b1, cp0, cp1;
    uint8_t field, method, weak, cue, dead, ambiguous, single, brand, orgable, suffix, curated;
    uint8_t form;          /* a weak one-word short form of a longer name (scan_names.c):
                              context cues and repetition may support it */
    uint8_t place;         /* a short form that is also a place's name, a common word or a
                              person's ("^"): its own repetition does not support it */
    uint8_t opens;         /* the name is the first word of a sentence (capitalized anyway) */
    uint8_t large;         /* a common-word name ("~") of a large company ("Apple", "Shell"):
                              like a short form, a list may support it (emit.c) */
    uint8_t listed;        /* a list's next item after the field's previous name ("Intesa,
                              Generali and Mediobanca": Generali, Mediobanca) */
    uint8_t placeable;     /* a weak one-word name that the country before it may support
                              ("Switzerland's ABB", "German miner RWE"; choose.c) */
    uint8_t by_country;    /* a country's possessive right before the name ("Brazil's
                              Vale") would support it: only the company's own (choose.c) */
    uint8_t told;          /* a business word right after the name ("Thomson Reuters said",
                              "... shares"): the name is the sentence's subject (emit.c) */
    uint8_t unlisted;      /* named as a company not listed: an offering to come ("take
                              Hilton public", "Hilton's planned IPO"), or "privately held"
                              (choose.c) */
    uint64_t word;         /* one-word names: the word's hash; longer ones: the first word's */
    uint64_t word2;        /* longer names: the second word's hash */
    const char *sym, *ric; /* unknown explicit listings: as written */
    uint16_t sym_len, ric_len;
    const tl_exchange *exch;
    const char *nation; /* the ISO country the words before a name give it ("Swiss private
                           bank Frey": "CH"; one-word names also the words after), or NULL */
};

struct tl_agg {
    uint32_t issuer;  /* TL_NONE for an unknown explicit listing */
    uint32_t listing; /* for output entries: the listing, or TL_NONE */
    uint32_t mention; /* unknown listings: the mention that names it */
    int n_explicit, n_strong, n_entity, n_weak;
    uint64_t first; /* field << 32 | cp0 of the first mention */
    double score;
    int mentions;
    uint8_t primary, linked, own_explicit;
    uint8_t repeated;        /* its listing is written under another issuer's entry (emit.c) */
    uint32_t grp_lo, grp_hi; /* unknown listings: their mentions in L->by_issuer */
};

extern const char *const tl_method_name[];

/* A new zeroed mention at the end of L->m (issuer and listing TL_NONE), or NULL when out of
 * memory. Pointers into L->m are invalidated. */
tl_mention *tl_new_mention(tl_linker *L);

/* A new mention (tl_new_mention) of a dictionary match: the slot sl's candidates, issuer the
 * chosen one (tie: another ranked the same), found by method in field over tokens t[b..e)
 * (UTF-8 bytes and code points). NULL when out of memory. */
tl_mention *tl_new_match(tl_linker *L, int method, int field, const tl_slot *sl, uint32_t issuer,
                         int tie, const tl_tok *t, size_t b, size_t e);

/* The passes over one text field (its tokens in L->toks; zones z[0..nz) are skipped). Each
 * returns 0, or -1 when out of memory. */

/* Whether token t[i], in capitals and right after "(", spells the initials of the words
 * before the parenthesis, all capitalized or all lower-case (connectors such as "for" and "of"
 * skipped): "State Administration for Industry and Commerce (SAIC)", "London Stock Exchange
 * (LSE)", "economic net income (ENI)" define an abbreviation, not the listed company's name
 * or code. Returns 1 + the index of the first of those words, or 0. */
size_t tl_defined_acronym(const char *s, const tl_tok *t, size_t i);

/* Company names by the dictionary matcher, with the guards that read their neighbours. */
int tl_scan_names(tl_linker *L, int field, const char *s, const tl_zone *z, size_t nz);
/* Explicit codes (RICs, exchange-prefixed symbols, cashtags), resolved with the name right
 * before them; this field's name mentions are L->m[first_m .. L->nm). */
int tl_scan_patterns(tl_linker *L, int field, const char *s, size_t n, const tl_zone *z, size_t nz,
                     size_t first_m, int32_t day);
/* entity-tag's spans of this field: ORG supports or adds names, PER and LOC veto weak ones.
 * This field's name mentions are L->m[first_m .. names_end). */
int tl_scan_entities(tl_linker *L, int field, size_t first_m, size_t names_end);

/* Reassigns one-word names to the company the article names in full, and drops those the
 * article places in a country where their company is not (choose.c). Returns 0, or -1 when
 * out of memory. */
int tl_choose(tl_linker *L, int32_t day);

/* Groups the mentions by issuer, applies the publisher and ambiguity guards, scores, and
 * writes the JSON array into L->out. */
int tl_emit(tl_linker *L, const char *source, size_t source_len, int32_t day);

#endif
