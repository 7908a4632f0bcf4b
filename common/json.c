/* Strict JSON scanner and writer for the record path. The scanner validates the whole text
 * but only records the top-level members of an object; nested values are checked and
 * skipped. Strings are scanned eight bytes at a time, since article bodies are most of
 * the bytes we read. */
#include "json.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

typedef struct {
    const unsigned char *s;
    size_t n;
    size_t i;
    np_json_error *err;
} scanner;

#define ONES  0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

static int fail(scanner *sc, const char *msg)
{
    if (sc->err) {
        sc->err->offset = sc->i;
        sc->err->msg = msg;
    }
    return -1;
}

static inline void skip_ws(scanner *sc)
{
    while (sc->i < sc->n) {
        unsigned char c = sc->s[sc->i];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
        sc->i++;
    }
}

static inline int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* True when the 8 bytes in w hold a '"', a '\\', a control character or a non-ASCII byte.
 * (The zero-byte trick can flag bytes above a real hit, never without one.) */
static inline int special8(uint64_t w)
{
    uint64_t q = w ^ (ONES * '"');
    uint64_t b = w ^ (ONES * '\\');
    uint64_t t = ((q - ONES) & ~q) | ((b - ONES) & ~b) | ((w - ONES * 0x20) & ~w) | w;
    return (t & HIGHS) != 0;
}

/* Scans a string starting at the opening quote; on success sc->i is past the closing quote.
 * *escaped tells whether a backslash occurred. */
static int scan_string(scanner *sc, int *escaped)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n, i = sc->i + 1;
    int esc = 0;
    for (;;) {
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (special8(w)) break;
            i += 8;
        }
        if (i >= n) {
            sc->i = i;
            return fail(sc, "unterminated string");
        }
        unsigned char c = s[i];
        if (c == '"') {
            sc->i = i + 1;
            if (escaped) *escaped = esc;
            return 0;
        }
        if (c == '\\') {
            esc = 1;
            if (i + 1 >= n) {
                sc->i = i;
                return fail(sc, "unterminated string");
            }
            c = s[i + 1];
            if (c == 'u') {
                if (i + 6 > n || hexval(s[i + 2]) < 0 || hexval(s[i + 3]) < 0 ||
                    hexval(s[i + 4]) < 0 || hexval(s[i + 5]) < 0) {
                    sc->i = i;
                    return fail(sc, "invalid \\u escape in string");
                }
                i += 6;
            } else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' ||
                       c == 'r' || c == 't') {
                i += 2;
            } else {
                sc->i = i;
                return fail(sc, "invalid escape in string");
            }
        } else if (c < 0x20) {
            sc->i = i;
            return fail(sc, "control character in string");
        } else if (c < 0x80) {
            i++;
        } else {
            size_t k = np_utf8_seqlen(s + i, n - i);
            if (!k) {
                sc->i = i;
                return fail(sc, "invalid UTF-8 in string");
            }
            i += k;
        }
    }
}

static int scan_number(scanner *sc)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n, i = sc->i;
    if (i < n && s[i] == '-') i++;
    if (i >= n || s[i] < '0' || s[i] > '9') {
        sc->i = i;
        return fail(sc, "invalid number");
    }
    if (s[i] == '0') {
        i++;
    } else {
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    }
    if (i < n && s[i] == '.') {
        i++;
        if (i >= n || s[i] < '0' || s[i] > '9') {
            sc->i = i;
            return fail(sc, "invalid number: digit expected after '.'");
        }
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        if (i >= n || s[i] < '0' || s[i] > '9') {
            sc->i = i;
            return fail(sc, "invalid number: digit expected in exponent");
        }
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    }
    sc->i = i;
    return 0;
}

static int scan_literal(scanner *sc, const char *lit, size_t len)
{
    if (sc->n - sc->i < len || memcmp(sc->s + sc->i, lit, len) != 0)
        return fail(sc, "invalid literal");
    sc->i += len;
    return 0;
}

static int scan_value(scanner *sc, int depth, np_json_type *type);

static int scan_array(scanner *sc, int depth)
{
    sc->i++; /* '[' */
    skip_ws(sc);
    if (sc->i < sc->n && sc->s[sc->i] == ']') {
        sc->i++;
        return 0;
    }
    for (;;) {
        if (scan_value(sc, depth, NULL) < 0) return -1;
        skip_ws(sc);
        if (sc->i >= sc->n) return fail(sc, "unterminated array");
        unsigned char c = sc->s[sc->i++];
        if (c == ']') return 0;
        if (c != ',') {
            sc->i--;
            return fail(sc, "expected ',' or ']' in array");
        }
        skip_ws(sc);
    }
}

/* Scans an object; when obj is not NULL, records its members (top level only). */
static int scan_object(scanner *sc, int depth, np_json_object *obj)
{
    sc->i++; /* '{' */
    if (obj) {
        obj->n = 0;
        obj->last_end = sc->i;
    }
    skip_ws(sc);
    if (sc->i < sc->n && sc->s[sc->i] == '}') {
        if (obj) obj->close = sc->i;
        sc->i++;
        return 0;
    }
    for (;;) {
        if (sc->i >= sc->n || sc->s[sc->i] != '"') return fail(sc, "expected string key in object");
        size_t key_start = sc->i;
        int escaped = 0;
        if (scan_string(sc, &escaped) < 0) return -1;
        size_t key_end = sc->i;
        skip_ws(sc);
        if (sc->i >= sc->n || sc->s[sc->i] != ':') return fail(sc, "expected ':' after key");
        sc->i++;
        skip_ws(sc);
        size_t val_start = sc->i;
        np_json_type type;
        if (scan_value(sc, depth, &type) < 0) return -1;
        if (obj) {
            if (obj->n == obj->cap) {
                size_t cap = obj->cap ? obj->cap * 2 : 16;
                np_json_member *m = realloc(obj->m, cap * sizeof *m);
                if (!m) return fail(sc, "out of memory");
                obj->m = m;
                obj->cap = cap;
            }
            np_json_member *m = &obj->m[obj->n++];
            m->key = (const char *)sc->s + key_start + 1;
            m->key_len = key_end - key_start - 2;
            m->key_escaped = escaped != 0;
            m->val = (const char *)sc->s + val_start;
            m->val_len = sc->i - val_start;
            m->type = type;
            obj->last_end = sc->i;
        }
        skip_ws(sc);
        if (sc->i >= sc->n) return fail(sc, "unterminated object");
        unsigned char c = sc->s[sc->i++];
        if (c == '}') {
            if (obj) obj->close = sc->i - 1;
            return 0;
        }
        if (c != ',') {
            sc->i--;
            return fail(sc, "expected ',' or '}' in object");
        }
        skip_ws(sc);
    }
}

static int scan_value(scanner *sc, int depth, np_json_type *type)
{
    if (sc->i >= sc->n) return fail(sc, "value expected");
    np_json_type t;
    int rc;
    switch (sc->s[sc->i]) {
    case '"':
        t = NP_JSON_STRING;
        rc = scan_string(sc, NULL);
        break;
    case '{':
    case '[':
        if (depth >= NP_JSON_MAX_DEPTH) return fail(sc, "nesting too deep");
        if (sc->s[sc->i] == '{') {
            t = NP_JSON_OBJECT;
            rc = scan_object(sc, depth + 1, NULL);
        } else {
            t = NP_JSON_ARRAY;
            rc = scan_array(sc, depth + 1);
        }
        break;
    case 't':
        t = NP_JSON_TRUE;
        rc = scan_literal(sc, "true", 4);
        break;
    case 'f':
        t = NP_JSON_FALSE;
        rc = scan_literal(sc, "false", 5);
        break;
    case 'n':
        t = NP_JSON_NULL;
        rc = scan_literal(sc, "null", 4);
        break;
    default:
        t = NP_JSON_NUMBER;
        rc = scan_number(sc);
        break;
    }
    if (type) *type = t;
    return rc;
}

np_json_status np_json_parse_object(const char *s, size_t n, np_json_object *obj,
                                    np_json_error *err)
{
    /* err is only written, never read, so callers need not initialize it. */
    // cppcheck-suppress ctuuninitvar
    scanner sc = {(const unsigned char *)s, n, 0, err};
    skip_ws(&sc);
    np_json_status st = NP_JSON_OK;
    int rc;
    if (sc.i < n && sc.s[sc.i] == '{') {
        rc = scan_object(&sc, 1, obj);
    } else {
        st = NP_JSON_NOT_OBJECT;
        rc = scan_value(&sc, 0, NULL);
    }
    if (rc < 0)
        return (err && err->msg && strcmp(err->msg, "out of memory") == 0) ? NP_JSON_NOMEM
                                                                           : NP_JSON_INVALID;
    skip_ws(&sc);
    if (sc.i != n) {
        fail(&sc, "trailing characters after JSON value");
        return NP_JSON_INVALID;
    }
    return st;
}

np_json_status np_json_validate(const char *s, size_t n, np_json_error *err)
{
    /* err is only written, never read, so callers need not initialize it. */
    // cppcheck-suppress ctuuninitvar
    scanner sc = {(const unsigned char *)s, n, 0, err};
    skip_ws(&sc);
    if (scan_value(&sc, 0, NULL) < 0) return NP_JSON_INVALID;
    skip_ws(&sc);
    if (sc.i != n) {
        fail(&sc, "trailing characters after JSON value");
        return NP_JSON_INVALID;
    }
    return NP_JSON_OK;
}

/* One step of np_json_array_next(); with obj, an element object's members go into obj in the
 * same scan. Returns 1 (an element), 0 (no more) or -1 (out of memory; *pos at the end). */
static int array_step(const char *a, size_t n, size_t *pos, np_json_member *elem,
                      np_json_object *obj)
{
    scanner sc = {(const unsigned char *)a, n, *pos, NULL};
    int first = *pos == 0;
    if (obj) obj->n = 0;
    skip_ws(&sc);
    if (first) { /* step into the array */
        if (sc.i >= n || sc.s[sc.i] != '[') return 0;
        sc.i++;
    } else if (sc.i < n && sc.s[sc.i] == ',') { /* a later call: past the separator */
        sc.i++;
    }
    skip_ws(&sc);
    if (sc.i >= n || sc.s[sc.i] == ']') {
        *pos = n;
        return 0;
    }
    size_t start = sc.i;
    np_json_type type;
    int rc;
    np_json_error err = {0, NULL};
    if (obj && sc.s[sc.i] == '{') {
        sc.err = &err;
        type = NP_JSON_OBJECT;
        rc = scan_object(&sc, 2, obj);
    } else {
        rc = scan_value(&sc, 1, &type);
    }
    if (rc < 0) { /* out of memory, or not validated after all: stop */
        *pos = n;
        return err.msg && strcmp(err.msg, "out of memory") == 0 ? -1 : 0;
    }
    elem->key = NULL;
    elem->key_len = 0;
    elem->key_escaped = false;
    elem->val = a + start;
    elem->val_len = sc.i - start;
    elem->type = type;
    *pos = sc.i;
    return 1;
}

bool np_json_array_next(const char *a, size_t n, size_t *pos, np_json_member *elem)
{
    return array_step(a, n, pos, elem, NULL) == 1;
}

int np_json_array_next_object(const char *a, size_t n, size_t *pos, np_json_member *elem,
                              np_json_object *obj)
{
    return array_step(a, n, pos, elem, obj);
}

/* Reads one \uXXXX at s (pointing at the backslash). */
static uint32_t read_u4(const char *s)
{
    const unsigned char *u = (const unsigned char *)s + 2;
    return (uint32_t)(hexval(u[0]) << 12 | hexval(u[1]) << 8 | hexval(u[2]) << 4 | hexval(u[3]));
}

/* Decodes the escape at s[*i] (a backslash) into a code point, advancing *i. */
static uint32_t decode_escape(const char *s, size_t end, size_t *i)
{
    char c = s[*i + 1];
    switch (c) {
    case 'b': *i += 2; return '\b';
    case 'f': *i += 2; return '\f';
    case 'n': *i += 2; return '\n';
    case 'r': *i += 2; return '\r';
    case 't': *i += 2; return '\t';
    case 'u': break;
    default: *i += 2; return (unsigned char)c; /* " \ / */
    }
    uint32_t cp = read_u4(s + *i);
    *i += 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (*i + 6 <= end && s[*i] == '\\' && s[*i + 1] == 'u') {
            uint32_t lo = read_u4(s + *i);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                *i += 6;
                return 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
        }
        return 0xFFFD;
    }
    if (cp >= 0xDC00 && cp <= 0xDFFF) return 0xFFFD;
    return cp;
}

int np_json_decode_string(const char *val, size_t len, np_buf *out)
{
    size_t i = 1, end = len - 1, run = 1;
    if (np_buf_reserve(out, len) < 0) return -1; /* decoding never grows the text */
    while (i < end) {
        const char *bs = memchr(val + i, '\\', end - i);
        if (!bs) break;
        i = (size_t)(bs - val);
        if (np_buf_append(out, val + run, i - run) < 0) return -1;
        char enc[4];
        uint32_t cp = decode_escape(val, end, &i);
        if (np_buf_append(out, enc, np_utf8_encode(cp, enc)) < 0) return -1;
        run = i;
    }
    return np_buf_append(out, val + run, end - run);
}

size_t np_json_decode_string_to(const char *val, size_t len, char *out)
{
    size_t i = 1, end = len - 1, run = 1, o = 0;
    while (i < end) {
        const char *bs = memchr(val + i, '\\', end - i);
        if (!bs) break;
        i = (size_t)(bs - val);
        memcpy(out + o, val + run, i - run);
        o += i - run;
        uint32_t cp = decode_escape(val, end, &i);
        o += np_utf8_encode(cp, out + o);
        run = i;
    }
    memcpy(out + o, val + run, end - run);
    return o + end - run;
}

bool np_json_string_is_plain(const char *val, size_t len)
{
    return memchr(val + 1, '\\', len - 2) == NULL;
}

/* Compares an escaped JSON key with a plain C string. */
static bool key_equals(const char *k, size_t klen, const char *key)
{
    size_t i = 0;
    while (i < klen) {
        uint32_t cp;
        if (k[i] == '\\') {
            size_t j = i;
            cp = decode_escape(k, klen, &j);
            i = j;
        } else {
            cp = np_utf8_next(k, klen, &i);
        }
        char enc[4];
        size_t m = np_utf8_encode(cp, enc);
        if (strncmp(key, enc, m) != 0) return false;
        key += m;
    }
    return *key == '\0';
}

const np_json_member *np_json_object_get(const np_json_object *obj, const char *key)
{
    size_t klen = strlen(key);
    for (size_t j = obj->n; j-- > 0;) {
        const np_json_member *m = &obj->m[j];
        if (!m->key_escaped) {
            if (m->key_len == klen && memcmp(m->key, key, klen) == 0) return m;
        } else if (key_equals(m->key, m->key_len, key)) {
            return m;
        }
    }
    return NULL;
}

void np_json_object_free(np_json_object *obj)
{
    free(obj->m);
    obj->m = NULL;
    obj->n = obj->cap = 0;
}

int np_json_put_string(np_buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    if (np_buf_reserve(out, n + 2) < 0 || np_buf_putc(out, '"') < 0) return -1;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        if (np_buf_append(out, s + run, i - run) < 0) return -1;
        char e[6] = {'\\', 0, 0, 0, 0, 0};
        size_t m = 2;
        switch (c) {
        case '"': e[1] = '"'; break;
        case '\\': e[1] = '\\'; break;
        case '\n': e[1] = 'n'; break;
        case '\r': e[1] = 'r'; break;
        case '\t': e[1] = 't'; break;
        case '\b': e[1] = 'b'; break;
        case '\f': e[1] = 'f'; break;
        default:
            e[1] = 'u';
            e[2] = '0';
            e[3] = '0';
            e[4] = hex[c >> 4];
            e[5] = hex[c & 15];
            m = 6;
        }
        if (np_buf_append(out, e, m) < 0) return -1;
        run = i + 1;
    }
    if (np_buf_append(out, s + run, n - run) < 0) return -1;
    return np_buf_putc(out, '"');
}

int np_json_put_key(np_buf *out, const char *key)
{
    if (np_json_put_string(out, key, strlen(key)) < 0) return -1;
    return np_buf_putc(out, ':');
}

int np_json_put_double(np_buf *out, double v, int digits)
{
    if (!isfinite(v)) return np_buf_puts(out, "null");
    if (digits < 1) digits = 1;
    if (digits > 17) digits = 17;
    char tmp[40];
    int k = snprintf(tmp, sizeof tmp, "%.*g", digits, v);
    if (k < 0 || (size_t)k >= sizeof tmp) return -1;
    return np_buf_append(out, tmp, (size_t)k);
}
