/* The server's log lines (serve.h): one line each on stderr, which systemd or the terminal
 * collects. */
#include <stdarg.h>
#include <stdio.h>

#include "serve.h"

void np__serve_log(np_server *s, int level, const char *fmt, ...)
{
    char msg[4500];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *name = s && s->p && s->p->name ? s->p->name : "?";
    if (s && s->log_prefix)
        fprintf(stderr, "<%d>newspipe serve %s: %s\n", level, name, msg);
    else
        fprintf(stderr, "newspipe serve %s: %s\n", name, msg);
}
