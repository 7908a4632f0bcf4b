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
