/* libFuzzer target for the JSON reader: parse as a record, then exercise every accessor on
 * what was accepted (decoding must never overrun, the writer must round-trip, arrays step
 * element by element). Build and run
 * with `make fuzz FUZZ_SECONDS=N`; crashers land in tests/fuzz/crashers/ and are replayed by
 * the unit test test_fuzz_regress. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Steps through an accepted array: each element is a valid JSON value of the type it is
 * given, inside the array and after the one before; nested arrays are walked too. */
static void check_array(const char *a, size_t n)
{
    size_t pos = 0, last_end = 0;
    np_json_member e;
    np_json_error err;
    while (np_json_array_next(a, n, &pos, &e)) {
        if (e.val < a + last_end || e.val + e.val_len > a + n || pos > n) abort();
        if (np_json_validate(e.val, e.val_len, &err) != NP_JSON_OK) abort();
        static const char first[] = {'n', 'f', 't', 0, '"', '[', '{'};
        if (e.type != NP_JSON_NUMBER && e.val[0] != first[e.type]) abort();
        last_end = (size_t)(e.val - a) + e.val_len;
        if (e.type == NP_JSON_ARRAY) check_array(e.val, e.val_len);
    }
    if (pos != n) abort();
    /* the one-scan variant gives the same elements, and an object's members as the parser */
    static np_json_object a1, a2;
    size_t p1 = 0, p2 = 0;
    np_json_member e1, e2;
    for (;;) {
        bool more = np_json_array_next(a, n, &p1, &e1);
        int st = np_json_array_next_object(a, n, &p2, &e2, &a1);
        if (st < 0) return; /* out of memory */
        if (more != (st == 1) || p1 != p2) abort();
        if (!more) break;
        if (e1.val != e2.val || e1.val_len != e2.val_len || e1.type != e2.type) abort();
        if (e1.type != NP_JSON_OBJECT) {
            if (a1.n) abort();
            continue;
        }
        if (np_json_parse_object(e1.val, e1.val_len, &a2, &err) != NP_JSON_OK || a1.n != a2.n)
            abort();
        for (size_t i = 0; i < a1.n; i++)
            if (a1.m[i].key != a2.m[i].key || a1.m[i].val_len != a2.m[i].val_len) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static np_json_object obj;
    np_json_error err;
    const char *s = (const char *)data;
    np_json_status st = np_json_parse_object(s, size, &obj, &err);
    np_json_status v = np_json_validate(s, size, &err);
    if ((st == NP_JSON_INVALID) != (v == NP_JSON_INVALID)) abort();
    if (st != NP_JSON_OK) return 0;
    np_buf b = {0}, w = {0};
    for (size_t i = 0; i < obj.n; i++) {
        const np_json_member *m = &obj.m[i];
        if (m->type == NP_JSON_ARRAY) check_array(m->val, m->val_len);
        if (m->type != NP_JSON_STRING) continue;
        np_buf_clear(&b);
        if (np_json_decode_string(m->val, m->val_len, &b) < 0) abort();
        if (b.len > m->val_len) abort();
        if (np_utf8_validate(b.data, b.len) != b.len) abort();
        char *to = malloc(m->val_len ? m->val_len : 1);
        if (np_json_decode_string_to(m->val, m->val_len, to) != b.len) abort();
        if (memcmp(to, b.data, b.len) != 0) abort();
        free(to);
        /* Writing the decoded text gives a string that decodes to the same text. */
        np_buf_clear(&w);
        np_json_put_string(&w, b.data, b.len);
        if (np_json_validate(w.data, w.len, &err) != NP_JSON_OK) abort();
        np_buf chk = {0};
        np_json_decode_string(w.data, w.len, &chk);
        if (chk.len != b.len || memcmp(chk.data, b.data, b.len) != 0) abort();
        np_buf_free(&chk);
    }
    if (obj.n) (void)np_json_object_get(&obj, "body");
    np_buf_free(&b);
    np_buf_free(&w);
    return 0;
}
