/* Acronyms an article uses as common nouns (acronyms.c), on spans written here as a model
 * would give them, with a gazetteer of a few names built here: spelled out in lower case,
 * after "a" or "an" and before a stop or function word, or in the plural, or in the model's
 * list, an acronym's one-token ORG, PER and LOC spans go, over the whole article; MISC, names
 * spelled out in capitals, names a code follows, and the lists' organisations and places used
 * so stay. */
#include <string.h>

#include "tap.h"
#include "acronyms.h"
#include "feature.h"
#include "spec.h"

/* Drops the common acronyms of the article spec and renders the spans kept. */
static void run(const etag_lexicon *gaz, const char *spec, char *out, size_t cap)
{
    static spec_article a;
    np_buf scratch = {0};
    spec_parse(spec, &a);
    etag_common_acronyms(gaz, &scratch, a.f, a.nf);
    spec_render(&a, out, cap);
    spec_free(&a);
    np_buf_free(&scratch);
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
    etag_lexicon_or(&b, etag_gaz_chain(0, etag_word_key("NCAA", 4, &kb)), 1u << ETAG_GAZ_WORG);
    etag_lexicon_or(&b, etag_gaz_chain(0, etag_word_key("UK", 2, &kb)), 1u << ETAG_GAZ_COUNTRY);
    etag_lexicon_or(&b, etag_gaz_chain(0, etag_word_key("IPO", 3, &kb)), 1u << ETAG_GAZ_ACRONYM);
    etag_lexicon_or(&b, etag_gaz_chain(0, etag_word_key("QE", 2, &kb)), 1u << ETAG_GAZ_ACRONYM);
    etag_lexicon_or(&b, etag_gaz_chain(0, etag_word_key("AAA", 3, &kb)),
                    1u << ETAG_GAZ_ACRONYM | 1u << ETAG_GAZ_WORG);
    etag_lexicon gaz = etag_lexicon_view(&b);

    CASE("Foreign direct investment (FDI) rose. [ORG FDI] from [LOC Japan] fell.", "LOC:Japan",
         "an acronym the article spells out in lower case is no name");
    CASE("The [ORG IPO] priced late. It raised $1 billion in its initial public offering ([ORG "
         "IPO]).",
         "", "wherever the article writes it, also before the definition");
    CASE("Sales of sport-utility vehicles (SUVs) rose. [ORG SUV] demand.", "",
         "hyphenated words give an initial each; a plural definition");
    CASE("Purchasing managers' index (PMI) data. [ORG PMI] rose.", "",
         "a possessive's apostrophe inside the long form");
    CASE("Earnings before interest and tax (EBIT) fell. [ORG EBIT] margin.", "",
         "function words of the long form may be skipped");
    CASE("The [ORG European Central Bank] ([ORG ECB]) met. The [ORG ECB] said.",
         "ORG:European Central Bank|ORG:ECB|ORG:ECB", "a long form in capitals names something");
    CASE("The firm weighs an [ORG IPO] of its unit. [ORG IPO] plans.", "",
         "\"an\" before it and a function word after it");
    CASE("It may file for a [ORG REIT]. The [ORG REIT] pays.", "", "or a full stop");
    CASE("Said an [ORG HSBC] analyst. [ORG HSBC] fell.", "ORG:HSBC|ORG:HSBC",
         "not a name that modifies a noun after \"an\"");
    CASE("Tech [ORG IPOs] are back. The [ORG IPO] market.", "", "a plural with a lower-case s");
    CASE("Yale banned the [ORG SAEs]. The [ORG SAE] chapter closed.", "ORG:SAEs|ORG:SAE",
         "not a plural after \"the\" (members, teams)");
    CASE("Teams from the [ORG NCAA] and other [ORG NCAAs] events.", "ORG:NCAA|ORG:NCAAs",
         "nor an organisation of the lists the article only uses so");
    CASE("He bought a [LOC UK] firm, then a [LOC UK], and [LOC UK] rose.", "LOC:UK|LOC:UK|LOC:UK",
         "nor a place of the lists");
    CASE("Economic net income (ENI) rose. [ORG! ENI] and [ORG ENI] fell.", "ORG:ENI",
         "spelled out in lower case, also a name of the lists goes; not one a code follows");
    CASE("Consumer price index (CPI) data. [MISC CPI] rose.", "MISC:CPI", "MISC stays");
    CASE("[ORG IPO] plans || Twitter filed for an initial public offering (IPO). Its [ORG IPO] "
         "priced.",
         "", "over the fields: the title's mention goes by the body's definition");
    CASE("[ORG IPO Holdings] rose. An initial public offering (IPO) follows.", "ORG:IPO Holdings",
         "a longer name stays");

    CASE("The [ORG IPO] priced late, said [ORG QE] [ORG Holdings]. [ORG IPOs] too.", "ORG:Holdings",
         "an acronym of the model's list goes without the article's word for it");
    CASE("Quantitative Easing (QE) Ltd said [ORG QE] rose.", "ORG:QE",
         "unless the article spells it out in capitals");
    CASE("The [ORG AAA] said so.", "ORG:AAA", "or the lists know it as an organisation too");

    etag_lexicon empty = {0};
    run(&empty, "Teams from the [ORG NCAA] and other [ORG NCAAs] events.", got, sizeof got);
    ok(strcmp(got, "") == 0, "without a gazetteer no acronym is known as a name");
    etag_lexicon_builder_free(&b);
    np_buf_free(&kb);
    return done_testing();
}
