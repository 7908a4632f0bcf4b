/* The sd_notify protocol spoken directly (no libsystemd): datagrams such as "READY=1" or
 * "STATUS=..." sent to the Unix socket named by $NOTIFY_SOCKET (a path, or '@' for the
 * abstract namespace), and WATCHDOG=1 from a timer at half of $WATCHDOG_USEC when
 * $WATCHDOG_PID is unset or names this process. Without $NOTIFY_SOCKET everything here
 * does nothing. */
#ifndef NP_RUNNER_NOTIFY_H
#define NP_RUNNER_NOTIFY_H

#include <stdint.h>
#include <uv.h>

typedef struct {
    int fd; /* -1: not under a service manager */
    uv_timer_t watchdog;
    int timer_open;
    uint64_t watchdog_usec;
} np_notify;

/* Reads and unsets the environment variables (so that stages do not inherit them), opens the
 * socket and starts the watchdog timer on loop. Returns 0, or -1 when $NOTIFY_SOCKET is set
 * but unusable (n then does nothing; the caller may log it). */
int np__notify_init(np_notify *n, uv_loop_t *loop);
/* Sends one message ("READY=1\nSTATUS=serving"). Returns 0, or -1 (ignored by callers:
 * the service manager going away must not stop the server). */
int np__notify_send(np_notify *n, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Microseconds of CLOCK_MONOTONIC, for MONOTONIC_USEC= with RELOADING=1. */
uint64_t np__notify_monotonic_usec(void);
void np__notify_close(np_notify *n);

#endif
