/* Records: field access, decoded text, and edits spliced into the original bytes on output,
 * so every byte a filter does not own passes through exactly as it came. */
#include "record_impl.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct np_chunk {
    np_chunk *next;
    size_t cap, used;
    alignas(max_align_t) unsigned char data[];
};

#define CHUNK_MIN    (64 * 1024)
#define SCRATCH_KEEP (16 * 1024 * 1024)

void np_record_reset(np_record *r, const char *line, size_t len, const char *input, uint64_t lineno)
{
    r->line = line;
    r->len = len;
    r->input = input;
    r->lineno = lineno;
    r->nedits = 0;
    r->msg[0] = '\0';
    r->fail_code = 0;
    /* Keep scratch memory for the next record, unless one huge record inflated it. */
    size_t total = 0;
    for (np_chunk *c = r->chunks; c; c = c->next) total += c->cap;
    if (total > SCRATCH_KEEP) {
        np_chunk *c = r->chunks;
        while (c) {
            np_chunk *next = c->next;
            free(c);
            c = next;
        }
        r->chunks = NULL;
    }
    if (r->chunks) r->chunks->used = 0;
    r->cur = r->chunks;
}

void *np_record_scratch(np_record *r, size_t size)
{
    size_t need = (size + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
    if (need < size) return NULL;
    while (r->cur && r->cur->cap - r->cur->used < need) {
        if (!r->cur->next) break;
        r->cur = r->cur->next;
        r->cur->used = 0;
    }
    if (!r->cur || r->cur->cap - r->cur->used < need) {
        size_t cap = need > CHUNK_MIN ? need : CHUNK_MIN;
        np_chunk *c = malloc(sizeof *c + cap);
        if (!c) return NULL;
        c->cap = cap;
        c->used = 0;
        /* Insert after cur so chunks already holding this record's data stay in use. */
        if (r->cur) {
            c->next = r->cur->next;
            r->cur->next = c;
        } else {
            c->next = r->chunks;
            r->chunks = c;
        }
        r->cur = c;
    }
    void *p = r->cur->data + r->cur->used;
    r->cur->used += need;
    return p;
}

const char *np_record_bytes(const np_record *r, size_t *len)
{
    *len = r->len;
    return r->line;
}

unsigned long long np_record_lineno(const np_record *r)
{
    return r->lineno;
}

const char *np_record_input(const np_record *r)
{
    return r->input;
}

const np_json_object *np_record_object(const np_record *r)
{
    return &r->obj;
}

const np_json_member *np_record_get(const np_record *r, const char *key)
{
    return np_json_object_get(&r->obj, key);
}

const np_json_member *np_record_id(const np_record *r)
{
    const np_json_member *m = np_json_object_get(&r->obj, r->id_field ? r->id_field : "id");
    return m && m->type != NP_JSON_NULL ? m : NULL;
}

np_field_status np_record_text(np_record *r, const char *key, const char **s, size_t *n)
{
    const np_json_member *m = np_json_object_get(&r->obj, key);
    if (!m || m->type == NP_JSON_NULL) return NP_FIELD_ABSENT;
    if (m->type != NP_JSON_STRING) return NP_FIELD_WRONG_TYPE;
    if (np_json_string_is_plain(m->val, m->val_len)) {
        *s = m->val + 1;
        *n = m->val_len - 2;
        return NP_FIELD_STRING;
    }
    char *out = np_record_scratch(r, m->val_len);
    if (!out) return NP_FIELD_NOMEM;
    *n = np_json_decode_string_to(m->val, m->val_len, out);
    *s = out;
    return NP_FIELD_STRING;
}

int np_record_set(np_record *r, const char *key, const char *json, size_t n)
{
    size_t klen = strlen(key);
    char *copy = np_record_scratch(r, klen + n + 1);
    if (!copy) return -1;
    memcpy(copy, key, klen);
    memcpy(copy + klen, json, n);
    np_record_edit e = {copy, klen, copy + klen, n, np_json_object_get(&r->obj, key)};
    for (size_t i = 0; i < r->nedits; i++) {
        if (r->edits[i].key_len == klen && memcmp(r->edits[i].key, key, klen) == 0) {
            r->edits[i] = e;
            return 0;
        }
    }
    if (r->nedits == r->edits_cap) {
        size_t cap = r->edits_cap ? r->edits_cap * 2 : 8;
        np_record_edit *p = realloc(r->edits, cap * sizeof *p);
        if (!p) return -1;
        r->edits = p;
        r->edits_cap = cap;
    }
    r->edits[r->nedits++] = e;
    return 0;
}

np_verdict np_record_reject(np_record *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->msg, sizeof r->msg, fmt, ap);
    va_end(ap);
    return NP_REJECT;
}

np_verdict np_record_fail(np_record *r, int exit_code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->msg, sizeof r->msg, fmt, ap);
    va_end(ap);
    r->fail_code = exit_code;
    return NP_FAIL;
}

static int put_key_value(np_output *o, const np_record_edit *e, int comma)
{
    /* Keys are plain names chosen by filters ("entities"); they need no escaping. */
    if (comma && np_output_write(o, ",", 1) < 0) return -1;
    if (np_output_write(o, "\"", 1) < 0 || np_output_write(o, e->key, e->key_len) < 0 ||
        np_output_write(o, "\":", 2) < 0)
        return -1;
    return np_output_write(o, e->val, e->val_len);
}

int np_record_write(const np_record *r, np_output *o)
{
    if (r->nedits == 0) {
        if (np_output_write(o, r->line, r->len) < 0) return -1;
        return np_output_write(o, "\n", 1);
    }
    /* Replacements in member order, then appended members at the end of the last value. */
    size_t pos = 0;
    const char *line = r->line;
    for (size_t j = 0; j < r->obj.n; j++) {
        const np_json_member *m = &r->obj.m[j];
        for (size_t i = 0; i < r->nedits; i++) {
            if (r->edits[i].replace != m) continue;
            size_t vstart = (size_t)(m->val - line);
            if (np_output_write(o, line + pos, vstart - pos) < 0 ||
                np_output_write(o, r->edits[i].val, r->edits[i].val_len) < 0)
                return -1;
            pos = vstart + m->val_len;
        }
    }
    if (np_output_write(o, line + pos, r->obj.last_end - pos) < 0) return -1;
    int comma = r->obj.n > 0;
    for (size_t i = 0; i < r->nedits; i++) {
        if (r->edits[i].replace) continue;
        if (put_key_value(o, &r->edits[i], comma) < 0) return -1;
        comma = 1;
    }
    if (np_output_write(o, line + r->obj.last_end, r->len - r->obj.last_end) < 0) return -1;
    return np_output_write(o, "\n", 1);
}

void np_record_destroy(np_record *r)
{
    np_chunk *c = r->chunks;
    while (c) {
        np_chunk *next = c->next;
        free(c);
        c = next;
    }
    r->chunks = r->cur = NULL;
    free(r->edits);
    r->edits = NULL;
    np_json_object_free(&r->obj);
}
