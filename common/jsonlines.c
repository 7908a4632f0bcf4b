/* JSON objects of a file, one a line (see jsonlines.h). */
#include "jsonlines.h"

#include <errno.h>
#include <string.h>

#include "cli.h"
#include "exitcode.h"
#include "input.h"

/* A line longer than this is a bad line (skipped without being held in memory). */
#define MAX_LINE (1u << 30)

int np_jsonlines_each(const char *path, np_jsonlines_fn fn, void *ctx, np_jsonlines_opts *opts)
{
    np_input *in = np_input_open(path, MAX_LINE);
    if (!in) {
        if (opts) opts->why = strerror(errno);
        return errno == ENOMEM ? -1 : NP_JSONLINES_NOFILE;
    }
    np_json_object obj = {0};
    int rc = 0;
    const char *line;
    size_t len;
    np_in_status st = NP_IN_EOF;
    while (rc == 0 && (st = np_input_next(in, &line, &len)) > 0) {
        unsigned long lineno = (unsigned long)np_input_lineno(in);
        np_json_error err;
        const char *msg;
        if (st == NP_IN_TOO_LONG) {
            msg = "line longer than 1 GiB";
        } else if (len == 0) {
            continue;
        } else {
            np_json_status js = np_json_parse_object(line, len, &obj, &err);
            if (js == NP_JSON_NOMEM) {
                rc = -1;
                break;
            }
            if (js == NP_JSON_OK) {
                rc = fn(ctx, &obj, lineno);
                continue;
            }
            msg = js == NP_JSON_NOT_OBJECT ? "not a JSON object" : err.msg;
        }
        if (opts && ++opts->bad <= opts->report && opts->name != NULL)
            np_error("%s:%lu: %s; line skipped", opts->name, lineno, msg);
    }
    if (rc == 0 && st < 0) {
        if (opts) opts->why = np_input_error(in);
        rc = st == NP_IN_CORRUPT ? NP_JSONLINES_DAMAGED : NP_JSONLINES_UNREAD;
    }
    if (rc == -1 && opts) opts->why = "out of memory";
    np_input_close(in);
    np_json_object_free(&obj);
    return rc;
}

int np_jsonlines_exit(int rc)
{
    switch (rc) {
    case NP_JSONLINES_NOFILE: return NP_EX_NOINPUT;
    case NP_JSONLINES_DAMAGED: return NP_EX_DATAERR;
    case NP_JSONLINES_UNREAD: return NP_EX_IOERR;
    default: return NP_EX_SOFTWARE;
    }
}
