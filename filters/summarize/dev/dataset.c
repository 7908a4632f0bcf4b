/* Development set reader: whole lines, validated by the common JSON scanner, strings
 * decoded with it; the reference array is walked here (strings only). */
#include "dataset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "json.h"

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
    size_t i = 1;
    while (i < n) {
        while (i < n &&
               (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == '\r' || v[i] == ','))
            i++;
        if (i >= n || v[i] == ']') return 0;
        if (v[i] != '"') return -1;
        size_t j = i + 1;
        while (j < n && v[j] != '"') j += v[j] == '\\' ? 2 : 1;
        if (j >= n) return -1;
        np_json_member m = {.val = v + i, .val_len = j + 1 - i, .type = NP_JSON_STRING};
        char **r = realloc(a->ref, (a->nref + 1) * sizeof *r);
        if (!r) return -1;
        a->ref = r;
        size_t *rl = realloc(a->ref_len, (a->nref + 1) * sizeof *rl);
        if (!rl) return -1;
        a->ref_len = rl;
        if (!(a->ref[a->nref] = decode(&m, &a->ref_len[a->nref], tmp))) return -1;
        a->nref++;
        i = j + 1;
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

int summ_dataset_load(summ_dataset *ds, const char *path, const char *ref_field, char *err,
                      size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open", path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    np_json_object obj = {0};
    np_buf tmp = {0};
    unsigned long lineno = 0;
    int rc = 0;
    memset(ds, 0, sizeof *ds);
    while (rc == 0 && (got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        np_json_error je;
        if (np_json_parse_object(line, (size_t)got, &obj, &je) != NP_JSON_OK) continue;
        const np_json_member *body = np_json_object_get(&obj, "body");
        const np_json_member *ref = np_json_object_get(&obj, ref_field);
        const np_json_member *title = np_json_object_get(&obj, "title");
        const np_json_member *id = np_json_object_get(&obj, "id");
        if (!body || body->type != NP_JSON_STRING || body->val_len <= 2 || !ref ||
            (ref->type != NP_JSON_ARRAY && ref->type != NP_JSON_STRING) || ref->val_len <= 2)
            continue;
        if (ds->n == ds->cap) {
            size_t c = ds->cap ? ds->cap * 2 : 256;
            summ_article *p = realloc(ds->a, c * sizeof *p);
            if (!p) {
                rc = -1;
                break;
            }
            ds->a = p;
            ds->cap = c;
        }
        summ_article *a = &ds->a[ds->n];
        memset(a, 0, sizeof *a);
        size_t dummy;
        if (!(a->body = decode(body, &a->body_len, &tmp)) ||
            (title && title->type == NP_JSON_STRING &&
             !(a->title = decode(title, &a->title_len, &tmp))) ||
            (id && id->type == NP_JSON_STRING && !(a->id = decode(id, &dummy, &tmp))) ||
            (ref->type == NP_JSON_ARRAY ? read_refs(a, ref->val, ref->val_len, &tmp)
                                        : read_ref(a, ref, &tmp)) < 0) {
            article_free(a);
            snprintf(err, errlen, "%s:%lu: cannot read the article", path, lineno);
            rc = -1;
            break;
        }
        ds->n++;
    }
    free(line);
    np_json_object_free(&obj);
    np_buf_free(&tmp);
    fclose(f);
    if (rc == 0 && ds->n == 0) {
        snprintf(err, errlen, "%s: no articles with \"body\" and \"%s\"", path, ref_field);
        rc = -1;
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
