/* NDJSON news text for the learning subcommands (see ndjson.h). */
#include "ndjson.h"

#include <stdio.h>

#include "buf.h"
#include "exitcode.h"
#include "jsonlines.h"

typedef struct {
    etag_ndjson_fn fn;
    void *ctx;
    char *err;
    size_t errlen;
    np_buf dec[2]; /* the decoded title and body */
} walk;

static int each(void *ctx, const np_json_object *obj, unsigned long line)
{
    (void)line;
    walk *w = ctx;
    static const char *const fields[2] = {"title", "body"};
    const char *texts[2] = {NULL, NULL};
    size_t lens[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        const np_json_member *m = np_json_object_get(obj, fields[k]);
        if (!m || m->type != NP_JSON_STRING) continue;
        np_buf_clear(&w->dec[k]);
        if (np_json_decode_string(m->val, m->val_len, &w->dec[k]) < 0) {
            snprintf(w->err, w->errlen, "out of memory");
            return -1;
        }
        texts[k] = w->dec[k].data ? w->dec[k].data : "";
        lens[k] = w->dec[k].len;
    }
    return w->fn(w->ctx, texts, lens, w->err, w->errlen) ? 1 : 0;
}

int etag_ndjson_each(const char *path, etag_ndjson_fn fn, void *ctx, char *err, size_t errlen)
{
    walk w = {fn, ctx, err, errlen, {{0}, {0}}};
    np_jsonlines_opts o = {0};
    int rc = np_jsonlines_each(path, each, &w, &o);
    if (rc < 0) snprintf(err, errlen, "%s: %s", path, o.why);
    np_buf_free(&w.dec[0]);
    np_buf_free(&w.dec[1]);
    return rc < 0 ? np_jsonlines_exit(rc) : rc ? NP_EX_SOFTWARE : NP_EX_OK;
}
