/* Long documents are tagged in windows (decode.c): with windows that start at sentence
 * starts, the entities are exactly those of reading the document whole; a document without
 * sentence breaks is cut inside a sentence and still tags cleanly. Uses the shipped model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "buf.h"
#include "labels.h"
#include "model.h"
#include "feature.h"
#include "tagger.h"

static const char *const sentences[] = {
    "Peter Blackburn of Acme Corp visited Germany on Monday.",
    "EU officials said the European Commission in Brussels would decide.",
    "Shares of Siemens AG rose 2.5 percent in Frankfurt, traders said.",
    "\"We are happy,\" said Maria Lopez, who joined Reuters in 1996.",
    "Blackburn later flew to New York with Lopez.",
};

/* Tags text with the given window size; entities copied to out (caller frees). */
static int tag(const etag_model *m, size_t window, const char *text, etag_entity **out, size_t *n)
{
    etag_tagger t = {0};
    t.model = m;
    t.types = (1u << ETAG_NMODEL) - 1;
    t.dec.window = window;
    const char *texts[1] = {text};
    size_t lens[1] = {strlen(text)};
    int rc = etag_tagger_run(&t, texts, lens, 1);
    *n = t.nents;
    *out = malloc((t.nents + 1) * sizeof **out);
    if (*out) memcpy(*out, t.ents, t.nents * sizeof **out);
    etag_tagger_free(&t);
    return rc;
}

/* Context aggregation (a model trained with it) reads each name's neighbours over the whole
 * document in etag_features_scan(), so a window's token features are the whole document's:
 * the text split at spaces into tokens, a sentence after each token ending in ".". Returns
 * tokens whose features differ (-1 on failure); *more counts tokens that context adds to. */
static long window_features_differ(const etag_resources *res, const char *text, size_t window,
                                   size_t *more)
{
    size_t cap = strlen(text) / 2 + 2, n = 0;
    etag_tok *toks = malloc(cap * sizeof *toks);
    if (!toks) return -1;
    int start = 1;
    for (const char *p = text; *p;) {
        while (*p == ' ' || *p == '\n') p++;
        if (!*p) break;
        const char *q = p;
        while (*q && *q != ' ' && *q != '\n') q++;
        toks[n++] = (etag_tok){p, (uint32_t)(q - p), (uint8_t)(start ? ETAG_TF_SENT_START : 0)};
        start = q[-1] == '.';
        p = q;
    }
    etag_features whole = {.context = 1}, plain = {0}, win = {.context = 1};
    uint64_t x[ETAG_MAXFEAT], y[ETAG_MAXFEAT];
    long differ = 0;
    *more = 0;
    if (etag_features_compute(&plain, res, toks, n) < 0) differ = -1;
    size_t *kplain = malloc((n + 1) * sizeof *kplain);
    if (!kplain) differ = -1;
    for (size_t i = 0; differ == 0 && i < n; i++) kplain[i] = etag_features_token(&plain, i, x);
    if (differ == 0 && (etag_features_scan(&win, toks, n, window) < 0 ||
                        etag_features_compute(&whole, res, toks, n) < 0))
        differ = -1;
    for (size_t a = 0, b; differ >= 0 && a < n; a = b) {
        b = a + window < n ? a + window : n; /* on to the next sentence start */
        while (b < n && !(toks[b].flags & ETAG_TF_SENT_START)) b++;
        if (etag_features_window(&win, res, toks + a, b - a) < 0) {
            differ = -1;
            break;
        }
        for (size_t i = a; i < b; i++) {
            size_t kw = etag_features_token(&whole, i, x), kv = etag_features_token(&win, i - a, y);
            differ += kw != kv || memcmp(x, y, kw * sizeof *x) != 0;
            *more += kw > kplain[i];
        }
    }
    free(kplain);
    etag_features_free(&whole);
    etag_features_free(&plain);
    etag_features_free(&win);
    free(toks);
    return differ;
}

int main(void)
{
    const char *top = getenv("NP_TOP");
    char path[4096], err[4200];
    snprintf(path, sizeof path, "%s/data/entity-tag.model", top ? top : ".");
    etag_model m;
    if (etag_model_open(&m, path, err, sizeof err) < 0) skip_all("no shipped model");

    /* fixed sentences, then pseudo-random ones: names recur far apart in varied contexts,
     * so what the tagger remembers across windows matters */
    np_buf text = {0};
    for (int i = 0; i < 300; i++) {
        np_buf_puts(&text, sentences[i % 5]);
        np_buf_puts(&text, i % 7 == 6 ? "\n" : " ");
    }
    static const char *const words[] = {
        "Kowalczyk", "Dlamini",  "Baxter",    "Orinoco", "Valdez",    "Mercer", "Tanaka",
        "Holloway",  "Brandt",   "Sutcliffe", "Marlow",  "Ferreira",  "Osei",   "Lindqvist",
        "said",      "the",      "in",        "of",      "and",       "to",     "with",
        "shares",    "minister", "club",      "beat",    "at",        "on",     "from",
        "Bank",      "United",   "City",      "Group",   "President", "Mr",     "Inc",
    };
    unsigned long long rng = 88172645463325252ULL;
    for (int i = 0; i < 400; i++) {
        int len = 5 + (int)(i % 9);
        for (int k = 0; k < len; k++) {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            np_buf_puts(&text, words[rng % (sizeof words / sizeof *words)]);
            np_buf_puts(&text, " ");
        }
        np_buf_puts(&text, i % 3 == 2 ? ".\n" : ". ");
    }
    etag_entity *whole, *win;
    size_t nw, nv;
    int r1 = tag(&m, 0, text.data, &whole, &nw);
    int r2 = tag(&m, 97, text.data, &win, &nv);
    ok(r1 == 0 && r2 == 0, "tagged whole and in windows of 97 tokens");
    ok(nw > 1000, "the model finds entities (%zu)", nw);
    int same = nw == nv;
    for (size_t i = 0; same && i < nw; i++)
        same = whole[i].start == win[i].start && whole[i].end == win[i].end &&
               whole[i].type == win[i].type;
    ok(same, "windows at sentence starts: the same %zu entities as reading it whole (got %zu)", nw,
       nv);
    free(whole);
    free(win);
    size_t more = 0;
    long differ = window_features_differ(&m.res, text.data, 97, &more);
    ok(differ == 0,
       "context aggregation: a window's token features are the whole document's (%ld "
       "differ)",
       differ);
    ok(more > 1000, "context aggregation adds features to names that recur (%zu tokens)", more);

    /* no sentence break at all: windows are cut at twice their size */
    np_buf_clear(&text);
    for (int i = 0; i < 400; i++) np_buf_puts(&text, "Peter Blackburn met Maria Lopez and ");
    r1 = tag(&m, 0, text.data, &whole, &nw);
    r2 = tag(&m, 50, text.data, &win, &nv);
    ok(r1 == 0 && r2 == 0, "a 2,800-token sentence tags whole and cut in windows");
    int sane = nv > 0;
    for (size_t i = 0; i < nv; i++)
        sane &= win[i].start < win[i].end && win[i].end <= text.len &&
                (i == 0 || win[i - 1].end <= win[i].start);
    ok(sane, "cut windows: %zu ordered, non-overlapping entities (whole: %zu)", nv, nw);
    free(whole);
    free(win);
    np_buf_free(&text);
    etag_model_close(&m);
    return done_testing();
}
