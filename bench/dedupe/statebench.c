/* dedupe-statebench: the state file at scale. Builds an engine remembering N synthetic
 * articles (random MinHash values as real signatures have, Reuters-like ids of about
 * 60 bytes, increasing times), then times saving it, loading it into a fresh engine, and
 * saving again; prints bytes per article on disk and in memory (the engine's own count).
 *
 *   dedupe-statebench N FILE
 *   dedupe-statebench touch MB    (baseline: time to malloc and memset MB of fresh memory) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "hash.h"
#include "state.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: dedupe-statebench N FILE\n");
        return 64;
    }
    if (!strcmp(argv[1], "touch")) {
        /* Baseline: the cost of touching this much fresh memory on this machine. */
        size_t mb = strtoull(argv[2], NULL, 10), bytes = mb << 20;
        double a = now();
        char *p = malloc(bytes);
        if (!p) return 70;
        memset(p, 1, bytes);
        volatile char sink = p[bytes / 2]; /* keeps the compiler from eliding the memset */
        (void)sink;
        double b = now();
        printf("baseline: malloc + memset of %zu MB fresh memory: %.3f s\n", mb, b - a);
        free(p);
        return 0;
    }
    size_t n = strtoull(argv[1], NULL, 10);
    const char *path = argv[2];
    dd_config c = {
        .p = {.hashes = 128, .shingle = 5, .seed = DD_DEFAULT_SEED}, .bands = 32, .threshold = 0.5};
    dd_engine e, f;
    if (dd_engine_init(&e, &c, 4096) < 0) return 70;
    dd_hval sig[128];
    char id[128];
    uint64_t r = 42;
    double t0 = now();
    for (size_t i = 0; i < n; i++) {
        for (int j = 0; j < 128; j += 8) {
            uint64_t v = np_mix64(r++);
            memcpy(sig + j, &v, 8);
        }
        int len =
            snprintf(id, sizeof id, "\"reuters-us-company-news-story-idUSBRE9%07zuX2013%04zu\"", i,
                     i % 1231);
        /* evidence as an article has it: an instrument or two, a lead, a weekday */
        dd_evidence ev = {1ULL << (np_mix64(i * 5) >> 58) | (i % 3 ? 0 : 1ULL << (i % 64)),
                          (uint32_t)np_mix64(i * 3) | 1, (uint8_t)(1u << (i % 5))};
        if (dd_engine_restore(&e, id, (size_t)len, np_mix64(i) | 1, np_mix64(~i) | 1, sig, &ev,
                              1380585600 + (int64_t)i * 7) < 0)
            return 70;
    }
    if (dd_engine_index(&e) < 0) return 70;
    double t1 = now();
    char msg[512];
    if (dd_state_save(&e, path, msg, sizeof msg)) {
        fprintf(stderr, "%s\n", msg);
        return 74;
    }
    double t2 = now();
    FILE *fp = fopen(path, "rb");
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fclose(fp);
    size_t mem = dd_engine_bytes(&e);
    dd_engine_free(&e);
    if (dd_engine_init(&f, &c, 4096) < 0) return 70;
    double t3 = now();
    if (dd_state_load(&f, path, msg, sizeof msg)) {
        fprintf(stderr, "%s\n", msg);
        return 65;
    }
    double t4 = now();
    if (dd_state_save(&f, path, msg, sizeof msg)) {
        fprintf(stderr, "%s\n", msg);
        return 74;
    }
    double t5 = now();
    printf("remembered articles: %u (built in %.2f s)\n", f.docs.n, t1 - t0);
    printf("state file: %ld bytes, %.1f bytes per article\n", size, (double)size / n);
    printf("memory (engine's own count, after building): %zu bytes, %.1f bytes per article\n", mem,
           (double)mem / n);
    printf("memory (engine's own count, after loading): %zu bytes, %.1f bytes per article\n",
           dd_engine_bytes(&f), (double)dd_engine_bytes(&f) / n);
    printf("save %.3f s, load %.3f s, save again %.3f s: load + save %.3f s\n", t2 - t1, t4 - t3,
           t5 - t4, (t4 - t3) + (t5 - t4));
    dd_engine_free(&f);
    return 0;
}
