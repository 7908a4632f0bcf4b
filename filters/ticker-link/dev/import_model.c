/* The importer's working rows (see import_model.h). */
#include "import_model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "../exchanges.h"
#include "../listings.h"

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

void tl_shift_day(const char *d, int delta, char out[11])
{
    int32_t day;
    if (tl_parse_day(d, 10, &day)) {
        snprintf(out, 11, "%s", d);
        return;
    }
    /* Days since 1970 to a civil date (H. Hinnant's algorithm). */
    long z = (long)day + delta + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153, dd = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    char buf[48];
    snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", (y + (m <= 2)) % 10000, m % 100, dd % 100);
    memcpy(out, buf, 10);
    out[10] = '\0';
}

int tl_add_aliases(tl_brow *r, const char *a)
{
    if (!a[0]) return 0;
    size_t need = strlen(r->aliases) + strlen(a) + 2;
    char *p = malloc(need);
    if (!p) return -1;
    snprintf(p, need, "%s%s%s", r->aliases, r->aliases[0] ? "|" : "", a);
    free(r->aliases);
    r->aliases = p;
    return 0;
}

const char *tl_mic_country(const char *mic)
{
    const tl_exchange *x = tl_exchange_by_mic(mic, strlen(mic));
    return x ? x->country : "";
}

int tl_slurp(const char *path, char **out, size_t *len)
{
    np_buf b = {0};
    if (np_buf_read_file(&b, path) < 0) {
        np_error("%s: %s", path, strerror(errno));
        np_buf_free(&b);
        return -1;
    }
    *out = b.data;
    *len = b.len;
    return 0;
}
