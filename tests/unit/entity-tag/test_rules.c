/* MONEY / PERCENT / DATE rules, BILOU span conversion and label constraints. */
#include <string.h>

#include "tap.h"
#include "conll.h"
#include "labels.h"
#include "rules.h"
#include "tokenize.h"

/* Runs the rules on s and renders "TYPE:text|TYPE:text". */
static void render(const char *s, char *out, size_t cap)
{
    np_tokens t = {0};
    etag_span sp[256];
    out[0] = '\0';
    if (np_tokenize(s, strlen(s), &t) < 0 || t.n > 256) return;
    size_t n = etag_rules(s, t.t, t.n, sp), o = 0;
    for (size_t i = 0; i < n; i++) {
        const np_token *a = &t.t[sp[i].first], *b = &t.t[sp[i].first + sp[i].n - 1];
        int k = snprintf(out + o, cap - o, "%s%s:%.*s", i ? "|" : "", etag_type_name(sp[i].type),
                         (int)(b->end - a->start), s + a->start);
        if (k < 0 || (size_t)k >= cap - o) break;
        o += (size_t)k;
    }
    np_tokens_free(&t);
}

static const struct {
    const char *in, *want;
} cases[] = {
    {"which wiped $1.1 trillion off", "MONEY:$1.1 trillion"},
    {"raised 20 million euros and HK$5 billion", "MONEY:20 million euros|MONEY:HK$5 billion"},
    {"paid \xe2\x82\xac"
     "300 million",
     "MONEY:\xe2\x82\xac"
     "300 million"},
    {"a 5 billion Hong Kong dollars deal", "MONEY:5 billion Hong Kong dollars"},
    {"gaining 2.2% and rising 3 percent", "PERCENT:2.2%|PERCENT:3 percent"},
    {"up 4 per cent, 2 percentage points", "PERCENT:4 per cent|PERCENT:2 percentage points"},
    {"on Wednesday\xe2\x80\x99s meeting", "DATE:Wednesday"},
    {"on July 12, 2023 and 12 July 2023", "DATE:July 12, 2023|DATE:12 July 2023"},
    {"signalled last week that a crackdown that began in late 2020",
     "DATE:last week|DATE:late 2020"},
    {"in the second quarter of 2023", "DATE:the second quarter of 2023"},
    {"softened since December", "DATE:December"},
    {"BRUSSELS 1996-08-22", "DATE:1996-08-22"},
    {"sales in 2020 rose", "DATE:2020"},
    {"you may go", ""},
    {"In May shares rose", "DATE:May"},
    {"he scored 2020 points", ""},
    {"", ""},
};

int main(void)
{
    char got[1024];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        render(cases[i].in, got, sizeof got);
        if (!ok(strcmp(got, cases[i].want) == 0, "rules: %s -> %s", cases[i].in, cases[i].want))
            printf("#   got: %s\n", got);
    }

    /* BILOU -> spans, tolerant of broken sequences */
    uint8_t lab[] = {ETAG_O,
                     (uint8_t)etag_label(ETAG_PER, ETAG_B),
                     (uint8_t)etag_label(ETAG_PER, ETAG_L),
                     (uint8_t)etag_label(ETAG_ORG, ETAG_U),
                     (uint8_t)etag_label(ETAG_LOC, ETAG_B),
                     (uint8_t)etag_label(ETAG_LOC, ETAG_I),
                     ETAG_O,
                     (uint8_t)etag_label(ETAG_MISC, ETAG_I)};
    etag_span sp[8];
    size_t n = etag_labels_to_spans(lab, 8, sp);
    ok(n == 4, "4 spans from a BILOU sequence with a broken entity (got %zu)", n);
    ok(n >= 1 && sp[0].first == 1 && sp[0].n == 2 && sp[0].type == ETAG_PER, "B-PER L-PER");
    ok(n >= 2 && sp[1].first == 3 && sp[1].n == 1 && sp[1].type == ETAG_ORG, "U-ORG");
    ok(n >= 3 && sp[2].first == 4 && sp[2].n == 2 && sp[2].type == ETAG_LOC,
       "B-LOC I-LOC O: closed where it breaks");
    ok(n >= 4 && sp[3].first == 7 && sp[3].n == 1 && sp[3].type == ETAG_MISC,
       "a stray I-MISC at the end is one entity");

    ok(etag_label_allowed(ETAG_O, etag_label(ETAG_PER, ETAG_B)), "O -> B allowed");
    ok(!etag_label_allowed(ETAG_O, etag_label(ETAG_PER, ETAG_I)), "O -> I not allowed");
    ok(!etag_label_allowed(etag_label(ETAG_PER, ETAG_B), etag_label(ETAG_ORG, ETAG_L)),
       "B-PER -> L-ORG not allowed");
    ok(!etag_label_allowed(etag_label(ETAG_PER, ETAG_B), ETAG_O), "B -> O not allowed");
    ok(etag_label_allowed(etag_label(ETAG_PER, ETAG_L), etag_label(ETAG_PER, ETAG_U)),
       "L -> U allowed");
    ok(etag_type_parse("PERCENT", 7) == ETAG_PERCENT && etag_type_parse("PERC", 4) < 0,
       "type names parse");
    return done_testing();
}
