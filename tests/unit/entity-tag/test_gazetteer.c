/* The gazetteer loader (resources.c): list lines are cleaned (byte-order mark, CRLF, HTML
 * entities, bracketed qualifiers) or skipped (Wikipedia pages that are no names, bad UTF-8,
 * control characters, over-long lines); names are matched by their chained token keys; the
 * size budget stops a list that would make the model too large, naming file and line; a
 * model's compact tables find every key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "buf.h"
#include "model.h"
#include "resources.h"
#include "tokenize.h"

static char dir[] = "/tmp/etag-gaz-test.XXXXXX";

static const char *write_file(const char *name, const char *text)
{
    static char path[4][256];
    static int k;
    char *p = path[k++ % 4];
    snprintf(p, 256, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    fputs(text, f);
    fclose(f);
    return p;
}

/* The gazetteer value of a name (tokenized as the tagger does), 0 when absent. */
static uint32_t lookup(const etag_lexicon *x, const char *name)
{
    np_tokens toks = {0};
    np_buf scratch = {0};
    uint64_t key = 0;
    np_tokenize(name, strlen(name), &toks);
    for (size_t i = 0; i < toks.n; i++)
        key = etag_gaz_chain(
            key, etag_word_key(name + toks.t[i].start, toks.t[i].end - toks.t[i].start, &scratch));
    np_tokens_free(&toks);
    np_buf_free(&scratch);
    return etag_lexicon_get(x, key);
}

static int cleans_to(const char *in, const char *want)
{
    char buf[600];
    snprintf(buf, sizeof buf, "%s", in);
    size_t n = etag_gaz_clean(buf, strlen(buf));
    if (!want) return n == 0;
    return n == strlen(want) && memcmp(buf, want, n) == 0;
}

int main(void)
{
    if (!mkdtemp(dir)) skip_all("mkdtemp failed");
    char err[512];

    /* one line at a time */
    ok(cleans_to("Abu Dhabi\n", "Abu Dhabi"), "a plain name");
    ok(cleans_to("\xEF\xBB\xBF"
                 "American Samoa\r\n",
                 "American Samoa"),
       "BOM and CRLF dropped");
    ok(cleans_to("AT&amp;T\n", "AT&T"), "&amp; decoded");
    ok(cleans_to("Caf&#233; Nero", "Caf\xC3\xA9 Nero"), "numeric entity decoded");
    ok(cleans_to("Barnes &foo; Noble", "Barnes &foo; Noble"), "unknown entity kept");
    ok(cleans_to("Mercury (planet)", "Mercury"), "bracketed qualifier removed");
    ok(cleans_to("Springfield (disambiguation)\n", "Springfield"), "(disambiguation) removed");
    ok(cleans_to("(band)", "(band)"), "a name that is all brackets stays");
    ok(cleans_to("Category:Banks of Germany", NULL), "Category: page skipped");
    ok(cleans_to("List of airports in Peru", NULL), "List of page skipped");
    ok(cleans_to("Bad \xC3 UTF-8", NULL), "invalid UTF-8 skipped");
    ok(cleans_to("Tab\x01here", NULL), "control character skipped");
    ok(cleans_to("# a comment", NULL) && cleans_to("   \n", NULL), "comment and blank skipped");
    char longl[400];
    memset(longl, 'A', sizeof longl - 1);
    longl[sizeof longl - 1] = '\0';
    ok(cleans_to(longl, NULL), "a line over %d bytes skipped", ETAG_GAZ_MAXBYTES);

    /* a whole list with good and bad lines */
    const char *list = write_file("orgs.lst", "\xEF\xBB\xBF"
                                              "Acme Mining Corp\n"
                                              "Category:Mining companies\n"
                                              "AT&amp;T\r\n"
                                              "Bad \xC3 line\n"
                                              "One Two Three Four Five Six Seven\n"
                                              "\n"
                                              "Zenith (company)\n");
    etag_resource_builder rb = {0};
    ok(etag_resources_add_gazetteer(&rb, ETAG_GAZ_WORG, list, err, sizeof err) == 0,
       "a list with bad lines loads (%s)", err);
    ok(rb.gaz_entries == 3, "3 names read (got %zu)", rb.gaz_entries);
    ok(rb.gaz_skipped == 3, "3 lines skipped: a category, bad UTF-8, 7 tokens (got %zu)",
       rb.gaz_skipped);
    etag_lexicon g = etag_lexicon_view(&rb.gaz);
    ok(lookup(&g, "Acme Mining Corp") & (1u << ETAG_GAZ_WORG), "a name is found");
    ok(lookup(&g, "acme mining CORP") & (1u << ETAG_GAZ_WORG), "case does not matter");
    uint32_t pre = lookup(&g, "Acme Mining");
    ok((pre & ETAG_GAZ_PREFIX) && !(pre & (1u << ETAG_GAZ_WORG)),
       "a prefix is marked as one, not as a name");
    ok(lookup(&g, "AT&T") & (1u << ETAG_GAZ_WORG), "the decoded name is found");
    ok(lookup(&g, "Zenith") & (1u << ETAG_GAZ_WORG), "the name without its qualifier is found");
    ok(lookup(&g, "Mining companies") == 0, "nothing of the skipped lines");

    /* the compact tables of a built model find the same keys */
    etag_resources res = etag_resources_view(&rb);
    etag_model m;
    etag_row row = {.h = 42};
    row.w[1] = 1;
    ok(etag_model_build(&m, &row, 1, 10, &res, 1, 0, 0) == 0, "a model with the gazetteer builds");
    ok(lookup(&m.res.gaz, "Acme Mining Corp") == lookup(&g, "Acme Mining Corp") &&
           lookup(&m.res.gaz, "Acme Mining") == pre && lookup(&m.res.gaz, "AT&T") &&
           !lookup(&m.res.gaz, "Mining companies") && !lookup(&m.res.gaz, "Acme Corp"),
       "the model's compact table answers like the builder's");
    ok(m.res.gaz.count == g.count && m.res.gaz.nslots >= g.count + g.count / 4,
       "%u keys in %u slots (load at most 4/5)", m.res.gaz.count, m.res.gaz.nslots);
    etag_model_close(&m);
    etag_resources_builder_free(&rb);

    /* the category names train --gazetteer takes, the person list's among them */
    ok(etag_gaz_category("person") == ETAG_GAZ_PERSON &&
           etag_gaz_category("wikiloc") == ETAG_GAZ_WLOC &&
           etag_gaz_category("orgname") == ETAG_GAZ_ORGNAME && etag_gaz_category("people") == -1,
       "category names: person, wikiloc, orgname; an unknown one is -1");
    ok(ETAG_GAZ_NCAT * 3 <= 32 && ETAG_GAZ_NCAT < ETAG_GAZ_ORGNAME,
       "%d categories fit a token's 3 bits each and stay below the orgname bit", ETAG_GAZ_NCAT);

    /* the size budget */
    etag_resource_builder small = {.max_keys = 4};
    const char *big = write_file("big.lst", "Alpha\nBeta Gamma\nDelta Epsilon Zeta\n");
    int rc = etag_resources_add_gazetteer(&small, ETAG_GAZ_WLOC, big, err, sizeof err);
    ok(rc == -2, "over the size budget: -2 (got %d)", rc);
    ok(strstr(err, "big.lst:3:") && strstr(err, "size budget"), "the error names file and line: %s",
       err);
    ok(small.gaz.count <= 4, "no more keys than the budget (%u)", small.gaz.count);
    etag_resources_builder_free(&small);
    etag_resource_builder fits = {.max_keys = 6};
    ok(etag_resources_add_gazetteer(&fits, ETAG_GAZ_WLOC, big, err, sizeof err) == 0 &&
           fits.gaz.count == 6,
       "exactly at the budget: loads (6 keys)");
    etag_resources_builder_free(&fits);

    etag_resource_builder kept = {0};
    ok(etag_resources_add_gazetteer(&kept, 0, "/nonexistent/list", err, sizeof err) == -1 &&
           strstr(err, "/nonexistent/list"),
       "a missing list: -1 naming it (%s)", err);
    etag_resources_builder_free(&kept);

    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return done_testing();
}
