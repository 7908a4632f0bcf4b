/* np__parse_redis_url: the forms the Redis source and sink take, and what they refuse
 * (credentials, database numbers and options stay out of the pipeline file). */
#include <stdlib.h>
#include <string.h>

#include "serve_conf.h"
#include "tap.h"

static int parses(const char *url, const char *host, int port, const char *path)
{
    np_redis_conf rc;
    memset(&rc, 0, sizeof rc);
    int r = np__parse_redis_url(url, &rc);
    int good = r == 0 && rc.port == port &&
               ((!host && !rc.host) || (host && rc.host && !strcmp(host, rc.host))) &&
               ((!path && !rc.path) || (path && rc.path && !strcmp(path, rc.path)));
    free(rc.host);
    free(rc.path);
    return good;
}

static int refused(const char *url)
{
    np_redis_conf rc;
    memset(&rc, 0, sizeof rc);
    int r = np__parse_redis_url(url, &rc);
    free(rc.host);
    free(rc.path);
    return r < 0;
}

int main(void)
{
    ok(parses("redis://127.0.0.1:6380", "127.0.0.1", 6380, NULL), "host and port");
    ok(parses("redis://localhost", "localhost", 6379, NULL), "default port 6379");
    ok(parses("redis://db.example.com:7000/", "db.example.com", 7000, NULL), "a trailing slash");
    ok(parses("redis://[::1]:6379", "::1", 6379, NULL), "IPv6 in brackets");
    ok(parses("unix:/run/redis/redis.sock", NULL, 6379, "/run/redis/redis.sock"), "unix:PATH");
    ok(refused("http://x"), "another scheme");
    ok(refused("redis://"), "no host");
    ok(refused("redis://h:0"), "port 0");
    ok(refused("redis://h:70000"), "port too large");
    ok(refused("redis://user:pw@h:6379"), "credentials");
    ok(refused("redis://h:6379/2"), "a database number");
    ok(refused("unix:"), "an empty path");
    ok(refused("redis://[::1"), "an open bracket");
    return done_testing();
}
