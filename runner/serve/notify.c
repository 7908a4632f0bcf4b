/* sd_notify over a Unix datagram socket. */
#include "notify.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static struct sockaddr_un addr;
static socklen_t addr_len;

static void on_watchdog(uv_timer_t *t)
{
    np_notify *n = t->data;
    np__notify_send(n, "WATCHDOG=1");
}

int np__notify_init(np_notify *n, uv_loop_t *loop)
{
    n->fd = -1;
    n->timer_open = 0;
    n->watchdog_usec = 0;
    const char *sock = getenv("NOTIFY_SOCKET");
    const char *wd = getenv("WATCHDOG_USEC");
    const char *wpid = getenv("WATCHDOG_PID");
    if (wd && (!wpid || strtol(wpid, NULL, 10) == (long)getpid()))
        n->watchdog_usec = strtoull(wd, NULL, 10);
    int rc = 0;
    if (sock && *sock) {
        size_t len = strlen(sock);
        memset(&addr, 0, sizeof addr);
        addr.sun_family = AF_UNIX;
        if ((sock[0] != '/' && sock[0] != '@') || len >= sizeof addr.sun_path) {
            rc = -1;
        } else {
            memcpy(addr.sun_path, sock, len);
            if (sock[0] == '@') addr.sun_path[0] = '\0'; /* the abstract namespace */
            addr_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len + (sock[0] == '/'));
            n->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (n->fd < 0) rc = -1;
        }
    }
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
    if (n->fd >= 0 && n->watchdog_usec) {
        uint64_t ms = n->watchdog_usec / 2000;
        if (ms == 0) ms = 1;
        uv_timer_init(loop, &n->watchdog);
        n->watchdog.data = n;
        n->timer_open = 1;
        uv_timer_start(&n->watchdog, on_watchdog, ms, ms);
    }
    return rc;
}

int np__notify_send(np_notify *n, const char *fmt, ...)
{
    if (n->fd < 0) return 0;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (len < 0) return -1;
    if ((size_t)len >= sizeof msg) len = sizeof msg - 1;
    ssize_t k;
    do k = sendto(n->fd, msg, (size_t)len, MSG_NOSIGNAL, (struct sockaddr *)&addr, addr_len);
    while (k < 0 && errno == EINTR);
    return k == len ? 0 : -1;
}

uint64_t np__notify_monotonic_usec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

void np__notify_close(np_notify *n)
{
    if (n->timer_open) {
        uv_close((uv_handle_t *)&n->watchdog, NULL);
        n->timer_open = 0;
    }
    if (n->fd >= 0) close(n->fd);
    n->fd = -1;
}
