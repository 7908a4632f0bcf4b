/* CoNLL column-format reader. Chunks follow conlleval: a chunk starts at B-X, or at I-X after
 * a token that is not of type X; so IOB1, IOB2 and IO files all read the same way. */
#include "conll.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "exitcode.h"
#include "../labels.h"

/* Growable arrays of uint32_t and uint8_t. */
typedef struct {
    void *p;
    size_t n, cap, size;
} vec;

static int vec_push(vec *v, const void *x)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 1024;
        void *p = realloc(v->p, cap * v->size);
        if (!p) return -1;
        v->p = p;
        v->cap = cap;
    }
    memcpy((char *)v->p + v->n * v->size, x, v->size);
    v->n++;
    return 0;
}

/* Parses an entity tag: sets *type (-1 for O) and *begin (a B- prefix). */
static int parse_tag(const char *t, size_t n, int *type, int *begin)
{
    *begin = 0;
    if (n == 1 && t[0] == 'O') {
        *type = -1;
        return 0;
    }
    if (n < 3 || t[1] != '-' ||
        (t[0] != 'B' && t[0] != 'I' && t[0] != 'E' && t[0] != 'S' && t[0] != 'L' && t[0] != 'U'))
        return -1;
    *begin = t[0] == 'B' || t[0] == 'S' || t[0] == 'U';
    *type = etag_type_parse(t + 2, n - 2);
    return *type >= 0 && *type < ETAG_NMODEL ? 0 : -1;
}

/* The first and the last whitespace-separated columns of line[0..n): the token and its tag.
 * Returns 0, or -1 when the line has only one column. */
static int columns(const char *line, size_t n, const char **t0, size_t *t0n, const char **tl,
                   size_t *tln)
{
    const char *p = line, *e = line + n;
    *t0 = p;
    while (p < e && *p != ' ' && *p != '\t') p++;
    *t0n = (size_t)(p - *t0);
    const char *q = e;
    while (q > p && (q[-1] == ' ' || q[-1] == '\t')) q--;
    const char *t = q;
    while (t > p && t[-1] != ' ' && t[-1] != '\t') t--;
    if (t == q || t <= *t0 + *t0n - 1) return -1;
    *tl = t;
    *tln = (size_t)(q - t);
    return 0;
}

/* The gold entities: chunks as conlleval makes them (a run of one type, cut at a B- tag),
 * within sentences, then their BILOU labels. */
static void gold_spans(etag_corpus *c, const int8_t *ty, const uint8_t *bg, const uint32_t *sv)
{
    for (uint32_t s = 0; s < c->nsent; s++) {
        uint32_t a = sv[s], b = sv[s + 1];
        for (uint32_t i = a; i < b;) {
            if (ty[i] < 0) {
                i++;
                continue;
            }
            uint32_t j = i + 1;
            while (j < b && ty[j] == ty[i] && !bg[j]) j++;
            c->spans[c->nspans++] = (etag_span){i, j - i, ty[i], 0, 0};
            if (j - i == 1)
                c->gold[i] = (uint8_t)etag_label(ty[i], ETAG_U);
            else {
                c->gold[i] = (uint8_t)etag_label(ty[i], ETAG_B);
                for (uint32_t m = i + 1; m + 1 < j; m++)
                    c->gold[m] = (uint8_t)etag_label(ty[i], ETAG_I);
                c->gold[j - 1] = (uint8_t)etag_label(ty[i], ETAG_L);
            }
            i = j;
        }
    }
}

int etag_corpus_read(const char *path, etag_corpus *c, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return errno == ENOMEM ? NP_EX_SOFTWARE : NP_EX_NOINPUT;
    }
    np_buf text = {0};
    vec tok = {.size = 4}, len = {.size = 4}, types = {.size = 1}, begins = {.size = 1};
    vec sent = {.size = 4}, doc = {.size = 4};
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    unsigned long lineno = 0;
    int rc = NP_EX_DATAERR;
    int sent_open = 0, doc_open = 0;
    while ((got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r')) line[--got] = '\0';
        /* blank line: sentence end */
        size_t k = 0;
        while (k < (size_t)got && (line[k] == ' ' || line[k] == '\t')) k++;
        if (k == (size_t)got) {
            sent_open = 0;
            continue;
        }
        if (strncmp(line, "-DOCSTART-", 10) == 0) {
            sent_open = 0;
            doc_open = 0;
            continue;
        }
        const char *t0, *tl;
        size_t t0n, tln;
        if (columns(line, (size_t)got, &t0, &t0n, &tl, &tln) < 0) {
            snprintf(err, errlen, "%s:%lu: expected a token and a tag", path, lineno);
            goto out;
        }
        int ty, bg;
        if (parse_tag(tl, tln, &ty, &bg) < 0) {
            snprintf(err, errlen, "%s:%lu: unknown tag \"%.*s\"", path, lineno, (int)tln, tl);
            goto out;
        }
        if (text.len > UINT32_MAX - t0n - 1) {
            snprintf(err, errlen, "%s: too large", path);
            goto out;
        }
        uint32_t off = (uint32_t)text.len, tn = (uint32_t)t0n, ntok = (uint32_t)tok.n;
        int8_t ty8 = (int8_t)ty;
        uint8_t bg8 = (uint8_t)bg;
        if (!doc_open) {
            uint32_t ns = (uint32_t)sent.n;
            if (vec_push(&doc, &ns) < 0) goto nomem;
            doc_open = 1;
        }
        if (!sent_open) {
            if (vec_push(&sent, &ntok) < 0) goto nomem;
            sent_open = 1;
        }
        if (np_buf_append(&text, t0, t0n) < 0 || np_buf_putc(&text, '\0') < 0 ||
            vec_push(&tok, &off) < 0 || vec_push(&len, &tn) < 0 || vec_push(&types, &ty8) < 0 ||
            vec_push(&begins, &bg8) < 0)
            goto nomem;
    }
    if (ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        rc = NP_EX_IOERR;
        goto out;
    }
    {
        uint32_t ntok = (uint32_t)tok.n, ns = (uint32_t)sent.n;
        if (vec_push(&sent, &ntok) < 0 || vec_push(&doc, &ns) < 0) goto nomem;
    }
    c->ntok = (uint32_t)tok.n;
    c->nsent = (uint32_t)sent.n - 1;
    c->ndoc = (uint32_t)doc.n - 1;
    c->gold = calloc(c->ntok ? c->ntok : 1, 1);
    c->spans = calloc(c->ntok ? c->ntok : 1, sizeof *c->spans);
    if (!c->gold || !c->spans) goto nomem;
    gold_spans(c, types.p, begins.p, sent.p);
    c->text = text.data;
    text.data = NULL;
    c->tok = tok.p;
    c->tok_len = len.p;
    c->sent = sent.p;
    c->doc = doc.p;
    tok.p = len.p = sent.p = doc.p = NULL;
    rc = 0;
    goto out;
nomem:
    snprintf(err, errlen, "%s: out of memory", path);
    rc = NP_EX_SOFTWARE;
out:
    if (rc) {
        free(c->gold);
        free(c->spans);
        c->gold = NULL;
        c->spans = NULL;
    }
    free(line);
    fclose(f);
    np_buf_free(&text);
    free(tok.p);
    free(len.p);
    free(types.p);
    free(begins.p);
    free(sent.p);
    free(doc.p);
    return rc;
}

void etag_corpus_free(etag_corpus *c)
{
    free(c->text);
    free(c->tok);
    free(c->tok_len);
    free(c->gold);
    free(c->sent);
    free(c->doc);
    free(c->spans);
    memset(c, 0, sizeof *c);
}
