/* ticker-link's built-in word lists as sets of folded-word hashes (tl_word_hash): the
 * company legal forms of legal_forms.def, common words that are weak as one-word names,
 * and the context words the name guards read. Built once, in fixed tables (the program is
 * one filter per process, single-threaded). Knows nothing of names, listings or records. */
#ifndef TL_WORDS_H
#define TL_WORDS_H

#include <stdint.h>

/* The flags of legal_forms.def (what each flag means is said there). */
enum { TL_FORM_WORD = 1, TL_FORM_GROUP = 2, TL_FORM_DOTTED = 4, TL_FORM_BEFORE = 8 };

typedef enum {
    TL_W_LEGAL,          /* legal forms and name-closing words (TL_FORM_WORD) */
    TL_W_GROUP,          /* group words ("Holdings", "Group"; TL_FORM_GROUP) */
    TL_W_DOTTED,         /* legal forms written with full stops, as letters ("sa", "spa") */
    TL_W_COMMON,         /* common words, places, nationalities, news acronyms */
    TL_W_CONNECTOR,      /* lower-case words allowed inside a name ("of", "de") */
    TL_W_INSTITUTION,    /* nouns that make "Ford Foundation" another body */
    TL_W_BEFORE_OK,      /* capitalized words that may stand before a one-word name */
    TL_W_AFTER_OK,       /* capitalized words that may follow a one-word name */
    TL_W_CUE_AFTER,      /* "Apple said": words after a brand name that support it */
    TL_W_CUE_BEFORE,     /* "miner Vale": trades before a name that support it */
    TL_W_DETERMINER,     /* words that may stand right before a longer name */
    TL_W_COUNTRY,        /* countries whose possessive introduces a company */
    TL_W_INDEX_PROVIDER, /* index names that are also companies' ("MSCI", "FTSE") */
    TL_W_INDEX_WORD,     /* "index", "benchmark": the name before is an index's */
    TL_W_REGION,         /* "Latin", "South": words that make a region of a country */
    TL_W_FIRM,           /* "Capital", "Partners": an investment firm's name words */
    TL_W_PREPOSITION,    /* "at", "of": "analyst at Gartner, who" is the analyst */
    TL_W_RIVAL,          /* "rival", "peers": the name after is a competitor's */
    TL_W_UNIT,           /* "Securities", "Bank": a large company's unit after its name */
    TL_W_TITLE,          /* "chief", "analyst": a person's title after "Name Surname," */
    TL_W_BUSINESS,       /* "shares", "company": an article with none is no business news */
    TL_W_MOVE,           /* "fell", "rose": a market's move after an exchange's name (its index) */
    TL_W_VENUE,          /* "Exchange", "Bourse": a name ending in one is a stock exchange's */
    TL_W_TAKE,           /* "take", "taking": "take Hilton public" is an IPO to come */
    TL_W_IPO_AHEAD,      /* "planned", "upcoming": "Hilton's planned IPO" */
    TL_W_IPO,            /* "IPO", "flotation": the words of a listing to come */
    TL_W_BODY,           /* "Department", "University": "Department of NAME" is that body's */
    TL_W_AMP_FORM,       /* "Co", "Company": after "&" they close a name ("Tiffany & Co") */
    TL_W_NLISTS
} tl_wordlist;

/* True when the folded word with hash h is in the list. Builds every list on first use. */
int tl_word_in(tl_wordlist list, uint64_t h);

/* The ISO 3166 code of a folded nationality adjective or country name ("swiss" -> "CH",
 * "canada" -> "CA"), or NULL. */
const char *tl_word_nation(uint64_t h);

/* Builds the lists now (tl_word_in does it on first use); for tests. Returns 0, or -1 when
 * a list does not fit its table (a programming error: the unit test checks it). */
int tl_words_init(void);

#endif
