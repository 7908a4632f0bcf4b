/* dedupe-variants: N articles for the dedupe benchmark, made from the Reuters sample with a
 * deterministic variation so that they are distinct stories, not exact copies: copy c of
 * an article replaces about one word in three with a token derived from (c, position),
 * which leaves copies far below any near-duplicate threshold. Copy 0 is the article as is.
 *
 *   dedupe-variants ARTICLES LABELS N > out.ndjson */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "corpus.h"
#include "hash.h"
#include "json.h"

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: dedupe-variants ARTICLES LABELS N\n");
        return 64;
    }
    ddb_article *a;
    long na = ddb_read(argv[1], argv[2], &a), n = atol(argv[3]);
    if (na <= 0) return 66;
    np_buf out = {0}, body = {0};
    for (long i = 0; i < n; i++) {
        const ddb_article *x = &a[i % na];
        long c = i / na;
        np_buf_clear(&body);
        if (c == 0)
            np_buf_puts(&body, x->body);
        else {
            long w = 0;
            for (const char *p = x->body; *p;) {
                const char *q = p;
                while (*q && *q != ' ') q++;
                uint64_t h = np_mix64((uint64_t)c << 32 ^ (uint64_t)w++);
                if (h % 3 == 0 && q > p)
                    np_buf_printf(&body, "v%llx", (unsigned long long)(h >> 40));
                else
                    np_buf_append(&body, p, (size_t)(q - p));
                while (*q == ' ') np_buf_putc(&body, *q++);
                p = q;
            }
        }
        np_buf_clear(&out);
        char id[600];
        snprintf(id, sizeof id, "%s-v%ld", x->id, c);
        np_buf_puts(&out, "{\"id\":");
        np_json_put_string(&out, id, strlen(id));
        np_buf_printf(
            &out,
            ",\"source\":\"Reuters\",\"published\":\"2013-10-%02ldT%02ld:%02ld:00Z\",\"title\":",
            1 + (i / 3600) % 28, (i / 60) % 24, i % 60);
        np_json_put_string(&out, x->title, strlen(x->title));
        np_buf_puts(&out, ",\"body\":");
        np_json_put_string(&out, body.data ? body.data : "", body.len);
        np_buf_puts(&out, "}\n");
        fwrite(out.data, 1, out.len, stdout);
    }
    np_buf_free(&out);
    np_buf_free(&body);
    ddb_free(a, na);
    return 0;
}
