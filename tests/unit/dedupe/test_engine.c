/* engine and state: decisions, eviction, and the state file round trip and its errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "engine.h"
#include "exitcode.h"
#include "state.h"
#include "tap.h"

static const dd_config CFG = {
    .p = {.hashes = 128, .shingle = 5, .seed = DD_DEFAULT_SEED}, .bands = 32, .threshold = 0.5};

/* Letters for a number (figures would be normalized away). */
static char *letters(char *p, unsigned v)
{
    do *p++ = (char)('a' + v % 26);
    while ((v /= 26));
    return p;
}

/* A deterministic article of n words: word i of story s. */
static char *article(unsigned s, unsigned n, unsigned change_from, unsigned change_to)
{
    char *b = malloc((size_t)n * 24 + 1), *p = b;
    for (unsigned i = 0; i < n; i++) {
        *p++ = 'w';
        p = letters(p, s);
        *p++ = 'q';
        p = letters(p, i);
        p += sprintf(p, "%s ", i >= change_from && i < change_to ? "x" : "");
    }
    *p = 0;
    return b;
}

static dd_kind check(dd_engine *e, const char *id, const char *body, int64_t t, dd_result *r)
{
    char key[64];
    snprintf(key, sizeof key, "s%s", id ? id : "");
    char json[80];
    snprintf(json, sizeof json, "\"%s\"", id ? id : "");
    dd_engine_check(e, id ? json : NULL, id ? strlen(json) : 0, id ? key : NULL,
                    id ? strlen(key) : 0, body, body ? strlen(body) : 0, t, r);
    return r->kind;
}

int main(void)
{
    dd_engine e;
    dd_result r;
    ok(dd_engine_init(&e, &CFG, 16) == 0, "init");
    char *a = article(1, 400, 0, 0), *a2 = article(1, 400, 0, 40), *b = article(2, 400, 0, 0);
    char *a3 = article(1, 400, 20, 320);
    ok(check(&e, "a", a, 1000, &r) == DD_NEW, "first article is new");
    ok(check(&e, "a", b, 1001, &r) == DD_EXACT_ID && r.similarity == 1.0 && r.of_id_len == 3 &&
           !memcmp(r.of_id, "\"a\"", 3),
       "same id is an exact duplicate of \"a\"");
    ok(check(&e, "a-copy", a, 1002, &r) == DD_EXACT_BODY, "same body is an exact duplicate");
    ok(check(&e, "a-v2", a2, 1003, &r) == DD_NEAR && r.similarity > 0.7 && r.similarity < 0.95,
       "10%% of words changed: near duplicate, similarity %.3f", r.similarity);
    ok(check(&e, "a-v3", a3, 1004, &r) == DD_NEW, "75%% changed: new");
    ok(check(&e, "b", b, 1005, &r) == DD_EXACT_BODY && r.of_id_len == 3 &&
           !memcmp(r.of_id, "\"a\"", 3),
       "duplicates are remembered too: b's body, sent before under id a, is an exact duplicate");
    char *b2 = article(2, 400, 0, 20);
    ok(check(&e, "b2", b2, 1005, &r) == DD_NEAR && r.of_id_len == 3 && !memcmp(r.of_id, "\"b\"", 3),
       "an edit of b is a near duplicate of the newest exact copy of b's body");
    ok(check(&e, "n1", "", 1006, &r) == DD_NOBODY && check(&e, "n2", NULL, 1006, &r) == DD_NOBODY,
       "empty and missing bodies are never duplicates of each other");
    ok(check(&e, "n1", NULL, 1007, &r) == DD_EXACT_ID, "a body-less article's id is remembered");
    char *a4 = article(1, 400, 360, 400);
    ok(check(&e, NULL, a4, 1008, &r) == DD_NEAR, "no id: still compared by body");
    ok(check(&e, NULL, "totally different words in a short note", 1009, &r) == DD_NEW &&
           check(&e, "x", "totally different words in a short note", 1010, &r) == DD_EXACT_BODY &&
           r.of_id == NULL,
       "duplicate of an id-less article: of_id is NULL");
    ok(check(&e, "a-copy2", a, 1011, &r) == DD_EXACT_BODY && r.of_id_len == 8 &&
           !memcmp(r.of_id, "\"a-copy\"", 8),
       "an exact copy takes its twin's place: the newest copy is the one named");

    /* Same story updated vs same template, another story (issue 18). */
    dd_engine g;
    ok(dd_engine_init(&g, &CFG, 16) == 0, "init for templates");
    const char *alcoa =
        "Alcoa Inc (AA.N) reported third-quarter adjusted earnings of $0.23 per share on revenue "
        "of $5.77 billion, above analysts' average estimate of $0.21 per share, according to "
        "Thomson Reuters I/B/E/S.";
    const char *intel =
        "Intel Corp (INTC.O) reported third-quarter adjusted earnings of $0.23 per share on "
        "revenue of $5.77 billion, above analysts' average estimate of $0.21 per share, "
        "according to Thomson Reuters I/B/E/S.";
    const char *alcoa_upd =
        "Alcoa Inc (AA.N) reported third-quarter adjusted earnings of $0.26 per share on revenue "
        "of $5.81 billion, above analysts' average estimate of $0.22 per share, according to "
        "Thomson Reuters I/B/E/S. \n The aluminum maker said it expects global demand to grow "
        "7 percent next year, led by aerospace and autos in China.";
    ok(check(&g, "alcoa", alcoa, 5000, &r) == DD_NEW, "an earnings item is new");
    ok(check(&g, "intel", intel, 5100, &r) == DD_NEW,
       "another company's item on the same template, same figures: new (instruments differ)");
    ok(check(&g, "alcoa-2", alcoa_upd, 9000, &r) == DD_NEAR && r.of_id_len == 7 &&
           !memcmp(r.of_id, "\"alcoa\"", 7),
       "its update with every figure changed and a paragraph added: a near duplicate of it "
       "(similarity %.2f)",
       r.similarity);
    const char *mk = "NEW YORK (Reuters) - U.S. stocks closed higher on %s, driven by gains in "
                     "technology shares. The Dow Jones industrial average rose %d points, or %d.%d "
                     "percent, to end at %d. The Nasdaq Composite added %d points to close at %d.";
    char m1[512], m2[512], m3[512], m4[512], m5[512];
    snprintf(m1, sizeof m1, mk, "Tuesday", 120, 0, 8, 15321, 31, 3921);
    snprintf(m2, sizeof m2, mk, "Tuesday", 131, 0, 9, 15333, 35, 3925);
    snprintf(m3, sizeof m3, mk, "Wednesday", 97, 0, 6, 15230, 12, 3890);
    snprintf(m4, sizeof m4, mk, "Tuesday", 75, 0, 5, 15001, 10, 3870);
    snprintf(m5, sizeof m5, mk, "Thursday", 120, 0, 8, 15321, 31, 3921);
    ok(check(&g, "mkt-tue", m1, 20000, &r) == DD_NEW, "a market close report is new");
    ok(check(&g, "mkt-tue-2", m2, 23600, &r) == DD_NEAR,
       "its update an hour later with every figure changed: a near duplicate");
    ok(check(&g, "mkt-wed", m3, 20000 + 86400, &r) == DD_NEW,
       "the next day's report (another weekday, other figures): new");
    ok(check(&g, "mkt-tue-next", m4, 20000 + 7 * 86400, &r) == DD_NEW,
       "the report of a week later (same weekday, other figures): new, leads are not compared "
       "beyond 18 hours");
    ok(check(&g, "mkt-thu", m5, 20000 + 2 * 86400, &r) == DD_NEW,
       "a report naming another weekday is another story, even with the same figures");
    dd_engine_free(&g);

    /* State round trip. */
    char dir[] = "/tmp/dd-unit-XXXXXX";
    ok(mkdtemp(dir) != NULL, "temp dir");
    char path[256], msg[512];
    snprintf(path, sizeof path, "%s/state", dir);
    ok(e.docs.used > e.docs.n || e.docs.nfree > 0 || e.docs.seq[e.docs.used - 1] < e.docs.seq[0],
       "the engine saved has slots out of arrival order (copies took their twins' places): "
       "the save renumbers its LSH tables");
    ok(dd_state_save(&e, path, msg, sizeof msg) == 0, "save: %s", msg);
    dd_engine f;
    dd_engine_init(&f, &CFG, 16);
    int rc = dd_state_load(&f, path, msg, sizeof msg);
    ok(rc == 0 && f.docs.n == e.docs.n, "load restores %u documents (rc %d)", f.docs.n, rc);
    ok(f.watermark == e.watermark, "window position saved");
    char *a5 = article(1, 400, 100, 140);
    ok(check(&f, "zz", a5, 1011, &r) == DD_NEAR && r.of_id_len == 9 &&
           !memcmp(r.of_id, "\"a-copy2\"", 9),
       "loaded state finds the near duplicate of story a (%.*s)", (int)r.of_id_len, r.of_id);
    free(a5);
    ok(check(&f, "n1", NULL, 1012, &r) == DD_EXACT_ID, "loaded state remembers body-less ids");
    dd_engine_free(&f);
    /* The saved LSH tables are for 32 bands: a run with others builds its own. */
    dd_config bands16 = CFG;
    bands16.bands = 16;
    dd_engine_init(&f, &bands16, 16);
    rc = dd_state_load(&f, path, msg, sizeof msg);
    ok(rc == 0 && f.lsh.bands == 16 && f.lsh.t[15].n == f.lsh.t[0].n && f.lsh.t[0].n > 0,
       "load with --bands 16: tables built for 16 bands (rc %d)", rc);
    a5 = article(1, 400, 100, 140);
    ok(check(&f, "zz", a5, 1011, &r) == DD_NEAR && r.of_id_len == 9 &&
           !memcmp(r.of_id, "\"a-copy2\"", 9),
       "and finds the same near duplicate (%.*s)", (int)r.of_id_len, r.of_id);
    free(a5);
    dd_engine_free(&f);

    dd_config other = CFG;
    other.p.shingle = 4;
    dd_engine_init(&f, &other, 16);
    ok(dd_state_load(&f, path, msg, sizeof msg) == NP_EX_CONFIG && strstr(msg, path),
       "other parameters: 78, naming the file (%s)", msg);
    dd_engine_free(&f);

    FILE *fp = fopen(path, "rb");
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *bytes = malloc((size_t)size);
    ok(fread(bytes, 1, (size_t)size, fp) == (size_t)size, "read state back (%ld bytes)", size);
    fclose(fp);
    char p2[300];
    snprintf(p2, sizeof p2, "%s/bad", dir);
    for (long cut = 0; cut < size; cut += size / 13 + 1) {
        fp = fopen(p2, "wb");
        fwrite(bytes, 1, (size_t)cut, fp);
        fclose(fp);
        dd_engine_init(&f, &CFG, 16);
        rc = dd_state_load(&f, p2, msg, sizeof msg);
        ok(rc == NP_EX_DATAERR, "truncated to %ld bytes: 65 (%s)", cut, msg);
        dd_engine_free(&f);
    }
    for (long at = 0; at < size; at += size / 11 + 1) {
        bytes[at] ^= 0x20;
        fp = fopen(p2, "wb");
        fwrite(bytes, 1, (size_t)size, fp);
        fclose(fp);
        bytes[at] ^= 0x20;
        dd_engine_init(&f, &CFG, 16);
        rc = dd_state_load(&f, p2, msg, sizeof msg);
        ok(rc == NP_EX_DATAERR, "byte %ld flipped: 65 (%s)", at, msg);
        dd_engine_free(&f);
        ok(dd_state_verify(p2, msg, sizeof msg) == NP_EX_DATAERR, "verify sees it too");
    }
    ok(dd_state_verify(path, msg, sizeof msg) == 0, "verify passes the good file");
    /* A file of format version 1 (16-bit signature values), its header otherwise intact. */
    memcpy(bytes + 8, "\1\0\0\0", 4);
    uint32_t hcrc = (uint32_t)crc32(0, (const unsigned char *)bytes, 60);
    for (int i = 0; i < 4; i++) bytes[60 + i] = (char)(hcrc >> (8 * i));
    fp = fopen(p2, "wb");
    fwrite(bytes, 1, (size_t)size, fp);
    fclose(fp);
    dd_engine_init(&f, &CFG, 16);
    rc = dd_state_load(&f, p2, msg, sizeof msg);
    ok(rc == NP_EX_CONFIG && strstr(msg, "version 1") && strstr(msg, p2),
       "format version 1: 78, naming the file and the version (%s)", msg);
    dd_engine_free(&f);
    memcpy(bytes + 8, "\2\0\0\0", 4);
    hcrc = (uint32_t)crc32(0, (const unsigned char *)bytes, 60);
    for (int i = 0; i < 4; i++) bytes[60 + i] = (char)(hcrc >> (8 * i));
    fp = fopen(p2, "wb");
    fwrite(bytes, 1, (size_t)size, fp);
    fclose(fp);
    dd_engine_init(&f, &CFG, 16);
    rc = dd_state_load(&f, p2, msg, sizeof msg);
    ok(rc == NP_EX_CONFIG && strstr(msg, "version 2") && strstr(msg, "--state-reset"),
       "format version 2 (no evidence, one signature): 78, saying how to start afresh (%s)", msg);
    dd_engine_free(&f);
    dd_engine_init(&f, &CFG, 16);
    ok(dd_state_load(&f, "/nonexistent/dd-state", msg, sizeof msg) == DD_STATE_ABSENT,
       "a missing file is a fresh start");
    dd_engine_free(&f);
    unlink(p2);
    unlink(path);
    rmdir(dir);
    free(bytes);
    dd_engine_free(&e);

    /* Window: by time, evicting the oldest; max-docs. */
    dd_config w = CFG;
    w.window = 100;
    dd_engine_init(&e, &w, 16);
    char *s[6];
    for (unsigned i = 0; i < 6; i++) s[i] = article(10 + i, 50, 0, 0);
    check(&e, "s0", s[0], 1000, &r);
    check(&e, "s1", s[1], 1050, &r);
    check(&e, "s2", s[2], 990, &r); /* out of order, older */
    ok(e.docs.n == 3, "three remembered");
    check(&e, "s3", s[3], 1095, &r);
    ok(e.docs.n == 3 && check(&e, "s2b", s[2], 1095, &r) == DD_NEW,
       "at 1095 the 990 article is gone (window 100), 1000 stays");
    ok(check(&e, "s0b", s[0], 1096, &r) == DD_EXACT_BODY, "the 1000 article is still there");
    check(&e, "s4", s[4], 1200, &r);
    ok(e.docs.n == 1 && e.counts.evicted == 5, "a jump to 1200 evicts everything older than 1100");
    dd_engine_free(&e);
    w.window = 0;
    w.max_docs = 2;
    dd_engine_init(&e, &w, 16);
    check(&e, "s0", s[0], 3, &r);
    check(&e, "s1", s[1], 1, &r);
    check(&e, "s2", s[2], 2, &r);
    ok(e.docs.n == 2 && check(&e, "s1", NULL, 4, &r) == DD_NOBODY,
       "max-docs 2 evicts the oldest by time (s1 at t=1)");
    ok(check(&e, "s0", NULL, 5, &r) == DD_EXACT_ID, "s0 (t=3) stays");
    dd_engine_free(&e);
    for (unsigned i = 0; i < 6; i++) free(s[i]);

    /* A larger round trip, built by the bulk path (threads, partitions, arenas): every
     * story is found again after a load, edited copies as near duplicates, and a window
     * applied after the load evicts in time order. */
    enum { NS = 3000 };
    char sdir[] = "/tmp/np-dd-bulk-XXXXXX", spath[64];
    ok(mkdtemp(sdir) != NULL, "temp dir for the larger state");
    snprintf(spath, sizeof spath, "%s/state", sdir);
    dd_engine_init(&e, &CFG, 16);
    int allnew = 1;
    for (unsigned i = 0; i < NS; i++) {
        char *t = article(1000 + i, 60, 0, 0), id[16];
        snprintf(id, sizeof id, "k%u", i);
        allnew &= check(&e, i % 7 ? id : NULL, i % 11 ? t : NULL, 5000 + i, &r) == DD_NEW ||
                  (i % 11 == 0 && r.kind == DD_NOBODY);
        free(t);
    }
    ok(allnew, "%d stories remembered (some without id, some without body)", NS);
    msg[0] = 0;
    ok(dd_state_save(&e, spath, msg, sizeof msg) == 0, "save %d %s", NS, msg);
    dd_engine_init(&f, &CFG, 16);
    ok(dd_state_load(&f, spath, msg, sizeof msg) == 0 && f.docs.n == e.docs.n, "load %u of %u %s",
       f.docs.n, e.docs.n, msg);
    int near = 1, ids = 1, bodies = 1;
    for (unsigned i = 0; i < NS; i++) {
        char id[16], *t;
        snprintf(id, sizeof id, "k%u", i);
        if (i % 7 && i % 11) {
            t = article(1000 + i, 60, 50, 55);
            char nid[24];
            snprintf(nid, sizeof nid, "new%u", i);
            near &= check(&f, nid, t, 9000, &r) == DD_NEAR && r.of_id_len == strlen(id) + 2 &&
                    !memcmp(r.of_id + 1, id, strlen(id));
            free(t);
        }
        if (i % 7) ids &= check(&f, id, NULL, 9000, &r) == DD_EXACT_ID;
        if (i % 11) {
            t = article(1000 + i, 60, 0, 0);
            bodies &= check(&f, NULL, t, 9000, &r) == DD_EXACT_BODY;
            free(t);
        }
    }
    ok(near, "after the load every story's edited copy is a near duplicate of it");
    ok(ids && bodies, "after the load every id and every body is remembered");
    dd_engine_free(&f);
    w = CFG;
    w.window = 1000;
    dd_engine_init(&f, &w, 16);
    unsigned keep = 0;
    for (unsigned i = NS - 1001; i < NS; i++) keep += i % 7 || i % 11;
    uint64_t gone = dd_state_load(&f, spath, msg, sizeof msg) == 0 ? dd_engine_evict(&f) : 0;
    ok(gone == e.docs.n - keep && f.docs.n == keep,
       "a window after the load keeps the newest %u (%u, %llu evicted)", keep, f.docs.n,
       (unsigned long long)gone);
    char *t = article(1000 + NS - 1001, 60, 0, 0), *old = article(1000 + NS - 1002, 60, 0, 0);
    ok(check(&f, NULL, old, 5000 + NS - 1, &r) == DD_NEW &&
           check(&f, NULL, t, 5000 + NS - 1, &r) == DD_EXACT_BODY,
       "the oldest kept is there, the one before it is gone");
    free(t);
    free(old);
    dd_engine_free(&f);
    dd_engine_free(&e);
    unlink(spath);
    rmdir(sdir);
    free(a);
    free(a2);
    free(a3);
    free(a4);
    free(b);
    free(b2);
    return done_testing();
}
