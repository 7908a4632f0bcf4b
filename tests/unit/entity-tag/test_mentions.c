/* The article's short mentions (mentions.c), on spans written here as a model would give
 * them, with a gazetteer of a few first names built here: one-token PERs that open the
 * article's ORG names are ORG, one-token LOCs and MISCs that end its people's names are PER,
 * and the guards (people's names elsewhere, places, titles, credit lines, a capitalized word
 * after, a first word that is no first name or opens an ORG). */
#include <string.h>

#include "../tap.h"
#include "feature.h"
#include "labels.h"
#include "mentions.h"
#include "tokenize.h"

#define MAXF 2
#define MAXS 16

static const char *const first_names[] = {"Bernard", "Louise", "Robert", "Goldman", NULL};
static const char *const cities[] = {"Santander", NULL};

/* Parses "[TYPE words] ... || field 2 ..." into fields' texts and spans, retypes, and
 * renders every span as "TYPE:text" joined by "|". */
static void run(const etag_lexicon *gaz, const char *spec, char *out, size_t cap)
{
    char text[MAXF][512];
    size_t len[MAXF] = {0};
    struct {
        size_t b0, b1;
        int type, coded;
    } raw[MAXF][MAXS];
    size_t nraw[MAXF] = {0};
    int nf = 1;
    for (const char *p = spec; *p;) {
        int f = nf - 1;
        if (strncmp(p, " || ", 4) == 0) {
            nf++;
            p += 4;
            continue;
        }
        if (*p == '[') {
            const char *sp = strchr(p, ' '), *end = strchr(p, ']');
            raw[f][nraw[f]].coded = sp[-1] == '!'; /* "[ORG! Airbus]": a code follows it */
            raw[f][nraw[f]].type =
                etag_type_parse(p + 1, (size_t)(sp - p - 1 - raw[f][nraw[f]].coded));
            raw[f][nraw[f]].b0 = len[f];
            memcpy(text[f] + len[f], sp + 1, (size_t)(end - sp - 1));
            len[f] += (size_t)(end - sp - 1);
            raw[f][nraw[f]++].b1 = len[f];
            p = end + 1;
            continue;
        }
        text[f][len[f]++] = *p++;
    }
    np_tokens tok[MAXF] = {{0}};
    etag_span spans[MAXF][MAXS];
    etag_mention_field mf[MAXF];
    np_buf scratch = {0};
    etag_docmap words = {0};
    for (int f = 0; f < nf; f++) {
        text[f][len[f]] = '\0';
        np_tokenize(text[f], len[f], &tok[f]);
        for (size_t s = 0; s < nraw[f]; s++) {
            uint32_t first = UINT32_MAX, last = 0;
            for (size_t i = 0; i < tok[f].n; i++)
                if (tok[f].t[i].start >= raw[f][s].b0 && tok[f].t[i].end <= raw[f][s].b1) {
                    if (first == UINT32_MAX) first = (uint32_t)i;
                    last = (uint32_t)i;
                }
            spans[f][s] =
                (etag_span){first, last - first + 1, raw[f][s].type, 0, (uint32_t)raw[f][s].coded};
        }
        mf[f] = (etag_mention_field){text[f], len[f], tok[f].t, spans[f], nraw[f], tok[f].n};
    }
    out[0] = '\0';
    size_t o = 0;
    if (etag_short_mentions(gaz, &scratch, &words, mf, nf) == 0)
        for (int f = 0; f < nf; f++)
            for (size_t s = 0; s < nraw[f]; s++) {
                int k = snprintf(out + o, cap - o, "%s%s:%.*s", o ? "|" : "",
                                 etag_type_name(spans[f][s].type),
                                 (int)(raw[f][s].b1 - raw[f][s].b0), text[f] + raw[f][s].b0);
                if (k < 0 || (size_t)k >= cap - o) break;
                o += (size_t)k;
            }
    for (int f = 0; f < nf; f++) np_tokens_free(&tok[f]);
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

    etag_lexicon empty = {0};
    run(&empty, "[PER Bernard Madoff] ran it. [LOC Madoff] employees.", got, sizeof got);
    ok(strcmp(got, "PER:Bernard Madoff|LOC:Madoff") == 0,
       "without a gazetteer no first name is known: no surname rule");
    etag_lexicon_builder_free(&b);
    np_buf_free(&kb);
    return done_testing();
}
