/* Building the --stats summary line. A filter's own --stats object is merged in as it is
 * (after checking it is a JSON object), so new fields the filters add come through. */
#include "stats.h"

#include <signal.h>
#include <string.h>

#include "json.h"

static int put_stage(np_buf *out, const np_stage *st, const np_chain *c, size_t i,
                     const np_stats_counts *counts)
{
    const np_stage_status *s = np__chain_status(c, i);
    int rc = np_buf_puts(out, "{\"stage\":");
    rc |= np_json_put_string(out, st->label, strlen(st->label));
    if (!s->started)
        rc |= np_buf_puts(out, ",\"exit\":null,\"error\":\"not started\"");
    else if (s->term_signal) {
        const char *name = sigabbrev_np(s->term_signal);
        rc |= np_buf_puts(out, ",\"exit\":null,\"signal\":\"SIG");
        rc |= np_buf_puts(out, name ? name : "?");
        rc |= np_buf_putc(out, '"');
    } else {
        rc |= np_buf_puts(out, ",\"exit\":");
        rc |= np_buf_put_i64(out, (long long)s->exit_status);
    }
    if (s->started) {
        rc |= np_buf_puts(out, ",\"run_seconds\":");
        rc |= np_json_put_double(out, s->seconds, 4);
    }
    int have_filter_stats = 0;
    if (s->stats) {
        size_t n = strlen(s->stats);
        np_json_error err;
        /* Only a well-formed, non-empty object is merged: {"filter":...}. */
        if (np_json_validate(s->stats, n, &err) == NP_JSON_OK && n > 2 && s->stats[0] == '{' &&
            s->stats[n - 1] == '}') {
            rc |= np_buf_putc(out, ',');
            rc |= np_buf_append(out, s->stats + 1, n - 2);
            have_filter_stats = 1;
        }
    }
    if (!have_filter_stats && counts->counted) {
        /* A run: stage has no accounting of its own; give the lines the runner counted. */
        uint64_t in = i == 0 ? counts->input_lines : np__chain_lines(c, i - 1);
        uint64_t o = i + 1 == np__chain_size(c) ? counts->output_lines : np__chain_lines(c, i);
        rc |= np_buf_puts(out, ",\"in\":");
        rc |= np_buf_put_u64(out, in);
        rc |= np_buf_puts(out, ",\"out\":");
        rc |= np_buf_put_u64(out, o);
    }
    rc |= np_buf_putc(out, '}');
    return rc ? -1 : 0;
}

int np__stats_json(np_buf *out, const np_pipeline *p, const np_chain *c, int status, double seconds,
                   const np_stats_counts *counts)
{
    int rc = np_buf_puts(out, "{\"pipeline\":");
    rc |= np_json_put_string(out, p->name, strlen(p->name));
    rc |= np_buf_puts(out, ",\"status\":");
    rc |= np_buf_put_i64(out, status);
    rc |= np_buf_puts(out, ",\"seconds\":");
    rc |= np_json_put_double(out, seconds, 4);
    rc |= np_buf_puts(out, ",\"runner_cpu_seconds\":");
    rc |= np_json_put_double(out, counts->runner_cpu, 4);
    if (counts->counted) {
        rc |= np_buf_puts(out, ",\"input_lines\":");
        rc |= np_buf_put_u64(out, counts->input_lines);
        rc |= np_buf_puts(out, ",\"output_lines\":");
        rc |= np_buf_put_u64(out, counts->output_lines);
    }
    rc |= np_buf_puts(out, ",\"stages\":[");
    for (size_t i = 0; c && i < np__chain_size(c); i++) {
        if (i) rc |= np_buf_putc(out, ',');
        rc |= put_stage(out, &p->stages[i], c, i, counts);
    }
    rc |= np_buf_puts(out, "]}");
    return rc ? -1 : 0;
}
