/* Names typed by the noun before them (nouns.c), on one span written here as a model would
 * give it: ORG after an organisation's noun or "analyst at", PER after a person's noun, LOC
 * after "city of" and such, and the guards (without a gazetteer: no place is known). */
#include <string.h>

#include "tap.h"
#include "labels.h"
#include "nouns.h"
#include "tokenize.h"

/* Tokenizes s, makes a span of type ty over the first occurrence of name, retypes it and
 * returns its type's name (or "none" when name is not on token boundaries). */
static const char *run(const char *s, const char *name, int ty)
{
    np_tokens t = {0};
    const char *res = "none";
    const char *at = strstr(s, name);
    if (!at || np_tokenize(s, strlen(s), &t) < 0) return res;
    size_t b0 = (size_t)(at - s), b1 = b0 + strlen(name);
    uint32_t first = UINT32_MAX, last = 0;
    for (size_t i = 0; i < t.n; i++)
        if (t.t[i].start >= b0 && t.t[i].end <= b1) {
            if (first == UINT32_MAX) first = (uint32_t)i;
            last = (uint32_t)i;
        }
    if (first != UINT32_MAX) {
        etag_span sp = {first, last - first + 1, ty, 0, 0};
        etag_lexicon empty = {0};
        np_buf scratch = {0};
        etag_noun_type(&empty, &scratch, s, strlen(s), t.t, &sp);
        np_buf_free(&scratch);
        res = etag_type_name(sp.type);
    }
    np_tokens_free(&t);
    return res;
}

#define CASE(s, name, ty, want)                                                                    \
    do {                                                                                           \
        const char *got_ = run(s, name, ty);                                                       \
        if (!ok(strcmp(got_, want) == 0, "%s: %s -> %s", s, name, want))                           \
            printf("#   got: %s\n", got_);                                                         \
    } while (0)

int main(void)
{
    CASE("a partner at law firm Morrison Foerster said", "Morrison Foerster", ETAG_PER, "ORG");
    CASE("national carrier Gulf Air flew", "Gulf Air", ETAG_MISC, "ORG");
    CASE("the Islamist group Boko Haram", "Boko Haram", ETAG_PER, "ORG");
    CASE("took a firm German position", "German", ETAG_MISC, "MISC");
    CASE("he left the firm Smith founded", "Smith", ETAG_PER, "PER");
    CASE("the aircraft carrier Enterprise", "Enterprise", ETAG_LOC, "LOC");
    CASE("games maker Peter Molyneux", "Peter Molyneux", ETAG_PER, "PER");
    CASE("law firm Morrison Foerster", "Morrison Foerster", ETAG_ORG, "ORG");

    CASE("Chart-topping pop band Busted have", "Busted", ETAG_MISC, "ORG");
    CASE("he plays for Scottish club Hibernian now", "Hibernian", ETAG_MISC, "ORG");
    CASE("the French magazine Charlie Hebdo", "Charlie Hebdo", ETAG_PER, "ORG");
    CASE("the magazine Charlie Hebdo", "Charlie Hebdo", ETAG_PER, "PER");

    CASE("pop singer Delta Goodrem won", "Delta Goodrem", ETAG_ORG, "PER");
    CASE("to his wife Jan and", "Jan", ETAG_MISC, "PER");
    CASE("whose father Jos raced", "Jos", ETAG_LOC, "PER");
    CASE("its UK sister Vauxhall", "Vauxhall", ETAG_LOC, "LOC");
    CASE("singer Rihanna", "Rihanna", ETAG_PER, "PER");

    CASE("the city of Ferguson said", "Ferguson", ETAG_ORG, "LOC");
    CASE("on the island of La Reunion", "La Reunion", ETAG_ORG, "LOC");
    CASE("the village of Lago Agrio", "Lago Agrio", ETAG_PER, "LOC");
    CASE("the true state of Parmalat", "Parmalat", ETAG_ORG, "ORG");
    CASE("a city of Italian immigrants", "Italian", ETAG_MISC, "MISC");

    CASE("wrote Richard Aboulafia, analyst at Teal Group in Fairfax", "Teal Group", ETAG_LOC,
         "ORG");
    CASE("a bond strategist at Miller Tabak said", "Miller Tabak", ETAG_PER, "ORG");
    CASE("a trader at Bernard Madoff's firm", "Bernard Madoff", ETAG_PER, "PER");
    CASE("market analyst at Italian broker IG", "Italian", ETAG_MISC, "MISC");
    CASE("strategist at Chicago-based Northern Trust", "Chicago-based", ETAG_MISC, "MISC");
    CASE("said Paul Myers, chief executive of Wippit, a music firm", "Wippit", ETAG_LOC, "ORG");
    CASE("he was an early investor in Pinterest and", "Pinterest", ETAG_LOC, "ORG");
    CASE("it may re-list its stake in German HVB", "German", ETAG_MISC, "MISC");
    CASE("the capital of Wippit", "Wippit", ETAG_LOC, "LOC");
    CASE("funds fell, according to Lipper. That", "Lipper", ETAG_LOC, "ORG");
    CASE("fell, according to BrightScope, which", "BrightScope", ETAG_MISC, "ORG");
    CASE("according to Mauritanian news agency Al Akhbar", "Mauritanian", ETAG_LOC, "LOC");
    CASE("according to Kim Hyoung-june, the", "Kim Hyoung-june", ETAG_PER, "PER");
    CASE("acting chief executive officer of Petofi, said", "Petofi", ETAG_ORG, "ORG");
    CASE("acting chief executive officer of Petofi, said", "Petofi", ETAG_PER, "ORG");
    CASE("the former manager of Johnny Cash", "Johnny Cash", ETAG_PER, "PER");
    CASE("a report in the news weekly Der Spiegel", "Der Spiegel", ETAG_PER, "ORG");
    CASE("he looked at Miller Tabak", "Miller Tabak", ETAG_PER, "PER");
    CASE("law firm\tMorrison Foerster", "Morrison Foerster", ETAG_PER, "PER");
    CASE("Morrison Foerster", "Morrison Foerster", ETAG_PER, "PER");

    CASE("he landed at Ben Gurion airport on", "Ben Gurion", ETAG_PER, "LOC");
    CASE("Kennedy airport reopened", "Kennedy", ETAG_ORG, "LOC");
    CASE("at a Turkish airport", "Turkish", ETAG_MISC, "MISC");
    CASE("the Kennedy airports", "Kennedy", ETAG_PER, "PER");
    CASE("Kennedy airportlike", "Kennedy", ETAG_PER, "PER");
    CASE("the benchmark IPC index rose", "IPC", ETAG_ORG, "MISC");
    CASE("the DAX index closed", "DAX", ETAG_MISC, "MISC");
    CASE("the Dow Jones index closed", "Dow Jones", ETAG_PER, "PER");
    CASE("the S&P indexes", "S&P", ETAG_ORG, "ORG");
    return done_testing();
}
