/* The mention list of one record (see mention.h). */
#include "mention.h"

#include <stdlib.h>
#include <string.h>

const char *const tl_method_name[] = {"", "ric", "exchange", "cashtag", "name", "entity", "symbol"};

tl_mention *tl_new_mention(tl_linker *L)
{
    if (L->nm == L->mcap) {
        size_t cap = L->mcap ? L->mcap * 2 : 64;
        tl_mention *p = realloc(L->m, cap * sizeof *p);
        if (!p) return NULL;
        L->m = p;
        L->mcap = cap;
    }
    tl_mention *m = &L->m[L->nm++];
    memset(m, 0, sizeof *m);
    m->issuer = m->listing = TL_NONE;
    return m;
}

tl_mention *tl_new_match(tl_linker *L, int method, int field, const tl_slot *sl, uint32_t issuer,
                         int tie, const tl_tok *t, size_t b, size_t e)
{
    tl_mention *m = tl_new_mention(L);
    if (!m) return NULL;
    m->issuer = issuer;
    m->alias_first = sl->first;
    m->alias_count = sl->count;
    m->ambiguous = (uint8_t)tie;
    m->method = (uint8_t)method;
    m->field = (uint8_t)field;
    m->b0 = t[b].b0;
    m->b1 = t[e - 1].b1;
    m->cp0 = t[b].cp0;
    m->cp1 = t[e - 1].cp1;
    return m;
}
