/* The dedupe decision: see engine.h. Order of checks: same id, same normalized body, then
 * near duplicates among the LSH and lead-index candidates (see best_candidate()); every
 * article is remembered, duplicates too (see remember()). */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

#include "bigmem.h"
#include "hash.h"

#define SEED_ID 0x6e7069646b657931ULL

uint64_t dd_id_hash(const char *idkey, size_t len)
{
    return np_hash64(idkey, len, SEED_ID) | 1;
}

int dd_engine_init(dd_engine *e, const dd_config *c, size_t expected)
{
    memset(e, 0, sizeof *e);
    if (!c->p.hashes || !c->bands || c->p.hashes % c->bands || c->p.hashes > DD_MAX_HASHES ||
        !c->p.shingle)
        return -1;
    e->c = *c;
    e->rows = c->p.hashes / c->bands;
    uint32_t want = 2u * c->bands * DD_LSH_KEY_CAP, sz = 64;
    while (sz < want) sz *= 2;
    e->seen_mask = sz - 1;
    e->work = malloc(c->p.hashes * sizeof *e->work);
    e->sig = malloc(2 * c->p.hashes * sizeof *e->sig);
    e->seen = malloc((size_t)sz * sizeof *e->seen);
    e->used = malloc((size_t)sz / 2 * sizeof *e->used);
    if (!e->work || !e->sig || !e->seen || !e->used) goto fail;
    memset(e->seen, 0xff, (size_t)sz * sizeof *e->seen);
    if (expected > UINT32_MAX - 2) expected = UINT32_MAX - 2;
    if (dd_docs_init(&e->docs, 2 * c->p.hashes, (uint32_t)expected) < 0) goto fail;
    if (dd_lsh_init(&e->lsh, c->bands, e->rows, c->p.seed ^ 0x6c7368ULL, expected) < 0) goto fail;
    if (dd_fpmap_init(&e->by_id, expected) < 0 || dd_fpmap_init(&e->by_body, expected) < 0 ||
        dd_fpmap_init(&e->by_lead, expected) < 0)
        goto fail;

    return 0;
fail:
    dd_engine_free(e);
    return -1;
}

void dd_engine_free(dd_engine *e)
{
    dd_docs_free(&e->docs);
    dd_lsh_free(&e->lsh);
    dd_fpmap_free(&e->by_id);
    dd_fpmap_free(&e->by_body);
    dd_fpmap_free(&e->by_lead);
    dd_window_free(&e->win);
    dd_shingles_free(&e->sh);
    np_buf_free(&e->of_id);
    free(e->work);
    free(e->sig);
    free(e->seen);
    free(e->used);
    e->used = NULL;
    e->work = NULL;
    e->sig = NULL;
    e->seen = NULL;
}

/* The lead index's key of a lead hash (its fingerprint is the high half). */
static inline uint64_t lead_key(uint32_t lead)
{
    return (uint64_t)lead << 32 | lead;
}

static void forget(dd_engine *e, uint32_t s)
{
    dd_docs *d = &e->docs;
    if (d->flags[s] & DD_DOC_SIG && d->ev[s].lead)
        dd_fpmap_del(&e->by_lead, lead_key(d->ev[s].lead), s);
    if (d->idh[s]) dd_fpmap_del(&e->by_id, d->idh[s], s);
    if (d->body[s]) dd_fpmap_del(&e->by_body, d->body[s], s);
    if (d->flags[s] & DD_DOC_SIG) dd_lsh_del(&e->lsh, d, s);
    dd_docs_remove(d, s);
}

/* Is slot a newer than slot b (by time, then arrival): the order eviction goes by. */
static inline int newer(const dd_docs *d, uint32_t a, uint32_t b)
{
    return d->time[a] > d->time[b] || (d->time[a] == d->time[b] && d->seq[a] > d->seq[b]);
}

/* The newest remembered article whose hash in `keys` is key, or DD_NO_SLOT. The maps hold
 * one entry per key as a run goes (remember() keeps only the newest), more only after a
 * load of an older state. */
static uint32_t holder(const dd_engine *e, const dd_fpmap *m, const uint64_t *keys, uint64_t key)
{
    uint32_t best = DD_NO_SLOT;
    dd_fpiter it;
    dd_fpmap_find(m, key, &it);
    for (uint32_t s; (s = dd_fpiter_next(&it)) != DD_NO_SLOT;)
        if (keys[s] == key && (best == DD_NO_SLOT || newer(&e->docs, s, best))) best = s;
    return best;
}

uint64_t dd_engine_evict(dd_engine *e)
{
    uint64_t n = 0;
    for (;;) {
        uint32_t s = dd_window_oldest(&e->win);
        if (s == DD_NO_SLOT) break;
        int expired =
            e->c.window > 0 && e->have_watermark && e->docs.time[s] < e->watermark - e->c.window;
        int over = e->c.max_docs && e->docs.n > e->c.max_docs;
        if (!expired && !over) break;
        dd_window_pop(&e->win, &e->docs);
        forget(e, s);
        n++;
    }
    e->counts.evicted += n;
    return n;
}

/* Remembers an article, duplicate or not, so that what is remembered at any time is every
 * article of the window (and what a later one is compared with depends on the window's
 * articles only, not on older history: see --emit-from). Two rules keep repeats from
 * piling up: an article with the same normalized body as a remembered one takes its place
 * (the newer of the two by time, then arrival, stays; their signatures are equal), and the
 * id index points at the newest article with an id (an older one keeps its id text, for
 * duplicate_of). hid and hbody are the current holders of the id and body (or
 * DD_NO_SLOT). */
static int remember(dd_engine *e, const char *id, size_t id_len, uint64_t idh, uint64_t body,
                    const dd_hval *sig, const dd_evidence *ev, int64_t time, uint32_t hid,
                    uint32_t hbody)
{
    dd_docs *d = &e->docs;
    if (hbody != DD_NO_SLOT) {
        /* The new article is the newest unless its time is older than the holder's. */
        if (time < d->time[hbody]) return 0;
        if (hid == hbody) hid = DD_NO_SLOT;
        dd_window_remove(&e->win, d, hbody);
        forget(e, hbody);
    }
    uint32_t s =
        dd_docs_add(d, sig, ev, time, e->next_seq, body, idh, idh ? id : NULL, idh ? id_len : 0);
    if (s == DD_NO_SLOT) return -1;
    e->next_seq++;
    if (sig && ev->lead && dd_fpmap_add(&e->by_lead, lead_key(ev->lead), s, DD_LSH_KEY_CAP) < 0)
        goto fail;
    if (idh) {
        if (hid == DD_NO_SLOT || newer(d, s, hid)) {
            if (hid != DD_NO_SLOT) dd_fpmap_del(&e->by_id, idh, hid);
            if (dd_fpmap_add(&e->by_id, idh, s, 0) < 0) goto fail;
        }
    }
    if (body && dd_fpmap_add(&e->by_body, body, s, 0) < 0) goto fail;
    if (sig && dd_lsh_add(&e->lsh, &e->docs, s) < 0) goto fail;
    if (dd_window_push(&e->win, &e->docs, s) < 0) goto fail;
    return 0;
fail:
    forget(e, s);
    return -1;
}

int dd_engine_restore(dd_engine *e, const char *id, size_t id_len, uint64_t idh, uint64_t body,
                      const dd_hval *sig, const dd_evidence *ev, int64_t time)
{
    if (!e->have_watermark || time > e->watermark) e->watermark = time;
    e->have_watermark = 1;
    uint32_t s = dd_docs_add(&e->docs, sig, ev, time, e->next_seq, body, idh, idh ? id : NULL,
                             idh ? id_len : 0);
    if (s == DD_NO_SLOT) return -1;
    e->next_seq++;
    if (dd_window_push(&e->win, &e->docs, s) < 0) {
        dd_docs_remove(&e->docs, s);
        return -1;
    }
    return 0;
}

static int build_exact_all(dd_engine *e);

int dd_engine_adopt(dd_engine *e, int lsh_loaded)
{
    dd_docs *d = &e->docs;
    size_t live = 0;
    for (uint32_t s = 0; s < d->used; s++) {
        d->seq[s] = e->next_seq++;
        live += d->id_len[s];
        if (!e->have_watermark || d->time[s] > e->watermark) e->watermark = d->time[s];
        e->have_watermark = 1;
        if (dd_window_push(&e->win, d, s) < 0) return -1;
    }
    d->ids_live = live;
    return lsh_loaded ? build_exact_all(e) : dd_engine_index(e);
}

/* The exact-match table of one 64-bit hash per document (0: none), or with hash NULL the
 * lead index (the lead keys of the documents with a signature). */
static int build_exact(dd_engine *e, dd_fpmap *m, const uint64_t *hash)
{
    const dd_docs *d = &e->docs;
    size_t n = d->used ? d->used : 1, k = 0;
    dd_fpent *ent = dd_alloc_filled(n * sizeof *ent), *tmp = dd_alloc_filled(n * sizeof *tmp);
    int rc = -1;
    if (ent && tmp) {
        for (uint32_t s = 0; s < d->used; s++) {
            if (!(d->flags[s] & DD_DOC_LIVE)) continue;
            if (hash && hash[s])
                ent[k++] = (dd_fpent){(uint32_t)(hash[s] >> 32), s};
            else if (!hash && d->flags[s] & DD_DOC_SIG && d->ev[s].lead)
                ent[k++] = (dd_fpent){d->ev[s].lead, s};
        }
        rc = dd_fpmap_bulk(m, ent, tmp, k, hash ? 0 : DD_LSH_KEY_CAP);
    }
    free(ent);
    free(tmp);
    return rc;
}

static int build_leads(dd_engine *e)
{
    return build_exact(e, &e->by_lead, NULL);
}

static int build_exact_all(dd_engine *e)
{
    if (build_exact(e, &e->by_id, e->docs.idh) < 0 || build_exact(e, &e->by_body, e->docs.body) < 0)
        return -1;
    return build_leads(e);
}

int dd_engine_index(dd_engine *e)
{
    if (build_exact_all(e) < 0) return -1;
    return dd_lsh_build(&e->lsh, &e->docs);
}

static void set_dup(const dd_engine *e, dd_result *r, dd_kind kind, uint32_t s, double sim)
{
    r->kind = kind;
    r->similarity = sim;
    r->of_id = dd_docs_id(&e->docs, s, &r->of_id_len);
}

/* A lead sentence shared by two different stories is boilerplate or a daily template (the
 * market report of another day): the updates of a story come within hours. */
#define DD_LEAD_SPAN    (18 * 3600)
#define DD_LEAD_OVERLAP 0.15

/* Could two articles whose words agree be one story? Not when their leads name different
 * weekdays (the market report of another day), nor when both name instruments and none in
 * common (another company's report on the same template). */
static int same_story(const dd_evidence *a, const dd_evidence *b)
{
    if (a->wdays && b->wdays && !(a->wdays & b->wdays)) return 0;
    return !(a->tickers && b->tickers && !(a->tickers & b->tickers));
}

/* The near-duplicate decision. Each article has two signatures: over its shingles with
 * figures normalized (the first K values, which LSH indexes) and as written (the next K).
 * A candidate is the same story, updated, when
 *  - its overlap as written is at least the threshold (a re-send with a new headline, a
 *    reworded lead, a paragraph added or dropped, a few figures changed), or
 *  - it has the same lead sentence up to figures, was sent within DD_LEAD_SPAN of it, and
 *    overlaps by DD_LEAD_OVERLAP with figures normalized (the story re-sent with every
 *    figure updated, its last paragraph dropped, another appended: figures break nearly
 *    every shingle of a short number-dense item, and its lead is what stays);
 * and same_story() finds nothing that tells them apart. Of those, the best has the most
 * agreeing values (figures normalized), then is the earliest. The lead index adds the
 * articles with the same lead to the LSH candidates. Measured choices: see the man page. */
static uint32_t best_candidate(dd_engine *e, const dd_hval *sig, const dd_evidence *ev,
                               int64_t time, unsigned *best_m, double *best_sim)
{
    const dd_docs *d = &e->docs;
    uint32_t best = DD_NO_SLOT, *used = e->used;
    unsigned nused = 0, limit = (e->seen_mask + 1) / 2, K = e->c.p.hashes;
    *best_m = 0;
    for (unsigned b = 0; b <= e->lsh.bands; b++) {
        dd_lshiter it;
        dd_fpiter fit;
        int by_lead = b == e->lsh.bands;
        if (by_lead) {
            if (!ev->lead) break;
            dd_fpmap_find(&e->by_lead, lead_key(ev->lead), &fit);
        } else
            dd_lsh_find(&e->lsh, b, dd_lsh_key(&e->lsh, sig, b), &it);
        for (uint32_t s;
             (s = by_lead ? dd_fpiter_next(&fit) : dd_lshiter_next(&it)) != DD_NO_SLOT;) {
            if (by_lead && !(d->flags[s] & DD_DOC_SIG && d->ev[s].lead == ev->lead)) continue;
            uint32_t h = (uint32_t)np_mix64(s) & e->seen_mask;
            while (e->seen[h] != DD_NO_SLOT && e->seen[h] != s) h = (h + 1) & e->seen_mask;
            if (e->seen[h] == s) continue;
            if (nused == limit) goto done; /* enough: keep lookups bounded */
            e->seen[h] = s;
            used[nused++] = h;
            const dd_hval *ds = dd_docs_sig(d, s);
            unsigned m = dd_sig_matches(sig, ds, K);
            if (m < *best_m || (m == *best_m && best != DD_NO_SLOT && d->seq[s] > d->seq[best]))
                continue;
            double est = dd_sig_estimate(m, K);
            double raw = dd_sig_estimate(dd_sig_matches(sig + K, ds + K, K), K);
            int64_t dt = time - d->time[s];
            int lead = ev->lead && d->ev[s].lead == ev->lead && (dt < 0 ? -dt : dt) < DD_LEAD_SPAN;
            int ok = (raw >= e->c.threshold || (lead && est >= DD_LEAD_OVERLAP)) &&
                     same_story(ev, &d->ev[s]);
            if (!ok) continue;
            *best_m = m;
            *best_sim = raw >= e->c.threshold ? raw : est;
            best = s;
        }
    }
done:
    for (unsigned i = 0; i < nused; i++) e->seen[used[i]] = DD_NO_SLOT;
    return best;
}

int dd_engine_check(dd_engine *e, const char *id, size_t id_len, const char *idkey,
                    size_t idkey_len, const char *body, size_t body_len, int64_t time, dd_result *r)
{
    memset(r, 0, sizeof *r);
    if (!e->have_watermark || time > e->watermark) e->watermark = time;
    e->have_watermark = 1;
    dd_engine_evict(e);

    uint64_t idh = id && idkey ? dd_id_hash(idkey, idkey_len) : 0;
    uint32_t hid = idh ? holder(e, &e->by_id, e->docs.idh, idh) : DD_NO_SLOT, hbody = DD_NO_SLOT;
    if (hid != DD_NO_SLOT) set_dup(e, r, DD_EXACT_ID, hid, 1.0);
    if (dd_shingles_make(&e->sh, body ? body : "", body ? body_len : 0, (int)e->c.p.shingle) < 0)
        return -1;
    if (!e->sh.norm_len) {
        if (!r->kind) r->kind = DD_NOBODY;
        if (r->of_id) {
            np_buf_clear(&e->of_id);
            if (np_buf_append(&e->of_id, r->of_id, r->of_id_len) < 0) return -1;
            r->of_id = e->of_id.data;
        }
        if (idh && remember(e, id, id_len, idh, 0, NULL, NULL, time, hid, DD_NO_SLOT) < 0)
            return -1;
        return 0;
    }
    uint64_t bh = e->sh.body_hash;
    hbody = holder(e, &e->by_body, e->docs.body, bh);
    if (hbody != DD_NO_SLOT && !r->kind) {
        set_dup(e, r, DD_EXACT_BODY, hbody, 1.0);
    }
    const dd_hval *sig = NULL;
    unsigned K = e->c.p.hashes;
    if (dd_minhash(e->sh.sh, e->sh.nsh, K, e->c.p.seed, e->work, e->sig)) {
        sig = e->sig;
        if (e->sh.sh_raw == e->sh.sh)
            memcpy(e->sig + K, e->sig, K * sizeof *e->sig);
        else
            dd_minhash(e->sh.sh_raw, e->sh.nsh, K, e->c.p.seed, e->work, e->sig + K);
        if (!r->kind) {
            unsigned m;
            double sim;
            uint32_t s = best_candidate(e, sig, &e->sh.ev, time, &m, &sim);
            if (s != DD_NO_SLOT) set_dup(e, r, DD_NEAR, s, sim);
        }
    }
    /* r->of_id points into the id arena, which remember() and eviction may rewrite (or
     * forget the article it names): copy it. */
    if (r->of_id) {
        np_buf_clear(&e->of_id);
        if (np_buf_append(&e->of_id, r->of_id, r->of_id_len) < 0) return -1;
        r->of_id = e->of_id.data;
    }
    if (remember(e, id, id_len, idh, bh, sig, &e->sh.ev, time, hid, hbody) < 0) return -1;
    dd_engine_evict(e);
    return 0;
}

size_t dd_engine_bytes(const dd_engine *e)
{
    return dd_docs_bytes(&e->docs) + dd_lsh_bytes(&e->lsh) + dd_fpmap_bytes(&e->by_id) +
           dd_fpmap_bytes(&e->by_body) + dd_fpmap_bytes(&e->by_lead) + dd_window_bytes(&e->win);
}
