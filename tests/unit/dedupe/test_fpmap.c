/* fpmap: multimap semantics, backward-shift deletion, growth and the per-key cap. */
#include <stdlib.h>

#include "fpmap.h"
#include "hash.h"
#include "tap.h"

static int has(const dd_fpmap *m, uint64_t key, uint32_t slot)
{
    dd_fpiter it;
    dd_fpmap_find(m, key, &it);
    for (uint32_t s; (s = dd_fpiter_next(&it)) != DD_NO_SLOT;)
        if (s == slot) return 1;
    return 0;
}

int main(void)
{
    dd_fpmap m = {0};
    enum { N = 20000 };
    int okall = 1;
    for (uint32_t i = 0; i < N; i++) okall &= dd_fpmap_add(&m, np_mix64(i), i, 0) == 0;
    ok(okall && m.n == N, "adds %d keys from an empty map (grows)", N);
    okall = 1;
    for (uint32_t i = 0; i < N; i++) okall &= has(&m, np_mix64(i), i);
    ok(okall, "finds every key");
    ok(m.n * 5 <= m.cap * 4, "load stays at most 0.8 (%zu of %zu)", m.n, m.cap);
    for (uint32_t i = 0; i < N; i += 2) dd_fpmap_del(&m, np_mix64(i), i);
    okall = 1;
    for (uint32_t i = 0; i < N; i++) okall &= has(&m, np_mix64(i), i) == (int)(i & 1);
    ok(okall && m.n == N / 2, "after deleting the even ones, exactly the odd ones remain");
    dd_fpmap_del(&m, np_mix64(1), 999999);
    ok(has(&m, np_mix64(1), 1) && m.n == N / 2, "deleting an absent (key, slot) changes nothing");

    /* Colliding fingerprints: same high bits, different low bits. */
    dd_fpmap c = {0};
    uint64_t k1 = 0xabcdef0100000001ULL, k2 = 0xabcdef0100000002ULL;
    dd_fpmap_add(&c, k1, 1, 0);
    dd_fpmap_add(&c, k2, 2, 0);
    ok(has(&c, k1, 1) && has(&c, k1, 2),
       "keys sharing a fingerprint are both returned (caller verifies)");
    dd_fpmap_free(&c);

    dd_fpmap k = {0};
    int added = 0, skipped = 0;
    for (uint32_t i = 0; i < 100; i++) {
        int r = dd_fpmap_add(&k, 42ULL << 32, i, 32);
        added += r == 0;
        skipped += r == 1;
    }
    ok(added == 32 && skipped == 68, "per-key cap: 32 kept, 68 skipped (got %d, %d)", added,
       skipped);
    dd_fpmap_free(&k);

    /* Many equal keys, then deletion in the middle of the run. */
    dd_fpmap r = {0};
    for (uint32_t i = 0; i < 50; i++) dd_fpmap_add(&r, 7ULL << 32, i, 0);
    for (uint32_t i = 0; i < 50; i++) dd_fpmap_add(&r, np_mix64(1000 + i), 1000 + i, 0);
    for (uint32_t i = 10; i < 40; i++) dd_fpmap_del(&r, 7ULL << 32, i);
    okall = 1;
    for (uint32_t i = 0; i < 50; i++) okall &= has(&r, 7ULL << 32, i) == (i < 10 || i >= 40);
    for (uint32_t i = 0; i < 50; i++) okall &= has(&r, np_mix64(1000 + i), 1000 + i);
    ok(okall, "runs of equal keys survive deletions inside them");
    dd_fpmap_free(&r);

    /* Bulk filling equals adding one by one: the same slots under every key, the per-key
     * cap keeping the earliest, slot 0 included, and the map usable afterwards. */
    enum { B = 50000 };
    dd_fpent *in = malloc(B * sizeof *in), *tmp = malloc(B * sizeof *tmp);
    dd_fpmap one = {0}, bulk = {0};
    ok(in && tmp && dd_fpmap_init(&bulk, 16) == 0, "bulk: set up");
    for (uint32_t i = 0; i < B; i++) {
        /* every 10th key is shared by 40 slots: some fall over the cap of 32 */
        uint64_t key = i % 10 == 0 ? (uint64_t)(i / 400 + 1) << 32 : np_mix64(i);
        in[i] = (dd_fpent){(uint32_t)(key >> 32), i};
        dd_fpmap_add(&one, key, i, 32);
    }
    ok(dd_fpmap_bulk(&bulk, in, tmp, B, 32) == 0, "bulk fills %d entries", B);
    ok(bulk.n == one.n, "bulk and one-by-one hold as many entries (%zu, %zu)", bulk.n, one.n);
    okall = 1;
    for (uint32_t i = 0; i < B; i++) {
        uint64_t key = i % 10 == 0 ? (uint64_t)(i / 400 + 1) << 32 : np_mix64(i);
        okall &= has(&bulk, key, i) == has(&one, key, i);
    }
    ok(okall, "bulk and one-by-one find the same slots under every key");
    ok(has(&bulk, 1ULL << 32, 0) && !has(&bulk, 1ULL << 32, 390), "the cap keeps the earliest");
    for (uint32_t i = 1; i < B; i += 2) {
        uint64_t key = i % 10 == 0 ? (uint64_t)(i / 400 + 1) << 32 : np_mix64(i);
        dd_fpmap_del(&bulk, key, i);
    }
    okall = 1;
    for (uint32_t i = 0; i < B; i += 2) {
        uint64_t key = i % 10 == 0 ? (uint64_t)(i / 400 + 1) << 32 : np_mix64(i);
        okall &= has(&bulk, key, i) == has(&one, key, i);
    }
    ok(okall, "a bulk-filled map deletes like any other");
    free(in);
    free(tmp);
    dd_fpmap_free(&one);
    dd_fpmap_free(&bulk);
    dd_fpmap_free(&m);
    return done_testing();
}
