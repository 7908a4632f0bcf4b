/* Issuers' priors by issuer id (see import_model.h): the largest prior of each issuer's rows,
 * the one the table gives the issuer. Build-time code. */
#include <stdlib.h>
#include <string.h>

#include "import_model.h"

static int cmp_prior(const void *a, const void *b)
{
    const tl_prior *x = a, *y = b;
    int c = strcmp(x->issuer, y->issuer);
    if (c) return c;
    c = (y->prior > x->prior) - (y->prior < x->prior); /* largest first */
    return c ? c : x->inferred - y->inferred;          /* a measured one first */
}

int tl_priors_build(const tl_brows *rows, tl_priors *p)
{
    p->n = 0;
    p->p = malloc((rows->n ? rows->n : 1) * sizeof *p->p);
    if (!p->p) return -1;
    for (size_t i = 0; i < rows->n; i++)
        if (!rows->r[i].dropped)
            p->p[p->n++] = (tl_prior){rows->r[i].issuer, rows->r[i].prior, rows->r[i].inferred};
    qsort(p->p, p->n, sizeof *p->p, cmp_prior);
    return 0;
}

/* The issuer's entry (its first, with the largest prior), or NULL. */
static const tl_prior *find(const tl_priors *p, const char *issuer)
{
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(p->p[mid].issuer, issuer) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->n && !strcmp(p->p[lo].issuer, issuer) ? &p->p[lo] : NULL;
}

int tl_priors_get(const tl_priors *p, const char *issuer)
{
    const tl_prior *e = find(p, issuer);
    return e ? e->prior : 0;
}

int tl_priors_inferred(const tl_priors *p, const char *issuer)
{
    const tl_prior *e = find(p, issuer);
    return e ? e->inferred : 0;
}

void tl_priors_free(tl_priors *p)
{
    free(p->p);
    p->p = NULL;
    p->n = 0;
}
