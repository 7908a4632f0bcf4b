/* Names typed by the noun before them (see nouns.h). */
#include "nouns.h"

#include <stdlib.h>
#include <string.h>

#include "labels.h"

struct word_key {
    const char *s;
    const np_token *w;
};

static int cmp_word(const void *key, const void *elem)
{
    const np_token *w = ((const struct word_key *)key)->w;
    const char *s = ((const struct word_key *)key)->s, *d = *(const char *const *)elem;
    size_t len = w->end - w->start, dl = strlen(d);
    int c = memcmp(s + w->start, d, len < dl ? len : dl);
    return c ? c : (len > dl) - (len < dl);
}

/* Whether token w of s is one of the sorted words[0..n). */
static int one_of(const char *s, const np_token *w, const char *const *words, size_t n)
{
    struct word_key k = {s, w};
    return bsearch(&k, words, n, sizeof *words, cmp_word) != NULL;
}

#define ONE_OF(s, w, words) one_of(s, w, words, sizeof words / sizeof *words)

/* Whether token i is followed by token i + 1 after one space. */
static int spaced(const char *s, const np_token *tk, uint32_t i)
{
    return tk[i].end + 1 == tk[i + 1].start && s[tk[i].end] == ' ';
}

void etag_noun_type(const char *s, const np_token *tk, etag_span *sp)
{
    static const char *const org_nouns[] = {
        /* sorted */
        "affiliate", "agency",   "airline",   "automaker",    "band",      "bank",
        "brokerage", "carmaker", "carrier",   "charity",      "chipmaker", "club",
        "company",   "daily",    "drugmaker", "firm",         "fund",      "group",
        "insurer",   "lender",   "magazine",  "manufacturer", "newspaper", "operator",
        "retailer",  "station",  "studio",    "subsidiary",   "supplier",  "watchdog"};
    static const char *const blockers[] = {/* sorted */
                                           "a",     "aircraft", "an",    "her",   "his",
                                           "its",   "my",       "our",   "that",  "the",
                                           "their", "this",     "which", "whose", "your"};
    static const char *const person_nouns[] = {/* sorted */
                                               "actor",  "actress", "brother", "daughter",
                                               "father", "husband", "mother",  "singer",
                                               "son",    "wife"};
    static const char *const place_nouns[] = {/* sorted */
                                              "city", "island", "province", "town", "village"};
    if (sp->cut || sp->coded || sp->first < 1 || !spaced(s, tk, sp->first - 1)) return;
    const np_token *n = &tk[sp->first - 1];
    if (sp->type == ETAG_PER || sp->type == ETAG_LOC || sp->type == ETAG_MISC) {
        if (ONE_OF(s, n, org_nouns) &&
            !(sp->first >= 2 && ONE_OF(s, &tk[sp->first - 2], blockers))) {
            sp->type = ETAG_ORG;
            return;
        }
    }
    if ((sp->type == ETAG_ORG || sp->type == ETAG_LOC || sp->type == ETAG_MISC) &&
        ONE_OF(s, n, person_nouns)) {
        sp->type = ETAG_PER;
        return;
    }
    if ((sp->type == ETAG_ORG || sp->type == ETAG_PER) && sp->first >= 2 &&
        n->end - n->start == 2 && memcmp(s + n->start, "of", 2) == 0 &&
        spaced(s, tk, sp->first - 2) && ONE_OF(s, &tk[sp->first - 2], place_nouns))
        sp->type = ETAG_LOC;
}
