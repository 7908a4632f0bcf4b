/* Listing lookups (see lookup.h). */
#include "lookup.h"

#include <string.h>

int tl_valid_at(const tl_listing *l, int32_t day)
{
    if (day == INT32_MIN) return l->to == TL_DAY_MAX;
    return l->from <= day && day <= l->to;
}

int tl_listed_on(const tl_table *T, uint32_t is, int32_t day)
{
    const tl_issuer *I = &T->iss[is];
    for (uint32_t li = I->first; li < I->first + I->count; li++)
        if (tl_valid_at(&T->lst[li], day)) return 1;
    return 0;
}

int tl_alias_rank(const tl_table *T, const tl_alias *a, int32_t day)
{
    return (tl_listed_on(T, a->issuer, day) ? 2000 : 0) + (a->curated == 2 ? 1000 : 0) +
           T->iss[a->issuer].prior;
}

typedef struct {
    const tl_table *T;
    int32_t day;
    uint32_t best;
    int best_rank;
    uint32_t want_issuer; /* TL_NONE: any */
} find_ctx;

static int consider(void *arg, uint32_t li)
{
    find_ctx *c = arg;
    const tl_listing *l = &c->T->lst[li];
    if (c->want_issuer != TL_NONE && l->issuer != c->want_issuer) return 0;
    int rank = (tl_valid_at(l, c->day) ? 4 : 0) + (l->to == TL_DAY_MAX ? 2 : 0) + l->primary;
    if (rank > c->best_rank) {
        c->best = li;
        c->best_rank = rank;
    }
    return 0;
}

uint32_t tl_find_symbol(const tl_table *T, const char *mic, const char *sym, size_t n, int32_t day,
                        uint32_t want_issuer)
{
    find_ctx c = {T, day, TL_NONE, -1, want_issuer};
    tl_table_each_symbol(T, mic, sym, n, consider, &c);
    /* A listing valid at another date only counts when the article has no date. */
    if (c.best != TL_NONE && day != INT32_MIN && !tl_valid_at(&T->lst[c.best], day)) return TL_NONE;
    return c.best;
}

int tl_root_is_code(const char *root, size_t n)
{
    if (n == 0) return 0;
    for (size_t i = 0; i < n; i++)
        if (root[i] < '0' || root[i] > '9') return 0;
    return 1;
}

/* Per-exchange rules for roots that are not the symbol as written, from the conventions
 * of the exchanges' own codes (../shared/data/tickers/exchange-codes/SOURCE.md):
 *   Hong Kong   codes are four digits, zero-padded: "5.HK" is 0005;
 *   Germany     a preference share's code is the ordinary one's with "3" in place of the
 *               Reuters "G" of the "G_p" form: "VOWG_p" is VOW3, "BMWG_p" BMW3;
 *   Helsinki    Reuters roots keep the exchange's former "1V" ending ("UPM1V" is UPM,
 *               "KCR1V" KCR) when the exchange has dropped it.
 * Returns the listing, or TL_NONE. */
static uint32_t exchange_rule(const tl_table *T, const char *mic, const char *root, size_t n,
                              int32_t day, uint32_t want_issuer)
{
    const tl_exchange *x = tl_exchange_by_mic(mic, strlen(mic));
    char buf[24];
    if (!x || n >= sizeof buf - 1) return TL_NONE;
    if (!strcmp(x->canonical, "XHKG") && n < 4 && tl_root_is_code(root, n)) {
        size_t pad = 4 - n;
        memset(buf, '0', pad);
        memcpy(buf + pad, root, n);
        return tl_find_symbol(T, mic, buf, 4, day, want_issuer);
    }
    if (!strcmp(x->country, "DE") && n > 3 && !memcmp(root + n - 3, "G_p", 3)) {
        memcpy(buf, root, n - 3);
        buf[n - 3] = '3';
        return tl_find_symbol(T, mic, buf, n - 2, day, want_issuer);
    }
    if (!strcmp(x->canonical, "XHEL") && n > 2 && !memcmp(root + n - 2, "1V", 2))
        return tl_find_symbol(T, mic, root, n - 2, day, want_issuer);
    return TL_NONE;
}

/* Symbol spellings of a RIC root: "BRKa" -> BRK-A, BRK.A, BRKA; "DBKGn" -> DBK; and the
 * exchange rules above. */
uint32_t tl_find_root(const tl_table *T, const char *mic, const char *root, size_t n, int32_t day,
                      uint32_t want_issuer)
{
    uint32_t li = tl_find_symbol(T, mic, root, n, day, want_issuer);
    if (li != TL_NONE) return li;
    li = exchange_rule(T, mic, root, n, day, want_issuer);
    if (li != TL_NONE) return li;
    char buf[40];
    size_t base = n;
    while (base > 0 && ((root[base - 1] >= 'a' && root[base - 1] <= 'z') || root[base - 1] == '_'))
        base--;
    if (base == 0 || n >= 20) return TL_NONE;
    if (base < n) {
        char cls = root[n - 1];
        if (cls >= 'a' && cls <= 'z') cls = (char)(cls - 32);
        static const char seps[] = {'-', '.', 0};
        for (int k = 0; k < 3; k++) {
            size_t m = 0;
            memcpy(buf, root, base);
            m = base;
            if (seps[k]) buf[m++] = seps[k];
            buf[m++] = cls;
            li = tl_find_symbol(T, mic, buf, m, day, want_issuer);
            if (li != TL_NONE) return li;
        }
        li = tl_find_symbol(T, mic, root, base, day, want_issuer);
        if (li != TL_NONE) return li;
    }
    /* German RICs: the exchange symbol plus "G" ("BMWG" -> BMW, "DBKGn" -> DBK). Only on
     * German exchanges: "IPG.N" is Interpublic, never IP (International Paper). */
    const tl_exchange *x = tl_exchange_by_mic(mic, strlen(mic));
    if (base > 2 && root[base - 1] == 'G' && x && !strcmp(x->country, "DE")) {
        li = tl_find_symbol(T, mic, root, base - 1, day, want_issuer);
        if (li != TL_NONE) return li;
    }
    return TL_NONE;
}

typedef struct {
    const tl_table *T;
    int32_t day;
    uint32_t best;
    int best_rank;
} ric_ctx;

static int consider_ric(void *arg, uint32_t li)
{
    ric_ctx *c = arg;
    const tl_listing *l = &c->T->lst[li];
    int rank = (tl_valid_at(l, c->day) ? 4 : 0) + (l->to == TL_DAY_MAX ? 2 : 0) + l->primary;
    if (rank > c->best_rank) {
        c->best = li;
        c->best_rank = rank;
    }
    return 0;
}

uint32_t tl_class_listing(const tl_table *T, uint32_t li, const char *root, size_t n, int32_t day)
{
    if (n < 2 || root[n - 1] < 'a' || root[n - 1] > 'z' || root[n - 2] == '_') return li;
    const tl_listing *l = &T->lst[li];
    char cls = (char)(root[n - 1] - 32), buf[40];
    size_t sl = strlen(l->symbol), stem = sl;
    if (sl >= 3 && (l->symbol[sl - 2] == '-' || l->symbol[sl - 2] == '.')) stem = sl - 2;
    if (stem == 0 || stem + 2 > sizeof buf) return li;
    if (stem < sl && l->symbol[sl - 1] == cls) return li;
    static const char seps[] = {'-', '.'};
    for (int k = 0; k < 2; k++) {
        memcpy(buf, l->symbol, stem);
        buf[stem] = seps[k];
        buf[stem + 1] = cls;
        uint32_t c = tl_find_symbol(T, l->mic, buf, stem + 2, day, l->issuer);
        if (c != TL_NONE) return c;
    }
    return li;
}

/* Days before a listing's first day in which an article may already write its code: Reuters
 * gives a company its RIC when the offering is priced, days before trading starts ("Twitter
 * (TWTR.N)" on 1 November 2013, trading from the 7th). */
#define TL_CODE_LEAD_DAYS 31

uint32_t tl_find_ric(const tl_table *T, const char *ric, size_t n, int32_t day)
{
    ric_ctx c = {T, day, TL_NONE, -1};
    tl_table_each_ric(T, ric, n, consider_ric, &c);
    if (c.best == TL_NONE) return TL_NONE;
    const tl_listing *l = &T->lst[c.best];
    if (day == INT32_MIN || tl_valid_at(l, day) ||
        (day < l->from && (int64_t)l->from - day <= TL_CODE_LEAD_DAYS))
        return c.best;
    return TL_NONE;
}

/* Issuer is's best listing on the exchange with canonical MIC cm (shares before its notes,
 * preferreds and funds, then current, then still open, then primary), or, with in_country
 * set, on an exchange of the country of the exchange cm valid on day (shares, then
 * primary, then not over the counter). TL_NONE when it has none there. */
uint32_t tl_best_listing(const tl_table *T, uint32_t is, const tl_exchange *x, int in_country,
                         int32_t day)
{
    const tl_issuer *I = &T->iss[is];
    uint32_t best = TL_NONE;
    int best_rank = -1;
    for (uint32_t li = I->first; li < I->first + I->count; li++) {
        const tl_listing *l = &T->lst[li];
        const tl_exchange *lx = tl_exchange_by_mic(l->mic, strlen(l->mic));
        int rank;
        if (in_country) {
            if (!lx || strcmp(lx->country, x->country) != 0 || !tl_valid_at(l, day)) continue;
            rank = (TL_SEC_IS_EQUITY(l->type) ? 4 : 0) + l->primary * 2 +
                   (strcmp(l->mic, "OTCM") != 0);
        } else {
            if (strcmp(lx ? lx->canonical : l->mic, x->canonical) != 0) continue;
            rank = (TL_SEC_IS_EQUITY(l->type) ? 8 : 0) + (tl_valid_at(l, day) ? 4 : 0) +
                   (l->to == TL_DAY_MAX ? 2 : 0) + l->primary;
        }
        if (rank > best_rank) {
            best = li;
            best_rank = rank;
        }
    }
    return best;
}

/* The exchange with this MIC, or, for one we do not know, a stand-in that only its exact
 * MIC matches (it has no country). */
static const tl_exchange *exchange_or_own(const char *mic, tl_exchange *own)
{
    const tl_exchange *x = tl_exchange_by_mic(mic, strlen(mic));
    if (x) return x;
    memset(own, 0, sizeof *own);
    own->mic = own->canonical = mic;
    return own;
}

uint32_t tl_issuer_listing_near(const tl_table *T, uint32_t is, const char *mic, int32_t day)
{
    tl_exchange own;
    const tl_exchange *x = exchange_or_own(mic, &own);
    uint32_t li = tl_best_listing(T, is, x, 0, day);
    if (li == TL_NONE && x != &own) li = tl_best_listing(T, is, x, 1, day);
    return li;
}

/* A listing on this exchange of one of the name's candidate issuers; failing that, on
 * another exchange of its country: companies move between exchanges of one country
 * (PepsiCo and Honeywell from the NYSE to Nasdaq). */
uint32_t tl_listing_of_name(const tl_table *T, uint32_t alias_first, uint32_t alias_count,
                            const char *mic, int32_t day, uint32_t *issuer)
{
    tl_exchange own;
    const tl_exchange *x = exchange_or_own(mic, &own);
    int rounds = x == &own ? 1 : 2; /* an unknown exchange has no country */
    for (int in_country = 0; in_country < rounds; in_country++)
        for (uint32_t k = alias_first; k < alias_first + alias_count; k++) {
            uint32_t is = T->names.alias[k].issuer,
                     best = tl_best_listing(T, is, x, in_country, day);
            if (best != TL_NONE) {
                *issuer = is;
                return best;
            }
        }
    return TL_NONE;
}

/* Whether issuer is has a listing or its seat in the country iso; China and Hong Kong are
 * one ("China's Lenovo" is listed in Hong Kong). */
int tl_issuer_in_country(const tl_table *T, uint32_t is, const char *iso)
{
    const tl_issuer *I = &T->iss[is];
    int greater_china = !strcmp(iso, "CN") || !strcmp(iso, "HK");
    for (uint32_t li = I->first; li < I->first + I->count; li++) {
        const tl_listing *l = &T->lst[li];
        const tl_exchange *x = tl_exchange_by_mic(l->mic, strlen(l->mic));
        const char *cs[2] = {l->country, x ? x->country : ""};
        for (int c = 0; c < 2; c++)
            if (!strcmp(cs[c], iso) ||
                (greater_china && (!strcmp(cs[c], "CN") || !strcmp(cs[c], "HK"))))
                return 1;
    }
    return 0;
}
