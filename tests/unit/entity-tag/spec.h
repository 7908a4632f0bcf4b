/* Articles written as specs for the unit tests of the rules over an article's spans
 * (mentions.c, acronyms.c): "[TYPE words] text [TYPE words] || second field ...", each
 * bracket a span of the words as a model would give it; "[ORG! Airbus]" marks one a Reuters
 * code follows. */
#ifndef ETAG_TEST_SPEC_H
#define ETAG_TEST_SPEC_H

#include <stdio.h>
#include <string.h>

#include "labels.h"
#include "mentions.h"
#include "tokenize.h"

#define SPEC_MAXF 2
#define SPEC_MAXS 16

typedef struct {
    char text[SPEC_MAXF][512];
    np_tokens tok[SPEC_MAXF];
    etag_span spans[SPEC_MAXF][SPEC_MAXS];
    etag_mention_field f[SPEC_MAXF]; /* the fields, as the rules take them */
    int nf;
} spec_article;

/* Parses spec into *a (zeroed first): its fields' texts, tokens and spans. */
static inline void spec_parse(const char *spec, spec_article *a)
{
    struct {
        size_t b0, b1;
    } raw[SPEC_MAXF][SPEC_MAXS];
    size_t len[SPEC_MAXF] = {0}, nraw[SPEC_MAXF] = {0};
    memset(a, 0, sizeof *a);
    a->nf = 1;
    for (const char *p = spec; *p;) {
        int f = a->nf - 1;
        if (strncmp(p, " || ", 4) == 0) {
            a->nf++;
            p += 4;
            continue;
        }
        if (*p == '[') {
            const char *sp = strchr(p, ' '), *end = strchr(p, ']');
            int coded = sp[-1] == '!';
            a->spans[f][nraw[f]] = (etag_span){
                0, 0, etag_type_parse(p + 1, (size_t)(sp - p - 1 - coded)), 0, (uint32_t)coded};
            raw[f][nraw[f]].b0 = len[f];
            memcpy(a->text[f] + len[f], sp + 1, (size_t)(end - sp - 1));
            len[f] += (size_t)(end - sp - 1);
            raw[f][nraw[f]++].b1 = len[f];
            p = end + 1;
            continue;
        }
        a->text[f][len[f]++] = *p++;
    }
    for (int f = 0; f < a->nf; f++) {
        a->text[f][len[f]] = '\0';
        np_tokenize(a->text[f], len[f], &a->tok[f]);
        for (size_t s = 0; s < nraw[f]; s++) {
            uint32_t first = UINT32_MAX, last = 0;
            for (size_t i = 0; i < a->tok[f].n; i++)
                if (a->tok[f].t[i].start >= raw[f][s].b0 && a->tok[f].t[i].end <= raw[f][s].b1) {
                    if (first == UINT32_MAX) first = (uint32_t)i;
                    last = (uint32_t)i;
                }
            a->spans[f][s].first = first;
            a->spans[f][s].n = last - first + 1;
        }
        a->f[f] = (etag_mention_field){a->text[f],  len[f],  a->tok[f].t,
                                       a->spans[f], nraw[f], a->tok[f].n};
    }
}

/* Renders the fields' spans as "TYPE:text" joined by "|" into out[0..cap). */
static inline void spec_render(const spec_article *a, char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (int f = 0; f < a->nf; f++)
        for (size_t s = 0; s < a->f[f].n; s++) {
            const etag_span *sp = &a->f[f].spans[s];
            size_t b0 = a->tok[f].t[sp->first].start, b1 = a->tok[f].t[sp->first + sp->n - 1].end;
            int k = snprintf(out + o, cap - o, "%s%s:%.*s", o ? "|" : "", etag_type_name(sp->type),
                             (int)(b1 - b0), a->text[f] + b0);
            if (k < 0 || (size_t)k >= cap - o) break;
            o += (size_t)k;
        }
}

static inline void spec_free(spec_article *a)
{
    for (int f = 0; f < SPEC_MAXF; f++) np_tokens_free(&a->tok[f]);
}

#endif
