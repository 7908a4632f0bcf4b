/* lsh: band tables against brute force through adds, deletions (with markers and slot
 * reuse), rebuilds when full, the bulk build, and the per-key cap. */
#include <stdlib.h>
#include <string.h>

#include "docs.h"
#include "hash.h"
#include "lsh.h"
#include "tap.h"

enum { K = 128, BANDS = 32, ROWS = 4 };

static uint64_t rng = 7;

/* A signature; with family f > 0, band 0..3 equal to the family's (so band keys repeat). */
static void make_sig(dd_hval *sig, unsigned family)
{
    for (unsigned i = 0; i < K; i++) sig[i] = (dd_hval)np_mix64(rng++);
    if (family)
        for (unsigned i = 0; i < 4 * ROWS; i++) sig[i] = (dd_hval)np_mix64(family * 1000 + i);
}

/* Every live document is found under each of its band keys, exactly the live documents
 * with that key are (after verifying keys, as callers do), and nothing else. */
static int agrees(const dd_lsh *l, const dd_docs *d)
{
    for (uint32_t q = 0; q < d->used; q++) {
        if (!(d->flags[q] & DD_DOC_LIVE)) continue;
        for (unsigned b = 0; b < BANDS; b++) {
            uint64_t key = dd_lsh_key(l, dd_docs_sig(d, q), b);
            size_t want = 0, got = 0;
            for (uint32_t s = 0; s < d->used; s++)
                want += (d->flags[s] & DD_DOC_LIVE) && dd_lsh_key(l, dd_docs_sig(d, s), b) == key;
            dd_lshiter it;
            dd_lsh_find(l, b, key, &it);
            int self = 0;
            for (uint32_t s; (s = dd_lshiter_next(&it)) != DD_NO_SLOT;) {
                if (s >= d->used || !(d->flags[s] & DD_DOC_LIVE)) return 0; /* a removed one */
                if (dd_lsh_key(l, dd_docs_sig(d, s), b) != key) continue;
                got++;
                self |= s == q;
            }
            if (got != want || !self) return 0;
        }
    }
    return 1;
}

static int markers_bounded(const dd_lsh *l)
{
    for (unsigned b = 0; b < BANDS; b++)
        if ((l->t[b].n + l->t[b].dead) * 5 > l->t[b].cap * 4) return 0;
    return 1;
}

int main(void)
{
    dd_docs d;
    dd_lsh l;
    dd_hval sig[K];
    ok(dd_docs_init(&d, K, 16) == 0 && dd_lsh_init(&l, BANDS, ROWS, 99, 16) == 0, "init");
    int added = 1;
    for (unsigned i = 0; i < 1500; i++) {
        make_sig(sig, i % 5 == 0 ? 1 + (i / 5) % 40 : 0); /* families of up to 8 share 4 bands */
        uint32_t s = dd_docs_add(&d, sig, &(dd_evidence){0, 0, 0}, i, i, 0, 0, NULL, 0);
        added &= s != DD_NO_SLOT && dd_lsh_add(&l, &d, s) == 0;
    }
    ok(added && agrees(&l, &d), "1500 adds from tables sized for 16 (rebuilt as they fill)");
    for (uint32_t s = 0; s < d.used; s += 3) {
        dd_lsh_del(&l, &d, s);
        dd_docs_remove(&d, s);
    }
    ok(agrees(&l, &d), "a third deleted: the rest found, the deleted not");
    for (unsigned i = 0; i < 700; i++) {
        make_sig(sig, i % 4 == 0 ? 1 + (i / 4) % 40 : 0);
        uint32_t s = dd_docs_add(&d, sig, &(dd_evidence){0, 0, 0}, i, 5000 + i, 0, 0, NULL, 0);
        added &= s != DD_NO_SLOT && dd_lsh_add(&l, &d, s) == 0;
    }
    ok(added && agrees(&l, &d), "700 more reuse the freed slots and the deleted entries");
    int cycles = 1;
    for (unsigned round = 0; round < 20 && cycles; round++) {
        for (uint32_t s = round % 2; s < d.used; s += 2) {
            if (!(d.flags[s] & DD_DOC_LIVE)) continue;
            dd_lsh_del(&l, &d, s);
            dd_docs_remove(&d, s);
        }
        for (unsigned i = 0; i < 700; i++) {
            make_sig(sig, 0);
            uint32_t s = dd_docs_add(&d, sig, &(dd_evidence){0, 0, 0}, i, 9000 + i, 0, 0, NULL, 0);
            cycles &= s != DD_NO_SLOT && dd_lsh_add(&l, &d, s) == 0;
        }
        cycles &= markers_bounded(&l);
    }
    ok(cycles && agrees(&l, &d), "20 rounds of deleting half and adding: still exact");
    ok(markers_bounded(&l), "deletion markers never push a table past 0.8");

    dd_lsh fresh;
    ok(dd_lsh_init(&fresh, BANDS, ROWS, 99, 16) == 0 && dd_lsh_build(&fresh, &d) == 0,
       "bulk build from the documents");
    ok(agrees(&fresh, &d), "the bulk build agrees with brute force");
    dd_lsh_free(&fresh);
    dd_lsh_free(&l);
    dd_docs_free(&d);

    /* The cap: 40 documents sharing band 0..3 values; 32 kept under those keys. */
    ok(dd_docs_init(&d, K, 16) == 0 && dd_lsh_init(&l, BANDS, ROWS, 99, 16) == 0, "init again");
    for (unsigned i = 0; i < 40; i++) {
        make_sig(sig, 77);
        dd_lsh_add(&l, &d, dd_docs_add(&d, sig, &(dd_evidence){0, 0, 0}, i, i, 0, 0, NULL, 0));
    }
    dd_lshiter it;
    dd_lsh_find(&l, 0, dd_lsh_key(&l, dd_docs_sig(&d, 0), 0), &it);
    unsigned n = 0, first = 1;
    for (uint32_t s; (s = dd_lshiter_next(&it)) != DD_NO_SLOT; n++) first &= s < 32;
    ok(n == DD_LSH_KEY_CAP && first, "a shared band value holds the first %d (%u)", DD_LSH_KEY_CAP,
       n);
    dd_lsh_find(&l, 5, dd_lsh_key(&l, dd_docs_sig(&d, 39), 5), &it);
    ok(dd_lshiter_next(&it) == 39, "the 40th is still found through its other bands");
    dd_lsh_free(&l);
    dd_docs_free(&d);
    return done_testing();
}
