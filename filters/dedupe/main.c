/* newspipe-dedupe: drops (or, with --mark, labels) articles already seen: exact duplicates
 * by id or normalized body, near duplicates by MinHash + LSH; remembers what it saw in a
 * locked, atomically saved state file across runs. The decision is in engine.c, the file
 * format in state.c, the lock and commit protocol in common/statefile.c; this file is
 * options, records and the state's life cycle. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "engine.h"
#include "exitcode.h"
#include "filter.h"
#include "json.h"
#include "state.h"
#include "statefile.h"

#define DEFAULT_THRESHOLD 0.5

enum {
    OPT_THRESHOLD = 256,
    OPT_MARK,
    OPT_STATE,
    OPT_STATE_RESET,
    OPT_STATE_COMMIT,
    OPT_COMMIT,
    OPT_WAIT,
    OPT_WINDOW,
    OPT_MAX_DOCS,
    OPT_FIELD,
    OPT_TIME_FIELD,
    OPT_HASHES,
    OPT_BANDS,
    OPT_SHINGLE,
    OPT_EMIT_FROM,
};

static const np_option options[] = {
    {"threshold", 1, OPT_THRESHOLD, 't', "X",
     "near duplicate at estimated overlap >= X (0..1, default 0.5)"},
    {"mark", 0, OPT_MARK, 0, NULL, "keep duplicates, adding duplicate_of and similarity"},
    {"state", 1, OPT_STATE, 0, "FILE", "remember articles across runs in FILE (locked)"},
    {"state-reset", 0, OPT_STATE_RESET, 0, NULL, "ignore the saved state: start afresh"},
    {"state-commit", 1, OPT_STATE_COMMIT, 0, "MODE",
     "immediate (save FILE at the end) or deferred (save FILE.pending)"},
    {"commit", 1, OPT_COMMIT, 0, "FILE", "promote FILE.pending to FILE and exit (alone)"},
    {"wait", 0, OPT_WAIT, 0, NULL, "wait for the state lock instead of exiting 75"},
    {"window", 1, OPT_WINDOW, 0, "DURATION", "forget articles older than this (e.g. 72h)"},
    {"max-docs", 1, OPT_MAX_DOCS, 0, "N", "remember at most N articles (oldest go first)"},
    {"field", 1, OPT_FIELD, 0, "NAME", "the text field to compare (default body)"},
    {"time-field", 1, OPT_TIME_FIELD, 0, "NAME",
     "the article's time for --window (default published; else arrival time)"},
    {"hashes", 1, OPT_HASHES, 0, "N", "MinHash values per article (default 128)"},
    {"bands", 1, OPT_BANDS, 0, "N", "LSH bands; divides --hashes (default 32)"},
    {"shingle", 1, OPT_SHINGLE, 0, "N", "words per shingle (default 5)"},
    {"emit-from", 1, OPT_EMIT_FROM, 0, "TIME",
     "write only articles of time >= TIME (RFC 3339); read the earlier ones to remember them"},
    {NULL, 0, 0, 0, NULL, NULL},
};

typedef struct {
    dd_config cfg;
    np_state st; /* --state FILE and its protocol (common/statefile.h) */
    const char *field, *time_field;
    int reset, mark;
    int have_emit_from;
    int64_t emit_from; /* --emit-from, Unix seconds */
    dd_engine eng;
    int have_engine;
    uint64_t loaded;
    uint64_t exact, near, nobody; /* this run's verdicts (--stats), replayed records not */
    np_buf idkey, val;
} dedupe;

static int opt_uint(const char *name, const char *arg, uint64_t min, uint64_t max, uint64_t *v)
{
    if (np_parse_uint(arg, min, max, v) == 0) return NP_EX_OK;
    np_error("--%s: '%s' is not a whole number in %llu..%llu", name, arg, (unsigned long long)min,
             (unsigned long long)max);
    return NP_EX_USAGE;
}

static int dd_option(void *ctx, int key, const char *arg)
{
    dedupe *d = ctx;
    uint64_t v;
    int rc;
    switch (key) {
    case OPT_THRESHOLD:
        if (np_parse_double(arg, 0.0, 1.0, &d->cfg.threshold) == 0) return NP_EX_OK;
        np_error("--threshold: '%s' is not a number in 0..1", arg);
        return NP_EX_USAGE;
    case OPT_MARK: d->mark = 1; return NP_EX_OK;
    case OPT_STATE: d->st.file = arg; return NP_EX_OK;
    case OPT_STATE_RESET: d->reset = 1; return NP_EX_OK;
    case OPT_WAIT: d->st.wait = 1; return NP_EX_OK;
    case OPT_STATE_COMMIT: return np_state_set_commit(&d->st, arg);
    case OPT_COMMIT:
        np_error("--commit FILE promotes a pending state and takes no other options but --wait");
        return NP_EX_USAGE;
    case OPT_WINDOW: {
        int64_t s;
        if (np_parse_duration(arg, &s) == 0 && s > 0) {
            d->cfg.window = s;
            return NP_EX_OK;
        }
        np_error("--window: '%s' is not a duration (e.g. 72h, 7d, 90m)", arg);
        return NP_EX_USAGE;
    }
    case OPT_MAX_DOCS:
        rc = opt_uint("max-docs", arg, 1, UINT32_MAX - 2, &v);
        d->cfg.max_docs = v;
        return rc;
    case OPT_EMIT_FROM:
        if (np_parse_time(arg, strlen(arg), &d->emit_from) == 0) {
            d->have_emit_from = 1;
            return NP_EX_OK;
        }
        np_error("--emit-from: '%s' is not a time (RFC 3339, e.g. 2013-10-02T00:00:00Z)", arg);
        return NP_EX_USAGE;
    case OPT_FIELD: d->field = arg; return NP_EX_OK;
    case OPT_TIME_FIELD: d->time_field = arg; return NP_EX_OK;
    case OPT_HASHES:
        rc = opt_uint("hashes", arg, 8, DD_MAX_HASHES, &v);
        d->cfg.p.hashes = (unsigned)v;
        return rc;
    case OPT_BANDS:
        rc = opt_uint("bands", arg, 1, DD_MAX_HASHES, &v);
        d->cfg.bands = (unsigned)v;
        return rc;
    case OPT_SHINGLE:
        rc = opt_uint("shingle", arg, 1, 16, &v);
        d->cfg.p.shingle = (unsigned)v;
        return rc;
    }
    return NP_EX_USAGE;
}

static int dd_check(void *ctx)
{
    const dedupe *d = ctx;
    if (d->cfg.p.hashes % d->cfg.bands) {
        np_error("--bands %u does not divide --hashes %u", d->cfg.bands, d->cfg.p.hashes);
        return NP_EX_USAGE;
    }
    return NP_EX_OK;
}

static int dd_start(void *ctx)
{
    dedupe *d = ctx;
    if (dd_engine_init(&d->eng, &d->cfg, 4096) < 0) {
        np_error("out of memory");
        return NP_EX_SOFTWARE;
    }
    d->have_engine = 1;
    if (!d->st.file) return NP_EX_OK;
    int rc = np_state_lock(&d->st);
    if (rc) {
        dd_engine_free(&d->eng);
        d->have_engine = 0;
        return rc;
    }
    if (d->reset) return NP_EX_OK;
    char msg[512];
    rc = dd_state_load(&d->eng, d->st.file, msg, sizeof msg);
    if (rc == DD_STATE_ABSENT) return NP_EX_OK;
    if (rc) {
        np_error("%s", msg);
        np_state_unlock(&d->st);
        dd_engine_free(&d->eng);
        d->have_engine = 0;
        return rc;
    }
    d->loaded = d->eng.docs.n;
    dd_engine_evict(&d->eng); /* a shorter window or max_docs than the state's: counted */
    return NP_EX_OK;
}

/* The bytes that identify an id: type, then a string's decoded text or a number's JSON. */
static int id_key(dedupe *d, const np_json_member *m)
{
    np_buf_clear(&d->idkey);
    if (m->type == NP_JSON_STRING) {
        if (np_buf_putc(&d->idkey, 's') < 0) return -1;
        if (np_json_string_is_plain(m->val, m->val_len))
            return np_buf_append(&d->idkey, m->val + 1, m->val_len - 2);
        return np_json_decode_string(m->val, m->val_len, &d->idkey);
    }
    if (np_buf_putc(&d->idkey, 'j') < 0) return -1;
    return np_buf_append(&d->idkey, m->val, m->val_len);
}

/* The article's time: its time field, else (none, or unreadable) the arrival time; with
 * --emit-from, else the newest article time seen, as a replay has no arrival time (returns
 * 0 when there is none yet either). Returns 1 with *t set. */
static int article_time(dedupe *d, np_record *rec, int64_t now, int64_t *t)
{
    const char *s;
    size_t n;
    if (np_record_text(rec, d->time_field, &s, &n) == NP_FIELD_STRING &&
        np_parse_time(s, n, t) == 0) {
        /* A far-future date would push the window past everything remembered. */
        if (*t > now + 86400) *t = now + 86400;
        return 1;
    }
    if (!d->have_emit_from) {
        *t = now;
        return 1;
    }
    *t = d->eng.watermark;
    return d->eng.have_watermark;
}

static np_verdict dd_record(void *ctx, np_record *rec)
{
    dedupe *d = ctx;
    const char *body = NULL;
    size_t body_len = 0;
    int64_t t;
    /* With --emit-from, an article before TIME was (or will be) emitted by the job of its
     * own time: here it is only remembered, and never rejected twice. One without any
     * time before the first that has one cannot be placed: it counts as before TIME. */
    int timed = article_time(d, rec, (int64_t)time(NULL), &t);
    int replay = d->have_emit_from && (!timed || t < d->emit_from);
    if (!timed) return NP_REPLAY;
    switch (np_record_text(rec, d->field, &body, &body_len)) {
    case NP_FIELD_STRING: break;
    case NP_FIELD_ABSENT: body = NULL; break;
    case NP_FIELD_WRONG_TYPE:
        if (replay) return NP_REPLAY;
        return np_record_reject(rec, "field %s: expected a string", d->field);
    case NP_FIELD_NOMEM: return np_record_fail(rec, NP_EX_SOFTWARE, "out of memory");
    }
    const np_json_member *m = np_record_id(rec);
    if (m && id_key(d, m) < 0) return np_record_fail(rec, NP_EX_SOFTWARE, "out of memory");
    dd_result r;
    if (dd_engine_check(&d->eng, m ? m->val : NULL, m ? m->val_len : 0, m ? d->idkey.data : NULL,
                        m ? d->idkey.len : 0, body, body_len, t, &r) < 0)
        return np_record_fail(rec, NP_EX_SOFTWARE, "out of memory");
    if (replay) return NP_REPLAY;
    switch (r.kind) {
    case DD_NEW: return NP_EMIT;
    case DD_NOBODY: d->nobody++; return NP_PASS;
    case DD_NEAR: d->near++; break;
    default: d->exact++; break;
    }
    if (!d->mark) return NP_DROP;
    np_buf_clear(&d->val);
    if (np_record_set(rec, "duplicate_of", r.of_id ? r.of_id : "null", r.of_id ? r.of_id_len : 4) <
            0 ||
        np_json_put_double(&d->val, r.similarity, 3) < 0 ||
        np_record_set(rec, "similarity", d->val.data, d->val.len) < 0)
        return np_record_fail(rec, NP_EX_SOFTWARE, "out of memory");
    return NP_EMIT;
}

static int dd_finish(void *ctx, int status)
{
    dedupe *d = ctx;
    if (d->st.file && status == NP_EX_OK) {
        char msg[512];
        int rc = dd_state_save(&d->eng, np_state_save_path(&d->st), msg, sizeof msg);
        if (rc) {
            np_error("%s", msg);
            status = rc;
        } else {
            np_state_saved(&d->st);
        }
    }
    np_state_unlock(&d->st);
    return status;
}

static int dd_stats(void *ctx, np_buf *out)
{
    dedupe *d = ctx;
    return np_buf_printf(out,
                         ",\"exact\":%llu,\"near\":%llu,\"no_body\":%llu,\"evicted\":%llu,"
                         "\"loaded\":%llu,\"remembered\":%llu",
                         (unsigned long long)d->exact, (unsigned long long)d->near,
                         (unsigned long long)d->nobody, (unsigned long long)d->eng.counts.evicted,
                         (unsigned long long)d->loaded, (unsigned long long)d->eng.docs.n);
}

int main(int argc, char **argv)
{
    static const np_filter filter = {
        .name = "dedupe",
        .summary = "Drop articles already seen: exact and near duplicates (MinHash + LSH).",
        .options = options,
        .option = dd_option,
        .check = dd_check,
        .start = dd_start,
        .record = dd_record,
        .finish = dd_finish,
        .stats = dd_stats,
        .state_option = "state",
        .state_verify = dd_state_verify,
        .stateful = 1,
    };
    static dedupe d = {
        .cfg = {.p = {.hashes = 128, .shingle = 5, .seed = DD_DEFAULT_SEED},
                .bands = 32,
                .threshold = DEFAULT_THRESHOLD},
        .field = "body",
        .time_field = "published",
    };
    int rc = np_filter_main(&filter, &d, argc, argv);
    if (d.have_engine) dd_engine_free(&d.eng);
    np_buf_free(&d.idkey);
    np_buf_free(&d.val);
    np_state_unlock(&d.st);
    return rc;
}
