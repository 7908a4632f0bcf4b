/* Development set reader: the records of a JSON Lines file (common/jsonlines.h), strings
 * decoded with the common JSON scanner; the reference is a string or an array of them. */
#include "dataset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "exitcode.h"
#include "hash.h"
#include "json.h"
#include "jsonlines.h"

static char *decode(const np_json_member *m, size_t *len, np_buf *tmp)
{
    np_buf_clear(tmp);
    if (np_json_decode_string(m->val, m->val_len, tmp) < 0) return NULL;
    char *s = malloc(tmp->len + 1);
    if (!s) return NULL;
    memcpy(s, tmp->data ? tmp->data : "", tmp->len);
    s[tmp->len] = '\0';
    if (len) *len = tmp->len;
    return s;
}

/* Appends the strings of the validated JSON array v[0..n) to a; -1 on a non-string item or
 * out of memory. */
static int read_refs(summ_article *a, const char *v, size_t n, np_buf *tmp)
{
    size_t pos = 0;
    np_json_member m;
    while (np_json_array_next(v, n, &pos, &m)) {
        if (m.type != NP_JSON_STRING) return -1;
        char **r = realloc(a->ref, (a->nref + 1) * sizeof *r);
        if (!r) return -1;
        a->ref = r;
        size_t *rl = realloc(a->ref_len, (a->nref + 1) * sizeof *rl);
        if (!rl) return -1;
        a->ref_len = rl;
        if (!(a->ref[a->nref] = decode(&m, &a->ref_len[a->nref], tmp))) return -1;
        a->nref++;
    }
    return 0;
}

static int read_ref(summ_article *a, const np_json_member *m, np_buf *tmp)
{
    if (!(a->ref = malloc(sizeof *a->ref)) || !(a->ref_len = malloc(sizeof *a->ref_len))) return -1;
    if (!(a->ref[0] = decode(m, &a->ref_len[0], tmp))) return -1;
    a->nref = 1;
    return 0;
}

static void article_free(summ_article *a)
{
    free(a->id);
    free(a->title);
    free(a->body);
    for (size_t i = 0; i < a->nref; i++) free(a->ref[i]);
    free(a->ref);
    free(a->ref_len);
}

typedef struct {
    summ_dataset *ds;
    const char *path, *ref_field;
    char *err;
    size_t errlen;
    np_buf tmp;
} loader;

/* One record: kept when it has a body and a reference; 1 after an error described in err. */
static int add_article(void *ctx, const np_json_object *obj, unsigned long line)
{
    loader *L = ctx;
    summ_dataset *ds = L->ds;
    const np_json_member *body = np_json_object_get(obj, "body");
    const np_json_member *ref = np_json_object_get(obj, L->ref_field);
    const np_json_member *title = np_json_object_get(obj, "title");
    const np_json_member *id = np_json_object_get(obj, "id");
    if (!body || body->type != NP_JSON_STRING || body->val_len <= 2 || !ref ||
        (ref->type != NP_JSON_ARRAY && ref->type != NP_JSON_STRING) || ref->val_len <= 2)
        return 0;
    if (ds->n == ds->cap) {
        size_t c = ds->cap ? ds->cap * 2 : 256;
        summ_article *p = realloc(ds->a, c * sizeof *p);
        if (!p) {
            snprintf(L->err, L->errlen, "%s:%lu: out of memory", L->path, line);
            return 1;
        }
        ds->a = p;
        ds->cap = c;
    }
    summ_article *a = &ds->a[ds->n];
    memset(a, 0, sizeof *a);
    size_t dummy;
    if (!(a->body = decode(body, &a->body_len, &L->tmp)) ||
        (title && title->type == NP_JSON_STRING &&
         !(a->title = decode(title, &a->title_len, &L->tmp))) ||
        (id && id->type == NP_JSON_STRING && !(a->id = decode(id, &dummy, &L->tmp))) ||
        (ref->type == NP_JSON_ARRAY ? read_refs(a, ref->val, ref->val_len, &L->tmp)
                                    : read_ref(a, ref, &L->tmp)) < 0) {
        article_free(a);
        snprintf(L->err, L->errlen, "%s:%lu: cannot read the article", L->path, line);
        return 1;
    }
    ds->n++;
    return 0;
}

int summ_dataset_load(summ_dataset *ds, const char *path, const char *ref_field, char *err,
                      size_t errlen)
{
    memset(ds, 0, sizeof *ds);
    loader L = {ds, path, ref_field, err, errlen, {0}};
    np_jsonlines_opts o = {0};
    int rc = np_jsonlines_each(path, add_article, &L, &o);
    if (rc < 0) snprintf(err, errlen, "%s: %s", path, o.why);
    np_buf_free(&L.tmp);
    rc = rc < 0 ? np_jsonlines_exit(rc) : rc ? NP_EX_SOFTWARE : NP_EX_OK;
    if (rc == NP_EX_OK && ds->n == 0) {
        snprintf(err, errlen, "%s: no articles with \"body\" and \"%s\"", path, ref_field);
        rc = NP_EX_DATAERR;
    }
    if (rc) summ_dataset_free(ds);
    return rc;
}

void summ_dataset_free(summ_dataset *ds)
{
    for (size_t i = 0; i < ds->n; i++) article_free(&ds->a[i]);
    free(ds->a);
    memset(ds, 0, sizeof *ds);
}

static uint64_t split_hash(const summ_article *a)
{
    if (a->id) return np_hash64(a->id, strlen(a->id), SUMM_SPLIT_SEED);
    return np_hash64(a->body, a->body_len, SUMM_SPLIT_SEED);
}

int summ_article_is_test(const summ_article *a)
{
    return split_hash(a) % 3 == 0;
}

int summ_article_fold(const summ_article *a)
{
    return (int)(split_hash(a) / 3 % SUMM_FOLDS);
}
