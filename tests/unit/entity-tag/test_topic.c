/* The document's topic word (feature.c): a wire heading's first word in capitals before "-"
 * ("SOCCER - LEEDS BEAT CHELSEA") adds a feature to every capitalized token of the document,
 * not to lower-case ones; no other opening does; and a window of a long document gets the
 * topic the whole-document scan found. */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "featset.h"
#include "feature.h"

#define MAXT 16

/* Splits text at spaces into toks (words borrowed from text); "|" starts a sentence. */
static size_t toks_of(const char *text, char buf[][24], etag_tok *t)
{
    size_t n = 0;
    int sent = 1;
    for (const char *p = text; *p && n < MAXT;) {
        while (*p == ' ') p++;
        if (!*p) break;
        if (*p == '|') {
            sent = 1;
            p++;
            continue;
        }
        size_t len = strcspn(p, " |");
        snprintf(buf[n], sizeof buf[n], "%.*s", (int)len, p);
        t[n] = (etag_tok){buf[n], (uint32_t)len, (uint8_t)(sent ? ETAG_TF_SENT_START : 0)};
        sent = 0;
        n++;
        p += len;
    }
    return n;
}

/* Token i's features of the document text, sorted into x; their count. */
static size_t feats(const char *text, size_t i, uint64_t *x)
{
    static char buf[MAXT][24];
    etag_tok t[MAXT];
    etag_features f = {0};
    etag_resources r = {0};
    size_t n = toks_of(text, buf, t), k = 0;
    if (etag_features_compute(&f, &r, t, n) == 0) k = etag_features_token(&f, i, x);
    etag_features_free(&f);
    return k;
}

int main(void)
{
    uint64_t a[ETAG_MAXFEAT], b[ETAG_MAXFEAT];
    const char *body = "| Leeds won the match .";
    char soccer[128], cricket[128], plain[128], mixed[128], late[128];
    snprintf(soccer, sizeof soccer, "SOCCER - LEEDS BEAT CHELSEA %s", body);
    snprintf(cricket, sizeof cricket, "CRICKET - LEEDS BEAT CHELSEA %s", body);
    snprintf(plain, sizeof plain, "LEEDS BEAT CHELSEA AT HOME %s", body);
    snprintf(mixed, sizeof mixed, "Soccer - LEEDS BEAT CHELSEA %s", body);
    snprintf(late, sizeof late, "SOCCER LEEDS BEAT CHELSEA - %s", body);
    /* "Leeds" is token 5 in each (the heading has five tokens) */
    size_t na = feats(soccer, 5, a), nb = feats(plain, 5, b);
    ok(na == nb + 1,
       "a capitalized word of a document under 'SOCCER -' has one feature more (%zu, %zu)", na, nb);
    nb = feats(cricket, 5, b);
    ok(na == nb && !feats_same(a, na, b, nb),
       "and the topic is the heading's word (CRICKET differs)");
    na = feats(mixed, 5, a);
    nb = feats(plain, 5, b);
    ok(feats_same(a, na, b, nb), "no topic when the first word is not in capitals");
    na = feats(late, 5, a);
    ok(feats_same(a, na, b, nb), "nor when '-' comes after the fourth token");
    na = feats(soccer, 6, a);
    nb = feats(plain, 6, b);
    ok(feats_same(a, na, b, nb), "a lower-case word gets no topic feature");

    /* a window that starts at the body sentence: the features the whole document gives */
    static char buf[MAXT][24];
    etag_tok t[MAXT];
    size_t n = toks_of(soccer, buf, t);
    etag_features f = {0};
    etag_resources r = {0};
    na = feats(soccer, 5, a);
    int rc = etag_features_scan(&f, t, n, 3) || etag_features_window(&f, &r, t + 5, n - 5);
    nb = rc ? 0 : etag_features_token(&f, 0, b);
    ok(!rc && feats_same(a, na, b, nb), "a window of the body has the scan's topic (%zu, %zu)", na,
       nb);
    etag_features_free(&f);
    return done_testing();
}
