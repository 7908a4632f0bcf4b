/* /metrics (Prometheus text format 0.0.4) and /health over a minimal HTTP/1.x server on
 * libuv's TCP, a listener of its own (the producers' max_clients slots do not count here):
 * one GET per connection, answered and closed. Requests are read up to 8 KiB and at most 16
 * connections are served at once, so a misbehaving client cannot grow the server's memory;
 * and idle clients cannot lock the monitoring out: a request must arrive within 5 seconds,
 * and when all 16 are taken the oldest unanswered one makes way for a new one. */
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "serve.h"

#define MAX_REQUEST        8192
#define MAX_CLIENTS        16
#define REQUEST_TIMEOUT_MS 5000

typedef struct client client;

struct np_http {
    np_server *s;
    uv_tcp_t listener;
    uv_timer_t sweep;
    client *clients; /* oldest first */
    int nclients;
    int closing, listener_closed, sweep_closed;
};

struct client {
    uv_tcp_t tcp;
    np_http *http;
    client *prev, *next;
    uint64_t since; /* loop time it was accepted */
    char req[MAX_REQUEST];
    size_t len;
    uv_write_t wr;
    np_buf resp;
    int answered, closing;
};

/* ---- rendering ------------------------------------------------------------------------- */

static int esc_label(np_buf *b, const char *v)
{
    for (; *v; v++) {
        int rc = *v == '\\'   ? np_buf_puts(b, "\\\\")
                 : *v == '"'  ? np_buf_puts(b, "\\\"")
                 : *v == '\n' ? np_buf_puts(b, "\\n")
                              : np_buf_putc(b, *v);
        if (rc < 0) return -1;
    }
    return 0;
}

static int metric(np_buf *b, const char *name, const char *type, const char *help)
{
    return np_buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static int sample(np_buf *b, const char *name, const char *pipeline, const char *stage, double v)
{
    if (np_buf_printf(b, "%s{pipeline=\"", name) < 0 || esc_label(b, pipeline) < 0) return -1;
    if (stage && (np_buf_puts(b, "\",stage=\"") < 0 || esc_label(b, stage) < 0)) return -1;
    return np_buf_printf(b, "\"} %.17g\n", v);
}

/* Seconds since the oldest waiting batch file was written (0 when none waits). */
static double lag_seconds(np_server *s)
{
    DIR *d = opendir(s->waiting_dir);
    if (!d) return 0;
    time_t oldest = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, 0) < 0 || !S_ISREG(st.st_mode)) continue;
        if (!oldest || st.st_mtime < oldest) oldest = st.st_mtime;
    }
    closedir(d);
    if (!oldest) return 0;
    double lag = difftime(time(NULL), oldest);
    return lag > 0 ? lag : 0;
}

static long rss_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, rss = 0;
    if (!f) return 0;
    if (fscanf(f, "%ld %ld", &pages, &rss) != 2) rss = 0;
    fclose(f);
    return rss * sysconf(_SC_PAGESIZE);
}

int np__metrics_render(np_server *s, np_buf *b)
{
    const char *pl = s->p->name;
    const np_serve_stats *st = &s->stats;
    const char *why;
    int rc = 0;
#define GAUGE(name, help, v)                                                                       \
    (rc |= metric(b, name, "gauge", help), rc |= sample(b, name, pl, NULL, (double)(v)))
#define COUNTER(name, help, v)                                                                     \
    (rc |= metric(b, name, "counter", help), rc |= sample(b, name, pl, NULL, (double)(v)))
    GAUGE("newspipe_up", "1 while the server runs", 1);
    GAUGE("newspipe_failing_attempts",
          "failed runs of the batch in hand (0 when the last run succeeded)",
          np__batch_failures(s, &why));
    COUNTER("newspipe_intake_records_total", "lines accepted into the queue", st->intake_lines);
    COUNTER("newspipe_intake_bytes_total", "bytes accepted into the queue", st->intake_bytes);
    COUNTER("newspipe_intake_too_long_total", "socket lines dropped for exceeding max_line",
            st->too_long);
    COUNTER("newspipe_connections_total", "socket connections accepted", st->connections);
    COUNTER("newspipe_connections_timed_out_total",
            "socket connections closed after idle_timeout or read_timeout", st->timed_out);
    COUNTER("newspipe_connections_evicted_total",
            "idle socket connections closed to make way for a waiting one", st->evicted);
    uint64_t nclients = 0;
    int saturated = 0;
    if (s->src->clients) s->src->clients(s, &nclients, &saturated);
    GAUGE("newspipe_clients", "socket connections being served", nclients);
    GAUGE("newspipe_clients_saturated",
          "1 while every slot (max_clients) is busy and another connection waits", saturated);
    COUNTER("newspipe_records_in_total", "records in committed batches", st->records_in);
    COUNTER("newspipe_records_out_total", "records delivered to the output", st->records_out);
    COUNTER("newspipe_batches_total", "batches committed", st->batches);
    COUNTER("newspipe_batch_failures_total", "failed runs of a batch (each was retried)",
            st->batch_failures);
    COUNTER("newspipe_batches_quarantined_total", "batches moved to failed/ after repeated errors",
            st->quarantined);
    COUNTER("newspipe_batch_seconds_total", "time spent running and committing batches",
            st->batch_seconds);
    COUNTER("newspipe_reloads_total", "successful reloads (SIGHUP)", st->reloads);
    COUNTER("newspipe_reload_failures_total", "reloads refused (the old pipeline kept running)",
            st->reload_failures);
    GAUGE("newspipe_queue_batches", "batches waiting (including the one in hand)", s->queued);
    GAUGE("newspipe_open_batch_records", "lines read into the batch not yet cut",
          np__intake_open_lines(s));
    GAUGE("newspipe_lag_seconds", "age of the oldest batch waiting to be committed",
          lag_seconds(s));
    GAUGE("newspipe_intake_paused", "1 while intake is stopped because the queue is full",
          s->intake && np__intake_full(s));
    if (s->sc->src == NP_SRC_REDIS) {
        const char *down = s->src->down ? s->src->down(s) : NULL;
        GAUGE("newspipe_stream_up", "1 while the Redis source is connected", !down);
        /* Down, the last figures XINFO gave are old news: unknown. */
        GAUGE("newspipe_stream_lag",
              "entries of the stream the group has not read yet (XINFO GROUPS lag; -1 unknown)",
              down ? -1 : st->stream_lag);
        GAUGE("newspipe_stream_pending",
              "entries the group's consumers read and have not acknowledged (-1 unknown)",
              down ? -1 : st->stream_pending);
        COUNTER("newspipe_stream_claimed_total",
                "entries claimed from consumers idle for longer than claim_idle",
                st->stream_claimed);
        COUNTER("newspipe_stream_skipped_total", "entries without a one-line record field",
                st->stream_skipped);
    }
    GAUGE("newspipe_process_resident_memory_bytes", "the server's resident memory", rss_bytes());
    GAUGE("newspipe_uptime_seconds", "seconds since the server started",
          (double)(uv_hrtime() - s->start_ns) / 1e9);
#undef GAUGE
#undef COUNTER
    static const struct {
        const char *name, *type, *help;
        size_t off;
    } per_stage[] = {
        {"newspipe_stage_records_in_total", "counter", "records a stage read",
         offsetof(np_stage_counters, in)},
        {"newspipe_stage_records_out_total", "counter", "records a stage wrote",
         offsetof(np_stage_counters, out)},
        {"newspipe_stage_records_dropped_total", "counter", "records a stage dropped",
         offsetof(np_stage_counters, dropped)},
        {"newspipe_stage_records_rejected_total", "counter", "records a stage rejected",
         offsetof(np_stage_counters, rejected)},
        {"newspipe_stage_bytes_in_total", "counter", "bytes a stage read",
         offsetof(np_stage_counters, bytes_in)},
        {"newspipe_stage_bytes_out_total", "counter", "bytes a stage wrote",
         offsetof(np_stage_counters, bytes_out)},
        {"newspipe_stage_restarts_total", "counter",
         "failed runs blamed on a stage (it was started again)",
         offsetof(np_stage_counters, restarts)},
    };
    for (size_t m = 0; m < sizeof per_stage / sizeof *per_stage; m++) {
        rc |= metric(b, per_stage[m].name, per_stage[m].type, per_stage[m].help);
        for (size_t i = 0; i < st->nstages; i++) {
            const np_stage_counters *c = &st->stages[i];
            uint64_t v;
            memcpy(&v, (const char *)c + per_stage[m].off, sizeof v);
            rc |= sample(b, per_stage[m].name, pl, c->label, (double)v);
        }
    }
    rc |= metric(b, "newspipe_stage_seconds_total", "counter", "time stages ran");
    for (size_t i = 0; i < st->nstages; i++)
        rc |= sample(b, "newspipe_stage_seconds_total", pl, st->stages[i].label,
                     st->stages[i].seconds);
    return rc ? -1 : 0;
}

int np__health_render(np_server *s, np_buf *out)
{
    const char *why;
    unsigned failing = np__batch_failures(s, &why);
    np_buf_printf(out, "{\"pipeline\":\"");
    esc_label(out, s->p->name);
    if (s->stopping) {
        np_buf_puts(out, "\",\"status\":\"stopping\"}\n");
        return 503;
    }
    uint64_t nclients = 0;
    int saturated = 0;
    if (s->src->clients) s->src->clients(s, &nclients, &saturated);
    if (saturated) {
        np_buf_printf(out,
                      "\",\"status\":\"saturated\",\"clients\":%" PRIu64 ",\"max_clients\":%" PRIu64
                      "}\n",
                      nclients, s->sc->max_clients);
        return 503;
    }
    const char *down = s->src->down ? s->src->down(s) : NULL;
    if (down) {
        np_buf_puts(out, "\",\"status\":\"source down\",\"error\":\"");
        esc_label(out, down);
        np_buf_puts(out, "\"}\n");
        return 503;
    }
    if (failing >= 3) {
        np_buf_printf(out, "\",\"status\":\"failing\",\"attempts\":%u,\"error\":\"", failing);
        esc_label(out, why);
        np_buf_puts(out, "\"}\n");
        return 503;
    }
    np_buf_printf(out,
                  "\",\"status\":\"ok\",\"queued\":%" PRIu64 ",\"batches\":%" PRIu64
                  ",\"clients\":%" PRIu64 "}\n",
                  s->queued, s->stats.batches, nclients);
    return 200;
}

/* ---- serving ---------------------------------------------------------------------------- */

static void maybe_free(np_http *http)
{
    if (http->listener_closed && http->sweep_closed && http->nclients == 0) free(http);
}

static void on_client_closed(uv_handle_t *h)
{
    client *c = h->data;
    np_http *http = c->http;
    if (c->prev)
        c->prev->next = c->next;
    else
        http->clients = c->next;
    if (c->next) c->next->prev = c->prev;
    http->nclients--;
    np_buf_free(&c->resp);
    free(c);
    maybe_free(http);
}

static void close_client(client *c)
{
    if (c->closing) return;
    c->closing = 1;
    uv_close((uv_handle_t *)&c->tcp, on_client_closed);
}

static void on_written(uv_write_t *w, int status)
{
    (void)status;
    client *c = w->data;
    close_client(c);
}

static void respond(client *c, int code, const char *ctype, const np_buf *body, int head)
{
    const char *reason = code == 200   ? "OK"
                         : code == 404 ? "Not Found"
                         : code == 405 ? "Method Not Allowed"
                         : code == 400 ? "Bad Request"
                         : code == 503 ? "Service Unavailable"
                                       : "Error";
    size_t blen = body ? body->len : 0;
    np_buf_printf(&c->resp,
                  "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
                  "Connection: close\r\n\r\n",
                  code, reason, ctype, blen);
    if (!head && blen) np_buf_append(&c->resp, body->data, blen);
    uv_read_stop((uv_stream_t *)&c->tcp);
    c->answered = 1;
    if (!c->resp.data) return close_client(c);
    uv_buf_t b = uv_buf_init(c->resp.data, (unsigned)c->resp.len);
    c->wr.data = c;
    if (uv_write(&c->wr, (uv_stream_t *)&c->tcp, &b, 1, on_written) != 0) close_client(c);
}

static void handle(client *c)
{
    np_server *s = c->http->s;
    char method[8], target[256];
    np_buf body = {0};
    if (sscanf(c->req, "%7s %255s HTTP/1.", method, target) != 2) {
        np_buf_puts(&body, "bad request\n");
        respond(c, 400, "text/plain", &body, 0);
    } else if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        np_buf_puts(&body, "only GET and HEAD\n");
        respond(c, 405, "text/plain", &body, 0);
    } else {
        int head = !strcmp(method, "HEAD");
        char *q = strchr(target, '?');
        if (q) *q = '\0';
        if (!strcmp(target, "/metrics")) {
            np__metrics_render(s, &body);
            respond(c, 200, "text/plain; version=0.0.4; charset=utf-8", &body, head);
        } else if (!strcmp(target, "/health") || !strcmp(target, "/healthz")) {
            int code = np__health_render(s, &body);
            respond(c, code, "application/json", &body, head);
        } else {
            np_buf_puts(&body, "not found: try /metrics or /health\n");
            respond(c, 404, "text/plain", &body, head);
        }
    }
    np_buf_free(&body);
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    (void)suggested;
    client *c = h->data;
    *buf = uv_buf_init(c->req + c->len, (unsigned)(MAX_REQUEST - 1 - c->len));
}

static void on_read(uv_stream_t *st, ssize_t nread, const uv_buf_t *buf)
{
    (void)buf;
    client *c = st->data;
    if (c->answered || c->closing) return;
    if (nread < 0) return close_client(c);
    c->len += (size_t)nread;
    c->req[c->len] = '\0';
    if (strstr(c->req, "\r\n\r\n") || strstr(c->req, "\n\n")) return handle(c);
    if (c->len >= MAX_REQUEST - 1) {
        np_buf body = {0};
        np_buf_puts(&body, "request too large\n");
        respond(c, 400, "text/plain", &body, 0);
        np_buf_free(&body);
    }
}

/* Closes the clients whose request has not arrived within REQUEST_TIMEOUT_MS. */
static void on_sweep(uv_timer_t *t)
{
    np_http *http = t->data;
    uint64_t now = uv_now(http->s->loop);
    for (client *c = http->clients; c; c = c->next)
        if (!c->answered && now - c->since >= REQUEST_TIMEOUT_MS) close_client(c);
}

static void on_connection(uv_stream_t *server, int status)
{
    np_http *http = server->data;
    if (status < 0 || http->closing) return;
    client *c = calloc(1, sizeof *c);
    if (!c) return;
    c->http = http;
    c->since = uv_now(http->s->loop);
    uv_tcp_init(http->s->loop, &c->tcp);
    c->tcp.data = c;
    /* Appended: the list stays oldest first. */
    client **tail = &http->clients;
    client *prev = NULL;
    while (*tail) {
        prev = *tail;
        tail = &(*tail)->next;
    }
    c->prev = prev;
    *tail = c;
    http->nclients++;
    if (uv_accept(server, (uv_stream_t *)&c->tcp) != 0) return close_client(c);
    /* All slots taken: the oldest client still waiting for its answer makes way. */
    int open = 0;
    for (client *o = http->clients; o; o = o->next) open += !o->closing;
    if (open > MAX_CLIENTS)
        for (client *o = http->clients; o; o = o->next)
            if (!o->closing && !o->answered && o != c) {
                close_client(o);
                break;
            }
    uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
}

int np__http_start(np_server *s, const char *addr)
{
    struct sockaddr_storage ss;
    char *path = NULL;
    if (np__parse_address(addr, &ss, &path) < 0 || path) {
        free(path);
        np__serve_log(s, NP_LOG_ERR, "bad metrics address '%s'", addr);
        return -1;
    }
    np_http *http = calloc(1, sizeof *http);
    if (!http) return -1;
    http->s = s;
    uv_tcp_init(s->loop, &http->listener);
    http->listener.data = http;
    uv_timer_init(s->loop, &http->sweep);
    http->sweep.data = http;
    uv_timer_start(&http->sweep, on_sweep, 1000, 1000);
    s->http = http;
    int rc = uv_tcp_bind(&http->listener, (struct sockaddr *)&ss, 0);
    if (rc == 0) rc = uv_listen((uv_stream_t *)&http->listener, 32, on_connection);
    if (rc) {
        np__serve_log(s, NP_LOG_ERR, "cannot serve metrics on %s: %s", addr, uv_strerror(rc));
        return -1;
    }
    np__serve_log(s, NP_LOG_INFO, "metrics on http://%s/metrics and /health", addr);
    return 0;
}

static void on_listener_closed(uv_handle_t *h)
{
    np_http *http = h->data;
    http->listener_closed = 1;
    maybe_free(http);
}

static void on_sweep_closed(uv_handle_t *h)
{
    np_http *http = h->data;
    http->sweep_closed = 1;
    maybe_free(http);
}

void np__http_close(np_server *s)
{
    np_http *http = s->http;
    if (!http) return;
    s->http = NULL;
    http->closing = 1;
    /* Clients still being answered hold a pointer to http: the last one to close frees it. */
    uv_close((uv_handle_t *)&http->sweep, on_sweep_closed);
    uv_close((uv_handle_t *)&http->listener, on_listener_closed);
}
