/* Which company a name means (see mention.h): evidence read across the whole article,
 * after the scans and before emit.c groups the mentions. A one-word name goes to the
 * company the article names in full with that first word ("Hyundai Motor Co ... Hyundai
 * said" is Hyundai Motor, not Hyundai Corp, whatever the listings' priors say). */
#include <stdlib.h>

#include "mention.h"

typedef struct tl_fullname {
    uint64_t word; /* the first word's hash */
    uint32_t issuer;
} fullname;

static int cmp_fullname(const void *x, const void *y)
{
    const fullname *a = x, *b = y;
    if (a->word != b->word) return a->word < b->word ? -1 : 1;
    return (a->issuer > b->issuer) - (a->issuer < b->issuer);
}

/* A name of several words, or one with its legal form ("Hyundai Motor Co", "Frey SA"):
 * the article's full name of a company. */
static int full_name(const tl_mention *m)
{
    return m->method == M_NAME && !m->dead && m->issuer != TL_NONE && (!m->single || m->suffix);
}

int tl_choose(tl_linker *L, int32_t day)
{
    size_t n = 0;
    for (size_t k = 0; k < L->nm; k++) n += full_name(&L->m[k]);
    if (!n) return 0;
    if (n > L->fncap) {
        fullname *p = realloc(L->fn, n * sizeof *p);
        if (!p) return -1;
        L->fn = p;
        L->fncap = n;
    }
    size_t nf = 0;
    for (size_t k = 0; k < L->nm; k++)
        if (full_name(&L->m[k])) L->fn[nf++] = (fullname){L->m[k].word, L->m[k].issuer};
    qsort(L->fn, nf, sizeof *L->fn, cmp_fullname);
    /* A one-word name without a legal form, not curated as the company's own ("+Boeing"):
     * when the article names one company in full with this first word, it is that one;
     * several others and not its own, none. */
    for (size_t k = 0; k < L->nm; k++) {
        tl_mention *m = &L->m[k];
        if (m->method != M_NAME || m->dead || !m->single || m->suffix || m->curated == 2) continue;
        size_t lo = 0, hi = nf;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (L->fn[mid].word < m->word)
                lo = mid + 1;
            else
                hi = mid;
        }
        uint32_t other = TL_NONE;
        int others = 0, own = 0;
        for (size_t q = lo; q < nf && L->fn[q].word == m->word; q++) {
            if (q > lo && L->fn[q].issuer == L->fn[q - 1].issuer) continue;
            if (L->fn[q].issuer == m->issuer) {
                own = 1;
            } else {
                other = L->fn[q].issuer;
                others++;
            }
        }
        if (own || !others) continue;
        /* The company meant was not listed then ("Citizens Financial Group", a year
         * before its offering): nothing to link, not the listed namesake. */
        if (others == 1 && tl_listed_on(L->table, other, day)) {
            m->issuer = other;
            m->ambiguous = 0;
            m->weak = 0;
        } else {
            m->dead = 1;
        }
    }
    return 0;
}
