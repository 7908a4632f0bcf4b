/* Collected pipeline-file errors with their positions. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"

void np__diag_init(np_diag *d, const char *file)
{
    memset(d, 0, sizeof *d);
    d->file = file;
}

void np__diag_add(np_diag *d, np_mark m, int code, const char *fmt, ...)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        np_diag_entry *e = realloc(d->e, cap * sizeof *e);
        if (!e) {
            d->nomem = 1;
            return;
        }
        d->e = e;
        d->cap = cap;
    }
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char *copy = strdup(msg);
    if (!copy) {
        d->nomem = 1;
        return;
    }
    np_diag_entry *e = &d->e[d->n++];
    e->line = m.line;
    e->col = m.col;
    e->code = code;
    e->msg = copy;
}

static int by_position(const void *a, const void *b)
{
    const np_diag_entry *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return 0;
}

void np__diag_print(np_diag *d, FILE *f)
{
    /* Insertion sort: stable (errors at one position keep their order) and lists are short. */
    size_t n = d->n;
    for (size_t i = 1; i < n; i++) {
        np_diag_entry t = d->e[i];
        size_t j = i;
        while (j > 0 && by_position(&d->e[j - 1], &t) > 0) {
            d->e[j] = d->e[j - 1];
            j--;
        }
        d->e[j] = t;
    }
    for (size_t i = 0; i < n; i++) {
        const np_diag_entry *e = &d->e[i];
        if (e->line)
            fprintf(f, "%s:%u:%u: error: %s\n", d->file, e->line, e->col, e->msg);
        else
            fprintf(f, "%s: error: %s\n", d->file, e->msg);
    }
    if (d->nomem) fprintf(f, "%s: error: out of memory while checking\n", d->file);
}

int np__diag_code(const np_diag *d)
{
    if (d->nomem) return NP_EX_SOFTWARE;
    for (size_t i = 0; i < d->n; i++)
        if (d->e[i].code == NP_EX_CONFIG) return NP_EX_CONFIG;
    return d->n ? d->e[0].code : 0;
}

void np__diag_free(np_diag *d)
{
    for (size_t i = 0; i < d->n; i++) free(d->e[i].msg);
    free(d->e);
    d->e = NULL;
    d->n = d->cap = 0;
}
