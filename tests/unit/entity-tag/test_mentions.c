/* The article's short mentions (mentions.c), on spans written here as a model would give
 * them, with a gazetteer of a few first names built here: one-token PERs that open the
 * article's ORG names are ORG, one-token LOCs and MISCs that end its people's names are PER,
 * and the guards (people's names elsewhere, places, titles, credit lines, a capitalized word
 * after, a first word that is no first name or opens an ORG). */
#include <string.h>

#include "tap.h"
#include "feature.h"
#include "mentions.h"
#include "spec.h"

static const char *const first_names[] = {"Bernard", "Louise", "Robert", "Goldman", "Alex", NULL};
static const char *const cities[] = {"Santander", NULL};
static const char *const regions[] = {"Oklahoma", "Missouri", "France", NULL};
/* names news writes before Reuters codes (category coded) */
static const char *const coded[] = {"Fannie Mae", "JPMorgan",      "Ford", "Santander",
                                    "Airbus",     "Raymond James", NULL};

/* The chained gazetteer key of the space-separated words of name. */
static uint64_t name_key(const char *name, np_buf *kb)
{
    uint64_t key = 0;
    for (const char *p = name; *p;) {
        const char *e = strchr(p, ' ');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        key = etag_gaz_chain(key, etag_word_key(p, n, kb));
        p += n + (e != NULL);
    }
    return key;
}

/* Retypes the short mentions of the article spec and renders its spans. */
static void run(const etag_lexicon *gaz, const char *spec, char *out, size_t cap)
{
    static spec_article a;
    np_buf scratch = {0};
    etag_docmap words = {0};
    spec_parse(spec, &a);
    out[0] = '\0';
    if (etag_short_mentions(gaz, &scratch, &words, a.f, a.nf) == 0) spec_render(&a, out, cap);
    spec_free(&a);
    np_buf_free(&scratch);
    etag_docmap_free(&words);
}

#define CASE(spec, want, what)                                                                     \
    do {                                                                                           \
        run(&gaz, spec, got, sizeof got);                                                          \
        if (!ok(strcmp(got, want) == 0, "%s", what)) printf("#   got: %s\n", got);                 \
    } while (0)

int main(void)
{
    char got[1024];
    etag_lexicon_builder b = {0};
    np_buf kb = {0};
    for (int i = 0; first_names[i]; i++)
        etag_lexicon_or(
            &b, etag_gaz_chain(0, etag_word_key(first_names[i], strlen(first_names[i]), &kb)),
            1u << ETAG_GAZ_FIRST);
    for (int i = 0; cities[i]; i++)
        etag_lexicon_or(&b, etag_gaz_chain(0, etag_word_key(cities[i], strlen(cities[i]), &kb)),
                        1u << ETAG_GAZ_CITY);
    for (int i = 0; regions[i]; i++)
        etag_lexicon_or(&b, name_key(regions[i], &kb), 1u << ETAG_GAZ_REGION);
    for (int i = 0; coded[i]; i++)
        etag_lexicon_or(&b, name_key(coded[i], &kb), 1u << ETAG_GAZ_CODED);
    etag_lexicon gaz = etag_lexicon_view(&b);

    CASE("[ORG Goldman Sachs] cut jobs. [PER Goldman] said so.", "ORG:Goldman Sachs|ORG:Goldman",
         "a PER that opens the article's ORG name is ORG");
    CASE("[PER Goldman] said so. Shares of [ORG Goldman Sachs] fell.",
         "ORG:Goldman|ORG:Goldman Sachs", "also before the full name");
    CASE("[PER Suhail Rizvi] founded [ORG Rizvi Traverse]. [PER Rizvi] owns it.",
         "PER:Suhail Rizvi|ORG:Rizvi Traverse|PER:Rizvi",
         "not when the word also ends one of the article's people's names");
    CASE("[ORG Cushing Lime] drills near [LOC Cushing]. Stocks at [PER Cushing] fell.",
         "ORG:Cushing Lime|LOC:Cushing|PER:Cushing", "nor when it is one of its places");
    CASE("The [ORG Meles Foundation] opened. Mr [PER Meles] died.",
         "ORG:Meles Foundation|PER:Meles", "nor after Mr");
    CASE("[ORG The Body Shop] opened. [PER The] rest.", "ORG:The Body Shop|PER:The",
         "nor from an ORG that opens on The");
    CASE("[ORG Carter] and [ORG Carter Holdings] rose.", "ORG:Carter|ORG:Carter Holdings",
         "an ORG stays ORG");
    CASE("[PER Bernard Madoff] ran the fraud. Five [LOC Madoff] employees and [MISC Madoff] "
         "associates were tried.",
         "PER:Bernard Madoff|PER:Madoff|PER:Madoff",
         "a LOC or MISC that ends the article's person's name is PER");
    CASE("Trial of [LOC Madoff] employees || Prosecutors said [PER Bernard Madoff] lied.",
         "PER:Madoff|PER:Bernard Madoff", "over the fields: the title takes the body's name");
    CASE("[ORG Vale] led [PER Vale Canada] in [LOC Canada].", "ORG:Vale|PER:Vale Canada|LOC:Canada",
         "not when the name's first word is no first name");
    CASE("[ORG Goldman Sachs] moved [PER Goldman Asia] staff to [LOC Asia].",
         "ORG:Goldman Sachs|PER:Goldman Asia|LOC:Asia",
         "nor when it opens one of the article's ORG names");
    CASE("[PER Robert Thomson] said so, citing [MISC Thomson] Reuters data.",
         "PER:Robert Thomson|MISC:Thomson", "nor when a capitalized word follows");
    CASE("[LOC Ireland] grew. (Editing by [PER Louise Ireland])", "LOC:Ireland|PER:Louise Ireland",
         "a name in parentheses (a credit line) counts for neither");
    CASE("[LOC Ireland] grew, said [PER Louise Ireland] (an analyst).",
         "PER:Ireland|PER:Louise Ireland", "outside them it does");
    CASE("[PER Bernard Madoff] and [LOC New York] and [ORG Madoff]",
         "PER:Bernard Madoff|LOC:New York|ORG:Madoff", "an ORG is never made PER");

    CASE("[ORG! Fannie Mae] lost money. [PER Fannie Mae] sued. [MISC Airbus] and [LOC Fannie Mae]",
         "ORG:Fannie Mae|ORG:Fannie Mae|MISC:Airbus|ORG:Fannie Mae",
         "a name a code follows once is ORG wherever the article writes it");
    CASE("[MISC Airbus] deal || [ORG! Airbus] said. [MISC Airbus] jets",
         "ORG:Airbus|ORG:Airbus|ORG:Airbus", "also in the title");
    CASE("[ORG! Santander] rose. [LOC Santander] is a city. [ORG Banco Santander] too.",
         "ORG:Santander|LOC:Santander|ORG:Banco Santander",
         "but not a mention the lists know as a place");
    CASE("[ORG Airbus] said. [MISC Airbus] jets", "ORG:Airbus|MISC:Airbus",
         "an ORG without a code is no such evidence");

    CASE("[PER Fannie Mae] sued. [LOC JPMorgan] and [ORG Fannie Mae] too.",
         "ORG:Fannie Mae|ORG:JPMorgan|ORG:Fannie Mae",
         "a name news writes before codes is ORG where the model typed it a person or a place");
    CASE("[PER Fannie Mae] and [PER Fannie] lost.", "ORG:Fannie Mae|ORG:Fannie",
         "its short form follows it");
    CASE("[PER Ford] and [LOC Santander] and [MISC Airbus] jets",
         "PER:Ford|LOC:Santander|MISC:Airbus",
         "not a one-word person, a place of the lists or a MISC (the aircraft)");
    CASE("Mr [PER Raymond James] said so.", "PER:Raymond James", "nor a person after Mr");

    CASE("Stocks at [LOC Cushing], [LOC Oklahoma], rose. Tanks at [PER Cushing] and [ORG Cushing] "
         "are full.",
         "LOC:Cushing|LOC:Oklahoma|LOC:Cushing|LOC:Cushing",
         "a place the article qualifies by its region is LOC where the model typed it PER or ORG");
    CASE("[PER Cushing] rose || Protests in [LOC Ferguson], [LOC Missouri]'s suburb; at [LOC "
         "Cushing], [LOC Oklahoma].",
         "LOC:Cushing|LOC:Ferguson|LOC:Missouri|LOC:Cushing|LOC:Oklahoma",
         "over the fields; also before a possessive or a stop");
    CASE("[LOC Dongfeng], [LOC France] weigh stake. [ORG Dongfeng] said.",
         "LOC:Dongfeng|LOC:France|ORG:Dongfeng",
         "not when a word follows the region (a headline's comma joins two names)");
    CASE("In [LOC CUSHING], [LOC Oklahoma]. [PER Cushing] rose.",
         "LOC:CUSHING|LOC:Oklahoma|PER:Cushing", "nor from a dateline's capitals");
    CASE("[PER Alex Ferguson] was in [LOC Ferguson], [LOC Missouri]. [PER Ferguson] spoke.",
         "PER:Alex Ferguson|PER:Ferguson|LOC:Missouri|PER:Ferguson",
         "nor when the word is the surname of the article's person (whose rule types it PER)");

    etag_lexicon empty = {0};
    run(&empty, "[PER Bernard Madoff] ran it. [LOC Madoff] employees.", got, sizeof got);
    ok(strcmp(got, "PER:Bernard Madoff|LOC:Madoff") == 0,
       "without a gazetteer no first name is known: no surname rule");
    etag_lexicon_builder_free(&b);
    np_buf_free(&kb);
    return done_testing();
}
