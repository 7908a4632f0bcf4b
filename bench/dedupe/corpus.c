/* Reuters sample reader and PRNG for the dedupe tools: see corpus.h. */
#include "corpus.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "json.h"

static char *field(const np_json_object *o, const char *key)
{
    const np_json_member *m = np_json_object_get(o, key);
    np_buf b = {0};
    if (m && m->type == NP_JSON_STRING)
        np_json_decode_string(m->val, m->val_len, &b);
    else if (m && m->type == NP_JSON_ARRAY) {
        /* ["A.N", "B.N"] -> A.N,B.N (RICs contain no commas or quotes) */
        for (size_t i = 0; i < m->val_len; i++) {
            char c = m->val[i];
            if (c != '[' && c != ']' && c != '"' && c != ' ') np_buf_putc(&b, c);
        }
    }
    if (!b.data) np_buf_puts(&b, "");
    return b.data;
}

static int cmp_id(const void *a, const void *b)
{
    return strcmp(((const ddb_article *)a)->id, ((const ddb_article *)b)->id);
}

long ddb_read(const char *articles, const char *labels, ddb_article **out)
{
    FILE *fa = fopen(articles, "r"), *fl = fopen(labels, "r");
    if (!fa || !fl) {
        fprintf(stderr, "cannot open %s or %s\n", articles, labels);
        if (fa) fclose(fa);
        if (fl) fclose(fl);
        return -1;
    }
    ddb_article *a = NULL;
    long n = 0, cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    np_json_object o = {0};
    np_json_error err;
    while ((len = getline(&line, &lcap, fa)) > 0) {
        if (np_json_parse_object(line, (size_t)len, &o, &err) != NP_JSON_OK) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            a = realloc(a, (size_t)cap * sizeof *a);
            if (!a) abort();
        }
        ddb_article *x = &a[n++];
        memset(x, 0, sizeof *x);
        x->id = field(&o, "id");
        x->title = field(&o, "title");
        x->body = field(&o, "body");
        x->date = field(&o, "date");
    }
    /* labels: matched by id through a sorted copy of the index */
    ddb_article *sorted = malloc((size_t)(n ? n : 1) * sizeof *sorted);
    long *pos = malloc((size_t)(n ? n : 1) * sizeof *pos);
    for (long i = 0; i < n; i++) {
        sorted[i] = a[i];
        sorted[i].story = (char *)(intptr_t)i; /* carry the index */
    }
    qsort(sorted, (size_t)n, sizeof *sorted, cmp_id);
    for (long i = 0; i < n; i++) pos[i] = (long)(intptr_t)sorted[i].story;
    while ((len = getline(&line, &lcap, fl)) > 0) {
        if (np_json_parse_object(line, (size_t)len, &o, &err) != NP_JSON_OK) continue;
        ddb_article key = {.id = field(&o, "id")};
        ddb_article *hit = bsearch(&key, sorted, (size_t)n, sizeof *sorted, cmp_id);
        if (hit) {
            ddb_article *x = &a[pos[hit - sorted]];
            free(x->story);
            free(x->md5);
            free(x->rics);
            x->story = field(&o, "story_id");
            x->md5 = field(&o, "body_md5");
            x->rics = field(&o, "rics");
        }
        free(key.id);
    }
    for (long i = 0; i < n; i++) {
        if (!a[i].story) a[i].story = strdup("");
        if (!a[i].md5) a[i].md5 = strdup("");
        if (!a[i].rics) a[i].rics = strdup("");
    }
    free(sorted);
    free(pos);
    free(line);
    np_json_object_free(&o);
    fclose(fa);
    fclose(fl);
    *out = a;
    return n;
}

void ddb_free(ddb_article *a, long n)
{
    for (long i = 0; i < n; i++) {
        free(a[i].id);
        free(a[i].title);
        free(a[i].body);
        free(a[i].date);
        free(a[i].story);
        free(a[i].md5);
        free(a[i].rics);
    }
    free(a);
}

unsigned long long ddb_next(ddb_rng *r)
{
    r->s += 0x9e3779b97f4a7c15ULL;
    return np_mix64(r->s);
}

unsigned long ddb_below(ddb_rng *r, unsigned long n)
{
    return n ? (unsigned long)(ddb_next(r) % n) : 0;
}

double ddb_unit(ddb_rng *r)
{
    return (double)(ddb_next(r) >> 11) / 9007199254740992.0;
}
