/* Model file: build, write, map, and the errors for missing, truncated, corrupt and
 * wrong-version files; quantized scores stay close to the float weights. */
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "model.h"
#include "resources.h"

static char dir[] = "/tmp/etag-model-test.XXXXXX";

static long file_size(const char *p)
{
    FILE *f = fopen(p, "rb");
    if (!f) return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    return n;
}

/* Copies src to dst, then XORs byte at off with x (off < 0: truncate to -off bytes). */
static int mutate(const char *src, const char *dst, long off, unsigned char x)
{
    FILE *f = fopen(src, "rb");
    if (!f) return -1;
    long n = file_size(src);
    unsigned char *b = malloc((size_t)n);
    if (!b || fread(b, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(b);
        return -1;
    }
    fclose(f);
    if (off >= 0)
        b[off] ^= x;
    else
        n = -off;
    f = fopen(dst, "wb");
    if (!f) {
        free(b);
        return -1;
    }
    fwrite(b, 1, (size_t)n, f);
    fclose(f);
    free(b);
    return 0;
}

int main(void)
{
    if (!mkdtemp(dir)) skip_all("mkdtemp failed");
    char path[256], bad[256], err[512];
    snprintf(path, sizeof path, "%s/m.model", dir);
    snprintf(bad, sizeof bad, "%s/bad.model", dir);

    /* a few rows with known weights */
    etag_row rows[300];
    for (int i = 0; i < 300; i++) {
        rows[i].h = 0x9E3779B97F4A7C15ULL * (uint64_t)(i + 1);
        for (int l = 0; l < ETAG_NLABELS; l++) rows[i].w[l] = (float)((i * 7 + l * 3) % 11) - 5;
    }
    rows[5].h = rows[4].h ^ 0xFFFFFFFFULL; /* same fingerprint, different slot */
    etag_resource_builder rb = {0};
    etag_lexicon_set(&rb.clusters, 12345, 0x2A);
    etag_resources res = etag_resources_view(&rb);
    etag_model built;
    ok(etag_model_build(&built, rows, 300, 1000, &res, 1, 0, 0) == 0, "build a model of 300 rows");
    ok(built.nrows == 300, "all rows kept under max_rows");
    ok(etag_model_write(&built, path, err, sizeof err) == 0, "write it (%s)", err);

    etag_model m;
    ok(etag_model_open(&m, path, err, sizeof err) == 0, "open it again (%s)", err);
    float s[ETAG_NLABELS] = {0}, want[ETAG_NLABELS] = {0};
    uint64_t f[3] = {rows[0].h, rows[123].h, 0x1234}; /* the last is unknown: no weight */
    etag_model_score(&m, f, 3, s);
    for (int l = 0; l < ETAG_NLABELS; l++) want[l] = rows[0].w[l] + rows[123].w[l];
    float maxerr = 0;
    for (int l = 0; l < ETAG_NLABELS; l++)
        if (fabsf(s[l] - want[l]) > maxerr) maxerr = fabsf(s[l] - want[l]);
    ok(maxerr < 0.1f, "quantized scores within 0.1 of the float weights (max error %.3f)",
       (double)maxerr);
    ok(etag_lexicon_get(&m.res.clusters, 12345) == 0x2A, "cluster table survives the file");
    etag_model_close(&m);

    /* pruning keeps the heaviest rows */
    etag_model small;
    ok(etag_model_build(&small, rows, 300, 50, &res, 1, 0, 0) == 0 && small.nrows == 50,
       "max_rows prunes to 50 rows");
    etag_model_close(&small);

    snprintf(bad, sizeof bad, "%s/none.model", dir);
    ok(etag_model_open(&m, bad, err, sizeof err) < 0 && strstr(err, "cannot open"),
       "missing file: %s", err);
    snprintf(bad, sizeof bad, "%s/bad.model", dir);
    long n = file_size(path);
    mutate(path, bad, 64 + n / 2 - 64, 0x10);
    ok(etag_model_open(&m, bad, err, sizeof err) < 0 && strstr(err, "checksum"),
       "a flipped payload byte: %s", err);
    mutate(path, bad, 8, 0x07); /* version 1 -> 6 */
    ok(etag_model_open(&m, bad, err, sizeof err) < 0 && strstr(err, "version"),
       "another version: %s", err);
    mutate(path, bad, 0, 0x20);
    ok(etag_model_open(&m, bad, err, sizeof err) < 0 && strstr(err, "magic"), "not a model: %s",
       err);
    mutate(path, bad, -(n - 100), 0);
    ok(etag_model_open(&m, bad, err, sizeof err) < 0 && strstr(err, "truncated"), "truncated: %s",
       err);
    mutate(path, bad, -10, 0);
    ok(etag_model_open(&m, bad, err, sizeof err) < 0 && strstr(err, "too short"), "10 bytes: %s",
       err);

    etag_model_close(&built);
    etag_resources_builder_free(&rb);
    unlink(path);
    unlink(bad);
    rmdir(dir);
    return done_testing();
}
