/* The serve journal: a round trip of every field, a fresh directory, and a damaged or
 * truncated journal refused rather than trusted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "serve/journal.h"
#include "tap.h"

static int rewrite(const char *path, long at, int flip, long cut)
{
    FILE *f = fopen(path, "rb+");
    if (!f) return -1;
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf, f);
    if (flip && at < (long)n) buf[at] ^= 1;
    if (cut >= 0 && cut < (long)n) n = (size_t)cut;
    rewind(f);
    fwrite(buf, 1, n, f);
    fclose(f);
    return truncate(path, (off_t)n);
}

int main(void)
{
    char dir[] = "/tmp/np-journal.XXXXXX";
    if (!mkdtemp(dir)) skip_all("no temporary directory");
    char path[256], err[256];
    snprintf(path, sizeof path, "%s/journal", dir);

    np_journal j = {0};
    ok(np__journal_load(&j, dir, err, sizeof err) == 1 && j.seq == 0 && j.batches == 0,
       "a fresh state directory has no journal: 1, zeroed");

    j.seq = 42;
    j.phase = NP_JOURNAL_OUTPUT;
    j.out = (np_jfile){1234, 5678, 1700000000};
    j.rej = (np_jfile){99, 0, 0};
    j.batches = 7;
    j.records_in = 700;
    j.records_out = 690;
    ok(np__journal_add_src(&j, "/q/0000000000000041.ndjson", 11) == 0 &&
           np__journal_add_src(&j, "/q/a file with spaces.ndjson", 12) == 0,
       "two sources");
    char *commits[] = {"/bin/newspipe-dedupe\t/s/dedupe.state", "/x/newspipe-y\t/s/y state"};
    ok(np__journal_set_commits(&j, commits, 2) == 0, "two state commits");
    ok(np__journal_save(&j, dir) == 0, "saved");

    np_journal k = {0};
    ok(np__journal_load(&k, dir, err, sizeof err) == 0, "loaded back");
    ok(k.seq == 42 && k.phase == NP_JOURNAL_OUTPUT, "seq and phase");
    ok(k.out.ino == 1234 && k.out.size == 5678 && k.out.created == 1700000000 && k.rej.ino == 99 &&
           k.rej.size == 0,
       "sink and reject positions");
    ok(k.batches == 7 && k.records_in == 700 && k.records_out == 690, "totals");
    ok(k.nsrcs == 2 && !strcmp(k.srcs[1], "/q/a file with spaces.ndjson") && k.src_inos[0] == 11 &&
           k.src_inos[1] == 12,
       "sources, with their inodes");
    ok(k.ncommits == 2 && !strcmp(k.commits[0], commits[0]) && !strcmp(k.commits[1], commits[1]),
       "state commits");
    np__journal_free(&k);

    ok(rewrite(path, 30, 1, -1) == 0 && np__journal_load(&k, dir, err, sizeof err) == -1,
       "a flipped bit is refused (%s)", err);
    np__journal_free(&k);
    ok(np__journal_save(&j, dir) == 0 && rewrite(path, 0, 0, 40) == 0 &&
           np__journal_load(&k, dir, err, sizeof err) == -1,
       "a truncated journal is refused (%s)", err);
    np__journal_free(&k);

    j.phase = NP_JOURNAL_DONE;
    np__journal_clear_srcs(&j);
    np__journal_set_commits(&j, NULL, 0);
    ok(np__journal_save(&j, dir) == 0 && np__journal_load(&k, dir, err, sizeof err) == 0 &&
           k.phase == NP_JOURNAL_DONE && k.nsrcs == 0 && k.ncommits == 0,
       "phase done, nothing to redo");
    np__journal_free(&k);
    np__journal_free(&j);

    unlink(path);
    rmdir(dir);
    return done_testing();
}
