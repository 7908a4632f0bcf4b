/* Building and probing the name index (see matcher.h). */
#include "matcher.h"

#include <stdlib.h>
#include <string.h>

struct tl_pending {
    uint64_t key;
    tl_alias a;
    uint64_t first_word;
    uint8_t blocked;
};

int tl_matcher_add(tl_matcher_builder *b, const tl_name_key *k, const tl_alias *a, int blocked)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        struct tl_pending *p = realloc(b->p, cap * sizeof *p);
        if (!p) return -1;
        b->p = p;
        b->cap = cap;
    }
    struct tl_pending *e = &b->p[b->n++];
    e->key = k->key;
    e->a = *a;
    e->a.flags = k->flags | a->flags;
    e->a.nwords = k->nwords;
    e->first_word = k->words[0];
    e->blocked = (uint8_t)(blocked != 0);
    if (blocked) return 0;
    /* Every proper prefix of the name becomes a continuation key. */
    if (b->np + k->nwords > b->pcap) {
        size_t cap = b->pcap ? b->pcap * 2 : 4096;
        while (cap < b->np + k->nwords) cap *= 2;
        uint64_t *p = realloc(b->prefixes, cap * sizeof *p);
        if (!p) return -1;
        b->prefixes = p;
        b->pcap = cap;
    }
    uint64_t key = TL_KEY_SEED;
    for (size_t i = 0; i + 1 < k->nwords; i++) {
        key = tl_key_step(key, k->words[i]);
        b->prefixes[b->np++] = key;
    }
    return 0;
}

static int cmp_pending(const void *x, const void *y)
{
    const struct tl_pending *a = x, *b = y;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    if (a->a.issuer != b->a.issuer) return a->a.issuer < b->a.issuer ? -1 : 1;
    if (a->blocked != b->blocked) return a->blocked > b->blocked ? -1 : 1; /* blocks first */
    if (a->a.curated != b->a.curated) return a->a.curated > b->a.curated ? -1 : 1;
    return 0;
}

static tl_slot *probe(tl_slot *slot, size_t mask, uint64_t key)
{
    size_t i = (size_t)(key ^ (key >> 31)) & mask;
    while (slot[i].key && slot[i].key != key) i = (i + 1) & mask;
    return &slot[i];
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

int tl_matcher_reserve(tl_matcher_builder *b, size_t aliases, size_t prefixes)
{
    if (aliases > b->cap) {
        struct tl_pending *p = realloc(b->p, aliases * sizeof *p);
        if (!p) return -1;
        b->p = p;
        b->cap = aliases;
    }
    if (prefixes > b->pcap) {
        uint64_t *p = realloc(b->prefixes, prefixes * sizeof *p);
        if (!p) return -1;
        b->prefixes = p;
        b->pcap = prefixes;
    }
    return 0;
}

int tl_matcher_build(tl_matcher_builder *b, tl_matcher *m)
{
    memset(m, 0, sizeof *m);
    if (b->n) qsort(b->p, b->n, sizeof *b->p, cmp_pending);
    /* Many names share prefixes ("China", "First"): count each once when sizing. */
    if (b->np) qsort(b->prefixes, b->np, sizeof *b->prefixes, cmp_u64);
    size_t np = 0;
    for (size_t k = 0; k < b->np; k++)
        if (np == 0 || b->prefixes[np - 1] != b->prefixes[k]) b->prefixes[np++] = b->prefixes[k];
    b->np = np;
    size_t need = b->n + b->np + b->n / 2 + 16, cap = 64;
    while (cap < need) cap *= 2;
    m->slot = calloc(cap, sizeof *m->slot);
    m->alias = malloc((b->n ? b->n : 1) * sizeof *m->alias);
    m->first_mask = (1u << 20) - 1;
    m->first_bits = calloc((m->first_mask + 1) / 64, sizeof(uint64_t));
    if (!m->slot || !m->alias || !m->first_bits) {
        tl_matcher_free(m);
        tl_matcher_builder_free(b);
        return -1;
    }
    m->mask = cap - 1;
    /* One alias per (key, issuer): a block removes it, a curated alias wins over a
     * derived one, and a derived strong form wins over a weak one. */
    size_t i = 0;
    while (i < b->n) {
        size_t j = i;
        while (j < b->n && b->p[j].key == b->p[i].key && b->p[j].a.issuer == b->p[i].a.issuer) j++;
        if (!b->p[i].blocked) {
            /* Sorted with the highest curation level first: "+"/"=" (2) beats "~" (1)
             * beats derived names (0); among derived forms, a strong one wins. */
            tl_alias best = b->p[i].a;
            /* "+" makes a name strong as written. "+News Corp" was written with its legal
             * form, which the key drops: when the importer marked the word weak for this
             * issuer ("~News Corporation", a common word's name), the word stays weak.
             * "News of the deal" is no News Corp; "News Corp" in the text supports it. */
            if (best.with_form)
                for (size_t k = i + 1; k < j; k++)
                    if (b->p[k].a.curated == 1 && (b->p[k].a.flags & TL_KEY_WEAK)) {
                        best = b->p[k].a;
                        break;
                    }
            if (!best.curated)
                for (size_t k = i + 1; k < j; k++)
                    if (!(b->p[k].a.flags & TL_KEY_WEAK)) best.flags &= (uint8_t)~TL_KEY_WEAK;

            uint64_t key = b->p[i].key;
            tl_slot *s = probe(m->slot, m->mask, key ? key : 1);
            if (!s->key) {
                s->key = key ? key : 1;
                s->first = (uint32_t)m->n_alias;
            }
            /* Aliases of one key are contiguous because the pending list is sorted. */
            s->count++;
            m->alias[m->n_alias++] = best;
            uint64_t w = b->p[i].first_word;
            size_t bit = (size_t)(w >> 7) & m->first_mask;
            m->first_bits[bit >> 6] |= 1ULL << (bit & 63);
        }
        i = j;
    }
    for (size_t k = 0; k < b->np; k++) {
        uint64_t key = b->prefixes[k] ? b->prefixes[k] : 1;
        tl_slot *s = probe(m->slot, m->mask, key);
        if (!s->key) {
            s->key = key;
            s->first = 0;
        }
        s->prefix = 1;
    }
    tl_matcher_builder_free(b);
    return 0;
}

const tl_slot *tl_matcher_find(const tl_matcher *m, uint64_t key)
{
    if (!m->slot) return NULL;
    if (!key) key = 1;
    size_t i = (size_t)(key ^ (key >> 31)) & m->mask;
    while (m->slot[i].key) {
        if (m->slot[i].key == key) return &m->slot[i];
        i = (i + 1) & m->mask;
    }
    return NULL;
}

void tl_matcher_builder_free(tl_matcher_builder *b)
{
    free(b->p);
    free(b->prefixes);
    memset(b, 0, sizeof *b);
}

void tl_matcher_free(tl_matcher *m)
{
    free(m->slot);
    free(m->alias);
    free(m->first_bits);
    memset(m, 0, sizeof *m);
}
