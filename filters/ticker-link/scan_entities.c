/* The entity pass (see mention.h): entity-tag's spans, read by entities.c. */
#include "mention.h"
#include "names.h"

/* Whether name mention m covers ORG span e but for a leading "the" and trailing legal
 * forms, possessives and punctuation: the ORG is then this name, not a body named after it. */
static int whole_span(const tl_linker *L, const tl_entity *e, const tl_mention *m)
{
    const tl_tok *t = L->toks.t;
    size_t nt = L->toks.n;
    static uint64_t the_h;
    if (!the_h) the_h = tl_word_hash("the", 3);
    size_t lo = 0, hi = nt;
    while (lo < hi) { /* the first token that ends after the span starts */
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].cp1 <= e->cp0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < nt && t[i].cp0 < e->cp1; i++) {
        if (t[i].cp0 >= m->cp0 && t[i].cp1 <= m->cp1) continue;
        if (t[i].cp1 <= m->cp0 && t[i].h == the_h) continue;
        if (t[i].cp0 >= m->cp1 && tl_is_legal_word(t[i].h)) continue;
        return 0;
    }
    return 1;
}

/* True when the word before mention m is "the". */
static int after_the(const tl_linker *L, const tl_mention *m)
{
    const tl_tok *t = L->toks.t;
    size_t lo = 0, hi = L->toks.n;
    while (lo < hi) { /* the first token that starts at or after the mention */
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].cp0 < m->cp0)
            lo = mid + 1;
        else
            hi = mid;
    }
    static uint64_t the_h;
    if (!the_h) the_h = tl_word_hash("the", 3);
    return lo > 0 && t[lo - 1].h == the_h;
}

int tl_scan_entities(tl_linker *L, int field, size_t first_m, size_t names_end)
{
    const tl_table *T = L->table;
    const tl_tok *t = L->toks.t;
    size_t nt = L->toks.n;
    static uint64_t the_h;
    if (!the_h) the_h = tl_word_hash("the", 3);
    for (size_t k = 0; k < L->ents.n; k++) {
        const tl_entity *e = &L->ents.e[k];
        if (e->field != field) continue;
        /* Name mentions inside the span: ORG supports them, PER and LOC veto weak ones. */
        int covered = 0;
        /* Name mentions are in text order: start at the first that ends after the span. */
        size_t q0 = first_m, q1 = names_end;
        while (q0 < q1) {
            size_t mid = q0 + (q1 - q0) / 2;
            if (L->m[mid].cp1 <= e->cp0)
                q0 = mid + 1;
            else
                q1 = mid;
        }
        for (size_t q = q0; q < names_end && L->m[q].cp0 < e->cp1; q++) {
            tl_mention *m = &L->m[q];
            if (m->field != field || m->method != M_NAME) continue;
            if (m->cp1 <= e->cp0 || m->cp0 >= e->cp1) continue;
            if (e->type == TL_ENT_ORG) {
                covered = 1;
                /* Only a brand name ("*") that is the whole organization ("Apple", "the
                 * Apple Inc") is made certain: inside a longer one ("European Union",
                 * "Ford Foundation") the ORG is another body, and a one-word name derived
                 * from a listing ("United", "Earth") needs more than being an ORG. */
                if ((!m->weak || m->orgable) && whole_span(L, e, m)) m->weak = 0;
            } else if ((e->type == TL_ENT_PER || e->type == TL_ENT_LOC) && m->cp0 >= e->cp0 &&
                       m->cp1 <= e->cp1 && (m->weak || m->single)) {
                /* A LOC that is exactly a strong company name ("France's Carrefour",
                 * "Safran") is the tagger's guess at an unknown word: places that are company
                 * names are weak names already. Inside a longer place ("Boeing Field") or
                 * after "the" ("the Amazon") it is the place. */
                if (e->type == TL_ENT_LOC && !m->weak && e->cp0 == m->cp0 && e->cp1 == m->cp1 &&
                    !after_the(L, m))
                    continue;
                m->dead = 1;
            }
        }
        if (e->type != TL_ENT_ORG || covered) continue;
        /* An ORG the dictionary scan did not find: look its words up as a whole name. */
        size_t lo = 0, hi = nt;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (t[mid].cp0 < e->cp0)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t b = lo, en = b;
        while (en < nt && t[en].cp1 <= e->cp1) en++;
        if (b < en && t[b].h == the_h) b++;
        while (en > b + 1 && tl_is_legal_word(t[en - 1].h)) en--;
        if (b >= en || en - b > TL_NAME_MAX_WORDS) continue;
        uint64_t key = TL_KEY_SEED;
        for (size_t q = b; q < en; q++) key = tl_key_step(key, t[q].h);
        const tl_slot *sl = tl_matcher_find(&T->names, key);
        if (!sl || !sl->count) continue;
        uint32_t best = TL_NONE;
        int best_rank = -1, tie = 0;
        for (uint32_t a = sl->first; a < sl->first + sl->count; a++) {
            const tl_alias *al = &T->names.alias[a];
            /* A one-word name is a company's only when curated as a brand ("*"): an ORG
             * "People" or "United" is not People Co. or UNITED, Inc. */
            if ((al->flags & TL_KEY_WEAK) && al->curated != 3) continue;
            int rank = tl_alias_rank(T, al, L->day);
            if (rank > best_rank) {
                best = a;
                best_rank = rank;
                tie = 0;
            } else if (rank == best_rank) {
                tie = 1;
            }
        }
        if (best == TL_NONE) continue;
        tl_mention *m =
            tl_new_match(L, M_ENTITY, field, sl, T->names.alias[best].issuer, tie, t, lo, en);
        if (!m) return -1;
        m->cp0 = e->cp0; /* the entity's own span */
        m->cp1 = e->cp1;
        m->single = (uint8_t)(en - b == 1); /* for an acronym the record defines (link.c) */
        m->word = t[b].h;
    }
    return 0;
}
