/* Reading and checking the serve-only keys of a pipeline file. */
#include "serve_conf.h"

#include <arpa/inet.h>
#include <errno.h>
#include <grp.h>
#include <libgen.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "cli.h"
#include "exitcode.h"
#include "yaml.h"

void np__serve_conf_defaults(np_serve_conf *sc)
{
    sc->max_line = 1 << 20;
    sc->max_clients = 64;
    sc->backlog = 511; /* as Redis and nginx: more than the old 128 a burst overran */
    sc->idle_ms = 300000;
    sc->read_ms = 30000;
    sc->socket_mode = -1;
    sc->batch_lines = 1000;
    sc->batch_bytes = 8 << 20;
    sc->batch_ms = 1000;
    sc->queue_max = 4;
    sc->timeout_ms = 0;
    sc->attempts_max = 10;
    sc->rin.claim_ms = 60000;
}

void np__serve_conf_free(np_serve_conf *sc)
{
    if (!sc) return;
    free(sc->src_path);
    free(sc->done_dir);
    free(sc->sink_path);
    free(sc->state_dir);
    free(sc->metrics);
    free(sc->socket_group);
    np_redis_conf *rcs[] = {&sc->rin, &sc->rout};
    for (int i = 0; i < 2; i++) {
        np_redis_conf *rc = rcs[i];
        free(rc->url);
        free(rc->host);
        free(rc->path);
        free(rc->stream);
        free(rc->group);
        free(rc->consumer);
        free(rc->field);
    }
    free(sc);
}

static void set_str(char **dst, char *s)
{
    if (!s) return;
    free(*dst);
    *dst = s;
}

/* Each mapping below is read pair by pair; `fn` handles one key and returns 0 when it does
 * not know it. */
typedef int (*pair_fn)(np_serve_conf *sc, const np_yaml_reader *r, const char *key,
                       const yaml_node_t *k, const yaml_node_t *v);

static void each_pair(np_serve_conf *sc, const np_yaml_reader *r, const yaml_node_t *map,
                      const char *what, const char *keys, pair_fn fn)
{
    for (yaml_node_pair_t *pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top;
         pr++) {
        const yaml_node_t *k = yaml_document_get_node(r->doc, pr->key);
        const yaml_node_t *v = yaml_document_get_node(r->doc, pr->value);
        if (k->type != YAML_SCALAR_NODE) {
            np__diag_add(r->d, np__yaml_mark(k), NP_EX_CONFIG, "a key of '%s' must be a string",
                         what);
            continue;
        }
        for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < pr; q++)
            if (!strcmp(np__yaml_text(yaml_document_get_node(r->doc, q->key)), np__yaml_text(k))) {
                np__diag_add(r->d, np__yaml_mark(k), NP_EX_CONFIG, "'%s' is given twice in '%s'",
                             np__yaml_text(k), what);
                goto next;
            }
        if (!fn(sc, r, np__yaml_text(k), k, v))
            np__diag_add(r->d, np__yaml_mark(k), NP_EX_CONFIG,
                         "unknown key '%s' in '%s' (the keys are: %s)", np__yaml_text(k), what,
                         keys);
    next:;
    }
}

static void get_size(const np_yaml_reader *r, const yaml_node_t *v, const char *key, uint64_t min,
                     uint64_t *out)
{
    char *s = r->string(r->ctx, v, key);
    if (!s) return;
    uint64_t n;
    if (np_parse_size(s, &n) < 0 || n < min)
        np__diag_add(r->d, np__yaml_mark(v), NP_EX_CONFIG,
                     "'%s' must be a size like 4096, 64k or 8M (at least %llu), not '%s'", key,
                     (unsigned long long)min, s);
    else
        *out = n;
    free(s);
}

static void get_count(const np_yaml_reader *r, const yaml_node_t *v, const char *key, uint64_t min,
                      uint64_t max, uint64_t *out)
{
    char *s = r->string(r->ctx, v, key);
    if (!s) return;
    if (np_parse_uint(s, min, max, out) < 0)
        np__diag_add(r->d, np__yaml_mark(v), NP_EX_CONFIG,
                     "'%s' must be a whole number from %llu to %llu, not '%s'", key,
                     (unsigned long long)min, (unsigned long long)max, s);
    free(s);
}

static void get_ms(const np_yaml_reader *r, const yaml_node_t *v, const char *key, long long *out)
{
    char *s = r->string(r->ctx, v, key);
    if (!s) return;
    int64_t ms;
    if (np_parse_duration_ms(s, &ms) == 0)
        *out = ms;
    else
        np__diag_add(r->d, np__yaml_mark(v), NP_EX_CONFIG,
                     "'%s' must be a duration like 1s, 250ms or 2m, not '%s'", key, s);
    free(s);
}

/* ---- redis: {url, stream, ...} in 'input' or 'output' ------------------------------------ */

int np__parse_redis_url(const char *url, np_redis_conf *rc)
{
    free(rc->host);
    free(rc->path);
    rc->host = rc->path = NULL;
    rc->port = 6379;
    if (!strncmp(url, "unix:", 5)) {
        const char *p = url + 5;
        if (!*p || strlen(p) >= sizeof(((struct sockaddr_un *)0)->sun_path)) return -1;
        return (rc->path = strdup(p)) ? 0 : -1;
    }
    if (strncmp(url, "redis://", 8) != 0) return -1;
    const char *h = url + 8, *end = h + strcspn(h, "/?#");
    if (memchr(h, '@', (size_t)(end - h))) return -1; /* no credentials in the file */
    const char *colon = NULL;
    if (*h == '[') {
        const char *rb = memchr(h, ']', (size_t)(end - h));
        if (!rb) return -1;
        colon = rb + 1 < end && rb[1] == ':' ? rb + 1 : NULL;
        if (!colon && rb + 1 != end) return -1;
    } else {
        colon = memchr(h, ':', (size_t)(end - h));
    }
    const char *hend = colon ? colon : end;
    if (*end && strcmp(end, "/") != 0) return -1; /* no database number or options */
    if (colon) {
        char port[8];
        size_t pl = (size_t)(end - colon - 1);
        uint64_t n;
        if (pl == 0 || pl >= sizeof port) return -1;
        memcpy(port, colon + 1, pl);
        port[pl] = '\0';
        if (np_parse_uint(port, 1, 65535, &n) < 0) return -1;
        rc->port = (int)n;
    }
    if (*h == '[') {
        h++;
        hend--;
    }
    if (hend <= h) return -1;
    return (rc->host = strndup(h, (size_t)(hend - h))) ? 0 : -1;
}

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

int np__redis_conf_same(const np_redis_conf *a, const np_redis_conf *b)
{
    return same(a->host, b->host) && a->port == b->port && same(a->path, b->path) &&
           same(a->stream, b->stream) && same(a->group, b->group) &&
           same(a->consumer, b->consumer) && same(a->field, b->field) &&
           a->claim_ms == b->claim_ms && a->maxlen == b->maxlen;
}

static const char REDIS_IN_KEYS[] = "url, stream, group, consumer, field, claim_idle";
static const char REDIS_OUT_KEYS[] = "url, stream, field, maxlen";

static int redis_pair(np_redis_conf *rc, int input, const np_yaml_reader *r, const char *key,
                      const yaml_node_t *v)
{
    if (!strcmp(key, "url")) {
        char *s = r->string(r->ctx, v, key);
        if (!s) return 1;
        if (np__parse_redis_url(s, rc) < 0) {
            np__diag_add(r->d, np__yaml_mark(v), NP_EX_CONFIG,
                         "'url' must be redis://HOST:PORT or unix:PATH, not '%s'", s);
            free(s);
            return 1;
        }
        set_str(&rc->url, s);
        if (rc->path) {
            /* A Unix socket path is relative to the pipeline file like other paths. */
            if (strncmp(np__yaml_text(v), "unix:", 5) == 0) {
                yaml_node_t copy = *v;
                copy.data.scalar.value += 5;
                copy.data.scalar.length -= 5;
                set_str(&rc->path, r->path(r->ctx, &copy, key));
            }
        }
        return 1;
    }
    char **str = !strcmp(key, "stream")              ? &rc->stream
                 : !strcmp(key, "field")             ? &rc->field
                 : input && !strcmp(key, "group")    ? &rc->group
                 : input && !strcmp(key, "consumer") ? &rc->consumer
                                                     : NULL;
    if (str) {
        char *s = r->string(r->ctx, v, key);
        if (s && (!*s || strpbrk(s, " \t\r\n"))) {
            np__diag_add(r->d, np__yaml_mark(v), NP_EX_CONFIG,
                         "'%s' must be a name without spaces, not '%s'", key, s);
            free(s);
            return 1;
        }
        set_str(str, s);
        return 1;
    }
    if (input && !strcmp(key, "claim_idle")) {
        get_ms(r, v, key, &rc->claim_ms);
        if (rc->claim_ms < 100)
            np__diag_add(r->d, np__yaml_mark(v), NP_EX_CONFIG,
                         "'claim_idle' must be at least 100ms (it should be well above the time "
                         "a batch takes)");
        return 1;
    }
    if (!input && !strcmp(key, "maxlen")) {
        get_count(r, v, key, 0, UINT64_MAX / 2, &rc->maxlen);
        return 1;
    }
    return 0;
}

static int redis_in_pair(np_serve_conf *sc, const np_yaml_reader *r, const char *key,
                         const yaml_node_t *k, const yaml_node_t *v)
{
    (void)k;
    return redis_pair(&sc->rin, 1, r, key, v);
}

static int redis_out_pair(np_serve_conf *sc, const np_yaml_reader *r, const char *key,
                          const yaml_node_t *k, const yaml_node_t *v)
{
    (void)k;
    return redis_pair(&sc->rout, 0, r, key, v);
}

static int need_mapping(const np_yaml_reader *r, const yaml_node_t *v, const char *key);

static int has_key(const np_yaml_reader *r, const yaml_node_t *map, const char *name)
{
    for (yaml_node_pair_t *pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top;
         pr++)
        if (!strcmp(np__yaml_text(yaml_document_get_node(r->doc, pr->key)), name)) return 1;
    return 0;
}

/* Reads `redis: {...}` into rc and says what is missing. */
static void get_redis(np_serve_conf *sc, const np_yaml_reader *r, const yaml_node_t *v, int input)
{
    np_redis_conf *rc = input ? &sc->rin : &sc->rout;
    rc->mark = np__yaml_mark(v);
    if (!need_mapping(r, v, "redis")) return;
    each_pair(sc, r, v, "redis", input ? REDIS_IN_KEYS : REDIS_OUT_KEYS,
              input ? redis_in_pair : redis_out_pair);
    const char *missing = !has_key(r, v, "url")              ? "url"
                          : !has_key(r, v, "stream")         ? "stream"
                          : input && !has_key(r, v, "group") ? "group"
                                                             : NULL;
    if (missing) np__diag_add(r->d, rc->mark, NP_EX_CONFIG, "'redis' needs '%s'", missing);
    if (!rc->field && !(rc->field = strdup("data"))) r->d->nomem = 1;
    if (input && !rc->consumer) {
        /* One consumer per host by default: a restarted server takes back its own pending
         * entries under the same name. */
        char host[256];
        if (gethostname(host, sizeof host) != 0) snprintf(host, sizeof host, "newspipe");
        host[sizeof host - 1] = '\0';
        if (!(rc->consumer = strdup(host))) r->d->nomem = 1;
    }
}

static const char INPUT_KEYS[] =
    "spool, done, follow, listen, redis, max_line, max_clients, backlog, "
    "idle_timeout, read_timeout, socket_mode, socket_group";

static int input_pair(np_serve_conf *sc, const np_yaml_reader *r, const char *key,
                      const yaml_node_t *k, const yaml_node_t *v)
{
    np_src_kind kind = !strcmp(key, "spool")    ? NP_SRC_SPOOL
                       : !strcmp(key, "follow") ? NP_SRC_FOLLOW
                       : !strcmp(key, "listen") ? NP_SRC_LISTEN
                       : !strcmp(key, "redis")  ? NP_SRC_REDIS
                                                : NP_SRC_NONE;
    if (kind != NP_SRC_NONE) {
        if (sc->src != NP_SRC_NONE) {
            np__diag_add(r->d, np__yaml_mark(k), NP_EX_CONFIG,
                         "'input' has two sources: give one of spool, follow, listen or redis");
            return 1;
        }
        sc->src = kind;
        sc->src_mark = np__yaml_mark(v);
        if (kind == NP_SRC_REDIS) {
            get_redis(sc, r, v, 1);
        } else if (kind == NP_SRC_LISTEN) {
            yaml_node_t copy; /* the value without its "unix:" */
            char *s = r->string(r->ctx, v, key);
            /* A Unix socket path is relative to the pipeline file like other paths. */
            if (s && (strchr(s, '/') || !strncmp(s, "unix:", 5))) {
                free(s);
                const char *t = np__yaml_text(v);
                if (!strncmp(t, "unix:", 5)) {
                    copy = *v;
                    copy.data.scalar.value = (yaml_char_t *)(t + 5);
                    copy.data.scalar.length -= 5;
                    s = r->path(r->ctx, &copy, key);
                } else {
                    s = r->path(r->ctx, v, key);
                }
            }
            set_str(&sc->src_path, s);
        } else {
            set_str(&sc->src_path, r->path(r->ctx, v, key));
        }
        return 1;
    }
    if (!strcmp(key, "done")) {
        sc->done_mark = np__yaml_mark(v);
        char *s = r->string(r->ctx, v, key);
        if (s && !strcmp(s, "remove")) {
            sc->done_remove = 1;
            free(s);
        } else if (s) {
            free(s);
            set_str(&sc->done_dir, r->path(r->ctx, v, key));
        }
        return 1;
    }
    if (!strcmp(key, "max_line")) {
        get_size(r, v, key, 64, &sc->max_line);
        return 1;
    }
    if (!strcmp(key, "max_clients")) {
        get_count(r, v, key, 1, 10000, &sc->max_clients);
        return 1;
    }
    if (!strcmp(key, "backlog")) {
        get_count(r, v, key, 1, 65535, &sc->backlog);
        return 1;
    }
    if (!strcmp(key, "idle_timeout")) {
        get_ms(r, v, key, &sc->idle_ms);
        return 1;
    }
    if (!strcmp(key, "read_timeout")) {
        get_ms(r, v, key, &sc->read_ms);
        return 1;
    }
    if (!strcmp(key, "socket_mode")) {
        /* Octal, as chmod takes it; YAML's 0660 is read as the text it is. */
        char *s = r->string(r->ctx, v, key), *end = NULL;
        long mode = s && *s && strspn(s, "01234567") == strlen(s) ? strtol(s, &end, 8) : -1;
        sc->socket_mode_mark = np__yaml_mark(v);
        if (mode < 0 || mode > 0777)
            np__diag_add(r->d, np__yaml_mark(v), NP_EX_CONFIG,
                         "'socket_mode' must be an octal file mode like 0660, not '%s'",
                         s ? s : "");
        else
            sc->socket_mode = (int)mode;
        free(s);
        return 1;
    }
    if (!strcmp(key, "socket_group")) {
        sc->socket_group_mark = np__yaml_mark(v);
        set_str(&sc->socket_group, r->string(r->ctx, v, key));
        return 1;
    }
    return 0;
}

int np__socket_group(const char *name, gid_t *gid)
{
    char *end;
    unsigned long n = strtoul(name, &end, 10);
    if (*name && !*end) {
        *gid = (gid_t)n;
        return 0;
    }
    struct group gr, *found = NULL;
    char buf[4096];
    if (getgrnam_r(name, &gr, buf, sizeof buf, &found) != 0 || !found) return -1;
    *gid = found->gr_gid;
    return 0;
}

static const char OUTPUT_KEYS[] = "file, spool, redis, rotate_size, rotate_age";

static int output_pair(np_serve_conf *sc, const np_yaml_reader *r, const char *key,
                       const yaml_node_t *k, const yaml_node_t *v)
{
    np_sink_kind kind = !strcmp(key, "file")    ? NP_SINK_FILE
                        : !strcmp(key, "spool") ? NP_SINK_SPOOL
                        : !strcmp(key, "redis") ? NP_SINK_REDIS
                                                : NP_SINK_PIPELINE;
    if (kind != NP_SINK_PIPELINE) {
        if (sc->sink != NP_SINK_PIPELINE) {
            np__diag_add(r->d, np__yaml_mark(k), NP_EX_CONFIG,
                         "'output' has two sinks: give one of file, spool or redis");
            return 1;
        }
        sc->sink = kind;
        sc->sink_mark = np__yaml_mark(v);
        if (kind == NP_SINK_REDIS)
            get_redis(sc, r, v, 0);
        else
            set_str(&sc->sink_path, r->path(r->ctx, v, key));
        return 1;
    }
    if (!strcmp(key, "rotate_size")) {
        get_size(r, v, key, 1, &sc->rotate_size);
        return 1;
    }
    if (!strcmp(key, "rotate_age")) {
        char *s = r->string(r->ctx, v, key);
        int64_t secs;
        if (s && (np_parse_duration(s, &secs) < 0 || secs < 1))
            np__diag_add(r->d, np__yaml_mark(v), NP_EX_CONFIG,
                         "'rotate_age' must be a duration like 1h or 1d, not '%s'", s);
        else if (s)
            sc->rotate_secs = secs;
        free(s);
        return 1;
    }
    return 0;
}

static const char BATCH_KEYS[] = "lines, bytes, time, queue, timeout, attempts";

static int batch_pair(np_serve_conf *sc, const np_yaml_reader *r, const char *key,
                      const yaml_node_t *k, const yaml_node_t *v)
{
    (void)k;
    if (!strcmp(key, "lines"))
        get_count(r, v, key, 1, 100000000, &sc->batch_lines);
    else if (!strcmp(key, "bytes"))
        get_size(r, v, key, 1024, &sc->batch_bytes);
    else if (!strcmp(key, "time"))
        get_ms(r, v, key, &sc->batch_ms);
    else if (!strcmp(key, "queue"))
        get_count(r, v, key, 1, 100000, &sc->queue_max);
    else if (!strcmp(key, "timeout"))
        get_ms(r, v, key, &sc->timeout_ms);
    else if (!strcmp(key, "attempts"))
        get_count(r, v, key, 1, 1000000, &sc->attempts_max);
    else
        return 0;
    return 1;
}

static int need_mapping(const np_yaml_reader *r, const yaml_node_t *v, const char *key)
{
    if (v->type == YAML_MAPPING_NODE) return 1;
    np__diag_add(r->d, np__yaml_mark(v), NP_EX_CONFIG, "'%s' must be a mapping", key);
    return 0;
}

int np__serve_conf_key(np_serve_conf **scp, const np_yaml_reader *r, const yaml_node_t *key,
                       const yaml_node_t *v)
{
    const char *k = np__yaml_text(key);
    int is_map = v->type == YAML_MAPPING_NODE;
    int mine = (is_map && (!strcmp(k, "input") || !strcmp(k, "output"))) ||
               !strcmp(k, "state_dir") || !strcmp(k, "batch") || !strcmp(k, "metrics");
    if (!mine) return 0;
    if (!*scp) {
        if (!(*scp = calloc(1, sizeof **scp))) {
            r->d->nomem = 1;
            return 1;
        }
        np__serve_conf_defaults(*scp);
    }
    np_serve_conf *sc = *scp;
    if (!strcmp(k, "input")) {
        each_pair(sc, r, v, "input", INPUT_KEYS, input_pair);
        if (sc->src == NP_SRC_NONE)
            np__diag_add(r->d, np__yaml_mark(v), NP_EX_CONFIG,
                         "'input' as a mapping needs a source: spool, follow, listen or redis");
        if ((sc->done_dir || sc->done_remove) && sc->src != NP_SRC_SPOOL)
            np__diag_add(r->d, sc->done_mark, NP_EX_CONFIG, "'done' goes with a 'spool' input");
        if (sc->src_path && (sc->socket_mode >= 0 || sc->socket_group) &&
            (sc->src != NP_SRC_LISTEN || !strchr(sc->src_path, '/')))
            np__diag_add(r->d, sc->socket_mode >= 0 ? sc->socket_mode_mark : sc->socket_group_mark,
                         NP_EX_CONFIG,
                         "'socket_mode' and 'socket_group' go with a Unix socket "
                         "(listen: unix:PATH)");
    } else if (!strcmp(k, "output")) {
        each_pair(sc, r, v, "output", OUTPUT_KEYS, output_pair);
        if (sc->sink == NP_SINK_PIPELINE)
            np__diag_add(r->d, np__yaml_mark(v), NP_EX_CONFIG,
                         "'output' as a mapping needs a sink: file, spool or redis");
        if ((sc->rotate_size || sc->rotate_secs) && sc->sink != NP_SINK_FILE)
            np__diag_add(r->d, np__yaml_mark(v), NP_EX_CONFIG,
                         "'rotate_size' and 'rotate_age' go with a 'file' output");
    } else if (!strcmp(k, "state_dir")) {
        sc->state_mark = np__yaml_mark(v);
        set_str(&sc->state_dir, r->path(r->ctx, v, k));
    } else if (!strcmp(k, "metrics")) {
        sc->metrics_mark = np__yaml_mark(v);
        char *s = r->string(r->ctx, v, k);
        struct sockaddr_storage ss;
        char *path = NULL;
        if (s && (np__parse_address(s, &ss, &path) < 0 || path)) {
            np__diag_add(r->d, np__yaml_mark(v), NP_EX_CONFIG,
                         "'metrics' must be a TCP address like 127.0.0.1:9464, not '%s'", s);
            free(s);
            s = NULL;
        }
        free(path);
        set_str(&sc->metrics, s);
    } else if (need_mapping(r, v, k)) {
        each_pair(sc, r, v, "batch", BATCH_KEYS, batch_pair);
    }
    return 1;
}

int np__parse_address(const char *s, struct sockaddr_storage *ss, char **path)
{
    *path = NULL;
    memset(ss, 0, sizeof *ss);
    if (!strncmp(s, "unix:", 5) || strchr(s, '/')) {
        const char *p = !strncmp(s, "unix:", 5) ? s + 5 : s;
        if (!*p || strlen(p) >= sizeof(((struct sockaddr_un *)0)->sun_path)) return -1;
        return (*path = strdup(p)) ? 0 : -1;
    }
    const char *colon = strrchr(s, ':');
    if (!colon) return -1;
    uint64_t port;
    if (np_parse_uint(colon + 1, 1, 65535, &port) < 0) return -1;
    char host[64];
    size_t hl = (size_t)(colon - s);
    if (hl >= sizeof host) return -1;
    memcpy(host, s, hl);
    host[hl] = '\0';
    if (hl >= 2 && host[0] == '[' && host[hl - 1] == ']') {
        host[hl - 1] = '\0';
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        return inet_pton(AF_INET6, host + 1, &a6->sin6_addr) == 1 ? 0 : -1;
    }
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)port);
    if (!*host || !strcmp(host, "localhost")) {
        a4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return 0;
    }
    return inet_pton(AF_INET, host, &a4->sin_addr) == 1 ? 0 : -1;
}

/* Whether address s is a TCP address that is not loopback (one that parses). */
static int reachable(const char *s)
{
    struct sockaddr_storage ss;
    char *path = NULL;
    if (!s || np__parse_address(s, &ss, &path) < 0 || path) {
        free(path);
        return 0;
    }
    if (ss.ss_family == AF_INET)
        return (ntohl(((struct sockaddr_in *)&ss)->sin_addr.s_addr) >> 24) != 127;
    const struct in6_addr *a = &((struct sockaddr_in6 *)&ss)->sin6_addr;
    if (IN6_IS_ADDR_V4MAPPED(a)) return a->s6_addr[12] != 127;
    return !IN6_IS_ADDR_LOOPBACK(a);
}

int np__serve_conf_exposed(const np_serve_conf *sc,
                           void (*warn)(void *arg, np_mark m, const char *key, const char *addr),
                           void *arg)
{
    int n = 0;
    if (sc->src == NP_SRC_LISTEN && reachable(sc->src_path)) {
        warn(arg, sc->src_mark, "listen", sc->src_path);
        n++;
    }
    if (reachable(sc->metrics)) {
        warn(arg, sc->metrics_mark, "metrics", sc->metrics);
        n++;
    }
    return n;
}

const char *np__serve_exposed_why(const char *key, const char *addr)
{
    static char msg[400];
    snprintf(msg, sizeof msg,
             "%s is reachable from other hosts, and newspipe serve has no access control: "
             "anyone who can connect %s; bind 127.0.0.1 or a Unix socket, or firewall it",
             addr, strcmp(key, "metrics") ? "can feed the pipeline" : "can read the metrics");
    return msg;
}

static int is_dir(const char *path, int writable)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode) && (!writable || access(path, W_OK) == 0);
}

static int parent_is_dir(const char *path)
{
    char *copy = strdup(path);
    if (!copy) return 0;
    int ok = is_dir(dirname(copy), 1);
    free(copy);
    return ok;
}

int np__serve_conf_check(const np_serve_conf *sc, np_diag *d)
{
    size_t before = d->n;
    struct sockaddr_storage ss;
    char *path = NULL;
    switch (sc->src) {
    case NP_SRC_SPOOL:
        if (sc->src_path && !is_dir(sc->src_path, 1))
            np__diag_add(d, sc->src_mark, NP_EX_NOINPUT,
                         "spool directory '%s' does not exist or is not writable", sc->src_path);
        if (sc->done_dir && !is_dir(sc->done_dir, 1))
            np__diag_add(d, sc->done_mark, NP_EX_CANTCREAT,
                         "done directory '%s' does not exist or is not writable", sc->done_dir);
        break;
    case NP_SRC_FOLLOW:
        if (sc->src_path && !parent_is_dir(sc->src_path))
            np__diag_add(d, sc->src_mark, NP_EX_NOINPUT,
                         "followed file '%s': its directory does not exist", sc->src_path);
        break;
    case NP_SRC_LISTEN:
        if (sc->src_path && np__parse_address(sc->src_path, &ss, &path) < 0)
            np__diag_add(d, sc->src_mark, NP_EX_CONFIG,
                         "'listen' must be HOST:PORT, :PORT, [V6]:PORT or unix:PATH, not '%s'",
                         sc->src_path);
        else if (path && !parent_is_dir(path))
            np__diag_add(d, sc->src_mark, NP_EX_CANTCREAT,
                         "socket '%s': its directory does not exist or is not writable", path);
        gid_t gid;
        if (sc->socket_group && np__socket_group(sc->socket_group, &gid) < 0)
            np__diag_add(d, sc->socket_group_mark, NP_EX_CONFIG, "socket_group '%s': no such group",
                         sc->socket_group);
        free(path);
        break;
    case NP_SRC_REDIS:
    case NP_SRC_NONE: break;
    }
    if (sc->sink == NP_SINK_SPOOL && sc->sink_path && !is_dir(sc->sink_path, 1))
        np__diag_add(d, sc->sink_mark, NP_EX_CANTCREAT,
                     "output spool directory '%s' does not exist or is not writable",
                     sc->sink_path);
    if (sc->sink == NP_SINK_FILE && sc->sink_path && !parent_is_dir(sc->sink_path))
        np__diag_add(d, sc->sink_mark, NP_EX_CANTCREAT,
                     "output '%s': its directory does not exist or is not writable", sc->sink_path);
    if (sc->state_dir && !is_dir(sc->state_dir, 1))
        np__diag_add(d, sc->state_mark, NP_EX_CANTCREAT,
                     "state_dir '%s' does not exist or is not writable", sc->state_dir);
    return (int)(d->n - before);
}
