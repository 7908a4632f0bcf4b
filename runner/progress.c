/* Drawing the progress line. */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <uv.h>

#include "atomicfile.h"
#include "buf.h"

static void human(np_buf *b, double v)
{
    if (v >= 1e9)
        np_buf_printf(b, "%.1fG", v / 1e9);
    else if (v >= 1e6)
        np_buf_printf(b, "%.1fM", v / 1e6);
    else if (v >= 1e4)
        np_buf_printf(b, "%.1fk", v / 1e3);
    else
        np_buf_printf(b, "%.0f", v);
}

void np__progress_draw(np_progress *pr)
{
    double secs = (double)(uv_hrtime() - pr->start_ns) / 1e9;
    uint64_t in = pr->feed ? np__pump_lines(pr->feed) : 0;
    size_t n = np__chain_size(pr->chain);
    np_buf b = {0};
    np_buf_printf(&b, "\r\033[K%s %.1fs in ", pr->p->name, secs);
    human(&b, (double)in);
    np_buf_puts(&b, " (");
    human(&b, secs > 0 ? (double)in / secs : 0);
    np_buf_puts(&b, "/s)");
    uint64_t prev = in;
    for (size_t i = 0; i < n; i++) {
        uint64_t out =
            i + 1 < n ? np__chain_lines(pr->chain, i) : (pr->sink ? np__pump_lines(pr->sink) : 0);
        np_buf_printf(&b, " | %s ", pr->p->stages[i].label);
        if (np__chain_workers(pr->chain, i)) /* its records over all its workers */
            np_buf_printf(&b, "x%zu ", np__chain_workers(pr->chain, i));
        human(&b, (double)prev);
        np_buf_puts(&b, ">");
        human(&b, (double)out);
        if (np__chain_workers(pr->chain, i)) { /* the rate its workers make together */
            np_buf_puts(&b, " (");
            human(&b, secs > 0 ? (double)out / secs : 0);
            np_buf_puts(&b, "/s)");
        }
        prev = out;
    }
    /* Keep it on one terminal line, or \r cannot go back to its start. */
    struct winsize ws;
    size_t width = ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10 ? ws.ws_col - 1 : 79;
    size_t prefix = 4; /* "\r\033[K" */
    if (b.len > prefix + width) b.len = prefix + width;
    if (b.data) np_write_all(2, b.data, b.len);
    np_buf_free(&b);
    pr->shown = 1;
}

void np__progress_clear(np_progress *pr)
{
    if (!pr->shown) return;
    np_write_all(2, "\r\033[K", 4);
    pr->shown = 0;
}
