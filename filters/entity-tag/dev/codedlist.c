/* The coded-names subcommand (see codedlist.h). */
#include "codedlist.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../feature.h"
#include "../codes.h"
#include "buf.h"
#include "hash.h"
#include "learner.h"
#include "tokenize.h"
#include "../wordlist.h"

/* One article's name before a code: the name's hash, the article, the name in the pool. */
typedef struct {
    uint64_t h;
    uint32_t article, off, len;
} use;

typedef struct {
    use *u;
    size_t n, cap;
    np_buf pool; /* the names' text, one after another */
    uint32_t article;
    np_tokens toks;
} uses;

/* Whether token t of s is a word or number that opens on a capital or a digit (or a byte of
 * a non-ASCII letter: "Electricite" may be written with its accent). */
static int capitalized(const char *s, const np_token *t)
{
    unsigned char c = (unsigned char)s[t->start];
    return t->kind != NP_TOK_PUNCT &&
           ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0xC0);
}

/* The words that join the words of a name ("Bank of America", "Banco de Sabadell", "Procter
 * and Gamble"), sorted. */
static const char *const joining[] = {"al",  "and", "da", "das", "de",  "del", "della", "der",
                                      "des", "di",  "do", "dos", "du",  "e",   "el",    "for",
                                      "il",  "la",  "le", "of",  "van", "von", "y",     "zu"};
static const char *const amp[] = {"&"}, *const amp_the[] = {"&", "The"};

/* Adds the names of text s[0..len) (tokens tk[0..n)) written right before a code. */
static int add_text(uses *u, const char *s, size_t len, const np_token *tk, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!capitalized(s, &tk[i]) || !etag_code_follows(s, len, tk[i].end)) continue;
        /* back over the capitalized run (and "&"), on one line, single spaces */
        size_t j = i;
        while (j > 0 && i - j + 1 < ETAG_GAZ_MAXLEN + 1 && !(tk[j].flags & NP_TOK_NEWLINE_BEFORE) &&
               tk[j].start - tk[j - 1].end <= 1 &&
               (capitalized(s, &tk[j - 1]) || ETAG_WORD_IN(s, &tk[j - 1], amp)))
            j--;
        if (i - j + 1 > ETAG_GAZ_MAXLEN) continue; /* longer than any entry: where does it open? */
        if (j >= 2 && ETAG_WORD_IN(s, &tk[j - 1], joining) && capitalized(s, &tk[j - 2]))
            continue; /* "Bank of America Corp": the run is the name's tail */
        while (j < i && ETAG_WORD_IN(s, &tk[j], amp_the)) j++;
        uint32_t a = tk[j].start, b = tk[i].end;
        if (np_array_reserve((void **)&u->u, &u->cap, u->n + 1, sizeof *u->u) < 0) return -1;
        if (u->pool.len > UINT32_MAX - (b - a)) return -1;
        u->u[u->n++] =
            (use){np_hash64(s + a, b - a, 0x636f646564u), u->article, (uint32_t)u->pool.len, b - a};
        if (np_buf_append(&u->pool, s + a, b - a) < 0) return -1;
    }
    return 0;
}

static int add_article(void *vctx, const char *const texts[2], const size_t lens[2], char *err,
                       size_t errlen)
{
    uses *u = vctx;
    for (int k = 0; k < 2; k++) {
        if (!texts[k]) continue;
        if (np_tokenize(texts[k], lens[k], &u->toks) < 0 ||
            add_text(u, texts[k], lens[k], u->toks.t, u->toks.n) < 0) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
    }
    u->article++;
    return 0;
}

/* The pool the names of cmp_use and cmp_name point into (qsort takes no context). */
static const char *pool_text;

static int cmp_text(const use *x, const use *y)
{
    int c = memcmp(pool_text + x->off, pool_text + y->off, x->len < y->len ? x->len : y->len);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* By name (its hash first, for speed), then article. */
static int cmp_use(const void *a, const void *b)
{
    const use *x = a, *y = b;
    if (x->h != y->h) return (x->h > y->h) - (x->h < y->h);
    int c = cmp_text(x, y);
    return c ? c : (x->article > y->article) - (x->article < y->article);
}

static int cmp_name(const void *a, const void *b)
{
    return cmp_text(a, b);
}

/* The names that at least min articles write so, sorted. */
static int list(void *vctx, uint64_t min, np_buf *out)
{
    uses *u = vctx;
    if (!u->n) return 0;
    pool_text = u->pool.data;
    qsort(u->u, u->n, sizeof *u->u, cmp_use);
    /* runs of one name: keep its first use when enough articles write it */
    size_t kept = 0;
    for (size_t i = 0; i < u->n;) {
        size_t j = i + 1, articles = 1;
        for (; j < u->n && u->u[j].h == u->u[i].h && cmp_text(&u->u[j], &u->u[i]) == 0; j++)
            articles += u->u[j].article != u->u[j - 1].article;
        if (articles >= min) u->u[kept++] = u->u[i];
        i = j;
    }
    qsort(u->u, kept, sizeof *u->u, cmp_name);
    for (size_t i = 0; i < kept; i++)
        if (np_buf_append(out, u->pool.data + u->u[i].off, u->u[i].len) < 0 ||
            np_buf_putc(out, '\n') < 0)
            return -1;
    return 0;
}

int etag_coded_names_main(int argc, char **argv)
{
    static const etag_learner learner = {"coded-names", 2, add_article, list};
    uses u = {0};
    int rc = etag_learner_main(&learner, &u, argc, argv);
    free(u.u);
    np_buf_free(&u.pool);
    np_tokens_free(&u.toks);
    return rc;
}
