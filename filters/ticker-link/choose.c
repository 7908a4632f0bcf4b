/* Which company a name means (see mention.h): evidence read across the whole article,
 * after the scans and before emit.c groups the mentions. A one-word name goes to the
 * company the article names in full with that first word ("Hyundai Motor Co ... Hyundai
 * said" is Hyundai Motor, not Hyundai Corp, whatever the listings' priors say); a smaller
 * company's one-word name the article places in another country is another company. */
#include <stdlib.h>
#include <string.h>

#include "mention.h"
#include "normalize.h"
#include "words.h"

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
 * the article's full name of a company. Not a national unit named after its parent
 * ("Telefonica Brasil", "Vodafone Egypt"): "Telefonica" beside it is the parent. */
static int full_name(const tl_mention *m)
{
    return m->method == M_NAME && !m->dead && m->issuer != TL_NONE && (!m->single || m->suffix) &&
           (m->single || (!tl_word_nation(m->word2) && !tl_word_in(TL_W_COUNTRY, m->word2)));
}

/* Drops the name mentions (one-word ones only, with single_only) of the issuers gone[0..n),
 * except an issuer a code in the article names: the code says it is meant. */
static void drop_names(tl_linker *L, uint32_t *gone, size_t n, int single_only)
{
    if (!n) return;
    for (size_t k = 0; k < L->nm; k++)
        if (L->m[k].listing != TL_NONE)
            for (size_t g = 0; g < n; g++)
                if (gone[g] == L->m[k].issuer) gone[g] = TL_NONE;
    for (size_t k = 0; k < L->nm; k++) {
        tl_mention *m = &L->m[k];
        if (m->method != M_NAME || (single_only && !m->single)) continue;
        for (size_t g = 0; g < n; g++)
            if (gone[g] == m->issuer) m->dead = 1;
    }
}

/* A smaller company's one-word name (prior below TL_PRIOR_STRONG_NAME, not curated strong)
 * that the article places in a country where the company has neither a listing nor its
 * seat ("Swiss private bank Frey" is not Frey SA of Paris, "Canada's Paladin" not Paladin
 * of Hong Kong) is another company of that name: none of its one-word mentions link,
 * unless a code in the article names it. Not for companies listed in the US: the seat the
 * US sources give is often not the company's home ("Britain's GlaxoSmithKline Plc"). */
static void drop_foreign(tl_linker *L)
{
    const tl_table *T = L->table;
    uint32_t gone[8];
    size_t ngone = 0;
    for (size_t k = 0; k < L->nm && ngone < 8; k++) {
        const tl_mention *m = &L->m[k];
        if (m->method != M_NAME || m->dead || !m->single || !m->nation || m->curated == 2 ||
            m->issuer == TL_NONE || T->iss[m->issuer].prior >= TL_PRIOR_STRONG_NAME ||
            tl_issuer_in_country(T, m->issuer, m->nation) ||
            tl_issuer_in_country(T, m->issuer, "US"))
            continue;
        gone[ngone++] = m->issuer;
    }
    drop_names(L, gone, ngone, 1);
}

/* Whether the display name of issuer "is" opens with the word of hash w. */
static int named_first(const tl_table *T, uint32_t is, uint64_t w)
{
    const char *s = T->iss[is].name;
    size_t n = strcspn(s, " ,.-");
    char fold[64];
    size_t f = tl_fold_word(s, n, fold, sizeof fold);
    return f && tl_word_hash(fold, f) == w;
}

/* A name several issuers answer to, which the article places in a country ("India's United
 * Breweries": United Breweries Ltd of Mumbai, and Chile's CCU by the English name the SEC
 * gives it) is the candidate of that country when the one the listings' priors chose is of
 * another and named otherwise. Not between companies of the name ("Indian mining firm
 * Vedanta ( VED.L )" is Vedanta Resources of London, not its Indian unit Vedanta Ltd). */
static void prefer_national(tl_linker *L)
{
    const tl_table *T = L->table;
    for (size_t k = 0; k < L->nm; k++) {
        tl_mention *m = &L->m[k];
        if (m->method != M_NAME || m->dead || !m->nation || m->issuer == TL_NONE ||
            m->alias_count < 2 || tl_issuer_in_country(T, m->issuer, m->nation) ||
            named_first(T, m->issuer, m->word))
            continue;
        for (uint32_t a = m->alias_first; a < m->alias_first + m->alias_count; a++) {
            uint32_t is = T->names.alias[a].issuer;
            if (is != m->issuer && !(T->names.alias[a].flags & TL_KEY_WEAK) &&
                tl_issuer_in_country(T, is, m->nation)) {
                m->issuer = is;
                m->ambiguous = 0;
                break;
            }
        }
    }
}

/* A weak one-word name the article places in the company's own country ("Switzerland's
 * ABB", "German miner RWE", "Japan's Nissan") is that company: the country supports it as
 * a context cue does. The counterpart of drop_foreign(). */
static void nation_support(tl_linker *L)
{
    const tl_table *T = L->table;
    for (size_t k = 0; k < L->nm; k++) {
        tl_mention *m = &L->m[k];
        if (m->method != M_NAME || m->dead || m->cue || m->issuer == TL_NONE) continue;
        /* A country's possessive ("Brazil's Vale") supports the names a context cue supports
         * when the country is the company's; a country no ISO code is known for, as before. */
        if (m->by_country && (!m->nation || tl_issuer_in_country(T, m->issuer, m->nation)))
            m->cue = 1;
        if (m->placeable && tl_issuer_in_country(T, m->issuer, m->nation)) m->cue = 1;
    }
}

/* A company the article writes as not listed, one whose offering is to come ("preparing to
 * take Hilton Worldwide public next year", "Twitter's planned IPO") or a private one
 * ("privately held Cox"), is not listed at the article's date: none of its names link,
 * unless a code in the article names it (the week an offering is priced, Reuters already
 * writes it). Whatever the table's dates say: an IPO year or no date at all does not tell
 * whether the article comes before the listing, and a private company of the name is
 * another company. */
static void drop_unlisted(tl_linker *L)
{
    uint32_t gone[8];
    size_t ngone = 0;
    for (size_t k = 0; k < L->nm && ngone < 8; k++) {
        const tl_mention *m = &L->m[k];
        if (m->method == M_NAME && !m->dead && m->unlisted && m->issuer != TL_NONE)
            gone[ngone++] = m->issuer;
    }
    drop_names(L, gone, ngone, 0);
}

int tl_choose(tl_linker *L, int32_t day)
{
    prefer_national(L);
    drop_foreign(L);
    drop_unlisted(L);
    nation_support(L);
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
