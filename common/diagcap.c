/* Capping repeated diagnostics: the first N, then a count every few seconds. */
#include "diagcap.h"

int np_diagcap_take(np_diagcap *c)
{
    if (!c->limit || c->shown < c->limit) {
        c->shown++;
        if (c->limit && c->shown == c->limit) c->last = time(NULL);
        return 1;
    }
    c->hidden++;
    return 0;
}

uint64_t np_diagcap_due(np_diagcap *c, int final)
{
    if (!c->hidden) return 0;
    time_t now = time(NULL);
    if (!final && now - c->last < NP_DIAGCAP_INTERVAL) return 0;
    uint64_t n = c->hidden;
    c->hidden = 0;
    c->last = now;
    return n;
}
