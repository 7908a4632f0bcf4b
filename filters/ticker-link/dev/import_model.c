/* The importer's working rows (see import_model.h). */
#include "import_model.h"

#include <stdlib.h>
#include <string.h>

char *tl_strdup(const char *s)
{
    if (!s) s = "";
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (p) memcpy(p, s, n + 1);
    return p;
}

int tl_set(char **dst, const char *s)
{
    char *p = tl_strdup(s);
    if (!p) return -1;
    free(*dst);
    *dst = p;
    return 0;
}

tl_brow *tl_brows_add(tl_brows *b)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        tl_brow *r = realloc(b->r, cap * sizeof *r);
        if (!r) return NULL;
        b->r = r;
        b->cap = cap;
    }
    tl_brow *r = &b->r[b->n++];
    memset(r, 0, sizeof *r);
    r->primary = -1;
    r->prior = 30;
    return r;
}

void tl_brows_free(tl_brows *b)
{
    for (size_t i = 0; i < b->n; i++) {
        tl_brow *r = &b->r[i];
        free(r->issuer);
        free(r->symbol);
        free(r->ric);
        free(r->name);
        free(r->aliases);
        free(r->domicile);
    }
    free(b->r);
    memset(b, 0, sizeof *b);
}
