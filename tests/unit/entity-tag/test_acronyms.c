/* Acronyms an article uses as common nouns (acronyms.c), on spans written here as a model
 * would give them, with a gazetteer of a few names built here: spelled out in lower case,
 * after "a" or "an" and before a stop or function word, or in the plural, or in the model's
 * list, an acronym's one-token ORG, PER and LOC spans go, over the whole article; MISC, names
 * spelled out in capitals, names a code follows, and the lists' organisations and places used
 * so stay. */
#include <string.h>

#include "../tap.h"
#include "acronyms.h"
#include "feature.h"
#include "labels.h"
#include "tokenize.h"

#define MAXF 2
#define MAXS 16

/* Parses "[TYPE words] ... || field 2 ..." ("[ORG! X]": a code follows X) into fields'
 * texts and spans, drops the common acronyms, and renders the spans kept as "TYPE:text"
 * joined by "|". */
static void run(const etag_lexicon *gaz, const char *spec, char *out, size_t cap)
{
    char text[MAXF][512];
    size_t len[MAXF] = {0};
    struct {
        size_t b0, b1;
    } raw[MAXF][MAXS];
    size_t nraw[MAXF] = {0};
    etag_span spans[MAXF][MAXS];
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
            int coded = sp[-1] == '!';
            spans[f][nraw[f]] = (etag_span){
                0, 0, etag_type_parse(p + 1, (size_t)(sp - p - 1 - coded)), 0, (uint32_t)coded};
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
    etag_mention_field mf[MAXF];
    np_buf scratch = {0};
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
            spans[f][s].first = first;
            spans[f][s].n = last - first + 1;
        }
        mf[f] = (etag_mention_field){text[f], len[f], tok[f].t, spans[f], nraw[f], tok[f].n};
    }
    etag_common_acronyms(gaz, &scratch, mf, nf);
    out[0] = '\0';
    size_t o = 0;
    for (int f = 0; f < nf; f++)
        for (size_t s = 0; s < mf[f].n; s++) {
            const etag_span *sp = &mf[f].spans[s];
            size_t b0 = tok[f].t[sp->first].start, b1 = tok[f].t[sp->first + sp->n - 1].end;
            int k = snprintf(out + o, cap - o, "%s%s:%.*s", o ? "|" : "", etag_type_name(sp->type),
                             (int)(b1 - b0), text[f] + b0);
            if (k < 0 || (size_t)k >= cap - o) break;
            o += (size_t)k;
        }
    for (int f = 0; f < nf; f++) np_tokens_free(&tok[f]);
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
