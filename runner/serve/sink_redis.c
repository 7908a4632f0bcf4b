/* The Redis sink (sink_redis.h). */
#include "sink_redis.h"

#include <errno.h>
#include <hiredis/hiredis.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#define CONNECT_TIMEOUT_S 2
#define REPLY_TIMEOUT_S   10
#define PIPELINE          256 /* XADDs sent before their answers are read */

struct np_redis_out {
    char *host, *path, *url, *stream, *field;
    int port;
    char maxlen[24]; /* "" when the stream is not trimmed */
    redisContext *c;
};

np_redis_out *np__redis_out_new(const np_redis_conf *c)
{
    np_redis_out *o = calloc(1, sizeof *o);
    if (!o) return NULL;
    o->host = c->host ? strdup(c->host) : NULL;
    o->path = c->path ? strdup(c->path) : NULL;
    o->url = strdup(c->url ? c->url : "?");
    o->stream = strdup(c->stream ? c->stream : "");
    o->field = strdup(c->field ? c->field : "data");
    o->port = c->port;
    if (c->maxlen) snprintf(o->maxlen, sizeof o->maxlen, "%" PRIu64, c->maxlen);
    if ((c->host && !o->host) || (c->path && !o->path) || !o->url || !o->stream || !o->field) {
        np__redis_out_free(o);
        return NULL;
    }
    return o;
}

void np__redis_out_free(np_redis_out *o)
{
    if (!o) return;
    if (o->c) redisFree(o->c);
    free(o->host);
    free(o->path);
    free(o->url);
    free(o->stream);
    free(o->field);
    free(o);
}

static int fail(np_redis_out *o, const char *what, char *msg, size_t len)
{
    snprintf(msg, len, "redis %s: %s", o->url, what);
    if (o->c) redisFree(o->c); /* a new connection for the next attempt */
    o->c = NULL;
    return -1;
}

static int connect_out(np_redis_out *o, char *msg, size_t len)
{
    if (o->c) return 0;
    struct timeval tv = {CONNECT_TIMEOUT_S, 0};
    o->c = o->path ? redisConnectUnixWithTimeout(o->path, tv)
                   : redisConnectWithTimeout(o->host, o->port, tv);
    if (!o->c) return fail(o, "out of memory", msg, len);
    if (o->c->err) {
        char what[200];
        snprintf(what, sizeof what, "cannot connect: %s", o->c->errstr);
        return fail(o, what, msg, len);
    }
    struct timeval rt = {REPLY_TIMEOUT_S, 0};
    redisSetTimeout(o->c, rt);
    return 0;
}

/* Reads the answers to n commands sent. Returns 0, or -1 with a message. */
static int answers(np_redis_out *o, size_t n, char *msg, size_t len)
{
    int rc = 0;
    char what[300] = "";
    for (size_t i = 0; i < n; i++) {
        void *reply = NULL;
        if (redisGetReply(o->c, &reply) != REDIS_OK) {
            snprintf(what, sizeof what, "XADD: %s", o->c->errstr[0] ? o->c->errstr : "no answer");
            return fail(o, what, msg, len);
        }
        redisReply *r = reply;
        if (r->type == REDIS_REPLY_ERROR && !rc) {
            /* Read the other answers too, so the connection stays in step. */
            snprintf(what, sizeof what, "XADD: %s", r->str);
            rc = -1;
        }
        freeReplyObject(r);
    }
    return rc ? fail(o, what, msg, len) : 0;
}

int np__redis_out_add(np_redis_out *o, const char *tmp, uint64_t *lines, char *msg, size_t len)
{
    *lines = 0;
    FILE *f = fopen(tmp, "r");
    if (!f) {
        snprintf(msg, len, "%s: %s", tmp, strerror(errno));
        return -1;
    }
    if (connect_out(o, msg, len) < 0) {
        fclose(f);
        return -1;
    }
    const char *argv[8] = {"XADD", o->stream};
    size_t lens[8];
    int argc = 2;
    if (o->maxlen[0]) {
        argv[argc++] = "MAXLEN";
        argv[argc++] = "~"; /* trimmed by whole nodes: cheap */
        argv[argc++] = o->maxlen;
    }
    argv[argc++] = "*";
    argv[argc++] = o->field;
    for (int i = 0; i < argc; i++) lens[i] = strlen(argv[i]);
    char *line = NULL;
    size_t cap = 0, sent = 0;
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, f)) > 0) {
        size_t l = (size_t)n;
        if (line[l - 1] == '\n') l--;
        if (l == 0) continue; /* not a record */
        (*lines)++;
        argv[argc] = line;
        lens[argc] = l;
        if (redisAppendCommandArgv(o->c, argc + 1, argv, lens) != REDIS_OK)
            rc = fail(o, "out of memory", msg, len);
        else if (++sent == PIPELINE) {
            rc = answers(o, sent, msg, len);
            sent = 0;
        }
    }
    if (rc == 0 && ferror(f)) {
        snprintf(msg, len, "%s: %s", tmp, strerror(errno));
        redisFree(o->c); /* answers are due on it */
        o->c = NULL;
        rc = -1;
    }
    if (rc == 0 && sent) rc = answers(o, sent, msg, len);
    free(line);
    fclose(f);
    return rc;
}
