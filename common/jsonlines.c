/* JSON objects of a file, one a line (see jsonlines.h). */
#include "jsonlines.h"

#include <stdlib.h>
#include <sys/types.h>

#include "cli.h"

int np_jsonlines_each(FILE *f, np_jsonlines_fn fn, void *ctx, np_jsonlines_opts *opts)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned long lineno = 0;
    np_json_object obj = {0};
    int rc = 0;
    while (rc == 0 && (len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
        if (len == 0) continue;
        np_json_error err;
        np_json_status st = np_json_parse_object(line, (size_t)len, &obj, &err);
        if (st == NP_JSON_NOMEM) {
            rc = -1;
        } else if (st != NP_JSON_OK) {
            if (opts && ++opts->bad <= opts->report && opts->name != NULL)
                np_error("%s:%lu: %s; line skipped", opts->name, lineno,
                         st == NP_JSON_NOT_OBJECT ? "not a JSON object" : err.msg);
        } else {
            rc = fn(ctx, &obj, lineno);
        }
    }
    if (rc == 0 && ferror(f)) rc = -1;
    free(line);
    np_json_object_free(&obj);
    return rc;
}
