/* NDJSON news text for the learning subcommands (see ndjson.h). */
#include "ndjson.h"

#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "json.h"

int etag_ndjson_each(const char *path, etag_ndjson_fn fn, void *ctx, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open", path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    np_json_object obj = {0};
    np_buf dec[2] = {{0}, {0}};
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, f)) >= 0) {
        np_json_error je;
        if (np_json_parse_object(line, (size_t)n, &obj, &je) != NP_JSON_OK) continue;
        static const char *const fields[2] = {"title", "body"};
        const char *texts[2] = {NULL, NULL};
        size_t lens[2] = {0, 0};
        for (int k = 0; k < 2 && rc == 0; k++) {
            const np_json_member *m = np_json_object_get(&obj, fields[k]);
            if (!m || m->type != NP_JSON_STRING) continue;
            np_buf_clear(&dec[k]);
            if (np_json_decode_string(m->val, m->val_len, &dec[k]) < 0) {
                snprintf(err, errlen, "out of memory");
                rc = -1;
                break;
            }
            texts[k] = dec[k].data ? dec[k].data : "";
            lens[k] = dec[k].len;
        }
        if (rc == 0) rc = fn(ctx, texts, lens, err, errlen);
    }
    if (rc == 0 && ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        rc = -1;
    }
    free(line);
    np_json_object_free(&obj);
    np_buf_free(&dec[0]);
    np_buf_free(&dec[1]);
    fclose(f);
    return rc;
}
