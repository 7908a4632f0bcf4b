/* The pipeline-file keys only `newspipe serve` reads: a live source (`input:` as a mapping),
 * a sink with rotation or a spool directory (`output:` as a mapping), `state_dir:`, `batch:`
 * and `metrics:`. The pipeline loader hands these keys here; `newspipe run` ignores them (a
 * serve pipeline run once reads stdin or -i and writes stdout or -o). */
#ifndef NP_RUNNER_SERVE_CONF_H
#define NP_RUNNER_SERVE_CONF_H

#include <stdint.h>
#include <sys/types.h>
#include <yaml.h>

#include "diag.h"

typedef enum {
    NP_SRC_NONE,   /* no live source: serve refuses to start */
    NP_SRC_SPOOL,  /* a directory files are dropped into (by rename) */
    NP_SRC_FOLLOW, /* a file followed like tail -F */
    NP_SRC_LISTEN, /* a Unix or TCP socket producers write NDJSON lines to */
    NP_SRC_REDIS,  /* a Redis stream read as a member of a consumer group */
} np_src_kind;

typedef enum {
    NP_SINK_PIPELINE, /* no mapping: the pipeline's `output:` (a file appended to, or -) */
    NP_SINK_FILE,     /* a file appended to, rotated by size or age */
    NP_SINK_SPOOL,    /* a directory: one committed file per batch */
    NP_SINK_REDIS,    /* a Redis stream: each record XADDed */
} np_sink_kind;

/* `input: {redis: {...}}` or `output: {redis: {...}}`: where the server is and which stream.
 * url is "redis://HOST[:PORT]" (host and port) or "unix:PATH" (path, resolved against the
 * pipeline file's directory). All strings owned. */
typedef struct {
    char *url; /* as written, for messages */
    char *host;
    int port;
    char *path;
    char *stream;
    char *group;        /* input: the consumer group (created at the stream's start if absent) */
    char *consumer;     /* input: this server's name in it (default: the host name) */
    char *field;        /* the entry field that holds the JSON record (default "data") */
    long long claim_ms; /* input: entries pending this long on another consumer are claimed */
    uint64_t maxlen;    /* output: XADD MAXLEN ~ this (0: the stream is not trimmed) */
    np_mark mark;
} np_redis_conf;

typedef struct np_serve_conf {
    np_src_kind src;
    char *src_path; /* the spool directory, followed file or socket address (resolved) */
    np_mark src_mark;
    char *done_dir; /* spool: where processed files go (NULL with done_remove) */
    int done_remove;
    np_mark done_mark;
    uint64_t max_line;    /* listen: longest line accepted */
    uint64_t max_clients; /* listen: connections served at once */
    uint64_t backlog;     /* listen: connections the kernel queues beyond those */
    long long idle_ms;    /* listen: a connection silent this long is closed; 0: never */
    long long read_ms;    /* listen: a line unfinished this long after its first byte: closed */
    /* listen on a Unix socket: the socket file's mode (socket_mode, -1: as the umask makes
     * it) and group (socket_group: a name or number, NULL: the server's) */
    int socket_mode;
    char *socket_group;
    np_mark socket_mode_mark, socket_group_mark;

    np_sink_kind sink;
    char *sink_path;
    np_mark sink_mark;
    uint64_t rotate_size;    /* 0: never */
    int64_t rotate_secs;     /* 0: never */
    np_redis_conf rin, rout; /* src NP_SRC_REDIS, sink NP_SINK_REDIS */

    char *state_dir; /* NULL: $STATE_DIRECTORY or --state-dir */
    np_mark state_mark;
    char *metrics; /* "127.0.0.1:9464", or NULL */
    np_mark metrics_mark;

    uint64_t batch_lines;  /* a batch is cut at this many lines, */
    uint64_t batch_bytes;  /* or bytes, */
    long long batch_ms;    /* or this long after its first line */
    uint64_t queue_max;    /* intake pauses when this many batches wait */
    long long timeout_ms;  /* a batch taking longer is stopped and retried; 0: never */
    uint64_t attempts_max; /* a batch failing this often with an exit code is quarantined */
} np_serve_conf;

#define NP_SERVE_TOP_KEYS "state_dir, batch, metrics"

/* What the pipeline loader lends for reading values the way it reads its own: string()
 * expands ${VAR} and returns a copy (caller frees), path() also resolves it against the
 * pipeline's directory; both return NULL after recording an error in d. */
typedef struct {
    yaml_document_t *doc;
    np_diag *d;
    char *(*string)(void *ctx, const yaml_node_t *n, const char *key);
    char *(*path)(void *ctx, const yaml_node_t *n, const char *key);
    void *ctx;
} np_yaml_reader;

/* Called by the pipeline loader for each top-level key. Takes the keys above, and `input` or
 * `output` when their value is a mapping; creates *sc on first use. Returns 1 when it took
 * the key (errors, if any, are recorded with positions), 0 when the key is not its own. */
int np__serve_conf_key(struct np_serve_conf **sc, const np_yaml_reader *r, const yaml_node_t *key,
                       const yaml_node_t *value);

/* Checks the keys against the system without writing anything: directories exist, the
 * followed file's directory exists, addresses parse. Returns the number of errors added. */
int np__serve_conf_check(const np_serve_conf *sc, np_diag *d);

/* Fills defaults into a zeroed configuration. */
void np__serve_conf_defaults(np_serve_conf *sc);
void np__serve_conf_free(struct np_serve_conf *sc);

/* Parses a socket address: "unix:PATH" or a path containing '/' (a Unix socket; *path set,
 * caller frees), or "HOST:PORT" / ":PORT" / "[V6]:PORT" with a numeric host or "localhost"
 * (":PORT" means 127.0.0.1). Fills *ss (AF_INET/AF_INET6) for TCP. Returns 0 or -1. */
struct sockaddr_storage;
int np__parse_address(const char *s, struct sockaddr_storage *ss, char **path);

/* Parses a Redis URL, "redis://HOST[:PORT]" or "unix:PATH", into rc's host and port (6379
 * unless given) or path (as written). Returns 0, or -1 when it is neither. */
int np__parse_redis_url(const char *url, np_redis_conf *rc);
/* Whether two Redis configurations name the same stream the same way (for reloads). */
int np__redis_conf_same(const np_redis_conf *a, const np_redis_conf *b);

/* Resolves socket_group, a group name or number. Returns 0 with *gid, or -1: no such group. */
int np__socket_group(const char *name, gid_t *gid);

/* Calls warn(arg, mark, key, address) for each listener of sc that other hosts can reach:
 * a socket source or metrics on TCP at an address that is not loopback (newspipe serve has no
 * access control of its own: such a listener takes lines from, or shows metrics to, anyone
 * who can connect). Unix sockets are guarded by their file mode. Returns how many. */
int np__serve_conf_exposed(const np_serve_conf *sc,
                           void (*warn)(void *arg, np_mark m, const char *key, const char *addr),
                           void *arg);
/* The warning's text for listener key at addr (a static buffer, valid until the next call). */
const char *np__serve_exposed_why(const char *key, const char *addr);

#endif
