/* The acronyms subcommand (see acrlist.h). */
#include "acrlist.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../acronyms.h"
#include "buf.h"
#include "learner.h"
#include "tokenize.h"

/* One article's use of one acronym: its letters in the high 48 bits (so that keys sort by
 * acronym), 1 in the low bit when the article spells it out in capitals. */
typedef struct {
    uint64_t *key;
    size_t n, cap;
    np_tokens toks[2];
} uses;

_Static_assert(ETAG_ACR_MAX <= 6, "an acronym's letters fit the key's high 48 bits");

static uint64_t use_key(const char *w, size_t n, int named)
{
    uint64_t k = 0;
    for (size_t i = 0; i < ETAG_ACR_MAX; i++) k = k << 8 | (i < n ? (unsigned char)w[i] : 0);
    return k << 16 | (uint64_t)(named != 0);
}

static int add_article(void *vctx, const char *const texts[2], const size_t lens[2], char *err,
                       size_t errlen)
{
    uses *u = vctx;
    etag_mention_field f[2];
    int nf = 0;
    for (int k = 0; k < 2; k++) {
        if (!texts[k]) continue;
        if (np_tokenize(texts[k], lens[k], &u->toks[k]) < 0) goto nomem;
        f[nf++] = (etag_mention_field){texts[k], lens[k], u->toks[k].t, NULL, 0, u->toks[k].n};
    }
    etag_acronyms a;
    etag_acronyms_collect(f, nf, &a);
    if (np_array_reserve((void **)&u->key, &u->cap, u->n + (size_t)a.n, sizeof *u->key) < 0)
        goto nomem;
    for (int i = 0; i < a.n; i++) /* not those only looked for as spelled out */
        if (a.how[i] & (ETAG_ACR_USED | ETAG_ACR_LOWER | ETAG_ACR_NAMED))
            u->key[u->n++] = use_key(a.w[i], a.len[i], a.how[i] & ETAG_ACR_NAMED);
    return 0;
nomem:
    snprintf(err, errlen, "out of memory");
    return -1;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The acronyms that at least min articles use so and none spells out in capitals. */
static int list(void *vctx, uint64_t min, np_buf *out)
{
    uses *u = vctx;
    if (u->n) qsort(u->key, u->n, sizeof *u->key, cmp_u64);
    /* runs of one acronym: its articles that use it so, and those that name it */
    for (size_t i = 0; i < u->n;) {
        size_t j = i, named = 0;
        while (j < u->n && u->key[j] >> 16 == u->key[i] >> 16) named += u->key[j++] & 1;
        if (j - i - named >= min && named == 0) {
            char w[ETAG_ACR_MAX + 1];
            size_t n = 0;
            for (int k = ETAG_ACR_MAX - 1; k >= 0; k--) {
                char c = (char)(u->key[i] >> (16 + 8 * k) & 0xff);
                if (c) w[n++] = c;
            }
            w[n] = '\0';
            if (np_buf_printf(out, "%s\n", w) < 0) return -1;
        }
        i = j;
    }
    return 0;
}

int etag_acronyms_main(int argc, char **argv)
{
    static const etag_learner learner = {"acronyms", 4, add_article, list};
    uses u = {0};
    int rc = etag_learner_main(&learner, &u, argc, argv);
    free(u.key);
    np_tokens_free(&u.toks[0]);
    np_tokens_free(&u.toks[1]);
    return rc;
}
