/* Strict RFC 8259 JSON: a validating scanner that finds top-level object members as byte
 * spans (no tree), string decoding, and the escaping writer.
 *
 * Accepted and rejected exactly as RFC 8259 says, plus: raw bytes must be valid UTF-8;
 * nesting deeper than NP_JSON_MAX_DEPTH is rejected; numbers are checked for syntax only
 * (any magnitude is accepted and kept byte for byte); escaped lone surrogates (\ud800) are
 * accepted, and np_json_decode_string() turns each into U+FFFD (one code point, so
 * code-point offsets agree with Python's json module). A UTF-8 byte-order mark is invalid. */
#ifndef NP_JSON_H
#define NP_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

#define NP_JSON_MAX_DEPTH 512

typedef enum {
    NP_JSON_NULL,
    NP_JSON_FALSE,
    NP_JSON_TRUE,
    NP_JSON_NUMBER,
    NP_JSON_STRING,
    NP_JSON_ARRAY,
    NP_JSON_OBJECT,
} np_json_type;

/* One top-level member of an object, as spans into the caller's buffer. */
typedef struct {
    const char *key; /* key bytes between the quotes, still escaped */
    size_t key_len;
    const char *val; /* the whole value: "..." with quotes, {...}, 12.5e3, true */
    size_t val_len;
    np_json_type type;
    bool key_escaped; /* key contains a backslash escape */
} np_json_member;

/* Members of a parsed top-level object. Zero-initialize; reuse across records (the array
 * grows and is kept); release with np_json_object_free(). */
typedef struct {
    np_json_member *m;
    size_t n, cap;
    size_t close;    /* offset of the closing '}' in the text */
    size_t last_end; /* offset just past the last member's value, or of '{' + 1 when empty */
} np_json_object;

typedef enum {
    NP_JSON_OK = 0,
    NP_JSON_NOT_OBJECT = 1, /* valid JSON text, but not an object */
    NP_JSON_INVALID = 2,    /* not valid JSON; see err */
    NP_JSON_NOMEM = 3,
} np_json_status;

typedef struct {
    size_t offset;   /* byte offset of the problem */
    const char *msg; /* static string, e.g. "invalid escape in string" */
} np_json_error;

/* Validates the JSON text s[0..n) (surrounding whitespace allowed) and, when it is an object,
 * fills obj with its top-level members in order. */
np_json_status np_json_parse_object(const char *s, size_t n, np_json_object *obj,
                                    np_json_error *err);

/* Validates any JSON text; returns NP_JSON_OK or NP_JSON_INVALID. */
np_json_status np_json_validate(const char *s, size_t n, np_json_error *err);

/* Finds the last member whose (unescaped) key equals key; NULL if absent. */
const np_json_member *np_json_object_get(const np_json_object *obj, const char *key);

void np_json_object_free(np_json_object *obj);

/* Steps through the elements of a validated array value a[0..n) (a member's val, say):
 * *pos starts at 0 and is advanced by each call, which sets elem's val, val_len and type
 * (key NULL) and returns true, or returns false after the last element (at once when the
 * value is not an array). An element object's members are then read with
 * np_json_parse_object(elem.val, elem.val_len, ...). */
bool np_json_array_next(const char *a, size_t n, size_t *pos, np_json_member *elem);
/* The same step, and when the element is an object its members are put in obj in the same
 * scan (obj->n is 0 for other elements): one pass over an array of objects where
 * np_json_array_next() and np_json_parse_object() take two. Returns 1 for an element, 0
 * after the last, -1 when out of memory. */
int np_json_array_next_object(const char *a, size_t n, size_t *pos, np_json_member *elem,
                              np_json_object *obj);

/* Decodes a validated JSON string value (with its quotes) into UTF-8, appended to out.
 * Returns 0, or -1 when out of memory. */
int np_json_decode_string(const char *val, size_t len, np_buf *out);

/* Decodes a validated JSON string value (with its quotes) into out, which must have room
 * for len bytes (decoding never lengthens a string). Returns the decoded length. */
size_t np_json_decode_string_to(const char *val, size_t len, char *out);

/* True when the validated string value (with quotes) contains no escapes, so its UTF-8
 * content is val+1 .. val+len-1 as is and can be used without copying. */
bool np_json_string_is_plain(const char *val, size_t len);

/* Appends s[0..n) (valid UTF-8) as a quoted, escaped JSON string. Returns 0 or -1. */
int np_json_put_string(np_buf *out, const char *s, size_t n);
/* Appends "key": with key escaped. */
int np_json_put_key(np_buf *out, const char *key);
/* Appends a double as the shortest round-tripping decimal with at most `digits`
 * significant digits (e.g. 0.97); NaN and infinities become null. */
int np_json_put_double(np_buf *out, double v, int digits);

#endif
