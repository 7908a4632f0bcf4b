/* Minimal TAP producer for the C unit tests: ok(cond, "what"), skip_all(), done_testing(). */
#ifndef NP_TAP_H
#define NP_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int tap_n, tap_failed;

__attribute__((format(printf, 2, 3))) static int ok(int cond, const char *fmt, ...)
{
    va_list ap;
    printf("%s %d - ", cond ? "ok" : "not ok", ++tap_n);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    if (!cond) tap_failed++;
    return cond;
}

static inline void skip_all(const char *why)
{
    printf("1..0 # SKIP %s\n", why);
    exit(0);
}

static inline int done_testing(void)
{
    printf("1..%d\n", tap_n);
    return tap_failed ? 1 : 0;
}

/* The shared data directory, or NULL when ../shared is absent. */
static inline const char *tap_shared_dir(void)
{
    const char *s = getenv("NP_SHARED");
    return s && *s ? s : NULL;
}

#endif
