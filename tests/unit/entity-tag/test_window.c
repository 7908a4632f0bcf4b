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
