/* The entities array (see entities.h), walked with common/json.c's array iterator. */
#include "entities.h"

#include <stdlib.h>
#include <string.h>

static int str_is(const char *v, size_t vlen, const char *lit)
{
    size_t m = strlen(lit);
    return vlen == m + 2 && v[0] == '"' && memcmp(v + 1, lit, m) == 0;
}

static int to_uint(const char *v, size_t vlen, uint32_t *out)
{
    if (!vlen || vlen > 10) return -1;
    unsigned long x = 0;
    for (size_t i = 0; i < vlen; i++) {
        if (v[i] < '0' || v[i] > '9') return -1;
        x = x * 10 + (unsigned long)(v[i] - '0');
    }
    if (x > UINT32_MAX) return -1;
    *out = (uint32_t)x;
    return 0;
}

int tl_parse_entities(const char *s, size_t n, const char *const *fields, int nfields,
                      tl_entities *out)
{
    out->n = 0;
    size_t pos = 0;
    np_json_member el;
    int st;
    while ((st = np_json_array_next_object(s, n, &pos, &el, &out->obj)) != 0) {
        if (st < 0) return -1;
        if (el.type != NP_JSON_OBJECT) continue;
        const np_json_member *type = np_json_object_get(&out->obj, "type");
        const np_json_member *field = np_json_object_get(&out->obj, "field");
        const np_json_member *start = np_json_object_get(&out->obj, "start");
        const np_json_member *end = np_json_object_get(&out->obj, "end");
        tl_entity e = {0, 0, -1, TL_ENT_OTHER};
        if (!type || !start || !end || !field || to_uint(start->val, start->val_len, &e.cp0) ||
            to_uint(end->val, end->val_len, &e.cp1))
            continue;
        if (str_is(type->val, type->val_len, "ORG"))
            e.type = TL_ENT_ORG;
        else if (str_is(type->val, type->val_len, "PER") ||
                 str_is(type->val, type->val_len, "PERSON"))
            e.type = TL_ENT_PER;
        else if (str_is(type->val, type->val_len, "LOC") || str_is(type->val, type->val_len, "GPE"))
            e.type = TL_ENT_LOC;
        for (int f = 0; f < nfields; f++)
            if (str_is(field->val, field->val_len, fields[f])) e.field = f;
        if (e.field < 0 || e.cp0 >= e.cp1) continue;
        if (out->n == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 32;
            tl_entity *p = realloc(out->e, cap * sizeof *p);
            if (!p) return -1;
            out->e = p;
            out->cap = cap;
        }
        out->e[out->n++] = e;
    }
    return 0;
}

void tl_entities_free(tl_entities *e)
{
    free(e->e);
    np_json_object_free(&e->obj);
    e->e = NULL;
    e->n = e->cap = 0;
}
