/* Merging the workers' --stats lines. */
#include "statmerge.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "json.h"

/* A member's value as an integer: digits with an optional minus sign, nothing else. */
static int as_integer(const np_json_member *m, long long *v)
{
    if (m->type != NP_JSON_NUMBER || m->val_len == 0 || m->val_len > 19) return 0;
    for (size_t i = m->val[0] == '-'; i < m->val_len; i++)
        if (m->val[i] < '0' || m->val[i] > '9') return 0;
    char tmp[24];
    memcpy(tmp, m->val, m->val_len);
    tmp[m->val_len] = '\0';
    errno = 0;
    *v = strtoll(tmp, NULL, 10);
    return errno == 0;
}

static double as_double(const np_json_member *m)
{
    char tmp[64];
    size_t n = m->val_len < sizeof tmp - 1 ? m->val_len : sizeof tmp - 1;
    memcpy(tmp, m->val, n);
    tmp[n] = '\0';
    return strtod(tmp, NULL);
}

/* Worker k's member named like m (keys in stats lines are plain: compared as bytes). */
static const np_json_member *same_member(const np_json_object *o, const np_json_member *m)
{
    for (size_t i = o->n; i-- > 0;)
        if (o->m[i].key_len == m->key_len && !memcmp(o->m[i].key, m->key, m->key_len))
            return &o->m[i];
    return NULL;
}

/* Writes member m of objs[0] (a valid line) merged with the same member of the other valid
 * lines among objs[1..n). */
static int put_member(np_buf *b, const np_json_object *objs, const int *valid, size_t n,
                      const np_json_member *m)
{
    int rc = np_buf_putc(b, '"');
    rc |= np_buf_append(b, m->key, m->key_len);
    rc |= np_buf_puts(b, "\":");
    long long sum;
    if (as_integer(m, &sum)) {
        int all = 1;
        for (size_t k = 1; k < n; k++) {
            if (!valid[k]) continue;
            const np_json_member *o = same_member(&objs[k], m);
            long long v;
            if (o && as_integer(o, &v))
                sum += v;
            else if (o)
                all = 0;
        }
        if (all) return rc | np_buf_put_i64(b, sum);
    }
    if (m->type == NP_JSON_NUMBER) {
        double best = as_double(m);
        for (size_t k = 0; k < n; k++) {
            const np_json_member *o = valid[k] ? same_member(&objs[k], m) : NULL;
            if (o && o->type == NP_JSON_NUMBER && as_double(o) > best) best = as_double(o);
        }
        return rc | np_json_put_double(b, best, 6);
    }
    return rc | np_buf_append(b, m->val, m->val_len);
}

char *np__stats_merge(char *const *lines, size_t n)
{
    np_json_object *objs = calloc(n ? n : 1, sizeof *objs);
    int *valid = calloc(n ? n : 1, sizeof *valid);
    np_buf b = {0};
    char *result = NULL;
    if (!objs || !valid) goto out;
    size_t first = n;
    for (size_t k = 0; k < n; k++) {
        np_json_error err;
        valid[k] = lines[k] &&
                   np_json_parse_object(lines[k], strlen(lines[k]), &objs[k], &err) == NP_JSON_OK;
        if (valid[k] && first == n) first = k;
    }
    if (first == n) goto out;
    int rc = np_buf_putc(&b, '{');
    for (size_t i = 0; i < objs[first].n; i++) {
        if (i) rc |= np_buf_putc(&b, ',');
        rc |= put_member(&b, objs + first, valid + first, n - first, &objs[first].m[i]);
    }
    rc |= np_buf_puts(&b, ",\"workers\":[");
    for (size_t k = 0; k < n; k++) {
        if (k) rc |= np_buf_putc(&b, ',');
        rc |= valid[k] ? np_buf_puts(&b, lines[k]) : np_buf_puts(&b, "null");
    }
    rc |= np_buf_puts(&b, "]}");
    if (rc == 0) {
        result = b.data;
        b.data = NULL;
    }
out:
    for (size_t k = 0; objs && k < n; k++) np_json_object_free(&objs[k]);
    free(objs);
    free(valid);
    np_buf_free(&b);
    return result;
}
