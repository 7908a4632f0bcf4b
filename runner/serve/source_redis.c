/* The Redis source: this server is one consumer of a consumer group on a Redis stream
 * (input: {redis: {url, stream, group, consumer, field, claim_idle}}).
 *
 * Entries are read with XREADGROUP, batch.lines at a time (so memory is bounded), and each
 * read becomes a batch file in state_dir/redis: SEQ.ndjson (the entries' `field` values,
 * one a line) and then SEQ.ids (their entry ids). The processor runs and commits it like a
 * spool file (the commit removes SEQ.ndjson); only then are the ids XACKed, and SEQ.ids is
 * removed once Redis has answered. So at a start:
 *   - SEQ.ids beside SEQ.ndjson: a batch that was not committed: both are removed, and the
 *     entries, still pending on this consumer, are read again (XREADGROUP from id 0);
 *   - SEQ.ids alone: committed, not yet acknowledged: its ids are XACKed first;
 * which gives each entry once in the output across restarts of the same consumer. Entries
 * pending on a consumer that stays away longer than claim_idle are taken over by the others
 * (XAUTOCLAIM) and processed again: those may appear twice in the output (at-least-once);
 * dedupe's id check in the pipeline, or a consumer of the output, drops the second copy.
 *
 * One connection (hiredis's async API on the server's libuv loop) carries every command, in
 * order. When Redis goes away the batches in hand are still committed, their XACKs wait,
 * and the source reconnects with exponential backoff; /health reports why it is down. */
#include <dirent.h>
#include <errno.h>
#include <hiredis/async.h>
#include <hiredis/hiredis.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "serve.h"

#define TICK_MS        250
#define INFO_MS        1000
#define BACKOFF_MIN_MS 100
#define BACKOFF_MAX_MS 5000
#define BLOCK_MAX_MS   1000
/* A command unanswered this long (beyond XREADGROUP's own wait) means a Redis that no longer
 * answers (stopped, or a network that drops): as the sink's reply timeout. */
#define STALL_MS (BLOCK_MAX_MS + 10000)

/* A batch file and the entry ids it holds. */
typedef struct rbatch {
    struct rbatch *next;
    char *path;     /* SEQ.ndjson, or a requeued file in the queue (then no ids) */
    char *ids_path; /* SEQ.ids; NULL for a requeued file */
    np_buf ids;     /* "\nID\nID...\n": the entry ids, for XACK and for claims */
    size_t n;       /* how many ids */
    int ack_sent;
} rbatch;

typedef struct {
    rbatch *head, *tail;
    size_t n;
} rlist;

typedef struct {
    np_server *s;
    /* A copy of the configuration: a reload replaces the pipeline that holds it. */
    char *host, *path, *url, *stream, *group, *consumer, *field;
    int port;
    long long claim_ms;
    char *dir; /* state_dir/redis */
    redisAsyncContext *ac;
    int connected, reading, history, freeing, timer_closed;
    char history_from[64], claim_from[64];
    uint64_t next_seq, backoff_ms, reconnect_at, last_claim, last_info, last_refresh;
    uint64_t last_heard;         /* when the connection was made or last had bytes to read */
    rlist ready, handed, acking; /* read, not yet handed out / in the processor / committed */
    uv_timer_t tick;
    char down[300]; /* why it cannot read ("" when it can) */
    char path_buf[4200];
} redis_src;

static uint64_t now_ms(void)
{
    return uv_hrtime() / 1000000;
}

static void push(rlist *l, rbatch *b)
{
    b->next = NULL;
    if (l->tail)
        l->tail->next = b;
    else
        l->head = b;
    l->tail = b;
    l->n++;
}

static rbatch *pop(rlist *l)
{
    rbatch *b = l->head;
    if (!b) return NULL;
    l->head = b->next;
    if (!l->head) l->tail = NULL;
    l->n--;
    return b;
}

static void free_batch(rbatch *b)
{
    if (!b) return;
    free(b->path);
    free(b->ids_path);
    np_buf_free(&b->ids);
    free(b);
}

static void free_list(rlist *l)
{
    rbatch *b;
    while ((b = pop(l))) free_batch(b);
}

static void set_down(redis_src *r, const char *fmt, const char *what)
{
    char msg[sizeof r->down];
    snprintf(msg, sizeof msg, fmt, r->url, what);
    if (strcmp(msg, r->down) != 0) np__serve_log(r->s, NP_LOG_ERR, "%s", msg);
    snprintf(r->down, sizeof r->down, "%s", msg);
}

/* ---- hiredis on the libuv loop ------------------------------------------------------------
 * Our own adapter rather than hiredis 0.14's adapters/libuv.h: that one ignores a poll error
 * (libuv reports POLLERR, e.g. a reset from a Redis killed with our command unread, as a
 * status and stops the handle), so the connection hangs unnoticed. Here an error is handed
 * to hiredis as readiness, its read fails and it disconnects (as hiredis 1.x's adapter does). */
typedef struct {
    redisAsyncContext *ac;
    uv_poll_t poll;
    int events;
} uv_events;

static void on_poll(uv_poll_t *h, int status, int events)
{
    uv_events *p = h->data;
    int ev = status < 0 ? p->events : events;
    if (p->ac && (ev & UV_READABLE)) {
        ((redis_src *)p->ac->data)->last_heard = now_ms(); /* see stalled() */
        redisAsyncHandleRead(p->ac);
    }
    if (p->ac && (ev & UV_WRITABLE)) redisAsyncHandleWrite(p->ac);
}

static void set_events(uv_events *p, int add, int del)
{
    p->events = (p->events | add) & ~del;
    if (p->events)
        uv_poll_start(&p->poll, p->events, on_poll);
    else
        uv_poll_stop(&p->poll);
}

static void add_read(void *d)
{
    set_events(d, UV_READABLE, 0);
}

static void del_read(void *d)
{
    set_events(d, 0, UV_READABLE);
}

static void add_write(void *d)
{
    set_events(d, UV_WRITABLE, 0);
}

static void del_write(void *d)
{
    set_events(d, 0, UV_WRITABLE);
}

static void on_poll_closed(uv_handle_t *h)
{
    free(h->data);
}

static void cleanup(void *d)
{
    uv_events *p = d;
    p->ac = NULL; /* hiredis frees the context after this */
    uv_close((uv_handle_t *)&p->poll, on_poll_closed);
}

static int attach(redisAsyncContext *ac, uv_loop_t *loop)
{
    uv_events *p = calloc(1, sizeof *p);
    if (!p) return -1;
    if (uv_poll_init(loop, &p->poll, ac->c.fd) != 0) {
        free(p);
        return -1;
    }
    p->ac = ac;
    p->poll.data = p;
    ac->ev.addRead = add_read;
    ac->ev.delRead = del_read;
    ac->ev.addWrite = add_write;
    ac->ev.delWrite = del_write;
    ac->ev.cleanup = cleanup;
    ac->ev.data = p;
    return 0;
}

/* ---- the connection ---------------------------------------------------------------------- */

static void pump(redis_src *r);
static void send_acks(redis_src *r);

static void retry_later(redis_src *r)
{
    r->backoff_ms = r->backoff_ms ? r->backoff_ms * 2 : BACKOFF_MIN_MS;
    if (r->backoff_ms > BACKOFF_MAX_MS) r->backoff_ms = BACKOFF_MAX_MS;
    r->reconnect_at = now_ms() + r->backoff_ms;
}

static void maybe_free(redis_src *r)
{
    if (!r->freeing || r->ac || !r->timer_closed) return;
    free_list(&r->ready);
    free_list(&r->handed);
    free_list(&r->acking);
    free(r->host);
    free(r->path);
    free(r->url);
    free(r->stream);
    free(r->group);
    free(r->consumer);
    free(r->field);
    free(r->dir);
    free(r);
}

static void on_disconnect(const redisAsyncContext *ac, int status)
{
    redis_src *r = ac->data;
    if (r->ac != ac && !r->freeing) return; /* dropped by stalled(), which says why */
    r->ac = NULL;
    r->connected = r->reading = 0;
    for (rbatch *b = r->acking.head; b; b = b->next) b->ack_sent = 0;
    if (r->freeing) return maybe_free(r);
    set_down(r, "redis %s: connection lost: %s (reconnecting)",
             status == REDIS_OK ? "closed" : ac->errstr);
    retry_later(r);
}

/* A command failed in a way that needs a new connection: drop this one. */
static void reset(redis_src *r, const char *what, const char *err)
{
    char msg[200];
    snprintf(msg, sizeof msg, "%s: %s", what, err);
    set_down(r, "redis %s: %s (retrying)", msg);
    retry_later(r);
    if (r->ac) redisAsyncDisconnect(r->ac);
}

static void on_group(redisAsyncContext *ac, void *reply, void *priv)
{
    (void)priv;
    redis_src *r = ac->data;
    redisReply *rp = reply;
    if (!rp) return;
    if (rp->type == REDIS_REPLY_ERROR && strncmp(rp->str, "BUSYGROUP", 9) != 0)
        return reset(r, "XGROUP CREATE", rp->str);
    if (r->down[0])
        np__serve_log(r->s, NP_LOG_INFO, "redis %s: connected; reading %s as %s of group %s",
                      r->url, r->stream, r->consumer, r->group);
    r->down[0] = '\0';
    r->backoff_ms = 0;
    r->connected = 1;
    send_acks(r);
    pump(r);
}

static void create_group(redis_src *r)
{
    /* From the stream's start: what was added before the first server came is read too.
     * MKSTREAM: the servers may start before any producer. */
    const char *argv[] = {"XGROUP", "CREATE", r->stream, r->group, "0", "MKSTREAM"};
    if (redisAsyncCommandArgv(r->ac, on_group, NULL, 6, argv, NULL) != REDIS_OK)
        reset(r, "XGROUP CREATE", "cannot send");
}

static void on_connect(const redisAsyncContext *ac, int status)
{
    redis_src *r = ac->data;
    if (status != REDIS_OK) {
        r->ac = NULL; /* hiredis frees it */
        set_down(r, "redis %s: cannot connect: %s (retrying)", ac->errstr);
        retry_later(r);
        if (r->freeing) maybe_free(r);
        return;
    }
    create_group(r);
}

static void connect_now(redis_src *r)
{
    redisAsyncContext *ac =
        r->path ? redisAsyncConnectUnix(r->path) : redisAsyncConnect(r->host, r->port);
    if (!ac || ac->err) {
        set_down(r, "redis %s: cannot connect: %s (retrying)", ac ? ac->errstr : "out of memory");
        if (ac) redisAsyncFree(ac);
        return retry_later(r);
    }
    ac->data = r;
    if (attach(ac, r->s->loop) < 0) {
        set_down(r, "redis %s: %s", "cannot watch the connection");
        redisAsyncFree(ac);
        return retry_later(r);
    }
    r->ac = ac;
    r->last_heard = now_ms();
    redisAsyncSetConnectCallback(ac, on_connect);
    redisAsyncSetDisconnectCallback(ac, on_disconnect);
}

/* ---- batches ----------------------------------------------------------------------------- */

static size_t held(const redis_src *r)
{
    return r->ready.n + r->handed.n;
}

/* Whether an entry id is in a batch this server holds (read, not yet committed). */
static int holding(const redis_src *r, const char *id, size_t len)
{
    char key[80];
    if (len + 3 > sizeof key) return 0;
    key[0] = '\n';
    memcpy(key + 1, id, len);
    key[len + 1] = '\n';
    const rlist *ls[] = {&r->ready, &r->handed};
    for (int i = 0; i < 2; i++)
        for (const rbatch *b = ls[i]->head; b; b = b->next)
            if (b->ids.len && memmem(b->ids.data, b->ids.len, key, len + 2)) return 1;
    return 0;
}

/* The value of `field` in an entry's field list, or NULL. */
static const redisReply *field_of(const redis_src *r, const redisReply *fields)
{
    if (!fields || fields->type != REDIS_REPLY_ARRAY) return NULL;
    for (size_t i = 0; i + 1 < fields->elements; i += 2) {
        const redisReply *k = fields->element[i], *v = fields->element[i + 1];
        if (k->type == REDIS_REPLY_STRING && !strcmp(k->str, r->field) &&
            v->type == REDIS_REPLY_STRING)
            return v;
    }
    return NULL;
}

/* Makes a batch of entries ([[id, [field, value...]]...]); skip_held leaves out entries this
 * server holds already (a claim may return them). Returns the entries taken, or -1. */
static long make_batch(redis_src *r, const redisReply *entries, int skip_held)
{
    rbatch *b = calloc(1, sizeof *b);
    np_buf lines = {0};
    uint64_t skipped = 0;
    if (!b || np_buf_putc(&b->ids, '\n') < 0) goto oom;
    for (size_t i = 0; i < entries->elements; i++) {
        const redisReply *e = entries->element[i];
        if (e->type != REDIS_REPLY_ARRAY || e->elements < 2 ||
            e->element[0]->type != REDIS_REPLY_STRING)
            continue;
        const redisReply *id = e->element[0];
        if (skip_held && holding(r, id->str, id->len)) continue;
        if (np_buf_append(&b->ids, id->str, id->len) < 0 || np_buf_putc(&b->ids, '\n') < 0)
            goto oom;
        b->n++;
        const redisReply *v = field_of(r, e->element[1]);
        /* One line, its line end not counted: "redis-cli -x" sends the newline of its input. */
        size_t len = v ? v->len : 0;
        if (len && v->str[len - 1] == '\n') len--;
        if (len && v->str[len - 1] == '\r') len--;
        if (!v || memchr(v->str, '\n', len) || len == 0) {
            /* Not a record: acknowledged with the batch, and said. */
            skipped++;
            continue;
        }
        if (np_buf_append(&lines, v->str, len) < 0 || np_buf_putc(&lines, '\n') < 0) goto oom;
    }
    if (skipped) {
        r->s->stats.stream_skipped += skipped;
        np__serve_log(r->s, NP_LOG_WARNING,
                      "redis %s: %" PRIu64 " entr%s without a one-line '%s' field: skipped", r->url,
                      skipped, skipped == 1 ? "y" : "ies", r->field);
    }
    if (!b->n) {
        free_batch(b);
        np_buf_free(&lines);
        return 0;
    }
    uint64_t seq = r->next_seq++;
    char p[4200];
    snprintf(p, sizeof p, "%s/%016" PRIu64 ".ndjson", r->dir, seq);
    if (!(b->path = strdup(p))) goto oom;
    snprintf(p, sizeof p, "%s/%016" PRIu64 ".ids", r->dir, seq);
    if (!(b->ids_path = strdup(p))) goto oom;
    /* The records first, then the ids: an .ids file alone means "committed". */
    if (np_atomic_write_file(b->path, lines.data ? lines.data : "", lines.len) != 0 ||
        np_atomic_write_file(b->ids_path, b->ids.data + 1, b->ids.len - 1) != 0) {
        set_down(r, "redis %s: cannot write a batch: %s", strerror(errno));
        unlink(b->path);
        free_batch(b);
        np_buf_free(&lines);
        return -1;
    }
    np_buf_free(&lines);
    push(&r->ready, b);
    r->s->queued = held(r);
    r->s->batch_waiting(r->s);
    return (long)b->n;
oom:
    np__serve_log(r->s, NP_LOG_ERR, "redis %s: out of memory", r->url);
    free_batch(b);
    np_buf_free(&lines);
    return -1;
}

/* ---- reading ------------------------------------------------------------------------------ */

static int read_error(redis_src *r, const redisReply *rp, const char *what)
{
    if (rp->type != REDIS_REPLY_ERROR) return 0;
    if (!strncmp(rp->str, "NOGROUP", 7)) {
        /* The stream or the group was deleted: make them again. */
        np__serve_log(r->s, NP_LOG_WARNING, "redis %s: %s: %s: creating the group again", r->url,
                      what, rp->str);
        create_group(r);
        return 1;
    }
    reset(r, what, rp->str);
    return 1;
}

static void on_read(redisAsyncContext *ac, void *reply, void *priv)
{
    (void)priv;
    redis_src *r = ac->data;
    redisReply *rp = reply;
    r->reading = 0;
    if (!rp || r->freeing || r->s->stopping) return; /* pending here; read again at a start */
    if (read_error(r, rp, "XREADGROUP")) return;
    const redisReply *entries = NULL;
    if (rp->type == REDIS_REPLY_ARRAY && rp->elements == 1 &&
        rp->element[0]->type == REDIS_REPLY_ARRAY && rp->element[0]->elements == 2)
        entries = rp->element[0]->element[1];
    size_t n = entries && entries->type == REDIS_REPLY_ARRAY ? entries->elements : 0;
    if (r->history) {
        /* Our own pending entries, from before a restart: until none is left. */
        if (!n) {
            r->history = 0;
        } else {
            const redisReply *last = entries->element[n - 1];
            if (last->type == REDIS_REPLY_ARRAY && last->elements >= 1 &&
                last->element[0]->type == REDIS_REPLY_STRING)
                snprintf(r->history_from, sizeof r->history_from, "%s", last->element[0]->str);
            else
                r->history = 0;
        }
    }
    if (n && make_batch(r, entries, 0) < 0) return retry_later(r);
    pump(r);
}

static void on_claim(redisAsyncContext *ac, void *reply, void *priv)
{
    (void)priv;
    redis_src *r = ac->data;
    redisReply *rp = reply;
    r->reading = 0;
    if (!rp || r->freeing || r->s->stopping) return;
    if (read_error(r, rp, "XAUTOCLAIM")) return;
    if (rp->type != REDIS_REPLY_ARRAY || rp->elements < 2 ||
        rp->element[0]->type != REDIS_REPLY_STRING || rp->element[1]->type != REDIS_REPLY_ARRAY) {
        r->last_claim = now_ms();
        return pump(r);
    }
    /* "0-0": the whole pending list was scanned; start again after claim_idle/2. */
    snprintf(r->claim_from, sizeof r->claim_from, "%s", rp->element[0]->str);
    if (!strcmp(r->claim_from, "0-0")) r->last_claim = now_ms();
    long n = make_batch(r, rp->element[1], 1);
    if (n < 0) return retry_later(r);
    if (n > 0) {
        r->s->stats.stream_claimed += (uint64_t)n;
        np__serve_log(r->s, NP_LOG_INFO,
                      "redis %s: claimed %ld entr%s pending on a consumer idle for %lldms or more",
                      r->url, n, n == 1 ? "y" : "ies", r->claim_ms);
    }
    pump(r);
}

/* Issues the next read when there is room: our own pending entries first (after a start),
 * then a claim when one is due, else new entries. */
static void pump(redis_src *r)
{
    np_server *s = r->s;
    if (!r->connected || r->reading || r->freeing || s->stopping) return;
    if (held(r) >= s->sc->queue_max) return;
    char count[24], block[24], idle[24];
    snprintf(count, sizeof count, "%" PRIu64, s->sc->batch_lines);
    long long bm = s->sc->batch_ms < BLOCK_MAX_MS ? s->sc->batch_ms : BLOCK_MAX_MS;
    snprintf(block, sizeof block, "%lld", bm < 1 ? 1 : bm);
    snprintf(idle, sizeof idle, "%lld", r->claim_ms);
    int rc;
    if (r->history) {
        const char *argv[] = {"XREADGROUP", "GROUP",   r->group,  r->consumer,    "COUNT",
                              count,        "STREAMS", r->stream, r->history_from};
        rc = redisAsyncCommandArgv(r->ac, on_read, NULL, 9, argv, NULL);
    } else if (now_ms() - r->last_claim >= (uint64_t)r->claim_ms / 2) {
        const char *argv[] = {"XAUTOCLAIM", r->stream,     r->group, r->consumer,
                              idle,         r->claim_from, "COUNT",  count};
        rc = redisAsyncCommandArgv(r->ac, on_claim, NULL, 8, argv, NULL);
    } else {
        const char *argv[] = {"XREADGROUP", "GROUP", r->group,  r->consumer, "COUNT", count,
                              "BLOCK",      block,   "STREAMS", r->stream,   ">"};
        rc = redisAsyncCommandArgv(r->ac, on_read, NULL, 11, argv, NULL);
    }
    if (rc != REDIS_OK) return reset(r, "XREADGROUP", "cannot send");
    r->reading = 1;
}

/* ---- acknowledging ----------------------------------------------------------------------- */

static void on_ack(redisAsyncContext *ac, void *reply, void *priv)
{
    redis_src *r = ac->data;
    redisReply *rp = reply;
    rbatch *b = priv;
    if (!rp) return; /* resent after the reconnection */
    if (rp->type == REDIS_REPLY_ERROR) {
        b->ack_sent = 0;
        if (!r->freeing) reset(r, "XACK", rp->str);
        return;
    }
    /* Acknowledged: the batch leaves (XACKs are answered in order, b is the oldest). */
    rbatch **pp = &r->acking.head, *prev = NULL;
    while (*pp && *pp != b) {
        prev = *pp;
        pp = &(*pp)->next;
    }
    if (!*pp) return;
    *pp = b->next;
    if (r->acking.tail == b) r->acking.tail = prev;
    r->acking.n--;
    if (unlink(b->ids_path) < 0 && errno != ENOENT)
        np__serve_log(r->s, NP_LOG_WARNING, "cannot remove %s: %s", b->ids_path, strerror(errno));
    free_batch(b);
}

/* Sends head[0..nhead), b's ids and tail (unless NULL) as one command. Returns 0, or -1 (not
 * sent). */
static int send_with_ids(redis_src *r, const rbatch *b, const char **head, size_t nhead,
                         const char *tail, redisCallbackFn *fn, void *priv)
{
    size_t cap = b->n + nhead + 1;
    const char **argv = malloc(cap * sizeof *argv);
    size_t *lens = malloc(cap * sizeof *lens);
    int rc = -1;
    if (argv && lens) {
        size_t k = 0;
        for (; k < nhead; k++) {
            argv[k] = head[k];
            lens[k] = strlen(head[k]);
        }
        for (const char *p = b->ids.data + 1, *end = b->ids.data + b->ids.len;
             p < end && k < cap - 1;) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            if (!nl) break;
            argv[k] = p;
            lens[k++] = (size_t)(nl - p);
            p = nl + 1;
        }
        if (tail) {
            argv[k] = tail;
            lens[k++] = strlen(tail);
        }
        if (redisAsyncCommandArgv(r->ac, fn, priv, (int)k, argv, lens) == REDIS_OK) rc = 0;
    }
    free(argv);
    free(lens);
    return rc;
}

static void send_ack(redis_src *r, rbatch *b)
{
    if (!r->ac || !r->connected || b->ack_sent) return;
    const char *head[] = {"XACK", r->stream, r->group};
    if (send_with_ids(r, b, head, 3, NULL, on_ack, b) == 0) b->ack_sent = 1;
}

/* The entries this server holds stay its own while it lives: their idle time is reset (an
 * XCLAIM to itself, JUSTID) every claim_idle/4, so that the others claim them only from a
 * server that stopped, not from one whose batch takes longer than claim_idle. Only entries
 * idle for claim_idle/2 are touched: one another consumer has just claimed (this server was
 * paused that long) is left to it. */
static void refresh(redis_src *r)
{
    char idle[24];
    snprintf(idle, sizeof idle, "%lld", r->claim_ms / 2);
    const char *head[] = {"XCLAIM", r->stream, r->group, r->consumer, idle};
    const rlist *ls[] = {&r->ready, &r->handed};
    for (int i = 0; i < 2; i++)
        for (const rbatch *b = ls[i]->head; b; b = b->next)
            if (b->n) send_with_ids(r, b, head, 5, "JUSTID", NULL, NULL);
}

static void send_acks(redis_src *r)
{
    for (rbatch *b = r->acking.head; b; b = b->next) send_ack(r, b);
}

/* ---- the group's gauges ------------------------------------------------------------------ */

static long long int_of(const redisReply *v)
{
    if (v->type == REDIS_REPLY_INTEGER) return v->integer;
    if (v->type == REDIS_REPLY_STRING) return strtoll(v->str, NULL, 10);
    return -1; /* nil: Redis cannot tell (the lag after a deletion) */
}

static void on_info(redisAsyncContext *ac, void *reply, void *priv)
{
    (void)priv;
    redis_src *r = ac->data;
    redisReply *rp = reply;
    if (!rp || rp->type != REDIS_REPLY_ARRAY) return;
    for (size_t g = 0; g < rp->elements; g++) {
        const redisReply *grp = rp->element[g];
        if (grp->type != REDIS_REPLY_ARRAY) continue;
        long long pending = -1, lag = -1;
        int mine = 0;
        for (size_t i = 0; i + 1 < grp->elements; i += 2) {
            const redisReply *k = grp->element[i], *v = grp->element[i + 1];
            if (k->type != REDIS_REPLY_STRING) continue;
            if (!strcmp(k->str, "name"))
                mine = v->type == REDIS_REPLY_STRING && !strcmp(v->str, r->group);
            else if (!strcmp(k->str, "pending"))
                pending = int_of(v);
            else if (!strcmp(k->str, "lag"))
                lag = int_of(v);
        }
        if (mine) {
            r->s->stats.stream_pending = pending;
            r->s->stats.stream_lag = lag;
        }
    }
}

/* Redis has answered nothing for STALL_MS with commands waiting: the connection is dropped as
 * a lost one is (their callbacks get no reply), so that /health and the metrics say the
 * source is down, and a new one is tried. */
static void stalled(redis_src *r)
{
    redisAsyncContext *ac = r->ac;
    r->ac = NULL;
    r->connected = r->reading = 0;
    for (rbatch *b = r->acking.head; b; b = b->next) b->ack_sent = 0;
    redisAsyncFree(ac);
    char why[64];
    snprintf(why, sizeof why, "no reply in %d s", STALL_MS / 1000);
    set_down(r, "redis %s: %s (reconnecting)", why);
    retry_later(r);
}

static void on_tick(uv_timer_t *t)
{
    redis_src *r = t->data;
    uint64_t now = now_ms();
    if (r->ac && r->ac->replies.head && now - r->last_heard > STALL_MS) stalled(r);
    if (!r->ac && now >= r->reconnect_at) connect_now(r);
    if (r->connected && now - r->last_refresh >= (uint64_t)r->claim_ms / 4) {
        r->last_refresh = now;
        refresh(r);
    }
    if (r->connected && now - r->last_info >= INFO_MS) {
        r->last_info = now;
        const char *argv[] = {"XINFO", "GROUPS", r->stream};
        redisAsyncCommandArgv(r->ac, on_info, NULL, 3, argv, NULL);
    }
    pump(r);
}

/* ---- the interface ------------------------------------------------------------------------ */

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The files of dir, sorted (caller frees each and the array); *n of them. */
static char **list_dir(const char *dir, size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d) return NULL;
    char **v = NULL;
    size_t cap = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.') continue;
        if (np_array_reserve((void **)&v, &cap, *n + 1, sizeof *v) < 0) break;
        if (!(v[*n] = strdup(e->d_name))) break;
        (*n)++;
    }
    closedir(d);
    if (*n) qsort(v, *n, sizeof *v, by_name);
    return v;
}

/* What a previous run left: committed batches to acknowledge, uncommitted ones to drop (their
 * entries are read again), batches requeued into the queue by --requeue. */
static int recover(redis_src *r)
{
    np_server *s = r->s;
    size_t n;
    char **names = list_dir(r->dir, &n);
    char p[4200], q[4200];
    size_t dropped = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = names[i];
        uint64_t seq = strtoull(name, NULL, 10);
        if (seq >= r->next_seq) r->next_seq = seq + 1;
        size_t l = strlen(name);
        snprintf(p, sizeof p, "%s/%s", r->dir, name);
        if (l > 4 && !strcmp(name + l - 4, ".ids")) {
            snprintf(q, sizeof q, "%s/%.*s.ndjson", r->dir, (int)(l - 4), name);
            if (access(q, F_OK) == 0) {
                unlink(q);
                unlink(p);
                dropped++;
                continue;
            }
            rbatch *b = calloc(1, sizeof *b);
            if (!b || np_buf_putc(&b->ids, '\n') < 0 || np_buf_read_file(&b->ids, p) < 0 ||
                !(b->ids_path = strdup(p))) {
                free_batch(b);
                np__serve_log(s, NP_LOG_ERR, "cannot read %s: %s", p, strerror(errno));
                continue;
            }
            if (b->ids.len && b->ids.data[b->ids.len - 1] != '\n') np_buf_putc(&b->ids, '\n');
            for (size_t k = 1; k < b->ids.len; k++) b->n += b->ids.data[k] == '\n';
            push(&r->acking, b);
        } else if (l > 7 && !strcmp(name + l - 7, ".ndjson")) {
            snprintf(q, sizeof q, "%s/%.*s.ids", r->dir, (int)(l - 7), name);
            if (access(q, F_OK) != 0) unlink(p); /* written just before a crash */
        } else {
            unlink(p); /* a temporary */
        }
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    if (dropped)
        np__serve_log(s, NP_LOG_INFO,
                      "%zu batch%s read from Redis but not committed before the stop: reading "
                      "their entries again",
                      dropped, dropped == 1 ? "" : "es");
    if (r->acking.n)
        np__serve_log(s, NP_LOG_INFO, "%zu committed batch%s to acknowledge", r->acking.n,
                      r->acking.n == 1 ? "" : "es");
    /* Batches put back with --requeue go first (they have no entries to acknowledge). */
    names = list_dir(s->queue_dir, &n);
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(names[i]);
        if (l == 23 && !strcmp(names[i] + 16, ".ndjson")) {
            rbatch *b = calloc(1, sizeof *b);
            snprintf(p, sizeof p, "%s/%s", s->queue_dir, names[i]);
            if (!b || !(b->path = strdup(p))) {
                free_batch(b);
                break;
            }
            push(&r->ready, b);
        }
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    s->queued = held(r);
    return 0;
}

static char *dup_or_null(const char *s, int *bad)
{
    char *d = s ? strdup(s) : NULL;
    if (s && !d) *bad = 1;
    return d;
}

static int redis_start(np_server *s)
{
    const np_redis_conf *c = &s->sc->rin;
    redis_src *r = calloc(1, sizeof *r);
    if (!r) return -1;
    int bad = 0;
    r->s = s;
    r->host = dup_or_null(c->host, &bad);
    r->path = dup_or_null(c->path, &bad);
    r->url = dup_or_null(c->url, &bad);
    r->stream = dup_or_null(c->stream, &bad);
    r->group = dup_or_null(c->group, &bad);
    r->consumer = dup_or_null(c->consumer, &bad);
    r->field = dup_or_null(c->field, &bad);
    r->port = c->port;
    r->claim_ms = c->claim_ms;
    size_t dl = strlen(s->state_dir) + 8;
    r->dir = malloc(dl);
    if (r->dir) snprintf(r->dir, dl, "%s/redis", s->state_dir);
    r->next_seq = 1;
    r->history = 1;
    snprintf(r->history_from, sizeof r->history_from, "0");
    snprintf(r->claim_from, sizeof r->claim_from, "0-0");
    r->last_claim = now_ms(); /* first claim after claim_idle/2: a restart first takes back
                                 its own entries */
    s->stats.stream_lag = s->stats.stream_pending = -1;
    s->source = r;
    uv_timer_init(s->loop, &r->tick);
    r->tick.data = r;
    if (bad || !r->dir || (mkdir(r->dir, 0755) < 0 && errno != EEXIST)) {
        np__serve_log(s, NP_LOG_ERR, "cannot create %s: %s", r->dir ? r->dir : "redis/",
                      bad ? "out of memory" : strerror(errno));
        return -1;
    }
    recover(r);
    /* Often enough for refresh() to keep held entries below claim_idle/2 + a tick. */
    uint64_t tick = r->claim_ms / 4 < TICK_MS ? (uint64_t)r->claim_ms / 4 : TICK_MS;
    uv_timer_start(&r->tick, on_tick, tick, tick);
    snprintf(r->down, sizeof r->down, "redis %s: connecting", r->url);
    connect_now(r);
    if (r->ready.n) s->batch_waiting(s);
    return 0;
}

static const char *redis_next(np_server *s)
{
    redis_src *r = s->source;
    if (!r || s->stopping) return NULL;
    rbatch *b = pop(&r->ready);
    if (!b) {
        s->queued = held(r);
        return NULL;
    }
    push(&r->handed, b);
    s->queued = r->ready.n + 1;
    snprintf(r->path_buf, sizeof r->path_buf, "%s", b->path);
    return r->path_buf;
}

/* The processor is done with the oldest batch it was given (committed, or set aside in
 * failed/): its entries are acknowledged. */
static void redis_consumed(np_server *s)
{
    redis_src *r = s->source;
    if (!r) return;
    rbatch *b = pop(&r->handed);
    s->queued = held(r);
    if (!b) return;
    if (!b->ids_path) {
        free_batch(b); /* a requeued file */
    } else {
        push(&r->acking, b);
        send_ack(r, b);
    }
    pump(r);
}

static void redis_stop(np_server *s, void (*done)(np_server *s))
{
    /* Nothing more is read (s->stopping); acknowledgements go on until redis_free. */
    done(s);
}

static const char *redis_down(const np_server *s)
{
    const redis_src *r = s->source;
    return r && r->down[0] ? r->down : NULL;
}

static void on_tick_closed(uv_handle_t *h)
{
    redis_src *r = h->data;
    r->timer_closed = 1;
    maybe_free(r);
}

static void redis_free(np_server *s)
{
    redis_src *r = s->source;
    if (!r) return;
    s->source = NULL;
    r->freeing = 1;
    uv_close((uv_handle_t *)&r->tick, on_tick_closed);
    if (r->ac && r->connected && r->acking.n) {
        /* Waits for the replies still due (the last XACKs), then on_disconnect frees. */
        redisAsyncDisconnect(r->ac);
    } else if (r->ac) {
        /* Nothing to wait for (a blocked read's entries stay pending on this consumer). */
        redisAsyncContext *ac = r->ac;
        r->ac = NULL;
        redisAsyncFree(ac);
    }
}

const np_source_ops np__source_redis = {
    .start = redis_start,
    .stop = redis_stop,
    .next = redis_next,
    .consumed = redis_consumed,
    .down = redis_down,
    .free = redis_free,
};
