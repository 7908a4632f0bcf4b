/* JSON reader: JSONTestSuite conformance (every y_ accepted, every n_ rejected, i_ behaviour
 * printed), member spans, string decoding and the escaping writer. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "tap.h"

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, len = 0;
    char *p = malloc(cap);
    size_t k;
    while (p && (k = fread(p + len, 1, cap - len, f)) > 0) {
        len += k;
        if (len == cap) {
            char *q = realloc(p, cap *= 2);
            if (!q) {
                free(p);
                p = NULL;
            }
            p = q;
        }
    }
    fclose(f);
    *n = len;
    return p;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void conformance(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        ok(0, "open %s", dir);
        return;
    }
    char *names[1024];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 1024)
        if (e->d_name[0] == 'y' || e->d_name[0] == 'n' || e->d_name[0] == 'i')
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], by_name);
    int y_bad = 0, n_bad = 0, y = 0, nn = 0;
    np_json_object obj = {0};
    for (size_t i = 0; i < n; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len;
        char *text = slurp(path, &len);
        np_json_error err = {0, NULL};
        np_json_status st = np_json_parse_object(text ? text : "", text ? len : 0, &obj, &err);
        int accepted = st == NP_JSON_OK || st == NP_JSON_NOT_OBJECT;
        if (names[i][0] == 'y') {
            y++;
            if (!accepted) {
                y_bad++;
                printf("# y_ case rejected: %s (%s at %zu)\n", names[i], err.msg, err.offset);
            }
        } else if (names[i][0] == 'n') {
            nn++;
            if (accepted) {
                n_bad++;
                printf("# n_ case accepted: %s\n", names[i]);
            }
        } else {
            printf("# %s: %s\n", names[i], accepted ? "accepted" : "rejected");
        }
        free(text);
        free(names[i]);
    }
    np_json_object_free(&obj);
    ok(y > 90 && y_bad == 0, "JSONTestSuite: all %d y_ cases accepted (%d rejected)", y, y_bad);
    ok(nn > 150 && n_bad == 0, "JSONTestSuite: all %d n_ cases rejected (%d accepted)", nn, n_bad);
}

static void members(void)
{
    const char *s = " {\"id\" : 12.50e1, \"t\\u0069tle\":\"x\",\"o\":{\"a\":[1,{}]},\"n\":null} ";
    np_json_object obj = {0};
    np_json_error err;
    int st = np_json_parse_object(s, strlen(s), &obj, &err);
    ok(st == NP_JSON_OK && obj.n == 4, "four members found");
    const np_json_member *m = np_json_object_get(&obj, "id");
    ok(m && m->type == NP_JSON_NUMBER && m->val_len == 7 && memcmp(m->val, "12.50e1", 7) == 0,
       "number kept byte for byte");
    m = np_json_object_get(&obj, "title");
    ok(m && m->key_escaped && m->type == NP_JSON_STRING, "escaped key found by its decoded name");
    m = np_json_object_get(&obj, "o");
    ok(m && m->type == NP_JSON_OBJECT && m->val_len == 12, "nested object is one span");
    ok(s[obj.close] == '}' && s[obj.last_end - 1] == 'l', "close and last_end positions");
    const char *dup = "{\"a\":1,\"a\":2}";
    st = np_json_parse_object(dup, strlen(dup), &obj, &err);
    m = np_json_object_get(&obj, "a");
    ok(st == NP_JSON_OK && m && m->val[0] == '2', "duplicate keys: the last one wins");
    ok(np_json_parse_object("[1]", 3, &obj, &err) == NP_JSON_NOT_OBJECT, "array is not an object");
    ok(np_json_parse_object("{} x", 4, &obj, &err) == NP_JSON_INVALID && err.offset == 3,
       "trailing garbage rejected at its offset");
    ok(np_json_parse_object("{\"a\":01}", 8, &obj, &err) == NP_JSON_INVALID, "leading zero");
    ok(np_json_parse_object("{\"a\":\"\x01\"}", 8, &obj, &err) == NP_JSON_INVALID,
       "raw control character");
    ok(np_json_parse_object("{\"a\":\"\xc3\x28\"}", 9, &obj, &err) == NP_JSON_INVALID,
       "invalid UTF-8");
    ok(np_json_parse_object("{\"a\":\"\xed\xa0\x80\"}", 10, &obj, &err) == NP_JSON_INVALID,
       "UTF-8 encoded surrogate");
    ok(np_json_parse_object("\xef\xbb\xbf{}", 5, &obj, &err) == NP_JSON_INVALID, "BOM rejected");
    np_json_object_free(&obj);
}

static void strings(void)
{
    np_buf b = {0};
    const char *v = "\"a\\n\\u00e9\\ud83d\\ude00\\ud800x\\/\\\"\"";
    np_json_decode_string(v, strlen(v), &b);
    ok(b.len == 14 && memcmp(b.data, "a\n\xc3\xa9\xf0\x9f\x98\x80\xef\xbf\xbdx/\"", 14) == 0,
       "escapes, surrogate pair, lone surrogate -> U+FFFD");
    char out[64];
    size_t k = np_json_decode_string_to(v, strlen(v), out);
    ok(k == b.len && memcmp(out, b.data, k) == 0, "decode_string_to agrees");
    np_buf_clear(&b);
    np_json_put_string(&b, "q\"\\\n\x01\xc3\xa9", 7);
    ok(strcmp(b.data, "\"q\\\"\\\\\\n\\u0001\xc3\xa9\"") == 0, "writer escapes: %s", b.data);
    np_json_error err;
    ok(np_json_validate(b.data, b.len, &err) == NP_JSON_OK, "writer output is valid JSON");
    np_buf_clear(&b);
    np_json_put_double(&b, 0.97, 3);
    np_buf_putc(&b, ' ');
    np_json_put_double(&b, 1.0 / 0.0, 3);
    ok(strcmp(b.data, "0.97 null") == 0, "doubles: %s", b.data);
    np_buf_free(&b);
}

/* np_json_array_next: elements of an array member, nested objects read with the object
 * parser; empty arrays, whitespace and non-arrays. */
static void arrays(void)
{
    const char *rec = "{\"entities\": [ {\"type\":\"ORG\",\"span\":[1,2]} , 7,\"x\" ,[] ]}";
    np_json_object obj = {0}, el = {0};
    np_json_error err;
    ok(np_json_parse_object(rec, strlen(rec), &obj, &err) == NP_JSON_OK, "record parses");
    const np_json_member *m = np_json_object_get(&obj, "entities");
    size_t pos = 0;
    np_json_member e;
    int n = 0, types_ok = 1;
    static const np_json_type want[] = {NP_JSON_OBJECT, NP_JSON_NUMBER, NP_JSON_STRING,
                                        NP_JSON_ARRAY};
    while (np_json_array_next(m->val, m->val_len, &pos, &e)) {
        if (n < 4 && e.type != want[n]) types_ok = 0;
        if (n == 0) {
            ok(np_json_parse_object(e.val, e.val_len, &el, &err) == NP_JSON_OK && el.n == 2,
               "an element object parses with its members");
            const np_json_member *t = np_json_object_get(&el, "type");
            ok(t && t->val_len == 5 && memcmp(t->val, "\"ORG\"", 5) == 0, "its member is read");
        }
        if (n == 2) ok(e.val_len == 3 && e.key == NULL, "a string element spans its quotes");
        n++;
    }
    ok(n == 4 && types_ok, "four elements of the right types (%d)", n);
    ok(!np_json_array_next(m->val, m->val_len, &pos, &e), "the end stays the end");
    pos = 0;
    ok(!np_json_array_next(" [ ] ", 5, &pos, &e), "an empty array has no element");
    pos = 0;
    ok(np_json_array_next(" [1]", 4, &pos, &e) && e.val_len == 1 && e.val[0] == '1',
       "leading whitespace before the array");
    pos = 0;
    ok(!np_json_array_next("{\"a\":1}", 7, &pos, &e) && !np_json_array_next("3", 1, &pos, &e),
       "an object or a number is not an array");
    /* np_json_array_next_object: the same elements, an object's members read in the scan */
    pos = 0;
    n = 0;
    int st, members_ok = 1;
    while ((st = np_json_array_next_object(m->val, m->val_len, &pos, &e, &el)) == 1) {
        if (n < 4 && e.type != want[n]) types_ok = 0;
        if (n == 0) {
            const np_json_member *t = np_json_object_get(&el, "type");
            members_ok = el.n == 2 && t && t->val_len == 5 && memcmp(t->val, "\"ORG\"", 5) == 0 &&
                         e.val[0] == '{' && e.val[e.val_len - 1] == '}';
        } else if (el.n != 0) {
            members_ok = 0;
        }
        n++;
    }
    ok(st == 0 && n == 4 && types_ok && members_ok,
       "array_next_object: four elements, the object's two members, none for the others (%d)", n);
    pos = 0;
    ok(np_json_array_next_object("[{\"a\":[{\"b\":1}],\"c\":2}]", 22, &pos, &e, &el) == 1 &&
           el.n == 2 && el.m[0].type == NP_JSON_ARRAY && el.m[1].val[0] == '2',
       "array_next_object: only the element's own members, not its nested objects'");
    np_json_object_free(&el);
    np_json_object_free(&obj);
}

int main(void)
{
    members();
    arrays();
    strings();
    const char *shared = tap_shared_dir();
    char dir[4096];
    if (shared) {
        snprintf(dir, sizeof dir, "%s/data/json-test-suite/test_parsing", shared);
        DIR *d = opendir(dir);
        if (d) {
            closedir(d);
            conformance(dir);
        } else {
            printf("ok %d # SKIP JSONTestSuite: ../shared absent\n", ++tap_n);
        }
    } else {
        printf("ok %d # SKIP JSONTestSuite: ../shared absent\n", ++tap_n);
    }
    return done_testing();
}
