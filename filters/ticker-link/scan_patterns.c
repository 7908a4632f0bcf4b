/* The pattern pass (see mention.h): explicit codes found by patterns.c, resolved to
 * listings. A RIC is looked up as written; an exchange-prefixed symbol or a RIC root is
 * resolved with the company name written right before it when there is one (roots are not
 * always symbols, and symbols get reused), else as a symbol of that exchange. */
#include <string.h>

#include "mention.h"

/* The name mention that ends right before the pattern's opening parenthesis. Name mentions
 * of this field are L->m[first_m .. names_end), in text order: binary search. */
static const tl_mention *adjacent_name(const tl_linker *L, size_t first_m, size_t names_end,
                                       const char *s, uint32_t open)
{
    size_t lo = first_m, hi = names_end;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (L->m[mid].b1 <= open)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == first_m) return NULL;
    const tl_mention *m = &L->m[lo - 1];
    for (uint32_t b = m->b1; b < open; b++)
        if (s[b] != ' ' && s[b] != '\t' && s[b] != ',') return NULL;
    return m;
}

static const char *const us_mics[] = {"XNYS", "XNAS", "XASE", "ARCX", "BATS", "OTCM"};

int tl_scan_patterns(tl_linker *L, int field, const char *s, size_t n, const tl_zone *z, size_t nz,
                     size_t first_m, int32_t day)
{
    size_t names_end = L->nm; /* this field's name mentions are [first_m, names_end) */
    const tl_table *T = L->table;
    if (tl_find_patterns(s, n, &L->pats)) return -1;
    size_t cp = 0, at = 0;
    for (size_t k = 0; k < L->pats.n; k++) {
        const tl_pattern *p = &L->pats.p[k];
        if (p->unlisted || tl_in_zone(z, nz, p->b0)) continue;
        /* Code-point offsets, counted incrementally (patterns come in text order). */
        while (at < p->b0) cp += ((unsigned char)s[at++] & 0xC0) != 0x80;
        size_t cp0 = cp, cp1 = cp;
        for (size_t b = p->b0; b < p->b1; b++) cp1 += ((unsigned char)s[b] & 0xC0) != 0x80;
        uint32_t li = TL_NONE, issuer = TL_NONE;
        if (p->kind == TL_PAT_RIC) {
            li = tl_find_ric(T, p->ric, p->ric_len, day);
        }
        if (li == TL_NONE && p->exch) {
            const tl_mention *nm = adjacent_name(L, first_m, names_end, s, p->open);
            uint32_t by_name = nm ? tl_listing_of_name(T, nm->alias_first, nm->alias_count,
                                                       p->exch->mic, day, &issuer)
                                  : TL_NONE;
            uint32_t by_sym = tl_find_root(T, p->exch->mic, p->sym, p->sym_len, day, TL_NONE);
            /* The name written right before the code decides when both exist: RIC roots
             * are not always symbols, and symbols get reused. */
            li = by_name != TL_NONE ? by_name : by_sym;
        }
        if (li == TL_NONE && p->kind == TL_PAT_CASHTAG) {
            for (size_t u = 0; u < sizeof us_mics / sizeof *us_mics && li == TL_NONE; u++)
                li = tl_find_symbol(T, us_mics[u], p->sym, p->sym_len, day, TL_NONE);
        }
        tl_mention *m = tl_new_mention(L);
        if (!m) return -1;
        m->method = p->kind == TL_PAT_RIC        ? M_RIC
                    : p->kind == TL_PAT_EXCHANGE ? M_EXCHANGE
                                                 : M_CASHTAG;
        m->field = (uint8_t)field;
        m->b0 = p->b0;
        m->b1 = p->b1;
        m->cp0 = (uint32_t)cp0;
        m->cp1 = (uint32_t)cp1;
        m->listing = li;
        m->issuer = li != TL_NONE ? T->lst[li].issuer : TL_NONE;
        m->sym = p->sym;
        m->sym_len = (uint16_t)p->sym_len;
        m->ric = p->ric;
        m->ric_len = (uint16_t)p->ric_len;
        m->exch = p->exch;
    }
    return 0;
}
