/* Word-class tables (resources.c, feature.c): a second table is a second family of classes
 * under salted keys in the same lexicon, so a model with one family sees the features it
 * always had, and a word gains features from the second family only where that table has it;
 * bad lines are refused with the file and line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "featset.h"
#include "feature.h"
#include "resources.h"

#define MAXT 8

static char dir[] = "/tmp/np-test-clusters-XXXXXX";

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

/* Token i's static features of the sentence words[0..n) with resources r. */
static size_t feats(const etag_resources *r, const char *const *words, size_t n, size_t i,
                    uint64_t *x)
{
    etag_tok t[MAXT];
    for (size_t k = 0; k < n; k++)
        t[k] = (etag_tok){words[k], (uint32_t)strlen(words[k]),
                          (uint8_t)(k == 0 ? ETAG_TF_SENT_START : 0)};
    etag_features f = {0};
    size_t k = 0;
    if (etag_features_compute(&f, r, t, n) == 0) k = etag_features_token(&f, i, x);
    etag_features_free(&f);
    return k;
}

int main(void)
{
    if (!mkdtemp(dir)) return 1;
    char one[256], two[256], bad[256], err[512] = "";
    snprintf(one, sizeof one, "%s/one.txt", dir);
    snprintf(two, sizeof two, "%s/two.txt", dir);
    snprintf(bad, sizeof bad, "%s/bad.txt", dir);
    write_file(one, "# classes\nshares\t1\t2\t3\nfell\t4\t5\t6\nacme\t7\t8\t9\n");
    write_file(two, "acme\t10\t11\t12\nshares\t1\t2\t3\n");
    write_file(bad, "acme\t10\t11\t12\nfell\t99\t1\t1\n");

    etag_resource_builder b1 = {0}, b2 = {0}, b3 = {0};
    ok(etag_resources_add_clusters(&b1, one, 0, err, sizeof err) == 0, "one family (%s)", err);
    ok(etag_resources_add_clusters(&b2, one, 0, err, sizeof err) == 0 &&
           etag_resources_add_clusters(&b2, two, 1, err, sizeof err) == 0,
       "two families (%s)", err);
    np_buf scratch = {0};
    uint64_t acme = etag_word_key("Acme", 4, &scratch), fell = etag_word_key("fell", 4, &scratch);
    etag_resources r1 = etag_resources_view(&b1), r2 = etag_resources_view(&b2);
    uint32_t v1 = etag_lexicon_get(&r2.clusters, acme),
             v2 = etag_lexicon_get(&r2.clusters, acme ^ ETAG_CLU2_SALT);
    ok(v1 && v2 && v1 != v2, "a word has a class in each family, under its own key");
    ok(etag_lexicon_get(&r2.clusters, fell ^ ETAG_CLU2_SALT) == 0,
       "and none in the second where that table lacks it");

    uint64_t a[ETAG_MAXFEAT], b[ETAG_MAXFEAT];
    const char *sent[] = {"Acme", "shares", "fell", "."};
    size_t na = feats(&r1, sent, 4, 0, a), nb = feats(&r2, sent, 4, 0, b);
    ok(nb > na && feats_subset(a, na, b, nb),
       "a word of the second table keeps its features and gains more (%zu -> %zu)", na, nb);
    na = feats(&r1, sent, 4, 2, a);
    nb = feats(&r2, sent, 4, 2, b);
    /* "fell" is not in the second table, but its left neighbour "shares" is */
    ok(nb > na && feats_subset(a, na, b, nb), "a neighbour's second-family class counts too");
    const char *lone[] = {"Acme", "fell"};
    na = feats(&r1, lone, 2, 1, a);
    etag_resource_builder b4 = {0};
    write_file(two, "shares\t1\t2\t3\n");
    ok(etag_resources_add_clusters(&b4, one, 0, err, sizeof err) == 0 &&
           etag_resources_add_clusters(&b4, two, 1, err, sizeof err) == 0,
       "a second table without the words of a sentence");
    etag_resources r4 = etag_resources_view(&b4);
    nb = feats(&r4, lone, 2, 1, b);
    ok(na == nb && feats_subset(a, na, b, nb),
       "gives that sentence exactly the one-family features (%zu, %zu)", na, nb);

    ok(etag_resources_add_clusters(&b3, bad, 1, err, sizeof err) < 0 &&
           strstr(err, "bad.txt:2: bad class id"),
       "a bad class id names the file and line: %s", err);

    np_buf_free(&scratch);
    etag_resources_builder_free(&b1);
    etag_resources_builder_free(&b2);
    etag_resources_builder_free(&b3);
    etag_resources_builder_free(&b4);
    unlink(one);
    unlink(two);
    unlink(bad);
    rmdir(dir);
    return done_testing();
}
