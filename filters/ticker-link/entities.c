/* A small reader for the entities array (see entities.h). The record reader has validated
 * the JSON already, so this only walks it. */
#include "entities.h"

#include <stdlib.h>
#include <string.h>

static size_t skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    return i;
}

/* Skips one JSON value starting at s[i]; returns the index after it. */
static size_t skip_value(const char *s, size_t n, size_t i)
{
    if (i >= n) return n;
    if (s[i] == '"') {
        for (i++; i < n; i++) {
            if (s[i] == '\\')
                i++;
            else if (s[i] == '"')
                return i + 1;
        }
        return n;
    }
    if (s[i] == '{' || s[i] == '[') {
        int depth = 0;
        for (; i < n; i++) {
            char c = s[i];
            if (c == '"') {
                i = skip_value(s, n, i) - 1;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) return i + 1;
            }
        }
        return n;
    }
    while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\n') i++;
    return i;
}

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
    size_t i = skip_ws(s, n, 0);
    if (i >= n || s[i] != '[') return 0;
    i = skip_ws(s, n, i + 1);
    while (i < n && s[i] != ']') {
        if (s[i] != '{') {
            i = skip_ws(s, n, skip_value(s, n, i));
        } else {
            tl_entity e = {0, 0, -1, TL_ENT_OTHER};
            int have_start = 0, have_end = 0, have_type = 0;
            i = skip_ws(s, n, i + 1);
            while (i < n && s[i] != '}') {
                size_t k0 = i;
                i = skip_value(s, n, i); /* the key */
                size_t klen = i - k0;
                i = skip_ws(s, n, i);
                if (i < n && s[i] == ':') i = skip_ws(s, n, i + 1);
                size_t v0 = i;
                i = skip_value(s, n, i);
                size_t vlen = i - v0;
                const char *k = s + k0, *v = s + v0;
                if (str_is(k, klen, "type")) {
                    have_type = 1;
                    if (str_is(v, vlen, "ORG"))
                        e.type = TL_ENT_ORG;
                    else if (str_is(v, vlen, "PER") || str_is(v, vlen, "PERSON"))
                        e.type = TL_ENT_PER;
                    else if (str_is(v, vlen, "LOC") || str_is(v, vlen, "GPE"))
                        e.type = TL_ENT_LOC;
                } else if (str_is(k, klen, "field")) {
                    for (int f = 0; f < nfields; f++)
                        if (str_is(v, vlen, fields[f])) e.field = f;
                } else if (str_is(k, klen, "start")) {
                    have_start = to_uint(v, vlen, &e.cp0) == 0;
                } else if (str_is(k, klen, "end")) {
                    have_end = to_uint(v, vlen, &e.cp1) == 0;
                }
                i = skip_ws(s, n, i);
                if (i < n && s[i] == ',') i = skip_ws(s, n, i + 1);
            }
            if (i < n) i++; /* '}' */
            if (have_type && have_start && have_end && e.field >= 0 && e.cp0 < e.cp1) {
                if (out->n == out->cap) {
                    size_t cap = out->cap ? out->cap * 2 : 32;
                    tl_entity *p = realloc(out->e, cap * sizeof *p);
                    if (!p) return -1;
                    out->e = p;
                    out->cap = cap;
                }
                out->e[out->n++] = e;
            }
            i = skip_ws(s, n, i);
        }
        if (i < n && s[i] == ',') i = skip_ws(s, n, i + 1);
    }
    return 0;
}

void tl_entities_free(tl_entities *e)
{
    free(e->e);
    e->e = NULL;
    e->n = e->cap = 0;
}
