/* ticker-link listings loader: good tables, an empty table, and bad rows reported with file
 * and line; symbol and RIC lookups; the binary cache round trip. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "listings.h"
#include "tap.h"

static const char *HDR = "issuer\tsymbol\tmic\tric\tprimary\tcountry\tvalid_from\tvalid_to\t"
                         "prior\tname\taliases\n";

static int count_cb(void *arg, uint32_t li)
{
    (void)li;
    (*(int *)arg)++;
    return 0;
}

static int load_text(const char *body, char *err, size_t errlen)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s%s", HDR, body);
    tl_table t;
    int rc = tl_table_load_text(&t, "test.tsv", buf, strlen(buf), err, errlen);
    tl_table_free(&t);
    return rc;
}

int main(void)
{
    char err[512];
    tl_table t;
    ok(tl_table_load_text(&t, "empty.tsv", "", 0, err, sizeof err) == 0 && t.n_lst == 0,
       "an empty file is an empty table");
    tl_table_free(&t);
    ok(tl_table_load_text(&t, "hdr.tsv", HDR, strlen(HDR), err, sizeof err) == 0 && t.n_lst == 0,
       "a header alone is an empty table");
    tl_table_free(&t);

    ok(load_text("x\tAAA\tXNYS\t\t1\tUS\t\t\t50\tAaa Corp\t\n", err, sizeof err) == 0,
       "one good row");
    ok(load_text("x\tAAA\tXNYS\t\t1\n", err, sizeof err) != 0 && strstr(err, "test.tsv:2:") &&
           strstr(err, "fields"),
       "short row: error names file and line");
    ok(load_text("x\tAAA\tnyse\t\t1\tUS\t\t\t50\tAaa\t\n", err, sizeof err) != 0 &&
           strstr(err, "test.tsv:2:") && strstr(err, "MIC"),
       "bad MIC");
    ok(load_text("x\tAAA\tXNYS\t\t1\tUS\t2013-13-01\t\t50\tAaa\t\n", err, sizeof err) != 0 &&
           strstr(err, "valid_from"),
       "bad date");
    ok(load_text("x\tAAA\tXNYS\t\t7\tUS\t\t\t50\tAaa\t\n", err, sizeof err) != 0 &&
           strstr(err, "primary"),
       "bad primary flag");
    ok(load_text("x\tAAA\tXNYS\t\t1\tUS\t\t\t50\t\t\n", err, sizeof err) != 0 &&
           strstr(err, "name"),
       "empty name");
    ok(load_text("# comment\n\nx\tAAA\tXNYS\t\t1\tUS\t\t\t\tAaa\t\r\n", err, sizeof err) == 0,
       "comments, blank lines and CRLF");
    ok(tl_table_load_text(&t, "nohdr.tsv", "x\tAAA\tXNYS\n", 12, err, sizeof err) != 0 &&
           strstr(err, "nohdr.tsv:1:"),
       "missing header");

    char fixture[4096];
    const char *top = getenv("NP_TOP");
    snprintf(fixture, sizeof fixture, "%s/tests/ticker-link/listings-fixture.tsv",
             top && *top ? top : ".");
    const char *path = fixture;
    ok(tl_table_load(&t, &path, 1, err, sizeof err) == 0 && t.n_lst >= 10, "fixture loads");
    int n = 0;
    tl_table_each_symbol(&t, "XNYS", "BABA", 4, count_cb, &n);
    ok(n == 1, "symbol lookup");
    n = 0;
    tl_table_each_ric(&t, "VOWG_p.DE", 9, count_cb, &n);
    ok(n == 1, "RIC lookup");
    n = 0;
    tl_table_each_symbol(&t, "XVTX", "NOPE", 4, count_cb, &n);
    ok(n == 0, "missing symbol");

    char cache[] = "/tmp/np-tl-cache-XXXXXX";
    int fd = mkstemp(cache);
    if (fd >= 0) close(fd);
    char *text[1] = {"abc"};
    size_t len[1] = {3};
    uint64_t fp = tl_cache_fingerprint(text, len, 1);
    ok(tl_cache_write(&t, cache, fp) == 0, "cache written");
    tl_table c;
    ok(tl_cache_read(&c, cache, fp) == 0 && c.n_lst == t.n_lst && c.n_iss == t.n_iss &&
           c.names.n_alias == t.names.n_alias,
       "cache read back");
    n = 0;
    tl_table_each_ric(&c, "VOWG_p.DE", 9, count_cb, &n);
    ok(n == 1 && strcmp(c.iss[c.lst[0].issuer].id, t.iss[t.lst[0].issuer].id) == 0,
       "lookups and strings from the cache");
    tl_table_free(&c);
    ok(tl_cache_read(&c, cache, fp + 1) != 0, "another fingerprint is a miss");
    /* Pruning keeps the most recently used cache files and only files named like caches. */
    char dir[] = "/tmp/np-tl-prune-XXXXXX";
    if (mkdtemp(dir)) {
        char p[256];
        for (int k = 0; k < 6; k++) {
            snprintf(p, sizeof p, "%s/listings-%016x.bin", dir, k);
            FILE *w = fopen(p, "w");
            if (w) fclose(w);
            struct timespec ts[2] = {{1000 + k, 0}, {1000 + k, 0}};
            utimensat(AT_FDCWD, p, ts, 0);
        }
        snprintf(p, sizeof p, "%s/other.bin", dir);
        FILE *w = fopen(p, "w");
        if (w) fclose(w);
        snprintf(p, sizeof p, "%s/listings-%016x.bin", dir, 0);
        tl_cache_touch(p); /* the oldest becomes the most recently used */
        ok(tl_cache_prune(dir, 4) == 2, "prune deletes all but the 4 most recently used");
        int left = 0;
        for (int k = 0; k < 6; k++) {
            snprintf(p, sizeof p, "%s/listings-%016x.bin", dir, k);
            left |= (access(p, F_OK) == 0) << k;
        }
        ok(left == (1 | 8 | 16 | 32), "the touched file and the newest three stay");
        snprintf(p, sizeof p, "%s/other.bin", dir);
        ok(access(p, F_OK) == 0, "files not named like caches are left alone");
        unlink(p);
        for (int k = 0; k < 6; k++) {
            snprintf(p, sizeof p, "%s/listings-%016x.bin", dir, k);
            unlink(p);
        }
        rmdir(dir);
    }
    FILE *f = fopen(cache, "r+b");
    if (f) {
        fseek(f, 100, SEEK_SET);
        fputc('X', f);
        fseek(f, -3, SEEK_END);
        fputc(0x7F, f);
        fclose(f);
    }
    truncate(cache, 200);
    ok(tl_cache_read(&c, cache, fp) != 0, "a damaged cache is a miss");
    unlink(cache);
    tl_table_free(&t);
    return done_testing();
}
