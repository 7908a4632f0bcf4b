/* Names typed by the noun before them (see nouns.h). */
#include "nouns.h"

#include <string.h>

#include "feature.h"
#include "labels.h"
#include "miscnames.h"
#include "wordlist.h"

/* Whether token i is followed by token i + 1 after one space. */
static int spaced(const char *s, const np_token *tk, uint32_t i)
{
    return tk[i].end + 1 == tk[i + 1].start && s[tk[i].end] == ' ';
}

/* A name after "analyst at", "economist at" and such: its employer, ORG ("analyst at Teal
 * Group" LOC, "strategist at Miller Tabak" PER), unless it is a place of the lists ("analyst at
 * Poland's BRE Bank"), a possessor ("a trader at Bernard Madoff's firm") or a MISC before a
 * lower-case word (a nationality: "analyst at Italian broker IG"). */
static int employer(const etag_lexicon *gaz, np_buf *scratch, const char *s, size_t len,
                    const np_token *tk, const etag_span *sp)
{
    static const char *const at_roles[] = {/* sorted */
                                           "analyst",     "analysts",   "banker",      "bankers",
                                           "economist",   "economists", "executive",   "executives",
                                           "partner",     "researcher", "researchers", "strategist",
                                           "strategists", "trader",     "traders"};
    static const char *const of_roles[] = {/* sorted */
                                           "CEO",      "chairman",  "chairwoman", "co-founder",
                                           "director", "executive", "founder",    "officer"};
    static const char *const in_roles[] = {/* sorted */
                                           "investor", "shareholder", "stake"};
    const uint32_t places = (1u << ETAG_GAZ_COUNTRY) | (1u << ETAG_GAZ_CITY) |
                            (1u << ETAG_GAZ_REGION) | (1u << ETAG_GAZ_WLOC);
    if (sp->type != ETAG_PER && sp->type != ETAG_LOC && sp->type != ETAG_MISC) return 0;
    if (sp->first < 2 || !spaced(s, tk, sp->first - 2)) return 0;
    const np_token *p = &tk[sp->first - 1], *role = &tk[sp->first - 2];
    if (p->end - p->start != 2) return 0;
    const char *w = s + p->start;
    size_t e = tk[sp->first + sp->n - 1].end;
    /* a source: "according to Lipper" LOC, "according to BrightScope" MISC; a person stays
     * the source, and a LOC before a lower-case word is a nationality ("according to
     * Mauritanian news agency Al Akhbar") */
    if (memcmp(w, "to", 2) == 0 && role->end - role->start == 9 &&
        memcmp(s + role->start, "according", 9) == 0) {
        if (sp->type == ETAG_PER) return 0;
        if (sp->type == ETAG_LOC && e + 1 < len && s[e] == ' ' && s[e + 1] >= 'a' &&
            s[e + 1] <= 'z')
            return 0;
    } else if (!(memcmp(w, "at", 2) == 0 && ETAG_WORD_IN(s, role, at_roles)) &&
               !(memcmp(w, "of", 2) == 0 && ETAG_WORD_IN(s, role, of_roles)) &&
               !(memcmp(w, "in", 2) == 0 && ETAG_WORD_IN(s, role, in_roles)))
        return 0;
    if (etag_possessive_at(s, len, e)) return 0; /* a possessor */
    if (sp->type == ETAG_MISC) {
        if (e + 1 < len && s[e] == ' ' &&
            ((s[e + 1] >= 'a' && s[e + 1] <= 'z') || (s[e + 1] >= 'A' && s[e + 1] <= 'Z')))
            return 0; /* an adjective: "Italian broker IG", "German HVB" */
        for (size_t i = tk[sp->first + sp->n - 1].start; i + 1 < e; i++)
            if (s[i] == '-' && s[i + 1] >= 'a' && s[i + 1] <= 'z') return 0; /* "Chicago-based" */
    }
    return !(etag_gaz_tokens(gaz, s, tk, sp->first, sp->n, scratch) & places);
}

void etag_noun_type(const etag_lexicon *gaz, np_buf *scratch, const char *s, size_t len,
                    const np_token *tk, etag_span *sp)
{
    static const char *const org_nouns[] = {
        /* sorted */
        "affiliate",    "agency",    "airline",  "automaker", "band",    "bank",    "brokerage",
        "carmaker",     "carrier",   "charity",  "chipmaker", "club",    "company", "daily",
        "drugmaker",    "firm",      "fund",     "group",     "insurer", "lender",  "magazine",
        "manufacturer", "newspaper", "operator", "retailer",  "station", "studio",  "subsidiary",
        "supplier",     "unit",      "watchdog", "weekly"};
    static const char *const blockers[] = {/* sorted */
                                           "a",     "aircraft", "an",    "her",   "his",
                                           "its",   "my",       "our",   "that",  "the",
                                           "their", "this",     "which", "whose", "your"};
    /* A player's position is a person's noun too ("Barca midfielder Deco", "Arsenal
     * goalkeeper Cech"); not "player", "captain", "leader" or "champion", which name teams,
     * countries and companies as often ("low-cost player Iliad", "defending champion
     * Ireland", "market leader Telefonica"). */
    static const char *const person_nouns[] = {
        /* sorted */
        "actor",  "actress",  "batsman",    "bowler",  "brother",    "daughter", "defender",
        "father", "fly-half", "goalkeeper", "husband", "midfielder", "mother",   "scrum-half",
        "singer", "son",      "striker",    "wife",    "winger"};
    static const char *const place_nouns[] = {/* sorted */
                                              "city", "island", "province", "town", "village"};
    if (sp->cut || sp->coded) return;
    /* Before "airport" a name is the place the airport serves or is named for: "Ben Gurion
     * airport" PER, "Kennedy airport" ORG; CoNLL-2003 tags it LOC (35 times in eng.train and
     * eng.testa, MISC twice for a nationality: "Turkish airport"). */
    size_t e = tk[sp->first + sp->n - 1].end;
    if ((sp->type == ETAG_PER || sp->type == ETAG_ORG) && e + 8 <= len && s[e] == ' ' &&
        memcmp(s + e + 1, "airport", 7) == 0 &&
        (e + 8 == len || !((s[e + 8] | 0x20) >= 'a' && (s[e + 8] | 0x20) <= 'z'))) {
        sp->type = ETAG_LOC;
        return;
    }
    /* Before "index" an organisation's name is the index's ("the benchmark IPC index", "the
     * VIX index", "the FTSE index"): CoNLL-2003 tags it MISC (23 times in eng.train and
     * eng.testa, ORG twice). */
    if (sp->type == ETAG_ORG && e + 6 <= len && s[e] == ' ' && memcmp(s + e + 1, "index", 5) == 0 &&
        (e + 6 == len || !((s[e + 6] | 0x20) >= 'a' && (s[e + 6] | 0x20) <= 'z'))) {
        sp->type = ETAG_MISC;
        return;
    }
    if (sp->first < 1 || !spaced(s, tk, sp->first - 1)) return;
    if (employer(gaz, scratch, s, len, tk, sp)) {
        sp->type = ETAG_ORG;
        return;
    }
    const np_token *n = &tk[sp->first - 1];
    if (sp->type == ETAG_PER || sp->type == ETAG_LOC || sp->type == ETAG_MISC) {
        if (ETAG_WORD_IN(s, n, org_nouns) &&
            !(sp->first >= 2 && ETAG_WORD_IN(s, &tk[sp->first - 2], blockers))) {
            sp->type = ETAG_ORG;
            return;
        }
    }
    if ((sp->type == ETAG_ORG || sp->type == ETAG_LOC || sp->type == ETAG_MISC) &&
        ETAG_WORD_IN(s, n, person_nouns) &&
        !(sp->type == ETAG_MISC &&
          etag_named_misc_text(s + tk[sp->first].start,
                               tk[sp->first + sp->n - 1].end - sp->cut - tk[sp->first].start))) {
        sp->type = ETAG_PER;
        return;
    }
    if ((sp->type == ETAG_ORG || sp->type == ETAG_PER) && sp->first >= 2 &&
        n->end - n->start == 2 && memcmp(s + n->start, "of", 2) == 0 &&
        spaced(s, tk, sp->first - 2) && ETAG_WORD_IN(s, &tk[sp->first - 2], place_nouns))
        sp->type = ETAG_LOC;
}
